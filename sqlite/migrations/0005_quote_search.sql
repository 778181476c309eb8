-- Quotes are searched by their words: a full-text index instead of a LIKE
-- scan over every quote of the corpus. It keeps no copy of the text, and
-- is keyed by the quote's article seq and index (seq << 20 | idx), not by
-- rowid, which VACUUM may renumber. An article's quotes past the millionth
-- (only a hostile input has them) are left out rather than collide.
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content = '', contentless_delete = 1, tokenize = 'porter unicode61');
INSERT INTO quotes_fts (rowid, text) SELECT seq << 20 | idx, text FROM quotes WHERE idx < 1048576;
CREATE INDEX quotes_seq ON quotes (seq, idx);

CREATE TRIGGER quotes_fts_added AFTER INSERT ON quotes WHEN NEW.idx < 1048576 BEGIN
    INSERT INTO quotes_fts (rowid, text) VALUES (NEW.seq << 20 | NEW.idx, NEW.text);
END;
CREATE TRIGGER quotes_fts_removed AFTER DELETE ON quotes WHEN OLD.idx < 1048576 BEGIN
    DELETE FROM quotes_fts WHERE rowid = OLD.seq << 20 | OLD.idx;
END;
