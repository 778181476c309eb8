package sqlite

import (
	"context"
	"fmt"

	"github.com/storyline-news/storyline"
)

// QuotedSpeakers lists the speakers quoted in the given articles (entity
// and name as the quotes give them), in one statement however many
// articles an ingest stored.
func (db *DB) QuotedSpeakers(ctx context.Context, articles []string) ([]storyline.Speaker, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT speaker_entity, speaker_name FROM quotes
		WHERE article_id IN (SELECT value FROM json_each(?))`, jsonList(articles))
	if err != nil {
		return nil, fmt.Errorf("listing the speakers quoted: %w", err)
	}
	defer rows.Close()
	var out []storyline.Speaker
	for rows.Next() {
		var s storyline.Speaker
		if err := rows.Scan(&s.Entity, &s.Name); err != nil {
			return nil, fmt.Errorf("listing the speakers quoted: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// QuotesBySpeakers lists, in date order as Quotes does, every quote said
// by one of the given entities, or, unresolved to any entity, under one of
// the given names (lower-case). Shifts are recomputed for thousands of
// speakers after a large ingest: a Quotes call each resolves the speaker
// as a user's query would, by scanning every alias for a name.
func (db *DB) QuotesBySpeakers(ctx context.Context, entities, names []string) ([]storyline.QuoteRecord, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT q.doc, q.article_id, a.outlet, a.published
		FROM (SELECT rowid AS r FROM quotes WHERE speaker_entity IN (SELECT value FROM json_each(?1))
			UNION ALL
			SELECT rowid FROM quotes INDEXED BY quotes_unresolved_name
			WHERE speaker_entity = '' AND lower(speaker_name) IN (SELECT value FROM json_each(?2))) p
		JOIN quotes q ON q.rowid = p.r JOIN articles a ON a.id = q.article_id
		ORDER BY q.day, q.seq, q.idx`, jsonList(entities), jsonList(names))
	if err != nil {
		return nil, fmt.Errorf("reading the quotes of the speakers due: %w", err)
	}
	out, err := quoteRecords(rows)
	if err != nil {
		return nil, fmt.Errorf("reading the quotes of the speakers due: %w", err)
	}
	return out, nil
}
