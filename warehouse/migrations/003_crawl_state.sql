-- Schema version 3: crawl state — how each board fared in each crawl, and closed postings.
--
-- Crawl runs: `runs` has one row of kind 'crawl' per source crawled (run_id = the crawl's run id,
-- the landing file's `run_id`), whose `detail` holds the source's counters (requests,
-- responses_by_status, items, errors, seconds, finish_reason, error) and the same per board:
-- detail.boards = {board: {status, reason, requests, responses_by_status, items, errors, seconds}}.
-- `board_crawls` below is the part of that the warehouse acts on, written when the crawl's landing
-- file is ingested (so a crawl that never loaded closes nothing).

-- When a posting stopped being listed: the start of the first successful crawl of its board that
-- did not see it. NULL while it is listed, and when its board's crawls failed or never ran since
-- it was last seen. Recomputed after every ingest (flows/closing.py): a posting seen again reopens.
ALTER TABLE postings ADD COLUMN closed_at TIMESTAMP;

-- Grain: one row per (crawl run, source, board, landing file): how one board fared in one crawl.
-- A resumed crawl lands several files (parts) under one run id; the board was read in full in
-- that run when any part says 'ok'. HN threads are boards (board = thread id); the thread search
-- is the board 'search'.
CREATE TABLE board_crawls (
    run_id              VARCHAR NOT NULL,   -- the crawl run (= sightings.run_id of what it saw)
    source              VARCHAR NOT NULL,
    board               VARCHAR NOT NULL,
    landing_file        VARCHAR NOT NULL,
    crawled_at          TIMESTAMP NOT NULL, -- when the crawl started (= seen_at of its sightings)
    status              VARCHAR NOT NULL,   -- 'ok' | 'failed' | 'unfinished' (crawl ended early)
    reason              VARCHAR,            -- why not ok: 'not found (404)', 'HTTP 500 after 3 retries', …
    requests            BIGINT,
    responses_by_status JSON,               -- {"200": 1, "500": 4}
    items               BIGINT,
    errors              BIGINT,
    seconds             DOUBLE,             -- first request to last response
    PRIMARY KEY (run_id, source, board, landing_file)
);
