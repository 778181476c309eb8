package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// rankedMatches bounds the matches a plain text search ranks. Ranking
// reads each match's text vector (and counting, its row), so ranking all
// of a common word's matches costs time in proportion to the corpus: on
// 45,000 articles, the 5,900 matches of "clinton" took 566 ms to rank.
// A search with more matches ranks the most recently ingested ones (at
// least this many, at most four times as many) and estimates its total
// from them: news readers want the recent relevant articles first, and a total
// of "about 130,000" is as useful as the exact count.
const rankedMatches = 500

// The window of latest articles a plain text search reads is first sized
// by the planner's estimate of its matches, within these bounds: the
// planner underestimates words that go together ("swine flu"), so the
// first window is never the whole of a large corpus.
const (
	minWindow = 2048
	maxWindow = 32 * 1024
)

// search is one search being built: its conditions and their arguments.
type search struct {
	where []string
	args  []any
	tsq   string // the text query's SQL, "" for none
	text  string
}

func (s *search) arg(v any) string {
	s.args = append(s.args, v)
	return fmt.Sprintf("$%d", len(s.args))
}

func (s *search) cond() string { return strings.Join(s.where, " AND ") }

// Search finds original articles by full-text query and filters. Only
// originals have a text vector, so a text search needs no duplicate
// filter. The page is chosen first, by rank or date, and only its rows
// are read whole and given a snippet. A plain text search looks at the
// latest articles first (see rankedMatches).
func (db *DB) Search(ctx context.Context, q storyline.SearchQuery) (storyline.SearchResult, error) {
	s, err := db.searchConds(ctx, q)
	if err != nil {
		return storyline.SearchResult{}, err
	}
	limit, offset := limitOr(q.Limit, 20), max(q.Offset, 0)
	if s.tsq == "" || len(s.where) > 1 {
		res, err := db.searchPage(ctx, s, limit, offset)
		if err != nil {
			return res, fmt.Errorf("searching %q: %w", q.Text, err)
		}
		return res, nil
	}
	window, span, last, err := db.recentWindow(ctx, s, offset+limit)
	if err != nil {
		return storyline.SearchResult{}, fmt.Errorf("searching %q: %w", q.Text, err)
	}
	if window < span {
		s.where = append(s.where, "a.seq > "+s.arg(last-window))
	}
	res, err := db.searchPage(ctx, s, limit, offset)
	if err != nil {
		return res, fmt.Errorf("searching %q: %w", q.Text, err)
	}
	if window < span {
		res.Total = int(math.Round(float64(res.Total) * float64(span) / float64(window)))
	}
	return res, nil
}

// recentWindow sizes the window of latest articles a plain text search
// reads: one holding between rankedMatches (or need, for the page asked
// for) and four times as many matches, or the whole corpus (span) when
// it holds fewer. It counts matches in a window until one fits.
func (db *DB) recentWindow(ctx context.Context, s *search, need int) (window, span, last int64, err error) {
	var plan []byte
	var first int64
	b := &pgx.Batch{}
	b.Queue("EXPLAIN (FORMAT JSON) SELECT 1 FROM articles a WHERE "+s.cond(), s.args...).QueryRow(func(r pgx.Row) error {
		return r.Scan(&plan)
	})
	b.Queue("SELECT coalesce(min(seq), 0), coalesce(max(seq), 0) FROM articles").QueryRow(func(r pgx.Row) error {
		return r.Scan(&first, &last)
	})
	if err := db.pool.SendBatch(ctx, b).Close(); err != nil {
		return 0, 0, 0, err
	}
	var out []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		} `json:"Plan"`
	}
	if err := json.Unmarshal(plan, &out); err != nil || len(out) == 0 {
		return 0, 0, 0, fmt.Errorf("reading the search plan: %v", err)
	}
	span = last - first + 1
	want := max(rankedMatches, need)
	window = int64(float64(span) * 1.5 * float64(want) / max(out[0].Plan.Rows, 1))
	window = min(span, max(minWindow, min(maxWindow, window)))
	for tries := 1; ; tries++ {
		var n int
		err := db.pool.QueryRow(ctx, "SELECT count(*) FROM articles a WHERE "+s.cond()+" AND a.seq > "+fmt.Sprintf("$%d", len(s.args)+1),
			append(s.args, last-window)...).Scan(&n)
		if err != nil {
			return 0, 0, 0, err
		}
		switch {
		case tries == 6: // matches bunched in time: settle for this window
			return window, span, last, nil
		case n > 4*want && window > minWindow:
			window = max(minWindow, window*int64(2*want)/int64(n))
		case n < want && window < span:
			window = min(span, window*4)
		default:
			return window, span, last, nil
		}
	}
}

