package timex

import (
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/sentence"
)

// clueKind says what a clue names, and so which lag table reads it.
type clueKind int

const (
	kindDay          clueKind = iota // a day with its year: "December 11, 2017"
	kindMonth                        // a month, season or quarter with its year: "January 2017"
	kindYear                         // a year: "in 2016", "the 2016 election"
	kindYearlessDay                  // a day of the year: "Dec. 11", "Christmas", "Election Day"
	kindYearlessPart                 // a month or season of some year: "in November", "last summer"
	kindWeekday                      // a day of the week: "on Tuesday"
	kindWeekdayDate                  // a day of the year and its weekday: "Tuesday, Nov. 8"
	kindSameYear                     // "this year", "last year" read against the years named
	kindSameMonth                    // "this month", "two months ago" against the months named
	kindSameDay                      // "today", "yesterday" against the days named
	kindCount
)

var kindNames = [kindCount]string{"day", "month", "year", "yearless day", "yearless month", "weekday", "weekday and day",
	"this year", "this month", "today"}

// clue is one thing the text says about when it was written: a period it
// names, or a recurring one whose year the reader fills in, and the tense
// it is named in. Days are counted since 1970-01-01.
type clue struct {
	kind     clueKind
	dir      int
	from, to int                          // the period, for dated kinds
	yearly   func(y int) (int, int, bool) // the period in year y, for yearless kinds
	weekday  int                          // the weekday it must fall on, or -1
	base     *clue                        // for the same* kinds: what is named, shifted by
	shift    int                          // this many years, months or days
	words    string                       // the expression, as evidence
	sentence string
}

// sameness tells clues apart that name the same days, whatever their tense.
func (c clue) sameness() string {
	return strconv.Itoa(int(c.kind)) + "|" + strings.ToLower(c.words) + "|" + strconv.Itoa(c.from) + "|" + strconv.Itoa(c.weekday)
}

// key tells clues apart that would say the same thing twice.
func (c clue) key() string {
	return strconv.Itoa(int(c.kind)) + "|" + strconv.Itoa(c.dir) + "|" + strings.ToLower(c.words) + "|" +
		strconv.Itoa(c.from) + "|" + strconv.Itoa(c.weekday)
}

func dayNumber(t time.Time) int { return int(t.Unix() / 86400) }

func dayTime(n int) time.Time { return time.Unix(int64(n)*86400, 0).UTC() }

// collectClues reads the text without an anchor and keeps every
// expression that says something about its date, once each.
func collectClues(body string) []clue {
	var clues []clue
	seen := map[string]bool{}
	add := func(c clue) {
		if k := c.key(); !seen[k] {
			seen[k] = true
			clues = append(clues, c)
		}
	}
	var relations []clue
	sc := newScanner(anchor{})
	for _, s := range sentence.Split(body) {
		text := body[s.Start:s.End]
		ws := words(text)
		covered := make([]bool, len(ws))
		for _, m := range sc.sentence(ws) {
			for k := m.i; k < m.j; k++ {
				covered[k] = true
			}
			if c, ok := matchClue(ws, m); ok {
				c.words, c.sentence = text[ws[m.i].start:ws[m.j-1].end], text
				add(c)
			}
		}
		for i := 0; i < len(ws); i++ {
			if covered[i] {
				continue
			}
			if r, j, ok := relationAt(ws, i); ok {
				r.words, r.sentence = text[ws[i].start:ws[j-1].end], text
				relations = append(relations, r)
				i = j - 1
				continue
			}
			if c, j, ok := relativeClue(ws, i, covered); ok {
				c.words, c.sentence = text[ws[i].start:ws[j-1].end], text
				add(c)
				i = j - 1
			}
		}
	}
	return append(clues, related(clues, relations)...)
}

// related reads each relative expression ("last year", "yesterday")
// against every thing named at its scale: news says "this year" of a year
// it also names, and "yesterday" of a day it also dates.
func related(clues, relations []clue) []clue {
	var out []clue
	seen := map[string]bool{}
	for _, r := range relations {
		for i := range clues {
			b := &clues[i]
			if !measures(r.kind, b) {
				continue
			}
			// the base's tense does not matter: "yesterday" of "Tuesday" is one clue
			k := strconv.Itoa(int(r.kind)) + "|" + strconv.Itoa(r.shift) + "|" + b.sameness()
			if seen[k] {
				continue
			}
			seen[k] = true
			d := r
			d.base = b
			out = append(out, d)
		}
	}
	return out
}

// measures tells whether a clue names something of the scale a relative
// expression counts in: a year, a month or a day.
func measures(k clueKind, b *clue) bool {
	short := b.yearly != nil || b.to-b.from < 31
	switch k {
	case kindSameYear:
		return b.kind <= kindYear && b.to-b.from < 366
	case kindSameMonth:
		return short && (b.kind <= kindMonth || b.kind == kindYearlessDay || b.kind == kindYearlessPart || b.kind == kindWeekdayDate)
	case kindSameDay:
		return b.kind == kindDay || b.kind == kindYearlessDay || b.kind == kindWeekdayDate || b.kind == kindWeekday
	}
	return false
}

