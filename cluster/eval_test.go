package cluster

import (
	"context"
	"slices"
	"testing"

	"github.com/storyline-news/storyline/internal/shared"
)

func TestEventsDev(t *testing.T) {
	path, err := shared.Path("data/events/events-dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	s, err := EvaluateEvents(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + s.String())
	if s.BCubedF1 < floorEvents {
		t.Errorf("B-cubed F1 %.3f under the floor %.2f (baseline 0.489)", s.BCubedF1, floorEvents)
	}
}

func TestStorylinesDev(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 2,286 full articles")
	}
	path, err := shared.Path("data/timelines/timelines-dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	s, err := EvaluateStorylines(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + s.String())
	if s.BCubedP < floorStoryP || s.BCubedR < floorStoryR {
		t.Errorf("storyline B-cubed P %.3f R %.3f under the floors %.2f, %.2f", s.BCubedP, s.BCubedR, floorStoryP, floorStoryR)
	}
}

// Floors sit a little under the figures of the stream order readGold
// gives (cluster/testdata/README.md has the figures and how they move
// with the order of a day's articles).
const (
	floorEvents          = 0.77
	floorStoryP          = 0.88
	floorDateF1          = 0.62
	floorStoryR          = 0.86
	floorPolNeARPairF1   = 0.33
	floorPolNeARBCubedF1 = 0.85
)

func TestTimelinesDev(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 2,286 full articles")
	}
	arts, err := shared.Path("data/timelines/timelines-dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	gold, err := shared.Path("data/timelines/timelines-dev.gold.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	s, err := EvaluateTimelines(context.Background(), arts, gold)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + s.String())
	if s.DateF1 < floorDateF1 {
		t.Errorf("timeline date F1 %.3f under the floor %.2f", s.DateF1, floorDateF1)
	}
}

func TestLabelledPolNeAREvents(t *testing.T) {
	var paths []string
	for _, rel := range []string{"data/polnear/train.jsonl", "data/polnear/dev.jsonl"} {
		p, err := shared.Path(rel)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	s, err := EvaluateLabelledEvents(context.Background(), "testdata/polnear-events.tsv", paths)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + s.String())
	if s.PairwiseF1 < floorPolNeARPairF1 {
		t.Errorf("PolNeAR pairwise F1 %.3f under the floor %.2f", s.PairwiseF1, floorPolNeARPairF1)
	}
	if s.BCubedF1 < floorPolNeARBCubedF1 {
		t.Errorf("PolNeAR B-cubed F1 %.3f under the floor %.2f (each article alone: %.3f)", s.BCubedF1, floorPolNeARBCubedF1, s.Singletons.BCubedF1)
	}
}

func TestHalvesSplitWholeEvents(t *testing.T) {
	gold := map[string]string{"a1": "e1", "a2": "e1", "b1": "e2", "b2": "e2", "c": "self:c"}
	pred := map[string]string{"a1": "p", "a2": "p", "b1": "p", "b2": "q", "c": "r"}
	s := scoreHalves(gold, pred)
	if s.A.Items+s.B.Items != len(gold) {
		t.Fatalf("halves hold %d+%d items, want %d", s.A.Items, s.B.Items, len(gold))
	}
	for _, ids := range [][]string{{"a1", "a2"}, {"b1", "b2"}} {
		if goldHalf(gold[ids[0]]) != goldHalf(gold[ids[1]]) {
			t.Errorf("event %s split across halves", gold[ids[0]])
		}
	}
	if s.Scores != Score(gold, pred) {
		t.Errorf("whole-set scores differ from Score")
	}
}

func TestStreamOrderIgnoresFileOrder(t *testing.T) {
	items := []goldItem{{ID: "a1", Published: "2014-03-10"}, {ID: "a2", Published: "2014-03-10"}, {ID: "a3", Published: "2014-03-10"},
		{ID: "b1", Published: "2014-03-10"}, {ID: "b2", Published: "2014-03-10"}, {ID: "b3", Published: "2014-03-10"}, {ID: "z", Published: "2014-03-09"}}
	reversed := slices.Clone(items)
	slices.Reverse(reversed)
	streamOrder(items)
	streamOrder(reversed)
	ids := func(l []goldItem) (out []string) {
		for _, it := range l {
			out = append(out, it.ID)
		}
		return out
	}
	if !slices.Equal(ids(items), ids(reversed)) {
		t.Errorf("order follows the file: %v vs %v", ids(items), ids(reversed))
	}
	if items[0].ID != "z" {
		t.Errorf("the earlier day does not come first: %v", ids(items))
	}
}
