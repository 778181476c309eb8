package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// where collects SQL conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string { return strings.Join(w.conds, " AND ") }

func jsonList(ids []string) string {
	b, _ := json.Marshal(ids)
	return string(b)
}

// Search finds original articles by full-text query and filters.
func (db *DB) Search(ctx context.Context, q storyline.SearchQuery) (storyline.SearchResult, error) {
	var res storyline.SearchResult
	w := &where{}
	match := ftsQuery(q.Text)
	from := "articles a"
	if match != "" {
		// Only originals are in the index: no need to filter duplicates out.
		from = "articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
		w.add("articles_fts MATCH ?", match)
	} else {
		w.add("a.duplicate_of IS NULL")
	}
	if q.Outlet != "" {
		w.add("a.outlet = ? COLLATE NOCASE", q.Outlet)
	}
	if q.From != "" {
		w.add("a.published <> '' AND a.published >= ?", q.From)
	}
	if q.To != "" {
		w.add("a.published <> '' AND a.published <= ?", q.To)
	}
	if q.Speaker != "" {
		ids, err := db.entityIDs(ctx, q.Speaker)
		if err != nil {
			return res, err
		}
		w.add(`EXISTS (SELECT 1 FROM quotes x WHERE x.article_id = a.id AND (x.speaker_entity IN (SELECT value FROM json_each(?))
			OR lower(x.speaker_name) LIKE ? ESCAPE '\'))`, jsonList(ids), corpus.LikePattern(q.Speaker))
	}
	if q.Entity != "" {
		ids, err := db.entityIDs(ctx, q.Entity)
		if err != nil {
			return res, err
		}
		w.add("EXISTS (SELECT 1 FROM entity_forms f WHERE f.article_id = a.id AND f.entity_id IN (SELECT value FROM json_each(?)))", jsonList(ids))
	}
	countFrom := from
	if match != "" && len(w.conds) == 1 {
		countFrom = "articles_fts" // a plain text search counts inside the index
	}
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM "+countFrom+" WHERE "+w.sql(), w.args...).Scan(&res.Total); err != nil {
		return res, fmt.Errorf("searching %q: %w", q.Text, err)
	}
	page := append(w.args, limitOr(q.Limit, 20), max(q.Offset, 0))
	query := "SELECT a.id, a.title, a.outlet, a.published, substr(a.body, 1, 240) FROM " + from +
		" WHERE " + w.sql() + " ORDER BY a.published DESC, a.seq LIMIT ? OFFSET ?"
	if match != "" {
		// SQLite computes every selected column before it sorts, so the
		// page is ranked first and only its rows pay for a snippet.
		query = "SELECT a.id, a.title, a.outlet, a.published, snippet(articles_fts, 2, '[', ']', '…', 24) " +
			"FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? AND articles_fts.rowid IN (" +
			"SELECT articles_fts.rowid FROM " + from + " WHERE " + w.sql() + " ORDER BY rank, a.seq LIMIT ? OFFSET ?) ORDER BY rank, a.seq"
		page = append([]any{match}, page...)
	}
	rows, err := db.read.QueryContext(ctx, query, page...)
	if err != nil {
		return res, fmt.Errorf("searching %q: %w", q.Text, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h storyline.SearchHit
		if err := rows.Scan(&h.ID, &h.Title, &h.Outlet, &h.Published, &h.Snippet); err != nil {
			return res, err
		}
		res.Results = append(res.Results, h)
	}
	return res, rows.Err()
}

