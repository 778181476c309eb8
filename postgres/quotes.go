package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// quoteDate is the day a quote was said, else its article's day, for
// queries that join the article anyway; q.day holds the same.
const quoteDate = "COALESCE(NULLIF(q.said, ''), a.published)"

// Quotes lists quotes in date order. Only originals keep quotes, so the
// filters read the quotes alone, and only the page's rows are joined to
// their articles. A speaker's quotes are read per entity id through its
// day index, one ordered branch per id, so a page costs the same however
// much the speaker said.
func (db *DB) Quotes(ctx context.Context, f storyline.QuoteFilter) ([]storyline.QuoteRecord, int, error) {
	f.Speaker, f.Query, f.From, f.To, f.Article = noNUL(f.Speaker), noNUL(f.Query), noNUL(f.From), noNUL(f.To), noNUL(f.Article)
	where, args := []string{"TRUE"}, []any{}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	if f.Query != "" {
		where = append(where, "q.tsv @@ websearch_to_tsquery('english', "+arg(f.Query)+")")
	}
	if f.From != "" {
		where = append(where, "q.day <> '' AND q.day >= "+arg(f.From))
	}
	if f.To != "" {
		where = append(where, "q.day <> '' AND q.day <= "+arg(f.To))
	}
	if f.Article != "" {
		where = append(where, "q.article_id = "+arg(f.Article))
	}
	rest := strings.Join(where, " AND ")
	branches := []string{rest}
	if f.Speaker != "" {
		var err error
		if branches, err = db.speakerBranches(ctx, f.Speaker, rest, arg); err != nil {
			return nil, 0, err
		}
	}
	limit, offset := limitOr(f.Limit, 50), max(f.Offset, 0)
	countArgs := append([]any(nil), args...)
	upTo := arg(offset + limit)
	counts := make([]string, len(branches))
	pages := make([]string, len(branches))
	for i, b := range branches {
		counts[i] = "(SELECT count(*) FROM quotes q WHERE " + b + ")"
		pages[i] = "(SELECT q.doc, q.article_id, q.day, q.seq, q.idx FROM quotes q WHERE " + b +
			" ORDER BY q.day, q.seq, q.idx LIMIT " + upTo + ")"
	}
	var total int
	if err := db.pool.QueryRow(ctx, "SELECT "+strings.Join(counts, " + "), countArgs...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("listing quotes: %w", err)
	}
	rows, err := db.pool.Query(ctx, `SELECT q.doc, q.article_id, a.outlet, a.published FROM (
		SELECT * FROM (`+strings.Join(pages, " UNION ALL ")+`) u ORDER BY day, seq, idx LIMIT `+arg(limit)+" OFFSET "+arg(offset)+`) q
		JOIN articles a ON a.id = q.article_id ORDER BY q.day, q.seq, q.idx`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("listing quotes: %w", err)
	}
	qs, err := pgx.CollectRows(rows, quoteRecord)
	if err != nil {
		return nil, 0, fmt.Errorf("listing quotes: %w", err)
	}
	return qs, total, nil
}

// quoteRecord reads a row of (doc, article id, outlet, published).
func quoteRecord(r pgx.CollectableRow) (storyline.QuoteRecord, error) {
	var qr storyline.QuoteRecord
	var doc []byte
	if err := r.Scan(&doc, &qr.Article, &qr.Outlet, &qr.Published); err != nil {
		return qr, err
	}
	return qr, json.Unmarshal(doc, &qr.Quote)
}

// maxBranches bounds the ordered branches of one speaker filter: each is
// planned, and a name matching hundreds of entities is read better at once.
const maxBranches = 64

