package cluster

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"os"
	"slices"
	"sort"
	"strings"

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
	// Summed in id order: a float sum in map order differs in its last
	// bits from run to run, and so would two scorings of one clustering.
	for _, id := range slices.Sorted(maps.Keys(gold)) {
		g := gold[id]
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

// HalvesScores are the scores on every item and on each half of the gold
// clusters: features and thresholds are chosen on half A and confirmed on
// half B, which tuning never reads.
type HalvesScores struct {
	Scores
	A, B Scores
}

func (s HalvesScores) String() string {
	return s.Scores.String() + "  half A: " + s.A.String() + "  half B: " + s.B.String()
}

// goldHalf puts a gold cluster in half 0 (A) or 1 (B) by a hash of its
// label, so that a whole event always falls in one half.
func goldHalf(label string) int {
	h := fnv.New32a()
	h.Write([]byte(label))
	return int(h.Sum32() & 1)
}

// scoreHalves scores the whole grouping and each half of the gold; the
// prediction is the same clustering of every item, so a half is judged
// among all the distractors a stream brings.
func scoreHalves(gold, pred map[string]string) HalvesScores {
	halves := [2]map[string]string{{}, {}}
	for id, g := range gold {
		halves[goldHalf(g)][id] = g
	}
	return HalvesScores{Scores: Score(gold, pred), A: Score(halves[0], pred), B: Score(halves[1], pred)}
}

// Annotate fills an article's entities (or timexes) before clustering.
type Annotate func(context.Context, *storyline.Article) error

func runAnnotate(ctx context.Context, annotate []Annotate, a *storyline.Article) error {
	for _, f := range annotate {
		if f == nil {
			continue
		}
		if err := f(ctx, a); err != nil {
			return fmt.Errorf("annotate %s: %w", a.ID, err)
		}
	}
	return nil
}

// goldItem is one line of the events or timelines data.
type goldItem struct {
	ID, Outlet, Published, Title, Text, Collection string
	Event, Story                                   *string
}

func readGold(path string) ([]goldItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	defer f.Close()
	var items []goldItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var it goldItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, len(items)+1, err)
		}
		items = append(items, it)
	}
	streamOrder(items)
	return items, sc.Err()
}

// streamOrder puts articles in time order, as a stream would bring them.
// Within a day the order is a hash of the id: the files list articles
// grouped by their gold event, and an order that follows the gold would
// hand the clusterer each event's articles one after another.
func streamOrder(items []goldItem) {
	key := func(it goldItem) uint32 {
		h := fnv.New32a()
		h.Write([]byte(it.ID))
		return h.Sum32()
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Published != items[j].Published {
			return items[i].Published < items[j].Published
		}
		return key(items[i]) < key(items[j])
	})
}

// EvaluateEvents clusters the items of an events file (headlines, in time
// order) and scores the events against the gold ones.
//
// Headlines carry no entities; pass an Annotate (at most one) to give the
// clusterer the entity ids the pipeline would.
func EvaluateEvents(ctx context.Context, path string, annotate ...Annotate) (HalvesScores, error) {
	return evaluateEvents(ctx, path, Options{}, annotate...)
}

func evaluateEvents(ctx context.Context, path string, opts Options, annotate ...Annotate) (HalvesScores, error) {
	items, err := readGold(path)
	if err != nil {
		return HalvesScores{}, err
	}
	c := New(opts)
	gold, pred := map[string]string{}, map[string]string{}
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return HalvesScores{}, err
		}
		if it.Event == nil {
			continue
		}
		a := &storyline.Article{ID: it.ID, Title: it.Title, Body: it.Text, Outlet: it.Outlet,
			Published: storyline.Published{Date: it.Published}}
		if err := runAnnotate(ctx, annotate, a); err != nil {
			return HalvesScores{}, err
		}
		gold[it.ID] = *it.Event
		pred[it.ID] = c.Add(a)
	}
	return scoreHalves(gold, pred), nil
}

