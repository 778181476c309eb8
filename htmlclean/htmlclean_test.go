package htmlclean

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/internal/shared"
)

const samplePage = `<!doctype html><html lang="en"><head>
<title>Minister says base will stay - Levant Wire</title>
<meta property="og:site_name" content="Levant Wire">
<meta property="og:title" content="Minister says base will stay">
<meta name="author" content="Jana Petrova">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2017-12-11T10:30:00Z","headline":"Minister says base will stay"}</script>
<script>var tracking = "do not show this";</script>
<style>.x{color:red}</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Minister says base will stay</h1>
<p>MOSCOW — Defence Minister Dmitri Volkov said on Monday that the naval base at Port Anselm would remain for as long as it was needed, in remarks to the Levant Wire Agency.</p>
<h2>Talks with the host country</h2>
<p>“We are not going anywhere,” Volkov told reporters after meeting officials of the host government in the capital, where the lease was first signed in 2015.</p>
<p>The opposition has long demanded a timetable for withdrawal, and analysts expect the question to return before the elections next year.</p>
<p>He declined to comment on the number of ships.</p>
</article>
<footer>© 2017 Levant Wire. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>`

func extract(t *testing.T, html string) (*storyline.Article, error) {
	t.Helper()
	return New().Clean(context.Background(), &storyline.Input{Source: "page.html", URL: "https://www.levantwire.example/2017/12/11/base", Text: html})
}

func TestArticleAndMetadata(t *testing.T) {
	a, err := extract(t, samplePage)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Minister says base will stay" || a.Outlet != "Levant Wire" || a.Byline != "Jana Petrova" {
		t.Errorf("metadata: title %q outlet %q byline %q", a.Title, a.Outlet, a.Byline)
	}
	if a.Published.Date != "2017-12-11" || a.Published.Method != storyline.DateMetadata || a.Published.Evidence == "" {
		t.Errorf("published: %+v", a.Published)
	}
	paras := strings.Split(a.Body, "\n\n")
	if len(paras) < 4 {
		t.Fatalf("paragraph breaks lost: %q", a.Body)
	}
	for _, want := range []string{"“We are not going anywhere,” Volkov told reporters", "He declined to comment on the number of ships."} {
		if !strings.Contains(a.Body, want) {
			t.Errorf("body lost %q", want)
		}
	}
	for _, junk := range []string{"tracking", "color:red", "All rights reserved", "Privacy", "Sport"} {
		if strings.Contains(a.Body, junk) {
			t.Errorf("body kept junk %q", junk)
		}
	}
}

func TestBadPagesFailCleanly(t *testing.T) {
	for name, html := range map[string]string{
		"nav only":  `<html><body><nav><a href="/">Home</a> <a href="/a">About</a></nav></body></html>`,
		"empty":     ``,
		"truncated": samplePage[:400],
		"deep":      strings.Repeat("<div>", 20000) + "text" + strings.Repeat("</div>", 20000),
		"garbage":   "\x01\x02<<<>>>&&&;;;<p",
	} {
		a, err := extract(t, html)
		if err == nil && strings.TrimSpace(a.Body) == "" {
			t.Errorf("%s: empty body without an error", name)
		}
		if err != nil && !strings.Contains(err.Error(), "page.html") {
			t.Errorf("%s: error does not name the input: %v", name, err)
		}
	}
	if a, err := extract(t, samplePage[:len(samplePage)*3/4]); err != nil || !strings.Contains(a.Body, "We are not going anywhere") {
		t.Errorf("a page cut off at the end should still give its text: %v", err)
	}
}

func BenchmarkClean(b *testing.B) {
	path, err := shared.Path("data/extraction/dev.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var pages []string
	_ = eachPage(context.Background(), path, func(_ page, html string) error {
		pages = append(pages, html)
		return nil
	})
	x := New()
	size := 0
	for _, p := range pages {
		size += len(p)
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, p := range pages {
			_, _ = x.Clean(context.Background(), &storyline.Input{Source: "bench", Text: p})
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(size)*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
	_ = os.Stdout
}
