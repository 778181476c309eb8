-- A text search ranks its matches by reading their text vectors: kept in
-- the row (not in TOAST, where each read is an index lookup and chunks),
-- ranking 5,900 matches took 110 ms instead of 566. Rows stored before
-- this move in when rewritten (VACUUM FULL articles).
ALTER TABLE articles ALTER COLUMN tsv SET STORAGE MAIN;
