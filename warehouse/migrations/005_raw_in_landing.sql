-- Schema version 5: a posting's raw record is kept once, in its landing file, not again in the row.
--
-- Every loaded row used to carry the source's record (`raw`), which for most sources holds the
-- description a second time beside `description_text`: about half of what a load wrote and
-- committed. Rows loaded from now on say where the record is instead: line `landing_line` of
-- `landing_file` (the newest sighting's file, as ingested; `raw` is NULL). Rows loaded before keep
-- their `raw` and have no pointer; nothing is rewritten, so the upgrade is instant at any size.
ALTER TABLE postings ADD COLUMN landing_file VARCHAR;  -- landing file (path as ingested) holding the record
ALTER TABLE postings ADD COLUMN landing_line BIGINT;   -- its line number there, counted from 1
