-- Schema version 7: the language a posting is written in, and postings the role rules cannot read.
--
-- The role rules are English. A posting in another language whose title they cannot read is not
-- classified: its role is NULL (not 'other', which means "not an ML job") and it has no
-- posting_roles rows. Existing rows keep their role until `jobpulse reprocess` re-derives them
-- (the taxonomy version changed with these rules).
ALTER TABLE postings ADD COLUMN language VARCHAR;  -- ISO 639-1 ('en', 'de', 'fr', …); NULL: too little text to tell
ALTER TABLE postings ALTER COLUMN role DROP NOT NULL;
