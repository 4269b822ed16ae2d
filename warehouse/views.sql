-- jobpulse analysis views and table macros (documented in warehouse/SCHEMA.md).
--
-- warehouse.db.connect() runs this file on every writable connection, after the migrations: views
-- hold no data, so they are replaced rather than migrated. Each view states its grain.
--
-- How every count and share below counts a posting:
--   * a duplicate cluster (postings.cluster_id: the same job on several boards, or reposted under a
--     new id) counts once; a posting with no cluster_id is a cluster of its own;
--   * a post hiring for several roles (rows in posting_roles) counts for each of them; a posting
--     with no posting_roles rows counts for postings.role;
--   * a posting's date is posted_at, or first_seen when the source gives no publication date;
--     weeks are ISO weeks (Monday to Sunday), months are calendar months.
-- Only functions DuckDB 1.5 also has are used, so the DuckDB CLI from PyPI can query the views.

-- Grain: one row per (posting, role it hires for, title it was read from).
CREATE OR REPLACE VIEW role_postings AS
WITH assignments AS (
    SELECT posting_id, role, specialism, focus, seniority, title
    FROM posting_roles
    UNION ALL
    SELECT p.posting_id, p.role, p.specialism, p.focus, p.seniority, p.title
    FROM postings p
    WHERE NOT EXISTS (SELECT 1 FROM posting_roles r WHERE r.posting_id = p.posting_id)
)
SELECT
    a.posting_id,
    coalesce(p.cluster_id, p.posting_id) AS cluster_id,
    a.role,
    a.specialism,
    a.focus,
    a.seniority,
    a.title,
    p.company,
    p.source,
    p.board,
    p.country,
    p.remote,
    coalesce(p.posted_at, p.first_seen)::DATE AS posted_on,
    date_trunc('week', coalesce(p.posted_at, p.first_seen))::DATE AS week,
    date_trunc('month', coalesce(p.posted_at, p.first_seen))::DATE AS month
FROM assignments a
JOIN postings p ON p.posting_id = a.posting_id;

-- Grain: one row per (ISO week, role) with at least one posting.
CREATE OR REPLACE VIEW weekly_role_postings AS
SELECT
    week,
    strftime(week, '%G-W%V') AS iso_week,
    role,
    count(DISTINCT cluster_id) AS postings,
    count(DISTINCT company) AS companies
FROM role_postings
GROUP BY week, role;

-- Grain: one row per (month, role) with at least one posting.
CREATE OR REPLACE VIEW monthly_role_postings AS
SELECT
    month,
    role,
    count(DISTINCT cluster_id) AS postings,
    count(DISTINCT company) AS companies
FROM role_postings
GROUP BY month, role;

-- Grain: one row per (ISO week, role, skill) where at least one of the role's postings that week
-- names the skill. share = with_skill / postings. Zero weeks are absent: use skill_share() for a
-- gap-free series.
CREATE OR REPLACE VIEW weekly_role_skill_shares AS
WITH mentions AS (
    SELECT r.week, r.role, s.skill_id, count(DISTINCT r.cluster_id) AS with_skill
    FROM role_postings r
    JOIN posting_skills s ON s.posting_id = r.posting_id
    GROUP BY r.week, r.role, s.skill_id
)
SELECT
    m.week,
    v.iso_week,
    m.role,
    m.skill_id,
    k.name AS skill_name,
    m.with_skill,
    v.postings,
    m.with_skill / v.postings AS share
FROM mentions m
JOIN weekly_role_postings v ON v.week = m.week AND v.role = m.role
LEFT JOIN skills k ON k.skill_id = m.skill_id;

-- Grain: one row per (month, role, skill) where at least one of the role's postings that month
-- names the skill. share = with_skill / postings.
CREATE OR REPLACE VIEW monthly_role_skill_shares AS
WITH mentions AS (
    SELECT r.month, r.role, s.skill_id, count(DISTINCT r.cluster_id) AS with_skill
    FROM role_postings r
    JOIN posting_skills s ON s.posting_id = r.posting_id
    GROUP BY r.month, r.role, s.skill_id
)
SELECT
    m.month,
    m.role,
    m.skill_id,
    k.name AS skill_name,
    m.with_skill,
    v.postings,
    m.with_skill / v.postings AS share
FROM mentions m
JOIN monthly_role_postings v ON v.month = m.month AND v.role = m.role
LEFT JOIN skills k ON k.skill_id = m.skill_id;