// relationAt reads a relative expression at word i: "this year", "last
// month", "two years ago", "today", "yesterday", "last night". Its shift
// is how many units the publication day lies after what it refers to.
func relationAt(ws []word, i int) (clue, int, bool) {
	w, next := ws[i].lower, peek(ws, i+1)
	r := clue{dir: unknown, weekday: -1}
	switch w {
	case "today", "tonight":
		r.kind = kindSameDay
		return r, i + 1, true
	case "yesterday":
		r.kind, r.shift = kindSameDay, 1
		return r, i + 1, true
	case "tomorrow":
		r.kind, r.shift = kindSameDay, -1
		return r, i + 1, true
	}
	if rel, ok := relatives[w]; ok && (w == "this" || w == "last" || w == "next") && peek(ws, i-1) != "the" && peek(ws, i-1) != "the" {
		switch {
		case next == "year":
			r.kind, r.shift = kindSameYear, -rel
		case next == "month":
			r.kind, r.shift = kindSameMonth, -rel
		case next == "night" && w == "last" || partsOfDay[next] != "" && w == "this":
			r.kind, r.shift = kindSameDay, -rel
		default:
			return clue{}, i, false
		}
		return r, i + 2, true
	}
	if n, j, ok := numberAt(ws, i); ok && n > 0 && peek(ws, j+1) == "ago" {
		switch units[peek(ws, j)] {
		case "Y":
			r.kind = kindSameYear
		case "M":
			r.kind = kindSameMonth
		case "D":
			r.kind = kindSameDay
		default:
			return clue{}, i, false
		}
		r.shift = n
		return r, j + 2, true
	}
	return clue{}, i, false
}

// matchClue turns an expression the scanner found without an anchor into
// a clue: a dated period, or a day of the year ("XXXX-12-11").
func matchClue(ws []word, m match) (clue, bool) {
	c := clue{dir: clueTense(ws, m.i), weekday: -1}
	if md, ok := strings.CutPrefix(m.value, "XXXX-"); ok && len(md) == 5 && md[2] == '-' {
		month, err1 := strconv.Atoi(md[:2])
		d, err2 := strconv.Atoi(md[3:])
		if err1 != nil || err2 != nil {
			return clue{}, false
		}
		c.kind, c.yearly = kindYearlessDay, fixedDay(month, d)
		for _, k := range []int{m.i, m.i - 1} {
			if wd, ok := weekdays[peek(ws, k)]; ok && k >= 0 && isCapital(ws[k].text) {
				c.kind, c.weekday = kindWeekdayDate, wd // "Tuesday, Nov. 8": the weekday fixes the year
			}
		}
		return c, true
	}
	from, to, gran, ok := period(m.value)
	if !ok || m.typ == typeDuration || m.typ == typeSet {
		return clue{}, false
	}
	c.from, c.to = dayNumber(from), dayNumber(to)
	switch gran {
	case storyline.GranularityDay:
		c.kind = kindDay
	case storyline.GranularityYear, storyline.GranularityDecade:
		c.kind = kindYear
	default:
		c.kind = kindMonth
	}
	return c, true
}

// relativeClue reads at word i what the scanner leaves to an anchor: a
// bare month after a preposition, a season, a weekday, a holiday. It
// returns the clue and the word after it.
func relativeClue(ws []word, i int, covered []bool) (clue, int, bool) {
	c, j, ok := relativeKind(ws, i, covered)
	if !ok {
		return clue{}, i, false
	}
	c.dir = clueTense(ws, i) // only now: most words are no clue, and tense costs
	if rel, ok := relatives[peek(ws, i-1)]; ok && c.kind != kindYearlessDay && peek(ws, i-1) != "current" && peek(ws, i-1) != "following" {
		c.dir = directionOf(rel, c.dir)
	}
	return c, j, true
}

// relativeKind finds what relativeClue reads, without its tense.
func relativeKind(ws []word, i int, covered []bool) (clue, int, bool) {
	c := clue{weekday: -1}
	if h, j, ok := holidayAt(ws, i); ok {
		c.kind, c.yearly = kindYearlessDay, h
		return c, j, true
	}
	w, prev := ws[i], peek(ws, i-1)
	if m, ok := monthOf(w); ok && (monthCue[prev] || prev == "this") && !(w.lower == "may" && !mayMonthCue[prev]) {
		c.kind, c.yearly = kindYearlessPart, wholeMonth(m)
		return c, i + 1, true
	}
	if sn, ok := seasons[w.lower]; ok && (relatives[prev] != 0 || prev == "this" || prev == "the" && seasonPreposition[peek(ws, i-2)]) {
		c.kind, c.yearly = kindYearlessPart, wholeSeason(sn)
		return c, i + 1, true
	}
	if wd, ok := weekdays[w.lower]; ok && isCapital(w.text) && !newspaperName(ws, i) && !(i+1 < len(covered) && covered[i+1]) {
		c.kind, c.weekday = kindWeekday, wd
		return c, i + 1, true
	}
	return clue{}, i, false
}

// mayMonthCue are the words after which "May" is the month rather than the verb.
var mayMonthCue = map[string]bool{"in": true, "since": true, "early": true, "late": true, "mid": true, "last": true,
	"next": true, "this": true, "until": true, "of": true, "through": true, "during": true}

// directionOf turns "last" and "next" into the tense they imply.
func directionOf(rel, dir int) int {
	switch {
	case rel < 0:
		return past
	case rel > 0:
		return future
	}
	return dir
}

func fixedDay(m, d int) func(int) (int, int, bool) {
	return func(y int) (int, int, bool) {
		if !validDay(y, m, d) {
			return 0, 0, false
		}
		n := dayNumber(date(y, m, d))
		return n, n, true
	}
}

func wholeMonth(m int) func(int) (int, int, bool) {
	return func(y int) (int, int, bool) {
		from := date(y, m, 1)
		return dayNumber(from), dayNumber(from.AddDate(0, 1, -1)), true
	}
}

func wholeSeason(sn string) func(int) (int, int, bool) {
	return func(y int) (int, int, bool) {
		from, to, _, ok := period(strconv.Itoa(y) + "-" + sn)
		return dayNumber(from), dayNumber(to), ok
	}
}
