package http

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/sqlite"
	"github.com/storyline-news/storyline/storetest"
)

func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestKeptPagesFollowWrites: pages and answers the server keeps must show
// what another process stored since, and stay byte for byte what a fresh
// rendering gives.
func TestKeptPagesFollowWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kept.db")
	served, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer served.Close()
	ingester, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ingester.Close()
	srv, err := NewServer(served, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	fresh, err := NewServer(served, Options{CacheBytes: -1})
	if err != nil {
		t.Fatal(err)
	}
	uncached := httptest.NewServer(fresh)
	defer uncached.Close()

	if err := ingester.SaveArticle(ctx, storetest.Article("a1", "Levant Wire", "2017-12-11", "Dmitri Volkov said the harbour stays."), nil, "r1"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/search?q=harbour", "/entities/per-volkov", "/api/entities?type=person", "/api/stats"} {
		_, first := fetch(t, ts.URL+p)
		_, again := fetch(t, ts.URL+p)
		_, want := fetch(t, uncached.URL+p)
		if first != want || again != want {
			t.Errorf("%s: a kept response differs from a fresh one", p)
		}
	}
	if _, body := fetch(t, ts.URL+"/search?q=lease"); !strings.Contains(body, ">0 articles<") {
		t.Fatalf("search for lease before it was stored: %s", body)
	}
	if err := ingester.SaveArticle(ctx, storetest.Article("a2", "Caspian Daily", "2019-06-11", "Talks on the harbour lease resumed."), nil, "r2"); err != nil {
		t.Fatal(err)
	}
	if _, body := fetch(t, ts.URL+"/search?q=lease"); !strings.Contains(body, ">1 articles<") {
		t.Errorf("a kept search page did not see the article stored since")
	}
	if err := ingester.SaveDecision(ctx, storyline.Decision{Kind: storyline.DecisionSplitEntity, Subject: "per-volkov", Object: "Volkov"}); err != nil {
		t.Fatal(err)
	}
	if _, body := fetch(t, ts.URL+"/entities/per-volkov"); strings.Contains(body, "Also written: Dmitri Volkov, Volkov") {
		t.Errorf("a kept speaker page did not see the split made since")
	}
	if status, _ := fetch(t, ts.URL+"/entities/nobody"); status != http.StatusNotFound {
		t.Errorf("missing entity: %d", status)
	}
}

var claimRe = regexp.MustCompile(`href="/articles/([^"#]+)#(q-\d+-\d+)"`)

// TestEveryClaimLinksToItsSentence follows every claim link on the pages
// of the demo corpus (quotes, dated events, statements, shifts) to an
// anchor on the article page it names.
func TestEveryClaimLinksToItsSentence(t *testing.T) {
	db := demoStore(t)
	ts := startServer(t, Options{})
	var pages []string
	err := db.EachArticle(context.Background(), func(a *storyline.Article) error {
		pages = append(pages, "/articles/"+a.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	people, _, err := db.Entities(context.Background(), storyline.EntityFilter{Type: storyline.EntityPerson, Limit: 10, MaxArticles: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range people {
		pages = append(pages, "/entities/"+e.ID)
	}
	pages = append(pages, "/shifts")
	anchors := map[string]map[string]bool{}
	idRe := regexp.MustCompile(`id="(q-\d+-\d+)"`)
	checked := 0
	for _, p := range pages {
		_, body := fetch(t, ts.URL+p)
		for _, m := range claimRe.FindAllStringSubmatch(body, -1) {
			article := strings.ReplaceAll(m[1], "%20", " ")
			if anchors[article] == nil {
				_, target := fetch(t, ts.URL+"/articles/"+m[1])
				anchors[article] = map[string]bool{}
				for _, id := range idRe.FindAllStringSubmatch(target, -1) {
					anchors[article][id[1]] = true
				}
			}
			if !anchors[article][m[2]] {
				t.Errorf("%s links to %s#%s, which has no such anchor", p, m[1], m[2])
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d claim links checked", checked)
	}
	t.Logf("%d claim links on %d pages lead to their sentences", checked, len(pages))
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1398063: "1,398,063", -12345: "-12,345", 100000: "100,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}
