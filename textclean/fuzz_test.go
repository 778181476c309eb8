package textclean

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/hostile"
	"github.com/storyline-news/storyline/hostile/invariant"
)

// FuzzClean: the cleaner never invents text (every body paragraph is in
// the input and every removed line is a line of it), its body is valid UTF-8 with
// content, and cleaning its own output again only ever removes.
func FuzzClean(f *testing.F) {
	seeds, err := hostile.Seeds("*.txt", "*.md")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(string(s), "")
	}
	f.Add("Home | World\nTalks Resume In The Capital\nBy Jana Petrova\nMOSCOW (Levant Wire) — The talks resumed.\nShare", "Talks Resume")
	stats := NewLineStats()
	f.Fuzz(func(t *testing.T, raw, title string) {
		// What the cleaner is given has been decoded: valid UTF-8, NFC, no NUL.
		text := strings.ReplaceAll(norm.NFC.String(strings.ToValidUTF8(raw, "\ufffd")), "\x00", "")
		stats.Add("fuzz", text)
		a, err := New(stats).Clean(context.Background(), &storyline.Input{Source: "fuzz.txt", Text: text, Title: title, Group: "fuzz"})
		if err != nil {
			if !errors.Is(err, ErrNoArticle) {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		if err := invariant.Article(a); err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(a.Body) == "" {
			t.Fatal("an article without a body")
		}
		lines := inputLines(text)
		read := strings.Join(slices.Collect(maps.Keys(lines)), "\n")
		for _, p := range strings.Split(a.Body, "\n\n") {
			// A paragraph is a line, or a headline standing for the article
			// without its outlet suffix.
			if !lines[p] && !strings.Contains(read, p) {
				t.Fatalf("body paragraph %q is not in the input", p)
			}
		}
		for _, r := range a.Removed {
			if !lines[r.Text] {
				t.Fatalf("removed %q, which is no line of the input", r.Text)
			}
		}
		again, err := New(nil).Clean(context.Background(), &storyline.Input{Source: "again.txt", Text: a.Body, Title: a.Title})
		if err != nil {
			return // the title-less remainder may be too little to call an article
		}
		for _, p := range strings.Split(again.Body, "\n\n") {
			if !strings.Contains(a.Body, p) { // a one-line article may lose an outlet suffix again
				t.Fatalf("cleaning the body again brought in %q", p)
			}
		}
	})
}

// inputLines are the input's lines as the cleaner reads them: trimmed,
// with tabs and no-break spaces as spaces.
func inputLines(text string) map[string]bool {
	lines := map[string]bool{}
	for _, l := range splitLines(text) {
		lines[l.text] = true
	}
	return lines
}

// FuzzHasNavSeparator: the pass that spares the split says yes exactly
// where navSeps would split.
func FuzzHasNavSeparator(f *testing.F) {
	f.Add("Home | World | Middle East")
	f.Add("a :: b")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasNavSeparator(s), navSeps.MatchString(s); got != want {
			t.Errorf("%q: hasNavSeparator %v, navSeps %v", s, got, want)
		}
	})
}
