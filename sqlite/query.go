package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
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

// Search finds original articles by full-text query and filters. Answers
// are kept for the generation of the corpus they were computed in.
func (db *DB) Search(ctx context.Context, q storyline.SearchQuery) (storyline.SearchResult, error) {
	q.Limit, q.Offset = limitOr(q.Limit, 20), max(q.Offset, 0)
	type key struct{ q storyline.SearchQuery }
	res, err := cached(ctx, db, key{q}, func() (storyline.SearchResult, error) { return db.search(ctx, q) })
	if err != nil {
		return res, fmt.Errorf("searching %q: %w", q.Text, err)
	}
	res.Results = slices.Clone(res.Results) // the cached page stays as it was
	return res, nil
}

func (db *DB) search(ctx context.Context, q storyline.SearchQuery) (storyline.SearchResult, error) {
	w, entity, err := db.searchFilters(ctx, q)
	if err != nil {
		return storyline.SearchResult{}, err
	}
	var speaker *where // the quotes q of the speaker asked for
	if q.Speaker != "" {
		cond, args, err := db.speakerCond(ctx, q.Speaker)
		if err != nil {
			return storyline.SearchResult{}, err
		}
		speaker = &where{}
		speaker.add(cond, args...)
	}
	match := ftsQuery(q.Text)
	if match == "" && entity == "" && speaker != nil {
		return db.searchSpeaker(ctx, speaker, w, q)
	}
	if speaker != nil {
		w.add("a.seq IN (SELECT q.seq FROM quotes q WHERE "+speaker.sql()+")", speaker.args...)
	}
	switch {
	case match != "":
		return db.searchText(ctx, match, w, q)
	case entity != "":
		return db.searchEntity(ctx, entity, w, q)
	}
	return db.searchFiltered(ctx, w, q)
}

// searchSpeaker lists the articles quoting a speaker, newest first. The
// count reads the speaker's quotes alone; the page walks the articles by
// day along their index, which holds all it needs, until it has a page.
func (db *DB) searchSpeaker(ctx context.Context, speaker, w *where, q storyline.SearchQuery) (storyline.SearchResult, error) {
	var res storyline.SearchResult
	quoting := "(SELECT q.seq FROM quotes q WHERE " + speaker.sql() + ")"
	countQ, args := "SELECT count(DISTINCT seq) FROM "+quoting, slices.Clone(speaker.args)
	// Only originals have quotes; without INDEXED BY, SQLite looks up
	// every quoting article and sorts them all.
	page := "SELECT a.seq FROM articles a INDEXED BY articles_published WHERE a.seq IN " + quoting
	if len(w.conds) > 0 {
		countQ = "SELECT count(*) FROM articles a WHERE a.seq IN " + quoting + " AND " + w.sql()
		page += " AND " + w.sql()
		args = append(args, w.args...)
	}
	if err := db.read.QueryRowContext(ctx, countQ, args...).Scan(&res.Total); err != nil {
		return res, err
	}
	seqs, err := db.seqs(ctx, page+" ORDER BY a.published DESC, a.seq LIMIT ? OFFSET ?", append(args, q.Limit, q.Offset)...)
	if err != nil || len(seqs) == 0 {
		return res, err
	}
	res.Results, err = db.hits(ctx, seqs, articleHits)
	return res, err
}

// searchFilters turns the outlet, dates and entity into conditions on
// articles a. With an entity filter that resolves to one id, that id is
// returned and left out of the conditions: its own index leads the search.
func (db *DB) searchFilters(ctx context.Context, q storyline.SearchQuery) (*where, string, error) {
	w := &where{}
	if q.Outlet != "" {
		w.add("a.outlet = ? COLLATE NOCASE", q.Outlet)
	}
	if q.From != "" {
		w.add("a.published <> '' AND a.published >= ?", q.From)
	}
	if q.To != "" {
		w.add("a.published <> '' AND a.published <= ?", q.To)
	}
	if q.Entity == "" {
		return w, "", nil
	}
	ids, err := db.entityIDs(ctx, q.Entity)
	if err != nil {
		return nil, "", err
	}
	if stored := db.storedIDs(ctx, ids); len(stored) == 1 {
		return w, stored[0], nil
	}
	w.add("a.seq IN (SELECT seq FROM entity_articles WHERE entity_id IN (SELECT value FROM json_each(?)))", jsonList(ids))
	return w, "", nil
}

