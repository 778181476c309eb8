package main

import (
	"context"
	"math/rand"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/shared"
	"github.com/storyline-news/storyline/postgres"
	"github.com/storyline-news/storyline/postgres/pgtest"
)

// crashInputs are what the crash tests ingest: the demo corpus, bad files
// included, and the PolNeAR dev articles.
func crashInputs(t *testing.T) []string {
	t.Helper()
	polnear, err := shared.Path("data/polnear/dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return []string{"../../demo", polnear}
}

// startPostgres starts a throwaway server, or skips when none is installed
// (fails instead where scripts/test requires one).
func startPostgres(t *testing.T) *pgtest.Server {
	t.Helper()
	srv, err := pgtest.Start()
	if err != nil {
		if os.Getenv(pgtest.EnvRequire) != "" {
			t.Fatalf("PostgreSQL tests need a server: %v", err)
		}
		t.Skipf("no PostgreSQL server: %v", err)
	}
	t.Cleanup(srv.Stop)
	return srv
}

func newDatabase(t *testing.T, srv *pgtest.Server, name string) string {
	t.Helper()
	dsn, err := srv.DSN(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

// runKilled starts the binary and SIGKILLs it after the delay; a zero
// delay lets it finish, and it must then succeed. It says how long the
// process ran.
func runKilled(t *testing.T, bin string, delay time.Duration, args ...string) time.Duration {
	t.Helper()
	start := time.Now()
	cmd := exec.Command(bin, args...)
	if delay == 0 {
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return time.Since(start)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(delay)
	_ = cmd.Process.Signal(syscall.SIGKILL)
	_ = cmd.Wait()
	return time.Since(start)
}

// killWhen starts the binary and SIGKILLs it as soon as ready says so
// (polled every 10ms), or lets it end if it ends first. It aims a kill
// at the middle of the work on a machine of any speed, where a timed kill
// may land after the work is done.
func killWhen(t *testing.T, bin string, ready func() bool, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
			if ready() {
				_ = cmd.Process.Signal(syscall.SIGKILL)
				<-done
				return
			}
		}
	}
}

// storedSome says whether the database holds at least one article and
// fewer than all.
func storedSome(t *testing.T, dsn string, all int) func() bool {
	t.Helper()
	ctx := context.Background()
	db := openTestDB(t, dsn)
	t.Cleanup(func() { _ = db.Close() })
	return func() bool {
		s, err := db.Stats(ctx)
		return err == nil && s.Articles > 0 && s.Articles < all
	}
}

// openTestDB opens the PostgreSQL database a test reads, failing the test if it
// cannot; the caller closes it.
func openTestDB(t *testing.T, dsn string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// openChecked is openTestDB for a database that must pass its check.
func openChecked(t *testing.T, dsn string) *postgres.DB {
	t.Helper()
	db := openTestDB(t, dsn)
	if err := db.Check(context.Background()); err != nil {
		db.Close()
		t.Fatalf("integrity: %v", err)
	}
	return db
}

// killPoints times a run from start to end and one that has nothing to
// do (the start-up), so kills can be aimed at the work between, whatever
// the speed of the machine.
func killPoints(full, startup time.Duration) func(rnd *rand.Rand, share float64) time.Duration {
	work := max(full-startup, 100*time.Millisecond)
	return func(rnd *rand.Rand, share float64) time.Duration {
		return startup + time.Duration(rnd.Float64()*share*float64(work))
	}
}

// pgCounts opens the database, checks it holds together, and counts what
// it stores, its jobs by state and its quarantine by reason.
func pgCounts(t *testing.T, dsn string) (tally, map[string]int, map[string]int) {
	t.Helper()
	ctx := context.Background()
	db := openChecked(t, dsn)
	defer db.Close()
	s, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	jobs, err := db.QueueStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return tally{s.Articles, s.Duplicates, s.Quarantined, s.Quotes}, jobs, s.ByReason
}

// TestPostgresIngestSurvivesSIGKILL kills an ingest into PostgreSQL at
// random points and restarts it: it converges to the crash-free result,
// nothing lost, nothing doubled, and the database passes its check every
// time, since every article is stored in one transaction.
func TestPostgresIngestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it many times against PostgreSQL")
	}
	srv := startPostgres(t)
	bin, inputs := buildStoryline(t), crashInputs(t)
	ingest := func(dsn string, kill time.Duration, inputs ...string) time.Duration {
		return runKilled(t, bin, kill, append([]string{"ingest", "-q", "--db", dsn}, inputs...)...)
	}
	clean := newDatabase(t, srv, "crash_ingest_clean")
	full := ingest(clean, 0, inputs...)
	want, _, _ := pgCounts(t, clean)
	wantStories := checkClustered(t, clean)
	kill := killPoints(full, ingest(clean, 0, t.TempDir()))

	crashed := newDatabase(t, srv, "crash_ingest_killed")
	rnd := rand.New(rand.NewSource(time.Now().UnixNano()))
	partial := 0
	const kills = 8
	// The first kill is aimed at the middle of the work, the others fall
	// at random, before, amid or after it.
	killWhen(t, bin, storedSome(t, crashed, want.articles), append([]string{"ingest", "-q", "--db", crashed}, inputs...)...)
	for i := range kills {
		if i > 0 {
			ingest(crashed, kill(rnd, 1), inputs...)
		}
		if got, _, _ := pgCounts(t, crashed); got != want {
			partial++
		}
		checkClusters(t, crashed, false) // an ingest killed mid-pass wrote none of it
	}
	if partial == 0 {
		t.Fatal("no kill landed mid-ingest: the test proved nothing")
	}
	t.Logf("%d of %d kills landed mid-ingest; every time the database passed its check", partial, kills)
	ingest(crashed, 0, inputs...)
	if got, _, _ := pgCounts(t, crashed); got != want {
		t.Fatalf("after %d kills and a restart: %+v, want %+v as without crashes", kills, got, want)
	}
	// A restarted ingest reads the inputs left in other batches, whose
	// repeated lines differ: the articles may then differ a little, and
	// their clustering with them.
	got := checkClustered(t, crashed)
	switch same := articlesDigest(t, crashed) == articlesDigest(t, clean); {
	case same && got != wantStories:
		t.Errorf("clustered after %d kills and a restart: %+v, want %+v as without crashes", kills, got, wantStories)
	case !same:
		t.Logf("the kills changed the batches and some articles with them: clustered %+v, without kills %+v", got, wantStories)
	}
}

// TestPostgresWorkersSurviveSIGKILL queues the inputs and runs `storyline
// work` processes two at a time, killing them at random points: once a
// last pair drains the queue, every queued input is settled exactly once
// (stored or quarantined), as without crashes, and the database passes
// its check after every kill. A job whose workers die on it again and
// again is quarantined as worker-crash, by design; it is counted, not lost.
// The workers' clustering leader is killed too: what is clustered holds
// together after every round, and the last pair leaves all of it done.
func TestPostgresWorkersSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it many times against PostgreSQL")
	}
	srv := startPostgres(t)
	bin, inputs := buildStoryline(t), crashInputs(t)
	enqueue := func(dsn string) {
		runKilled(t, bin, 0, append([]string{"enqueue", "--db", dsn}, inputs...)...)
	}
	work := func(dsn string, kill time.Duration) time.Duration {
		return runKilled(t, bin, kill, "work", "--drain", "--db", dsn)
	}
	clean := newDatabase(t, srv, "crash_work_clean")
	enqueue(clean)
	full := work(clean, 0)
	want, wantJobs, _ := pgCounts(t, clean)
	wantStories := checkClustered(t, clean)
	pair := func(dsn string, delay func() time.Duration) time.Duration {
		took := make(chan time.Duration, 2)
		for range 2 {
			go func() { took <- runKilled(t, bin, delay(), "work", "--drain", "--db", dsn) }()
		}
		return max(<-took, <-took)
	}
	// Two workers start slower than one: time a pair with nothing to do.
	// Six rounds of pairs must not drain the queue before the kills, so
	// each worker is killed within a sixth of the work.
	kill := killPoints(full, pair(clean, func() time.Duration { return 0 }))

	crashed := newDatabase(t, srv, "crash_work_killed")
	enqueue(crashed)
	rnd := rand.New(rand.NewSource(time.Now().UnixNano()))
	midQueue, midClustering := 0, 0
	const rounds = 6
	for range rounds {
		pair(crashed, func() time.Duration { return kill(rnd, 1.0/6) })
		if _, jobs, _ := pgCounts(t, crashed); jobs["queued"] > 0 && jobs["done"] > 0 {
			midQueue++
		}
		// A leader killed mid-pass wrote none of it.
		if c := checkClusters(t, crashed, false); c.events > 0 && clusterPending(t, crashed) > 0 {
			midClustering++
		}
	}
	if midQueue == 0 {
		t.Fatal("no round of kills left the queue half done: the test proved nothing")
	}
	work(crashed, 0)
	got, jobs, reasons := pgCounts(t, crashed)
	settled, wantSettled := got.articles+got.duplicates+got.quarantined, want.articles+want.duplicates+want.quarantined
	if jobs["queued"] != 0 || jobs["done"] != wantJobs["done"] || settled != wantSettled {
		t.Fatalf("after %d rounds of kills: jobs %v and %d settled (%+v), want jobs %v and %d settled (%+v)",
			rounds, jobs, settled, got, wantJobs, wantSettled, want)
	}
	// Abandoned inputs and the order of the stores move the clustering a
	// little; it must be whole and consistent all the same.
	stories := checkClustered(t, crashed)
	if stories.events < wantStories.events*8/10 || stories.shifts == 0 {
		t.Errorf("clustered after the kills: %+v, without them: %+v", stories, wantStories)
	}
	abandoned := reasons["worker-crash"]
	if got.quarantined-abandoned != want.quarantined || got.articles+got.duplicates+abandoned != want.articles+want.duplicates {
		t.Fatalf("stored %+v after the kills (%d abandoned as worker-crash), %+v without them", got, abandoned, want)
	}
	t.Logf("%d of %d rounds of kills left the queue half done, %d the clustering; %d inputs settled once each, %d of them abandoned as worker-crash",
		midQueue, rounds, midClustering, settled, abandoned)
}

// clusterPending counts the originals waiting for the clustering leader.
func clusterPending(t *testing.T, dsn string) int {
	t.Helper()
	db := openTestDB(t, dsn)
	defer db.Close()
	pending, _, err := db.ClusterBacklog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return pending
}