-- Grain: one row per (role, title) with case and spacing folded ("Sr. ML Engineer" and
-- "sr.  ml engineer" are one variant); title is the spelling used most often.
CREATE OR REPLACE VIEW title_variants AS
SELECT
    role,
    lower(regexp_replace(trim(title), '\s+', ' ', 'g')) AS title_key,
    mode(title) AS title,
    count(DISTINCT cluster_id) AS postings,
    count(DISTINCT company) AS companies,
    min(posted_on) AS first_posted,
    max(posted_on) AS last_posted
FROM role_postings
GROUP BY role, title_key;

-- Grain: one row per (company, role) with at least one posting.
CREATE OR REPLACE VIEW company_role_postings AS
SELECT
    company,
    role,
    count(DISTINCT cluster_id) AS postings,
    min(posted_on) AS first_posted,
    max(posted_on) AS last_posted
FROM role_postings
WHERE company IS NOT NULL
GROUP BY company, role;

-- Grain: one row per weekly-pipeline run that was published (a failed run never is).
CREATE OR REPLACE VIEW pipeline_runs AS
SELECT
    run_id,
    detail ->> 'flow_run_id' AS flow_run_id,
    started_at,
    finished_at,
    status,
    items,
    loaded,
    rejected,
    coalesce(json_array_length(detail -> 'flags'), 0) AS flags,
    detail
FROM runs
WHERE kind = 'pipeline';

-- Grain: one row per data-quality flag a pipeline run raised (see flows/quality.py).
CREATE OR REPLACE VIEW quality_flags AS
WITH flagged AS (
    SELECT run_id, started_at, unnest(CAST(detail -> 'flags' AS JSON[])) AS flag
    FROM runs
    WHERE kind = 'pipeline' AND json_array_length(detail -> 'flags') > 0
)
SELECT
    run_id,
    started_at,
    flag ->> 'check' AS "check",
    flag ->> 'source' AS source,
    flag ->> 'board' AS board,
    flag ->> 'field' AS field,
    CAST(flag ->> 'previous' AS DOUBLE) AS previous,
    CAST(flag ->> 'current' AS DOUBLE) AS current,
    flag ->> 'message' AS message
FROM flagged;

-- Table macro. Grain: one row per posting open on the day: published (or first seen) on or before
-- it and seen by a crawl on or after it. Count coalesce(cluster_id, posting_id) to count jobs.
CREATE OR REPLACE MACRO postings_active_on(on_date) AS TABLE
SELECT *
FROM postings
WHERE least(posted_at, first_seen)::DATE <= CAST(on_date AS DATE)
  AND last_seen::DATE >= CAST(on_date AS DATE);

-- Table macro. Grain: one row per period (period := 'month' | 'week' | 'quarter' | 'year') in which
-- the role has postings, with the share naming the skill; periods without a mention show 0.
CREATE OR REPLACE MACRO skill_share(for_role, for_skill, period := 'month') AS TABLE
WITH volume AS (
    SELECT date_trunc(period, posted_on)::DATE AS period_start, count(DISTINCT cluster_id) AS postings
    FROM role_postings
    WHERE role = for_role
    GROUP BY period_start
),
mentions AS (
    SELECT date_trunc(period, r.posted_on)::DATE AS period_start, count(DISTINCT r.cluster_id) AS with_skill
    FROM role_postings r
    JOIN posting_skills s ON s.posting_id = r.posting_id
    WHERE r.role = for_role AND s.skill_id = for_skill
    GROUP BY period_start
)
SELECT
    v.period_start,
    coalesce(m.with_skill, 0) AS with_skill,
    v.postings,
    coalesce(m.with_skill, 0) / v.postings AS share
FROM volume v
LEFT JOIN mentions m ON m.period_start = v.period_start
ORDER BY v.period_start;

-- Table macro. Grain: one row per skill named by the role's postings dated in [since, until),
-- most asked-for first.
CREATE OR REPLACE MACRO role_skills(for_role, since := DATE '1970-01-01', until := DATE '9999-12-31') AS TABLE
WITH scoped AS (
    SELECT posting_id, cluster_id
    FROM role_postings
    WHERE role = for_role AND posted_on >= CAST(since AS DATE) AND posted_on < CAST(until AS DATE)
),
mentions AS (
    SELECT s.skill_id, count(DISTINCT c.cluster_id) AS with_skill
    FROM scoped c
    JOIN posting_skills s ON s.posting_id = c.posting_id
    GROUP BY s.skill_id
)
SELECT
    m.skill_id,
    k.name AS skill_name,
    k.category,
    m.with_skill,
    (SELECT count(DISTINCT cluster_id) FROM scoped) AS postings,
    m.with_skill / (SELECT count(DISTINCT cluster_id) FROM scoped) AS share
