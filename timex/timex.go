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
	if a.Published.Date == "" {
		a.Published = Infer(a.Body)
	}
	at := anchorOf(a.Published)
	sents := sentence.Split(a.Body)
	a.Timexes, a.Events = nil, nil
	for _, s := range sents {
		text := a.Body[s.Start:s.End]
		ws := words(text)
		sentAt := at
		sentAt.future = looksFuture(ws)
		dated := ""
		gran := ""
		for _, m := range tagSentence(ws, sentAt) {
			tx := storyline.Timex{Text: text[ws[m.i].start:ws[m.j-1].end], Start: s.Start + ws[m.i].start,
				End: s.Start + ws[m.j-1].end, Value: m.value, Granularity: m.granularity, Type: m.typ}
			a.Timexes = append(a.Timexes, tx)
			if dated == "" && isCalendarDate(m.value) {
				dated, gran = m.value, m.granularity
			}
		}
		if dated != "" {
			a.Events = append(a.Events, storyline.DatedEvent{Date: dated, Granularity: gran, Text: text, Start: s.Start, End: s.End})
		}
	}
	dateQuotes(a, sents)
	return nil
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

// looksFuture reads a sentence's tense from its auxiliaries.
func looksFuture(ws []word) bool {
	for i, w := range ws {
		switch w.lower {
		case "will", "shall", "upcoming", "scheduled", "'ll":
			return true
		case "next":
			return true
		case "to":
			if i > 0 && (ws[i-1].lower == "is" || ws[i-1].lower == "are" || ws[i-1].lower == "plans" || ws[i-1].lower == "expected") {
				return true
			}
		}
	}
	return false
}

// isCalendarDate tells a date on the calendar (2017, 2017-12, 2017-12-11,
// 2015-FA, 2017-W50) from a duration or a reference like PRESENT_REF.
func isCalendarDate(v string) bool {
	return len(v) >= 4 && v[0] >= '1' && v[0] <= '2' && !strings.HasPrefix(v, "XXXX") && !strings.Contains(v, "REF")
}

// dateQuotes gives each quote the day its attribution names: a day
// expression in the sentence of the speaker, outside the quoted words.
func dateQuotes(a *storyline.Article, sents []storyline.Span) {
	for qi := range a.Quotes {
		q := &a.Quotes[qi]
		anchorPos := q.Speaker.Start
		if q.Speaker.End <= q.Speaker.Start {
			anchorPos = q.End
		}
		for _, s := range sents {
			if anchorPos < s.Start || anchorPos > s.End {
				continue
			}
			for _, tx := range a.Timexes {
				if tx.Start >= s.Start && tx.End <= s.End && (tx.End <= q.Start || tx.Start >= q.End) &&
					tx.Granularity == storyline.GranularityDay && isCalendarDate(tx.Value) {
					q.Date = tx.Value
					break
				}
			}
			break
		}
	}
}
