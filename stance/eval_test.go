package stance

import (
	"context"
	"testing"
)

// The pair sets and their history: shifts.jsonl (46 pairs) is the study
// set the rules were built on; shifts-heldout.jsonl (20) and
// shifts-heldout2.jsonl (30) were each written after the rules of their
// day were frozen, measured once (P 1.00 R 0.50 and P 0.82 R 0.60), then
// studied; shifts-heldout3.jsonl (24) was written after the composition
// rules were frozen and has not been studied (first run P 0.92 R 0.92).
func TestEvaluatePairSets(t *testing.T) {
	for _, c := range []struct {
		file              string
		precision, recall float64
	}{
		{"testdata/shifts.jsonl", 0.95, 0.85},
		{"testdata/shifts-heldout.jsonl", 0.9, 0.8},
		{"testdata/shifts-heldout2.jsonl", 0.85, 0.7},
		{"testdata/shifts-heldout3.jsonl", 0.85, 0.8},
	} {
		r, err := Evaluate(context.Background(), c.file, MinConfidence)
		if err != nil {
			t.Fatal(err)
		}
		t.Log(c.file, r)
		if r.Shifts*2 < r.Pairs-2 || r.Shifts*2 > r.Pairs+2 {
			t.Errorf("%s: unbalanced, %d shifts in %d pairs", c.file, r.Shifts, r.Pairs)
		}
		// Precision first: a flagged shift must be real.
		if r.Precision < c.precision || r.Recall < c.recall {
			t.Errorf("%s: precision %.3f recall %.3f under the floor (%.2f, %.2f)", c.file, r.Precision, r.Recall, c.precision, c.recall)
		}
	}
}
