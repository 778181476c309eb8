package postgres

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/postgres/pgtest"
	"github.com/storyline-news/storyline/storetest"
)

var server *pgtest.Server

func TestMain(m *testing.M) {
	var err error
	server, err = pgtest.Start()
	if err != nil {
		if os.Getenv(pgtest.EnvRequire) != "" {
			fmt.Fprintln(os.Stderr, "PostgreSQL tests need a server:", err)
			os.Exit(1)
		}
		fmt.Fprintln(os.Stderr, "skipping PostgreSQL tests:", err)
		os.Exit(0)
	}
	code := m.Run()
	server.Stop()
	os.Exit(code)
}

var dbCount atomic.Int32

// openDB opens a fresh database on the shared test server.
func openDB(t *testing.T) *DB {
	t.Helper()
	ctx := context.Background()
	dsn, err := server.DSN(ctx, fmt.Sprintf("storyline_test_%d", dbCount.Add(1)))
	if err != nil {
		t.Fatal(err)
	}
	db, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func article(id, body string) *storyline.Article {
	return &storyline.Article{ID: id, Source: id + ".txt", Title: "Title " + id, Outlet: "Levant Wire", Body: body,
		BodyHash: "h-" + body, SimHash: spread(body),
		Published: storyline.Published{Date: "2017-12-11", Earliest: "2017-12-11", Latest: "2017-12-11", Method: "metadata"},
		Quotes: []storyline.Quote{{Kind: "direct", Text: "The base stays.", Start: 0, End: 15,
			Speaker: storyline.Speaker{Entity: "per-volkov", Name: "Dmitri Volkov", Mention: "Volkov"}, Cue: "said"}},
		Entities: []storyline.Entity{{ID: "per-volkov", Name: "Dmitri Volkov", Type: "person",
			Aliases: []string{"Dmitri Volkov", "Volkov"}, Roles: []string{"Defence Minister"},
			Mentions: []storyline.Mention{{Start: 20, End: 26, Text: "Volkov"}}}}}
}

// spread gives unrelated bodies SimHashes far apart, as real ones are.
func spread(s string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	return h.Sum64()
}

func TestMigrationsAreIdempotent(t *testing.T) {
	db := openDB(t)
	if err := db.migrate(context.Background()); err != nil {
		t.Fatalf("second migration run: %v", err)
	}
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storyline.Store { return openDB(t) })
}

// TestWorkersShareOneQueue runs several workers, each with its own
// connection pool as separate processes would have, over one queue: every
// job is settled exactly once.
func TestWorkersShareOneQueue(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	const jobs = 60
	for i := range jobs {
		in := &storyline.Input{ID: fmt.Sprintf("j%d", i), Source: fmt.Sprintf("in-%d.txt", i), Raw: []byte(fmt.Sprintf("body %d", i))}
		if ok, err := db.Enqueue(ctx, in, fmt.Sprintf("rh-%d", i)); err != nil || !ok {
			t.Fatalf("enqueue: %v %v", ok, err)
		}
	}
	if ok, _ := db.Enqueue(ctx, &storyline.Input{Source: "again", Raw: []byte("body 0")}, "rh-0"); ok {
		t.Error("same input queued twice")
	}
	var processed sync.Map
	var twice atomic.Int32
	process := func(ctx context.Context, in *storyline.Input) (*storyline.Article, error) {
		if _, loaded := processed.LoadOrStore(in.ID, true); loaded {
			twice.Add(1)
		}
		if in.ID == "j7" {
			return nil, &storyline.InputError{Source: in.Source, Reason: "empty", Err: errors.New("nothing")}
		}
		a := article(in.ID, string(in.Raw))
		return a, nil
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dsn := db.pool.Config().ConnString()
			wdb, err := Open(ctx, dsn)
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
	if twice.Load() != 0 || st.Articles != jobs-1 || st.Quarantined != 1 {
		t.Fatalf("done twice %d; stats %+v", twice.Load(), st)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestKilledWorkerLeavesNothingHalfWritten claims a job on a connection
// that dies mid-work: nothing is stored, and the job is claimed again.
func TestKilledWorkerLeavesNothingHalfWritten(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	in := &storyline.Input{ID: "k1", Source: "k1.txt", Raw: []byte("killed body")}
	if _, err := db.Enqueue(ctx, in, "rk1"); err != nil {
		t.Fatal(err)
	}
	dying, err := Open(ctx, db.pool.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	dieCtx, die := context.WithCancel(ctx)
	_, _, _, err = dying.WorkOne(dieCtx, func(ctx context.Context, in *storyline.Input) (*storyline.Article, error) {
		die() // the worker is gone before it could store anything
		return nil, ctx.Err()
	}, 3)
	dying.Close()
	if err == nil {
		t.Fatal("dying worker reported success")
	}
	if st, _ := db.Stats(ctx); st.Articles != 0 || st.Quarantined != 0 {
		t.Fatalf("half-written state after a dead worker: %+v", st)
	}
	// The dead worker's lock goes when the server notices its connection
	// is gone: until then the job is skipped, not lost.
	for wait := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		_, outcome, claimed, err := db.WorkOne(ctx, func(ctx context.Context, in *storyline.Input) (*storyline.Article, error) {
			return article(in.ID, string(in.Raw)), nil
		}, 3)
		if err != nil || (claimed && outcome != JobIngested) || (!claimed && time.Now().After(wait)) {
			t.Fatalf("retry: %v %v %v", outcome, claimed, err)
		}
		if claimed {
			return
		}
	}
}
