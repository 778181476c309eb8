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
	if s.BCubedP < floorStoryP {
		t.Errorf("storyline B-cubed precision %.3f under the floor %.2f", s.BCubedP, floorStoryP)
	}
}

const (
	floorEvents = 0.78
	floorStoryP = 0.93
)
