-- storyline schema for SQLite. Offsets are UTF-8 byte offsets into body.
CREATE TABLE articles (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    source        TEXT NOT NULL,
    url           TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    outlet        TEXT NOT NULL DEFAULT '',
    byline        TEXT NOT NULL DEFAULT '',
    dateline      TEXT NOT NULL DEFAULT '',
    published     TEXT NOT NULL DEFAULT '',
    pub_earliest  TEXT NOT NULL DEFAULT '',
    pub_latest    TEXT NOT NULL DEFAULT '',
    pub_method    TEXT NOT NULL DEFAULT '',
    body          TEXT NOT NULL,
    body_hash     TEXT NOT NULL,
    simhash       INTEGER NOT NULL,
    duplicate_of  TEXT,
    raw_hash      TEXT NOT NULL,
    ingested      TEXT NOT NULL,
    doc           TEXT NOT NULL
);
CREATE INDEX articles_body_hash ON articles (body_hash) WHERE duplicate_of IS NULL;
CREATE INDEX articles_raw_hash ON articles (raw_hash);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet COLLATE NOCASE);

-- Full-text index over originals only; kept in step by the store's code.
CREATE VIRTUAL TABLE articles_fts USING fts5(title, outlet, body, tokenize = 'porter unicode61');
-- Rank by BM25 weighing the title over the outlet over the body.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(8.0, 2.0, 1.0)');

CREATE TABLE raw_inputs (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    raw        BLOB NOT NULL
);

CREATE TABLE simhash_bands (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    band       INTEGER NOT NULL,
    value      INTEGER NOT NULL,
    PRIMARY KEY (band, value, article_id)
) WITHOUT ROWID;

CREATE TABLE quotes (
    article_id      TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    text            TEXT NOT NULL,
    start_off       INTEGER NOT NULL,
    end_off         INTEGER NOT NULL,
    speaker_entity  TEXT NOT NULL DEFAULT '',
    speaker_name    TEXT NOT NULL DEFAULT '',
    speaker_mention TEXT NOT NULL DEFAULT '',
    cue             TEXT NOT NULL DEFAULT '',
    medium          TEXT NOT NULL DEFAULT '',
    said            TEXT NOT NULL DEFAULT '',
    doc             TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity);

CREATE TABLE entity_forms (
    entity_id  TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    form       TEXT NOT NULL,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    roles      TEXT NOT NULL DEFAULT '[]',
    mentions   INTEGER NOT NULL,
    PRIMARY KEY (entity_id, article_id, form)
);
CREATE INDEX entity_forms_article ON entity_forms (article_id);
CREATE INDEX entity_forms_form ON entity_forms (form COLLATE NOCASE);

CREATE TABLE dated_events (
    article_id  TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    date        TEXT NOT NULL,
    granularity TEXT NOT NULL,
    text        TEXT NOT NULL,
    start_off   INTEGER NOT NULL,
    end_off     INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX dated_events_date ON dated_events (date);

CREATE TABLE quarantine (
    hash    TEXT PRIMARY KEY,
    source  TEXT NOT NULL,
    reason  TEXT NOT NULL,
    detail  TEXT NOT NULL,
    raw     BLOB,
    created TEXT NOT NULL
);

CREATE TABLE decisions (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    kind    TEXT NOT NULL,
    subject TEXT NOT NULL,
    object  TEXT NOT NULL,
    created TEXT NOT NULL
);

CREATE TABLE storylines (
    id       TEXT PRIMARY KEY,
    title    TEXT NOT NULL,
    entities TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE events (
    id        TEXT PRIMARY KEY,
    date      TEXT NOT NULL DEFAULT '',
    title     TEXT NOT NULL,
    storyline TEXT NOT NULL DEFAULT '',
    articles  TEXT NOT NULL DEFAULT '[]',
    entities  TEXT NOT NULL DEFAULT '[]'
);

CREATE TABLE shifts (
    idx        INTEGER PRIMARY KEY,
    speaker    TEXT NOT NULL,
    speaker_id TEXT NOT NULL,
    doc        TEXT NOT NULL
);
