package stance

import (
	"context"
	"testing"
)

func TestEvaluateGoldPairs(t *testing.T) {
	r, err := Evaluate(context.Background(), "testdata/shifts.jsonl", MinConfidence)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(r)
	if r.Pairs < 40 || r.Shifts*2 < r.Pairs-2 {
		t.Fatalf("gold set too small or unbalanced: %d pairs, %d shifts", r.Pairs, r.Shifts)
	}
	// Precision first: a flagged shift must be real.
	if r.Precision < 0.9 || r.Recall < 0.7 {
		t.Errorf("precision %.3f recall %.3f: under the floor (0.90, 0.70)", r.Precision, r.Recall)
	}
}

// The held-out pairs were written after the rules were frozen; they show
// what the detector does on phrasing it was not built around.
func TestEvaluateHeldOutPairs(t *testing.T) {
	r, err := Evaluate(context.Background(), "testdata/shifts-heldout.jsonl", MinConfidence)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(r)
	if r.Precision < 0.75 || r.Recall < 0.4 {
		t.Errorf("held-out precision %.3f recall %.3f: under the floor (0.75, 0.40)", r.Precision, r.Recall)
	}
}
