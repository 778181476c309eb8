package postgres

import (
	"context"
	"fmt"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// Attention counts articles and quotes per week: the corpus's, or those of
// one entity (the articles mentioning it and the quotes it said), with the
// user's decisions applied as Entity and Quotes apply them.
func (db *DB) Attention(ctx context.Context, entity string) ([]storyline.WeekCount, error) {
	articles := "SELECT a.published, count(*) FROM articles a WHERE a.duplicate_of IS NULL GROUP BY 1"
	quotes := "SELECT " + quoteDate + ", count(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.duplicate_of IS NULL GROUP BY 1"
	var articleArgs, quoteArgs []any
	if entity != "" {
		e, err := db.Entity(ctx, noNUL(entity))
		if err != nil {
			return nil, err
		}
		ids, err := db.entityIDs(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		articles = "SELECT a.published, count(*) FROM articles a WHERE a.id = ANY($1) GROUP BY 1"
		articleArgs = []any{e.Articles}
		quotes = "SELECT " + quoteDate + ", count(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.duplicate_of IS NULL" +
			" AND (q.speaker_entity = ANY($1) OR lower(q.speaker_name) LIKE $2 ESCAPE '\\') GROUP BY 1"
		quoteArgs = []any{ids, corpus.LikePattern(e.ID)}
	}
	perDay := func(query string, args []any) (map[string]int, error) {
		rows, err := db.pool.Query(ctx, query, args...)
		if err != nil {
			return nil, fmt.Errorf("counting attention to %q: %w", entity, err)
		}
		defer rows.Close()
		out := map[string]int{}
		for rows.Next() {
			var day string
			var n int
			if err := rows.Scan(&day, &n); err != nil {
				return nil, fmt.Errorf("counting attention to %q: %w", entity, err)
			}
			out[day] += n
		}
		return out, rows.Err()
	}
	a, err := perDay(articles, articleArgs)
	if err != nil {
		return nil, err
	}
	q, err := perDay(quotes, quoteArgs)
	if err != nil {
		return nil, err
	}
	return corpus.Weeks(a, q), nil
}

// Headlines gives the title, outlet and day of stored articles, in order.
func (db *DB) Headlines(ctx context.Context, ids []string) ([]storyline.SearchHit, error) {
	clean := make([]string, len(ids))
	for i, id := range ids {
		clean[i] = noNUL(id)
	}
	rows, err := db.pool.Query(ctx, "SELECT id, title, outlet, published FROM articles WHERE id = ANY($1)", clean)
	if err != nil {
		return nil, fmt.Errorf("reading %d headlines: %w", len(ids), err)
	}
	defer rows.Close()
	byID := map[string]storyline.SearchHit{}
	for rows.Next() {
		var h storyline.SearchHit
		if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.Published); err != nil {
			return nil, fmt.Errorf("reading %d headlines: %w", len(ids), err)
		}
		byID[h.ID] = h
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading %d headlines: %w", len(ids), err)
	}
	return corpus.InOrder(clean, byID), nil
}