// storedIDs keeps the ids that have stored entity rows.
func (db *DB) storedIDs(ctx context.Context, ids []string) []string {
	var out []string
	for _, id := range ids {
		if db.isEntityID(ctx, id) {
			out = append(out, id)
		}
	}
	return out
}

// searchText ranks the matches by BM25 inside the FTS5 index and pays for
// snippets only on the page: SQLite would compute every selected column
// of every match before sorting.
func (db *DB) searchText(ctx context.Context, match string, w *where, q storyline.SearchQuery) (storyline.SearchResult, error) {
	if len(w.conds) == 0 {
		return db.searchRecent(ctx, match, q)
	}
	var res storyline.SearchResult
	from := " FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH ? AND " + w.sql()
	args := append([]any{match}, w.args...)
	if err := db.read.QueryRowContext(ctx, "SELECT count(*)"+from, args...).Scan(&res.Total); err != nil {
		return res, err
	}
	seqs, err := db.seqs(ctx, "SELECT f.rowid"+from+" ORDER BY f.rank, f.rowid LIMIT ? OFFSET ?", append(args, q.Limit, q.Offset)...)
	if err != nil {
		return res, err
	}
	res.Results, err = db.textHits(ctx, match, seqs)
	return res, err
}

// rankedMatches bounds the matches a plain text search ranks, as in the
// PostgreSQL store: ranking reads every match's index entries, so ranking
// all of a common word's matches costs time in proportion to the corpus
// (the 71,546 matches of "trump" in 100,000 articles: 117 ms in the sqlite3
// shell, where the page users read needs 20). A search with more matches
// ranks those among the latest articles (at least this many, or all of the
// latest minWindow articles when they hold more) and estimates its total
// from them: news readers want the recent relevant articles first, and
// "about 700,000" is as useful as the count.
const rankedMatches = 500

// minWindow is the first window of latest articles a search counts in.
const minWindow = 2048

// searchRecent ranks the matches among the latest articles, in a window
// that holds enough of them for the page asked for, or in the whole
// corpus when it holds few.
func (db *DB) searchRecent(ctx context.Context, match string, q storyline.SearchQuery) (storyline.SearchResult, error) {
	var res storyline.SearchResult
	var first, last int64 // one min or max a query reads off the key; both at once scan the table
	if err := db.read.QueryRowContext(ctx, "SELECT coalesce((SELECT min(seq) FROM articles), 0), coalesce((SELECT max(seq) FROM articles), 0)").Scan(&first, &last); err != nil {
		return res, err
	}
	span := last - first + 1
	want := max(rankedMatches, q.Offset+q.Limit)
	count := func(window int64) (n int, err error) {
		err = db.read.QueryRowContext(ctx, "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ?",
			match, last-window).Scan(&n)
		return n, err
	}
	// Counting in a small window first tells how far back enough matches
	// go, at the cost of a window of that size.
	window := min(span, minWindow)
	n, err := count(window)
	for tries := 1; err == nil && n < want && window < span && tries < 6; tries++ {
		window = min(span, max(4*window, window*int64(2*want)/int64(max(n, 1))))
		n, err = count(window)
	}
	if err != nil {
		return res, err
	}
	res.Total = n
	if window < span {
		res.Total = int(math.Round(float64(n) * float64(span) / float64(window)))
	}
	seqs, err := db.seqs(ctx, "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid > ? ORDER BY rank, rowid LIMIT ? OFFSET ?",
		match, last-window, q.Limit, q.Offset)
	if err != nil {
		return res, err
	}
	res.Results, err = db.textHits(ctx, match, seqs)
	return res, err
}

// textHits reads the page of a text search, with the snippets of its
// matches.
func (db *DB) textHits(ctx context.Context, match string, seqs []int64) ([]storyline.SearchHit, error) {
	if len(seqs) == 0 {
		return nil, nil
	}
	return db.hits(ctx, seqs, `SELECT a.seq, a.id, a.title, a.outlet, a.published, snippet(articles_fts, 2, '[', ']', '…', 24)
		FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
		WHERE articles_fts MATCH ? AND articles_fts.rowid IN (SELECT value FROM json_each(?))`, match)
}

