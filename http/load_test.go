package http

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/dedup"
	"github.com/storyline-news/storyline/entity"
	"github.com/storyline-news/storyline/internal/shared"
	"github.com/storyline-news/storyline/quote"
	"github.com/storyline-news/storyline/sqlite"
	"github.com/storyline-news/storyline/timex"
)

// EnvLoadArticles sets the size of the load test's corpus; the load test
// runs only when it is set (it builds a large database first).
const EnvLoadArticles = "STORYLINE_LOAD_ARTICLES"

// EnvLoadDB names a database file the load test keeps and reuses when it
// already holds the corpus, so that a second run measures without the
// ten minutes of building 100k articles.
const EnvLoadDB = "STORYLINE_LOAD_DB"

// EnvLoadCases picks the load test's cases whose name contains it (e.g.
// "speaker"), to profile one page at a time.
const EnvLoadCases = "STORYLINE_LOAD_CASES"

// TestLoad measures requests per second and p99 latency for search and
// speaker pages with 50 concurrent clients on loopback, over a SQLite
// corpus recombined from the PolNeAR articles. Bounded in requests and time.
func TestLoad(t *testing.T) {
	size, _ := strconv.Atoi(os.Getenv(EnvLoadArticles))
	if size <= 0 {
		t.Skip("set " + EnvLoadArticles + " (e.g. 100000) to run the load test")
	}
	db := buildCorpus(t, size)
	// Each page is measured as served (responses kept between writes) and
	// rendered for every request (the store still keeps its own answers).
	servers := map[string]string{}
	for name, opts := range map[string]Options{"kept": {}, "rendered": {CacheBytes: -1}} {
		srv, err := NewServer(db, opts)
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		defer ts.Close()
		servers[name] = ts.URL
	}
	ents, _, err := db.Entities(context.Background(), storyline.EntityFilter{Type: storyline.EntityPerson, Limit: 50, MaxArticles: 40})
	if err != nil || len(ents) == 0 {
		t.Fatalf("no speakers: %v", err)
	}
	var articles []string
	seen := map[string]bool{}
	for _, e := range ents {
		for _, id := range e.Articles {
			if !seen[id] {
				seen[id] = true
				articles = append(articles, id)
			}
		}
	}
	words := []string{"election", "campaign", "debate", "immigration", "tax", "economy", "voters", "poll", "senate", "email"}
	// Distinct two-word queries: no answer is asked for twice, so none
	// comes from the server's cache.
	vocab := []string{"president", "party", "state", "said", "people", "time", "year", "house", "white", "court", "law",
		"news", "media", "police", "world", "war", "money", "health", "care", "jobs", "trade", "china", "russia",
		"women", "black", "vote", "primary", "speech", "rally", "report", "foundation", "server", "wall", "border",
		"obama", "clinton", "trump", "sanders", "cruz", "rubio", "bush", "republican", "democrat", "supporters", "crowd"}
	distinct := func(i int) string {
		n := len(vocab) // past n*n pairs, the next page of each
		return "/api/search?limit=20&q=" + vocab[i%n] + "+" + vocab[(i+i/n+1)%n] + "&offset=" + strconv.Itoa(20*(i/(n*n)))
	}
	for _, c := range []struct {
		name string
		path func(i int) string
	}{
		{"search API, 10 words", func(i int) string { return "/api/search?q=" + words[i%len(words)] + "&limit=20" }},
		{"search API, distinct queries", distinct},
		{"search page, 10 words", func(i int) string { return "/search?q=" + words[i%len(words)] }},
		{"speaker page, 50 speakers", func(i int) string { return "/entities/" + ents[i%len(ents)].ID }},
		{"quotes API, 50 speakers", func(i int) string { return "/api/quotes?limit=50&speaker=" + ents[i%len(ents)].ID }},
		{fmt.Sprintf("article page, %d articles", len(articles)), func(i int) string { return "/articles/" + articles[(i*7919)%len(articles)] }},
		{"entity list API", func(i int) string { return "/api/entities?type=person&limit=50&offset=" + strconv.Itoa(50*(i%4)) }},
		{"front page", func(int) string { return "/" }},
	} {
		if only := os.Getenv(EnvLoadCases); only != "" && !strings.Contains(c.name, only) {
			continue
		}
		if c.name != "search API, distinct queries" {
			warm(servers["kept"], c.path)
		}
		for run, server := range []string{"kept", "rendered"} {
			cpu0 := cpuTime()
			// The second run asks other requests where the path tells them apart.
			path := func(i int) string { return c.path(i + run*2000) }
			rps, p50, p99, n, errs := load(servers[server], 50, 2000, 60*time.Second, path)
			// The processor time per request (server and load generator, both
			// in this process) says what a request costs when others share the
			// machine; the latencies say what it costs under that sharing.
			cpu := (cpuTime() - cpu0) / time.Duration(n)
			t.Logf("%s (%s) on %d articles, 50 clients: %.0f requests/s, p50 %s, p99 %s, %s CPU a request, %d requests, %d errors",
				c.name, server, size, rps, p50.Round(100*time.Microsecond), p99.Round(100*time.Microsecond), cpu.Round(10*time.Microsecond), n, errs)
			if errs > 0 {
				t.Errorf("%s (%s): %d failed requests", c.name, server, errs)
			}
		}
	}
}

