-- A timeline lists the dated clauses and dated quotes about an entity: a
-- clause or quote is about it when one of its forms is written there, and
-- a quote also when the entity said it. Finding that by reading every
-- clause of the corpus took most of a minute for a prolific speaker; the
-- links are now worked out once, by triggers, as each clause and quote is
-- stored (the forms of an article are stored before its quotes and
-- clauses), and go with the article.
CREATE TABLE timeline_links (
    entity_id  TEXT NOT NULL,
    date       TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL, -- 'event' or 'quote', the order they take on one day
    idx        INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (entity_id, date, seq, kind, idx)
) WITHOUT ROWID;
CREATE INDEX timeline_links_article ON timeline_links (article_id);

INSERT OR IGNORE INTO timeline_links (entity_id, date, seq, kind, idx, article_id)
    SELECT f.entity_id, e.date, a.seq, 'event', e.idx, e.article_id
    FROM dated_events e JOIN articles a ON a.id = e.article_id JOIN entity_forms f ON f.article_id = e.article_id
    WHERE instr(lower(e.text), lower(f.form)) > 0;
INSERT OR IGNORE INTO timeline_links (entity_id, date, seq, kind, idx, article_id)
    SELECT f.entity_id, q.said, q.seq, 'quote', q.idx, q.article_id
    FROM quotes q JOIN entity_forms f ON f.article_id = q.article_id
    WHERE q.said <> '' AND instr(lower(q.text), lower(f.form)) > 0;
INSERT OR IGNORE INTO timeline_links (entity_id, date, seq, kind, idx, article_id)
    SELECT speaker_entity, said, seq, 'quote', idx, article_id FROM quotes WHERE said <> '' AND speaker_entity <> '';

CREATE TRIGGER dated_events_linked AFTER INSERT ON dated_events BEGIN
    INSERT OR IGNORE INTO timeline_links (entity_id, date, seq, kind, idx, article_id)
        SELECT f.entity_id, NEW.date, a.seq, 'event', NEW.idx, NEW.article_id
        FROM articles a JOIN entity_forms f ON f.article_id = a.id
        WHERE a.id = NEW.article_id AND instr(lower(NEW.text), lower(f.form)) > 0;
END;
CREATE TRIGGER quotes_linked AFTER INSERT ON quotes WHEN NEW.said <> '' BEGIN
    INSERT OR IGNORE INTO timeline_links (entity_id, date, seq, kind, idx, article_id)
        SELECT f.entity_id, NEW.said, NEW.seq, 'quote', NEW.idx, NEW.article_id
        FROM entity_forms f WHERE f.article_id = NEW.article_id AND instr(lower(NEW.text), lower(f.form)) > 0
        UNION SELECT NEW.speaker_entity, NEW.said, NEW.seq, 'quote', NEW.idx, NEW.article_id WHERE NEW.speaker_entity <> '';
END;

-- Quotes of unresolved speakers are matched by the name written: with the
-- name in the speaker index, that match reads the index alone.
DROP INDEX quotes_speaker_day;
CREATE INDEX quotes_speaker_day ON quotes (speaker_entity, day, seq, idx, speaker_name);
