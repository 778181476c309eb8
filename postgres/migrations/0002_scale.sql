-- Large corpora (needs PostgreSQL 14 or later, for bit_count).
--
-- Near-duplicate candidates are read from the bands alone: each band row
-- carries its article's SimHash and ingest order, so the check is an
-- index-only scan that filters by distance in the server, with no join to
-- the wide articles rows. Bands are only ever stored for originals.
ALTER TABLE simhash_bands ADD COLUMN simhash bigint, ADD COLUMN seq bigint;
UPDATE simhash_bands s SET simhash = a.simhash, seq = a.seq FROM articles a WHERE a.id = s.article_id;
ALTER TABLE simhash_bands ALTER COLUMN simhash SET NOT NULL, ALTER COLUMN seq SET NOT NULL;
ALTER TABLE simhash_bands DROP CONSTRAINT simhash_bands_pkey;
ALTER TABLE simhash_bands ADD PRIMARY KEY (article_id, band); -- also serves the cascade when an article is replaced
CREATE INDEX simhash_bands_near ON simhash_bands (band, value) INCLUDE (simhash, seq, article_id);

-- A speaker's statements are listed by day, as in SQLite: each quote keeps
-- its day (the day it was said, else its article's) and its article's
-- ingest order, indexed per speaker, so that a page of a prolific
-- speaker's quotes reads an index range instead of sorting all of them.
ALTER TABLE quotes ADD COLUMN day text NOT NULL DEFAULT '', ADD COLUMN seq bigint NOT NULL DEFAULT 0;
UPDATE quotes q SET day = COALESCE(NULLIF(q.said, ''), a.published), seq = a.seq FROM articles a WHERE a.id = q.article_id;
DROP INDEX quotes_speaker_entity;
CREATE INDEX quotes_speaker_day ON quotes (speaker_entity, day, seq, idx);
CREATE INDEX quotes_day ON quotes (day, seq, idx);

-- Only originals are searched: duplicates get no text vector, which keeps
-- them out of the index (and spares computing one for every copy).
ALTER TABLE articles DROP COLUMN tsv;
ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS (CASE WHEN duplicate_of IS NULL THEN
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(outlet, '')), 'C') ||
    setweight(to_tsvector('english', body), 'B') END) STORED;
CREATE INDEX articles_tsv ON articles USING gin (tsv);
CREATE INDEX articles_original_published ON articles (published DESC, seq) WHERE duplicate_of IS NULL;

-- A settled job keeps only its raw hash (to refuse the same input again),
-- not its text.
UPDATE jobs SET input = input - 'Text' WHERE state = 'done';

-- Names and forms of each entity, once each: a speaker or entity given by
-- name is resolved here rather than among every article's form rows.
-- Rows are only added (inside the article's transaction, and only when
-- missing, so that workers storing the same famous name do not queue
-- behind each other); a name whose articles are gone resolves to an id
-- with no rows, which matches nothing.
CREATE TABLE entity_names (
    entity_id text NOT NULL,
    name      text NOT NULL,
    PRIMARY KEY (entity_id, name)
);
INSERT INTO entity_names (entity_id, name)
    SELECT entity_id, form FROM entity_forms UNION SELECT entity_id, name FROM entity_forms;
-- Substring lookups use trigrams where the server has pg_trgm (it ships
-- with PostgreSQL); elsewhere they scan this small table.
DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXECUTE 'CREATE INDEX entity_names_trgm ON entity_names USING gin (lower(name) gin_trgm_ops)';
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm unavailable (%): entity names are looked up by a scan', SQLERRM;
END
$$;
