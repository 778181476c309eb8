package cluster

import (
	"context"
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

const (
	floorEvents        = 0.78
	floorStoryP        = 0.88
	floorDateF1        = 0.60
	floorStoryR        = 0.85
	floorPolNeARPairF1 = 0.05
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
}
