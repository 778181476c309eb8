package timex

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/sentence"
)

// Infer estimates when an undated article was published from its text
// alone. News is written shortly after the latest day it reports as past:
// the best guess is that day, the range runs from it to a few weeks
// after. With only months or years to go on, the range widens to match,
// and with nothing at all the answer is "unknown" rather than a guess.
func Infer(body string) storyline.Published {
	type mention struct {
		t    time.Time
		gran string
		ev   string
	}
	var found []mention
	var undated []match // days without a year: "Sept. 8"
	var undatedEv []string
	years := map[int]int{}
	for _, s := range sentence.Split(body) {
		text := body[s.Start:s.End]
		ws := words(text)
		if looksFuture(ws) {
			continue // a date the article looks forward to bounds nothing
		}
		for _, m := range tagSentence(ws, anchor{}) {
			if t, gran, ok := absolute(m.value); ok {
				found = append(found, mention{t, gran, strings.TrimSpace(text)})
				years[t.Year()]++
			} else if strings.HasPrefix(m.value, "XXXX-") {
				undated = append(undated, m)
				undatedEv = append(undatedEv, strings.TrimSpace(text))
			}
		}
	}
	if len(years) == 0 {
		return storyline.Published{Method: storyline.DateUnknown}
	}
	// The year the article talks about most is its own; a day without a
	// year belongs to it.
	main := 0
	for y, n := range years {
		if n > years[main] || (n == years[main] && y > main) {
			main = y
		}
	}
	for i, m := range undated {
		if t, err := time.Parse("2006-01-02", fmt.Sprintf("%04d%s", main, m.value[4:])); err == nil {
			found = append(found, mention{t, storyline.GranularityDay, undatedEv[i]})
		}
	}
	var day, month mention
	for _, m := range found {
		if m.t.Year() != main {
			continue
		}
		switch m.gran {
		case storyline.GranularityDay:
			if m.t.After(day.t) {
				day = m
			}
		case storyline.GranularityMonth:
			if m.t.After(month.t) {
				month = m
			}
		}
	}
	switch {
	case !day.t.IsZero() && !month.t.After(day.t):
		return inferred(day.t, day.t.AddDate(0, 0, -3), day.t.AddDate(0, 0, 45), day.ev)
	case !month.t.IsZero():
		return inferred(month.t.AddDate(0, 1, -1), month.t, month.t.AddDate(0, 4, 0), month.ev)
	}
	y := time.Date(main, 1, 1, 0, 0, 0, 0, time.UTC)
	return inferred(y.AddDate(0, 6, 0), y, y.AddDate(1, 6, 0), fmt.Sprintf("the year the text names most: %d", main))
}

func inferred(best, earliest, latest time.Time, evidence string) storyline.Published {
	f := func(t time.Time) string { return t.Format("2006-01-02") }
	if len(evidence) > 300 {
		evidence = evidence[:300] + "…"
	}
	return storyline.Published{Date: f(best), Earliest: f(earliest), Latest: f(latest),
		Method: storyline.DateInferred, Evidence: "latest past date mentioned: " + evidence}
}

// absolute reads a TIMEX3 value that needs no anchor.
func absolute(v string) (time.Time, string, bool) {
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t, storyline.GranularityDay, true
	}
	if t, err := time.Parse("2006-01", v); err == nil {
		return t, storyline.GranularityMonth, true
	}
	if len(v) == 4 {
		if y, err := strconv.Atoi(v); err == nil {
			return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), storyline.GranularityYear, true
		}
	}
	return time.Time{}, "", false
}
