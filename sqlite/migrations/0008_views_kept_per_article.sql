-- The views of 0003-0007 were kept by triggers on every entity form,
-- quote and dated clause: about seven statements per form and several per
-- quote, some 300 statements for a news article, which made storing an
-- article cost three times its annotation. The store now runs a handful of
-- set-based statements per article instead (sqlite/views.go), in the same
-- transaction that stores or removes the article, so the views still
-- cannot drift from their rows. The triggers on articles, entity_stats and
-- the rarely written tables fire once per article or less and stay.
--
-- Nothing is rebuilt: the triggers kept the views exact up to this point.
DROP TRIGGER entity_forms_added;
DROP TRIGGER entity_forms_removed;
DROP TRIGGER entity_articles_added;
DROP TRIGGER entity_articles_removed;
DROP TRIGGER quotes_added;
DROP TRIGGER quotes_removed;
DROP TRIGGER quotes_fts_added;
DROP TRIGGER quotes_fts_removed;
DROP TRIGGER dated_events_linked;
DROP TRIGGER quotes_linked;
