package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/cluster"
	"github.com/storyline-news/storyline/sqlite"
)

// storyCounts is what clustering and shift detection left in a database.
type storyCounts struct {
	articles, events, storylines, shifts int
}

// TestPostgresWorkersCluster runs `storyline work` processes, one and
// then two at a time, on the crash tests' inputs (the demo corpus and
// PolNeAR dev): the leader among them fills events, storylines and shifts
// as one ingest into SQLite does, every original in exactly one event,
// and what is stored is exactly what one clusterer fed the articles in
// the order the cluster log records makes.
func TestPostgresWorkersCluster(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it against PostgreSQL")
	}
	srv := startPostgres(t)
	bin := buildStoryline(t)
	corpus := crashInputs(t)

	ref := filepath.Join(t.TempDir(), "ref.db")
	runKilled(t, bin, 0, append([]string{"ingest", "-q", "--db", ref}, corpus...)...)
	want := sqliteStoryCounts(t, ref)
	if want.events == 0 || want.storylines == 0 || want.shifts == 0 {
		t.Fatalf("the reference ingest found %+v: the test would prove nothing", want)
	}

	workers := func(name string, n int) storyCounts {
		dsn := newDatabase(t, srv, name)
		runKilled(t, bin, 0, append([]string{"enqueue", "--db", dsn}, corpus...)...)
		done := make(chan struct{}, n)
		for range n {
			go func() { runKilled(t, bin, 0, "work", "--drain", "--db", dsn); done <- struct{}{} }()
		}
		for range n {
			<-done
		}
		return checkClustered(t, dsn)
	}
	// The same articles in the same order, clustered by the leader after
	// an ingest into PostgreSQL, make the same events as in SQLite.
	pgIngest := newDatabase(t, srv, "cluster_ingest")
	runKilled(t, bin, 0, append([]string{"ingest", "-q", "--db", pgIngest}, corpus...)...)
	if got := checkClustered(t, pgIngest); got != want {
		t.Errorf("ingest into PostgreSQL: %+v, into SQLite: %+v", got, want)
	}
	sameShifts(t, pgIngest)
	one := workers("cluster_one", 1)
	two := workers("cluster_two", 2)
	t.Logf("one ingest: %+v; one worker: %+v; two workers: %+v", want, one, two)
	if one.articles != want.articles || two.articles != want.articles {
		t.Fatalf("articles stored: %d by one worker, %d by two, %d by ingest", one.articles, two.articles, want.articles)
	}
	// A worker reads each input alone (ingest learns a batch's repeated
	// lines and its people first), and two store in an order of their
	// scheduling, which the clustering follows: the counts may move a
	// little, never by much.
	for _, got := range []storyCounts{one, two} {
		if got.events < want.events*9/10 || got.events > want.events*11/10 || got.storylines == 0 || got.shifts == 0 {
			t.Errorf("workers: %+v, one ingest: %+v", got, want)
		}
	}
}

// sameShifts checks that the leader's recomputation of every speaker's
// shifts, their quotes read at once, gives what recomputeShifts gives,
// their quotes read speaker by speaker.
func sameShifts(t *testing.T, dsn string) {
	t.Helper()
	db := openTestDB(t, dsn)
	defer db.Close()
	sameShiftsAsSpeakerBySpeaker(t, db)
}

func sqliteStoryCounts(t *testing.T, path string) storyCounts {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return storeCounts(t, db)
}

func storeCounts(t *testing.T, st storyline.Store) storyCounts {
	t.Helper()
	ctx := context.Background()
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	shifts, err := st.Shifts(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	return storyCounts{articles: s.Articles, events: s.Events, storylines: s.Storylines, shifts: len(shifts)}
}

// checkClustered checks that a PostgreSQL database is wholly and
// consistently clustered, and counts what it holds: nothing waits for the
// leader, and checkClusters holds.
func checkClustered(t *testing.T, dsn string) storyCounts {
	t.Helper()
	return checkClusters(t, dsn, true)
}

// checkClusters checks that what a PostgreSQL database holds of the
// clustering holds together, whether or not some articles still wait for
// it (settled says they may not): every original clustered is in exactly
// one event and every event in a stored storyline, and the stored events
// are those one clusterer makes of the articles in the order of the
// cluster log, so no pass was written in part, doubled or skipped.
func checkClusters(t *testing.T, dsn string, settled bool) storyCounts {
	t.Helper()
	ctx := context.Background()
	db := openChecked(t, dsn)
	defer db.Close()
	pending, due, err := db.ClusterBacklog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if settled && (pending != 0 || due != 0) {
		t.Errorf("%d articles wait for clustering, %d for their shifts", pending, due)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var notOnce, orphanEvents int
	err = conn.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM articles a WHERE a.duplicate_of IS NULL
		   AND (SELECT count(*) FROM events e WHERE a.id = ANY(e.articles)) <> 1
		   AND NOT EXISTS (SELECT 1 FROM cluster_pending p WHERE p.seq = a.seq)),
		(SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM storylines s WHERE s.id = e.storyline))`).
		Scan(&notOnce, &orphanEvents)
	if err != nil {
		t.Fatal(err)
	}
	if notOnce != 0 || orphanEvents != 0 {
		t.Errorf("%d originals clustered not in exactly one event, %d events in no stored storyline", notOnce, orphanEvents)
	}

	c := cluster.New(cluster.Options{})
	rows, err := conn.Query(ctx, `SELECT a.doc FROM cluster_log l JOIN articles a ON a.id = l.article_id ORDER BY l.cluster_seq`)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range docs {
		var a storyline.Article
		if err := json.Unmarshal(doc, &a); err != nil {
			t.Fatal(err)
		}
		c.Add(&a)
	}
	rows, err = conn.Query(ctx, `SELECT id || ' ' || storyline || ': ' || array_to_string(articles, ' ') FROM events ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	var replayed []string
	for _, e := range c.Events() {
		replayed = append(replayed, e.ID+" "+e.Storyline+": "+strings.Join(e.Articles, " "))
	}
	slices.Sort(replayed)
	if !slices.Equal(stored, replayed) {
		t.Errorf("stored events differ from those the cluster log replays to:\nstored   %q\nreplayed %q", stored, replayed)
	}
	rows, err = conn.Query(ctx, `SELECT id || ': ' || title FROM storylines ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	if stored, err = pgx.CollectRows(rows, pgx.RowTo[string]); err != nil {
		t.Fatal(err)
	}
	replayed = replayed[:0]
	for _, s := range c.Storylines() {
		replayed = append(replayed, s.ID+": "+s.Title)
	}
	slices.Sort(replayed)
	if !slices.Equal(stored, replayed) {
		t.Errorf("stored storylines differ from those the cluster log replays to:\nstored   %q\nreplayed %q", stored, replayed)
	}
	return storeCounts(t, db)
}

// articlesDigest sums up the originals a PostgreSQL database stores: two
// databases holding the same articles cluster them alike.
func articlesDigest(t *testing.T, dsn string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var digest string
	err = conn.QueryRow(ctx, `SELECT coalesce(md5(string_agg(id || title || body || (doc->'entities')::text, '|' ORDER BY seq)), '')
		FROM articles WHERE duplicate_of IS NULL`).Scan(&digest)
	if err != nil {
		t.Fatal(err)
	}
	return digest
}
