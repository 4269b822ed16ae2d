-- jobpulse warehouse, schema version 1. Each table states its grain.

-- Grain: one row per role, specialism or data-science focus (a small, seeded lookup).
CREATE TABLE roles (
    role_id     VARCHAR PRIMARY KEY,   -- data_scientist, ml_engineer, …, ml_platform, analytics, …
    name        VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,      -- 'role' | 'specialism' | 'focus'
    parent_role VARCHAR                -- for specialisms and focuses: the role they refine
);

-- Grain: one row per skill in the taxonomy.
CREATE TABLE skills (
    skill_id VARCHAR PRIMARY KEY,      -- stable lowercase slug (python, ci_cd, ab_testing, …)
    name     VARCHAR NOT NULL,
    category VARCHAR NOT NULL
);

-- Grain: one row per pipeline step execution (a crawl of one source, an ingest of one landing
-- file, a report, …).
CREATE TABLE runs (
    run_id       VARCHAR PRIMARY KEY,
    kind         VARCHAR NOT NULL,     -- 'crawl' | 'ingest' | 'import' | 'report'
    source       VARCHAR,
    landing_file VARCHAR,              -- for ingest/import: the partition it loaded
    started_at   TIMESTAMP NOT NULL,
    finished_at  TIMESTAMP,
    status       VARCHAR NOT NULL,     -- 'running' | 'ok' | 'failed'
    items        BIGINT,               -- records read
    loaded       BIGINT,               -- postings inserted or refreshed
    rejected     BIGINT,
    detail       JSON                  -- per-source counters, errors
);

-- Grain: one row per unique posting (source, source_id); posting_id is derived from those two.
CREATE TABLE postings (
    posting_id       VARCHAR PRIMARY KEY,
    source           VARCHAR NOT NULL,
    source_id        VARCHAR NOT NULL,
    board            VARCHAR,
    company          VARCHAR,
    title            VARCHAR NOT NULL,
    role             VARCHAR NOT NULL,  -- role id; 'other' when no ML role
    specialism       VARCHAR,           -- ML engineers: ml_platform | ml_hardware | ml_solutions_architect
    focus            VARCHAR,           -- data scientists: analytics | modelling
    seniority        VARCHAR,           -- intern | junior | mid | senior | staff | principal | lead
    location         VARCHAR,
    remote           VARCHAR,           -- remote | hybrid | onsite | NULL (unknown)
    salary_min       DOUBLE,
    salary_max       DOUBLE,
    salary_currency  VARCHAR,
    salary_period    VARCHAR,
    posted_at        TIMESTAMP,         -- as published by the source (UTC)
    first_seen       TIMESTAMP NOT NULL,-- first crawl/import that saw it
    last_seen        TIMESTAMP NOT NULL,
    url              VARCHAR,
    description_text VARCHAR,
    raw              JSON,              -- the source's record, for reprocessing without re-crawling
    UNIQUE (source, source_id)
);

-- Grain: one row per (posting, skill) mentioned; a skill counts once per posting.
CREATE TABLE posting_skills (
    posting_id VARCHAR NOT NULL,
    skill_id   VARCHAR NOT NULL,
    PRIMARY KEY (posting_id, skill_id)
);

-- Grain: one row per (run, posting) — which load saw which posting.
CREATE TABLE sightings (
    run_id     VARCHAR NOT NULL,
    posting_id VARCHAR NOT NULL,
    seen_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (run_id, posting_id)
);

-- Grain: one row per input record refused by ingest, with why and the record as read.
CREATE TABLE rejects (
    landing_file VARCHAR NOT NULL,
    line_no      BIGINT NOT NULL,      -- 1-based line (or record) number in the landing file
    run_id       VARCHAR,
    source       VARCHAR,
    reason       VARCHAR NOT NULL,
    raw          VARCHAR,              -- the record as read (may be invalid JSON)
    rejected_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (landing_file, line_no)
);

-- Grain: one row per landing file loaded: makes re-ingest of the same partition a no-op.
CREATE TABLE loaded_files (
    landing_file VARCHAR PRIMARY KEY,  -- path as given, resolved
    sha256       VARCHAR NOT NULL,
    run_id       VARCHAR NOT NULL,
    loaded_at    TIMESTAMP NOT NULL
);
