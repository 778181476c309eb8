package postgres

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
)

// TestWorkersKeepOneOriginalOfNearCopies gives pairs of near copies (one
// SimHash bit apart, different bodies) to four workers at once, each slow
// enough that both copies of a pair are in flight together: exactly one
// of each pair is stored as the original.
func TestWorkersKeepOneOriginalOfNearCopies(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	const pairs = 12
	for i := range 2 * pairs {
		in := &storyline.Input{ID: fmt.Sprintf("n%02d", i), Source: fmt.Sprintf("n%02d.txt", i), Raw: []byte(fmt.Sprintf("copy %d", i))}
		if _, err := db.Enqueue(ctx, in, fmt.Sprintf("rn-%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	process := func(ctx context.Context, in *storyline.Input) (*storyline.Article, error) {
		time.Sleep(30 * time.Millisecond)
		var i int
		fmt.Sscanf(in.ID, "n%d", &i)
		a := article(in.ID, fmt.Sprintf("pair %d, copy %d", i/2, i%2))
		a.SimHash = spread(fmt.Sprint(i/2)) ^ uint64(i%2) // the two copies of a pair are one bit apart
		return a, nil
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wdb, err := Open(ctx, db.pool.Config().ConnString())
			if err != nil {
				t.Error(err)
				return
			}
			defer wdb.Close()
			for {
				_, _, claimed, err := wdb.WorkOne(ctx, process, 3)
				if err != nil {
					t.Errorf("worker %d: %v", w, err)
					return
				}
				if !claimed {
					return
				}
			}
		}()
	}
	wg.Wait()
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != pairs || st.Duplicates != pairs {
		t.Fatalf("%d originals and %d duplicates of %d pairs of near copies", st.Articles, st.Duplicates, pairs)
	}
	if err := db.SaveArticle(ctx, article("s1", "stored before"), []byte("stored before"), "r-stored"); err != nil {
		t.Fatal(err)
	}
	if ok, err := db.Enqueue(ctx, &storyline.Input{Source: "s1.txt", Raw: []byte("stored before")}, "r-stored"); ok || err != nil {
		t.Errorf("an input stored before was queued again: %v %v", ok, err)
	}
	var input []byte
	if err := db.pool.QueryRow(ctx, "SELECT input FROM jobs WHERE raw_hash = 'rn-0'").Scan(&input); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(input), `"Text"`) {
		t.Errorf("a settled job keeps its text: %s", input)
	}
}

// open0001 makes a database at the first schema only, as an older
// storyline left it.
func open0001(ctx context.Context, dsn string) (*pgx.Conn, error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, `CREATE TABLE schema_migrations (version text PRIMARY KEY)`); err != nil {
		return nil, err
	}
	return conn, applyMigration(ctx, conn, "migrations/0001_init.sql")
}

