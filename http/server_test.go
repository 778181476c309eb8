package http

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/cluster"
	"github.com/storyline-news/storyline/entity"
	"github.com/storyline-news/storyline/htmlclean"
	"github.com/storyline-news/storyline/input"
	"github.com/storyline-news/storyline/pipeline"
	"github.com/storyline-news/storyline/quote"
	"github.com/storyline-news/storyline/sqlite"
	"github.com/storyline-news/storyline/stance"
	"github.com/storyline-news/storyline/textclean"
	"github.com/storyline-news/storyline/timex"
)

// hostile is an article whose text tries to run script in the page.
const hostile = `Hostile page test
The minister said "<script>alert('xss')</script> is not a quote" and left the room at once.
An image <img src=x onerror=alert(1)> and a link <a href="javascript:alert(2)">click</a> were in the text too.`

var (
	corpusOnce sync.Once
	corpusDB   string
	corpusErr  error
)

// demoStore ingests the demo corpus and the hostile article into a real
// SQLite file, once for all tests.
func demoStore(t *testing.T) *sqlite.DB {
	t.Helper()
	corpusOnce.Do(func() {
		dir, err := os.MkdirTemp("", "storyline-http-")
		if err != nil {
			corpusErr = err
			return
		}
		corpusDB = filepath.Join(dir, "demo.db")
		hostilePath := filepath.Join(dir, "hostile.txt")
		if corpusErr = os.WriteFile(hostilePath, []byte(hostile), 0o644); corpusErr != nil {
			return
		}
		corpusErr = ingest(corpusDB, "../demo", hostilePath)
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	db, err := sqlite.Open(context.Background(), corpusDB)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func ingest(dbPath string, paths ...string) error {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	ents, err := entity.New(entity.Options{})
	if err != nil {
		return err
	}
	stats := textclean.NewLineStats()
	p := &pipeline.Pipeline{Text: textclean.New(stats), HTML: htmlclean.New(), Learn: stats.Add,
		Annotators: []storyline.Annotator{ents, quote.New(), timex.New()}}
	g := &pipeline.Ingester{Pipeline: p, Store: db, Cluster: cluster.New(cluster.Options{})}
	if _, err := g.Ingest(ctx, func(ctx context.Context, fn func(*storyline.Input, error) error) error {
		return input.Walk(ctx, paths, input.Options{}, fn)
	}); err != nil {
		return err
	}
	qs, _, err := db.Quotes(ctx, storyline.QuoteFilter{Limit: 10000})
	if err != nil {
		return err
	}
	return db.ReplaceShifts(ctx, stance.Detect(qs, stance.MinConfidence))
}

func startServer(t *testing.T, opts Options) *httptest.Server {
	t.Helper()
	srv, err := NewServer(demoStore(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv) // a real listener on a loopback port
	t.Cleanup(ts.Close)
	return ts
}

func get(t *testing.T, ts *httptest.Server, path string, v any) *http.Response {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("%s: not JSON: %v\n%s", path, err, body)
		}
	}
	return resp
}

func TestAPI(t *testing.T) {
	ts := startServer(t, Options{})
	var search struct {
		Schema  int
		Total   int
		Results []storyline.SearchHit
	}
	if r := get(t, ts, "/api/search?q=naval+base&limit=5", &search); r.StatusCode != 200 || search.Schema != 1 || search.Total == 0 {
		t.Fatalf("search: %d %+v", r.StatusCode, search)
	}
	id := search.Results[0].ID
	var art map[string]any
	get(t, ts, "/api/articles/"+url.PathEscape(id), &art)
	for _, k := range []string{"schema", "id", "body", "entities", "quotes", "timexes", "published"} {
		if _, ok := art[k]; !ok {
			t.Errorf("article lacks %q", k)
		}
	}
	resp, _ := http.Get(ts.URL + "/api/articles/" + url.PathEscape(id) + "/raw")
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(raw) == 0 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Errorf("raw: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var quotes struct {
		Total  int
		Quotes []storyline.QuoteRecord
	}
	get(t, ts, "/api/quotes?speaker=Volkov&limit=100", &quotes)
	if quotes.Total == 0 || !strings.Contains(quotes.Quotes[0].Speaker.Name, "Volkov") {
		t.Fatalf("quotes by Volkov: %+v", quotes)
	}
	for i := 1; i < len(quotes.Quotes); i++ {
		if day(quotes.Quotes[i]) < day(quotes.Quotes[i-1]) {
			t.Errorf("quotes not in date order")
		}
	}
	var ents struct {
		Total    int
		Entities []storyline.EntityRecord
	}
	get(t, ts, "/api/entities?q=volkov", &ents)
	if ents.Total == 0 {
		t.Fatal("no entity for Volkov")
	}
	var one storyline.EntityRecord
	if r := get(t, ts, "/api/entities/"+ents.Entities[0].ID, &one); r.StatusCode != 200 || one.ID == "" {
		t.Errorf("entity: %d", r.StatusCode)
	}
	if one.ArticleCount < 2 || len(one.Articles) != one.ArticleCount {
		t.Errorf("entity lists %d of its %d articles, want all", len(one.Articles), one.ArticleCount)
	}
	var capped storyline.EntityRecord
	get(t, ts, "/api/entities/"+one.ID+"?articles=1", &capped)
	if len(capped.Articles) != 1 || capped.ArticleCount != one.ArticleCount || capped.Articles[0] != one.Articles[0] {
		t.Errorf("capped entity: %d of %d articles", len(capped.Articles), capped.ArticleCount)
	}
	var weeks struct {
		Total int
		Weeks []storyline.WeekCount
	}
	get(t, ts, "/api/attention?entity="+one.ID, &weeks)
	articles := 0
	for _, w := range weeks.Weeks {
		articles += w.Articles
	}
	if weeks.Total == 0 || articles > one.ArticleCount || articles == 0 {
		t.Errorf("attention to %s: %d weeks, %d articles of %d", one.ID, weeks.Total, articles, one.ArticleCount)
	}
	if r := get(t, ts, "/api/attention?entity=nobody", nil); r.StatusCode != 404 {
		t.Errorf("attention to nobody: %d, want 404", r.StatusCode)
	}
	var stories struct {
		Total      int
		Storylines []storyline.Storyline
	}
	get(t, ts, "/api/stories", &stories)
	if stories.Total == 0 {
		t.Fatal("no storylines")
	}
	if r := get(t, ts, "/api/stories/"+stories.Storylines[0].ID, nil); r.StatusCode != 200 {
		t.Errorf("story: %d", r.StatusCode)
	}
	for _, path := range []string{"/api/shifts", "/api/shifts?speaker=Volkov", "/api/timeline?entity=Volkov", "/api/stats"} {
		if r := get(t, ts, path, new(map[string]any)); r.StatusCode != 200 {
			t.Errorf("%s: %d", path, r.StatusCode)
		}
	}
	var spec struct {
		OpenAPI string
		Paths   map[string]any
	}
	get(t, ts, "/openapi.json", &spec)
	if spec.OpenAPI == "" || spec.Paths["/api/search"] == nil || spec.Paths["/api/quotes"] == nil {
		t.Errorf("openapi: %+v", spec.OpenAPI)
	}
}

func day(q storyline.QuoteRecord) string {
	if q.Date != "" {
		return q.Date
	}
	return q.Published
}

func TestAPIErrors(t *testing.T) {
	ts := startServer(t, Options{})
	for path, status := range map[string]int{
		"/api/search?from=2017-13-45": 400, "/api/quotes?to=yesterday": 400, "/api/search?limit=0": 400,
		"/api/search?offset=-3": 400, "/api/articles/nope": 404, "/api/entities/nope": 404,
		"/api/stories/nope": 404, "/api/nothing-here": 404,
	} {
		var body struct{ Error string }
		r := get(t, ts, path, &body)
		if r.StatusCode != status || body.Error == "" {
			t.Errorf("%s: %d %q, want %d with an error message", path, r.StatusCode, body.Error, status)
		}
	}
}

func TestSecurityHeadersReadOnlyAndToken(t *testing.T) {
	ts := startServer(t, Options{ReadOnly: true, Token: "s3cret"})
	r := get(t, ts, "/", nil)
	if r.StatusCode != 401 {
		t.Errorf("no token: %d", r.StatusCode)
	}
	csp := r.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP: %q", csp)
	}
	if r := get(t, ts, "/?token=s3cret", nil); r.StatusCode != 200 {
		t.Errorf("with token: %d", r.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/decisions", strings.NewReader(`{"kind":"merge-entities","subject":"a","object":"b"}`))
	req.Header.Set("Authorization", "Bearer s3cret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("read-only server accepted a write: %d", resp.StatusCode)
	}
}

func TestPagesEscapeHostileText(t *testing.T) {
	ts := startServer(t, Options{})
	var search struct{ Results []storyline.SearchHit }
	get(t, ts, "/api/search?q=hostile+page", &search)
	if len(search.Results) == 0 {
		t.Fatal("hostile article not stored")
	}
	resp, err := http.Get(ts.URL + "/articles/" + url.PathEscape(search.Results[0].ID))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	html := string(page)
	for _, bad := range []string{"<script>alert", "<img src=x", `<a href="javascript:`} {
		if strings.Contains(html, bad) {
			t.Errorf("page carries live %q", bad)
		}
	}
	if !strings.Contains(html, "&lt;script&gt;") {
		t.Errorf("hostile text not shown as text")
	}
	if strings.Contains(html, " onclick=") || strings.Contains(html, " onload=") {
		t.Errorf("inline event handler in the page")
	}
}
