package cluster

import (
	"hash/fnv"
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

// evidence is what an article brings to the choice of its event.
type evidence struct {
	vec      map[string]float64 // unit TF-IDF of title, lead, days, lead entities
	day      time.Time
	headline bool
	quotes   map[uint64]bool // hashed shingles of its direct quotes
}

// quoteShingle is the number of words of a shingle: five words are rarely
// repeated by chance, and a paraphrase keeps few of them.
const (
	quoteShingle   = 5
	maxEventQuotes = 4000 // shingles an event keeps, so memory stays bounded
)

// quoteShingles are the hashed word shingles of an article's direct and
// mixed quotes (the quoted words themselves; an indirect quote is the
// reporter's paraphrase and differs from outlet to outlet).
func quoteShingles(a *storyline.Article) map[uint64]bool {
	var out map[uint64]bool
	for _, q := range a.Quotes {
		if q.Kind == storyline.QuoteIndirect {
			continue
		}
		w := strings.FieldsFunc(strings.ToLower(q.Text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		for i := 0; i+quoteShingle <= len(w); i++ {
			h := fnv.New64a()
			for _, x := range w[i : i+quoteShingle] {
				h.Write([]byte(x))
				h.Write([]byte{' '})
			}
			if out == nil {
				out = map[uint64]bool{}
			}
			out[h.Sum64()] = true
		}
	}
	return out
}

func (e *event) addQuotes(q map[uint64]bool) {
	for h := range q {
		if len(e.quotes) >= maxEventQuotes {
			return
		}
		if e.quotes == nil {
			e.quotes = map[uint64]bool{}
		}
		e.quotes[h] = true
	}
}

func sharedQuotes(a, b map[uint64]bool) int {
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for h := range a {
		if b[h] {
			n++
		}
	}
	return n
}
