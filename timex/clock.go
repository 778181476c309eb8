package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

var partsOfDay = map[string]string{"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
	"mid-afternoon": "AF", "mid-morning": "MO", "overnight": "NI"}

// partOfDay reads "this morning", "tonight", "last night", "yesterday
// afternoon", "Tuesday night", "mid-afternoon yesterday".
func partOfDay(s *scanner, ws []word, i int) (match, bool) {
	if !s.at.known {
		return match{}, false
	}
	w := ws[i].lower
	switch {
	case w == "tonight":
		return timeMatch(i, i+1, s.at.t, "NI"), true
	case w == "mid" && partsOfDay[peek(ws, i+1)] != "" && peek(ws, i+1) != "night":
		return timeMatch(i, i+2, s.at.t, partsOfDay[peek(ws, i+1)]), true // "by mid afternoon": today's
	case w == "this" || w == "last":
		part, ok := partsOfDay[peek(ws, i+1)]
		if !ok || (w == "last" && part != "NI") {
			return match{}, false
		}
		t := s.at.t
		if w == "last" {
			t = t.AddDate(0, 0, -1)
		}
		return timeMatch(i, i+2, t, part), true
	}
	if part, ok := partsOfDay[w]; ok && w != "night" {
		if d, ok := s.dayAt(ws, i+1); ok {
			return timeMatch(i, d.j, dayOf(d), part), true
		}
	}
	if part, ok := partsOfDay[peek(ws, i+1)]; ok {
		if d, ok := s.dayAt(ws, i); ok && d.j == i+1 {
			return timeMatch(i, i+2, dayOf(d), part), true
		}
	}
	return match{}, false
}

// dayAt reads a single day at word i: "Tuesday", "yesterday", "Nov. 6".
func (s *scanner) dayAt(ws []word, i int) (match, bool) {
	if i >= len(ws) {
		return match{}, false
	}
	for _, f := range []matcher{weekday, deictic, fullDate, dayMonth} {
		if m, ok := f(s, ws, i); ok && m.granularity == storyline.GranularityDay && !strings.HasPrefix(m.value, "X") {
			return m, true
		}
	}
	return match{}, false
}

func dayOf(m match) time.Time {
	t, _ := time.Parse("2006-01-02", m.value[:10])
	return t
}

func timeMatch(i, j int, t time.Time, part string) match {
	return match{i, j, dayValue(t) + "T" + part, storyline.GranularityDay, typeTime}
}

// clockTime reads "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST, Nov. 6",
// "10:30 a.m.".
func clockTime(s *scanner, ws []word, i int) (match, bool) {
	h, mi, j, ok := clockAt(ws, i)
	if !ok || !s.at.known {
		return match{}, false
	}
	if zones[peek(ws, j)] {
		j++
	}
	t, end := s.at.t, j
	if d, ok := s.dayAt(ws, j); ok {
		t, end = dayOf(d), d.j
	} else if peek(ws, j) == "on" {
		if d, ok := s.dayAt(ws, j+1); ok {
			t, end = dayOf(d), d.j
		}
	}
	if end == j && (ws[i].lower == "noon" || ws[i].lower == "midnight") && !timePreposition[peek(ws, i-1)] {
		return match{}, false
	}
	return match{i, end, fmt.Sprintf("%sT%02d:%02d", dayValue(t), h, mi), storyline.GranularityDay, typeTime}, true
}

var zones = map[string]bool{"est": true, "edt": true, "gmt": true, "utc": true, "et": true, "pst": true, "pdt": true,
	"cst": true, "cdt": true, "bst": true, "cet": true, "msk": true}

var timePreposition = map[string]bool{"at": true, "by": true, "until": true, "before": true, "after": true, "since": true}

// clockAt reads "10 p.m.", "10:30 a.m.", "noon", "midnight" as hours and minutes.
func clockAt(ws []word, i int) (h, m, next int, ok bool) {
	switch ws[i].lower {
	case "noon":
		return 12, 0, i + 1, true
	case "midnight":
		return 24, 0, i + 1, true
	}
	hs, ms, hasMinutes := strings.Cut(ws[i].lower, ":")
	h, err := strconv.Atoi(hs)
	if err != nil || h < 0 || h > 23 {
		return 0, 0, i, false
	}
	if hasMinutes {
		if m, err = strconv.Atoi(ms); err != nil || m < 0 || m > 59 {
			return 0, 0, i, false
		}
	}
	switch peek(ws, i+1) {
	case "a.m.", "am", "a.m":
		if h == 12 {
			h = 0
		}
	case "p.m.", "pm", "p.m":
		if h < 12 {
			h += 12
		}
	default:
		return 0, 0, i, false
	}
	return h, m, i + 2, h <= 23 || h == 24
}
