package stance

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// Pair is one gold statement pair by the same speaker on the same subject.
type Pair struct {
	ID      string `json:"id"`
	Speaker string `json:"speaker"`
	From    struct {
		Date string `json:"date"`
		Text string `json:"text"`
	} `json:"from"`
	To struct {
		Date string `json:"date"`
		Text string `json:"text"`
	} `json:"to"`
	Shift bool `json:"shift"`
}

// Report is the shift detector's score on gold pairs.
type Report struct {
	Pairs, Shifts               int
	TruePos, FalsePos, FalseNeg int
	Precision, Recall, F1       float64
	Errors                      []string // one line per wrong decision
}

func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "shift detection on %d statement pairs (%d real shifts)\n", r.Pairs, r.Shifts)
	fmt.Fprintf(&b, "  precision %.3f  recall %.3f  F1 %.3f  (tp %d, fp %d, fn %d)\n",
		r.Precision, r.Recall, r.F1, r.TruePos, r.FalsePos, r.FalseNeg)
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "  %s\n", e)
	}
	return b.String()
}

// Evaluate scores Compare on a JSONL file of gold pairs.
func Evaluate(ctx context.Context, path string, minConfidence float64) (Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return Report{}, fmt.Errorf("opening gold pairs: %w", err)
	}
	defer f.Close()
	var r Report
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var p Pair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return r, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		a, b := Read(p.From.Text), Read(p.To.Text)
		ch, flagged := Compare(a, b)
		flagged = flagged && ch.Confidence >= minConfidence
		r.score(p, flagged, a, b)
	}
	if err := sc.Err(); err != nil {
		return r, fmt.Errorf("reading %s: %w", path, err)
	}
	r.finish()
	return r, nil
}

func (r *Report) score(p Pair, flagged bool, a, b Reading) {
	r.Pairs++
	if p.Shift {
		r.Shifts++
	}
	switch {
	case flagged && p.Shift:
		r.TruePos++
	case flagged:
		r.FalsePos++
		r.Errors = append(r.Errors, fmt.Sprintf("false shift %s: [%s] -> [%s]", p.ID, a, b))
	case p.Shift:
		r.FalseNeg++
		r.Errors = append(r.Errors, fmt.Sprintf("missed shift %s: [%s] -> [%s]", p.ID, a, b))
	}
}

func (r *Report) finish() {
	if r.TruePos+r.FalsePos > 0 {
		r.Precision = float64(r.TruePos) / float64(r.TruePos+r.FalsePos)
	}
	if r.Shifts > 0 {
		r.Recall = float64(r.TruePos) / float64(r.Shifts)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
}