// EvaluateStorylines clusters a timelines file and scores the storylines
// against the gold topics.
func EvaluateStorylines(ctx context.Context, path string, annotate ...Annotate) (Scores, error) {
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
		if err := runAnnotate(ctx, annotate, a); err != nil {
			return Scores{}, err
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

// TimelineScores are date precision, recall and F1 of picked key dates,
// averaged over gold timelines as tilse and news-tls do.
type TimelineScores struct {
	Timelines                 int
	DateP, DateR, DateF1      float64
	PerTimeline               []TimelineScore
	ArticlesRead, DatesPicked int
}

// TimelineScore is one gold timeline's date agreement.
type TimelineScore struct {
	Timeline     string
	Gold, Picked int
	P, R, F1     float64
	Matched      int
}

func (s TimelineScores) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d timelines, %d articles: date P %.3f  R %.3f  F1 %.3f\n", s.Timelines, s.ArticlesRead, s.DateP, s.DateR, s.DateF1)
	for _, t := range s.PerTimeline {
		fmt.Fprintf(&b, "  %-28s gold %3d  matched %3d  F1 %.3f\n", t.Timeline, t.Gold, t.Matched, t.F1)
	}
	return b.String()
}

type goldTimeline struct {
	Story, Collection, Timeline string
	Entries                     []struct{ Date string }
}

// EvaluateTimelines picks, for each gold timeline, as many key dates as it
// has from the articles of its collection published within its span (the
// news-tls set-up), and scores the dates.
func EvaluateTimelines(ctx context.Context, articlesPath, goldPath string, annotate ...Annotate) (TimelineScores, error) {
	items, err := readGold(articlesPath)
	if err != nil {
		return TimelineScores{}, err
	}
	golds, err := readTimelines(goldPath)
	if err != nil {
		return TimelineScores{}, err
	}
	byCollection := map[string][]*storyline.Article{}
	for _, it := range items {
		a := &storyline.Article{ID: it.ID, Title: it.Title, Body: it.Text, Outlet: it.Outlet,
			Published: storyline.Published{Date: it.Published}}
		if err := runAnnotate(ctx, annotate, a); err != nil {
			return TimelineScores{}, err
		}
		byCollection[it.Collection] = append(byCollection[it.Collection], a)
	}
	var s TimelineScores
	for _, g := range golds {
		if err := ctx.Err(); err != nil {
			return TimelineScores{}, err
		}
		ts := scoreTimeline(g, byCollection[g.Collection])
		s.PerTimeline = append(s.PerTimeline, ts)
		s.DateP += ts.P
		s.DateR += ts.R
		s.DatesPicked += ts.Picked
	}
	s.Timelines, s.ArticlesRead = len(golds), len(items)
	if s.Timelines > 0 {
		s.DateP /= float64(s.Timelines)
		s.DateR /= float64(s.Timelines)
	}
	s.DateF1 = f1(s.DateP, s.DateR)
	return s, nil
}

func scoreTimeline(g goldTimeline, articles []*storyline.Article) TimelineScore {
	gold := map[string]bool{}
	first, last := "9999", ""
	for _, e := range g.Entries {
		gold[e.Date] = true
		first, last = min(first, e.Date), max(last, e.Date)
	}
	var span []*storyline.Article
	for _, a := range articles {
		if d := a.Published.Date; d >= first && d <= last {
			span = append(span, a)
		}
	}
	picked := keyDates(filterDates(collectDates(span), first, last), len(gold))
	ts := TimelineScore{Timeline: g.Timeline, Gold: len(gold), Picked: len(picked)}
	for _, p := range picked {
		if gold[p.Date] {
			ts.Matched++
		}
	}
	if ts.Picked > 0 {
		ts.P = float64(ts.Matched) / float64(ts.Picked)
	}
	if ts.Gold > 0 {
		ts.R = float64(ts.Matched) / float64(ts.Gold)
	}
	ts.F1 = f1(ts.P, ts.R)
	return ts
}

// filterDates keeps dates within the timeline's span, as the task defines
// the span in advance.
func filterDates(dates map[string]*dateEvidence, first, last string) map[string]*dateEvidence {
	for d := range dates {
		if d < first || d > last {
			delete(dates, d)
		}
	}
	return dates
}

func readTimelines(path string) ([]goldTimeline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read gold timelines: %w", err)
	}
	defer f.Close()
	var out []goldTimeline
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var g goldTimeline
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, len(out)+1, err)
		}
		out = append(out, g)
	}
	return out, sc.Err()
}

// LabelledScores scores full-text event clustering against hand-checked
// labels, next to the all-singletons baseline that a mostly-singleton
// gold flatters.
type LabelledScores struct {
	HalvesScores
	Singletons Scores
}

func (s LabelledScores) String() string {
	return "clusterer: " + s.HalvesScores.String() + "each article alone: " + s.Singletons.String()
}

// EvaluateLabelledEvents clusters the articles of the given JSONL files in
// time order (title and full text) and scores the events against a labels
// file of "id<TAB>event" lines, where an empty event marks an article that
// is an event of its own. Articles missing from the labels are skipped.
func EvaluateLabelledEvents(ctx context.Context, labelsPath string, articlePaths []string, annotate ...Annotate) (LabelledScores, error) {
	return evaluateLabelledEvents(ctx, labelsPath, articlePaths, Options{}, annotate...)
}

func evaluateLabelledEvents(ctx context.Context, labelsPath string, articlePaths []string, opts Options, annotate ...Annotate) (LabelledScores, error) {
	gold, err := readLabels(labelsPath)
	if err != nil {
		return LabelledScores{}, err
	}
	var items []goldItem
	for _, p := range articlePaths {
		its, err := readGold(p)
		if err != nil {
			return LabelledScores{}, err
		}
		items = append(items, its...)
	}
	streamOrder(items)
	c := New(opts)
	pred := map[string]string{}
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			return LabelledScores{}, err
		}
		if _, ok := gold[it.ID]; !ok {
			continue
		}
		a := &storyline.Article{ID: it.ID, Title: it.Title, Body: it.Text, Outlet: it.Outlet,
			Published: storyline.Published{Date: it.Published}}
		if err := runAnnotate(ctx, annotate, a); err != nil {
			return LabelledScores{}, err
		}
		pred[it.ID] = c.Add(a)
	}
	for id := range gold {
		if _, ok := pred[id]; !ok {
			return LabelledScores{}, fmt.Errorf("%s: labelled article %s is in none of the article files", labelsPath, id)
		}
	}
	return LabelledScores{HalvesScores: scoreHalves(gold, pred), Singletons: Score(gold, nil)}, nil
}

func readLabels(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read labels: %w", err)
	}
	gold := map[string]string{}
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, event, ok := strings.Cut(line, "\t")
		if !ok || id == "" {
			return nil, fmt.Errorf("%s line %d: want id<TAB>event, got %q", path, n+1, line)
		}
		if event == "" {
			event = "self:" + id
		}
		gold[id] = event
	}
	return gold, nil
}
