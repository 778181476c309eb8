package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// randomCorpus builds articles naming a few entities in varied forms,
// names and roles, with quotes by some of them, over a few months.
func randomCorpus(r *rand.Rand, n int) []*storyline.Article {
	type person struct{ id, typ string }
	people := []person{{"per-volkov", "person"}, {"per-lavrov", "person"}, {"org-duma", "organization"},
		{"plc-anselm", "place"}, {"per-ivanova", "person"}, {"per-zoe", "person"}}
	forms := []string{"Volkov", "Dmitri Volkov", "the minister", "Лавров", "Zoë", "Anselm"}
	roles := []string{"Defence Minister", "spokesman", "Foreign Minister", ""}
	sayings := []string{"The base stays", "No talks on the lease", "The fleet leaves the base", "Talks resume"}
	var out []*storyline.Article
	for i := range n {
		day := time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(200)).Format("2006-01-02")
		if r.IntN(10) == 0 {
			day = "" // undated articles count nowhere in the weeks
		}
		a := &storyline.Article{ID: fmt.Sprintf("a%d", i), Source: "test", Title: "t", Outlet: "o", Body: "body",
			BodyHash: fmt.Sprint("h", i), Published: storyline.Published{Date: day}}
		for _, p := range people {
			if r.IntN(3) == 0 {
				continue
			}
			e := storyline.Entity{ID: p.id, Type: p.typ, Name: forms[r.IntN(len(forms))]}
			for range r.IntN(4) {
				f := forms[r.IntN(len(forms))]
				e.Mentions = append(e.Mentions, storyline.Mention{Text: f})
			}
			if r.IntN(2) == 0 {
				e.Aliases = []string{forms[r.IntN(len(forms))]}
			}
			if role := roles[r.IntN(len(roles))]; role != "" {
				e.Roles = []string{role, role} // a repeated role counts once
			}
			a.Entities = append(a.Entities, e)
			if r.IntN(2) == 0 {
				said := ""
				if r.IntN(2) == 0 {
					said = time.Date(2016, 6, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(400)).Format("2006-01-02")
				}
				a.Quotes = append(a.Quotes, storyline.Quote{Kind: "direct", Text: sayings[r.IntN(len(sayings))], Date: said,
					Speaker: storyline.Speaker{Entity: p.id, Name: e.Name}})
			}
		}
		for e := range r.IntN(3) {
			a.Events = append(a.Events, storyline.DatedEvent{Date: day[:min(len(day), 7)], Granularity: "month",
				Text: "Talks with " + forms[r.IntN(len(forms))] + " began", Start: e, End: e + 1})
		}
		out = append(out, a)
	}
	return out
}

// reference aggregates the stored rows the slow, obvious way.
func reference(t *testing.T, db *DB) []storyline.EntityRecord {
	t.Helper()
	ctx := context.Background()
	ds, err := db.Decisions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	forms, err := db.forms(ctx, "1 = 1")
	if err != nil {
		t.Fatal(err)
	}
	return corpus.Entities(forms, ds)
}

func weekOf(day string) string {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		return ""
	}
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7)).Format("2006-01-02")
}

