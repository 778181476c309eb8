package timex

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

// Infer estimates when an undated article was published from its text
// alone, as of now. Every expression that bears on the day is a clue: a
// dated one ("on December 11, 2017", told in the past) says the day is
// after it, and most likely soon after; one told in the future says the
// day is before it; a day without a year ("Tuesday, Nov. 8"), a holiday,
// a bare month or a weekday says where in the year or the week the day
// falls. Each candidate day is scored by how far it lies from the nearest
// thing of each kind named before and after it, with weights fitted on
// PolNeAR train (dayModel); the answer is the best day and the shortest
// range holding most of the weight. With no clue at all the range runs
// from 1900 to now and the method says "unknown".
func Infer(body string) storyline.Published {
	return inferAt(collectClues(body), time.Now().UTC())
}

// rangeMass is the share of the weight the range holds, chosen on PolNeAR
// train for ranges that hold the truth about nine times in ten.
const rangeMass = 0.85

// earliestDay is where a text that names no year leaves the range open.
var earliestDay = dayNumber(date(1900, 1, 1))

func inferAt(clues []clue, now time.Time) storyline.Published {
	if !dated(clues) {
		return undated(clues, now)
	}
	lo, hi := domain(clues, dayNumber(now))
	score := scores(clues, lo, hi, &dayModel)
	best, from, to := summarise(score)
	from, to = min(from, best), max(to, best)
	return storyline.Published{Date: dayValue(dayTime(lo + best)), Earliest: dayValue(dayTime(lo + from)),
		Latest: dayValue(dayTime(lo + to)), Method: storyline.DateInferred, Evidence: evidence(clues, lo+best)}
}

// undated answers for a text that names no year: its weekdays, holidays
// and days of the year recur every year, so the range is all of them.
func undated(clues []clue, now time.Time) storyline.Published {
	p := storyline.Published{Earliest: dayValue(dayTime(earliestDay)), Latest: dayValue(now), Method: storyline.DateUnknown,
		Evidence: "no date, weekday or holiday named: the range is bounded only by now"}
	if len(clues) > 0 {
		p.Evidence = "no year named, only days that recur every year (the range is bounded only by now): " + evidence(clues, dayNumber(now))
	}
	return p
}

// scores is the model's log-weight of every day of [lo, hi], summed over
// runs as differences.
func scores(clues []clue, lo, hi int, m *model) []float64 {
	score := make([]float64, hi-lo+2)
	eachFeature(clues, lo, hi, func(g, side, bin, from, to int) {
		w := m[g][side][bin]
		score[from-lo] += w
		score[to+1-lo] -= w
	})
	for i := 1; i < len(score); i++ {
		score[i] += score[i-1]
	}
	return score[:hi-lo+1]
}

// model holds a weight per group, side and lag bin.
type model [groupCount][2][lagBinCount]float64

// groupParams shape a group's weights: a day inside what the group names,
// a day with nothing named before it (or after it), and days at a lag,
// whose weight falls with the log of the lag. So few numbers cannot learn
// the corpus's own calendar, only how far news writes from what it names.
type groupParams struct {
	Inside, BackNone, BackBase, BackSlope, AheadNone, AheadBase, AheadSlope float64
}

type params [groupCount]groupParams

// logLag is the log of a typical lag of each bin (its geometric middle).
var logLag = func() [lagBinCount]float64 {
	var out [lagBinCount]float64
	for b := 1; b < lagNone; b++ {
		least, most := float64(lagEdges[b-1]+1), 2*float64(lagEdges[len(lagEdges)-1])
		if b < len(lagEdges) {
			most = float64(lagEdges[b])
		}
		out[b] = math.Log(1 + math.Sqrt(least*most))
	}
	return out
}()

// model spreads the parameters over the bins.
func (p *params) model() model {
	var m model
	for g, gp := range p {
		m[g][sideBack][0] = gp.Inside
		m[g][sideBack][lagNone] = gp.BackNone
		m[g][sideAhead][lagNone] = gp.AheadNone
		for b := 1; b < lagNone; b++ {
			m[g][sideBack][b] = gp.BackBase - gp.BackSlope*logLag[b]
			m[g][sideAhead][b] = gp.AheadBase - gp.AheadSlope*logLag[b]
		}
	}
	return m
}

