package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

// lastTriggerMigration is the last version whose triggers kept the views.
const lastTriggerMigration = "0007_timeline_links"

// variedCorpus is randomCorpus with what it lacks: quotes and clauses
// naming entities in any case, unresolved speakers, an id given twice in
// one article with another type, empty and upper-case forms, and names
// no pipeline would write if odd (quote marks, backslashes, control
// characters, NUL, bytes that are not UTF-8), which only the views'
// tables must hold as the rows do (the readers decode ids from JSON).
func variedCorpus(r *rand.Rand, n int, odd bool) []*storyline.Article {
	arts := randomCorpus(r, n)
	words := []string{"Volkov", "VOLKOV", "the Minister", "Лавров", "лавров", "Zoë", "anselm", "nobody"}
	oddNames := []string{"O\"Brien \\ said", "tab\tand\nnew line", "caf\xe9 latin-1", "\xff\xfe", "emoji 🙂", "bell\a", "nul\x00byte"}
	for _, a := range arts {
		if odd && r.IntN(5) == 0 {
			pick := func() string { return oddNames[r.IntN(len(oddNames))] }
			name := pick()
			a.Entities = append(a.Entities, storyline.Entity{ID: "per-" + pick(), Type: "person", Name: name,
				Roles: []string{pick(), name}, Mentions: []storyline.Mention{{Text: pick()}, {Text: name}}})
			a.Quotes = append(a.Quotes, storyline.Quote{Kind: "direct", Text: "The base, " + name, Date: "2017-03-0" + fmt.Sprint(1+r.IntN(9)),
				Speaker: storyline.Speaker{Entity: "per-" + name, Name: name}})
		}
		for i := range a.Quotes {
			if r.IntN(2) == 0 {
				a.Quotes[i].Text += " said " + words[r.IntN(len(words))]
			}
			if r.IntN(5) == 0 {
				a.Quotes[i].Speaker.Entity = ""
			}
		}
		for i := range a.Events {
			a.Events[i].Text += " with " + words[r.IntN(len(words))]
		}
		if len(a.Entities) > 0 && r.IntN(4) == 0 {
			again := a.Entities[0]
			again.Type, again.Name = "organization", words[r.IntN(len(words))]
			again.Mentions = []storyline.Mention{{Text: strings.ToUpper(again.Name)}, {Text: ""}}
			a.Entities = append(a.Entities, again)
		}
	}
	return arts
}