// checkViews compares what the materialised views answer with the
// reference, for every listing filter, the stats and the attention.
func checkViews(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	ref := reference(t, db)
	ds, _ := db.Decisions(ctx)
	filters := []storyline.EntityFilter{{Limit: 1000}, {Type: "person", Limit: 2, Offset: 1}, {Query: "volk", Limit: 1000},
		{Query: "лавров", Limit: 1000}, {Query: "ZOË", Limit: 1000}, {ID: "per-lavrov", MaxArticles: 3, Limit: 5},
		{Limit: 3, Offset: 2, MaxArticles: 1}, {Type: "place", Limit: 1000}}
	for _, f := range filters {
		got, total, err := db.Entities(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		want, wantTotal := corpus.SelectEntities(ref, ds, f)
		if total != wantTotal || !reflect.DeepEqual(got, want) {
			t.Errorf("entities %+v:\n got %d %+v\nwant %d %+v", f, total, got, wantTotal, want)
		}
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want storyline.Stats
	if err := db.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles WHERE duplicate_of IS NULL),
		(SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL), (SELECT count(*) FROM quotes),
		(SELECT count(DISTINCT entity_id) FROM entity_forms)`).Scan(&want.Articles, &want.Duplicates, &want.Quotes, &want.Entities); err != nil {
		t.Fatal(err)
	}
	if st.Articles != want.Articles || st.Duplicates != want.Duplicates || st.Quotes != want.Quotes || st.Entities != want.Entities {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	checkQuoteSearch(t, db)
	for _, e := range ref {
		checkTimeline(t, db, e.ID)
	}
	checkAttention(t, db, "", ref)
	for _, e := range ref {
		checkAttention(t, db, e.ID, ref)
	}
}

// checkTimeline compares an entity's timeline with finding its clauses
// and quotes by reading all of them, as Timeline did before 0007.
func checkTimeline(t *testing.T, db *DB, entity string) {
	t.Helper()
	ctx := context.Background()
	ids, err := db.entityIDs(ctx, entity)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT date, kind, article, s FROM (
		SELECT e.date AS date, 'event' AS kind, e.article_id AS article, e.start_off AS s, a.seq AS seq, e.idx AS idx
		FROM dated_events e JOIN articles a ON a.id = e.article_id WHERE EXISTS (SELECT 1 FROM entity_forms ef
			WHERE ef.article_id = e.article_id AND ef.entity_id IN (SELECT value FROM json_each(?1)) AND instr(lower(e.text), lower(ef.form)) > 0)
		UNION ALL
		SELECT q.said, 'quote', q.article_id, q.start_off, a.seq, q.idx FROM quotes q JOIN articles a ON a.id = q.article_id
		WHERE q.said <> '' AND (q.speaker_entity IN (SELECT value FROM json_each(?1)) OR EXISTS (SELECT 1 FROM entity_forms ef
			WHERE ef.article_id = q.article_id AND ef.entity_id IN (SELECT value FROM json_each(?1)) AND instr(lower(q.text), lower(ef.form)) > 0)))
		ORDER BY date, seq, kind, idx`, jsonList(ids))
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var want []string
	for rows.Next() {
		var date, kind, article string
		var start int
		if err := rows.Scan(&date, &kind, &article, &start); err != nil {
			t.Fatal(err)
		}
		want = append(want, fmt.Sprint(date, kind, article, start))
	}
	got, total, err := db.Timeline(ctx, storyline.TimelineFilter{Entity: entity, Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	var gotKeys []string
	for _, e := range got {
		gotKeys = append(gotKeys, fmt.Sprint(e.Date, e.Kind, e.Article, e.Start))
	}
	if total != len(want) || !reflect.DeepEqual(gotKeys, want) {
		t.Errorf("timeline of %s: %d entries\n got %v\nwant %v", entity, total, gotKeys, want)
	}
}

// checkQuoteSearch compares the quote index with reading every quote.
func checkQuoteSearch(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	all, _, err := db.Quotes(ctx, storyline.QuoteFilter{Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, word := range []string{"base", "talks", "fleet"} {
		want := 0
		for _, q := range all {
			if strings.Contains(strings.ToLower(q.Text), word) {
				want++
			}
		}
		got, n, err := db.Quotes(ctx, storyline.QuoteFilter{Query: word, Limit: 1 << 20})
		if err != nil || n != want || len(got) != want {
			t.Errorf("quotes saying %q: %d (%d listed), want %d: %v", word, n, len(got), want, err)
		}
	}
}

func checkAttention(t *testing.T, db *DB, entity string, ref []storyline.EntityRecord) {
	t.Helper()
	ctx := context.Background()
	weeks := map[string]*storyline.WeekCount{}
	count := func(day string, articles, quotes int) {
		w := weekOf(day)
		if w == "" {
			return
		}
		if weeks[w] == nil {
			weeks[w] = &storyline.WeekCount{Week: w}
		}
		weeks[w].Articles += articles
		weeks[w].Quotes += quotes
	}
	mentions := map[string]bool{}
	for _, e := range ref {
		if e.ID == entity {
			for _, id := range e.Articles {
				mentions[id] = true
			}
		}
	}
	err := db.EachArticle(ctx, func(a *storyline.Article) error {
		if entity == "" || mentions[a.ID] {
			count(a.Published.Date, 1, 0)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	qs, _, err := db.Quotes(ctx, storyline.QuoteFilter{Speaker: entity, Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		count(cmpOr(q.Date, q.Published), 0, 1)
	}
	want := []storyline.WeekCount{}
	for _, w := range weeks {
		want = append(want, *w)
	}
	sort.Slice(want, func(i, j int) bool { return want[i].Week < want[j].Week })
	got, err := db.Attention(ctx, entity)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		got = []storyline.WeekCount{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("attention to %q:\n got %+v\nwant %+v", entity, got, want)
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// TestViewsFollowEveryWrite stores, replaces and re-stores articles and
// records decisions, checking the materialised views against the rows
// they summarise after each step.
func TestViewsFollowEveryWrite(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	r := rand.New(rand.NewPCG(1, 2))
	arts := randomCorpus(r, 60)
	for _, a := range arts {
		if err := db.SaveArticle(ctx, a, nil, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	checkViews(t, db)
	// Replace a third of them with other findings, and make one a duplicate.
	for i, a := range randomCorpus(r, 20) {
		a.ID = arts[i*3].ID
		if i == 7 {
			a.DuplicateOf = arts[1].ID
		}
		if err := db.SaveArticle(ctx, a, nil, a.ID+"-again"); err != nil {
			t.Fatal(err)
		}
	}
	checkViews(t, db)
	for _, d := range []storyline.Decision{
		{Kind: storyline.DecisionMergeEntities, Subject: "per-zoe", Object: "per-ivanova"},
		{Kind: storyline.DecisionSplitEntity, Subject: "per-volkov", Object: "the minister"},
	} {
		if err := db.SaveDecision(ctx, d); err != nil {
			t.Fatal(err)
		}
		checkViews(t, db)
	}
}

// TestViewsBackfill opens a corpus stored before the views existed: the
// migration must build them as the triggers would have.
func TestViewsBackfill(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := openUpTo(ctx, path, "0002_quote_day")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range randomCorpus(rand.New(rand.NewPCG(3, 4)), 50) {
		if err := old.SaveArticle(ctx, a, nil, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkViews(t, db)
}

// TestCachedAnswersFollowWrites: a search answered from the cache must
// see an article stored since, even by another process's handle.
func TestCachedAnswersFollowWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	server, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	ingester, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ingester.Close()
	q := storyline.SearchQuery{Text: "harbour"}
	for i := range 3 {
		res, err := server.Search(ctx, q)
		if err != nil || res.Total != i {
			t.Fatalf("search after %d articles: %+v %v", i, res, err)
		}
		if again, _ := server.Search(ctx, q); !reflect.DeepEqual(again, res) {
			t.Fatalf("the same search answered differently: %+v, then %+v", res, again)
		}
		a := &storyline.Article{ID: fmt.Sprint("h", i), Source: "t", Body: fmt.Sprint("The harbour lease, part ", i), BodyHash: fmt.Sprint(i)}
		if err := ingester.SaveArticle(ctx, a, nil, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	if err := ingester.SaveDecision(ctx, storyline.Decision{Kind: storyline.DecisionMergeStorylines, Subject: "s1", Object: "s2"}); err != nil {
		t.Fatal(err)
	}
	if _, total, err := server.Storylines(ctx, 10, 0); err != nil || total != 0 {
		t.Fatalf("storylines: %d %v", total, err)
	}
	if err := ingester.SaveEvents(ctx, []storyline.Event{{ID: "e1", Date: "2017-12-11", Title: "Talks", Storyline: "s1", Articles: []string{"h0"}}}); err != nil {
		t.Fatal(err)
	}
	if ss, total, err := server.Storylines(ctx, 10, 0); err != nil || total != 1 || ss[0].ID != "s2" {
		t.Fatalf("storylines after an event was stored elsewhere: %+v %d %v", ss, total, err)
	}
}

// TestConcurrentMissesComputeOnce: fifty readers missing the same answer
// at once wait for one computation of it.
func TestConcurrentMissesComputeOnce(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	var mu sync.Mutex
	runs := 0
	compute := func() (int, error) {
		mu.Lock()
		runs++
		mu.Unlock()
		time.Sleep(50 * time.Millisecond)
		return 42, nil
	}
	var wg sync.WaitGroup
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v, err := cached(ctx, db, "answer", compute); err != nil || v != 42 {
				t.Errorf("got %d, %v", v, err)
			}
		}()
	}
	wg.Wait()
	if runs != 1 {
		t.Errorf("computed %d times, want once", runs)
	}
	if v, _ := cached(ctx, db, "answer", compute); v != 42 || runs != 1 {
		t.Errorf("a kept answer was computed again (%d runs)", runs)
	}
}
