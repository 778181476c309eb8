package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/storetest"
)

func open(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storyline.Store { return open(t) })
}

func TestReopenKeepsEverything(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "keep.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a := storetest.Article("a1", "Levant Wire", "2017-12-11", "Dmitri Volkov said the base will stay.")
	if err := db.SaveArticle(ctx, a, []byte("raw"), "h1"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path) // migrations run again: must be a no-op
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got, err := db.Article(ctx, "a1"); err != nil || got.Body != a.Body {
		t.Fatalf("after reopen: %+v %v", got, err)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 25 {
				a := storetest.Article(fmt.Sprintf("w%d-%d", w, i), "Levant Wire", "2017-12-11", fmt.Sprintf("body %d %d", w, i))
				if err := db.SaveArticle(ctx, a, nil, a.ID); err != nil {
					t.Error(err)
					return
				}
				if _, err := db.Search(ctx, storyline.SearchQuery{Text: "body"}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if s, _ := db.Stats(ctx); s.Articles != 200 {
		t.Fatalf("stored %d articles, want 200", s.Articles)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestOpenRejectsNonDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "not.db")
	if err := writeFile(path, "this is a text file, not a database"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(context.Background(), path); err == nil {
		t.Fatal("opened a text file as a database")
	}
}

// A database written before quotes kept their day gets it on opening, so
// that a speaker's statements stay in date order after the upgrade.
func TestUpgradeFillsQuoteDays(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	script, err := migrations.ReadFile("migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{string(script),
		"CREATE TABLE schema_migrations (version TEXT PRIMARY KEY)",
		"INSERT INTO schema_migrations VALUES ('0001_init')",
		`INSERT INTO articles (id, source, published, body, body_hash, simhash, raw_hash, ingested, doc)
			VALUES ('late', 's', '2017-03-01', 'b', 'h1', 0, 'r1', '', '{}'), ('early', 's', '2016-01-01', 'b', 'h2', 0, 'r2', '', '{}')`,
		`INSERT INTO quotes (article_id, idx, kind, text, start_off, end_off, speaker_entity, said, doc) VALUES
			('late', 0, 'direct', 'x', 0, 1, 'per:a', '', '{"text":"late"}'),
			('early', 0, 'direct', 'y', 0, 1, 'per:a', '2015-05-05', '{"text":"said earlier"}'),
			('early', 1, 'direct', 'z', 0, 1, 'per:a', '', '{"text":"early"}')`,
	} {
		if _, err := old.ExecContext(ctx, stmt); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	qs, total, err := db.Quotes(ctx, storyline.QuoteFilter{Speaker: "per:a"})
	if err != nil || total != 3 {
		t.Fatalf("total %d, %v", total, err)
	}
	var got []string
	for _, q := range qs {
		got = append(got, q.Text)
	}
	if fmt.Sprint(got) != "[said earlier early late]" {
		t.Errorf("after the upgrade quotes come in the order %v", got)
	}
}

// TestCommonWordSearchRanksTheLatest: a word in every one of thousands of
// articles is ranked among the latest of them, and its total estimated
// near the true count.
func TestCommonWordSearchRanksTheLatest(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	const n = 3000
	var batch []storyline.StoredArticle
	for i := range n {
		id := fmt.Sprintf("a%04d", i)
		body := fmt.Sprintf("The harbour board met for the %d time to discuss the lease.", i)
		batch = append(batch, storyline.StoredArticle{
			Article: &storyline.Article{ID: id, Source: id, Body: body, BodyHash: id, Published: storyline.Published{Date: "2020-01-01"}},
			RawHash: id,
		})
		if len(batch) == 500 {
			if err := db.SaveArticles(ctx, batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	res, err := db.Search(ctx, storyline.SearchQuery{Text: "harbour", Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total < n*9/10 || res.Total > n*11/10 || len(res.Results) != 20 {
		t.Fatalf("total %d (want about %d), %d results", res.Total, n, len(res.Results))
	}
	for _, h := range res.Results {
		if h.ID < fmt.Sprintf("a%04d", n-minWindow) {
			t.Errorf("%s ranked, outside the latest articles", h.ID)
		}
	}
	if res, _ := db.Search(ctx, storyline.SearchQuery{Text: `"for the 7 time"`}); res.Total != 1 || len(res.Results) != 1 || res.Results[0].ID != "a0007" {
		t.Errorf("a rare phrase in an old article: %+v", res)
	}
}
