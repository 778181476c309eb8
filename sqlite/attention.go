package sqlite

import (
	"context"
	"fmt"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// Attention counts articles and quotes per week, from the counts the
// triggers keep; an entity a decision regrouped is counted from its rows.
func (db *DB) Attention(ctx context.Context, entity string) ([]storyline.WeekCount, error) {
	if entity == "" {
		return db.attentionRows(ctx, "")
	}
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	if _, split := corpus.SplitFrom(entity); !split && !decidedEntities(decisions)[entity] {
		var one int
		if err := db.read.QueryRowContext(ctx, "SELECT 1 FROM entity_stats WHERE entity_id = ?", entity).Scan(&one); err != nil {
			return nil, notFound(err, "entity "+entity)
		}
		return db.attentionRows(ctx, entity)
	}
	e, err := db.Entity(ctx, entity)
	if err != nil {
		return nil, err
	}
	cond, args, err := db.speakerCond(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT week, sum(a), sum(q) FROM (
		SELECT date(substr(a.published, 1, 10), 'weekday 0', '-6 days') AS week, 1 AS a, 0 AS q
			FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))
		UNION ALL
		SELECT date(substr(q.day, 1, 10), 'weekday 0', '-6 days'), 0, 1 FROM quotes q WHERE `+cond+`)
		WHERE week IS NOT NULL GROUP BY week ORDER BY week`, append([]any{jsonList(e.Articles)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("counting attention to %s: %w", entity, err)
	}
	defer rows.Close()
	return scanWeeks(rows, entity)
}

func (db *DB) attentionRows(ctx context.Context, entity string) ([]storyline.WeekCount, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT week, articles, quotes FROM attention_weeks
		WHERE entity_id = ? AND (articles > 0 OR quotes > 0) ORDER BY week`, entity)
	if err != nil {
		return nil, fmt.Errorf("counting attention to %q: %w", entity, err)
	}
	defer rows.Close()
	return scanWeeks(rows, entity)
}

func scanWeeks(rows corpus.Rows, entity string) ([]storyline.WeekCount, error) {
	var out []storyline.WeekCount
	for rows.Next() {
		var w storyline.WeekCount
		if err := rows.Scan(&w.Week, &w.Articles, &w.Quotes); err != nil {
			return nil, fmt.Errorf("counting attention to %q: %w", entity, err)
		}
		out = append(out, w)
	}
	return out, rows.Err()
}