// viewRows dumps every table the views are kept in, and what the quote
// index finds, in a fixed order.
func viewRows(t *testing.T, db *DB) map[string][]string {
	t.Helper()
	ctx := context.Background()
	queries := map[string]string{
		"entity_stats":    "SELECT entity_id, type, name, articles FROM entity_stats ORDER BY 1",
		"entity_articles": "SELECT entity_id, seq, article_id, published FROM entity_articles ORDER BY 1, 2",
		"entity_names":    "SELECT entity_id, name, weight FROM entity_names ORDER BY 1, 2",
		"entity_aliases":  "SELECT entity_id, alias, n FROM entity_aliases ORDER BY 1, 2",
		"entity_roles":    "SELECT entity_id, role, n FROM entity_roles ORDER BY 1, 2",
		"speaker_quotes":  "SELECT entity_id, quotes FROM speaker_quotes ORDER BY 1",
		"attention_weeks": "SELECT entity_id, week, articles, quotes FROM attention_weeks ORDER BY 1, 2",
		"corpus_counts":   "SELECT name, n FROM corpus_counts ORDER BY 1",
		"timeline_links":  "SELECT entity_id, date, seq, kind, idx, article_id FROM timeline_links ORDER BY 1, 2, 3, 4, 5",
		"quotes_fts":      "SELECT rowid FROM quotes_fts ORDER BY 1",
	}
	for _, w := range []string{"base", "talks", "volkov", "minister", "fleet", "лавров"} {
		queries["quotes_fts "+w] = fmt.Sprintf("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH '%s' ORDER BY 1", w)
	}
	out := map[string][]string{}
	for name, q := range queries {
		rows, err := db.read.QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out[name] = append(out[name], fmt.Sprint(vals...))
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func sameViews(t *testing.T, step string, got, want *DB) {
	t.Helper()
	g, w := viewRows(t, got), viewRows(t, want)
	for name := range w {
		if !reflect.DeepEqual(g[name], w[name]) {
			t.Errorf("%s: %s differs from what the triggers kept:\n got %d %v\nwant %d %v", step, name, len(g[name]), g[name], len(w[name]), w[name])
		}
	}
}

// writeStep is one step of writes applied alike to several files.
type writeStep struct {
	name  string
	apply func(t *testing.T, db *DB)
}

func saveEach(as ...*storyline.Article) func(*testing.T, *DB) {
	return func(t *testing.T, db *DB) {
		for _, a := range as {
			if err := db.SaveArticle(context.Background(), a, nil, "raw-"+a.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func saveBatch(as ...*storyline.Article) func(*testing.T, *DB) {
	return func(t *testing.T, db *DB) {
		var batch []storyline.StoredArticle
		for _, a := range as {
			batch = append(batch, storyline.StoredArticle{Article: a, RawHash: "raw-" + a.ID})
		}
		if err := db.SaveArticles(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
}

// corpusSteps store a corpus article by article and in a batch, replace
// articles with other findings (one by a duplicate, which keeps none),
// replace one twice within a batch, make the duplicate an original again
// and store one article unchanged.
func corpusSteps(odd bool) []writeStep {
	r := rand.New(rand.NewPCG(5, 6))
	arts := variedCorpus(r, 80, odd)
	again := variedCorpus(r, 30, odd)
	for i, a := range again {
		a.ID = arts[i*2].ID
	}
	again[5].DuplicateOf = arts[1].ID
	twice := variedCorpus(r, 3, odd)
	twice[0].ID, twice[1].ID, twice[2].ID = arts[10].ID, arts[10].ID, again[5].ID
	// An entity one article names, gone when it is replaced, back in
	// another with another type and name.
	rare := variedCorpus(r, 3, odd)
	rare[0].Entities = append(rare[0].Entities, storyline.Entity{ID: "per-rare", Type: "person", Name: "Rare Person",
		Roles: []string{"envoy"}, Mentions: []storyline.Mention{{Text: "Rare"}, {Text: "Rare Person"}}})
	rare[0].Quotes = append(rare[0].Quotes, storyline.Quote{Kind: "direct", Text: "Rare words on the base", Date: "2017-02-01",
		Speaker: storyline.Speaker{Entity: "per-rare", Name: "Rare"}})
	rare[1].ID = rare[0].ID
	rare[2].Entities = append(rare[2].Entities, storyline.Entity{ID: "per-rare", Type: "organization", Name: "Rare Org"})
	return []writeStep{
		{"30 articles one by one", saveEach(arts[:30]...)},
		{"50 articles in a batch", saveBatch(arts[30:]...)},
		{"10 replaced in a batch, one by a duplicate", saveBatch(again[:10]...)},
		{"20 replaced one by one", saveEach(again[10:]...)},
		{"one replaced twice in a batch, the duplicate an original again", saveBatch(twice...)},
		{"one stored unchanged", saveEach(arts[40])},
		{"an entity of one article", saveEach(rare[0])},
		{"the article replaced without it", saveBatch(rare[1])},
		{"the entity back with another type", saveEach(rare[2])},
	}
}

// sameAsTriggers applies steps to a file kept as by the triggers of
// 0003-0007 and to one kept by the store, comparing the views after each.
func sameAsTriggers(t *testing.T, steps []writeStep) *DB {
	t.Helper()
	old, err := openUpTo(context.Background(), filepath.Join(t.TempDir(), "triggers.db"), lastTriggerMigration)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { old.Close() })
	if old.viewsInGo {
		t.Fatal("a file at 0007 claims to keep its views in Go")
	}
	db := open(t)
	if !db.viewsInGo {
		t.Fatal("a new file leaves its views to triggers")
	}
	for _, s := range steps {
		s.apply(t, old)
		s.apply(t, db)
		sameViews(t, s.name, db, old)
	}
	return db
}

// TestViewsAsTriggersKeptThem: the statements that replaced the triggers
// of 0003-0007 leave every view exactly as the triggers did.
func TestViewsAsTriggersKeptThem(t *testing.T) {
	sameAsTriggers(t, corpusSteps(true))
	db := sameAsTriggers(t, corpusSteps(false))
	checkViews(t, db)
	if err := db.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestViewsAcrossTheUpgrade writes a file at 0007, upgrades it, and goes
// on replacing and adding articles: its views must be those of a file
// kept by triggers all along.
func TestViewsAcrossTheUpgrade(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	arts := variedCorpus(rand.New(rand.NewPCG(7, 8)), 60, false)
	later := variedCorpus(rand.New(rand.NewPCG(9, 10)), 30, false)
	for i, a := range later[:20] {
		a.ID = arts[i*3].ID // replacements of articles stored before the upgrade
	}
	later[3].DuplicateOf = arts[2].ID
	write := func(db *DB, as []*storyline.Article) {
		for _, a := range as {
			if err := db.SaveArticle(ctx, a, nil, a.ID+fmt.Sprint(len(as))); err != nil {
				t.Fatal(err)
			}
		}
	}
	triggers, err := openUpTo(ctx, filepath.Join(dir, "triggers.db"), lastTriggerMigration)
	if err != nil {
		t.Fatal(err)
	}
	defer triggers.Close()
	write(triggers, arts)
	write(triggers, later)

	path := filepath.Join(dir, "upgraded.db")
	before, err := openUpTo(ctx, path, lastTriggerMigration)
	if err != nil {
		t.Fatal(err)
	}
	write(before, arts)
	before.Close()
	upgraded, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer upgraded.Close()
	if !upgraded.viewsInGo {
		t.Fatal("the upgrade left the views to the triggers")
	}
	sameViews(t, "on upgrading", upgraded, func() *DB {
		at, err := openUpTo(ctx, filepath.Join(dir, "at-upgrade.db"), lastTriggerMigration)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { at.Close() })
		write(at, arts)
		return at
	}())
	write(upgraded, later)
	sameViews(t, "after the upgrade", upgraded, triggers)
	checkViews(t, upgraded)
}
