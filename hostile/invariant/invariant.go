// Package invariant checks what every article storyline produces must
// satisfy, whatever input it came from: a valid UTF-8 body, and every
// offset inside that body, on rune boundaries, with its text equal to the
// bytes it points at. Fuzz targets and the hostile-corpus runner share it,
// so a violation means the same thing wherever it is found.
package invariant

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// Article reports every way a breaks the offset contract, or nil.
func Article(a *storyline.Article) error {
	if !utf8.ValidString(a.Body) {
		return errors.New("body is not valid UTF-8")
	}
	var errs []error
	for _, e := range a.Entities {
		for _, m := range e.Mentions {
			errs = append(errs, textSpan(a.Body, "mention of "+e.ID, m.Start, m.End, m.Text))
		}
	}
	for i, q := range a.Quotes {
		errs = append(errs, quoteSpans(a.Body, fmt.Sprintf("quote %d", i), q))
		if q.Speaker.End > q.Speaker.Start || q.Speaker.Start != 0 {
			errs = append(errs, Span(a.Body, fmt.Sprintf("speaker of quote %d", i), q.Speaker.Start, q.Speaker.End))
		}
	}
	for i, tx := range a.Timexes {
		errs = append(errs, textSpan(a.Body, fmt.Sprintf("timex %d", i), tx.Start, tx.End, tx.Text))
	}
	for i, ev := range a.Events {
		errs = append(errs, textSpan(a.Body, fmt.Sprintf("event %d", i), ev.Start, ev.End, ev.Text))
	}
	return errors.Join(errs...)
}

// Span reports whether [start, end) is a well-formed span of body: in
// order, inside it, and cutting no rune in two.
func Span(body, what string, start, end int) error {
	switch {
	case start < 0 || end > len(body) || start > end:
		return fmt.Errorf("%s: span [%d,%d) outside the body of %d bytes", what, start, end, len(body))
	case !boundary(body, start) || !boundary(body, end):
		return fmt.Errorf("%s: span [%d,%d) cuts a rune in two", what, start, end)
	}
	return nil
}

// Spans checks a sequence of spans that must also be ordered and
// disjoint, as sentence boundaries are.
func Spans(body string, spans []storyline.Span) error {
	last := 0
	for i, s := range spans {
		if err := Span(body, fmt.Sprintf("span %d", i), s.Start, s.End); err != nil {
			return err
		}
		if s.Start < last {
			return fmt.Errorf("span %d [%d,%d) overlaps the one before, which ends at %d", i, s.Start, s.End, last)
		}
		last = s.End
	}
	return nil
}

// quoteSpans checks a quote: its text is its span of the body, or, for a
// statement in parts, the parts joined, each inside the span and in order.
func quoteSpans(body, what string, q storyline.Quote) error {
	if len(q.Parts) == 0 {
		return textSpan(body, what, q.Start, q.End, q.Text)
	}
	if err := Span(body, what, q.Start, q.End); err != nil {
		return err
	}
	texts := make([]string, len(q.Parts))
	last := q.Start
	for k, p := range q.Parts {
		if err := Span(body, fmt.Sprintf("%s part %d", what, k), p.Start, p.End); err != nil {
			return err
		}
		if p.Start < last || p.End > q.End {
			return fmt.Errorf("%s: part %d [%d,%d) out of order or outside [%d,%d)", what, k, p.Start, p.End, q.Start, q.End)
		}
		texts[k], last = body[p.Start:p.End], p.End
	}
	if want := strings.Join(texts, storyline.PartSeparator); q.Text != want {
		return fmt.Errorf("%s: text %q is not its parts joined, %q", what, q.Text, want)
	}
	return nil
}

func textSpan(body, what string, start, end int, text string) error {
	if err := Span(body, what, start, end); err != nil {
		return err
	}
	if body[start:end] != text {
		return fmt.Errorf("%s: text %q is not the body's %q at [%d,%d)", what, text, body[start:end], start, end)
	}
	return nil
}

// boundary reports whether byte i of s starts a rune (or is its end).
func boundary(s string, i int) bool {
	return i == len(s) || utf8.RuneStart(s[i])
}
