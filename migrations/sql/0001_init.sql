-- The first schema: outlets, articles, their entities and quotes, and the
-- speaker identities that join quotes across articles.

-- Outlets (publishers). name_key is the lower-case name, the outlet's
-- identity. The counters are kept by the store in the transaction that
-- saves an article, so that listing outlets needs no scan of the quotes.
CREATE TABLE sources (
    id       {{ID}},
    name     TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    domain   TEXT NOT NULL DEFAULT '',
    articles BIGINT NOT NULL DEFAULT 0,
    quotes   BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX sources_domain ON sources (domain);

-- Articles. doc_key is the URL, or "sha256:" and the content hash for an
-- article without one: it is what makes saving idempotent. fingerprint
-- covers everything stored except the origin, so an unchanged article is
-- recognised without comparing texts. structure and analysis_meta hold the
-- parts of the analysis that are not rows of their own, as JSON.
CREATE TABLE articles (
    id            {{ID}},
    doc_key       TEXT NOT NULL UNIQUE,
    url           TEXT NOT NULL DEFAULT '',
    content_hash  TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    source_id     BIGINT NOT NULL REFERENCES sources (id),
    title         TEXT NOT NULL DEFAULT '',
    author        TEXT NOT NULL DEFAULT '',
    lang          TEXT NOT NULL DEFAULT '',
    published_at  BIGINT NOT NULL DEFAULT 0,
    fetched_at    BIGINT NOT NULL DEFAULT 0,
    origin        TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL,
    structure     TEXT,
    analysis_meta TEXT,
    ingested_at   BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_source ON articles (source_id, published_at);

-- Speaker identities across articles: people and organisations. Anonymous
-- speakers have none; their quotes keep the mention only.
CREATE TABLE speakers (
    id         {{ID}},
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    quotes     BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX speakers_quotes ON speakers (quotes, id);

-- The aliases and roles a speaker has been seen with.
CREATE TABLE speaker_names (
    speaker_id BIGINT NOT NULL REFERENCES speakers (id),
    kind       TEXT NOT NULL, -- 'alias' or 'role'
    value      TEXT NOT NULL,
    PRIMARY KEY (speaker_id, kind, value)
);

-- The keys (package speaker: normalised names, surnames, acronyms) under
-- which a speaker is found when a new mention is resolved or searched for.
CREATE TABLE speaker_keys (
    key        TEXT NOT NULL,
    speaker_id BIGINT NOT NULL REFERENCES speakers (id),
    PRIMARY KEY (key, speaker_id)
);

-- How often each outlet quotes each speaker: the evidence of the
-- same-outlet rule, and a speaker page's outlet list.
CREATE TABLE speaker_outlets (
    speaker_id BIGINT NOT NULL REFERENCES speakers (id),
    source_id  BIGINT NOT NULL REFERENCES sources (id),
    quotes     BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (speaker_id, source_id)
);

-- The entities of each article (Analysis.Entities, in order), with the
-- speaker identity each speaking person or organisation was filed under.
CREATE TABLE entities (
    article_id BIGINT NOT NULL REFERENCES articles (id),
    idx        INTEGER NOT NULL,
    entity_id  INTEGER NOT NULL,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    aliases    TEXT NOT NULL,
    roles      TEXT NOT NULL,
    mentions   TEXT NOT NULL,
    quotes     INTEGER NOT NULL,
    speaker_id BIGINT REFERENCES speakers (id),
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX entities_speaker ON entities (speaker_id);

-- Quotes (Analysis.Quotes, in order as seq). source_id and published_at
-- are copied from the article so that filtering and ordering by outlet and
-- date use one index without a join. Spans are offsets into the article
-- text; cue and speaker spans, and the segments of a discontinuous
-- content span, are JSON.
CREATE TABLE quotes (
    id               {{ID}},
    article_id       BIGINT NOT NULL REFERENCES articles (id),
    seq              INTEGER NOT NULL,
    source_id        BIGINT NOT NULL,
    published_at     BIGINT NOT NULL,
    kind             TEXT NOT NULL,
    content          TEXT NOT NULL,
    content_start    INTEGER NOT NULL,
    content_end      INTEGER NOT NULL,
    content_segments TEXT,
    cue_span         TEXT,
    cue              TEXT NOT NULL DEFAULT '',
    cue_lemma        TEXT NOT NULL DEFAULT '',
    speaker_span     TEXT,
    speaker_text     TEXT NOT NULL DEFAULT '',
    speaker_ref      TEXT NOT NULL DEFAULT '',
    speaker_type     TEXT NOT NULL DEFAULT '',
    entity           INTEGER NOT NULL DEFAULT -1,
    speaker_id       BIGINT REFERENCES speakers (id),
    UNIQUE (article_id, seq)
);
CREATE INDEX quotes_published ON quotes (published_at, id);
CREATE INDEX quotes_speaker ON quotes (speaker_id, published_at, id);
CREATE INDEX quotes_source ON quotes (source_id, published_at, id);

-- +sqlite
-- Full-text search: an FTS5 index over quotes.content that stores no copy
-- of the text (external content) and is kept in step by triggers, so that
-- no code path can forget it.
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content,
    content = 'quotes',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF content ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO quotes_fts (rowid, content) VALUES (new.id, new.content);
END;

-- +postgres
-- Full-text search: a tsvector the database computes from the content and
-- a GIN index over it. The 'simple' configuration lower-cases without
-- stemming, as SQLite's unicode61 tokenizer does, since articles come in
-- many languages.
ALTER TABLE quotes ADD COLUMN tsv tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', content)) STORED;
CREATE INDEX quotes_tsv ON quotes USING GIN (tsv);
