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

// Timex types as TimeML names them.
const (
	typeDate     = "DATE"
	typeTime     = "TIME"
	typeDuration = "DURATION"
	typeSet      = "SET"
)

// anchor is the date relative expressions are read against.
type anchor struct {
	t     time.Time
	known bool
}

// scanner reads one article. Besides the anchor it remembers what the
// text has established so far: the fiscal quarter an earnings report is
// about ("the latest quarter") and the last year named ("that year").
type scanner struct {
	at         anchor
	refYear    int
	refQuarter int
	lastYear   int
	lastMonth  time.Time
}

func newScanner(at anchor) *scanner { return &scanner{at: at} }

// sentence finds the temporal expressions of one sentence.
func (s *scanner) sentence(ws []word) []match {
	var out []match
	for i := 0; i < len(ws); {
		m, ok := s.matchAt(ws, i)
		if !ok {
			i++
			continue
		}
		m = extend(ws, m)
		if len(out) > 0 && m.i < out[len(out)-1].j {
			m.i = out[len(out)-1].j
		}
		s.remember(m)
		out = append(out, m)
		i = m.j
	}
	return out
}

// matchAt tries every kind of expression at word i, longest kinds first.
func (s *scanner) matchAt(ws []word, i int) (match, bool) {
	if !mayStart(ws[i].lower) {
		return match{}, false
	}
	for _, f := range matchers {
		if m, ok := f(s, ws, i); ok && m.j > m.i {
			return m, true
		}
	}
	return match{}, false
}

type matcher func(s *scanner, ws []word, i int) (match, bool)

// matchers are tried in this order at every word.
var matchers []matcher

// starters are the words an expression can begin with, besides numbers
// and hyphenated words; most words of a text are not, and skip the matchers.
var starters = map[string]bool{}

func mayStart(w string) bool {
	if w == "" {
		return false
	}
	if c := w[0]; c >= '0' && c <= '9' || c == '\'' {
		return true
	}
	return starters[w] || strings.IndexByte(w, '-') > 0
}

func init() {
	for _, table := range []map[string]int{months, monthAbbrevs, weekdays, numbers, relatives, ordinals, centuries} {
		for w := range table {
			starters[w] = true
			starters[w+"."] = true
			starters[w+"s"] = true
		}
	}
	for _, table := range []map[string]string{seasons, units, adverbSets, partsOfDay, spokenDecades} {
		for w := range table {
			starters[w] = true
		}
	}
	for _, w := range strings.Fields(`the its their his her that each every per year early late earlier later
		nineteen now currently nowadays presently recently lately soon today yesterday tomorrow tonight weekend
		these at noon midnight recent coming fiscal mid`) {
		starters[w] = true
	}
	matchers = []matcher{clockTime, partOfDay, fullDate, dayMonth, monthYear, season, quarter, referencePeriod,
		yearAgo, decade, century, spokenYear, edgeOfPeriod, relativeUnit, ago, set, duration, weekday, deictic,
		reference, bareMonth, bareYear}
}

// remember keeps the years and quarters later expressions refer back to.
func (s *scanner) remember(m match) {
	v := m.value
	if len(v) < 4 || v[0] < '1' || v[0] > '2' {
		return
	}
	var y int
	if _, err := fmt.Sscanf(v[:4], "%d", &y); err != nil {
		return
	}
	s.lastYear = y
	if t, err := time.Parse("2006-01", v[:min(7, len(v))]); err == nil && len(v) >= 7 {
		s.lastMonth = t
	}
}

func dayValue(t time.Time) string { return t.Format("2006-01-02") }

func dayMatch(i, j int, t time.Time) match {
	return match{i, j, dayValue(t), storyline.GranularityDay, typeDate}
}

func monthMatch(i, j, y, m int) match {
	return match{i, j, fmt.Sprintf("%04d-%02d", y, m), storyline.GranularityMonth, typeDate}
}

func yearMatch(i, j, y int) match {
	return match{i, j, fmt.Sprintf("%04d", y), storyline.GranularityYear, typeDate}
}

