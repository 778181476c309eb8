-- Quotes no entity was resolved for are a speaker's by the name written:
-- recomputing the shifts of such speakers after an ingest reads them by
-- that name, which without this index scans every unresolved quote.
CREATE INDEX quotes_unresolved_name ON quotes (lower(speaker_name)) WHERE speaker_entity = '';
