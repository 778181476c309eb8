package timex

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// SpanScores are precision, recall and F1 of one matching criterion.
type SpanScores struct {
	TP                    int
	Precision, Recall, F1 float64
}

func scores(tp, system, gold int) SpanScores {
	s := SpanScores{TP: tp}
	if system > 0 {
		s.Precision = float64(tp) / float64(system)
	}
	if gold > 0 {
		s.Recall = float64(tp) / float64(gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// TimeBankReport holds TempEval-3's measures.
type TimeBankReport struct {
	Documents, Gold, System int
	Strict, Relaxed, Value  SpanScores
	ByType                  map[string][2]int // gold type -> found (relaxed), total
}

func (r TimeBankReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "temporal expressions on %d documents (%d gold, %d found)\n", r.Documents, r.Gold, r.System)
	line := func(name string, s SpanScores) {
		fmt.Fprintf(&b, "  %-13s P %.3f  R %.3f  F1 %.3f\n", name, s.Precision, s.Recall, s.F1)
	}
	line("strict span", r.Strict)
	line("relaxed span", r.Relaxed)
	line("value", r.Value)
	types := make([]string, 0, len(r.ByType))
	for t := range r.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		fmt.Fprintf(&b, "  recall of %-9s %d of %d\n", t, r.ByType[t][0], r.ByType[t][1])
	}
	return b.String()
}

type timebankDoc struct {
	ID        string `json:"id"`
	Published string `json:"published"`
	Text      string `json:"text"`
	Timexes   []struct {
		Start, End int
		Text, Type string
		Value      string
	} `json:"timexes"`
}

// EvaluateTimeBank tags each document with its creation date as the
// publication date and scores spans and values as TempEval-3 does.
// Documents whose id falls in half (0 or 1, by parity of their line) are
// scored alone when half >= 0, so errors are studied on one half and
// confirmed on the other.
func EvaluateTimeBank(ctx context.Context, path string, half int) (TimeBankReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return TimeBankReport{}, err
	}
	defer f.Close()
	r := TimeBankReport{ByType: map[string][2]int{}}
	var strict, relaxed, value int
	tagger := New()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 0; sc.Scan(); line++ {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		if half >= 0 && line%2 != half {
			continue
		}
		var d timebankDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return r, fmt.Errorf("%s: %w", path, err)
		}
		a := &storyline.Article{Body: d.Text, Published: storyline.Published{Date: d.Published, Method: storyline.DateMetadata}}
		if err := tagger.Annotate(ctx, a); err != nil {
			return r, err
		}
		r.Documents++
		r.Gold += len(d.Timexes)
		r.System += len(a.Timexes)
		toByte := byteOffsets(d.Text)
		used := make([]bool, len(a.Timexes))
		for _, g := range d.Timexes {
			gs, ge := toByte[min(g.Start, len(toByte)-1)], toByte[min(g.End, len(toByte)-1)]
			counts := r.ByType[g.Type]
			counts[1]++
			best := -1
			for i, s := range a.Timexes {
				if used[i] || s.End <= gs || s.Start >= ge {
					continue
				}
				if best < 0 || (s.Start == gs && s.End == ge) {
					best = i
				}
			}
			if best >= 0 {
				used[best] = true
				relaxed++
				counts[0]++
				s := a.Timexes[best]
				if s.Start == gs && s.End == ge {
					strict++
				}
				if s.Value == g.Value {
					value++
				}
			}
			r.ByType[g.Type] = counts
		}
	}
	r.Strict, r.Relaxed, r.Value = scores(strict, r.System, r.Gold), scores(relaxed, r.System, r.Gold), scores(value, r.System, r.Gold)
	return r, sc.Err()
}

// byteOffsets maps code-point offsets (as the gold gives them) to bytes.
func byteOffsets(s string) []int {
	out := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// PubDateReport says how well publication dates are inferred from text.
type PubDateReport struct {
	Articles, Dated, InRange, ExactDay int
	MedianWidthDays                    float64
}

func (r PubDateReport) String() string {
	n := float64(max(r.Articles, 1))
	return fmt.Sprintf("publication date from text alone on %d articles: a date for %d (%.3f)\n"+
		"  range holds the truth %.3f, median range width %.0f days, exact day %.3f\n",
		r.Articles, r.Dated, float64(r.Dated)/n, float64(r.InRange)/n, r.MedianWidthDays, float64(r.ExactDay)/n)
}

// EvaluatePubDate hides each article's publication date and infers it
// from the text alone.
func EvaluatePubDate(ctx context.Context, path string) (PubDateReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return PubDateReport{}, err
	}
	defer f.Close()
	var r PubDateReport
	var widths []float64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		var d struct{ Text, Published string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return r, err
		}
		if d.Published == "" {
			continue
		}
		r.Articles++
		p := Infer(d.Text)
		if p.Date == "" {
			continue
		}
		r.Dated++
		if p.Earliest <= d.Published && d.Published <= p.Latest {
			r.InRange++
		}
		if p.Date == d.Published {
			r.ExactDay++
		}
		e, _ := time.Parse("2006-01-02", p.Earliest)
		l, _ := time.Parse("2006-01-02", p.Latest)
		widths = append(widths, l.Sub(e).Hours()/24)
	}
	if len(widths) > 0 {
		sort.Float64s(widths)
		r.MedianWidthDays = widths[len(widths)/2]
	}
	return r, sc.Err()
}
