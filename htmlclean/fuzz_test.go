package htmlclean

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/hostile"
	"github.com/storyline-news/storyline/hostile/invariant"
)

func htmlSeeds(f *testing.F) []string {
	f.Helper()
	seeds, err := hostile.Seeds("*.html", "*.htm", "*.xhtml", "*.rss", "*.atom")
	if err != nil {
		f.Fatal(err)
	}
	out := []string{samplePage, "<p>a</p><p>b", "<table><tr><td><p>x</td></tr></table>"}
	for _, s := range seeds {
		out = append(out, string(s))
	}
	return out
}

// FuzzClean: whatever the page, the extractor returns an error or an
// article whose body is valid UTF-8 paragraphs, each on one line with
// single spaces, and whose publication date, if any, is a real day
// inside its own bounds.
func FuzzClean(f *testing.F) {
	for _, s := range htmlSeeds(f) {
		f.Add(s, "https://www.levantwire.example/2017/12/11/base")
	}
	x := New()
	f.Fuzz(func(t *testing.T, page, url string) {
		text := strings.ReplaceAll(norm.NFC.String(strings.ToValidUTF8(page, "\ufffd")), "\x00", "")
		a, err := x.Clean(context.Background(), &storyline.Input{Source: "fuzz.html", URL: url, Text: text})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.html: ") {
				t.Fatalf("error does not name the input: %v", err)
			}
			return
		}
		if err := invariant.Article(a); err != nil {
			t.Fatal(err)
		}
		checkParagraphs(t, a.Body)
		checkPublished(t, a.Published)
	})
}

// FuzzParagraphs renders any parsed tree, however deep or broken.
func FuzzParagraphs(f *testing.F) {
	for _, s := range htmlSeeds(f) {
		f.Add(s)
	}
	f.Add(strings.Repeat("<div>", 5000) + "x")
	f.Fuzz(func(t *testing.T, page string) {
		doc, err := html.Parse(strings.NewReader(page))
		if err != nil {
			return
		}
		checkParagraphs(t, Paragraphs(doc))
	})
}

func checkParagraphs(t *testing.T, body string) {
	t.Helper()
	if body == "" {
		return
	}
	for _, p := range strings.Split(body, "\n\n") {
		if p == "" || p != strings.Join(strings.Fields(p), " ") {
			t.Fatalf("paragraph %q is empty or not on one line with single spaces in %q", p, body)
		}
	}
}

func checkPublished(t *testing.T, p storyline.Published) {
	t.Helper()
	if p.Date == "" {
		return
	}
	for _, d := range []string{p.Date, p.Earliest, p.Latest} {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			t.Fatalf("publication date %+v: %v", p, err)
		}
	}
	if p.Earliest > p.Date || p.Date > p.Latest {
		t.Fatalf("publication date outside its own bounds: %+v", p)
	}
}
