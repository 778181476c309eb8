// Package storetest is the conformance suite every storyline.Store passes:
// the embedded SQLite store and the PostgreSQL store run the very same
// tests, so they answer the same on the same corpus.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"reflect"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// Opener returns a fresh, empty store for one test.
type Opener func(t *testing.T) storyline.Store

// Run runs the whole suite against stores made by open.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, storyline.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"ReplaceKeepsOneCopy", testReplace},
		{"Search", testSearch},
		{"SearchHostileInput", testSearchHostile},
		{"Duplicates", testDuplicates},
		{"QuarantineAndSeen", testQuarantine},
		{"StatsCountEveryInputOnce", testStats},
		{"Quotes", testQuotes},
		{"QuotesBySpeakers", testQuotesBySpeakers},
		{"Entities", testEntities},
		{"EntityPagesCapArticles", testEntityArticleCap},
		{"Attention", testAttention},
		{"Headlines", testHeadlines},
		{"EntityDecisionsSurviveReingest", testDecisions},
		{"Timeline", testTimeline},
		{"Stories", testStories},
		{"StorylineDecisions", testStorylineDecisions},
		{"Shifts", testShifts},
		{"EachArticle", testEachArticle},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open(t)) })
	}
}

var ctx = context.Background()

func simhash(s string) uint64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(s))
	return h.Sum64()
}

// Article builds a realistic annotated article: a quote by the defence
// minister with a date, an entity with two forms and a role, a dated event.
func Article(id, outlet, day, body string) *storyline.Article {
	volkov := storyline.Entity{ID: "per-volkov", Name: "Dmitri Volkov", Type: storyline.EntityPerson,
		Aliases: []string{"Dmitri Volkov", "Volkov"}, Roles: []string{"Defence Minister"},
		Mentions: []storyline.Mention{{Start: 0, End: 13, Text: "Dmitri Volkov"}, {Start: 40, End: 46, Text: "Volkov"}}}
	port := storyline.Entity{ID: "plc-anselm", Name: "Port Anselm", Type: storyline.EntityPlace,
		Aliases: []string{"Port Anselm"}, Mentions: []storyline.Mention{{Start: 20, End: 31, Text: "Port Anselm"}}}
	return &storyline.Article{
		ID: id, Source: id + ".txt", Title: "Volkov on the base at Port Anselm (" + id + ")", Outlet: outlet, Body: body,
		Language: "en", BodyHash: "bh-" + body, SimHash: simhash(body),
		Published: storyline.Published{Date: day, Earliest: day, Latest: day, Method: storyline.DateMetadata, Evidence: "test"},
		Removed:   []storyline.Removed{{Text: "Subscribe", Reason: storyline.RemovedWidget}},
		Entities:  []storyline.Entity{volkov, port},
		Quotes: []storyline.Quote{{Kind: storyline.QuoteDirect, Text: "The base will stay permanently", Start: 50, End: 80,
			Speaker: storyline.Speaker{Entity: "per-volkov", Name: "Dmitri Volkov", Mention: "Volkov", Start: 40, End: 46},
			Cue:     "said", Medium: "Levant Wire Agency", Date: day}},
		Timexes: []storyline.Timex{{Text: "on Monday", Start: 81, End: 90, Value: day, Granularity: storyline.GranularityDay}},
		Events:  []storyline.DatedEvent{{Date: day, Granularity: storyline.GranularityDay, Text: "Volkov visited Port Anselm", Start: 0, End: 30}},
	}
}

func save(t *testing.T, st storyline.Store, as ...*storyline.Article) {
	t.Helper()
	for _, a := range as {
		if err := st.SaveArticle(ctx, a, []byte("raw:"+a.ID+":"+a.Body), "raw-"+a.ID); err != nil {
			t.Fatalf("saving %s: %v", a.ID, err)
		}
	}
}

