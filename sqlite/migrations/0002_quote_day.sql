-- A speaker's statements are listed by day: keep each quote's day (the day it
-- was said, else its article's) and ingest order beside it, indexed per
-- speaker, so that a page of a prolific speaker's quotes reads an index
-- range instead of sorting all of them.
ALTER TABLE quotes ADD COLUMN day TEXT NOT NULL DEFAULT '';
ALTER TABLE quotes ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE quotes SET
    day = COALESCE(NULLIF(said, ''), (SELECT a.published FROM articles a WHERE a.id = quotes.article_id), ''),
    seq = COALESCE((SELECT a.seq FROM articles a WHERE a.id = quotes.article_id), 0);
DROP INDEX quotes_speaker_entity;
CREATE INDEX quotes_speaker_day ON quotes (speaker_entity, day, seq, idx);
CREATE INDEX quotes_day ON quotes (day, seq, idx);
