package timex

import (
	"fmt"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

// match is a temporal expression found at words [i, j).
type match struct {
	i, j        int
	value       string
	granularity string
	typ         string
}

// anchor is the date relative expressions are read against, and the
// direction the sentence looks in (future tense reads "Tuesday" forward).
type anchor struct {
	t      time.Time
	known  bool
	future bool
}

// tagSentence finds the temporal expressions of one sentence.
func tagSentence(ws []word, at anchor) []match {
	var out []match
	for i := 0; i < len(ws); {
		if m, ok := matchAt(ws, i, at); ok {
			out = append(out, m)
			i = m.j
			continue
		}
		i++
	}
	return out
}

// matchAt tries every kind of expression at word i, longest kinds first.
func matchAt(ws []word, i int, at anchor) (match, bool) {
	for _, f := range matchers {
		if m, ok := f(ws, i, at); ok {
			return m, true
		}
	}
	return match{}, false
}

// matchers are tried in this order at every word.
var matchers []func([]word, int, anchor) (match, bool)

func init() {
	matchers = []func([]word, int, anchor) (match, bool){fullDate, dayMonth, monthYear, season, quarter, decade,
		edgeOfYear, relativeUnit, ago, duration, weekday, deictic, bareMonth, bareYear}
}

func peek(ws []word, i int) string {
	if i < 0 || i >= len(ws) {
		return ""
	}
	return ws[i].lower
}

// fullDate reads "December 11, 2017", "Dec. 11", "2017-12-11", "12/11/2017".
func fullDate(ws []word, i int, at anchor) (match, bool) {
	w := ws[i]
	if c := w.text[0]; c >= '0' && c <= '9' && strings.ContainsAny(w.text, "-/") {
		if t, err := time.Parse("2006-01-02", w.text); err == nil {
			return match{i, i + 1, t.Format("2006-01-02"), storyline.GranularityDay, "DATE"}, true
		}
		if t, err := time.Parse("1/2/2006", w.text); err == nil {
			return match{i, i + 1, t.Format("2006-01-02"), storyline.GranularityDay, "DATE"}, true
		}
	}
	m, ok := monthOf(w)
	if !ok || i+1 >= len(ws) {
		return match{}, false
	}
	d, ok := day(ws[i+1].lower)
	if !ok {
		return match{}, false
	}
	if y, ok := year(peek(ws, i+2)); ok {
		return match{i, i + 3, fmt.Sprintf("%04d-%02d-%02d", y, m, d), storyline.GranularityDay, "DATE"}, true
	}
	if !at.known || (w.lower == "may" && w.text == "may") {
		return match{i, i + 2, fmt.Sprintf("XXXX-%02d-%02d", m, d), storyline.GranularityDay, "DATE"}, true
	}
	return match{i, i + 2, fmt.Sprintf("%04d-%02d-%02d", nearestYear(at, m, d), m, d), storyline.GranularityDay, "DATE"}, true
}

// nearestYear puts a day without a year in the year that brings it closest
// to the anchor, leaning to the past as news reports mostly look back.
func nearestYear(at anchor, m, d int) int {
	y := at.t.Year()
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	switch {
	case t.Sub(at.t) > 60*24*time.Hour && !at.future:
		return y - 1
	case at.t.Sub(t) > 300*24*time.Hour:
		return y + 1
	}
	return y
}

// dayMonth reads "11 December 2017" and "11 December".
func dayMonth(ws []word, i int, at anchor) (match, bool) {
	d, ok := day(ws[i].lower)
	if !ok || i+1 >= len(ws) {
		return match{}, false
	}
	m, ok := monthOf(ws[i+1])
	if !ok || ws[i+1].text == "may" {
		return match{}, false
	}
	if y, ok := year(peek(ws, i+2)); ok {
		return match{i, i + 3, fmt.Sprintf("%04d-%02d-%02d", y, m, d), storyline.GranularityDay, "DATE"}, true
	}
	if !at.known {
		return match{}, false
	}
	return match{i, i + 2, fmt.Sprintf("%04d-%02d-%02d", nearestYear(at, m, d), m, d), storyline.GranularityDay, "DATE"}, true
}

// monthYear reads "January 2017" and "January of 2017".
func monthYear(ws []word, i int, _ anchor) (match, bool) {
	m, ok := monthOf(ws[i])
	if !ok {
		return match{}, false
	}
	j := i + 1
	if peek(ws, j) == "of" {
		j++
	}
	y, ok := year(peek(ws, j))
	if !ok {
		return match{}, false
	}
	return match{i, j + 1, fmt.Sprintf("%04d-%02d", y, m), storyline.GranularityMonth, "DATE"}, true
}

var seasons = map[string]string{"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

// season reads "fall 2015", "spring of 2016", "last summer", "this winter".
func season(ws []word, i int, at anchor) (match, bool) {
	w := ws[i].lower
	if rel, ok := relatives[w]; ok && i+1 < len(ws) {
		if s, ok := seasons[ws[i+1].lower]; ok && at.known {
			return match{i, i + 2, fmt.Sprintf("%04d-%s", at.t.Year()+rel, s), storyline.GranularitySeason, "DATE"}, true
		}
	}
	s, ok := seasons[w]
	if !ok {
		return match{}, false
	}
	j := i + 1
	if peek(ws, j) == "of" {
		j++
	}
	y, ok := year(peek(ws, j))
	if !ok {
		return match{}, false
	}
	return match{i, j + 1, fmt.Sprintf("%04d-%s", y, s), storyline.GranularitySeason, "DATE"}, true
}

var ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4}

// quarter reads "the third quarter (of 2017)".
func quarter(ws []word, i int, at anchor) (match, bool) {
	j := i
	if ws[j].lower == "the" {
		j++
	}
	q, ok := ordinals[peek(ws, j)]
	if !ok || peek(ws, j+1) != "quarter" {
		return match{}, false
	}
	end := j + 2
	y := at.t.Year()
	if peek(ws, end) == "of" {
		if yy, ok := year(peek(ws, end+1)); ok {
			y, end = yy, end+2
		}
	} else if !at.known {
		return match{}, false
	}
	return match{i, end, fmt.Sprintf("%04d-Q%d", y, q), storyline.GranularityMonth, "DATE"}, true
}

// decade reads "the 1990s".
func decade(ws []word, i int, _ anchor) (match, bool) {
	j := i
	if ws[j].lower == "the" {
		j++
	}
	w := peek(ws, j)
	if len(w) != 5 || !strings.HasSuffix(w, "0s") {
		return match{}, false
	}
	if _, ok := year(w[:4]); !ok {
		return match{}, false
	}
	return match{i, j + 1, w[:3], storyline.GranularityDecade, "DATE"}, true
}

// edgeOfYear reads "the end of 2017", "early 2016", "mid-2016", "late 2015".
func edgeOfYear(ws []word, i int, _ anchor) (match, bool) {
	w := ws[i].lower
	if strings.HasPrefix(w, "mid-") {
		if y, ok := year(w[4:]); ok {
			return match{i, i + 1, fmt.Sprint(y), storyline.GranularityYear, "DATE"}, true
		}
	}
	if (w == "early" || w == "late") && i+1 < len(ws) {
		if y, ok := year(ws[i+1].lower); ok {
			return match{i, i + 2, fmt.Sprint(y), storyline.GranularityYear, "DATE"}, true
		}
	}
	if w == "the" && (peek(ws, i+1) == "end" || peek(ws, i+1) == "beginning" || peek(ws, i+1) == "start" || peek(ws, i+1) == "middle") && peek(ws, i+2) == "of" {
		if y, ok := year(peek(ws, i+3)); ok {
			return match{i, i + 4, fmt.Sprint(y), storyline.GranularityYear, "DATE"}, true
		}
	}
	return match{}, false
}

var relatives = map[string]int{"this": 0, "last": -1, "next": 1, "past": -1, "coming": 1, "previous": -1}

// relativeUnit reads "last week", "this month", "next year", "last November".
func relativeUnit(ws []word, i int, at anchor) (match, bool) {
	rel, ok := relatives[ws[i].lower]
	if !ok || !at.known || i+1 >= len(ws) {
		return match{}, false
	}
	next := ws[i+1]
	if m, ok := monthOf(next); ok && next.text != "may" {
		y := at.t.Year()
		switch {
		case rel < 0 && m >= int(at.t.Month()):
			y--
		case rel > 0 && m <= int(at.t.Month()):
			y++
		}
		return match{i, i + 2, fmt.Sprintf("%04d-%02d", y, m), storyline.GranularityMonth, "DATE"}, true
	}
	switch next.lower {
	case "week", "weekend":
		t := at.t.AddDate(0, 0, 7*rel)
		y, wk := t.ISOWeek()
		v := fmt.Sprintf("%04d-W%02d", y, wk)
		if next.lower == "weekend" {
			v += "-WE"
		}
		return match{i, i + 2, v, storyline.GranularityWeek, "DATE"}, true
	case "month":
		t := at.t.AddDate(0, rel, 0)
		return match{i, i + 2, t.Format("2006-01"), storyline.GranularityMonth, "DATE"}, true
	case "year":
		return match{i, i + 2, fmt.Sprint(at.t.Year() + rel), storyline.GranularityYear, "DATE"}, true
	}
	return match{}, false
}

// ago reads "two months ago", "three years ago", "a week ago".
func ago(ws []word, i int, at anchor) (match, bool) {
	n, ok := number(ws[i].lower)
	if !ok || n <= 0 || !at.known || i+2 >= len(ws) || ws[i+2].lower != "ago" {
		return match{}, false
	}
	switch units[ws[i+1].lower] {
	case "D":
		return match{i, i + 3, at.t.AddDate(0, 0, -n).Format("2006-01-02"), storyline.GranularityDay, "DATE"}, true
	case "W":
		y, wk := at.t.AddDate(0, 0, -7*n).ISOWeek()
		return match{i, i + 3, fmt.Sprintf("%04d-W%02d", y, wk), storyline.GranularityWeek, "DATE"}, true
	case "M":
		return match{i, i + 3, at.t.AddDate(0, -n, 0).Format("2006-01"), storyline.GranularityMonth, "DATE"}, true
	case "Y":
		return match{i, i + 3, fmt.Sprint(at.t.Year() - n), storyline.GranularityYear, "DATE"}, true
	}
	return match{}, false
}

// duration reads "three years", "the past three months", "five-year",
// "the next two months".
func duration(ws []word, i int, _ anchor) (match, bool) {
	j := i
	if ws[j].lower == "the" && (peek(ws, j+1) == "past" || peek(ws, j+1) == "next" || peek(ws, j+1) == "last" || peek(ws, j+1) == "coming") {
		j += 2
	}
	if w := peek(ws, j); strings.Contains(w, "-") {
		parts := strings.SplitN(w, "-", 2)
		if n, ok := number(parts[0]); ok && n > 0 {
			if u, ok := units[parts[1]]; ok {
				return durationMatch(i, j+1, n, u), true
			}
		}
	}
	n, ok := number(peek(ws, j))
	if !ok || j+1 >= len(ws) {
		return match{}, false
	}
	u, ok := units[ws[j+1].lower]
	if !ok || ws[j].lower == "a" && j == i || (ws[j].lower == "an" && j == i) {
		return match{}, false
	}
	return durationMatch(i, j+2, n, u), true
}

func durationMatch(i, j, n int, unit string) match {
	count := fmt.Sprint(n)
	if n < 0 {
		count = "X"
	}
	v := "P" + count + unit
	switch unit {
	case "H", "MIN":
		v = "PT" + count + strings.TrimSuffix(unit, "IN")
	case "DE":
		v = "P" + count + "0Y"
		if n < 0 {
			v = "PXDE"
		}
	}
	return match{i, j, v, "", "DURATION"}
}

// weekday reads "Tuesday", "on Tuesday", "last Friday", "next Monday":
// the nearest such day before the anchor, or after it in future tense.
func weekday(ws []word, i int, at anchor) (match, bool) {
	start, rel := i, 0
	if r, ok := relatives[ws[i].lower]; ok && ws[i].lower != "this" {
		rel, i = r, i+1
	}
	if i >= len(ws) {
		return match{}, false
	}
	wd, ok := weekdays[ws[i].lower]
	if !ok || !at.known {
		return match{}, false
	}
	future := rel > 0 || (rel == 0 && at.future)
	diff := (wd - int(at.t.Weekday()) + 7) % 7
	var t time.Time
	if future {
		if diff == 0 {
			diff = 7
		}
		t = at.t.AddDate(0, 0, diff)
	} else {
		back := (int(at.t.Weekday()) - wd + 7) % 7
		if rel < 0 && back == 0 {
			back = 7
		}
		t = at.t.AddDate(0, 0, -back)
	}
	return match{start, i + 1, t.Format("2006-01-02"), storyline.GranularityDay, "DATE"}, true
}

// deictic reads "today", "yesterday", "tomorrow", "tonight", "now".
func deictic(ws []word, i int, at anchor) (match, bool) {
	w := ws[i].lower
	switch w {
	case "now", "currently", "nowadays":
		return match{i, i + 1, "PRESENT_REF", "", "DATE"}, true
	case "recently", "lately":
		return match{i, i + 1, "PAST_REF", "", "DATE"}, true
	}
	if !at.known {
		return match{}, false
	}
	switch w {
	case "today", "tonight":
		return match{i, i + 1, at.t.Format("2006-01-02"), storyline.GranularityDay, "DATE"}, true
	case "yesterday":
		return match{i, i + 1, at.t.AddDate(0, 0, -1).Format("2006-01-02"), storyline.GranularityDay, "DATE"}, true
	case "tomorrow":
		return match{i, i + 1, at.t.AddDate(0, 0, 1).Format("2006-01-02"), storyline.GranularityDay, "DATE"}, true
	}
	return match{}, false
}

// monthCue are words after which a bare month is a date, not "May" the
// verb or "March" the noun.
var monthCue = map[string]bool{"in": true, "since": true, "by": true, "until": true, "till": true, "early": true,
	"late": true, "mid": true, "of": true, "from": true, "through": true, "during": true, "before": true, "after": true,
	"last": true, "next": true, "this": true, "and": true, "or": true, "to": true}

// bareMonth reads "in November" as the nearest November.
func bareMonth(ws []word, i int, at anchor) (match, bool) {
	m, ok := monthOf(ws[i])
	if !ok || !at.known || !monthCue[peek(ws, i-1)] || !isCapital(ws[i].text) {
		return match{}, false
	}
	y := at.t.Year()
	cur := int(at.t.Month())
	switch {
	case at.future && m < cur:
		y++
	case !at.future && m > cur:
		y--
	}
	return match{i, i + 1, fmt.Sprintf("%04d-%02d", y, m), storyline.GranularityMonth, "DATE"}, true
}

// yearCue are words that make a four-digit number a year.
var yearCue = map[string]bool{"in": true, "since": true, "by": true, "until": true, "till": true, "of": true,
	"from": true, "to": true, "during": true, "before": true, "after": true, "early": true, "late": true, "mid": true,
	"around": true, "through": true, "for": true, "and": true, "between": true, "the": true, "fiscal": true}

var yearNouns = map[string]bool{"election": true, "elections": true, "campaign": true, "race": true, "season": true,
	"olympics": true, "budget": true, "census": true, "war": true, "vote": true, "primary": true, "primaries": true,
	"summit": true, "presidential": true, "midterm": true, "midterms": true, "cycle": true, "convention": true}

// bareYear reads "in 2016", "since 1971", "the 2016 election".
func bareYear(ws []word, i int, _ anchor) (match, bool) {
	y, ok := year(ws[i].lower)
	if !ok || !(yearCue[peek(ws, i-1)] || yearNouns[peek(ws, i+1)]) {
		return match{}, false
	}
	return match{i, i + 1, fmt.Sprint(y), storyline.GranularityYear, "DATE"}, true
}

func isCapital(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }
