package pipeline

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/entity"
	"github.com/storyline-news/storyline/sqlite"
)

// recorder is a store that logs its writes and fails any that holds the
// article failing names.
type recorder struct {
	storyline.Store
	mu      sync.Mutex
	writes  []string // "save a b c" per SaveArticles or SaveArticle, "quarantine src"
	failing string
}

var errDiskFull = errors.New("disk full")

func (r *recorder) SaveArticles(ctx context.Context, batch []storyline.StoredArticle) error {
	var ids []string
	for _, s := range batch {
		if s.Article.ID == r.failing {
			return errDiskFull
		}
		ids = append(ids, s.Article.ID)
	}
	r.log("save " + strings.Join(ids, " "))
	return r.Store.SaveArticles(ctx, batch)
}

func (r *recorder) SaveArticle(ctx context.Context, a *storyline.Article, raw []byte, rawHash string) error {
	if a.ID == r.failing {
		return errDiskFull
	}
	r.log("save " + a.ID)
	return r.Store.SaveArticle(ctx, a, raw, rawHash)
}

func (r *recorder) Quarantine(ctx context.Context, q storyline.Quarantined) error {
	r.log("quarantine " + q.Source)
	return r.Store.Quarantine(ctx, q)
}

func (r *recorder) log(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.writes = append(r.writes, s)
}

