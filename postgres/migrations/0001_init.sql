-- storyline schema for PostgreSQL. Offsets are UTF-8 byte offsets into body.
CREATE TABLE articles (
    seq           bigserial UNIQUE,
    id            text PRIMARY KEY,
    source        text NOT NULL,
    url           text NOT NULL DEFAULT '',
    title         text NOT NULL DEFAULT '',
    outlet        text NOT NULL DEFAULT '',
    byline        text NOT NULL DEFAULT '',
    dateline      text NOT NULL DEFAULT '',
    published     text NOT NULL DEFAULT '',
    pub_earliest  text NOT NULL DEFAULT '',
    pub_latest    text NOT NULL DEFAULT '',
    pub_method    text NOT NULL DEFAULT '',
    body          text NOT NULL,
    body_hash     text NOT NULL,
    simhash       bigint NOT NULL,
    duplicate_of  text,
    raw_hash      text NOT NULL,
    ingested      timestamptz NOT NULL DEFAULT now(),
    doc           jsonb NOT NULL,
    tsv           tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
                    setweight(to_tsvector('english', coalesce(outlet, '')), 'C') ||
                    setweight(to_tsvector('english', body), 'B')) STORED
);
CREATE INDEX articles_tsv ON articles USING gin (tsv);
CREATE INDEX articles_body_hash ON articles (body_hash) WHERE duplicate_of IS NULL;
CREATE INDEX articles_raw_hash ON articles (raw_hash);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (lower(outlet));

CREATE TABLE raw_inputs (
    article_id text PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    raw        bytea NOT NULL
);

-- SimHash split in eight 8-bit bands: two bodies within 7 bits share a band.
CREATE TABLE simhash_bands (
    article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    band       smallint NOT NULL,
    value      integer NOT NULL,
    PRIMARY KEY (band, value, article_id)
);

CREATE TABLE quotes (
    article_id      text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx             integer NOT NULL,
    kind            text NOT NULL,
    text            text NOT NULL,
    start_off       integer NOT NULL,
    end_off         integer NOT NULL,
    speaker_entity  text NOT NULL DEFAULT '',
    speaker_name    text NOT NULL DEFAULT '',
    speaker_mention text NOT NULL DEFAULT '',
    cue             text NOT NULL DEFAULT '',
    medium          text NOT NULL DEFAULT '',
    said            text NOT NULL DEFAULT '',
    doc             jsonb NOT NULL,
    tsv             tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity);
CREATE INDEX quotes_speaker_name ON quotes (lower(speaker_name));
CREATE INDEX quotes_tsv ON quotes USING gin (tsv);

-- One row per entity, article and surface form, so splits by alias work.
CREATE TABLE entity_forms (
    entity_id  text NOT NULL,
    article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    form       text NOT NULL,
    name       text NOT NULL,
    type       text NOT NULL,
    roles      text[] NOT NULL DEFAULT '{}',
    mentions   integer NOT NULL,
    PRIMARY KEY (entity_id, article_id, form)
);
CREATE INDEX entity_forms_article ON entity_forms (article_id);
CREATE INDEX entity_forms_form ON entity_forms (lower(form));

CREATE TABLE dated_events (
    article_id  text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx         integer NOT NULL,
    date        text NOT NULL,
    granularity text NOT NULL,
    text        text NOT NULL,
    start_off   integer NOT NULL,
    end_off     integer NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX dated_events_date ON dated_events (date);

CREATE TABLE quarantine (
    hash    text PRIMARY KEY,
    source  text NOT NULL,
    reason  text NOT NULL,
    detail  text NOT NULL,
    raw     bytea,
    created timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE decisions (
    id      bigserial PRIMARY KEY,
    kind    text NOT NULL,
    subject text NOT NULL,
    object  text NOT NULL,
    created timestamptz NOT NULL
);

CREATE TABLE storylines (
    id       text PRIMARY KEY,
    title    text NOT NULL,
    entities text[] NOT NULL DEFAULT '{}'
);

CREATE TABLE events (
    id        text PRIMARY KEY,
    date      text NOT NULL DEFAULT '',
    title     text NOT NULL,
    storyline text NOT NULL DEFAULT '',
    articles  text[] NOT NULL DEFAULT '{}',
    entities  text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX events_storyline ON events (storyline);

CREATE TABLE shifts (
    idx        integer PRIMARY KEY,
    speaker    text NOT NULL,
    speaker_id text NOT NULL,
    doc        jsonb NOT NULL
);

-- Work shared by many worker processes: claimed with FOR UPDATE SKIP LOCKED
-- inside the transaction that stores the result, so a killed worker's
-- claim is released and its input retried.
CREATE TABLE jobs (
    id       bigserial PRIMARY KEY,
    raw_hash text NOT NULL UNIQUE,
    input    jsonb NOT NULL,
    raw      bytea NOT NULL,
    state    text NOT NULL DEFAULT 'queued',
    attempts integer NOT NULL DEFAULT 0,
    queued   timestamptz NOT NULL DEFAULT now(),
    done     timestamptz
);
CREATE INDEX jobs_queued ON jobs (id) WHERE state = 'queued';

-- One row per claim, written outside the claiming transaction: a job whose
-- worker keeps dying (a poison input) is quarantined after a few attempts.
CREATE TABLE job_attempts (
    job_id bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_attempts_job ON job_attempts (job_id);
