-- The SQLite full-text index gets a second column, facets: each quote's
-- speaker, outlet and kind as tokens ("s12 o3 kdirect"). A text search
-- filtered by speaker or outlet then intersects two posting lists inside
-- FTS5, skipping through both, instead of looking up the quotes row of
-- every match of the words to test its speaker: for a common word that
-- was a lookup for each of its hundreds of thousands of matches. Words
-- the user searches for are confined to the content column. The column
-- is generated from the row, so it cannot disagree with it, and virtual,
-- so it costs no space in quotes.

-- +sqlite
ALTER TABLE quotes ADD COLUMN facets TEXT GENERATED ALWAYS AS
    ('s' || coalesce(speaker_id, 0) || ' o' || source_id || ' k' || kind) VIRTUAL;
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content,
    facets,
    content = 'quotes',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild');

-- +postgres
-- Nothing: PostgreSQL filters with its own indexes.
SELECT 1;
