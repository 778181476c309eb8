package postgres

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// recorder is a clusterer that puts each article in an event of its own
// and remembers the order it was given articles in; poison makes the
// events it reports unstorable (PostgreSQL refuses NUL in text).
type recorder struct {
	added   []string
	changed []storyline.Event
	poison  bool
	onAdd   func() // called before each article is placed
}

func (r *recorder) Add(a *storyline.Article) string {
	if r.onAdd != nil {
		r.onAdd()
	}
	r.added = append(r.added, a.ID)
	title := a.Title
	if r.poison {
		title += "\x00"
	}
	r.changed = append(r.changed, storyline.Event{ID: "ev-" + a.ID, Title: title, Storyline: "st-1", Articles: []string{a.ID}})
	return "ev-" + a.ID
}

func (r *recorder) Changed() ([]storyline.Event, []storyline.Storyline) {
	evs := r.changed
	r.changed = nil
	return evs, []storyline.Storyline{{ID: "st-1", Title: "one"}}
}

// openTwice opens one fresh database through two handles, as two worker
// processes would.
func openTwice(t *testing.T) (*DB, *DB) {
	t.Helper()
	ctx := context.Background()
	dsn, err := server.DSN(ctx, fmt.Sprintf("storyline_test_%d", dbCount.Add(1)))
	if err != nil {
		t.Fatal(err)
	}
	var dbs [2]*DB
	for i := range dbs {
		if dbs[i], err = Open(ctx, dsn); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { dbs[i].Close() })
	}
	return dbs[0], dbs[1]
}

