package timex

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// Counts are TempEval-3's tallies: strict matches share the extent,
// relaxed ones overlap, and value matches are relaxed ones with the right
// normalised value. Per TIMEX3 type, a match counts for recall under the
// gold type and for precision under the system's (the Sys tallies), as a
// DATE found for a gold TIME is right for one and wrong for the other.
type Counts struct {
	Gold, System, Strict, Relaxed, Value int
	SysStrict, SysRelaxed, SysValue      int
}

// prf is precision, recall and F1 of one criterion: ptp system-side and
// rtp gold-side matches.
func (c Counts) prf(ptp, rtp int) (p, r, f float64) {
	if c.System > 0 {
		p = float64(ptp) / float64(c.System)
	}
	if c.Gold > 0 {
		r = float64(rtp) / float64(c.Gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// StrictF1, RelaxedF1 and ValueF1 are the three headline figures.
func (c Counts) StrictF1() float64  { _, _, f := c.prf(c.SysStrict, c.Strict); return f }
func (c Counts) RelaxedF1() float64 { _, _, f := c.prf(c.SysRelaxed, c.Relaxed); return f }
func (c Counts) ValueF1() float64   { _, _, f := c.prf(c.SysValue, c.Value); return f }

func (c *Counts) add(o Counts) {
	c.SysStrict += o.SysStrict
	c.SysRelaxed += o.SysRelaxed
	c.SysValue += o.SysValue
	c.Gold += o.Gold
	c.System += o.System
	c.Strict += o.Strict
	c.Relaxed += o.Relaxed
	c.Value += o.Value
}

func (c Counts) write(b *strings.Builder, name string) {
	fmt.Fprintf(b, "  %-12s gold %4d found %4d", name, c.Gold, c.System)
	for _, m := range []struct {
		name     string
		ptp, rtp int
	}{{"strict", c.SysStrict, c.Strict}, {"relaxed", c.SysRelaxed, c.Relaxed}, {"value", c.SysValue, c.Value}} {
		p, r, f := c.prf(m.ptp, m.rtp)
		fmt.Fprintf(b, "  %s P %.3f R %.3f F1 %.3f", m.name, p, r, f)
	}
	b.WriteByte('\n')
}

// goldTimex is a temporal expression of an evaluation file.
type goldTimex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// score matches system expressions to gold ones (gold offsets in bytes),
// tallying per gold type; system totals go to the system's type.
func score(gold []goldTimex, sys []storyline.Timex, by map[string]*Counts, misses func(g goldTimex, s *storyline.Timex)) Counts {
	var total Counts
	tally := func(typ string) *Counts {
		if by[typ] == nil {
			by[typ] = &Counts{}
		}
		return by[typ]
	}
	total.Gold, total.System = len(gold), len(sys)
	for _, s := range sys {
		tally(s.Type).System++
	}
	used := make([]bool, len(sys))
	for _, g := range gold {
		c := tally(g.Type)
		c.Gold++
		best := -1
		for i, s := range sys {
			if used[i] || s.End <= g.Start || s.Start >= g.End {
				continue
			}
			if best < 0 || (s.Start == g.Start && s.End == g.End) {
				best = i
			}
		}
		if best < 0 {
			misses(g, nil)
			continue
		}
		used[best] = true
		s := sys[best]
		sc := tally(s.Type)
		total.Relaxed++
		total.SysRelaxed++
		c.Relaxed++
		sc.SysRelaxed++
		if s.Start == g.Start && s.End == g.End {
			total.Strict++
			total.SysStrict++
			c.Strict++
			sc.SysStrict++
		}
		if s.Value == g.Value {
			total.Value++
			total.SysValue++
			c.Value++
			sc.SysValue++
		} else {
			misses(g, &s)
		}
	}
	return total
}

// TimeBankReport holds TempEval-3's measures over TimeBank documents.
type TimeBankReport struct {
	Documents int
	Overall   Counts
	ByType    map[string]*Counts // by TIMEX3 type: DATE, TIME, DURATION, SET
}

func (r TimeBankReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "TimeBank: temporal expressions in %d documents (TempEval-3 measures)\n", r.Documents)
	r.Overall.write(&b, "overall")
	for _, t := range sortedKeys(r.ByType) {
		r.ByType[t].write(&b, t)
	}
	return b.String()
}

func sortedKeys(m map[string]*Counts) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

type timebankDoc struct {
	ID        string      `json:"id"`
	Published string      `json:"published"`
	Text      string      `json:"text"`
	Timexes   []goldTimex `json:"timexes"`
}

// EvaluateTimeBank tags each document of a TimeBank file (see
// shared/data/timex) with its creation time as the publication date and
// scores spans and values as TempEval-3 does. With half 0 or 1 only the
// documents on even or odd lines are scored, so that errors are studied
// on one half and confirmed on the other; -1 scores all.
func EvaluateTimeBank(ctx context.Context, path string, half int) (TimeBankReport, error) {
	r := TimeBankReport{ByType: map[string]*Counts{}}
	tagger := New()
	err := eachLine(ctx, path, func(line int, raw []byte) error {
		if half >= 0 && line%2 != half {
			return nil
		}
		var d timebankDoc
		if err := json.Unmarshal(raw, &d); err != nil {
			return err
		}
		if _, err := time.Parse("2006-01-02", d.Published); err != nil {
			return fmt.Errorf("document %q: bad published date %q", d.ID, d.Published)
		}
		a := &storyline.Article{Body: d.Text, Published: storyline.Published{Date: d.Published, Method: storyline.DateMetadata}}
		if err := tagger.Annotate(ctx, a); err != nil {
			return err
		}
		toByte := byteOffsets(d.Text)
		for i := range d.Timexes {
			g := &d.Timexes[i]
			if g.Start < 0 || g.End > len(toByte)-1 || g.Start > g.End {
				return fmt.Errorf("document %q: timex %q at %d-%d lies outside the text", d.ID, g.Text, g.Start, g.End)
			}
			g.Start, g.End = toByte[g.Start], toByte[g.End]
		}
		r.Documents++
		r.Overall.add(score(d.Timexes, a.Timexes, r.ByType, func(goldTimex, *storyline.Timex) {}))
		return nil
	})
	return r, err
}

// eachLine calls fn with every non-empty line of a JSONL file.
func eachLine(ctx context.Context, path string, fn func(line int, raw []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open evaluation data: %w", err)
	}
	defer f.Close()
	return scanLines(ctx, f, path, fn)
}

func scanLines(ctx context.Context, rd io.Reader, path string, fn func(line int, raw []byte) error) error {
	sc := bufio.NewScanner(rd)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for line := 0; sc.Scan(); line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		if err := fn(line, sc.Bytes()); err != nil {
			return fmt.Errorf("%s line %d: %w", path, line+1, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// byteOffsets maps code-point offsets (as the gold gives them) to bytes.
func byteOffsets(s string) []int {
	out := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

// PubDateReport says how well publication dates are found from text
// alone. Shares are of all articles: an article without a best day
// counts as a miss for the day-accuracy figures.
type PubDateReport struct {
	Articles, Dated, InRange, DatedInRange int
	ExactDay, Within3, Within30            int
	YearNamed, DayNamed                    int   // what the text offers: its true year, a date 0-3 days before the truth
	Widths, DatedWidths                    []int // range widths in days, sorted
	ByMethod                               map[string]int
}

func (r PubDateReport) String() string {
	n := float64(max(r.Articles, 1))
	share := func(k int) float64 { return float64(k) / n }
	var b strings.Builder
	fmt.Fprintf(&b, "publication date from text alone (metadata hidden) on %d articles: a best day for %d (%.3f) %v\n",
		r.Articles, r.Dated, share(r.Dated), r.ByMethod)
	fmt.Fprintf(&b, "  range holds the truth %.3f (%d of %d; with a best day: %d of %d)\n",
		share(r.InRange), r.InRange, r.Articles, r.DatedInRange, r.Dated)
	fmt.Fprintf(&b, "  best day: exact %.3f, within 3 days %.3f, within 30 days %.3f\n",
		share(r.ExactDay), share(r.Within3), share(r.Within30))
	fmt.Fprintf(&b, "  what the texts offer: the true year named in %d (%.3f), a full date 0-3 days before the truth in %d (%.3f)\n",
		r.YearNamed, share(r.YearNamed), r.DayNamed, share(r.DayNamed))
	fmt.Fprintf(&b, "  range width in days, all articles: %s\n", widthSummary(r.Widths))
	fmt.Fprintf(&b, "  range width in days, with a best day: %s\n", widthSummary(r.DatedWidths))
	return b.String()
}

// widthSummary gives the distribution of sorted widths by percentiles
// and by the share within a week, a month and a year.
func widthSummary(w []int) string {
	if len(w) == 0 {
		return "none"
	}
	at := func(q float64) int { return w[min(len(w)-1, int(q*float64(len(w))))] }
	within := func(days int) float64 { return float64(sort.SearchInts(w, days+1)) / float64(len(w)) }
	return fmt.Sprintf("p10 %d, p25 %d, median %d, p75 %d, p90 %d; <= 7: %.3f, <= 31: %.3f, <= 366: %.3f",
		at(0.10), at(0.25), at(0.5), at(0.75), at(0.9), within(7), within(31), within(366))
}

// pubDateDoc is an article of an evaluation file with its true date.
type pubDateDoc struct {
	Text, Published string
}

// EvaluatePubDate hides each article's publication date and finds it from
// the text alone, as Annotate does for articles without metadata.
func EvaluatePubDate(ctx context.Context, path string) (PubDateReport, error) {
	return evaluatePubDate(ctx, path, -1, time.Now().UTC())
}

// evaluatePubDate scores the articles on even or odd lines (half 0 or 1)
// or all (-1), as of the given day.
func evaluatePubDate(ctx context.Context, path string, half int, now time.Time) (PubDateReport, error) {
	r := PubDateReport{ByMethod: map[string]int{}}
	err := eachPubDate(ctx, path, half, func(d pubDateDoc, truth time.Time) {
		r.Articles++
		r.offered(d.Text, truth)
		p := fromTextAt(d.Text, now)
		r.ByMethod[p.Method]++
		e, err1 := time.Parse("2006-01-02", p.Earliest)
		l, err2 := time.Parse("2006-01-02", p.Latest)
		hit := err1 == nil && err2 == nil && !truth.Before(e) && !truth.After(l)
		width := 0
		if err1 == nil && err2 == nil {
			width = int(l.Sub(e).Hours()/24) + 1
			r.Widths = append(r.Widths, width)
		}
		if hit {
			r.InRange++
		}
		best, err := time.Parse("2006-01-02", p.Date)
		if err != nil {
			return
		}
		r.Dated++
		r.DatedWidths = append(r.DatedWidths, width)
		if hit {
			r.DatedInRange++
		}
		off := math.Abs(best.Sub(truth).Hours() / 24)
		for _, c := range []struct {
			days float64
			n    *int
		}{{0, &r.ExactDay}, {3, &r.Within3}, {30, &r.Within30}} {
			if off <= c.days {
				*c.n++
			}
		}
	})
	sort.Ints(r.Widths)
	sort.Ints(r.DatedWidths)
	return r, err
}

// offered counts what a text names that could date it: its true year,
// and a full date from three days before the truth to the truth itself.
func (r *PubDateReport) offered(text string, truth time.Time) {
	n, year, day := dayNumber(truth), false, false
	for _, c := range collectClues(text) {
		if c.kind > kindYear {
			continue
		}
		year = year || dayTime(c.from).Year() == truth.Year() && c.to-c.from < 366
		day = day || c.kind == kindDay && c.from <= n && n-c.from <= 3
	}
	if year {
		r.YearNamed++
	}
	if day {
		r.DayNamed++
	}
}

// eachPubDate calls fn with every article of a file that has a true day.
func eachPubDate(ctx context.Context, path string, half int, fn func(d pubDateDoc, truth time.Time)) error {
	return eachLine(ctx, path, func(line int, raw []byte) error {
		if half >= 0 && line%2 != half {
			return nil
		}
		var d pubDateDoc
		if err := json.Unmarshal(raw, &d); err != nil {
			return err
		}
		truth, err := time.Parse("2006-01-02", d.Published[:min(10, len(d.Published))])
		if err != nil {
			return nil // an article without a true day says nothing here
		}
		fn(d, truth)
		return nil
	})
}

// GoldReport scores the project's own gold sentences (timex/testdata/gold.jsonl).
type GoldReport struct {
	Sentences, Traps, FalseHits int
	Overall                     Counts
	ByForm                      map[string]*Counts
	Errors                      []string // what went wrong, for study
}

func (r GoldReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "gold: %d expressions in %d sentences; %d trap sentences, %d false hits on them\n",
		r.Overall.Gold, r.Sentences, r.Traps, r.FalseHits)
	r.Overall.write(&b, "overall")
	for _, f := range sortedKeys(r.ByForm) {
		r.ByForm[f].write(&b, f)
	}
	return b.String()
}

type goldSentence struct {
	Published string      `json:"published"`
	Form      string      `json:"form"`
	Text      string      `json:"text"`
	Timexes   []goldTimex `json:"timexes"`
}

// EvaluateGold tags each gold sentence against its publication date and
// scores it as EvaluateTimeBank does, by form ("weekday", "duration",
// "trap" ...). Gold offsets are bytes.
func EvaluateGold(ctx context.Context, path string) (GoldReport, error) {
	r := GoldReport{ByForm: map[string]*Counts{}}
	tagger := New()
	err := eachLine(ctx, path, func(_ int, raw []byte) error {
		var g goldSentence
		if err := json.Unmarshal(raw, &g); err != nil {
			return err
		}
		for _, tx := range g.Timexes {
			if tx.Start < 0 || tx.End > len(g.Text) || tx.Start > tx.End || g.Text[tx.Start:tx.End] != tx.Text {
				return fmt.Errorf("sentence %q: timex %q does not sit at %d-%d", g.Text, tx.Text, tx.Start, tx.End)
			}
		}
		a := &storyline.Article{Body: g.Text, Published: storyline.Published{Date: g.Published, Method: storyline.DateMetadata}}
		if err := tagger.Annotate(ctx, a); err != nil {
			return err
		}
		r.Sentences++
		if len(g.Timexes) == 0 {
			r.Traps++
			r.FalseHits += len(a.Timexes)
		}
		form := map[string]*Counts{}
		c := score(g.Timexes, a.Timexes, form, func(gt goldTimex, s *storyline.Timex) {
			got := "nothing"
			if s != nil {
				got = fmt.Sprintf("%q = %s", s.Text, s.Value)
			}
			r.Errors = append(r.Errors, fmt.Sprintf("%s: %q = %s, got %s", g.Text, gt.Text, gt.Value, got))
		})
		for _, s := range a.Timexes {
			if len(g.Timexes) == 0 {
				r.Errors = append(r.Errors, fmt.Sprintf("%s: false hit %q = %s", g.Text, s.Text, s.Value))
			}
		}
		r.Overall.add(c)
		if r.ByForm[g.Form] == nil {
			r.ByForm[g.Form] = &Counts{}
		}
		r.ByForm[g.Form].add(c)
		return nil
	})
	return r, err
}