// speakerBranches splits a speaker filter into disjoint conditions, each
// read in date order from one index: one per entity id the speaker may
// mean, and, for a speaker given by name, one for the quotes whose speaker
// no entity was resolved for but whose name matches (a resolved speaker's
// name is among its entity's names, so its quotes are in its id's branch).
func (db *DB) speakerBranches(ctx context.Context, speaker, rest string, arg func(any) string) ([]string, error) {
	ids, err := db.entityIDs(ctx, speaker)
	if err != nil {
		return nil, err
	}
	isID, err := db.isEntityID(ctx, speaker)
	if err != nil {
		return nil, err
	}
	var out []string
	if len(ids) > maxBranches { // a name shared by many entities: one unordered read
		out = append(out, "q.speaker_entity = ANY("+arg(ids)+") AND "+rest)
		ids = nil
	}
	for _, id := range ids {
		out = append(out, "q.speaker_entity = "+arg(id)+" AND "+rest)
	}
	if !isID {
		out = append(out, "q.speaker_entity = '' AND lower(q.speaker_name) LIKE "+arg(corpus.LikePattern(speaker))+" ESCAPE '\\' AND "+rest)
	}
	if len(out) == 0 {
		out = append(out, "FALSE")
	}
	return out, nil
}

// Timeline lists dated events and dated quotes about an entity or a query.
func (db *DB) Timeline(ctx context.Context, f storyline.TimelineFilter) ([]storyline.TimelineEntry, int, error) {
	f.Entity, f.Query, f.From, f.To = noNUL(f.Entity), noNUL(f.Query), noNUL(f.From), noNUL(f.To)
	args := []any{}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	evWhere := []string{"a.duplicate_of IS NULL"}
	qWhere := []string{"a.duplicate_of IS NULL", "q.said <> ''"}
	if f.Entity != "" {
		ids, err := db.entityIDs(ctx, f.Entity)
		if err != nil {
			return nil, 0, err
		}
		idArg := arg(ids)
		// A dated clause is about the entity when it names it in one of its forms.
		evWhere = append(evWhere, "EXISTS (SELECT 1 FROM entity_forms ef WHERE ef.article_id = e.article_id AND ef.entity_id = ANY("+
			idArg+") AND e.text ILIKE '%' || ef.form || '%')")
		qWhere = append(qWhere, "(q.speaker_entity = ANY("+idArg+") OR EXISTS (SELECT 1 FROM entity_forms ef WHERE ef.article_id = q.article_id AND ef.entity_id = ANY("+
			idArg+") AND q.text ILIKE '%' || ef.form || '%'))")
	}
	if f.Query != "" {
		p := arg(corpus.LikePattern(f.Query))
		evWhere = append(evWhere, "lower(e.text) LIKE "+p+" ESCAPE '\\'")
		qWhere = append(qWhere, "lower(q.text) LIKE "+p+" ESCAPE '\\'")
	}
	if f.From != "" {
		p := arg(f.From)
		evWhere = append(evWhere, "e.date >= "+p)
		qWhere = append(qWhere, "q.said >= "+p)
	}
	if f.To != "" {
		p := arg(f.To + "~") // "2017-12" and "2017-12-31" both sort before "2017-12-31~"
		evWhere = append(evWhere, "e.date <= "+p)
		qWhere = append(qWhere, "q.said <= "+p)
	}
	union := `SELECT e.date, e.granularity, 'event' AS kind, e.text, '' AS speaker, e.article_id, a.outlet, e.start_off, e.end_off, a.seq, e.idx
		FROM dated_events e JOIN articles a ON a.id = e.article_id WHERE ` + strings.Join(evWhere, " AND ") + `
		UNION ALL
		SELECT q.said, 'day', 'quote', q.text, q.speaker_name, q.article_id, a.outlet, q.start_off, q.end_off, a.seq, q.idx
		FROM quotes q JOIN articles a ON a.id = q.article_id WHERE ` + strings.Join(qWhere, " AND ")
	var total int
	if err := db.pool.QueryRow(ctx, "SELECT count(*) FROM ("+union+") t", args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("building timeline: %w", err)
	}
	rows, err := db.pool.Query(ctx, "SELECT date, granularity, kind, text, speaker, article_id, outlet, start_off, end_off FROM ("+
		union+") t ORDER BY date, seq, kind, idx LIMIT "+arg(limitOr(f.Limit, 100))+" OFFSET "+arg(max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("building timeline: %w", err)
	}
	entries, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (storyline.TimelineEntry, error) {
		var e storyline.TimelineEntry
		err := r.Scan(&e.Date, &e.Granularity, &e.Kind, &e.Text, &e.Speaker, &e.Article, &e.Outlet, &e.Start, &e.End)
		return e, err
	})
	return entries, total, err
}
