package cluster

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"sort"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/entity"
	"github.com/storyline-news/storyline/internal/shared"
	"github.com/storyline-news/storyline/quote"
	"github.com/storyline-news/storyline/timex"
)

// TestTune is the command the defaults of New were chosen with. It prints,
// for each option set of sweepOptions, the mean score over shuffleRuns
// orders of each day's articles on half A of both event sets:
//
//	STORYLINE_TUNE=1 go test -run TestTune -v ./cluster
//
// STORYLINE_TUNE=ents gives the articles the entities and quotes the
// pipeline would (what `storyline eval` measures);
// STORYLINE_TUNE_HALF=B prints the defaults on half B, the confirmation
// to read once the choices are made, never to choose by.
func TestTune(t *testing.T) {
	if os.Getenv("STORYLINE_TUNE") == "" {
		t.Skip("set STORYLINE_TUNE=1 to sweep options on half A (a few minutes)")
	}
	uci, err := shared.Path("data/events/events-dev.jsonl")
	if err != nil {
		t.Skip(err)
	}
	uciItems, err := readGold(uci)
	if err != nil {
		t.Fatal(err)
	}
	uciGold := map[string]string{}
	for _, it := range uciItems {
		uciGold[it.ID] = *it.Event
	}
	polItems := readPolNeAR(t)
	polGold, err := readLabels("testdata/polnear-events.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var annotate []Annotate
	if os.Getenv("STORYLINE_TUNE") == "ents" {
		annotate = append(annotate, cachedEntities(t))
	}
	half := 0
	if os.Getenv("STORYLINE_TUNE_HALF") == "B" {
		half = 1
	}
	for _, o := range sweepOptions(half) {
		u := shuffledMean(t, uciItems, uciGold, half, o.opts, annotate)
		p := shuffledMean(t, polItems, polGold, half, o.opts, annotate)
		fmt.Printf("%-28s half %c  UCI b3 %.3f pw %.3f (P %.3f R %.3f) | PolNeAR b3 %.3f pw %.3f (P %.3f R %.3f)\n", o.name, 'A'+half,
			u.BCubedF1, u.PairwiseF1, u.PairwiseP, u.PairwiseR, p.BCubedF1, p.PairwiseF1, p.PairwiseP, p.PairwiseR)
	}
}

type namedOptions struct {
	name string
	opts Options
}

// sweepOptions are the option sets TestTune compares; on half B only the
// defaults.
func sweepOptions(half int) []namedOptions {
	out := []namedOptions{{"defaults", Options{}}}
	if half != 0 {
		return out
	}
	for _, head := range []float64{0.05, 0.07, 0.1} {
		for _, text := range []float64{0.08, 0.1, 0.12} {
			out = append(out, namedOptions{fmt.Sprintf("headline %.2f text %.2f", head, text),
				Options{EventThreshold: head, TextEventThreshold: text}})
		}
	}
	for _, decay := range []float64{0.75, 3, 6} {
		out = append(out, namedOptions{fmt.Sprintf("headline decay %.2f days", decay), Options{headlineDecay: decay}})
	}
	for _, bonus := range []float64{0.02, 0.1} {
		for _, full := range []int{1, 6} {
			out = append(out, namedOptions{fmt.Sprintf("quote bonus %.2f full at %d", bonus, full), Options{quoteBonus: bonus, quoteFull: full}})
		}
	}
	return out
}

const shuffleRuns = 8

// shuffledMean is the mean score on one half over several orders of each
// day's articles: the order within a day is arbitrary, and one early
// choice of the single-pass clusterer can swing a single run's pairwise F1
// by several points.
func shuffledMean(t *testing.T, items []goldItem, gold map[string]string, half int, opts Options, annotate []Annotate) Scores {
	var mean Scores
	for seed := int64(1); seed <= shuffleRuns; seed++ {
		order := append([]goldItem(nil), items...)
		rand.New(rand.NewSource(seed)).Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		sort.SliceStable(order, func(i, j int) bool { return order[i].Published < order[j].Published })
		c := New(opts)
		pred, scored := map[string]string{}, map[string]string{}
		for _, it := range order {
			g, ok := gold[it.ID]
			if !ok {
				continue
			}
			a := &storyline.Article{ID: it.ID, Title: it.Title, Body: it.Text, Outlet: it.Outlet, Published: storyline.Published{Date: it.Published}}
			if err := runAnnotate(context.Background(), annotate, a); err != nil {
				t.Fatal(err)
			}
			pred[it.ID] = c.Add(a)
			if goldHalf(g) == half {
				scored[it.ID] = g
			}
		}
		s := Score(scored, pred)
		mean.BCubedF1 += s.BCubedF1 / shuffleRuns
		mean.PairwiseF1 += s.PairwiseF1 / shuffleRuns
		mean.PairwiseP += s.PairwiseP / shuffleRuns
		mean.PairwiseR += s.PairwiseR / shuffleRuns
	}
	return mean
}

// cachedEntities annotates each article once as the pipeline does (its
// entities, quotes and dates, and bare surnames linked to the people named
// in full before them), however many option sets read it. Articles come
// in the stream order of the first run, as ingest would link them.
func cachedEntities(t *testing.T) Annotate {
	rec, err := entity.New(entity.Options{})
	if err != nil {
		t.Fatal(err)
	}
	anns := []storyline.Annotator{rec, quote.New(), timex.New()}
	people := entity.NewDirectory()
	type found struct {
		ents   []storyline.Entity
		quotes []storyline.Quote
	}
	cache := map[string]found{}
	return func(ctx context.Context, a *storyline.Article) error {
		if f, ok := cache[a.ID]; ok {
			a.Entities, a.Quotes = f.ents, f.quotes
			return nil
		}
		for _, an := range anns {
			if err := an.Annotate(ctx, a); err != nil {
				return fmt.Errorf("annotating %s: %w", a.ID, err)
			}
		}
		people.Link(a)
		people.LearnArticle(a)
		cache[a.ID] = found{a.Entities, a.Quotes}
		return nil
	}
}
