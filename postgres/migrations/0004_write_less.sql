-- Every index is paid for on every insert, by every worker. These served
-- lookups that are done otherwise now: names through entity_names, dates
-- of originals through articles_original_published, and a btree on
-- lower(name) cannot serve LIKE '%name%' at all.
DROP INDEX IF EXISTS quotes_speaker_name;
DROP INDEX IF EXISTS entity_forms_form;
DROP INDEX IF EXISTS articles_published;

-- Quotes whose speaker no entity was resolved for are found by name with
-- trigrams, where the server has pg_trgm (see 0002).
DO $$
BEGIN
    EXECUTE 'CREATE INDEX quotes_unresolved_speaker ON quotes USING gin (lower(speaker_name) gin_trgm_ops) WHERE speaker_entity = ''''';
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm unavailable (%): unresolved speakers are found by a scan', SQLERRM;
END
$$;
