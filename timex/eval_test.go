package timex

import (
	"context"
	"testing"

	"github.com/storyline-news/storyline/internal/shared"
)

func TestTimeBank(t *testing.T) {
	path, err := shared.Path("data/timex/train.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, half := range []int{0, 1} {
		r, err := EvaluateTimeBank(context.Background(), path, half)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("half %d:\n%s", half, r)
		if r.Relaxed.F1 < floorRelaxed || r.Value.F1 < floorValue {
			t.Errorf("half %d: relaxed F1 %.3f (floor %.2f), value F1 %.3f (floor %.2f)", half, r.Relaxed.F1, floorRelaxed, r.Value.F1, floorValue)
		}
	}
}

func TestPubDateFromText(t *testing.T) {
	path, err := shared.Path("data/polnear/dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	r, err := EvaluatePubDate(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(r)
	if float64(r.InRange) < floorInRange*float64(r.Articles) {
		t.Errorf("range holds the truth for %d of %d: under the floor %.2f", r.InRange, r.Articles, floorInRange)
	}
}

const (
	floorRelaxed = 0.78
	floorValue   = 0.65
	floorInRange = 0.02
)