// searchPage counts the matches and reads one page, in one round trip.
func (db *DB) searchPage(ctx context.Context, s *search, limit, offset int) (storyline.SearchResult, error) {
	var res storyline.SearchResult
	page := "SELECT a.seq, a.published AS key FROM articles a WHERE " + s.cond() + " ORDER BY a.published DESC, a.seq"
	order := "p.key DESC, p.seq"
	if s.tsq != "" {
		page = "SELECT a.seq, ts_rank_cd(a.tsv, " + s.tsq + ") AS key FROM articles a WHERE " + s.cond() + " ORDER BY key DESC, a.seq"
	}
	countArgs := append([]any(nil), s.args...)
	pageSQL := "SELECT a.id, a.title, a.outlet, a.published, a.body FROM (" + page +
		" LIMIT " + s.arg(limit) + " OFFSET " + s.arg(offset) + ") p JOIN articles a ON a.seq = p.seq ORDER BY " + order
	b := &pgx.Batch{}
	b.Queue("SELECT count(*) FROM articles a WHERE "+s.cond(), countArgs...).QueryRow(func(r pgx.Row) error {
		return r.Scan(&res.Total)
	})
	terms := queryTerms(s.text)
	b.Queue(pageSQL, s.args...).Query(func(rows pgx.Rows) error {
		var err error
		res.Results, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (storyline.SearchHit, error) {
			var h storyline.SearchHit
			var body string
			err := r.Scan(&h.ID, &h.Title, &h.Outlet, &h.Published, &body)
			h.Snippet = snippet(body, terms)
			return h, err
		})
		return err
	})
	return res, db.pool.SendBatch(ctx, b).Close()
}

func (db *DB) searchConds(ctx context.Context, q storyline.SearchQuery) (*search, error) {
	q.Text, q.Outlet, q.Speaker, q.Entity, q.From, q.To = noNUL(q.Text), noNUL(q.Outlet), noNUL(q.Speaker),
		noNUL(q.Entity), noNUL(q.From), noNUL(q.To)
	s := &search{text: strings.TrimSpace(q.Text)}
	if s.text != "" {
		s.tsq = "websearch_to_tsquery('english', " + s.arg(s.text) + ")"
		s.where = append(s.where, "a.tsv @@ "+s.tsq)
	} else {
		s.where = append(s.where, "a.duplicate_of IS NULL")
	}
	if q.Outlet != "" {
		s.where = append(s.where, "lower(a.outlet) = lower("+s.arg(q.Outlet)+")")
	}
	if q.From != "" {
		s.where = append(s.where, "a.published <> '' AND a.published >= "+s.arg(q.From))
	}
	if q.To != "" {
		s.where = append(s.where, "a.published <> '' AND a.published <= "+s.arg(q.To))
	}
	if q.Speaker != "" {
		ids, err := db.entityIDs(ctx, q.Speaker)
		if err != nil {
			return nil, err
		}
		s.where = append(s.where, "EXISTS (SELECT 1 FROM quotes x WHERE x.article_id = a.id AND (x.speaker_entity = ANY("+
			s.arg(ids)+") OR lower(x.speaker_name) LIKE "+s.arg(corpus.LikePattern(q.Speaker))+" ESCAPE '\\'))")
	}
	if q.Entity != "" {
		ids, err := db.entityIDs(ctx, q.Entity)
		if err != nil {
			return nil, err
		}
		s.where = append(s.where, "EXISTS (SELECT 1 FROM entity_forms f WHERE f.article_id = a.id AND f.entity_id = ANY("+s.arg(ids)+"))")
	}
	return s, nil
}
