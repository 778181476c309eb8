-- Clustering into events and storylines is incremental and depends on the
-- order articles arrive in, so one process at a time does it for all the
-- workers: the leader, holder of an advisory lock (see leader.go).

-- Originals stored but not clustered yet, keyed by the article's seq (its
-- stored order). Written in the transaction that stores the article, and
-- deleted in the one that writes its event: nothing is clustered twice or
-- skipped, whoever stored it and whichever process leads.
CREATE TABLE cluster_pending (
    seq        bigint PRIMARY KEY,
    article_id text NOT NULL
);

-- The articles clustered, in the order they were: a new leader replays
-- them in this order to rebuild the state the last one had.
CREATE TABLE cluster_log (
    cluster_seq bigint PRIMARY KEY,
    article_seq bigint NOT NULL,
    article_id  text NOT NULL
);

-- shifted: the shifts of every speaker quoted in the articles logged up
-- to this cluster_seq are up to date; those after it are still due.
CREATE TABLE cluster_state (
    one     boolean PRIMARY KEY DEFAULT true CHECK (one),
    shifted bigint NOT NULL DEFAULT 0
);

-- A database filled before: the originals some event holds were clustered
-- (by ingest, in stored order) and their shifts computed; the others,
-- stored by workers, wait for the leader.
INSERT INTO cluster_log (cluster_seq, article_seq, article_id)
    SELECT row_number() OVER (ORDER BY a.seq), a.seq, a.id FROM articles a
    WHERE a.duplicate_of IS NULL AND a.id IN (SELECT unnest(articles) FROM events);
INSERT INTO cluster_pending (seq, article_id)
    SELECT a.seq, a.id FROM articles a
    WHERE a.duplicate_of IS NULL AND NOT EXISTS (SELECT 1 FROM cluster_log l WHERE l.article_seq = a.seq);
INSERT INTO cluster_state (shifted) SELECT coalesce(max(cluster_seq), 0) FROM cluster_log;