// paramGradient folds a gradient over bins back onto the parameters.
func paramGradient(gm *model) params {
	var p params
	for g := range gm {
		gp := &p[g]
		gp.Inside = gm[g][sideBack][0]
		gp.BackNone = gm[g][sideBack][lagNone]
		gp.AheadNone = gm[g][sideAhead][lagNone]
		for b := 1; b < lagNone; b++ {
			gp.BackBase += gm[g][sideBack][b]
			gp.BackSlope -= gm[g][sideBack][b] * logLag[b]
			gp.AheadBase += gm[g][sideAhead][b]
			gp.AheadSlope -= gm[g][sideAhead][b] * logLag[b]
		}
	}
	return p
}

// dayModel is the fitted model over bins.
var dayModel = dayParams.model()

// dated tells a text that names a year, directly or through a weekday
// that fixes one: without it the best day is a guess at the year.
func dated(clues []clue) bool {
	for _, c := range clues {
		if c.kind <= kindYear {
			return true
		}
	}
	return false
}

// domain is the span of days worth scoring, to now: from well before the
// earliest dated clue, as a plan may be told years ahead ("by 2030"), but
// not from long before the latest, as the day cannot precede what the
// text reports as done by decades.
func domain(clues []clue, now int) (int, int) {
	first, last := math.MaxInt, math.MinInt
	for _, c := range clues {
		if c.kind <= kindYear {
			first, last = min(first, c.from), max(last, c.from)
		}
	}
	lo := max(first-domainLead, last-domainReach, earliestDay)
	return min(lo, now-366), now // nothing is published after now, whatever it plans
}

const (
	domainLead  = 30 * 366 // a bond "due March 1, 2011" may be sold in 1989
	domainReach = 40 * 366
)

func weekdayOf(n int) int { return ((n+4)%7 + 7) % 7 } // 1970-01-01 was a Thursday

// interval is one occurrence of what a clue names, in days.
type interval struct{ from, to int }

// occurrences lists, in order, every period in [lo, hi] (and one beyond
// each end) that a clue may mean.
func occurrences(c clue, lo, hi int) []interval {
	switch {
	case c.base != nil:
		return shifted(c, lo, hi)
	case c.kind == kindWeekday:
		first := lo - 7 + (c.weekday-weekdayOf(lo-7)+7)%7
		out := make([]interval, 0, (hi-first)/7+2)
		for d := first; d <= hi+7; d += 7 {
			out = append(out, interval{d, d})
		}
		return out
	case c.yearly == nil:
		return []interval{{c.from, c.to}}
	}
	var out []interval
	for y := dayTime(lo).Year() - 1; y <= dayTime(hi).Year()+1; y++ {
		from, to, ok := c.yearly(y)
		if ok && (c.weekday < 0 || weekdayOf(from) == c.weekday) {
			out = append(out, interval{from, to})
		}
	}
	return out
}

