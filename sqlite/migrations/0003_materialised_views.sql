-- Corpus-level views (entity lists, speaker pages, counts, attention per
-- week) are read far more often than the corpus changes. Aggregating them
-- per request costs time in proportion to the corpus, so they are kept
-- materialised here, maintained by triggers inside the transaction that
-- stores or removes each article: they cannot drift from the rows they
-- summarise, and a page reads a few rows whatever the corpus size.
-- Everything is per stored entity id; the user's merge and split decisions
-- are still applied at read time.

CREATE TABLE entity_stats (
    entity_id TEXT PRIMARY KEY,
    type      TEXT NOT NULL,    -- as first stored
    name      TEXT NOT NULL,    -- the name written most often (mentions + 1 per form)
    articles  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX entity_stats_rank ON entity_stats (articles DESC, name, entity_id);
CREATE INDEX entity_stats_type_rank ON entity_stats (type, articles DESC, name, entity_id);

-- The articles mentioning each entity, in ingest order.
CREATE TABLE entity_articles (
    entity_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    article_id TEXT NOT NULL,
    published  TEXT NOT NULL,
    PRIMARY KEY (entity_id, seq)
) WITHOUT ROWID;
CREATE INDEX entity_articles_article ON entity_articles (article_id, entity_id);

-- Reference counts: how many stored form rows carry each name, alias and role.
CREATE TABLE entity_names (
    entity_id TEXT NOT NULL,
    name      TEXT NOT NULL,
    weight    INTEGER NOT NULL,
    PRIMARY KEY (entity_id, name)
) WITHOUT ROWID;
CREATE TABLE entity_aliases (
    entity_id TEXT NOT NULL,
    alias     TEXT NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_alias ON entity_aliases (alias COLLATE NOCASE);
CREATE TABLE entity_roles (
    entity_id TEXT NOT NULL,
    role      TEXT NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (entity_id, role)
) WITHOUT ROWID;

-- Quotes per speaker entity id.
CREATE TABLE speaker_quotes (
    entity_id TEXT PRIMARY KEY,
    quotes    INTEGER NOT NULL
) WITHOUT ROWID;

-- Articles and quotes per week (weeks start on Monday): entity_id '' is the
-- whole corpus; for an entity, the articles mentioning it and the quotes it
-- said.
CREATE TABLE attention_weeks (
    entity_id TEXT NOT NULL,
    week      TEXT NOT NULL,
    articles  INTEGER NOT NULL DEFAULT 0,
    quotes    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, week)
) WITHOUT ROWID;

-- What Stats reports, and a generation number that changes with every
-- write, so that a reader can tell whether a cached answer is still true.
CREATE TABLE corpus_counts (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) WITHOUT ROWID;

-- The backfill of an existing corpus, before the triggers exist.
INSERT INTO entity_articles (entity_id, seq, article_id, published)
    SELECT DISTINCT f.entity_id, a.seq, a.id, a.published
    FROM entity_forms f JOIN articles a ON a.id = f.article_id WHERE a.duplicate_of IS NULL;
INSERT INTO entity_names (entity_id, name, weight)
    SELECT entity_id, name, sum(mentions + 1) FROM entity_forms GROUP BY entity_id, name;
INSERT INTO entity_aliases (entity_id, alias, n)
    SELECT entity_id, alias, count(*) FROM (
        SELECT entity_id, form AS alias FROM entity_forms UNION ALL SELECT entity_id, name FROM entity_forms)
    GROUP BY entity_id, alias;
INSERT INTO entity_roles (entity_id, role, n)
    SELECT f.entity_id, r.value, count(DISTINCT f.rowid) FROM entity_forms f, json_each(f.roles) r
    WHERE r.type = 'text' GROUP BY f.entity_id, r.value;
-- The bare type column comes from the row holding min(seq): the first stored.
INSERT INTO entity_stats (entity_id, type, name, articles)
    SELECT f.entity_id, f.type, '', 0 FROM (
        SELECT f.entity_id, f.type, min(a.seq) FROM entity_forms f JOIN articles a ON a.id = f.article_id GROUP BY f.entity_id) f;
UPDATE entity_stats SET
    articles = (SELECT count(*) FROM entity_articles x WHERE x.entity_id = entity_stats.entity_id),
    name = (SELECT n.name FROM entity_names n WHERE n.entity_id = entity_stats.entity_id ORDER BY n.weight DESC, n.name LIMIT 1);
INSERT INTO speaker_quotes (entity_id, quotes)
    SELECT speaker_entity, count(*) FROM quotes WHERE speaker_entity <> '' GROUP BY speaker_entity;

INSERT INTO attention_weeks (entity_id, week, articles, quotes)
    SELECT entity_id, week, sum(articles), sum(quotes) FROM (
        SELECT '' AS entity_id, date(substr(published, 1, 10), 'weekday 0', '-6 days') AS week, 1 AS articles, 0 AS quotes
            FROM articles WHERE duplicate_of IS NULL
        UNION ALL
        SELECT entity_id, date(substr(published, 1, 10), 'weekday 0', '-6 days'), 1, 0 FROM entity_articles
        UNION ALL
        SELECT '', date(substr(day, 1, 10), 'weekday 0', '-6 days'), 0, 1 FROM quotes
        UNION ALL
        SELECT speaker_entity, date(substr(day, 1, 10), 'weekday 0', '-6 days'), 0, 1 FROM quotes WHERE speaker_entity <> '')
    WHERE week IS NOT NULL GROUP BY entity_id, week;

INSERT INTO corpus_counts (name, n) VALUES
    ('articles', (SELECT count(*) FROM articles WHERE duplicate_of IS NULL)),
    ('duplicates', (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL)),
    ('quarantined', (SELECT count(*) FROM quarantine)),
    ('quotes', (SELECT count(*) FROM quotes)),
    ('entities', (SELECT count(*) FROM entity_stats)),
    ('events', (SELECT count(*) FROM events)),
    ('storylines', (SELECT count(*) FROM storylines)),
    ('generation', 1);

-- Entity forms feed the entity views.
CREATE TRIGGER entity_forms_added AFTER INSERT ON entity_forms BEGIN
    INSERT INTO entity_stats (entity_id, type, name) VALUES (NEW.entity_id, NEW.type, NEW.name)
        ON CONFLICT (entity_id) DO NOTHING;
    INSERT OR IGNORE INTO entity_articles (entity_id, seq, article_id, published)
        SELECT NEW.entity_id, a.seq, a.id, a.published FROM articles a WHERE a.id = NEW.article_id;
    INSERT INTO entity_names (entity_id, name, weight) VALUES (NEW.entity_id, NEW.name, NEW.mentions + 1)
        ON CONFLICT (entity_id, name) DO UPDATE SET weight = weight + excluded.weight;
    INSERT INTO entity_aliases (entity_id, alias, n) VALUES (NEW.entity_id, NEW.form, 1), (NEW.entity_id, NEW.name, 1)
        ON CONFLICT (entity_id, alias) DO UPDATE SET n = n + excluded.n;
    INSERT INTO entity_roles (entity_id, role, n)
        SELECT DISTINCT NEW.entity_id, value, 1 FROM json_each(NEW.roles) WHERE type = 'text'
        ON CONFLICT (entity_id, role) DO UPDATE SET n = n + 1;
    UPDATE entity_stats SET name = (SELECT n.name FROM entity_names n WHERE n.entity_id = NEW.entity_id
        ORDER BY n.weight DESC, n.name LIMIT 1) WHERE entity_id = NEW.entity_id;
END;

CREATE TRIGGER entity_forms_removed AFTER DELETE ON entity_forms BEGIN
    UPDATE entity_names SET weight = weight - (OLD.mentions + 1) WHERE entity_id = OLD.entity_id AND name = OLD.name;
    DELETE FROM entity_names WHERE entity_id = OLD.entity_id AND name = OLD.name AND weight <= 0;
    UPDATE entity_aliases SET n = n - 1 WHERE entity_id = OLD.entity_id AND alias IN (OLD.form, OLD.name);
    UPDATE entity_aliases SET n = n - 1 WHERE entity_id = OLD.entity_id AND alias = OLD.form AND OLD.form = OLD.name;
    DELETE FROM entity_aliases WHERE entity_id = OLD.entity_id AND alias IN (OLD.form, OLD.name) AND n <= 0;
    UPDATE entity_roles SET n = n - 1 WHERE entity_id = OLD.entity_id AND role IN (SELECT value FROM json_each(OLD.roles) WHERE type = 'text');
    DELETE FROM entity_roles WHERE entity_id = OLD.entity_id AND n <= 0;
    DELETE FROM entity_articles WHERE article_id = OLD.article_id AND entity_id = OLD.entity_id
        AND NOT EXISTS (SELECT 1 FROM entity_forms f WHERE f.entity_id = OLD.entity_id AND f.article_id = OLD.article_id);
    UPDATE entity_stats SET name = coalesce((SELECT n.name FROM entity_names n WHERE n.entity_id = OLD.entity_id
        ORDER BY n.weight DESC, n.name LIMIT 1), name) WHERE entity_id = OLD.entity_id;
END;

CREATE TRIGGER entity_articles_added AFTER INSERT ON entity_articles BEGIN
    UPDATE entity_stats SET articles = articles + 1 WHERE entity_id = NEW.entity_id;
    INSERT INTO attention_weeks (entity_id, week, articles)
        SELECT NEW.entity_id, date(substr(NEW.published, 1, 10), 'weekday 0', '-6 days') AS week, 1 WHERE week IS NOT NULL
        ON CONFLICT (entity_id, week) DO UPDATE SET articles = articles + 1;
END;

CREATE TRIGGER entity_articles_removed AFTER DELETE ON entity_articles BEGIN
    UPDATE entity_stats SET articles = articles - 1 WHERE entity_id = OLD.entity_id;
    DELETE FROM entity_stats WHERE entity_id = OLD.entity_id AND articles <= 0;
    UPDATE attention_weeks SET articles = articles - 1
        WHERE entity_id = OLD.entity_id AND week = date(substr(OLD.published, 1, 10), 'weekday 0', '-6 days');
END;

CREATE TRIGGER entity_stats_added AFTER INSERT ON entity_stats BEGIN
    UPDATE corpus_counts SET n = n + 1 WHERE name = 'entities';
END;

CREATE TRIGGER entity_stats_removed AFTER DELETE ON entity_stats BEGIN
    UPDATE corpus_counts SET n = n - 1 WHERE name = 'entities';
END;

-- Quotes feed the speaker counts and the attention per week.
CREATE TRIGGER quotes_added AFTER INSERT ON quotes BEGIN
    UPDATE corpus_counts SET n = n + 1 WHERE name = 'quotes';
    INSERT INTO speaker_quotes (entity_id, quotes) SELECT NEW.speaker_entity, 1 WHERE NEW.speaker_entity <> ''
        ON CONFLICT (entity_id) DO UPDATE SET quotes = quotes + 1;
    INSERT INTO attention_weeks (entity_id, week, quotes)
        SELECT e, date(substr(NEW.day, 1, 10), 'weekday 0', '-6 days') AS week, 1
        FROM (SELECT '' AS e UNION ALL SELECT NEW.speaker_entity WHERE NEW.speaker_entity <> '') WHERE week IS NOT NULL
        ON CONFLICT (entity_id, week) DO UPDATE SET quotes = quotes + 1;
END;

CREATE TRIGGER quotes_removed AFTER DELETE ON quotes BEGIN
    UPDATE corpus_counts SET n = n - 1 WHERE name = 'quotes';
    UPDATE speaker_quotes SET quotes = quotes - 1 WHERE entity_id = OLD.speaker_entity;
    DELETE FROM speaker_quotes WHERE entity_id = OLD.speaker_entity AND quotes <= 0;
    UPDATE attention_weeks SET quotes = quotes - 1
        WHERE entity_id IN ('', OLD.speaker_entity) AND week = date(substr(OLD.day, 1, 10), 'weekday 0', '-6 days');
END;

-- Articles: counts, the corpus's attention, and the generation.
CREATE TRIGGER articles_added AFTER INSERT ON articles BEGIN
    UPDATE corpus_counts SET n = n + 1
        WHERE name = CASE WHEN NEW.duplicate_of IS NULL THEN 'articles' ELSE 'duplicates' END OR name = 'generation';
    INSERT INTO attention_weeks (entity_id, week, articles)
        SELECT '', date(substr(NEW.published, 1, 10), 'weekday 0', '-6 days') AS week, 1
        WHERE NEW.duplicate_of IS NULL AND week IS NOT NULL
        ON CONFLICT (entity_id, week) DO UPDATE SET articles = articles + 1;
END;

CREATE TRIGGER articles_removed AFTER DELETE ON articles BEGIN
    UPDATE corpus_counts SET n = n + CASE name WHEN 'generation' THEN 1 ELSE -1 END
        WHERE name = CASE WHEN OLD.duplicate_of IS NULL THEN 'articles' ELSE 'duplicates' END OR name = 'generation';
    UPDATE attention_weeks SET articles = articles - 1
        WHERE OLD.duplicate_of IS NULL AND entity_id = '' AND week = date(substr(OLD.published, 1, 10), 'weekday 0', '-6 days');
END;

-- Everything else a reader may have cached changes the generation.
CREATE TRIGGER quarantine_added AFTER INSERT ON quarantine BEGIN
    UPDATE corpus_counts SET n = n + 1 WHERE name IN ('quarantined', 'generation');
END;
CREATE TRIGGER quarantine_removed AFTER DELETE ON quarantine BEGIN
    UPDATE corpus_counts SET n = n + CASE name WHEN 'generation' THEN 1 ELSE -1 END WHERE name IN ('quarantined', 'generation');
END;
CREATE TRIGGER events_added AFTER INSERT ON events BEGIN
    UPDATE corpus_counts SET n = n + 1 WHERE name IN ('events', 'generation');
END;
CREATE TRIGGER events_changed AFTER UPDATE ON events BEGIN
    UPDATE corpus_counts SET n = n + 1 WHERE name = 'generation';
END;
CREATE TRIGGER events_removed AFTER DELETE ON events BEGIN
    UPDATE corpus_counts SET n = n + CASE name WHEN 'generation' THEN 1 ELSE -1 END WHERE name IN ('events', 'generation');
END;
CREATE TRIGGER storylines_added AFTER INSERT ON storylines BEGIN
    UPDATE corpus_counts SET n = n + 1 WHERE name IN ('storylines', 'generation');
END;
CREATE TRIGGER storylines_changed AFTER UPDATE ON storylines BEGIN
    UPDATE corpus_counts SET n = n + 1 WHERE name = 'generation';
END;
CREATE TRIGGER storylines_removed AFTER DELETE ON storylines BEGIN
    UPDATE corpus_counts SET n = n + CASE name WHEN 'generation' THEN 1 ELSE -1 END WHERE name IN ('storylines', 'generation');
END;
CREATE TRIGGER decisions_added AFTER INSERT ON decisions BEGIN
    UPDATE corpus_counts SET n = n + 1 WHERE name = 'generation';
END;
CREATE TRIGGER shifts_added AFTER INSERT ON shifts BEGIN
    UPDATE corpus_counts SET n = n + 1 WHERE name = 'generation';
END;
CREATE TRIGGER shifts_removed AFTER DELETE ON shifts BEGIN
    UPDATE corpus_counts SET n = n + 1 WHERE name = 'generation';
END;
