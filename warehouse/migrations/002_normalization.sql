-- Schema version 2: what normalization derives beyond v1 (salary, location, duplicates, roles).

-- Annualized pay (salary_min/max × periods per year) so postings paid by hour and by year compare.
ALTER TABLE postings ADD COLUMN salary_annual_min DOUBLE;
ALTER TABLE postings ADD COLUMN salary_annual_max DOUBLE;
-- ISO 3166-1 alpha-2 country when the location names one unambiguously.
ALTER TABLE postings ADD COLUMN country VARCHAR;
-- Postings that are the same job (other board, or reposted under a new id) share a cluster_id;
-- trends count each cluster once. A posting alone is its own cluster (cluster_id = posting_id).
ALTER TABLE postings ADD COLUMN cluster_id VARCHAR;
-- Normalized company + title: postings sharing it are candidates for the same cluster.
ALTER TABLE postings ADD COLUMN dedupe_key VARCHAR;
-- The taxonomy version the row's role and skills were derived with (`jobpulse reprocess` compares).
ALTER TABLE postings ADD COLUMN taxonomy_version VARCHAR;

-- Grain: one row per (posting, role it hires for). A post hiring for several roles (common on HN)
-- has several rows; `postings.role` is the primary (first) one.
CREATE TABLE posting_roles (
    posting_id VARCHAR NOT NULL,
    role       VARCHAR NOT NULL,
    specialism VARCHAR,
    focus      VARCHAR,
    seniority  VARCHAR,
    title      VARCHAR NOT NULL,   -- the title variant this role was read from
    PRIMARY KEY (posting_id, role, title)
);