// searchEntity lists the articles mentioning one entity, newest first,
// walking that entity's own index.
func (db *DB) searchEntity(ctx context.Context, entity string, w *where, q storyline.SearchQuery) (storyline.SearchResult, error) {
	var res storyline.SearchResult
	from := " FROM entity_articles x JOIN articles a ON a.seq = x.seq WHERE x.entity_id = ?"
	if len(w.conds) > 0 {
		from += " AND " + w.sql()
	}
	args := append([]any{entity}, w.args...)
	countQ := "SELECT count(*)" + from
	if len(w.conds) == 0 {
		countQ, args = "SELECT articles FROM entity_stats WHERE entity_id = ?", []any{entity}
	}
	if err := db.read.QueryRowContext(ctx, countQ, args...).Scan(&res.Total); err != nil {
		return res, err
	}
	seqs, err := db.seqs(ctx, "SELECT x.seq"+from+" ORDER BY x.published DESC, x.seq LIMIT ? OFFSET ?",
		append(append([]any{entity}, w.args...), q.Limit, q.Offset)...)
	if err != nil || len(seqs) == 0 {
		return res, err
	}
	res.Results, err = db.hits(ctx, seqs, articleHits)
	return res, err
}

// searchFiltered lists the originals matching filters, newest first.
func (db *DB) searchFiltered(ctx context.Context, w *where, q storyline.SearchQuery) (storyline.SearchResult, error) {
	var res storyline.SearchResult
	w.add("a.duplicate_of IS NULL")
	countQ := "SELECT count(*) FROM articles a WHERE " + w.sql()
	if len(w.conds) == 1 {
		countQ = "SELECT n FROM corpus_counts WHERE name = 'articles'"
	}
	if err := db.read.QueryRowContext(ctx, countQ, w.args...).Scan(&res.Total); err != nil {
		return res, err
	}
	seqs, err := db.seqs(ctx, "SELECT a.seq FROM articles a WHERE "+w.sql()+" ORDER BY a.published DESC, a.seq LIMIT ? OFFSET ?",
		append(w.args, q.Limit, q.Offset)...)
	if err != nil || len(seqs) == 0 {
		return res, err
	}
	res.Results, err = db.hits(ctx, seqs, articleHits)
	return res, err
}

// articleHits reads hits without a match to show: the snippet is the
// opening of the body.
const articleHits = `SELECT a.seq, a.id, a.title, a.outlet, a.published, substr(a.body, 1, 240)
	FROM articles a WHERE a.seq IN (SELECT value FROM json_each(?))`

func (db *DB) seqs(ctx context.Context, query string, args ...any) ([]int64, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			return nil, err
		}
		out = append(out, seq)
	}
	return out, rows.Err()
}

// hits reads the hits of articles seqs, in that order. query selects seq
// and the hit's columns; its last argument is the list of seqs.
func (db *DB) hits(ctx context.Context, seqs []int64, query string, args ...any) ([]storyline.SearchHit, error) {
	list, _ := json.Marshal(seqs)
	rows, err := db.read.QueryContext(ctx, query, append(args, string(list))...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	bySeq := map[int64]storyline.SearchHit{}
	for rows.Next() {
		var seq int64
		var h storyline.SearchHit
		if err := rows.Scan(&seq, &h.ID, &h.Title, &h.Outlet, &h.Published, &h.Snippet); err != nil {
			return nil, err
		}
		bySeq[seq] = h
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]storyline.SearchHit, 0, len(seqs))
	for _, seq := range seqs {
		if h, ok := bySeq[seq]; ok {
			out = append(out, h)
		}
	}
	return out, nil
}

