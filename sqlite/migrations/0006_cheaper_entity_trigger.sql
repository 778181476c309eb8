-- Storing a form used to recompute the entity's name from all its names.
-- Only the name just stored gained weight, so it is enough to compare it
-- with the current name, which usually wins and is then left unwritten.
DROP TRIGGER entity_forms_added;
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
    UPDATE entity_stats SET name = NEW.name
    WHERE entity_id = NEW.entity_id AND name <> NEW.name AND (
        SELECT nw.weight > coalesce(cw.weight, 0) OR (nw.weight = coalesce(cw.weight, 0) AND NEW.name < entity_stats.name)
        FROM entity_names nw LEFT JOIN entity_names cw ON cw.entity_id = NEW.entity_id AND cw.name = entity_stats.name
        WHERE nw.entity_id = NEW.entity_id AND nw.name = NEW.name);
END;
