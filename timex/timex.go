// Package timex reads time in news: temporal expressions ("on Tuesday",
// "last November", "fall 2015") normalised against the article's date as
// TIMEX3 values, the publication date itself when the source gives none
// (with an honest range and the evidence), the dated events an article
// mentions, and the day each quote was said ("Lavrov said Wednesday").
//
// It is a hand-written scanner over words, not a general date parser: those
// are slow to start and take "May" the verb and "March" the noun for dates.
package timex

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/sentence"
)

// Tagger annotates articles with time. It holds no state between them.
type Tagger struct{}

// New returns a tagger.
func New() *Tagger { return &Tagger{} }

// Annotate fills a.Timexes, a.Events and each quote's Date, and infers
// a.Published when the source gave no date.
func (t *Tagger) Annotate(ctx context.Context, a *storyline.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	a.Published = publication(a.Published, a.Body)
	sc := newScanner(anchorOf(a.Published))
	sents := sentence.Split(a.Body)
	a.Timexes, a.Events = nil, nil
	for _, s := range sents {
		text := a.Body[s.Start:s.End]
		ws := words(text)
		lastClause := storyline.Span{Start: -1}
		var breaks []int // the sentence's clause breaks, found once it dates a clause
		for _, m := range sc.sentence(ws) {
			start, end := s.Start+ws[m.i].start, s.Start+ws[m.j-1].end
			a.Timexes = append(a.Timexes, storyline.Timex{Text: a.Body[start:end], Start: start, End: end,
				Value: m.value, Granularity: m.granularity, Type: m.typ})
			if !datesEvent(m) {
				continue
			}
			if breaks == nil {
				breaks = clauseBreaks(a.Body, s)
			}
			c := clauseAround(a.Body, s, breaks, start, end)
			if c == lastClause {
				continue // one event per clause: its first date
			}
			lastClause = c
			a.Events = append(a.Events, storyline.DatedEvent{Date: eventDate(m.value), Granularity: m.granularity,
				Text: a.Body[c.Start:c.End], Start: c.Start, End: c.End})
		}
	}
	dateQuotes(a, sents)
	return nil
}

// publication keeps a date given with the article (normalising an RFC
// 3339 time to its day) and finds one in the text otherwise.
func publication(p storyline.Published, body string) storyline.Published {
	if p.Date == "" {
		return FromText(body)
	}
	day := p.Date[:min(10, len(p.Date))]
	if _, err := time.Parse("2006-01-02", day); err != nil {
		found := FromText(body)
		found.Evidence = fmt.Sprintf("metadata date %q is not a date; %s", p.Date, found.Evidence)
		return found
	}
	p.Date = day
	if p.Method == "" {
		p.Method = storyline.DateMetadata
	}
	if p.Earliest == "" || p.Latest == "" {
		p.Earliest, p.Latest = day, day
	}
	return p
}

// datesEvent tells the expressions that place a clause on the calendar:
// a day, week, month, season or year, not a duration, a set or "now".
func datesEvent(m match) bool {
	if m.typ == typeDuration || m.typ == typeSet || !isCalendarDate(m.value) {
		return false
	}
	return m.granularity != storyline.GranularityDecade
}

// eventDate drops the time of day from a TIME value.
func eventDate(v string) string {
	if i := strings.IndexByte(v, 'T'); i > 0 {
		return v[:i]
	}
	return v
}

// clauseAround trims a sentence to the clause holding [start, end): clauses
// break at semicolons, dashes and a comma before a conjunction, which is
// cheap and keeps "signed on March 16, 2016" apart from "ratified on Dec. 11".
func clauseAround(body string, s storyline.Span, breaks []int, start, end int) storyline.Span {
	from, to := s.Start, s.End
	// The last break before start, the first at or after end: a search,
	// not a scan, since a sentence may hold thousands of dates.
	if k := sort.SearchInts(breaks, start) - 1; k >= 0 && breaks[k] > s.Start {
		from = breaks[k] + 1
	}
	if k := sort.SearchInts(breaks, end); k < len(breaks) {
		to = breaks[k]
	}
	clause := body[from:to]
	trimmed := strings.TrimLeft(clause, clauseEdge)
	for _, c := range conjunctions {
		trimmed = strings.TrimPrefix(trimmed, c[1:])
	}
	from += len(clause) - len(trimmed)
	to = from + len(strings.TrimRight(trimmed, clauseEdge))
	return storyline.Span{Start: from, End: to}
}

const clauseEdge = " ,;—–"

var conjunctions = []string{" and ", " but ", " while ", " whereas ", " although ", " though ", " before ", " after "}