// Quotes lists quotes across original articles (only originals keep
// quotes) in date order: q.day is the day a quote was said, else its
// article's day.
func (db *DB) Quotes(ctx context.Context, f storyline.QuoteFilter) ([]storyline.QuoteRecord, int, error) {
	w := &where{}
	w.add("1 = 1")
	oneSpeaker := false
	if f.Speaker != "" {
		cond, args, err := db.speakerCond(ctx, f.Speaker)
		if err != nil {
			return nil, 0, err
		}
		w.add(cond, args...)
		oneSpeaker = cond == oneSpeakerCond
	}
	if match := ftsQuery(f.Query); match != "" {
		w.add("(q.seq, q.idx) IN (SELECT rowid >> 20, rowid & 1048575 FROM quotes_fts WHERE quotes_fts MATCH ?)", match)
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
	total, err := db.countQuotes(ctx, w, f, oneSpeaker)
	if err != nil {
		return nil, 0, fmt.Errorf("listing quotes: %w", err)
	}
	// The page is cut before the join: SQLite would otherwise join every
	// matching quote to its article before sorting.
	rows, err := db.read.QueryContext(ctx, `SELECT q.doc, q.article_id, a.outlet, a.published
		FROM (SELECT q.rowid AS r FROM quotes q WHERE `+w.sql()+` ORDER BY q.day, q.seq, q.idx LIMIT ? OFFSET ?) p
		JOIN quotes q ON q.rowid = p.r JOIN articles a ON a.id = q.article_id ORDER BY q.day, q.seq, q.idx`,
		append(w.args, limitOr(f.Limit, 50), max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("listing quotes: %w", err)
	}
	out, err := quoteRecords(rows)
	if err != nil {
		return nil, 0, fmt.Errorf("listing quotes: %w", err)
	}
	return out, total, nil
}

// quoteRecords reads rows of (doc, article id, outlet, published) and
// closes them.
func quoteRecords(rows *sql.Rows) ([]storyline.QuoteRecord, error) {
	defer rows.Close()
	var out []storyline.QuoteRecord
	for rows.Next() {
		var qr storyline.QuoteRecord
		var doc string
		if err := rows.Scan(&doc, &qr.Article, &qr.Outlet, &qr.Published); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(doc), &qr.Quote); err != nil {
			return nil, err
		}
		out = append(out, qr)
	}
	return out, rows.Err()
}

// countQuotes counts the quotes matching w; for all quotes, or all of one
// speaker id, it reads the counts the triggers keep.
func (db *DB) countQuotes(ctx context.Context, w *where, f storyline.QuoteFilter, oneSpeaker bool) (int, error) {
	var total int
	query, args := "SELECT count(*) FROM quotes q WHERE "+w.sql(), w.args
	if f.Query == "" && f.From == "" && f.To == "" && f.Article == "" {
		switch {
		case f.Speaker == "":
			query, args = "SELECT n FROM corpus_counts WHERE name = 'quotes'", nil
		case oneSpeaker:
			query, args = "SELECT coalesce((SELECT quotes FROM speaker_quotes WHERE entity_id = ?), 0)", w.args[len(w.args)-1:]
		}
	}
	err := db.read.QueryRowContext(ctx, query, args...).Scan(&total)
	return total, err
}

// Timeline lists dated events and dated quotes about an entity or a query.
func (db *DB) Timeline(ctx context.Context, f storyline.TimelineFilter) ([]storyline.TimelineEntry, int, error) {
	if f.Entity != "" {
		return db.entityTimeline(ctx, f)
	}
	ev, qu := &where{}, &where{}
	ev.add("a.duplicate_of IS NULL")
	qu.add("a.duplicate_of IS NULL AND q.said <> ''")
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
	entries, err := db.timelineEntries(ctx, "SELECT date, granularity, kind, text, speaker, article, outlet, s, t FROM ("+union+
		") ORDER BY date, seq, kind, idx LIMIT ? OFFSET ?", append(args, limitOr(f.Limit, 100), max(f.Offset, 0))...)
	return entries, total, err
}

// entityTimeline reads an entity's timeline from the links 0007 keeps, in
// date order along their index, and only then the page's clauses.
func (db *DB) entityTimeline(ctx context.Context, f storyline.TimelineFilter) ([]storyline.TimelineEntry, int, error) {
	ids, err := db.entityIDs(ctx, f.Entity)
	if err != nil {
		return nil, 0, err
	}
	w := &where{}
	w.add("l.entity_id IN (SELECT value FROM json_each(?))", jsonList(ids))
	if f.From != "" {
		w.add("l.date >= ?", f.From)
	}
	if f.To != "" {
		w.add("l.date <= ?", f.To+"~")
	}
	if f.Query != "" {
		w.add(`lower(CASE l.kind WHEN 'event' THEN (SELECT e.text FROM dated_events e WHERE e.article_id = l.article_id AND e.idx = l.idx)
			ELSE (SELECT q.text FROM quotes q WHERE q.article_id = l.article_id AND q.idx = l.idx) END) LIKE ? ESCAPE '\'`,
			corpus.LikePattern(f.Query))
	}
	// DISTINCT: a clause naming two merged entities is linked to both.
	links := "SELECT DISTINCT l.date, l.seq, l.kind, l.idx, l.article_id FROM timeline_links l WHERE " + w.sql()
	var total int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM ("+links+")", w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("building the timeline of %s: %w", f.Entity, err)
	}
	entries, err := db.timelineEntries(ctx, `SELECT l.date, coalesce(e.granularity, 'day'), l.kind, coalesce(e.text, q.text),
		coalesce(q.speaker_name, ''), l.article_id, a.outlet, coalesce(e.start_off, q.start_off), coalesce(e.end_off, q.end_off)
		FROM (`+links+` ORDER BY l.date, l.seq, l.kind, l.idx LIMIT ? OFFSET ?) l
		JOIN articles a ON a.seq = l.seq
		LEFT JOIN dated_events e ON l.kind = 'event' AND e.article_id = l.article_id AND e.idx = l.idx
		LEFT JOIN quotes q ON l.kind = 'quote' AND q.article_id = l.article_id AND q.idx = l.idx
		ORDER BY l.date, l.seq, l.kind, l.idx`, append(w.args, limitOr(f.Limit, 100), max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("building the timeline of %s: %w", f.Entity, err)
	}
	return entries, total, nil
}

func (db *DB) timelineEntries(ctx context.Context, query string, args ...any) ([]storyline.TimelineEntry, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("building timeline: %w", err)
	}
	defer rows.Close()
	var out []storyline.TimelineEntry
	for rows.Next() {
		var e storyline.TimelineEntry
		if err := rows.Scan(&e.Date, &e.Granularity, &e.Kind, &e.Text, &e.Speaker, &e.Article, &e.Outlet, &e.Start, &e.End); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
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
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT entity_id FROM entity_aliases
		WHERE storyline_fold(alias) LIKE ? ESCAPE '\'`, corpus.LikePattern(nameOrID))
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
	return db.read.QueryRowContext(ctx, "SELECT 1 FROM entity_stats WHERE entity_id = ?", s).Scan(&one) == nil
}

// oneSpeakerCond is the condition on quotes q of a speaker given as one
// stored entity id: the speaker's index serves it, and a kept count.
const oneSpeakerCond = "q.speaker_entity = ?"

// speakerCond matches quotes by a speaker given as an id (indexed) or as a
// name, alias or mention (a scan).
func (db *DB) speakerCond(ctx context.Context, speaker string) (string, []any, error) {
	ids, err := db.entityIDs(ctx, speaker)
	if err != nil {
		return "", nil, err
	}
	if db.isEntityID(ctx, speaker) {
		if len(ids) == 1 {
			return oneSpeakerCond, []any{ids[0]}, nil // walks the speaker's index in date order
		}
		return "q.speaker_entity IN (SELECT value FROM json_each(?))", []any{jsonList(ids)}, nil
	}
	// A name also matches quotes no entity was resolved for, by the name
	// written: those are read from the speaker index's '' range, not by
	// reading every quote.
	return `(q.speaker_entity IN (SELECT value FROM json_each(?) UNION ALL SELECT '')
		AND (q.speaker_entity <> '' OR lower(q.speaker_name) LIKE ? ESCAPE '\'))`,
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

// Headlines gives the title, outlet and day of stored articles, in order.
func (db *DB) Headlines(ctx context.Context, ids []string) ([]storyline.SearchHit, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT id, title, outlet, published FROM articles
		WHERE id IN (SELECT value FROM json_each(?))`, jsonList(ids))
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
	return corpus.InOrder(ids, byID), nil
}