// warm asks once for every page a case will ask for, so that the kept
// pages are measured as a served corpus answers them, not on first sight.
func warm(base string, path func(int) string) {
	var paths []string
	seen := map[string]bool{}
	for i := range 2000 {
		if p := path(i); !seen[p] {
			seen[p] = true
			paths = append(paths, p)
		}
	}
	load(base, 50, len(paths), 5*time.Minute, func(i int) string { return paths[i] })
}

// cpuTime is the processor time this process used so far.
func cpuTime() time.Duration {
	var r syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// load sends n requests from c concurrent clients, stopping at limit.
func load(base string, c, n int, limit time.Duration, path func(int) string) (rps float64, p50, p99 time.Duration, sent, errs int) {
	var mu sync.Mutex
	var lat []time.Duration
	next := make(chan int)
	deadline := time.Now().Add(limit)
	// A request still unanswered after a minute counts as failed: on a
	// shared machine a queue of costly searches can take that long.
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: c}, Timeout: time.Minute}
	var wg sync.WaitGroup
	start := time.Now()
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				t0 := time.Now()
				resp, err := client.Get(base + path(i))
				d := time.Since(t0)
				ok := err == nil && resp.StatusCode == 200
				if err == nil {
					_, _ = bufio.NewReader(resp.Body).WriteTo(discard{})
					resp.Body.Close()
				}
				mu.Lock()
				lat = append(lat, d)
				if !ok {
					errs++
				}
				mu.Unlock()
			}
		}()
	}
	for i := 0; i < n && time.Now().Before(deadline); i++ {
		next <- i
	}
	close(next)
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	return float64(len(lat)) / time.Since(start).Seconds(), lat[len(lat)/2], lat[len(lat)*99/100], len(lat), errs
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// buildCorpus annotates the PolNeAR articles once and stores size copies
// with new ids, outlets and dates, each with a closing line of its own so
// that no copy is a duplicate of another.
func buildCorpus(t *testing.T, size int) *sqlite.DB {
	ctx := context.Background()
	path, err := shared.Path("data/polnear/train.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ents, _ := entity.New(entity.Options{})
	var base []*storyline.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var g struct{ ID, Text, Title, Outlet, Published string }
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		a := &storyline.Article{ID: g.ID, Title: g.Title, Outlet: g.Outlet, Body: g.Text,
			Published: storyline.Published{Date: g.Published, Earliest: g.Published, Latest: g.Published, Method: storyline.DateMetadata}}
		for _, an := range []storyline.Annotator{ents, quote.New(), timex.New()} {
			if err := an.Annotate(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		base = append(base, a)
	}
	file := os.Getenv(EnvLoadDB)
	if file == "" {
		file = filepath.Join(t.TempDir(), "load.db")
	}
	db, err := sqlite.Open(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if st, err := db.Stats(ctx); err == nil && st.Articles >= size {
		t.Logf("reusing %d articles in %s", st.Articles, file)
		return db
	}
	start := time.Now()
	for i := 0; i < size; i++ {
		a := *base[i%len(base)]
		a.ID = fmt.Sprintf("%s-%d", a.ID, i)
		a.Outlet = fmt.Sprintf("%s %d", a.Outlet, i%40)
		a.Body += fmt.Sprintf("\n\nCopy %d of the load corpus.", i)
		if d, err := time.Parse("2006-01-02", a.Published.Date); err == nil {
			day := d.AddDate(0, 0, (i/len(base))%3000).Format("2006-01-02")
			a.Published = storyline.Published{Date: day, Earliest: day, Latest: day, Method: storyline.DateMetadata}
		}
		a.BodyHash, a.SimHash = dedup.Fingerprint(a.Body)
		if err := db.SaveArticle(ctx, &a, nil, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("stored %d articles in %s", size, time.Since(start).Round(time.Second))
	return db
}