// clauseBreaks lists where a sentence's clauses break, in order.
func clauseBreaks(body string, s storyline.Span) []int {
	breaks := []int{}
	for i := s.Start; i < s.End; i++ {
		if clauseBreak(body, i) {
			breaks = append(breaks, i)
		}
	}
	return breaks
}

func clauseBreak(body string, i int) bool {
	switch body[i] {
	case ';':
		return true
	case ',':
		for _, c := range conjunctions {
			if strings.HasPrefix(body[i+1:], c) {
				return true
			}
		}
	}
	return strings.HasPrefix(body[i:], " — ") || strings.HasPrefix(body[i:], " – ")
}

func anchorOf(p storyline.Published) anchor {
	day := p.Date
	if day == "" {
		return anchor{}
	}
	t, err := time.Parse("2006-01-02", day)
	if err != nil {
		return anchor{}
	}
	return anchor{t: t, known: true}
}

// isCalendarDate tells a date on the calendar (2017, 2017-12, 2017-12-11,
// 2015-FA, 2017-W50) from a duration or a reference like PRESENT_REF.
func isCalendarDate(v string) bool {
	return len(v) >= 4 && v[0] >= '1' && v[0] <= '2' && !strings.HasPrefix(v, "XXXX") && !strings.Contains(v, "REF")
}

// dateQuotes gives each quote the day its attribution names: a day
// expression in the sentence of the speaker or the cue, outside the quoted
// words ("Lavrov said Wednesday ...", "..., he told reporters on Dec. 11").
// When the article's own day is only inferred, a relative day is read
// against both ends of its range and kept only if they agree: "said
// Wednesday" in an article of some day in a fortnight is no particular
// Wednesday.
//
// An undated quote with a present-tense cue ("says", "tells") in an
// article whose day is known from metadata or its header gets that day:
// news uses the present for what was said for the story being published,
// and an interview days earlier would be dated in the text. The past
// "said" gets no such default, since it also reports old statements.
func dateQuotes(a *storyline.Article, sents []storyline.Span) {
	ends := rangeEnds(a.Published)
	for qi := range a.Quotes {
		q := &a.Quotes[qi]
		if day, ok := attributionDay(a, q, sents, ends); ok {
			q.Date = day
		} else if presentCues[strings.ToLower(q.Cue)] && (a.Published.Method == storyline.DateMetadata || a.Published.Method == storyline.DateText) {
			q.Date = a.Published.Date
		}
	}
}

var presentCues = map[string]bool{"says": true, "tells": true, "writes": true, "adds": true, "insists": true,
	"argues": true, "explains": true, "notes": true, "warns": true, "claims": true, "asks": true, "admits": true}

// rangeEnds are the anchors a relative day must be read against: none
// when the day is known, both ends of an inferred range otherwise.
func rangeEnds(p storyline.Published) []anchor {
	if p.Earliest == "" || p.Earliest == p.Latest {
		return nil
	}
	var out []anchor
	for _, d := range []string{p.Earliest, p.Latest} {
		t, err := time.Parse("2006-01-02", d)
		if err != nil {
			return nil
		}
		out = append(out, anchor{t: t, known: true})
	}
	return out
}

// attributionDay finds a day-level date in the attribution sentence, not
// inside the quoted content, that every anchor of ends reads alike.
func attributionDay(a *storyline.Article, q *storyline.Quote, sents []storyline.Span, ends []anchor) (string, bool) {
	pos := q.Speaker.Start
	if q.Speaker.End <= q.Speaker.Start {
		pos = q.End
	}
	// Sentences and timexes are in text order: search, do not scan, as an
	// article may hold thousands of both.
	k := sort.Search(len(sents), func(k int) bool { return sents[k].End >= pos })
	if k == len(sents) || pos < sents[k].Start {
		return "", false
	}
	s := sents[k]
	for t := sort.Search(len(a.Timexes), func(t int) bool { return a.Timexes[t].Start >= s.Start }); t < len(a.Timexes); t++ {
		tx := a.Timexes[t]
		if tx.Start >= s.End {
			break
		}
		if tx.End <= s.End && !q.Quoted(tx.Start, tx.End) && tx.Granularity == storyline.GranularityDay && isCalendarDate(tx.Value) {
			day := tx.Value[:10]
			return day, agreeAcross(a.Body, s, tx, day, ends)
		}
	}
	return "", false
}

// agreeAcross tells whether the expression reads as the same day against
// every anchor: an absolute date always does, "Wednesday" only when the
// range is short enough.
func agreeAcross(body string, s storyline.Span, tx storyline.Timex, day string, ends []anchor) bool {
	ws := words(body[s.Start:s.End])
	for _, at := range ends {
		found := false
		for _, m := range newScanner(at).sentence(ws) {
			if s.Start+ws[m.i].start == tx.Start {
				found = len(m.value) >= 10 && m.value[:10] == day
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
