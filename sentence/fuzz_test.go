package sentence

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/hostile"
	"github.com/storyline-news/storyline/hostile/invariant"
)

// FuzzSplit: sentences are ordered, disjoint spans of the text, on rune
// boundaries, trimmed, within one line, with only white space between
// them; and a sentence split on its own is that one sentence.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"A. B. C.", "“He said.” ‘x’", "U.S. The", "\xff\xfe. A", "...", "No. 5 is here. Said no. Why?"} {
		f.Add(s)
	}
	seeds, err := hostile.Seeds("*.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(string(s))
	}
	f.Fuzz(func(t *testing.T, s string) {
		spans := Split(s)
		if !utf8.ValidString(s) {
			for _, sp := range spans { // bytes, not runes: only the order and bounds hold
				if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
					t.Fatalf("bad span %+v in %q", sp, s)
				}
			}
			return
		}
		if err := invariant.Spans(s, spans); err != nil {
			t.Fatalf("%v in %q", err, s)
		}
		last := 0
		for _, sp := range spans {
			text := s[sp.Start:sp.End]
			first, _ := utf8.DecodeRuneInString(text)
			final, _ := utf8.DecodeLastRuneInString(text)
			if sp.Start == sp.End || unicode.IsSpace(first) || unicode.IsSpace(final) || strings.Contains(text, "\n") {
				t.Fatalf("sentence %q is empty, untrimmed or spans lines", text)
			}
			if gap := s[last:sp.Start]; strings.TrimSpace(gap) != "" {
				t.Fatalf("text %q between sentences belongs to none", gap)
			}
			if again := Split(text); len(again) != 1 || again[0].Start != 0 || again[0].End != len(text) {
				t.Fatalf("sentence %q split on its own gives %v", text, again)
			}
			last = sp.End
		}
		if rest := s[last:]; strings.TrimSpace(rest) != "" {
			t.Fatalf("text %q after the last sentence belongs to none", rest)
		}
	})
}
