package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/sentence"
)

// clue is a date the text names, with the tense it is named in.
type clue struct {
	from, to time.Time // the period the expression covers
	gran     string
	dir      int
	text     string // the sentence, as evidence
	weekday  int    // a weekday written next to a day without a year, or -1
	undated  bool   // a day without a year: "Dec. 11"
	placed   bool   // an undated day given the latest year named, which may be too early
	month    int
	day      int
}

// Inference widths, measured on PolNeAR train (see EvaluatePubDate): news
// reports a recent day within days, but a text whose latest date is a
// historical one ("Sept. 11, 2001") can be written years later.
const (
	recentSlack  = 21 * 24 * time.Hour // after a day reported together with relative days
	yearsOfSlack = 8                   // after the latest year named, with nothing finer
)

// Infer estimates when an undated article was published from its text
// alone. The latest date it reports as past bounds the day from below; a
// date it looks forward to bounds it from above; relative days ("on
// Tuesday", "yesterday") say the latest named day is recent. With only
// years to go on the range is wide, and with nothing at all the answer is
// "unknown" rather than a guess.
func Infer(body string) storyline.Published {
	clues, relative := collectClues(body)
	if len(clues) == 0 {
		return storyline.Published{Method: storyline.DateUnknown}
	}
	placeUndated(clues)
	lo, loClue, ok := lowerBound(clues)
	if !ok {
		return storyline.Published{Method: storyline.DateUnknown}
	}
	hi := upperFor(lo, loClue, clues, relative)
	return inferred(bestDay(lo, hi, loClue, clues), lo, hi, loClue)
}

// collectClues tags the text without an anchor and keeps the dates that
// need none; it also says whether the text speaks in relative days.
func collectClues(body string) ([]clue, bool) {
	var clues []clue
	relative := false
	sc := newScanner(anchor{})
	for _, s := range sentence.Split(body) {
		text := body[s.Start:s.End]
		ws := words(text)
		relative = relative || hasRelativeDay(ws)
		for _, m := range sc.sentence(ws) {
			c := clue{dir: tenseNear(ws, m.i), text: strings.TrimSpace(text), weekday: -1}
			if from, to, gran, ok := period(m.value); ok {
				c.from, c.to, c.gran = from, to, gran
				clues = append(clues, c)
				continue
			}
			if md, ok := strings.CutPrefix(m.value, "XXXX-"); ok && len(md) == 5 {
				c.month, _ = strconv.Atoi(md[:2])
				c.day, _ = strconv.Atoi(md[3:])
				c.undated, c.gran = true, storyline.GranularityDay
				if wd, ok := weekdays[peek(ws, m.i-1)]; ok {
					c.weekday = wd
				}
				clues = append(clues, c)
			}
		}
	}
	return clues, relative
}

// hasRelativeDay finds words that only make sense close to the events:
// "on Tuesday", "yesterday", "last week", "tonight".
func hasRelativeDay(ws []word) bool {
	for i, w := range ws {
		switch w.lower {
		case "yesterday", "today", "tonight", "tomorrow":
			return true
		case "week", "weekend":
			if p := peek(ws, i-1); p == "last" || p == "this" || p == "next" {
				return true
			}
		}
		if _, ok := weekdays[w.lower]; ok && isCapital(w.text) && !newspaperName(ws, i) {
			return true
		}
	}
	return false
}

// placeUndated gives a day without a year the year the text talks about,
// or the nearby year in which its written weekday falls on it.
func placeUndated(clues []clue) {
	main, loose := latestYear(clues, true), false
	if main == 0 {
		main, loose = latestYear(clues, false), true
	}
	for i := range clues {
		c := &clues[i]
		if !c.undated || main == 0 {
			continue
		}
		y := main
		if c.weekday >= 0 {
			for _, cand := range []int{main, main + 1, main - 1} {
				if int(date(cand, c.month, c.day).Weekday()) == c.weekday {
					y = cand
					break
				}
			}
		}
		if !validDay(y, c.month, c.day) {
			continue
		}
		c.from = date(y, c.month, c.day)
		c.to, c.undated, c.placed = c.from, false, true
		if loose {
			c.from = c.from.AddDate(-1, 0, 0) // the year named may be one looked forward to
		}
	}
}

// latestYear is the latest year the text names as past, or also in no
// clear tense.
func latestYear(clues []clue, pastOnly bool) int {
	y := 0
	for _, c := range clues {
		if !c.undated && !c.placed && (c.dir == past || !pastOnly && c.dir == unknown) && c.to.Year() > y {
			y = c.from.Year()
		}
	}
	return y
}

