-- The articles about one entity are listed newest first: walk them in
-- that order instead of sorting all of a prolific speaker's articles.
CREATE INDEX entity_articles_published ON entity_articles (entity_id, published DESC, seq);