func TestOneLeaderAtATime(t *testing.T) {
	ctx := context.Background()
	a, b := openTwice(t)
	newRecorder := func() Clusterer { return &recorder{} }
	first, err := a.TryLead(ctx, newRecorder)
	if err != nil || first == nil {
		t.Fatalf("the first try did not lead: %v", err)
	}
	if second, err := b.TryLead(ctx, newRecorder); err != nil || second != nil {
		t.Fatalf("a second process leads beside the first (%v)", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	next, err := b.TryLead(ctx, newRecorder)
	if err != nil || next == nil {
		t.Fatalf("no process leads after the leader left: %v", err)
	}
	_ = next.Close()
}

// TestClusterPassIsAtomic: a pass that cannot be written leaves the
// articles pending and nothing logged, and the next pass, from a
// clusterer rebuilt from the log, does them in stored order.
func TestClusterPassIsAtomic(t *testing.T) {
	ctx := context.Background()
	db, _ := openTwice(t)
	for _, id := range []string{"a1", "a2", "a3"} {
		if err := db.SaveArticle(ctx, article(id, "body of "+id), []byte(id), "raw-"+id); err != nil {
			t.Fatal(err)
		}
	}
	var made []*recorder
	l, err := db.TryLead(ctx, func() Clusterer { r := &recorder{}; made = append(made, r); return r })
	if err != nil || l == nil {
		t.Fatalf("no lead: %v", err)
	}
	defer l.Close()
	if n, err := l.ClusterPending(ctx, 2); err != nil || n != 2 {
		t.Fatalf("first pass: %d clustered, %v", n, err)
	}
	made[0].poison = true
	if _, err := l.ClusterPending(ctx, 2); err == nil {
		t.Fatal("a pass whose events cannot be stored succeeded")
	}
	if pending, due, err := db.ClusterBacklog(ctx); err != nil || pending != 1 || due != 2 {
		t.Fatalf("after the failed pass: %d pending, %d due for shifts (%v); want 1 and 2", pending, due, err)
	}
	if n, err := l.ClusterPending(ctx, 2); err != nil || n != 1 {
		t.Fatalf("pass after the failure: %d clustered, %v", n, err)
	}
	if len(made) != 2 || !slices.Equal(made[1].added, []string{"a1", "a2", "a3"}) || l.Replayed != 2 {
		t.Fatalf("clusterers made %d, the last fed %v (%d replayed); want a1 a2 replayed and a3 clustered", len(made), made[1].added, l.Replayed)
	}
	ids, upto, err := l.ShiftsDue(ctx, 10)
	if err != nil || !slices.Equal(ids, []string{"a1", "a2", "a3"}) || upto != 3 {
		t.Fatalf("shifts due for %v up to %d (%v)", ids, upto, err)
	}
	if err := l.SaveShifts(ctx, nil, upto); err != nil {
		t.Fatal(err)
	}
	last, err := db.LastStored(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := db.Settled(ctx, last); err != nil || !ok {
		t.Fatalf("not settled after every pass (%v)", err)
	}
	s, err := db.Stats(ctx)
	if err != nil || s.Events != 3 || s.Storylines != 1 {
		t.Fatalf("stored %d events, %d storylines (%v); want 3 and 1", s.Events, s.Storylines, err)
	}
}

// TestLeaderKilledMidPass: a leader whose session dies while it clusters
// (its process killed, its connection cut) writes nothing of the pass,
// and another process takes the lead and does the pass whole.
func TestLeaderKilledMidPass(t *testing.T) {
	ctx := context.Background()
	a, b := openTwice(t)
	for _, id := range []string{"k1", "k2", "k3"} {
		if err := a.SaveArticle(ctx, article(id, "body of "+id), []byte(id), "raw-"+id); err != nil {
			t.Fatal(err)
		}
	}
	doomed := &recorder{}
	l, err := a.TryLead(ctx, func() Clusterer { return doomed })
	if err != nil || l == nil {
		t.Fatalf("no lead: %v", err)
	}
	defer l.Close()
	pid := l.conn.PgConn().PID()
	doomed.onAdd = func() {
		if len(doomed.added) == 1 { // one article placed, the pass not written
			if _, err := b.pool.Exec(ctx, "SELECT pg_terminate_backend($1)", pid); err != nil {
				t.Error(err)
			}
		}
	}
	if _, err := l.ClusterPending(ctx, 10); err == nil {
		t.Fatal("a pass whose session died succeeded")
	}
	if pending, due, err := b.ClusterBacklog(ctx); err != nil || pending != 3 || due != 0 {
		t.Fatalf("after the leader died mid-pass: %d pending, %d logged (%v); want 3 and 0", pending, due, err)
	}
	var next *Leader
	for deadline := time.Now().Add(10 * time.Second); next == nil && time.Now().Before(deadline); {
		if next, err = b.TryLead(ctx, func() Clusterer { return &recorder{} }); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond) // the lock is freed once the dead session's process has exited
	}
	if next == nil {
		t.Fatal("no process could lead after the leader died")
	}
	defer next.Close()
	if n, err := next.ClusterPending(ctx, 10); err != nil || n != 3 || next.Replayed != 0 {
		t.Fatalf("the new leader clustered %d (%d replayed): %v; want 3 and none", n, next.Replayed, err)
	}
	if s, err := b.Stats(ctx); err != nil || s.Events != 3 {
		t.Fatalf("%d events stored (%v), want 3", s.Events, err)
	}
}

// TestClusterMigrationKeepsIngestedEvents: on a database filled before
// 0005, the originals some event holds (clustered by ingest) are logged as
// clustered, with their shifts done, and the others wait for the leader.
func TestClusterMigrationKeepsIngestedEvents(t *testing.T) {
	ctx := context.Background()
	db, _ := openTwice(t)
	for _, id := range []string{"m1", "m2"} {
		if err := db.SaveArticle(ctx, article(id, "body of "+id), []byte(id), "raw-"+id); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SaveEvents(ctx, []storyline.Event{{ID: "ev-m1", Title: "t", Storyline: "st", Articles: []string{"m1"}}}); err != nil {
		t.Fatal(err)
	}
	// Back to the schema before 0005, then forward again.
	_, err := db.pool.Exec(ctx, `DROP TABLE cluster_pending, cluster_log, cluster_state;
		DELETE FROM schema_migrations WHERE version = '0005_cluster_leader'`)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.migrate(ctx); err != nil {
		t.Fatal(err)
	}
	l, err := db.TryLead(ctx, func() Clusterer { return &recorder{} })
	if err != nil || l == nil {
		t.Fatalf("no lead: %v", err)
	}
	defer l.Close()
	if ids, _, err := l.ShiftsDue(ctx, 10); err != nil || len(ids) != 0 {
		t.Fatalf("shifts due after the migration for %v (%v): ingest computed them", ids, err)
	}
	if n, err := l.ClusterPending(ctx, 10); err != nil || n != 1 || l.Replayed != 1 {
		t.Fatalf("after the migration: %d clustered, %d replayed (%v); want m2 clustered and m1 replayed", n, l.Replayed, err)
	}
}
