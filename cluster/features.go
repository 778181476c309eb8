package cluster

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// What an article is about, for events, is read from its title and the
// lead of its body: later paragraphs drift into background every article
// of a campaign shares.
const (
	leadBytes  = 1500
	leadTokens = 80
)

// lead is the start of the body without the title that scraped bodies
// often repeat as their first line, and the byte offset in the body where
// it ends.
func lead(title, body string) (string, int) {
	start := len(body) - len(strings.TrimLeftFunc(body, unicode.IsSpace))
	if t := strings.TrimSpace(title); t != "" && strings.HasPrefix(body[start:], t) {
		start += len(t)
	}
	for start < len(body) && (unicode.IsSpace(rune(body[start])) || body[start] == '.') {
		start++
	}
	end := min(len(body), start+leadBytes)
	for end < len(body) && !utf8.RuneStart(body[end]) {
		end--
	}
	return body[start:end], end
}

// leadEntities are the entities the lead mentions: the people and places
// of the happening itself, not of the background every article of a
// campaign recalls further down.
func leadEntities(a *storyline.Article, end int) []storyline.Entity {
	var out []storyline.Entity
	for _, e := range keyEntities(a) {
		for _, m := range e.Mentions {
			if m.Start < end {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// leadDays are the days the lead speaks of, resolved against the day of
// publication: "on Tuesday" is the latest Tuesday not after it,
// "yesterday" the day before, "tonight" the day itself, and explicit dates
// as the timeline reads them. Two reports of one happening name its day,
// which the campaign's other news of that week does not.
func leadDays(text string, pub time.Time) []string {
	if pub.IsZero() {
		return nil
	}
	var out []string
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
	month := false
	for i, w := range words {
		var d time.Time
		if _, ok := monthNames[strings.TrimSuffix(w, ".")]; ok {
			month = true
		}
		switch {
		case weekdayOf[strings.TrimSuffix(w, "s")] > 0:
			back := (int(pub.Weekday()) - int(weekdayOf[strings.TrimSuffix(w, "s")]-1) + 7) % 7
			d = pub.AddDate(0, 0, -back)
		case w == "yesterday" || w == "night" && i > 0 && words[i-1] == "last":
			d = pub.AddDate(0, 0, -1)
		case w == "today" || w == "tonight":
			d = pub
		default:
			continue
		}
		out = append(out, d.Format(time.DateOnly))
	}
	if !month {
		return out // the date pattern is costly, and needs a month's name
	}
	for _, m := range explicitDate.FindAllStringSubmatchIndex(text, -1) {
		if d, ok := resolveDate(text, m, pub); ok {
			out = append(out, d)
		}
	}
	return out
}

// weekdayOf maps a weekday's name to its time.Weekday plus one, so that
// the zero value says "not a weekday".
var weekdayOf = func() map[string]time.Weekday {
	m := map[string]time.Weekday{}
	for d := time.Sunday; d <= time.Saturday; d++ {
		m[strings.ToLower(d.String())] = d + 1
	}
	return m
}()