// lowerBound is the start of the latest period the text reports as past.
// An untensed year may be one looked forward to ("the 2016 election"), so
// it bounds only from the year before.
func lowerBound(clues []clue) (time.Time, clue, bool) {
	var lo time.Time
	var best clue
	for _, c := range clues {
		if c.undated || c.placed || c.dir == future {
			continue // a day without a year bounds nothing: its year is a guess
		}
		if c.gran == storyline.GranularityYear && c.dir != past {
			continue
		}
		t := c.from
		if c.gran == storyline.GranularityDay && c.dir != past {
			t = t.AddDate(0, 0, -7)
		}
		if t.After(lo) || (t.Equal(lo) && finer(c.gran, best.gran)) {
			lo, best = t, c
		}
	}
	if best.gran == storyline.GranularityDay {
		lo = best.from.AddDate(0, 0, -1)
		if best.dir != past {
			lo = best.from.AddDate(0, 0, -7)
		}
	}
	return lo, best, !lo.IsZero()
}

func finer(a, b string) bool { return granRank[a] > granRank[b] }

var granRank = map[string]int{storyline.GranularityDay: 4, storyline.GranularityWeek: 3, storyline.GranularityMonth: 2,
	storyline.GranularitySeason: 2, storyline.GranularityYear: 1, storyline.GranularityDecade: 0}

// upperFor widens the range after the lower bound as far as the evidence
// allows, and no further than a date the text still looks forward to.
func upperFor(lo time.Time, c clue, clues []clue, relative bool) time.Time {
	current := !c.placed && relative && c.from.Year() >= latestYear(clues, false)
	var hi time.Time
	switch {
	case current && c.gran == storyline.GranularityDay:
		hi = c.to.Add(recentSlack)
	default:
		hi = time.Date(c.to.Year()+yearsOfSlack, 12, 31, 0, 0, 0, 0, time.UTC)
	}
	for _, f := range clues {
		if f.dir == future && !f.undated && f.to.After(lo) && f.to.Before(hi) {
			hi = f.to
		}
	}
	return hi
}

// bestDay is the latest reported day inside the range; a day without a
// year (a dateline's "Feb. 8") is usually the article's own, so it counts.
func bestDay(lo, hi time.Time, c clue, clues []clue) time.Time {
	best := time.Time{}
	if c.gran == storyline.GranularityDay {
		best = c.to
	}
	for _, p := range clues {
		if p.placed && p.dir != future && !p.to.Before(lo) && !p.to.After(hi) && p.to.After(best) {
			best = p.to
		}
	}
	if best.IsZero() {
		return lo.Add(hi.Sub(lo) / 2)
	}
	return best
}

func inferred(best, earliest, latest time.Time, c clue) storyline.Published {
	evidence := c.text
	if len(evidence) > 300 {
		evidence = evidence[:300] + "…"
	}
	return storyline.Published{Date: dayValue(best), Earliest: dayValue(earliest), Latest: dayValue(latest),
		Method: storyline.DateInferred, Evidence: fmt.Sprintf("latest %s named as past: %s", c.gran, evidence)}
}

// period reads a TIMEX3 value that needs no anchor as the days it covers.
func period(v string) (from, to time.Time, gran string, ok bool) {
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t, t, storyline.GranularityDay, true
	}
	if t, err := time.Parse("2006-01", v); err == nil {
		return t, t.AddDate(0, 1, -1), storyline.GranularityMonth, true
	}
	if len(v) == 7 && v[4] == '-' && seasonIndex[v[5:]] > 0 || strings.HasSuffix(v, "-WI") {
		y, err := strconv.Atoi(v[:4])
		if err == nil {
			start := map[string]int{"WI": 12, "SP": 3, "SU": 6, "FA": 9}[v[5:]]
			from := date(y, start, 1)
			if start == 12 {
				from = date(y-1, 12, 1) // winter 2016 may begin in December 2015
			}
			return from, from.AddDate(0, 3, -1), storyline.GranularitySeason, true
		}
	}
	if len(v) == 4 {
		if y, err := strconv.Atoi(v); err == nil {
			return date(y, 1, 1), date(y, 12, 31), storyline.GranularityYear, true
		}
	}
	return time.Time{}, time.Time{}, "", false
}
