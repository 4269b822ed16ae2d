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
-- The one definition of who counts in a role; the report's Polars reading of it
-- (reports/membership.py role_rows) is held equal to this view by tests/warehouse/test_role_membership.py.
-- A listed role without a seniority of its own takes the posting's.
CREATE OR REPLACE VIEW role_postings AS
WITH assignments AS (
    SELECT r.posting_id, r.role, r.specialism, r.focus, coalesce(r.seniority, p.seniority) AS seniority, r.title
    FROM posting_roles r
    JOIN postings p ON p.posting_id = r.posting_id
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

-- ── Coverage: which periods each source's data actually covers ──────────────────────────────────
-- A period without coverage is unknown, never zero. What covers time:
--   * a successful crawl of a board (board_crawls: any part of the run read it in full, status
--     'ok') covers the moment it ran, so the period it ran in; a failed, unfinished or suspect
--     board covers nothing. A board's first successful crawl also covers the past back to the
--     earliest posting it listed (all that will ever be known of the board's history);
--   * Hacker News: each "Who is hiring?" thread (board = thread id) covers the calendar month most
--     of its posts were made in, whether it was crawled or imported;
--   * postings loaded without a crawl account (imports, landing files without board summaries)
--     cover the span of their postings' dates, per (load, source, board).

-- Grain: one row per (source, board, span of time its data covers).
CREATE OR REPLACE VIEW coverage_spans AS
WITH board_runs AS (
    -- 'emptied' (declared empty twice in a row) is a board read in full that really lists nothing.
    SELECT run_id, source, board, min(crawled_at) AS crawled_at, bool_or(status IN ('ok', 'emptied')) AS ok
    FROM board_crawls
    WHERE source <> 'hn'
    GROUP BY run_id, source, board
),
first_ok AS (
    SELECT source, board, arg_min(run_id, crawled_at) AS run_id, min(crawled_at) AS crawled_at
    FROM board_runs
    WHERE ok
    GROUP BY source, board
),
backfill AS (
    SELECT f.source, f.board, 'backfill' AS basis, least(min(coalesce(p.posted_at, p.first_seen)), f.crawled_at) AS covered_from,
           f.crawled_at AS covered_until
    FROM first_ok f
    JOIN sightings s ON s.run_id = f.run_id
    JOIN postings p ON p.posting_id = s.posting_id AND p.source = f.source AND p.board = f.board
    GROUP BY f.source, f.board, f.crawled_at
),
crawled AS (
    SELECT source, board, 'crawl' AS basis, crawled_at AS covered_from, crawled_at AS covered_until
    FROM board_runs
    WHERE ok
),
threads AS (
    SELECT 'hn' AS source, board, 'thread' AS basis, mode(date_trunc('month', posted_at)) AS covered_from
    FROM postings
    WHERE source = 'hn' AND board IS NOT NULL AND posted_at IS NOT NULL
    GROUP BY board
),
imported AS (
    SELECT p.source, coalesce(p.board, '') AS board, 'import' AS basis,
           min(coalesce(p.posted_at, p.first_seen)) AS covered_from, max(coalesce(p.posted_at, p.first_seen)) AS covered_until
    FROM sightings s
    JOIN postings p ON p.posting_id = s.posting_id
    WHERE p.source <> 'hn' AND s.run_id NOT IN (SELECT run_id FROM board_crawls)
    GROUP BY s.run_id, p.source, coalesce(p.board, '')
)
SELECT source, board, basis, covered_from, covered_until FROM backfill
UNION ALL SELECT source, board, basis, covered_from, covered_until FROM crawled
UNION ALL SELECT source, board, basis, covered_from, covered_from + INTERVAL 1 MONTH - INTERVAL 1 MICROSECOND FROM threads
UNION ALL SELECT source, board, basis, covered_from, covered_until FROM imported;

-- Grain: one row per (source, board): the time it was expected to be covered, from its first
-- coverage or crawl attempt to its last (a board dropped from the crawl is no longer expected).
CREATE OR REPLACE VIEW coverage_boards AS
SELECT source, board, min(expected_from) AS expected_from, max(expected_until) AS expected_until
FROM (
    SELECT source, board, covered_from AS expected_from, covered_until AS expected_until FROM coverage_spans
    UNION ALL
    SELECT source, board, crawled_at, crawled_at FROM board_crawls WHERE source <> 'hn'
)
GROUP BY source, board;

-- Table macro. Grain: one row per (source, period) from the source's first to its last expected
-- period (period := 'week' | 'month' | 'quarter' | 'year'): boards expected, boards covered, and
-- share = covered / expected (0 when none was expected, e.g. a month without an HN thread).
CREATE OR REPLACE MACRO coverage(period := 'month') AS TABLE
WITH step AS (
    SELECT CASE period WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH
                       WHEN 'quarter' THEN INTERVAL 3 MONTH ELSE INTERVAL 1 YEAR END AS every
),
-- A source is expected until its latest crawl run, failed ones too: a crawl that failed before it
-- landed anything leaves no board_crawls rows, but its week is still a week the source missed.
attempts AS (
    SELECT source, max(started_at) AS last_attempt FROM runs WHERE kind = 'crawl' GROUP BY source
),
lives AS (
    SELECT b.source, min(b.expected_from) AS life_from,
           greatest(max(b.expected_until), coalesce(any_value(a.last_attempt), max(b.expected_until))) AS life_until
    FROM coverage_boards b
    LEFT JOIN attempts a ON a.source = b.source
    GROUP BY b.source
),
sources AS (
    SELECT source, life_from, life_until,
           date_trunc(period, life_from)::DATE AS first_period, date_trunc(period, life_until)::DATE AS last_period
    FROM lives
),
periods AS (
    SELECT s.source, unnest(generate_series(s.first_period::TIMESTAMP, s.last_period::TIMESTAMP, (SELECT every FROM step)))::DATE AS period_start
    FROM sources s
),
bounds AS (
    SELECT source, period_start, (period_start + (SELECT every FROM step))::TIMESTAMP AS period_end FROM periods
),
expected AS (
    SELECT b.source, b.period_start, count(DISTINCT c.board) AS boards_expected
    FROM bounds b JOIN coverage_boards c ON c.source = b.source
     AND c.expected_from < b.period_end AND c.expected_until >= b.period_start::TIMESTAMP
    WHERE b.source <> 'hn'
    GROUP BY b.source, b.period_start
    UNION ALL
    -- HN posts one thread a month: a period expects one per calendar month it spans within HN's
    -- life, so a quarter missing two threads is a third covered.
    SELECT b.source, b.period_start,
           datediff('month', date_trunc('month', greatest(b.period_start::TIMESTAMP, s.life_from)),
                    date_trunc('month', least(b.period_end - INTERVAL 1 MICROSECOND, s.life_until))) + 1
    FROM bounds b JOIN sources s ON s.source = b.source
    WHERE b.source = 'hn'
),
covered AS (
    SELECT b.source, b.period_start, count(DISTINCT c.board) AS boards_covered
    FROM bounds b JOIN coverage_spans c ON c.source = b.source
     AND c.covered_from < b.period_end AND c.covered_until >= b.period_start::TIMESTAMP
    GROUP BY b.source, b.period_start
)
SELECT
    b.source,
    b.period_start,
    coalesce(e.boards_expected, 0) AS boards_expected,
    coalesce(c.boards_covered, 0) AS boards_covered,
    CASE WHEN coalesce(e.boards_expected, 0) = 0 THEN 0.0 ELSE coalesce(c.boards_covered, 0) / e.boards_expected END AS share
FROM bounds b
LEFT JOIN expected e ON e.source = b.source AND e.period_start = b.period_start
LEFT JOIN covered c ON c.source = b.source AND c.period_start = b.period_start
ORDER BY b.source, b.period_start;

-- Table macro. Grain: one row per period in which any source was expected: how many sources were,
-- how many covered it at all, and share = the mean of those sources' shares of boards covered.
-- covered: share > 0 (the report counts the period); partial: 0 < share < 1 (flagged).
CREATE OR REPLACE MACRO period_coverage(period := 'month') AS TABLE
SELECT
    period_start,
    count(*) AS sources,
    count(*) FILTER (WHERE share > 0) AS sources_covered,
    avg(share) AS share,
    avg(share) > 0 AS covered,
    avg(share) > 0 AND avg(share) < 1 AS partial
FROM coverage(period := period)
GROUP BY period_start
ORDER BY period_start;

-- ── What is counted: new postings and active postings ───────────────────────────────────────────
-- New postings count a job (duplicate cluster) once, in the period of its earliest posting.
-- Active postings count a job in every period it was seen open: a posting is seen at its own date
-- and at every crawl sighting of it (board_crawls says the run read a listing). Imported records
-- are seen at their date only, and an HN post only in its thread's month: the monthly repost of
-- the same ad is another posting of the same cluster, so the job is active in each of those months.

-- Grain: one row per (posting, moment it was seen open).
CREATE OR REPLACE VIEW posting_seen AS
SELECT posting_id, coalesce(posted_at, first_seen) AS seen_at FROM postings
UNION
SELECT s.posting_id, s.seen_at
FROM sightings s
JOIN postings p ON p.posting_id = s.posting_id
WHERE p.source <> 'hn' AND s.run_id IN (SELECT run_id FROM board_crawls);

-- Table macro. Grain: one row per (period, role) with new postings: jobs whose earliest posting is
-- dated in the period, counted in that posting's roles. Periods without coverage are left out.
CREATE OR REPLACE MACRO new_postings(period := 'month') AS TABLE
WITH earliest AS (
    SELECT posting_id
    FROM postings
    QUALIFY row_number() OVER (PARTITION BY coalesce(cluster_id, posting_id)
                               ORDER BY coalesce(posted_at, first_seen), posting_id) = 1
)
SELECT date_trunc(period, r.posted_on)::DATE AS period_start, r.role, count(DISTINCT r.cluster_id) AS postings
FROM role_postings r
SEMI JOIN earliest e ON e.posting_id = r.posting_id
SEMI JOIN period_coverage(period := period) c ON c.period_start = date_trunc(period, r.posted_on)::DATE AND c.covered
GROUP BY ALL
ORDER BY period_start, role;

-- Table macro. Grain: one row per (period, role) with active postings: jobs seen open in the
-- period, counted in the roles of the postings seen. Periods without coverage are left out.
CREATE OR REPLACE MACRO active_postings(period := 'month') AS TABLE
SELECT date_trunc(period, s.seen_at)::DATE AS period_start, r.role, count(DISTINCT r.cluster_id) AS postings
FROM posting_seen s
JOIN role_postings r ON r.posting_id = s.posting_id
SEMI JOIN period_coverage(period := period) c ON c.period_start = date_trunc(period, s.seen_at)::DATE AND c.covered
GROUP BY ALL
ORDER BY period_start, role;

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