const body1 = "Dmitri Volkov said on Monday at Port Anselm that the naval base will stay permanently, according to the agency."
const body2 = "Talks on the harbour lease resumed in the capital on Tuesday, officials said, without a word on the fleet."

func testRoundTrip(t *testing.T, st storyline.Store) {
	a := Article("a1", "Levant Wire", "2017-12-11", body1)
	save(t, st, a)
	got, err := st.Article(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Body != a.Body || got.Title != a.Title || got.Published != a.Published || len(got.Quotes) != 1 ||
		!reflect.DeepEqual(got.Quotes[0], a.Quotes[0]) || len(got.Entities) != 2 || len(got.Removed) != 1 || len(got.Events) != 1 {
		t.Fatalf("round trip changed the article:\n got %+v\nwant %+v", got, a)
	}
	raw, err := st.Raw(ctx, "a1")
	if err != nil || string(raw) != "raw:a1:"+body1 {
		t.Fatalf("raw input: %q, %v", raw, err)
	}
	if _, err := st.Article(ctx, "missing"); !errors.Is(err, storyline.ErrNotFound) {
		t.Errorf("missing article: %v, want ErrNotFound", err)
	}
	if _, err := st.Raw(ctx, "missing"); !errors.Is(err, storyline.ErrNotFound) {
		t.Errorf("missing raw: %v, want ErrNotFound", err)
	}
}

func testReplace(t *testing.T, st storyline.Store) {
	save(t, st, Article("a1", "Levant Wire", "2017-12-11", body1))
	again := Article("a1", "Levant Wire", "2017-12-11", body1+" Updated.")
	save(t, st, again)
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != 1 || s.Quotes != 1 {
		t.Fatalf("after re-saving one id: %+v", s)
	}
	res, _ := st.Search(ctx, storyline.SearchQuery{Text: "updated"})
	if res.Total != 1 {
		t.Fatalf("search does not see the replacement: %+v", res)
	}
}

func testSearch(t *testing.T, st storyline.Store) {
	save(t, st, Article("a1", "Levant Wire", "2017-12-11", body1), Article("a2", "Caspian Daily", "2019-06-11", body2))
	res, err := st.Search(ctx, storyline.SearchQuery{Text: "naval base"})
	if err != nil || res.Total != 1 || res.Results[0].ID != "a1" {
		t.Fatalf("search naval base: %+v, %v", res, err)
	}
	if res.Results[0].Outlet != "Levant Wire" || res.Results[0].Published != "2017-12-11" || res.Results[0].Snippet == "" {
		t.Errorf("hit lacks metadata or snippet: %+v", res.Results[0])
	}
	if res, _ := st.Search(ctx, storyline.SearchQuery{Text: `"harbour lease"`}); res.Total != 1 || res.Results[0].ID != "a2" {
		t.Errorf("phrase search: %+v", res)
	}
	if res, _ := st.Search(ctx, storyline.SearchQuery{Outlet: "caspian daily"}); res.Total != 1 || res.Results[0].ID != "a2" {
		t.Errorf("outlet filter (case-insensitive): %+v", res)
	}
	if res, _ := st.Search(ctx, storyline.SearchQuery{From: "2018-01-01"}); res.Total != 1 || res.Results[0].ID != "a2" {
		t.Errorf("from filter: %+v", res)
	}
	if res, _ := st.Search(ctx, storyline.SearchQuery{To: "2018-01-01"}); res.Total != 1 || res.Results[0].ID != "a1" {
		t.Errorf("to filter: %+v", res)
	}
	if res, _ := st.Search(ctx, storyline.SearchQuery{Speaker: "Volkov"}); res.Total != 2 {
		t.Errorf("speaker filter: %+v", res)
	}
	if res, _ := st.Search(ctx, storyline.SearchQuery{Entity: "plc-anselm"}); res.Total != 2 {
		t.Errorf("entity filter: %+v", res)
	}
	page, _ := st.Search(ctx, storyline.SearchQuery{Limit: 1, Offset: 1})
	if page.Total != 2 || len(page.Results) != 1 {
		t.Errorf("paging: %+v", page)
	}
}

func testSearchHostile(t *testing.T, st storyline.Store) {
	save(t, st, Article("a1", "Levant Wire", "2017-12-11", body1))
	for _, q := range []string{`"`, `*`, `NEAR(`, `base NEAR/2 stay`, `'; DROP TABLE articles; --`, `a & | ! ( )`,
		`title:base`, `-base`, `^`, "\x00", `%_\`, `""""`} {
		if _, err := st.Search(ctx, storyline.SearchQuery{Text: q, Outlet: q, Speaker: q, Entity: q}); err != nil {
			t.Errorf("search %q: %v", q, err)
		}
		if _, _, err := st.Quotes(ctx, storyline.QuoteFilter{Speaker: q, Query: q}); err != nil {
			t.Errorf("quotes %q: %v", q, err)
		}
	}
	if s, _ := st.Stats(ctx); s.Articles != 1 {
		t.Fatalf("hostile search changed the store: %+v", s)
	}
}

func testDuplicates(t *testing.T, st storyline.Store) {
	orig := Article("orig", "Levant Wire", "2017-12-11", body1)
	save(t, st, orig)
	if id, exact, err := st.FindDuplicate(ctx, orig.BodyHash, 0, 3); err != nil || id != "orig" || !exact {
		t.Fatalf("exact duplicate: %q %v %v", id, exact, err)
	}
	if id, exact, err := st.FindDuplicate(ctx, "other", orig.SimHash^0b1010_0000_0000_0001, 7); err != nil || id != "orig" || exact {
		t.Fatalf("near duplicate (3 bits): %q %v %v", id, exact, err)
	}
	if id, _, err := st.FindDuplicate(ctx, "other", orig.SimHash^0xFFFF_0000_FFFF_0000, 7); err != nil || id != "" {
		t.Fatalf("distant body taken as duplicate: %q %v", id, err)
	}
	dup := Article("copy", "Caspian Daily", "2017-12-12", body1)
	dup.DuplicateOf = "orig"
	save(t, st, dup)
	got, err := st.Article(ctx, "copy")
	if err != nil || got.DuplicateOf != "orig" {
		t.Fatalf("duplicate stored as %+v, %v", got, err)
	}
	if res, _ := st.Search(ctx, storyline.SearchQuery{Text: "naval"}); res.Total != 1 || res.Results[0].ID != "orig" {
		t.Errorf("duplicate shows in search: %+v", res)
	}
	if qs, total, _ := st.Quotes(ctx, storyline.QuoteFilter{}); total != 1 || qs[0].Article != "orig" {
		t.Errorf("duplicate's quotes counted: %d", total)
	}
	if id, _, _ := st.FindDuplicate(ctx, dup.BodyHash, dup.SimHash, 3); id != "orig" {
		t.Errorf("a duplicate became an original for later copies: %q", id)
	}
}

func testQuarantine(t *testing.T, st storyline.Store) {
	q := storyline.Quarantined{Source: "bad.bin", Reason: "binary", Detail: "bad.bin: binary: NUL bytes", Raw: []byte{0, 1, 2}, Hash: "hq"}
	if err := st.Quarantine(ctx, q); err != nil {
		t.Fatal(err)
	}
	if err := st.Quarantine(ctx, q); err != nil { // the same input again
		t.Fatal(err)
	}
	qs, total, err := st.Quarantined(ctx, 10, 0)
	if err != nil || total != 1 || qs[0].Source != "bad.bin" || qs[0].Reason != "binary" || qs[0].Detail == "" {
		t.Fatalf("quarantine list: %+v %d %v", qs, total, err)
	}
	save(t, st, Article("a1", "Levant Wire", "2017-12-11", body1))
	for hash, want := range map[string]bool{"hq": true, "raw-a1": true, "never": false} {
		if seen, err := st.Seen(ctx, hash); err != nil || seen != want {
			t.Errorf("Seen(%s) = %v, %v; want %v", hash, seen, err, want)
		}
	}
}

func testStats(t *testing.T, st storyline.Store) {
	a := Article("a1", "Levant Wire", "2017-12-11", body1)
	b := Article("a2", "Caspian Daily", "2019-06-11", body2)
	c := Article("a3", "Caspian Daily", "2017-12-12", body1)
	c.DuplicateOf = "a1"
	save(t, st, a, b, c)
	for i, reason := range []string{"binary", "empty", "binary"} {
		if err := st.Quarantine(ctx, storyline.Quarantined{Source: fmt.Sprint(i), Reason: reason, Detail: reason, Hash: fmt.Sprint("h", i)}); err != nil {
			t.Fatal(err)
		}
	}
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != 2 || s.Duplicates != 1 || s.Quarantined != 3 || s.Quotes != 2 || s.Entities != 2 ||
		s.ByReason["binary"] != 2 || s.ByReason["empty"] != 1 {
		t.Fatalf("stats = %+v", s)
	}
}

func testQuotes(t *testing.T, st storyline.Store) {
	a := Article("a1", "Levant Wire", "2017-12-11", body1)
	b := Article("a2", "Caspian Daily", "2019-06-11", body2)
	b.Quotes[0].Text, b.Quotes[0].Date = "Withdrawal will be discussed", ""
	save(t, st, b, a)
	qs, total, err := st.Quotes(ctx, storyline.QuoteFilter{Speaker: "volkov"})
	if err != nil || total != 2 || qs[0].Article != "a1" || qs[1].Article != "a2" {
		t.Fatalf("quotes by surname, in date order: %+v %d %v", qs, total, err)
	}
	if qs[1].Published != "2019-06-11" || qs[1].Outlet != "Caspian Daily" {
		t.Errorf("quote record lacks article metadata: %+v", qs[1])
	}
	for _, sp := range []string{"per-volkov", "Dmitri Volkov", "DMITRI VOLKOV"} {
		if _, n, _ := st.Quotes(ctx, storyline.QuoteFilter{Speaker: sp}); n != 2 {
			t.Errorf("speaker %q found %d quotes", sp, n)
		}
	}
	if _, n, _ := st.Quotes(ctx, storyline.QuoteFilter{Speaker: "Nobody Else"}); n != 0 {
		t.Errorf("unknown speaker found %d quotes", n)
	}
	if qs, n, _ := st.Quotes(ctx, storyline.QuoteFilter{Query: "withdrawal"}); n != 1 || qs[0].Article != "a2" {
		t.Errorf("query filter: %d", n)
	}
	// a2's quote has no date of its own: its article's date counts.
	if qs, n, _ := st.Quotes(ctx, storyline.QuoteFilter{From: "2018-01-01"}); n != 1 || qs[0].Article != "a2" {
		t.Errorf("from filter: %d", n)
	}
	if _, n, _ := st.Quotes(ctx, storyline.QuoteFilter{To: "2018-01-01", Article: "a1"}); n != 1 {
		t.Errorf("to + article filter: %d", n)
	}
	if qs, n, _ := st.Quotes(ctx, storyline.QuoteFilter{Limit: 1, Offset: 1}); n != 2 || len(qs) != 1 || qs[0].Article != "a2" {
		t.Errorf("paging: %d %+v", n, qs)
	}
}

// testQuotesBySpeakers: the speakers of some articles, and the quotes of
// many speakers at once, by entity or, unresolved, by the name written.
func testQuotesBySpeakers(t *testing.T, st storyline.Store) {
	a := Article("a1", "Levant Wire", "2017-12-11", body1)
	b := Article("a2", "Caspian Daily", "2019-06-11", body2)
	b.Quotes = append(b.Quotes, storyline.Quote{Kind: storyline.QuoteIndirect, Text: "the port would reopen", Start: 0, End: 10,
		Speaker: storyline.Speaker{Name: "A Port Official"}})
	save(t, st, b, a)
	speakers, err := st.QuotedSpeakers(ctx, []string{"a2", "a9"})
	if err != nil || len(speakers) != 2 {
		t.Fatalf("speakers of a2: %+v %v", speakers, err)
	}
	qs, err := st.QuotesBySpeakers(ctx, []string{"per-volkov", "per-nobody"}, []string{"a port official"})
	if err != nil || len(qs) != 3 || qs[0].Article != "a1" || qs[2].Quote.Speaker.Name != "A Port Official" && qs[1].Quote.Speaker.Name != "A Port Official" {
		t.Fatalf("quotes of Volkov and the official, in date order: %+v %v", qs, err)
	}
	if qs[0].Outlet != "Levant Wire" || qs[0].Published != "2017-12-11" {
		t.Errorf("quote record lacks article metadata: %+v", qs[0])
	}
	if qs, err := st.QuotesBySpeakers(ctx, nil, []string{"dmitri volkov"}); err != nil || len(qs) != 0 {
		t.Errorf("a resolved speaker's quotes read by name: %+v %v", qs, err)
	}
}

func testEntities(t *testing.T, st storyline.Store) {
	a := Article("a1", "Levant Wire", "2017-12-11", body1)
	b := Article("a2", "Caspian Daily", "2019-06-11", body2)
	b.Entities[0].Roles = []string{"Russian Defence Minister"}
	save(t, st, a, b)
	es, total, err := st.Entities(ctx, storyline.EntityFilter{Type: storyline.EntityPerson})
	if err != nil || total != 1 {
		t.Fatalf("people: %+v %d %v", es, total, err)
	}
	e := es[0]
	if e.ID != "per-volkov" || e.Name != "Dmitri Volkov" || len(e.Articles) != 2 || len(e.Roles) != 2 || !contains(e.Aliases, "Volkov") {
		t.Fatalf("merged entity: %+v", e)
	}
	if _, n, _ := st.Entities(ctx, storyline.EntityFilter{Query: "anselm"}); n != 1 {
		t.Errorf("query filter: %d", n)
	}
	got, err := st.Entity(ctx, "plc-anselm")
	if err != nil || got.Name != "Port Anselm" || got.Type != storyline.EntityPlace {
		t.Errorf("entity by id: %+v %v", got, err)
	}
	if _, err := st.Entity(ctx, "nobody"); !errors.Is(err, storyline.ErrNotFound) {
		t.Errorf("missing entity: %v", err)
	}
}

func testEntityArticleCap(t *testing.T, st storyline.Store) {
	save(t, st, Article("a1", "Levant Wire", "2017-12-11", body1), Article("a2", "Caspian Daily", "2019-06-11", body2),
		Article("a3", "Levant Wire", "2019-06-12", body1+" Again."))
	es, total, err := st.Entities(ctx, storyline.EntityFilter{Type: storyline.EntityPerson, MaxArticles: 2})
	if err != nil || total != 1 || len(es) != 1 {
		t.Fatalf("people: %+v %d %v", es, total, err)
	}
	if got := es[0].Articles; len(got) != 2 || got[0] != "a1" || got[1] != "a2" || es[0].ArticleCount != 3 {
		t.Errorf("capped articles: %v of %d, want [a1 a2] of 3", got, es[0].ArticleCount)
	}
	if e, err := st.Entity(ctx, "per-volkov"); err != nil || len(e.Articles) != 3 || e.ArticleCount != 3 {
		t.Errorf("entity page lists every article: %+v %v", e, err)
	}
	if es, n, _ := st.Entities(ctx, storyline.EntityFilter{ID: "plc-anselm"}); n != 1 || es[0].ID != "plc-anselm" {
		t.Errorf("by id: %d %+v", n, es)
	}
	merge := storyline.Decision{Kind: storyline.DecisionMergeEntities, Subject: "plc-anselm", Object: "per-volkov", Created: time.Now()}
	if err := st.SaveDecision(ctx, merge); err != nil {
		t.Fatal(err)
	}
	if es, n, _ := st.Entities(ctx, storyline.EntityFilter{ID: "plc-anselm", MaxArticles: 1}); n != 1 || es[0].ID != "per-volkov" || len(es[0].Articles) != 1 {
		t.Errorf("by merged-away id: %d %+v", n, es)
	}
	if _, n, _ := st.Entities(ctx, storyline.EntityFilter{ID: "nobody"}); n != 0 {
		t.Errorf("unknown id found %d", n)
	}
}

func testAttention(t *testing.T, st storyline.Store) {
	a := Article("a1", "Levant Wire", "2017-12-11", body1) // a Monday
	b := Article("a2", "Caspian Daily", "2017-12-17", body2)
	b.Quotes[0].Date = "" // the article's day counts
	c := Article("a3", "Levant Wire", "2017-12-18", body1+" Again.")
	c.Quotes[0].Speaker.Entity = "per-other"
	c.Entities = c.Entities[1:]
	save(t, st, a, b, c)
	all, err := st.Attention(ctx, "")
	want := []storyline.WeekCount{{Week: "2017-12-11", Articles: 2, Quotes: 2}, {Week: "2017-12-18", Articles: 1, Quotes: 1}}
	if err != nil || !reflect.DeepEqual(all, want) {
		t.Errorf("corpus attention: %+v %v, want %+v", all, err, want)
	}
	volkov, err := st.Attention(ctx, "per-volkov")
	want = []storyline.WeekCount{{Week: "2017-12-11", Articles: 2, Quotes: 2}}
	if err != nil || !reflect.DeepEqual(volkov, want) {
		t.Errorf("attention to Volkov: %+v %v, want %+v", volkov, err, want)
	}
	if _, err := st.Attention(ctx, "nobody"); !errors.Is(err, storyline.ErrNotFound) {
		t.Errorf("attention to an unknown entity: %v", err)
	}
}

func testHeadlines(t *testing.T, st storyline.Store) {
	save(t, st, Article("a1", "Levant Wire", "2017-12-11", body1), Article("a2", "Caspian Daily", "2019-06-11", body2))
	hs, err := st.Headlines(ctx, []string{"a2", "missing", "a1"})
	if err != nil || len(hs) != 2 || hs[0].ID != "a2" || hs[1].ID != "a1" {
		t.Fatalf("headlines: %+v %v", hs, err)
	}
	if hs[0].Outlet != "Caspian Daily" || hs[0].Published != "2019-06-11" || hs[0].Title == "" {
		t.Errorf("headline lacks metadata: %+v", hs[0])
	}
}

func testDecisions(t *testing.T, st storyline.Store) {
	a := Article("a1", "Levant Wire", "2017-12-11", body1)
	b := Article("a2", "Caspian Daily", "2019-06-11", body2)
	b.Entities[0].ID, b.Entities[0].Name = "per-volkov-2", "Dmitry Volkov"
	b.Quotes[0].Speaker.Entity, b.Quotes[0].Speaker.Name = "per-volkov-2", "Dmitry Volkov"
	save(t, st, a, b)
	merge := storyline.Decision{Kind: storyline.DecisionMergeEntities, Subject: "per-volkov-2", Object: "per-volkov", Created: time.Now()}
	if err := st.SaveDecision(ctx, merge); err != nil {
		t.Fatal(err)
	}
	save(t, st, b) // re-ingest must not undo the decision
	e, err := st.Entity(ctx, "per-volkov-2")
	if err != nil || e.ID != "per-volkov" || len(e.Articles) != 2 || !contains(e.Aliases, "Dmitry Volkov") {
		t.Fatalf("merged entity after re-ingest: %+v %v", e, err)
	}
	if _, n, _ := st.Quotes(ctx, storyline.QuoteFilter{Speaker: "per-volkov"}); n != 2 {
		t.Errorf("merged speaker answers for %d quotes, want 2", n)
	}
	split := storyline.Decision{Kind: storyline.DecisionSplitEntity, Subject: "per-volkov", Object: "Volkov", Created: time.Now()}
	if err := st.SaveDecision(ctx, split); err != nil {
		t.Fatal(err)
	}
	e, _ = st.Entity(ctx, "per-volkov")
	if contains(e.Aliases, "Volkov") {
		t.Errorf("split alias still on the entity: %+v", e.Aliases)
	}
	if _, err := st.Entity(ctx, storyline.SplitID("per-volkov", "Volkov")); err != nil {
		t.Errorf("split-off entity: %v", err)
	}
	ds, err := st.Decisions(ctx)
	if err != nil || len(ds) != 2 || ds[0].Kind != storyline.DecisionMergeEntities {
		t.Errorf("decisions: %+v %v", ds, err)
	}
}

func testTimeline(t *testing.T, st storyline.Store) {
	a := Article("a1", "Levant Wire", "2017-12-11", body1)
	b := Article("a2", "Caspian Daily", "2015-09-30", body2)
	b.Events[0].Text = "Talks on the harbour lease began"
	save(t, st, a, b)
	all, total, err := st.Timeline(ctx, storyline.TimelineFilter{})
	if err != nil || total != 4 || all[0].Date != "2015-09-30" {
		t.Fatalf("timeline: %+v %d %v", all, total, err)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Date < all[i-1].Date {
			t.Errorf("timeline out of order at %d: %+v", i, all)
		}
	}
	ent, n, err := st.Timeline(ctx, storyline.TimelineFilter{Entity: "Volkov"})
	if err != nil || n != 3 {
		t.Fatalf("timeline for Volkov: %+v %d %v", ent, n, err)
	}
	if _, n, _ := st.Timeline(ctx, storyline.TimelineFilter{Query: "harbour lease"}); n != 1 {
		t.Errorf("timeline query: %d", n)
	}
	if _, n, _ := st.Timeline(ctx, storyline.TimelineFilter{From: "2016-01-01"}); n != 2 {
		t.Errorf("timeline from: %d", n)
	}
}

func testStories(t *testing.T, st storyline.Store) {
	save(t, st, Article("a1", "Levant Wire", "2017-12-11", body1), Article("a2", "Caspian Daily", "2019-06-11", body2))
	if err := st.SaveStorylines(ctx, []storyline.Storyline{{ID: "st-1", Title: "The base at Port Anselm", Entities: []string{"plc-anselm"}}}); err != nil {
		t.Fatal(err)
	}
	events := []storyline.Event{
		{ID: "ev-1", Date: "2017-12-11", Title: "Volkov: base stays", Articles: []string{"a1"}, Storyline: "st-1"},
		{ID: "ev-2", Date: "2019-06-11", Title: "Lease talks", Articles: []string{"a2"}, Storyline: "st-1"},
	}
	if err := st.SaveEvents(ctx, events); err != nil {
		t.Fatal(err)
	}
	events[1].Articles = append(events[1].Articles, "a3")
	if err := st.SaveEvents(ctx, events[1:]); err != nil { // an event grows
		t.Fatal(err)
	}
	ss, total, err := st.Storylines(ctx, 0, 0)
	if err != nil || total != 1 || len(ss[0].Events) != 2 || len(ss[0].Articles) != 3 || ss[0].Title != "The base at Port Anselm" {
		t.Fatalf("storylines: %+v %d %v", ss, total, err)
	}
	if ss[0].Events[0].ID != "ev-1" {
		t.Errorf("events not in date order: %+v", ss[0].Events)
	}
	one, err := st.Storyline(ctx, "st-1")
	if err != nil || one.ID != "st-1" {
		t.Fatalf("storyline: %+v %v", one, err)
	}
	if _, err := st.Storyline(ctx, "st-none"); !errors.Is(err, storyline.ErrNotFound) {
		t.Errorf("missing storyline: %v", err)
	}
	if s, _ := st.Stats(ctx); s.Events != 2 || s.Storylines != 1 {
		t.Errorf("stats: %+v", s)
	}
}

func testStorylineDecisions(t *testing.T, st storyline.Store) {
	_ = st.SaveStorylines(ctx, []storyline.Storyline{{ID: "st-a", Title: "A"}, {ID: "st-b", Title: "B"}})
	_ = st.SaveEvents(ctx, []storyline.Event{
		{ID: "ev-1", Date: "2017-01-01", Title: "one", Articles: []string{"x"}, Storyline: "st-a"},
		{ID: "ev-2", Date: "2017-02-01", Title: "two", Articles: []string{"y"}, Storyline: "st-a"},
		{ID: "ev-3", Date: "2017-03-01", Title: "three", Articles: []string{"z"}, Storyline: "st-b"}})
	_ = st.SaveDecision(ctx, storyline.Decision{Kind: storyline.DecisionMergeStorylines, Subject: "st-b", Object: "st-a", Created: time.Now()})
	_ = st.SaveDecision(ctx, storyline.Decision{Kind: storyline.DecisionSplitStoryline, Subject: "st-a", Object: "ev-1", Created: time.Now()})
	ss, total, err := st.Storylines(ctx, 0, 0)
	if err != nil || total != 2 {
		t.Fatalf("after merge and split: %+v %d %v", ss, total, err)
	}
	a, err := st.Storyline(ctx, "st-a")
	if err != nil || len(a.Events) != 2 || a.Events[0].ID != "ev-2" || a.Events[1].ID != "ev-3" {
		t.Fatalf("merged storyline: %+v %v", a, err)
	}
}

func testShifts(t *testing.T, st storyline.Store) {
	save(t, st, Article("a1", "Levant Wire", "2017-12-11", body1))
	sh := storyline.Shift{Speaker: "Dmitri Volkov", SpeakerID: "per-volkov", Topic: "base", Summary: "reversal",
		Confidence: 0.9, Why: "direction flipped",
		From: storyline.StatementRef{Quote: storyline.Quote{Text: "stay", Date: "2016-01-01"}, Article: "a1"},
		To:   storyline.StatementRef{Quote: storyline.Quote{Text: "go", Date: "2019-01-01"}, Article: "a1"}}
	if err := st.ReplaceShifts(ctx, []storyline.Shift{sh, sh}); err != nil {
		t.Fatal(err)
	}
	if err := st.ReplaceShifts(ctx, []storyline.Shift{sh}); err != nil {
		t.Fatal(err)
	}
	for _, who := range []string{"", "Volkov", "per-volkov"} {
		got, err := st.Shifts(ctx, who)
		if err != nil || len(got) != 1 || got[0].From.Text != "stay" || got[0].Confidence != 0.9 {
			t.Errorf("shifts(%q): %+v %v", who, got, err)
		}
	}
	if got, _ := st.Shifts(ctx, "Someone Else"); len(got) != 0 {
		t.Errorf("shifts of someone else: %+v", got)
	}
}

func testEachArticle(t *testing.T, st storyline.Store) {
	var want []string
	for i := range 1203 {
		a := Article(fmt.Sprintf("a%04d", i), "Levant Wire", "2017-12-11", fmt.Sprintf("%s %d", body1, i))
		if i%100 == 7 {
			a.DuplicateOf = "a0000"
		} else {
			want = append(want, a.ID)
		}
		if err := st.SaveArticle(ctx, a, nil, "r"+a.ID); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	if err := st.EachArticle(ctx, func(a *storyline.Article) error { got = append(got, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("EachArticle gave %d articles, want the %d originals in ingest order", len(got), len(want))
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