func openStore(t *testing.T) storyline.Store {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "ingest.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// walkOf yields inputs (an *storyline.InputError for a nil one).
func walkOf(ins []*storyline.Input) WalkFunc {
	return func(ctx context.Context, fn func(*storyline.Input, error) error) error {
		for i, in := range ins {
			var err error
			if in == nil {
				err = &storyline.InputError{Source: fmt.Sprint("unreadable-", i), Reason: "binary", Err: errors.New("binary data")}
			}
			if err := fn(in, err); err != nil {
				return err
			}
		}
		return nil
	}
}

func textInput(id, text string) *storyline.Input {
	return &storyline.Input{ID: id, Source: id + ".txt", Text: text, Raw: []byte(text), Format: storyline.FormatText,
		Outlet: "Wire", Published: "2016-10-01"}
}

// trickyInputs are PolNeAR dev articles with, among them, what a batch
// must settle as one article at a time would: exact copies under other
// ids (the first in the same window as its original), near copies, the
// same input twice, an id given to two inputs, an unreadable input and
// an empty one.
func trickyInputs(t *testing.T) []*storyline.Input {
	t.Helper()
	dev, _ := polnearInputs(t)
	dev = dev[:40]
	var ins []*storyline.Input
	for i, in := range dev {
		ins = append(ins, textInput(in.ID, in.Text))
		switch i % 10 {
		case 3: // an exact copy of an article of this window (the words alone are compared)
			ins = append(ins, textInput(in.ID+"-copy", in.Text+"\n\n\n"))
		case 5: // a near copy: another last paragraph
			ins = append(ins, textInput(in.ID+"-near", in.Text+"\n\nThis story has been corrected to fix a spelling."))
		case 6: // the same input again, and an input taking its id
			ins = append(ins, textInput(in.ID, in.Text), textInput(in.ID, in.Text+"\n\nAnother text."))
		case 7:
			ins = append(ins, nil, textInput(in.ID+"-empty", strings.Repeat(" ", i)))
		case 9: // a copy of an article of an earlier window
			ins = append(ins, textInput(in.ID+"-late", dev[i-8].Text+" "))
		}
	}
	return ins
}

type run struct {
	outcomes []Outcome
	sum      Summary
	err      error
	stored   []string // id and original of every stored article, in ingest order
	stats    storyline.Stats
}

func ingest(t *testing.T, st storyline.Store, ins []*storyline.Input, configure func(*Ingester)) run {
	t.Helper()
	var r run
	g := &Ingester{Pipeline: newPipeline(), Store: st, Window: 16, OnOutcome: func(o Outcome) {
		o.Detail = "" // names temporary paths
		r.outcomes = append(r.outcomes, o)
	}}
	if configure != nil {
		configure(g)
	}
	r.sum, r.err = g.Ingest(context.Background(), walkOf(ins))
	var err error
	if r.stats, err = st.Stats(context.Background()); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, in := range ins {
		if in != nil {
			ids[in.ID] = true
		}
	}
	for _, o := range r.outcomes {
		ids[o.ID] = true
	}
	for id := range ids {
		a, err := st.Article(context.Background(), id)
		if errors.Is(err, storyline.ErrNotFound) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		r.stored = append(r.stored, a.ID+"<"+a.DuplicateOf)
	}
	return r
}

func sameRuns(t *testing.T, what string, got, want run) {
	t.Helper()
	if !reflect.DeepEqual(got.outcomes, want.outcomes) {
		t.Errorf("%s: outcomes differ:\n got %+v\nwant %+v", what, got.outcomes, want.outcomes)
	}
	if !reflect.DeepEqual(got.sum, want.sum) || !reflect.DeepEqual(got.stats, want.stats) {
		t.Errorf("%s: summary %+v and stats %+v, want %+v and %+v", what, got.sum, got.stats, want.sum, want.stats)
	}
	if fmt.Sprint(sortedCopy(got.stored)) != fmt.Sprint(sortedCopy(want.stored)) {
		t.Errorf("%s: stored %v, want %v", what, got.stored, want.stored)
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// TestBatchesSettleAsOneByOne: storing a window's articles in batches
// gives the outcomes, in the same order, and the same store as storing
// each on its own, duplicates within a batch included.
func TestBatchesSettleAsOneByOne(t *testing.T) {
	ins := trickyInputs(t)
	one := ingest(t, openStore(t), ins, func(g *Ingester) { g.Batch = 1 })
	if one.err != nil {
		t.Fatal(one.err)
	}
	var copies, near, conflicts, skipped int
	for _, o := range one.outcomes {
		switch {
		case o.Status == Duplicate && strings.HasSuffix(o.ID, "-copy"):
			copies++
		case o.Status == Duplicate && strings.HasSuffix(o.ID, "-near"):
			near++
		case o.Reason == "id-conflict":
			conflicts++
		case o.Status == Skipped:
			skipped++
		}
	}
	if copies < 3 || near < 3 || conflicts < 3 || skipped < 3 || one.sum.Quarantined["binary"] != 4 {
		t.Fatalf("the inputs do not test what they should: %d copies, %d near copies, %d id conflicts, %d skipped, %v",
			copies, near, conflicts, skipped, one.sum)
	}
	for _, c := range []struct {
		name          string
		window, batch int
	}{
		{"batches of 64", 16, 0},
		{"batches of 3", 16, 3},
		{"one window", 1000, 0},
		{"a window of one", 1, 0},
	} {
		want := one
		if c.window != 16 { // the window is what the text cleaner learns from
			want = ingest(t, openStore(t), ins, func(g *Ingester) { g.Window, g.Batch = c.window, 1 })
		}
		rec := &recorder{Store: openStore(t)}
		got := ingest(t, rec, ins, func(g *Ingester) { g.Window, g.Batch = c.window, c.batch })
		if got.err != nil {
			t.Fatal(got.err)
		}
		sameRuns(t, c.name, got, want)
		if c.name == "batches of 64" && !contains(rec.writes, " "+ins[3].ID+" "+ins[4].ID+" ") {
			t.Errorf("an article and its copy were not stored together: %v", rec.writes)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// TestBatchBounds: a batch holds at most Batch articles, waits at most
// BatchDelay, ends at a quarantined input (written in its turn) and with
// its window; a window of one stores each article at once.
func TestBatchBounds(t *testing.T) {
	dev, _ := polnearInputs(t)
	var ins []*storyline.Input
	for _, in := range dev[:10] {
		ins = append(ins, textInput(in.ID, in.Text))
	}
	ins = append(ins[:6], append([]*storyline.Input{nil}, ins[6:]...)...)
	id := func(i int) string { return ins[i].ID }
	for _, c := range []struct {
		name      string
		configure func(*Ingester)
		want      []string
	}{
		{"bounded size", func(g *Ingester) { g.Batch = 4 }, []string{
			"save " + strings.Join([]string{id(0), id(1), id(2), id(3)}, " "), "save " + id(4) + " " + id(5),
			"quarantine unreadable-6", "save " + strings.Join([]string{id(7), id(8), id(9), id(10)}, " ")}},
		{"windows", func(g *Ingester) { g.Window = 3 }, []string{
			"save " + strings.Join([]string{id(0), id(1), id(2)}, " "), "save " + strings.Join([]string{id(3), id(4), id(5)}, " "),
			"quarantine unreadable-6", "save " + id(7) + " " + id(8), "save " + id(9) + " " + id(10)}},
		{"a window of one", func(g *Ingester) { g.Window = 1 }, []string{"save " + id(0), "save " + id(1), "save " + id(2),
			"save " + id(3), "save " + id(4), "save " + id(5), "quarantine unreadable-6", "save " + id(7), "save " + id(8),
			"save " + id(9), "save " + id(10)}},
		{"bounded delay", func(g *Ingester) { g.BatchDelay = time.Nanosecond }, []string{"save " + id(0), "save " + id(1),
			"save " + id(2), "save " + id(3), "save " + id(4), "save " + id(5), "quarantine unreadable-6", "save " + id(7),
			"save " + id(8), "save " + id(9), "save " + id(10)}},
	} {
		rec := &recorder{Store: openStore(t)}
		if r := ingest(t, rec, ins, c.configure); r.err != nil || r.sum.Ingested != 10 {
			t.Fatalf("%s: %+v", c.name, r)
		}
		if !reflect.DeepEqual(rec.writes, c.want) {
			t.Errorf("%s: writes\n %q\nwant\n %q", c.name, rec.writes, c.want)
		}
	}
}

// TestFailedArticleInABatch: when a batch cannot be stored, the articles
// before the one that fails are stored and told, as without batches; its
// error ends the ingest; the next run stores the rest and skips what was
// stored, leaving the store as one run would.
func TestFailedArticleInABatch(t *testing.T) {
	ins := trickyInputs(t)
	clean := ingest(t, openStore(t), ins, nil)
	// The second article of a batch after a copy, a near copy and the
	// inputs quarantined in the first window.
	failing := ins[15]
	if !strings.HasSuffix(ins[13].ID, "-empty") || ins[14] == nil {
		t.Fatalf("the inputs changed: %s, %v", ins[13].ID, ins[14])
	}
	st := openStore(t)
	rec := &recorder{Store: st, failing: failing.ID}
	broken := ingest(t, rec, ins, nil)
	if !errors.Is(broken.err, errDiskFull) || !strings.Contains(broken.err.Error(), failing.Source) {
		t.Fatalf("the ingest ended with %v, want the failing article's error", broken.err)
	}
	settled := len(broken.outcomes)
	if settled == 0 || !reflect.DeepEqual(broken.outcomes, clean.outcomes[:settled]) || clean.outcomes[settled].ID != failing.ID {
		t.Fatalf("told %+v\nwant the outcomes before %s: %+v", broken.outcomes, failing.ID, clean.outcomes)
	}
	stored := 0
	for _, o := range broken.outcomes {
		if o.Status == Ingested || o.Status == Duplicate {
			stored++
		}
	}
	if s, _ := st.Stats(context.Background()); s.Articles+s.Duplicates != stored {
		t.Fatalf("stored %d articles, told of %d", s.Articles+s.Duplicates, stored)
	}
	again := ingest(t, st, ins, nil)
	if again.err != nil {
		t.Fatal(again.err)
	}
	if !reflect.DeepEqual(again.stats, clean.stats) || fmt.Sprint(sortedCopy(again.stored)) != fmt.Sprint(sortedCopy(clean.stored)) {
		t.Errorf("after the rerun: %+v %v\nwant %+v %v", again.stats, again.stored, clean.stats, clean.stored)
	}
	for i, o := range again.outcomes[:settled] {
		if o.Status != Skipped {
			t.Errorf("rerun: input %d (%s) was %s, want skipped", i, o.Source, o.Status)
		}
	}
}

// TestPeopleLinkedAcrossArticles: an article that names only "Volkov"
// speaks of the Dmitri Volkov of an article stored before it, in its
// entities and its quotes, and two Petrovs keep a bare "Petrov" apart.
func TestPeopleLinkedAcrossArticles(t *testing.T) {
	st := openStore(t)
	ins := []*storyline.Input{
		textInput("full", "Foreign Minister Dmitri Volkov said on Monday that the talks would resume in the spring. "+
			"Anna Petrov and Ivan Petrov, two of the negotiators, agreed to meet again."),
		textInput("short", "Volkov said the harbour would stay open to foreign ships for another year. "+
			"Petrov said nothing was decided."),
	}
	r := ingest(t, st, ins, func(g *Ingester) { g.People = entity.NewDirectory() })
	if r.err != nil {
		t.Fatal(r.err)
	}
	full, err := st.Article(context.Background(), "full")
	if err != nil {
		t.Fatal(err)
	}
	short, err := st.Article(context.Background(), "short")
	if err != nil {
		t.Fatal(err)
	}
	volkov := entityNamed(full, "Dmitri Volkov")
	if volkov == "" {
		t.Fatalf("no Dmitri Volkov in %+v", full.Entities)
	}
	if got := entityNamed(short, "Dmitri Volkov"); got != volkov {
		t.Errorf("the short article's Volkov is %q, want %q; entities %+v", got, volkov, short.Entities)
	}
	var speakers []string
	for _, q := range short.Quotes {
		speakers = append(speakers, q.Speaker.Entity+" "+q.Speaker.Name)
	}
	if len(short.Quotes) == 0 || short.Quotes[0].Speaker.Entity != volkov {
		t.Errorf("the short article's speakers %q, want the first to be %s", speakers, volkov)
	}
	for _, s := range speakers[1:] {
		if strings.Contains(s, "Anna") || strings.Contains(s, "Ivan") {
			t.Errorf("a bare Petrov was given one of two Petrovs: %q", s)
		}
	}
}

func entityNamed(a *storyline.Article, name string) string {
	for _, e := range a.Entities {
		if e.Name == name {
			return e.ID
		}
	}
	return ""
}