// shifted lists the periods a relative expression may mean: every period
// its base may mean, widened to the year, month or day it counts in and
// moved by its shift.
func shifted(c clue, lo, hi int) []interval {
	reach := 400 + 366*abs(c.shift)
	if c.kind == kindSameMonth {
		reach = 400 + 31*abs(c.shift)
	}
	base := occurrences(*c.base, lo-reach, hi+reach)
	out := make([]interval, 0, len(base))
	for _, o := range base {
		from, to := dayTime(o.from), dayTime(o.to)
		switch c.kind {
		case kindSameYear:
			from, to = date(from.Year()+c.shift, 1, 1), date(to.Year()+c.shift, 12, 31)
		case kindSameMonth:
			from = date(from.Year(), int(from.Month())+c.shift, 1)
			to = date(to.Year(), int(to.Month())+c.shift+1, 0)
		default:
			from, to = from.AddDate(0, 0, c.shift), to.AddDate(0, 0, c.shift)
		}
		out = append(out, interval{dayNumber(from), dayNumber(to)})
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Features of a candidate day, per group of clues (a kind told in a
// tense): how many days after the latest thing the group names it lies
// (0 inside one), and how many before the next. Lags fall into the bins
// of lagEdges; lagNone is the bin for nothing on that side.
var lagEdges = []int{0, 1, 2, 3, 7, 14, 30, 61, 122, 183, 365, 730, 1825, 3650, 7300}

const (
	lagNone     = 16
	lagBinCount = lagNone + 1
	sideBack    = 0
	sideAhead   = 1
)

// Groups besides kind and tense pool clues across them, so that a rare
// kind learns from its neighbours: any date, a day or month (dates news
// gives of recent events), each as told, as past and as looked forward
// to, and any day of the year.
const (
	groupDated = int(kindCount)*3 + iota
	groupDatedPast
	groupDatedFuture
	groupFine
	groupFinePast
	groupFineFuture
	groupDays
	groupCount
)

var groupNames = [groupCount - groupDated]string{"any date", "any date told as past", "any date looked forward to",
	"a day or month", "a day or month told as past", "a day or month looked forward to", "any day of the year"}

// groups are those a clue counts in: its kind and tense, and the pools.
func groups(c clue) []int {
	g := []int{int(c.kind)*3 + c.dir + 1}
	switch {
	case c.kind <= kindYear:
		g = append(g, groupDated)
		if c.kind != kindYear {
			g = append(g, groupFine)
		}
		if c.dir == past {
			g = append(g, groupDatedPast)
			if c.kind != kindYear {
				g = append(g, groupFinePast)
			}
		}
		if c.dir == future {
			g = append(g, groupDatedFuture)
			if c.kind != kindYear {
				g = append(g, groupFineFuture)
			}
		}
	case c.kind == kindYearlessDay || c.kind == kindWeekdayDate:
		g = append(g, groupDays)
	}
	return g
}

// lagBin is the bin of a lag of zero days or more.
func lagBin(lag int) int {
	for b, e := range lagEdges {
		if lag <= e {
			return b
		}
	}
	return len(lagEdges)
}

// eachFeature calls fn for every run of days [from, to] of the domain
// over which a group's back or ahead lag stays in one bin.
func eachFeature(clues []clue, lo, hi int, fn func(g, side, bin, from, to int)) {
	var byGroup [groupCount][]interval
	for _, c := range clues {
		occ := occurrences(c, lo, hi)
		for _, g := range groups(c) {
			byGroup[g] = append(byGroup[g], occ...)
		}
	}
	for g, occ := range byGroup {
		if len(occ) == 0 {
			continue
		}
		runs(merge(occ), lo, hi, func(side, bin, from, to int) {
			if from, to = max(from, lo), min(to, hi); from <= to {
				fn(g, side, bin, from, to)
			}
		})
	}
}

// merge sorts intervals and joins those that touch or overlap.
func merge(occ []interval) []interval {
	slices.SortFunc(occ, func(a, b interval) int { return a.from - b.from })
	out := occ[:1]
	for _, o := range occ[1:] {
		last := &out[len(out)-1]
		if o.from <= last.to+1 {
			last.to = max(last.to, o.to)
			continue
		}
		out = append(out, o)
	}
	return out
}

// runs reports the bins of the days of [lo, hi] around disjoint sorted
// intervals (unclipped: fn clips). A day's back lag counts from the end
// of the latest interval begun by then (0 inside it); its ahead lag
// counts to the start of the next interval. (Counting from the middles
// fitted PolNeAR train worse.)
func runs(occ []interval, lo, hi int, fn func(side, bin, from, to int)) {
	fn(sideBack, lagNone, lo, occ[0].from-1)
	for k, o := range occ {
		end := hi
		if k+1 < len(occ) {
			end = min(hi, occ[k+1].from-1)
		}
		fn(sideBack, 0, o.from, min(o.to, end))
		lagRuns(o.to, 1, o.to+1, end, sideBack, fn)
	}
	start := lo
	for _, o := range occ {
		lagRuns(o.from, -1, start, min(o.from-1, hi), sideAhead, fn)
		start = max(start, o.from)
	}
	fn(sideAhead, lagNone, start, hi)
}

// lagRuns reports the bins of days [a, b] by their lag from ref (d - ref
// for sign 1, ref - d for sign -1), every lag being at least one day.
func lagRuns(ref, sign, a, b, side int, fn func(side, bin, from, to int)) {
	for bin := 1; bin <= len(lagEdges) && a <= b; bin++ {
		least, most := lagEdges[bin-1]+1, math.MaxInt32
		if bin < len(lagEdges) {
			most = lagEdges[bin]
		}
		from, to := ref+least, ref+most
		if sign < 0 {
			from, to = ref-most, ref-least
		}
		if sign > 0 && from > b || sign < 0 && to < a {
			return // the bins further out lie beyond the days asked for
		}
		if from, to = max(from, a), min(to, b); from <= to {
			fn(side, bin, from, to)
		}
	}
}

// summarise turns scores into the best day and the shortest range of days
// holding rangeMass of their weight. (The best day is the top one: the
// middle of the heaviest week fitted PolNeAR train worse.)
func summarise(score []float64) (best, from, to int) {
	top := math.Inf(-1)
	for i, v := range score {
		if v > top {
			top, best = v, i
		}
	}
	w := make([]float64, len(score))
	total := 0.0
	for i, v := range score {
		w[i] = math.Exp(v - top)
		total += w[i]
	}
	need := rangeMass * total
	from, to = 0, len(score)-1
	sum, a := 0.0, 0
	for b := range w {
		sum += w[b]
		for a < b && sum-w[a] >= need {
			sum -= w[a]
			a++
		}
		if sum >= need && b-a < to-from {
			from, to = a, b
		}
	}
	return best, from, to
}

// evidence names the clues closest to the best day, dated ones first.
func evidence(clues []clue, best int) string {
	type near struct {
		c    clue
		days int
	}
	var ranked []near
	for _, c := range clues {
		d := math.MaxInt
		for _, o := range occurrences(c, best-400, best+400) {
			switch {
			case o.from <= best && best <= o.to:
				d = 0
			case o.to < best:
				d = min(d, best-o.to)
			default:
				d = min(d, o.from-best)
			}
		}
		if c.kind > kindYear {
			d += 1000 // a recurring day places the day in its year, not the year
		}
		ranked = append(ranked, near{c, d})
	}
	sort.SliceStable(ranked, func(a, b int) bool { return ranked[a].days < ranked[b].days })
	var parts []string
	for _, r := range ranked[:min(3, len(ranked))] {
		parts = append(parts, fmt.Sprintf("%q (%s, %s) in: %s", r.c.words, kindNames[r.c.kind], tenseNames[r.c.dir+1], clip(r.c.sentence, 160)))
	}
	return fmt.Sprintf("%d clues; nearest: %s", len(clues), strings.Join(parts, "; "))
}

var tenseNames = [3]string{"told as past", "tense unclear", "looked forward to"}

func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n-- // not inside a UTF-8 sequence
	}
	return s[:n] + "…"
}

// period reads a TIMEX3 value that needs no anchor as the days it covers.
func period(v string) (from, to time.Time, gran string, ok bool) {
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t, t, storyline.GranularityDay, true
	}
	if t, err := time.Parse("2006-01", v); err == nil {
		return t, t.AddDate(0, 1, -1), storyline.GranularityMonth, true
	}
	if len(v) == 7 && v[4] == '-' && v[5] == 'Q' && v[6] >= '1' && v[6] <= '4' {
		if t, err := time.Parse("2006", v[:4]); err == nil {
			from := t.AddDate(0, 3*int(v[6]-'1'), 0)
			return from, from.AddDate(0, 3, -1), storyline.GranularityMonth, true
		}
	}
	if len(v) == 7 && v[4] == '-' {
		if start, ok := seasonStart[v[5:]]; ok {
			if t, err := time.Parse("2006", v[:4]); err == nil {
				from := date(t.Year(), start, 1)
				if start == 12 {
					from = date(t.Year()-1, 12, 1) // winter 2016 may begin in December 2015
				}
				return from, from.AddDate(0, 3, -1), storyline.GranularitySeason, true
			}
		}
	}
	if t, err := time.Parse("2006", v); err == nil && len(v) == 4 {
		return t, t.AddDate(1, 0, -1), storyline.GranularityYear, true
	}
	if t, err := time.Parse("2006", v+"0"); err == nil && len(v) == 3 {
		return t, t.AddDate(10, 0, -1), storyline.GranularityDecade, true
	}
	return time.Time{}, time.Time{}, "", false
}

var seasonStart = map[string]int{"WI": 12, "SP": 3, "SU": 6, "FA": 9}
