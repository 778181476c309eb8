package cluster

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/storyline-news/storyline"
)

// Scores are B-cubed and pairwise precision, recall and F1 of a grouping.
type Scores struct {
	Items                            int
	BCubedP, BCubedR, BCubedF1       float64
	PairwiseP, PairwiseR, PairwiseF1 float64
	Clusters, GoldClusters           int
}

func (s Scores) String() string {
	return fmt.Sprintf("%d items, %d clusters (gold %d)\n  B-cubed   P %.3f  R %.3f  F1 %.3f\n  pairwise  P %.3f  R %.3f  F1 %.3f\n",
		s.Items, s.Clusters, s.GoldClusters, s.BCubedP, s.BCubedR, s.BCubedF1, s.PairwiseP, s.PairwiseR, s.PairwiseF1)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Score compares a predicted grouping of items with the gold one; items
// without a predicted cluster count as singletons.
func Score(gold, pred map[string]string) Scores {
	s := Scores{Items: len(gold)}
	predOf := func(id string) string {
		if c, ok := pred[id]; ok {
			return c
		}
		return "single:" + id
	}
	goldSize, predSize, both := map[string]int{}, map[string]int{}, map[[2]string]int{}
	for id, g := range gold {
		p := predOf(id)
		goldSize[g]++
		predSize[p]++
		both[[2]string{g, p}]++
	}
	for id, g := range gold {
		n := float64(both[[2]string{g, predOf(id)}])
		s.BCubedP += n / float64(predSize[predOf(id)])
		s.BCubedR += n / float64(goldSize[g])
	}
	s.BCubedP /= float64(max(len(gold), 1))
	s.BCubedR /= float64(max(len(gold), 1))
	s.BCubedF1 = f1(s.BCubedP, s.BCubedR)
	pairs := func(n int) float64 { return float64(n) * float64(n-1) / 2 }
	tp, predPairs, goldPairs := 0.0, 0.0, 0.0
	for _, n := range both {
		tp += pairs(n)
	}
	for _, n := range predSize {
		predPairs += pairs(n)
	}
	for _, n := range goldSize {
		goldPairs += pairs(n)
	}
	if predPairs > 0 {
		s.PairwiseP = tp / predPairs
	}
	if goldPairs > 0 {
		s.PairwiseR = tp / goldPairs
	}
	s.PairwiseF1 = f1(s.PairwiseP, s.PairwiseR)
	s.Clusters, s.GoldClusters = len(predSize), len(goldSize)
	return s
}

// goldItem is one line of the events or timelines data.
type goldItem struct {
	ID, Outlet, Published, Title, Text string
	Event, Story                       *string
}

func readGold(path string) ([]goldItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var items []goldItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var it goldItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		items = append(items, it)
	}
	// Articles arrive in time order, as a stream would bring them.
	sort.SliceStable(items, func(i, j int) bool { return items[i].Published < items[j].Published })
	return items, sc.Err()
}

// EvaluateEvents clusters the items of an events file (headlines, in time
// order) and scores the events against the gold ones.
func EvaluateEvents(ctx context.Context, path string, annotate func(context.Context, *storyline.Article) error) (Scores, error) {
	items, err := readGold(path)
	if err != nil {
		return Scores{}, err
	}
	c := New(Options{})
	gold, pred := map[string]string{}, map[string]string{}
	for _, it := range items {
		if it.Event == nil {
			continue
		}
		a := &storyline.Article{ID: it.ID, Title: it.Title, Body: it.Text, Outlet: it.Outlet,
			Published: storyline.Published{Date: it.Published}}
		if annotate != nil {
			if err := annotate(ctx, a); err != nil {
				return Scores{}, err
			}
		}
		gold[it.ID] = *it.Event
		pred[it.ID] = c.Add(a)
	}
	return Score(gold, pred), nil
}

// EvaluateStorylines clusters a timelines file and scores the storylines
// against the gold topics.
func EvaluateStorylines(ctx context.Context, path string, annotate func(context.Context, *storyline.Article) error) (Scores, error) {
	items, err := readGold(path)
	if err != nil {
		return Scores{}, err
	}
	c := New(Options{})
	gold := map[string]string{}
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return Scores{}, err
		}
		if it.Story == nil {
			continue
		}
		a := &storyline.Article{ID: it.ID, Title: it.Title, Body: it.Text, Outlet: it.Outlet,
			Published: storyline.Published{Date: it.Published}}
		if annotate != nil {
			if err := annotate(ctx, a); err != nil {
				return Scores{}, err
			}
		}
		gold[it.ID] = *it.Story
		c.Add(a)
	}
	pred := map[string]string{}
	for _, s := range c.Storylines() {
		for _, id := range s.Articles {
			pred[id] = s.ID
		}
	}
	return Score(gold, pred), nil
}