// TestMigrationKeepsStoredCorpus stores a corpus with the first schema,
// then migrates: quotes get their days, bands their hashes, names their
// table, and every query answers as before.
func TestMigrationKeepsStoredCorpus(t *testing.T) {
	ctx := context.Background()
	dsn, err := server.DSN(ctx, fmt.Sprintf("storyline_test_%d", dbCount.Add(1)))
	if err != nil {
		t.Fatal(err)
	}
	conn, err := open0001(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	old := article("old1", "The naval base stays, the minister said.")
	b := &pgx.Batch{}
	b.Queue(`INSERT INTO articles (id, source, title, outlet, published, body, body_hash, simhash, raw_hash, doc)
		VALUES ('old1', 'old1.txt', 'Base', 'Levant Wire', '2017-12-11', $1, 'h-old1', $2, 'r-old1', '{"id":"old1"}')`,
		old.Body, int64(old.SimHash))
	b.Queue(`INSERT INTO raw_inputs VALUES ('old1', '')`)
	b.Queue(`INSERT INTO simhash_bands VALUES ('old1', 0, $1)`, int32(uint8(old.SimHash)))
	b.Queue(`INSERT INTO quotes (article_id, idx, kind, text, start_off, end_off, speaker_entity, speaker_name, doc)
		VALUES ('old1', 0, 'direct', 'The base stays.', 0, 15, 'per-volkov', 'Dmitri Volkov', '{"kind":"direct","text":"The base stays."}')`)
	b.Queue(`INSERT INTO entity_forms VALUES ('per-volkov', 'old1', 'Volkov', 'Dmitri Volkov', 'person', '{}', 1)`)
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatalf("migrating a stored corpus: %v", err)
	}
	defer db.Close()
	if qs, total, err := db.Quotes(ctx, storyline.QuoteFilter{Speaker: "Volkov", From: "2017-12-01"}); err != nil || total != 1 || qs[0].Published != "2017-12-11" {
		t.Errorf("quotes after migrating: %v %d %v", qs, total, err)
	}
	if id, _, err := db.FindDuplicate(ctx, "other", old.SimHash^(1<<40), 3); err != nil || id != "old1" {
		t.Errorf("near duplicate after migrating: %q %v", id, err)
	}
	if res, err := db.Search(ctx, storyline.SearchQuery{Text: "naval"}); err != nil || res.Total != 1 || res.Results[0].Snippet == "" {
		t.Errorf("search after migrating: %+v %v", res, err)
	}
	if e, err := db.Entity(ctx, "per-volkov"); err != nil || e.Name != "Dmitri Volkov" {
		t.Errorf("entity after migrating: %+v %v", e, err)
	}
}

// TestSearchRanksTheLatestMatches fills a corpus past the first window of
// a text search: a word in every article is ranked among the latest ones
// and its total estimated; a rare word is counted and ranked exactly.
func TestSearchRanksTheLatestMatches(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	const n = 3 * minWindow
	_, err := db.pool.Exec(ctx, `INSERT INTO articles (id, source, title, outlet, published, body, body_hash, simhash, raw_hash, doc)
		SELECT 'g' || i, 'g' || i, 'Title ' || i, 'Levant Wire', '2017-12-11',
			'The harbour talks went on. ' || CASE WHEN i % 1000 = 7 THEN 'A rare lighthouse. ' ELSE '' END || repeat('Filler words here. ', 1 + i % 5),
			'h' || i, i, 'r' || i, '{}'
		FROM generate_series(1, $1) AS i`, n)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.pool.Exec(ctx, "ANALYZE articles"); err != nil {
		t.Fatal(err)
	}
	res, err := db.Search(ctx, storyline.SearchQuery{Text: "harbour", Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total < n*8/10 || res.Total > n*12/10 || len(res.Results) != 20 {
		t.Fatalf("common word: total %d of %d, %d results", res.Total, n, len(res.Results))
	}
	for _, h := range res.Results {
		var i int
		fmt.Sscanf(h.ID, "g%d", &i)
		if i <= n-maxWindowFor(n) {
			t.Errorf("hit %s is not among the latest articles", h.ID)
		}
		if !strings.Contains(h.Snippet, "[harbour]") {
			t.Errorf("snippet %q does not mark the word", h.Snippet)
		}
	}
	deep, err := db.Search(ctx, storyline.SearchQuery{Text: "harbour", Limit: 20, Offset: 1500})
	if err != nil || len(deep.Results) != 20 {
		t.Fatalf("a deep page of a common word: %d results, %v", len(deep.Results), err)
	}
	rare, err := db.Search(ctx, storyline.SearchQuery{Text: "lighthouse"})
	if want := (n-7)/1000 + 1; err != nil || rare.Total != want || len(rare.Results) != want {
		t.Fatalf("rare word: %+v, %v", rare, err)
	}
}

// maxWindowFor is the most a common word's first window can hold: four
// times what is ranked, with the margin the window is sized with.
func maxWindowFor(n int) int { return min(n, 4*2*rankedMatches) }