FROM mentions m
LEFT JOIN skills k ON k.skill_id = m.skill_id
ORDER BY m.with_skill DESC, m.skill_id;

-- Table macro. Grain: one row per posting that names the skill.
CREATE OR REPLACE MACRO postings_with_skill(for_skill) AS TABLE
SELECT p.*
FROM postings p
WHERE p.posting_id IN (SELECT posting_id FROM posting_skills WHERE skill_id = for_skill);

-- ── Long-horizon shares (the report's `long_trends`, reports/long_trends.py) ─────────────────────
-- Table macro. Grain: one row per calendar quarter of the 12 ending with the quarter that holds the
-- day before `until` (exclusive; the report period's end), for one report section: a role id, a
-- specialism or focus id, 'all_ml' or 'all_postings'. Counted exactly as the report counts: a
-- duplicate cluster once, as its earliest posting (by date, then posting_id), in the quarter of
-- that posting's date; a multi-role post in each role it lists. `covered` = the data has any
-- posting that quarter; where it has none, postings, with_skill and share are NULL (unknown, not 0).
CREATE OR REPLACE MACRO quarterly_skill_shares(for_section, for_skill, until) AS TABLE
WITH bounds AS (
    SELECT date_trunc('quarter', CAST(until AS DATE) - INTERVAL 1 DAY)::DATE - INTERVAL 33 MONTH AS first_quarter,
           CAST(until AS DATE) AS until_day
),
counted AS (
    SELECT p.posting_id, p.role, p.specialism, p.focus,
           date_trunc('quarter', coalesce(p.posted_at, p.first_seen))::DATE AS quarter_start
    FROM postings p, bounds b
    WHERE coalesce(p.posted_at, p.first_seen) >= b.first_quarter
      AND coalesce(p.posted_at, p.first_seen) < b.until_day
      AND p.posting_id IN (
          SELECT posting_id FROM postings
          QUALIFY row_number() OVER (PARTITION BY coalesce(cluster_id, posting_id)
                                     ORDER BY coalesce(posted_at, first_seen) NULLS FIRST, posting_id) = 1)
),
entries AS (
    SELECT r.posting_id, r.role, r.specialism, r.focus FROM posting_roles r WHERE r.posting_id IN (SELECT posting_id FROM counted)
    UNION ALL
    SELECT c.posting_id, c.role, c.specialism, c.focus FROM counted c
    WHERE NOT EXISTS (SELECT 1 FROM posting_roles r WHERE r.posting_id = c.posting_id)
),
members AS (
    SELECT DISTINCT posting_id FROM entries
    WHERE (trim(coalesce(role, '')) <> '' AND role = for_section)
       OR (for_section = 'all_ml' AND role IN ('data_scientist', 'ml_engineer', 'ai_engineer', 'research_scientist', 'research_engineer'))
       OR (role = 'ml_engineer' AND specialism = for_section AND specialism IN ('ml_platform', 'ml_hardware', 'ml_solutions_architect'))
       OR (role = 'data_scientist' AND focus = for_section AND focus IN ('analytics', 'modelling'))
    UNION
    SELECT posting_id FROM counted WHERE for_section = 'all_postings'
),
quarters AS (
    SELECT CAST(q AS DATE) AS quarter_start
    FROM bounds b, unnest(generate_series(b.first_quarter, b.first_quarter + INTERVAL 33 MONTH, INTERVAL 3 MONTH)) AS t(q)
),
per_quarter AS (
    SELECT c.quarter_start, count(*) AS postings,
           count(*) FILTER (WHERE c.posting_id IN (SELECT posting_id FROM posting_skills WHERE skill_id = for_skill)) AS with_skill
    FROM counted c JOIN members m ON m.posting_id = c.posting_id
    GROUP BY c.quarter_start
),
covered AS (
    SELECT DISTINCT quarter_start FROM counted
)
SELECT
    q.quarter_start,
    CAST(year(q.quarter_start) AS VARCHAR) || '-Q' || CAST(quarter(q.quarter_start) AS VARCHAR) AS quarter,
    v.quarter_start IS NOT NULL AS covered,
    CASE WHEN v.quarter_start IS NOT NULL THEN coalesce(s.postings, 0) END AS postings,
    CASE WHEN v.quarter_start IS NOT NULL THEN coalesce(s.with_skill, 0) END AS with_skill,
    CASE WHEN coalesce(s.postings, 0) > 0 THEN s.with_skill / s.postings END AS share
FROM quarters q
LEFT JOIN covered v ON v.quarter_start = q.quarter_start
LEFT JOIN per_quarter s ON s.quarter_start = q.quarter_start
ORDER BY q.quarter_start;
