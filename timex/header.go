package timex

import (
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

// headerZone is how far into the body a date line still belongs to the
// article's header rather than its story.
const headerZone = 400

// headerLineMax is the longest line read as a date line; longer lines are prose.
const headerLineMax = 90

var headerWords = map[string]bool{"published": true, "updated": true, "posted": true, "date": true, "dated": true,
	"first": true, "last": true, "on": true, "at": true, "gmt": true, "utc": true, "est": true, "et": true, "by": true}

// FromText dates an article that came without metadata: a date line in
// its header ("Published: 12/11/2017", "December 11, 2017 10:32 GMT") is
// the publication day; failing that the date is inferred from the story.
func FromText(body string) storyline.Published {
	return fromTextAt(body, time.Now().UTC())
}

func fromTextAt(body string, now time.Time) storyline.Published {
	if p, ok := headerDate(body); ok {
		return p
	}
	return inferAt(collectClues(body), now)
}

// headerDate finds a short line near the top that is mostly a full date.
func headerDate(body string) (storyline.Published, bool) {
	sc := newScanner(anchor{})
	for start := 0; start < len(body) && start < headerZone; {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := strings.TrimSpace(body[start:end])
		if len(line) > 0 && len(line) <= headerLineMax {
			if day, ok := dateLine(sc, line); ok {
				return storyline.Published{Date: day, Earliest: day, Latest: day, Method: storyline.DateText,
					Evidence: "date line in the header: " + line}, true
			}
		}
		start = end + 1
	}
	return storyline.Published{}, false
}

// dateLine accepts a line whose words, besides one full date, are times
// and words like "Published" or "Updated".
func dateLine(sc *scanner, line string) (string, bool) {
	ws := words(line)
	day := ""
	for i := 0; i < len(ws); {
		if m, ok := fullDate(sc, ws, i); ok && day == "" && len(m.value) == 10 && m.value[0] != 'X' {
			day, i = m.value, m.j
			continue
		}
		if m, ok := dayMonth(sc, ws, i); ok && day == "" && len(m.value) == 10 {
			day, i = m.value, m.j
			continue
		}
		w := ws[i].lower
		_, isWeekday := weekdays[w]
		if !headerWords[w] && !isWeekday && !isClock(w) && !zones[w] && w != "a.m." && w != "p.m." {
			return "", false
		}
		i++
	}
	return day, day != ""
}

func isClock(w string) bool {
	return w != "" && w[0] >= '0' && w[0] <= '9' && len(w) <= 5 && !strings.ContainsAny(w, "-/.")
}