func date(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// validDay rejects "February 31".
func validDay(y, m, d int) bool { return date(y, m, d).Day() == d }

// fullDate reads "December 11, 2017", "Dec. 11", "2017-12-11", "12/11/2017".
func fullDate(s *scanner, ws []word, i int) (match, bool) {
	if i >= len(ws) {
		return match{}, false
	}
	w := ws[i]
	if c := w.text[0]; c >= '0' && c <= '9' && strings.ContainsAny(w.text, "-/.") {
		if t, ok := numericDate(w.text); ok {
			return dayMatch(i, i+1, t), true
		}
		return match{}, false
	}
	m, ok := monthOf(w)
	if !ok {
		return match{}, false
	}
	d, ok := day(peek(ws, i+1))
	if !ok {
		return match{}, false
	}
	if y, next, ok := yearAt(ws, i+2); ok && validDay(y, m, d) {
		return dayMatch(i, next, date(y, m, d)), true
	}
	if w.lower == "may" && peek(ws, i-1) != "on" && !isCapital(peek(ws, i+2)) && ws[i].start == 0 {
		return match{}, false // sentence-initial "May 5 people ..." is rare; keep the common case
	}
	return s.dayWithoutYear(ws, i, i+2, m, d)
}

func (s *scanner) dayWithoutYear(ws []word, i, j, m, d int) (match, bool) {
	if !s.at.known {
		return match{i, j, fmt.Sprintf("XXXX-%02d-%02d", m, d), storyline.GranularityDay, typeDate}, true
	}
	y := nearestYear(s.at.t, m, d, tenseNear(ws, i))
	if !validDay(y, m, d) {
		return match{}, false
	}
	return dayMatch(i, j, date(y, m, d)), true
}

// numericDate reads 2017-12-11, 12/11/2017 (American order unless the
// first number cannot be a month) and 11.12.2017 (European order).
func numericDate(s string) (time.Time, bool) {
	layouts := []string{"2006-01-02", "1/2/2006", "2/1/2006", "2.1.2006"}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// nearestYear puts a day without a year in the year the tense implies.
// A named day a few weeks ahead is a deadline or a payment date even in a
// past-tense sentence ("said it would be completed by Dec. 15"), so only a
// day months ahead moves to last year.
func nearestYear(at time.Time, m, d, dir int) int {
	y := at.Year()
	t := date(y, m, d)
	switch {
	case dir == future && at.Sub(t) > 7*24*time.Hour:
		return y + 1
	case t.Sub(at) > 90*24*time.Hour && dir != future:
		return y - 1
	case dir == unknown && at.Sub(t) > 270*24*time.Hour:
		return y + 1
	}
	return y
}

// dayMonth reads "11 December 2017" and "11 December".
func dayMonth(s *scanner, ws []word, i int) (match, bool) {
	d, ok := day(peek(ws, i))
	if !ok || i+1 >= len(ws) {
		return match{}, false
	}
	m, ok := monthOf(ws[i+1])
	if !ok {
		return match{}, false
	}
	if y, next, ok := yearAt(ws, i+2); ok && validDay(y, m, d) {
		return dayMatch(i, next, date(y, m, d)), true
	}
	if !s.at.known {
		return match{}, false
	}
	return s.dayWithoutYear(ws, i, i+2, m, d)
}

// monthYear reads "January 2017", "January of 2017", "January nineteen ninety-seven".
func monthYear(_ *scanner, ws []word, i int) (match, bool) {
	m, ok := monthOf(ws[i])
	if !ok {
		return match{}, false
	}
	j := i + 1
	if peek(ws, j) == "of" {
		j++
	}
	y, next, ok := yearAt(ws, j)
	if !ok {
		return match{}, false
	}
	return monthMatch(i, next, y, m), true
}

// bareMonth reads "in November" as the November the tense points to.
func bareMonth(s *scanner, ws []word, i int) (match, bool) {
	m, ok := monthOf(ws[i])
	if !ok || !s.at.known || !monthCue[peek(ws, i-1)] {
		return match{}, false
	}
	if ws[i].lower == "may" && peek(ws, i-1) != "in" && peek(ws, i-1) != "since" && peek(ws, i-1) != "early" && peek(ws, i-1) != "late" {
		return match{}, false
	}
	dir := tenseNear(ws, i)
	switch peek(ws, i-1) {
	case "since", "last":
		dir = past
	case "until", "next":
		dir = future
	}
	return monthMatch(i, i+1, monthYearFor(s.at.t, m, dir), m), true
}

func monthYearFor(at time.Time, m, dir int) int {
	y, cur := at.Year(), int(at.Month())
	switch {
	case dir == future && m < cur:
		return y + 1
	case dir != future && m > cur:
		return y - 1
	}
	return y
}

// monthCue are words after which a bare month is a date, not "May" the
// verb or "March" the noun.
var monthCue = map[string]bool{"in": true, "since": true, "by": true, "until": true, "till": true, "early": true,
	"late": true, "mid": true, "of": true, "from": true, "through": true, "during": true, "before": true, "after": true,
	"this": true, "and": true, "or": true, "to": true, "for": true, "between": true, "last": true, "next": true}

// seasonPreposition make "the fall" a season rather than a collapse.
var seasonPreposition = map[string]bool{"in": true, "during": true, "by": true, "until": true, "over": true,
	"since": true, "through": true, "into": true, "for": true, "before": true, "after": true}

var seasons = map[string]string{"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

// seasonIndex orders seasons in the calendar year (winter starts it).
var seasonIndex = map[string]int{"WI": 0, "SP": 1, "SU": 2, "FA": 3}

func currentSeason(t time.Time) string {
	return [...]string{"WI", "WI", "SP", "SP", "SP", "SU", "SU", "SU", "FA", "FA", "FA", "WI"}[t.Month()-1]
}

// season reads "fall 2015", "spring of 2016", "last summer", "the summer".
func season(s *scanner, ws []word, i int) (match, bool) {
	w := ws[i].lower
	if w == "the" && (peek(ws, i+1) == "early" || peek(ws, i+1) == "late") && seasons[peek(ws, i+2)] != "" && s.at.known {
		sn := seasons[peek(ws, i+2)]
		return seasonMatch(i, i+3, s.seasonYear(sn, 0, tenseNear(ws, i)), sn), true
	}
	if sn, ok := seasons[peek(ws, i+1)]; ok && s.at.known {
		if rel, ok := relatives[w]; ok || (w == "the" && seasonPreposition[peek(ws, i-1)] && peek(ws, i+2) != "of") {
			return seasonMatch(i, i+2, s.seasonYear(sn, rel, tenseNear(ws, i)), sn), true
		}
	}
	sn, ok := seasons[w]
	if !ok {
		return match{}, false
	}
	j := i + 1
	if peek(ws, j) == "of" {
		j++
	}
	y, next, ok := yearAt(ws, j)
	if !ok {
		return match{}, false
	}
	return seasonMatch(i, next, y, sn), true
}

func seasonMatch(i, j, y int, sn string) match {
	return match{i, j, fmt.Sprintf("%04d-%s", y, sn), storyline.GranularitySeason, typeDate}
}

// seasonYear places "last summer", "this winter" or "the summer": the
// latest such season not after now, the one before it for "last", the
// next one for "next" or in future tense.
func (s *scanner) seasonYear(sn string, rel, dir int) int {
	y := s.at.t.Year()
	cur := currentSeason(s.at.t)
	now := seasonIndex[cur]
	if s.at.t.Month() == time.December {
		now = len(seasonIndex) // December's winter ends the year: every season of it is behind
	}
	ahead := seasonIndex[sn] > now
	switch {
	case rel < 0:
		if ahead || sn == cur {
			return y - 1
		}
	case rel > 0 || dir == future:
		if !ahead && (sn != cur || rel > 0) {
			return y + 1
		}
	case ahead:
		return y - 1
	}
	return y
}

var ordinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4}

// quarter reads "the third quarter (of 2017)", "third-quarter", "fiscal
// second-quarter", "the 1988 second quarter", "next year's first quarter".
func quarter(s *scanner, ws []word, i int) (match, bool) {
	j, y, hasYear := i, 0, false
	if ws[j].lower == "the" || ws[j].lower == "its" || ws[j].lower == "their" {
		j++
	}
	if yy, next, ok := yearAt(ws, j); ok {
		y, hasYear, j = yy, true, next
	} else if rel, ok := relatives[peek(ws, j)]; ok && peek(ws, j+1) == "year" && peek(ws, j+2) == "'s" && s.at.known {
		y, hasYear, j = s.at.t.Year()+rel, true, j+3
	}
	if peek(ws, j) == "fiscal" {
		j++
	}
	q, end, ok := quarterWord(ws, j)
	if !ok {
		return match{}, false
	}
	if peek(ws, end) == "of" {
		if yy, next, ok := yearAt(ws, end+1); ok {
			y, hasYear, end = yy, true, next
		}
	}
	if !hasYear {
		if !s.at.known {
			return match{}, false
		}
		y = quarterYear(s.at.t, q, tenseNear(ws, j))
	}
	if s.at.known && y*4+q < s.at.t.Year()*4+(int(s.at.t.Month())-1)/3+1 {
		s.refYear, s.refQuarter = y, q // a completed quarter is what the report is about
	}
	if strings.Contains(peek(ws, j), "-") && (peek(ws, i) == "the" || peek(ws, i) == "its" || peek(ws, i) == "their") && !hasYear {
		i++ // "the third-quarter loss": the adjective alone is the expression
	}
	return quarterMatch(i, end, y, q), true
}

// quarterWord reads "third quarter" or "third-quarter" at word j.
func quarterWord(ws []word, j int) (int, int, bool) {
	if first, rest, ok := strings.Cut(peek(ws, j), "-"); ok && rest == "quarter" {
		q, ok := ordinals[first]
		return q, j + 1, ok
	}
	q, ok := ordinals[peek(ws, j)]
	if !ok || peek(ws, j+1) != "quarter" {
		return 0, j, false
	}
	return q, j + 2, true
}

func quarterYear(at time.Time, q, dir int) int {
	cur := (int(at.Month())-1)/3 + 1
	switch {
	case dir != future && q > cur:
		return at.Year() - 1
	case dir == future && q < cur-1:
		return at.Year() + 1
	}
	return at.Year()
}

func quarterMatch(i, j, y, q int) match {
	return match{i, j, fmt.Sprintf("%04d-Q%d", y, q), storyline.GranularityMonth, typeDate}
}

// referencePeriod reads the periods earnings reports refer back to: "the
// latest quarter", "the quarter", "the current quarter", "the latest period".
func referencePeriod(s *scanner, ws []word, i int) (match, bool) {
	if ws[i].lower != "the" && ws[i].lower != "this" {
		return match{}, false
	}
	j := i + 1
	mod := peek(ws, j)
	if mod == "latest" || mod == "current" || mod == "recent" || mod == "most" {
		j++
		if mod == "most" && peek(ws, j) == "recent" {
			j++
		}
	}
	unit := peek(ws, j)
	if unit != "quarter" && !(unit == "period" && mod == "latest") {
		return match{}, false
	}
	if mod == "current" && s.at.known {
		return quarterMatch(i, j+1, s.at.t.Year(), (int(s.at.t.Month())-1)/3+1), true
	}
	if s.refQuarter != 0 {
		if peek(ws, j+1) == "a" && peek(ws, j+2) == "year" && (peek(ws, j+3) == "ago" || peek(ws, j+3) == "earlier") {
			return quarterMatch(i, j+4, s.refYear-1, s.refQuarter), true
		}
		return quarterMatch(i, j+1, s.refYear, s.refQuarter), true
	}
	if !s.at.known || mod != "latest" {
		return match{}, false
	}
	last := s.at.t.AddDate(0, -3, 0) // the latest completed quarter
	return quarterMatch(i, j+1, last.Year(), (int(last.Month())-1)/3+1), true
}

// yearAgo reads the comparisons of earnings reports: "a year ago", "a year
// earlier", "the year-ago quarter", "year-earlier". In a report about a
// quarter they mean that quarter a year before.
func yearAgo(s *scanner, ws []word, i int) (match, bool) {
	if !s.at.known {
		return match{}, false
	}
	j := i
	if peek(ws, j) == "the" || peek(ws, j) == "a" && (peek(ws, j+1) == "year-ago" || peek(ws, j+1) == "year-earlier") {
		j++
	}
	switch w := peek(ws, j); {
	case w == "year-ago" || w == "year-earlier":
		j++
		if p := peek(ws, j); p == "quarter" || p == "period" {
			j++
		} else if q, end, ok := quarterWord(ws, j); ok {
			return quarterMatch(i, end, s.at.t.Year()-1, q), true
		} else {
			i = j - 1 // "the year-ago results": the adjective alone
		}
	case (w == "a" || w == "one") && peek(ws, j+1) == "year" && (peek(ws, j+2) == "ago" || peek(ws, j+2) == "earlier"):
		j += 3
	case w == "last" && peek(ws, j+1) == "year" && s.refQuarter != 0 && figureBefore(ws, j):
		j += 2
		if peek(ws, j) == "'s" && (peek(ws, j+1) == "quarter" || peek(ws, j+1) == "period") {
			j += 2
		}
	default:
		return match{}, false
	}
	if s.refQuarter != 0 && financial(ws) {
		return quarterMatch(i, j, s.refYear-1, s.refQuarter), true
	}
	return yearMatch(i, j, s.at.t.Year()-1), true
}

// figureBefore tells "a loss of $3 million last year", a figure compared
// with the same period a year before, from "last year, the company grew".
func figureBefore(ws []word, j int) bool {
	if peek(ws, j+2) == "'s" {
		return true
	}
	for k := j - 1; k >= max(0, j-3); k-- {
		switch ws[k].lower {
		case "million", "billion", "cents", "$", "%", "share":
			return true
		}
	}
	return false
}

// financial tells a sentence of figures, where "a year ago" compares periods.
func financial(ws []word) bool {
	for _, w := range ws {
		switch w.lower {
		case "$", "%", "cents", "million", "billion", "share", "profit", "loss", "earnings", "sales", "revenue", "net", "income":
			return true
		}
	}
	return false
}

// decade reads "the 1990s", "the '90s", "the nineties".
func decade(_ *scanner, ws []word, i int) (match, bool) {
	j := i
	if ws[j].lower == "the" {
		j++
		if w := peek(ws, j); w == "early" || w == "late" || w == "mid" {
			j++
		}
	}
	w := strings.TrimPrefix(peek(ws, j), "'")
	if spoken, ok := spokenDecades[w]; ok && j > i {
		return match{i, j + 1, spoken, storyline.GranularityDecade, typeDate}, true
	}
	if len(w) == 3 && w[2] == 's' && w[1] == '0' && j > i {
		return match{i, j + 1, "19" + w[:1], storyline.GranularityDecade, typeDate}, true
	}
	if len(w) != 5 || !strings.HasSuffix(w, "0s") {
		return match{}, false
	}
	if _, ok := year(w[:4]); !ok {
		return match{}, false
	}
	return match{i, j + 1, w[:3], storyline.GranularityDecade, typeDate}, true
}

var spokenDecades = map[string]string{"sixties": "196", "seventies": "197", "eighties": "198", "nineties": "199"}

// century reads "the 20th century", "the twenty-first century".
func century(_ *scanner, ws []word, i int) (match, bool) {
	j := i
	if ws[i].lower == "the" {
		j++
	}
	if peek(ws, j+1) != "century" {
		return match{}, false
	}
	c, ok := centuries[peek(ws, j)]
	if !ok {
		return match{}, false
	}
	return match{i, j + 2, fmt.Sprintf("%02d", c-1), storyline.GranularityDecade, typeDate}, true
}

var centuries = map[string]int{"19th": 19, "20th": 20, "21st": 21, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}

// spokenYear reads "the year two thousand" and "in nineteen ninety-one".
func spokenYear(_ *scanner, ws []word, i int) (match, bool) {
	if ws[i].lower == "the" && peek(ws, i+1) == "year" {
		if peek(ws, i+2) == "two" && peek(ws, i+3) == "thousand" {
			return yearMatch(i, i+4, 2000), true
		}
		if y, next, ok := yearAt(ws, i+2); ok {
			return yearMatch(i, next, y), true
		}
	}
	if ws[i].lower != "nineteen" {
		return match{}, false
	}
	y, next, ok := yearAt(ws, i)
	if !ok {
		return match{}, false
	}
	return yearMatch(i, next, y), true
}

// edgeOfPeriod reads "the end of the month", "year-end", "earlier in the
// year", "the end of 2017": a part of a period is dated as the period.
func edgeOfPeriod(s *scanner, ws []word, i int) (match, bool) {
	w := ws[i].lower
	if strings.HasPrefix(w, "mid-") {
		if y, ok := year(w[4:]); ok {
			return yearMatch(i, i+1, y), true
		}
		if m, ok := months[w[4:]]; ok && s.at.known {
			return monthMatch(i, i+1, monthYearFor(s.at.t, m, tenseNear(ws, i)), m), true
		}
	}
	if !s.at.known {
		return match{}, false
	}
	switch {
	case (w == "year-end" || w == "year") && (w == "year-end" || peek(ws, i+1) == "end") && peek(ws, i-1) != "the":
		end := i + 1
		if w == "year" {
			end++
		}
		return yearMatch(i, end, s.at.t.Year()), true
	case w == "year" && peek(ws, i+1) == "'s" && peek(ws, i+2) == "end":
		return yearMatch(i, i+3, s.at.t.Year()), true
	case (w == "earlier" || w == "later") && peek(ws, i+1) == "in" && peek(ws, i+2) == "the":
		return s.currentPeriod(i, i+4, peek(ws, i+3))
	case w == "the" && edgeWords[peek(ws, i+1)] && peek(ws, i+2) == "of" && peek(ws, i+3) == "the":
		return s.currentPeriod(i, i+5, peek(ws, i+4))
	}
	return match{}, false
}

var edgeWords = map[string]bool{"end": true, "beginning": true, "start": true, "middle": true, "rest": true}

// currentPeriod dates "the month" or "the year" as the anchor's own.
func (s *scanner) currentPeriod(i, j int, unit string) (match, bool) {
	t := s.at.t
	switch unit {
	case "year":
		return yearMatch(i, j, t.Year()), true
	case "month":
		return monthMatch(i, j, t.Year(), int(t.Month())), true
	case "week":
		y, wk := t.ISOWeek()
		return match{i, j, fmt.Sprintf("%04d-W%02d", y, wk), storyline.GranularityWeek, typeDate}, true
	}
	return match{}, false
}

var relatives = map[string]int{"this": 0, "last": -1, "next": 1, "past": -1, "coming": 1, "previous": -1,
	"current": 0, "following": 1}

// relativeUnit reads "last week", "this month", "next year", "last
// November", "that year", "the following month".
func relativeUnit(s *scanner, ws []word, i int) (match, bool) {
	w := ws[i].lower
	if w == "that" && peek(ws, i+1) == "year" && s.lastYear != 0 {
		return yearMatch(i, i+2, s.lastYear), true
	}
	rel, ok := relatives[w]
	if !ok || !s.at.known || i+1 >= len(ws) {
		return match{}, false
	}
	if w == "following" || w == "previous" {
		return s.followingUnit(ws, i, rel)
	}
	if w == "current" && peek(ws, i+1) == "fiscal" && peek(ws, i+2) == "year" {
		return yearMatch(i, i+3, s.at.t.Year()), true
	}
	next := ws[i+1]
	if i > 0 && isCapital(ws[i].text) && isCapital(next.text) && units[next.lower] != "" {
		return match{}, false // a title: ABC's "This Week"
	}
	if m, ok := monthOf(next); ok && w != "current" {
		return monthMatch(i, i+2, relativeMonthYear(s.at.t, m, rel), m), true
	}
	t := s.at.t
	switch next.lower {
	case "week", "weekend":
		y, wk := t.AddDate(0, 0, 7*rel).ISOWeek()
		v := fmt.Sprintf("%04d-W%02d", y, wk)
		if next.lower == "weekend" {
			v += "-WE"
		}
		return match{i, i + 2, v, storyline.GranularityWeek, typeDate}, true
	case "month":
		return monthMatch(i, i+2, t.AddDate(0, rel, 0).Year(), int(t.AddDate(0, rel, 0).Month())), true
	case "year":
		return yearMatch(i, i+2, t.Year()+rel), true
	}
	return match{}, false
}

func relativeMonthYear(at time.Time, m, rel int) int {
	y := at.Year()
	switch {
	case rel < 0 && m >= int(at.Month()):
		y--
	case rel > 0 && m <= int(at.Month()):
		y++
	}
	return y
}

// followingUnit reads "the following month" against the last month named.
func (s *scanner) followingUnit(ws []word, i, rel int) (match, bool) {
	switch peek(ws, i+1) {
	case "year":
		if s.lastYear != 0 {
			return yearMatch(i, i+2, s.lastYear+rel), true
		}
	case "month":
		if !s.lastMonth.IsZero() {
			t := s.lastMonth.AddDate(0, rel, 0)
			return monthMatch(i, i+2, t.Year(), int(t.Month())), true
		}
	}
	return match{}, false
}

// ago reads "two months ago", "three years ago", "a week ago".
func ago(s *scanner, ws []word, i int) (match, bool) {
	n, j, ok := numberAt(ws, i)
	if !ok || !s.at.known || peek(ws, j+1) != "ago" {
		return match{}, false
	}
	unit, t := units[peek(ws, j)], s.at.t
	if n < 0 {
		if unit == "" {
			return match{}, false
		}
		return match{i, j + 2, "PAST_REF", "", typeDate}, true
	}
	switch unit {
	case "D":
		return dayMatch(i, j+2, t.AddDate(0, 0, -n)), true
	case "W":
		y, wk := t.AddDate(0, 0, -7*n).ISOWeek()
		return match{i, j + 2, fmt.Sprintf("%04d-W%02d", y, wk), storyline.GranularityWeek, typeDate}, true
	case "M":
		tt := t.AddDate(0, -n, 0)
		return monthMatch(i, j+2, tt.Year(), int(tt.Month())), true
	case "Y":
		return yearMatch(i, j+2, t.Year()-n), true
	case "DE":
		return yearMatch(i, j+2, t.Year()-10*n), true
	}
	return match{}, false
}

// durationPreposition make "a week" a duration: "for a week", not "a week after".
var durationPreposition = map[string]bool{"for": true, "within": true, "about": true, "nearly": true, "almost": true,
	"than": true, "least": true, "over": true, "lasted": true, "took": true, "spent": true}

// durationLead are words a duration's extent starts with: "the past three months".
var durationLead = map[string]bool{"past": true, "next": true, "last": true, "coming": true, "first": true,
	"latest": true, "final": true, "previous": true, "remaining": true, "following": true}

// durationFiller may stand between a count and its unit: "20 more years".
var durationFiller = map[string]bool{"more": true, "trading": true, "business": true, "working": true,
	"consecutive": true, "straight": true, "full": true, "additional": true, "calendar": true, "long": true}

// duration reads "three years", "the past three months", "five-year",
// "the next two months", "a couple of years", "for months".
func duration(s *scanner, ws []word, i int) (match, bool) {
	j := i
	if w := ws[j].lower; (w == "the" || w == "its" || w == "their") && durationLead[peek(ws, j+1)] {
		j += 2
	} else if w == "the" {
		j++
	}
	if m, ok := hyphenDuration(ws, j); ok {
		return m, true
	}
	n, k, ok := numberAt(ws, j)
	if !ok && j == i+2 && peek(ws, j) == "decade" {
		return durationMatch(i, j+1, 1, "DE"), true // "the past decade"
	}
	if !ok {
		return bareUnits(ws, i)
	}
	if peek(ws, k) == "to" || peek(ws, k) == "or" {
		if _, k2, ok := numberAt(ws, k+1); ok && units[peek(ws, k2)] != "" {
			k = k2
		}
	}
	for durationFiller[peek(ws, k)] {
		k++
	}
	u, ok := units[peek(ws, k)]
	if !ok || (k == j+1 && j == i && (ws[j].lower == "a" || ws[j].lower == "an" || ws[j].lower == "one") && !durationPreposition[peek(ws, i-1)]) {
		return match{}, false
	}
	if peek(ws, k+1) == "old" || (u == "Q" && k == j+1 && ws[j].lower != "two") {
		return match{}, false
	}
	if j == i && peek(ws, i-1) == "in" && s.at.known && n > 0 && tenseNear(ws, i) == future {
		return s.inFuture(i, k+1, n, u)
	}
	return durationMatch(i, k+1, n, u), true
}

// hyphenDuration reads "five-year", "8-month-old", "two-week".
func hyphenDuration(ws []word, j int) (match, bool) {
	i := j
	parts := strings.Split(peek(ws, j), "-")
	if len(parts) < 2 {
		return match{}, false
	}
	n, ok := number(parts[0])
	if !ok || n <= 0 {
		return match{}, false
	}
	u := parts[1]
	if len(parts) > 2 && tens[parts[0]] > 0 { // "twenty-five-year"
		if m, ok := numbers[parts[1]]; ok && m < 10 {
			n, u = n+m, parts[2]
		}
	}
	unit, ok := units[u]
	if !ok || strings.HasSuffix(u, "s") || unit == "Q" {
		return match{}, false
	}
	if peek(ws, i-1) == "a" && spanNouns[peek(ws, j+1)] {
		return durationMatch(i-1, j+2, n, unit), true
	}
	return durationMatch(i, j+1, n, unit), true
}

var spanNouns = map[string]bool{"period": true, "span": true, "stretch": true, "term": true}

// bareUnits reads "for months", "within weeks", "recent years", "coming weeks".
func bareUnits(ws []word, i int) (match, bool) {
	w := ws[i].lower
	if w == "the" && peek(ws, i+1) == "years" && (peek(ws, i-1) == "over" || peek(ws, i-1) == "through") {
		return durationMatch(i, i+2, -1, "Y"), true
	}
	if w == "recent" && peek(ws, i+1) == "years" && peek(ws, i-1) == "in" {
		return match{i, i + 2, "PAST_REF", "", typeDate}, true
	}
	if w == "recent" || w == "coming" {
		if u, ok := units[peek(ws, i+1)]; ok && strings.HasSuffix(peek(ws, i+1), "s") && u != "Q" {
			return durationMatch(i, i+2, -1, u), true
		}
	}
	u, ok := units[w]
	if !ok || !strings.HasSuffix(w, "s") || u == "Q" || u == "CE" {
		return match{}, false
	}
	if p := peek(ws, i-1); p == "for" || p == "within" || (p != "the" && peek(ws, i+1) == "of" && i > 0 && isFollows(peek(ws, i-1))) {
		return durationMatch(i, i+1, -1, u), true
	}
	return match{}, false
}

func isFollows(w string) bool { return w == "follows" || w == "after" || w == "took" || w == "spent" }

// inFuture reads "(redeemed) in five years" as the date it lands on.
func (s *scanner) inFuture(i, j, n int, u string) (match, bool) {
	t := s.at.t
	switch u {
	case "D":
		return dayMatch(i, j, t.AddDate(0, 0, n)), true
	case "W":
		y, wk := t.AddDate(0, 0, 7*n).ISOWeek()
		return match{i, j, fmt.Sprintf("%04d-W%02d", y, wk), storyline.GranularityWeek, typeDate}, true
	case "M":
		tt := t.AddDate(0, n, 0)
		return monthMatch(i, j, tt.Year(), int(tt.Month())), true
	case "Y":
		return yearMatch(i, j, t.Year()+n), true
	}
	return durationMatch(i, j, n, u), true
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
	case "CE":
		v = "P" + count + "00Y"
		if n < 0 {
			v = "PXCE"
		}
	}
	return match{i, j, v, "", typeDuration}
}

// set reads recurring times: "each year", "every Monday", "$5 a day", "annually".
func set(_ *scanner, ws []word, i int) (match, bool) {
	w := ws[i].lower
	if m, ok := weeklySet(ws, i); ok {
		return m, true
	}
	if v, ok := adverbSets[w]; ok && !(isCapital(ws[i].text) && i > 0) && (w == "annually" || w == "yearly" || clauseEnds(ws, i+1)) {
		return match{i, i + 1, v, "", typeSet}, true
	}
	if w != "each" && w != "every" && w != "per" && !(w == "a" && quantityBefore(ws, i)) {
		return match{}, false
	}
	next := peek(ws, i+1)
	if u, ok := units[next]; ok && !strings.HasSuffix(next, "s") && (u != "Q" || w == "every" || w == "each") {
		if after := peek(ws, i+2); after == "after" || after == "before" || after == "later" || after == "earlier" || after == "ago" {
			return match{}, false
		}
		return match{i, i + 2, durationMatch(0, 0, 1, u).value, "", typeSet}, true
	}
	if w == "a" || w == "per" {
		return match{}, false
	}
	if m, ok := monthOf(ws[min(i+1, len(ws)-1)]); ok && i+1 < len(ws) {
		return match{i, i + 2, fmt.Sprintf("XXXX-%02d", m), "", typeSet}, true
	}
	if wd, ok := weekdays[next]; ok {
		return match{i, i + 2, fmt.Sprintf("XXXX-WXX-%d", isoWeekday(wd)), "", typeSet}, true
	}
	return match{}, false
}

// weeklySet reads a weekday said of every week: "on Mondays", "Tuesday
// nights", and the first of "Monday and Tuesday nights".
func weeklySet(ws []word, i int) (match, bool) {
	w := ws[i].lower
	if !isCapital(ws[i].text) {
		return match{}, false
	}
	if wd, ok := weekdays[strings.TrimSuffix(w, "s")]; ok && strings.HasSuffix(w, "s") {
		return match{i, i + 1, fmt.Sprintf("XXXX-WXX-%d", isoWeekday(wd)), "", typeSet}, true
	}
	wd, ok := weekdays[w]
	if !ok {
		return match{}, false
	}
	part, j := pluralPart(peek(ws, i+1)), i+2
	if part == "" && peek(ws, i+1) == "and" {
		if _, ok := weekdays[peek(ws, i+2)]; ok {
			part, j = pluralPart(peek(ws, i+3)), i+1
		}
	}
	if part == "" {
		return match{}, false
	}
	return match{i, j, fmt.Sprintf("XXXX-WXX-%dT%s", isoWeekday(wd), part), "", typeSet}, true
}

// pluralPart reads "nights" or "mornings" as the part of every such day.
func pluralPart(w string) string {
	if !strings.HasSuffix(w, "s") {
		return ""
	}
	return partsOfDay[strings.TrimSuffix(w, "s")]
}

// clauseEnds tells "published daily" from "daily volume": an adjective
// is followed by its noun.
func clauseEnds(ws []word, k int) bool {
	switch peek(ws, k) {
	case "", "in", "on", "at", "for", "since", "and", "to", "by", "or", "from":
		return true
	}
	return false
}

var adverbSets = map[string]string{"annually": "XXXX", "yearly": "XXXX", "daily": "XXXX-XX-XX",
	"weekly": "XXXX-WXX", "monthly": "XXXX-XX", "nightly": "XXXX-XX-XXTNI"}

func isoWeekday(wd int) int {
	if wd == 0 {
		return 7
	}
	return wd
}

// quantityBefore tells "$5 a day" and "twice a year" from "a day after".
func quantityBefore(ws []word, i int) bool {
	p := peek(ws, i-1)
	if _, ok := number(p); ok && p != "a" && p != "an" {
		return true
	}
	switch p {
	case "million", "billion", "thousand", "hundred", "once", "twice", "times", "percent", "dollars", "cents":
		return true
	}
	return strings.HasSuffix(p, "s") && (isNumberWord(peek(ws, i-2)) || bigNumbers[peek(ws, i-2)])
}

// bigNumbers end a count: "fifty thousand CDs a year".
var bigNumbers = map[string]bool{"hundred": true, "thousand": true, "million": true, "billion": true, "dozen": true}

func isNumberWord(w string) bool {
	n, ok := number(w)
	return ok && n > 1
}

// weekday reads "Tuesday", "on Tuesday", "last Friday", "next Monday":
// the nearest such day before the anchor, or after it in future tense.
func weekday(s *scanner, ws []word, i int) (match, bool) {
	start, rel := i, 0
	if r, ok := relatives[ws[i].lower]; ok && ws[i].lower != "this" {
		rel, i = r, i+1
	}
	wd, ok := weekdays[peek(ws, i)]
	if !ok || !isCapital(ws[i].text) || newspaperName(ws, i) {
		return match{}, false
	}
	if rel == 0 {
		for _, f := range []matcher{fullDate, dayMonth} {
			if m, ok := f(s, ws, i+1); ok && m.granularity == storyline.GranularityDay {
				m.i = start // "Monday, Dec. 4": the date says which Monday
				return m, true
			}
		}
	}
	if !s.at.known {
		return match{}, false
	}
	return dayMatch(start, i+1, weekdayDate(s.at.t, wd, rel, tenseNear(ws, i))), true
}

// newspaperName tells "The Sunday Times" from a day.
func newspaperName(ws []word, i int) bool {
	switch peek(ws, i+1) {
	case "times", "telegraph", "mirror", "express", "post", "herald", "mail", "independent", "people", "sport", "school", "night", "morning", "evening", "afternoon":
		return isCapital(ws[min(i+1, len(ws)-1)].text) && i+1 < len(ws)
	}
	return false
}

func weekdayDate(at time.Time, wd, rel, dir int) time.Time {
	if rel > 0 || (rel == 0 && dir == future) {
		diff := (wd - int(at.Weekday()) + 7) % 7
		if diff == 0 && rel > 0 {
			diff = 7
		}
		return at.AddDate(0, 0, diff)
	}
	back := (int(at.Weekday()) - wd + 7) % 7
	if rel < 0 && back == 0 {
		back = 7
	}
	return at.AddDate(0, 0, -back)
}

// deictic reads "today", "yesterday", "tomorrow", "now".
func deictic(s *scanner, ws []word, i int) (match, bool) {
	w := ws[i].lower
	switch w {
	case "now", "currently", "nowadays", "presently":
		return match{i, i + 1, "PRESENT_REF", "", typeDate}, true
	case "recently", "lately":
		return match{i, i + 1, "PAST_REF", "", typeDate}, true
	case "soon":
		if peek(ws, i-1) == "as" {
			return match{}, false
		}
		return match{i, i + 1, "FUTURE_REF", "", typeDate}, true
	}
	if !s.at.known {
		return match{}, false
	}
	switch w {
	case "today":
		return dayMatch(i, i+1, s.at.t), true
	case "yesterday":
		return dayMatch(i, i+1, s.at.t.AddDate(0, 0, -1)), true
	case "tomorrow":
		return dayMatch(i, i+1, s.at.t.AddDate(0, 0, 1)), true
	case "weekend":
		if peek(ws, i-1) == "the" && i >= 1 {
			return s.weekend(ws, i-1, i+1), true
		}
	}
	return match{}, false
}

// weekend dates "the weekend": the one just past, or the next in future tense.
func (s *scanner) weekend(ws []word, i, j int) match {
	t := s.at.t
	if tenseNear(ws, i) == future {
		t = t.AddDate(0, 0, (6-int(t.Weekday())+7)%7)
	} else {
		t = t.AddDate(0, 0, -((int(t.Weekday())+1)%7 + 1))
	}
	y, wk := t.ISOWeek()
	return match{i, j, fmt.Sprintf("%04d-W%02d-WE", y, wk), storyline.GranularityWeek, typeDate}
}

var futurePreposition = map[string]bool{"in": true, "into": true, "for": true, "near": true}

// reference reads "the past", "the future", "these days", "the near future".
func reference(_ *scanner, ws []word, i int) (match, bool) {
	w := ws[i].lower
	switch {
	case w == "these" && peek(ws, i+1) == "days":
		return match{i, i + 2, "PRESENT_REF", "", typeDate}, true
	case w == "at" && peek(ws, i+1) == "present":
		return match{i + 1, i + 2, "PRESENT_REF", "", typeDate}, true
	case w == "past" && peek(ws, i+1) == "years" && peek(ws, i-1) != "the":
		return match{i, i + 2, "PAST_REF", "", typeDate}, true
	case w != "the":
		return match{}, false
	case peek(ws, i+1) == "past" && peek(ws, i-1) == "in" && units[peek(ws, i+2)] == "" && !isNumberWord(peek(ws, i+2)):
		return match{i, i + 2, "PAST_REF", "", typeDate}, true
	case peek(ws, i+1) == "future" && futurePreposition[peek(ws, i-1)]:
		return match{i, i + 2, "FUTURE_REF", "", typeDate}, true
	case (peek(ws, i+1) == "near" || peek(ws, i+1) == "distant" || peek(ws, i+1) == "foreseeable") && peek(ws, i+2) == "future":
		return match{i, i + 3, "FUTURE_REF", "", typeDate}, true
	}
	return match{}, false
}

// yearCue are words that make a four-digit number a year.
var yearCue = map[string]bool{"in": true, "since": true, "by": true, "until": true, "till": true, "of": true,
	"from": true, "to": true, "during": true, "before": true, "after": true, "early": true, "late": true, "mid": true,
	"around": true, "through": true, "for": true, "and": true, "between": true, "the": true, "fiscal": true,
	"its": true, "their": true, "his": true, "her": true, "'s": true, "due": true, "year": true, "circa": true, "than": true}

var yearNouns = map[string]bool{"election": true, "elections": true, "campaign": true, "race": true, "season": true,
	"olympics": true, "budget": true, "census": true, "war": true, "vote": true, "primary": true, "primaries": true,
	"summit": true, "presidential": true, "midterm": true, "midterms": true, "cycle": true, "convention": true,
	"invasion": true, "period": true, "quarter": true, "crisis": true, "agreement": true, "deal": true, "accord": true,
	"law": true, "referendum": true, "games": true, "world": true, "levels": true, "level": true, "results": true}

// bareYear reads "in 2016", "since 1971", "the 2016 election", "fiscal 1989".
func bareYear(s *scanner, ws []word, i int) (match, bool) {
	y, ok := year(ws[i].lower)
	if !ok || !(yearCue[peek(ws, i-1)] || yearNouns[peek(ws, i+1)] || ws[i].text[0] == '\'') {
		return match{}, false
	}
	if peek(ws, i-1) == "the" && (peek(ws, i+1) == "period" || peek(ws, i+1) == "quarter") {
		if s.refQuarter != 0 {
			return quarterMatch(i-1, i+2, y, s.refQuarter), true
		}
		return yearMatch(i-1, i+2, y), true
	}
	return yearMatch(i, i+1, y), true
}