// Quotes lists quotes across original articles (only originals keep
// quotes) in date order: q.day is the day a quote was said, else its
// article's day.
func (db *DB) Quotes(ctx context.Context, f storyline.QuoteFilter) ([]storyline.QuoteRecord, int, error) {
	w := &where{}
	w.add("1 = 1")
	if f.Speaker != "" {
		cond, args, err := db.speakerCond(ctx, "q.speaker_entity", "q.speaker_name", f.Speaker)
		if err != nil {
			return nil, 0, err
		}
		w.add(cond, args...)
	}
	for _, word := range strings.Fields(f.Query) {
		w.add(`lower(q.text) LIKE ? ESCAPE '\'`, corpus.LikePattern(word))
	}
	if f.From != "" {
		w.add("q.day <> '' AND q.day >= ?", f.From)
	}
	if f.To != "" {
		w.add("q.day <> '' AND q.day <= ?", f.To)
	}
	if f.Article != "" {
		w.add("q.article_id = ?", f.Article)
	}
	var total int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM quotes q WHERE "+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("listing quotes: %w", err)
	}
	rows, err := db.read.QueryContext(ctx, "SELECT q.doc, q.article_id, a.outlet, a.published FROM quotes q JOIN articles a ON a.id = q.article_id WHERE "+
		w.sql()+" ORDER BY q.day, q.seq, q.idx LIMIT ? OFFSET ?", append(w.args, limitOr(f.Limit, 50), max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("listing quotes: %w", err)
	}
	defer rows.Close()
	var out []storyline.QuoteRecord
	for rows.Next() {
		var qr storyline.QuoteRecord
		var doc string
		if err := rows.Scan(&doc, &qr.Article, &qr.Outlet, &qr.Published); err != nil {
			return nil, 0, err
		}
		if err := json.Unmarshal([]byte(doc), &qr.Quote); err != nil {
			return nil, 0, err
		}
		out = append(out, qr)
	}
	return out, total, rows.Err()
}

