package textclean

import (
	"context"
	"hash/fnv"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

// The streamed line hash and the letter bound must agree with the key
// they stand for, or boilerplate and repeated headlines go unseen.
func TestStreamedKeyAgreesWithNormKey(t *testing.T) {
	lines := []string{"", "  ", "Subscribe to our newsletter!", "READ MORE: Last planes leave Qasr Hamed",
		"Ünïcödé  Straße — ДЕНЬ 42", "a\xffb", "Share   this\tstory", "12:20 p.m.:", "\u00a0non\u2003breaking\u00a0 spaces ", "x\x85y", strings.Repeat("word ", 40)}
	for _, l := range lines {
		k := normKey(l)
		h, ok := lineHash(l)
		wantOK := k != "" && strings.Count(k, " ")+1 <= maxStatWords
		f := fnv.New64a()
		f.Write([]byte(k))
		if ok != wantOK || ok && h != f.Sum64() {
			t.Errorf("%q: hash %x %v, want %x %v", l, h, ok, f.Sum64(), wantOK)
		}
		if wordCount(l) != len(strings.Fields(l)) {
			t.Errorf("%q: %d words counted, want %d", l, wordCount(l), len(strings.Fields(l)))
		}
		if keyLetters(l) > len(k) {
			t.Errorf("%q: %d letters counted, key %q is shorter", l, keyLetters(l), k)
		}
	}
}

// hasNavSeparator is the pass that spares the split: it must say yes
// exactly where navSeps would split.
func TestHasNavSeparatorAgreesWithTheSplit(t *testing.T) {
	for _, s := range []string{"Home | World | Middle East", "Home|World", "a / b", "12/03/2016 at 10:00", "News » Politics",
		"Note: the base", "a :: b", "a ::b", "a\t•\tb", "• lead", "x ›", "> quoted", "He said: “we stay” / they left",
		"tab\t|\tsep", "", " | ", "a ·b", "word · word"} {
		if got, want := hasNavSeparator(s), navSeps.MatchString(s); got != want {
			t.Errorf("%q: hasNavSeparator %v, navSeps %v", s, got, want)
		}
	}
}

// A feed's teaser whose text only repeats the title it was given is an
// article of one sentence, not a page with no text; a line of furniture
// alone is still nothing.
func TestTeaserThatRepeatsItsTitle(t *testing.T) {
	teaser := "Twitter spreads news from Haiti as reporters explain how phones became a lifeline for families after the earthquake ."
	a, err := New(nil).Clean(context.Background(), &storyline.Input{Source: "teaser.txt", Text: teaser, Title: teaser})
	if err != nil || a.Body != teaser || a.Title != teaser {
		t.Fatalf("teaser: %+v %v", a, err)
	}
	if _, err := New(nil).Clean(context.Background(), &storyline.Input{Source: "menu.txt", Text: "Home | World | Sport | Business"}); err == nil {
		t.Errorf("a menu alone was taken for an article")
	}
}
