package cluster

import (
	"slices"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

func TestLeadSkipsRepeatedTitle(t *testing.T) {
	body := "Clinton wins Nevada.\n\nHillary Clinton won the Nevada caucuses on Saturday."
	text, end := lead("Clinton wins Nevada", body)
	if text != "Hillary Clinton won the Nevada caucuses on Saturday." {
		t.Errorf("lead %q", text)
	}
	if end != len(body) {
		t.Errorf("lead ends at %d, want %d", end, len(body))
	}
	if text, _ := lead("Another title", body); text != body {
		t.Errorf("a body that does not repeat the title lost its start: %q", text)
	}
}

func TestLeadDaysResolveAgainstPublication(t *testing.T) {
	pub := time.Date(2016, 2, 10, 0, 0, 0, 0, time.UTC) // a Wednesday
	got := leadDays("Sanders won Tuesday's primary. Clinton spoke yesterday and will speak tonight; on Feb. 6 they debated. Wednesday's rally", pub)
	want := []string{"2016-02-09", "2016-02-09", "2016-02-10", "2016-02-10", "2016-02-06"}
	if !slices.Equal(got, want) {
		t.Errorf("days %v, want %v", got, want)
	}
	if d := leadDays("On Tuesday", time.Time{}); d != nil {
		t.Errorf("an undated article resolved days: %v", d)
	}
}

func TestCopyJoinsItsOriginalsEvent(t *testing.T) {
	c := New(Options{})
	orig := c.Add(art("o", "2019-06-11", "Norvask signals rethink on Port Anselm naval base",
		"Defence minister Volkov said the future of the Anselm naval base is being discussed with allies."))
	c.Add(art("x", "2019-06-11", "Floods hit northern villages", "Heavy rain flooded three villages overnight."))
	cp := art("c", "2019-06-12", "You won't believe what the minister said", "Subscribe for more.")
	cp.DuplicateOf = "o"
	if got := c.Add(cp); got != orig {
		t.Errorf("a copy with a new headline landed in %q, not its original's event %q", got, orig)
	}
	stray := art("s", "2019-06-12", "Floods hit northern villages again", "Heavy rain flooded three villages overnight again.")
	stray.DuplicateOf = "unknown"
	if got := c.Add(stray); got == "" || got == orig {
		t.Errorf("a copy of an unknown article was not clustered on its own text: %q", got)
	}
}

func TestEventKeyEntities(t *testing.T) {
	c := New(Options{})
	volkov := storyline.Entity{ID: "per-volkov", Name: "Volkov", Type: storyline.EntityPerson, Mentions: []storyline.Mention{{Start: 0, End: 6}}}
	anselm := storyline.Entity{ID: "loc-anselm", Name: "Anselm", Type: storyline.EntityPlace, Mentions: []storyline.Mention{{Start: 20, End: 26}}}
	a := art("a", "2019-06-11", "Volkov: Anselm base under discussion", "Volkov said the Anselm naval base is being discussed.")
	a.Entities = []storyline.Entity{volkov, anselm}
	b := art("b", "2019-06-11", "Volkov says Anselm naval base is discussed", "Volkov said the base at Anselm is being discussed.")
	b.Entities = []storyline.Entity{volkov}
	if c.Add(a) != c.Add(b) {
		t.Fatal("two reports of one statement landed in different events")
	}
	evs := c.Events()
	if len(evs) != 1 || !slices.Equal(evs[0].Entities, []string{"per-volkov", "loc-anselm"}) {
		t.Errorf("event entities %+v, want Volkov first", evs)
	}
}

func TestArticleDayTrustsOnlyKnownDays(t *testing.T) {
	day := func(p storyline.Published) string {
		d := articleDay(&storyline.Article{Published: p})
		if d.IsZero() {
			return ""
		}
		return d.Format(time.DateOnly)
	}
	cases := []struct {
		p    storyline.Published
		want string
	}{
		{storyline.Published{Date: "2016-02-10"}, "2016-02-10"},
		{storyline.Published{Date: "2016-02-10", Earliest: "2016-02-10", Latest: "2016-02-10", Method: storyline.DateMetadata}, "2016-02-10"},
		// An unknown date's range runs from 1900: its earliest bound is no day.
		{storyline.Published{Earliest: "1900-01-01", Latest: "2026-12-01", Method: storyline.DateUnknown}, ""},
		{storyline.Published{Earliest: "2016-02-01", Latest: "2016-02-03"}, ""},
		{storyline.Published{Date: "2016-02-02", Earliest: "2016-02-01", Latest: "2016-02-03", Method: storyline.DateInferred}, "2016-02-02"},
		{storyline.Published{Date: "2016-02-02", Earliest: "2015-06-01", Latest: "2016-09-03", Method: storyline.DateInferred}, ""},
	}
	for _, c := range cases {
		if got := day(c.p); got != c.want {
			t.Errorf("articleDay(%+v) = %q, want %q", c.p, got, c.want)
		}
	}
}

func TestSharedQuoteJoinsReports(t *testing.T) {
	quoted := func(id, title, body, q string, kind string) *storyline.Article {
		a := art(id, "2016-03-02", title, body)
		a.Quotes = []storyline.Quote{{Kind: kind, Text: q}}
		return a
	}
	const said = "We will never accept a base on our soil, not now and not ever"
	for _, tc := range []struct {
		name, quote, kind string
		same              bool
	}{
		{"same quoted words", said, storyline.QuoteDirect, true},
		{"other words", "The budget talks resume in the autumn after the recess ends", storyline.QuoteDirect, false},
		// An indirect quote is the reporter's paraphrase: shared wording there
		// is no evidence of one statement.
		{"same words, indirect", said, storyline.QuoteIndirect, false},
	} {
		c := New(Options{quoteBonus: 1})
		a := c.Add(quoted("a", "Nassar rejects the lease", "The opposition leader spoke at a rally in the capital.", said, storyline.QuoteDirect))
		b := c.Add(quoted("b", "Opposition fury grows", "Crowds cheered the speech in the old town square.", tc.quote, tc.kind))
		if (a == b) != tc.same {
			t.Errorf("%s: same event %v, want %v", tc.name, a == b, tc.same)
		}
	}
	if n := sharedQuotes(quoteShingles(quoted("x", "", "", said, storyline.QuoteDirect)), quoteShingles(quoted("y", "", "", "he said: "+said, storyline.QuoteMixed))); n != 10 {
		t.Errorf("shared shingles %d, want the 10 of the 14 common words", n)
	}
}