// Timeline lists dated events and dated quotes about an entity or a query.
func (db *DB) Timeline(ctx context.Context, f storyline.TimelineFilter) ([]storyline.TimelineEntry, int, error) {
	ev, qu := &where{}, &where{}
	ev.add("a.duplicate_of IS NULL")
	qu.add("a.duplicate_of IS NULL AND q.said <> ''")
	if f.Entity != "" {
		ids, err := db.entityIDs(ctx, f.Entity)
		if err != nil {
			return nil, 0, err
		}
		list := jsonList(ids)
		// A dated clause is about the entity when it names it in one of its forms.
		ev.add(`EXISTS (SELECT 1 FROM entity_forms ef WHERE ef.article_id = e.article_id
			AND ef.entity_id IN (SELECT value FROM json_each(?)) AND instr(lower(e.text), lower(ef.form)) > 0)`, list)
		qu.add(`(q.speaker_entity IN (SELECT value FROM json_each(?)) OR EXISTS (SELECT 1 FROM entity_forms ef
			WHERE ef.article_id = q.article_id AND ef.entity_id IN (SELECT value FROM json_each(?)) AND instr(lower(q.text), lower(ef.form)) > 0))`, list, list)
	}
	if f.Query != "" {
		p := corpus.LikePattern(f.Query)
		ev.add(`lower(e.text) LIKE ? ESCAPE '\'`, p)
		qu.add(`lower(q.text) LIKE ? ESCAPE '\'`, p)
	}
	if f.From != "" {
		ev.add("e.date >= ?", f.From)
		qu.add("q.said >= ?", f.From)
	}
	if f.To != "" {
		ev.add("e.date <= ?", f.To+"~") // "2017-12" and "2017-12-31" both sort before "2017-12-31~"
		qu.add("q.said <= ?", f.To+"~")
	}
	union := `SELECT e.date AS date, e.granularity AS granularity, 'event' AS kind, e.text AS text, '' AS speaker,
		e.article_id AS article, a.outlet AS outlet, e.start_off AS s, e.end_off AS t, a.seq AS seq, e.idx AS idx
		FROM dated_events e JOIN articles a ON a.id = e.article_id WHERE ` + ev.sql() + `
		UNION ALL
		SELECT q.said, 'day', 'quote', q.text, q.speaker_name, q.article_id, a.outlet, q.start_off, q.end_off, a.seq, q.idx
		FROM quotes q JOIN articles a ON a.id = q.article_id WHERE ` + qu.sql()
	args := append(ev.args, qu.args...)
	var total int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM ("+union+")", args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("building timeline: %w", err)
	}
	rows, err := db.read.QueryContext(ctx, "SELECT date, granularity, kind, text, speaker, article, outlet, s, t FROM ("+union+
		") ORDER BY date, seq, kind, idx LIMIT ? OFFSET ?", append(args, limitOr(f.Limit, 100), max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("building timeline: %w", err)
	}
	defer rows.Close()
	var out []storyline.TimelineEntry
	for rows.Next() {
		var e storyline.TimelineEntry
		if err := rows.Scan(&e.Date, &e.Granularity, &e.Kind, &e.Text, &e.Speaker, &e.Article, &e.Outlet, &e.Start, &e.End); err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// entityIDs resolves a name, alias or id to every stored entity id it may
// mean, with merges applied both ways.
func (db *DB) entityIDs(ctx context.Context, nameOrID string) ([]string, error) {
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	if db.isEntityID(ctx, nameOrID) {
		return corpus.ExpandIDs(nameOrID, nil, decisions), nil // an id: no name to look for
	}
	pattern := corpus.LikePattern(nameOrID)
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT entity_id FROM entity_forms
		WHERE entity_id = ?1 OR form = ?1 COLLATE NOCASE OR name = ?1 COLLATE NOCASE
		   OR lower(name) LIKE ?2 ESCAPE '\' OR lower(form) LIKE ?2 ESCAPE '\'`, nameOrID, pattern)
	if err != nil {
		return nil, fmt.Errorf("resolving %q: %w", nameOrID, err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	return corpus.ExpandIDs(nameOrID, ids, decisions), nil
}

// isEntityID reports whether s is the id of a stored entity.
func (db *DB) isEntityID(ctx context.Context, s string) bool {
	var one int
	return db.read.QueryRowContext(ctx, "SELECT 1 FROM entity_forms WHERE entity_id = ? LIMIT 1", s).Scan(&one) == nil
}

// speakerCond matches quotes by a speaker given as an id (indexed) or as a
// name, alias or mention (a scan).
func (db *DB) speakerCond(ctx context.Context, col, nameCol, speaker string) (string, []any, error) {
	ids, err := db.entityIDs(ctx, speaker)
	if err != nil {
		return "", nil, err
	}
	if db.isEntityID(ctx, speaker) {
		if len(ids) == 1 {
			return col + " = ?", []any{ids[0]}, nil // walks the speaker's index in date order
		}
		return col + " IN (SELECT value FROM json_each(?))", []any{jsonList(ids)}, nil
	}
	return "(" + col + " IN (SELECT value FROM json_each(?)) OR lower(" + nameCol + ") LIKE ? ESCAPE '\\')",
		[]any{jsonList(ids), corpus.LikePattern(speaker)}, nil
}

// SaveDecision records a user's merge or split.
func (db *DB) SaveDecision(ctx context.Context, d storyline.Decision) error {
	_, err := db.write.ExecContext(ctx, "INSERT INTO decisions (kind, subject, object, created) VALUES (?,?,?,?)",
		d.Kind, d.Subject, d.Object, d.Created.UTC().Format("2006-01-02T15:04:05.999999999Z07:00"))
	if err != nil {
		return fmt.Errorf("recording decision: %w", err)
	}
	return nil
}

// Decisions lists every recorded decision in the order taken.
func (db *DB) Decisions(ctx context.Context) ([]storyline.Decision, error) {
	rows, err := db.read.QueryContext(ctx, "SELECT kind, subject, object, created FROM decisions ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("reading decisions: %w", err)
	}
	defer rows.Close()
	var out []storyline.Decision
	for rows.Next() {
		var d storyline.Decision
		var created sql.NullString
		if err := rows.Scan(&d.Kind, &d.Subject, &d.Object, &created); err != nil {
			return nil, err
		}
		d.Created = parseTime(created.String)
		out = append(out, d)
	}
	return out, rows.Err()
}
