package sqlite

import (
	"context"
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
