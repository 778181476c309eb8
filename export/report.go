package export

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/storyline-news/storyline"
)

// LinkFunc makes the link a report gives to a span of an article, e.g.
// "http://127.0.0.1:8080/articles/ID#q-120-180"; nil gives "ID[start:end]".
type LinkFunc func(article string, start, end int) string

func (l LinkFunc) link(article string, start, end int) string {
	if l == nil {
		return fmt.Sprintf("`%s[%d:%d]`", article, start, end)
	}
	return fmt.Sprintf("[%s](%s)", article, l(article, start, end))
}

// SpeakerReport writes a Markdown report of everything a speaker said, in
// date order, and the points where their position moved.
func SpeakerReport(ctx context.Context, w io.Writer, st storyline.Store, speaker string, link LinkFunc) error {
	fmt.Fprintf(w, "# Statements of %s\n\n", mdEscape(speaker))
	if ents, _, err := st.Entities(ctx, storyline.EntityFilter{Query: speaker, Limit: 1}); err == nil && len(ents) > 0 {
		e := ents[0]
		fmt.Fprintf(w, "**%s** (%s). Roles: %s. Also written: %s. In %d articles.\n\n", mdEscape(e.Name), e.Type,
			mdEscape(orNone(strings.Join(e.Roles, "; "))), mdEscape(orNone(strings.Join(e.Aliases, ", "))), len(e.Articles))
	}
	shifts, err := st.Shifts(ctx, speaker)
	if err != nil {
		return fmt.Errorf("reading shifts: %w", err)
	}
	if len(shifts) > 0 {
		fmt.Fprintf(w, "## Where the position moved\n\n")
		for _, s := range shifts {
			fmt.Fprintf(w, "- **%s** (confidence %.2f, %s): %s\n  - %s, %s: “%s” %s\n  - %s, %s: “%s” %s\n",
				mdEscape(s.Topic), s.Confidence, mdEscape(s.Why), mdEscape(s.Summary),
				s.From.Date, mdEscape(s.From.Outlet), mdEscape(s.From.Text), link.link(s.From.Article, s.From.Start, s.From.End),
				s.To.Date, mdEscape(s.To.Outlet), mdEscape(s.To.Text), link.link(s.To.Article, s.To.Start, s.To.End))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "## Statements in date order\n\n| date | outlet | kind | statement | cue | medium | proof |\n|---|---|---|---|---|---|---|\n")
	n := 0
	err = EachQuote(ctx, st, storyline.QuoteFilter{Speaker: speaker}, func(q storyline.QuoteRecord) error {
		n++
		date := q.Date
		if date == "" {
			date = q.Published
		}
		_, err := fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", orNone(date), mdCell(q.Outlet), q.Kind,
			mdCell(q.Text), mdCell(q.Cue), mdCell(q.Medium), link.link(q.Article, q.Start, q.End))
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d statements.\n", n)
	return nil
}

// StorylineReport writes a Markdown report of one storyline: its events in
// date order, with the quotes in their articles.
func StorylineReport(ctx context.Context, w io.Writer, st storyline.Store, id string, link LinkFunc) error {
	s, err := st.Storyline(ctx, id)
	if err != nil {
		return fmt.Errorf("storyline %s: %w", id, err)
	}
	fmt.Fprintf(w, "# %s\n\n%d events, %d articles.\n\n", mdEscape(s.Title), len(s.Events), len(s.Articles))
	for _, e := range s.Events {
		fmt.Fprintf(w, "## %s — %s\n\n", orNone(e.Date), mdEscape(e.Title))
		for _, aid := range e.Articles {
			a, err := st.Article(ctx, aid)
			if err != nil {
				return fmt.Errorf("article %s: %w", aid, err)
			}
			fmt.Fprintf(w, "- %s (%s, %s) %s\n", mdEscape(orNone(a.Title)), mdEscape(orNone(a.Outlet)),
				orNone(a.Published.Date), link.link(a.ID, 0, 0))
			for _, q := range a.Quotes {
				fmt.Fprintf(w, "  - %s %s: “%s” %s\n", mdEscape(q.Speaker.Name), mdEscape(q.Cue),
					mdEscape(q.Text), link.link(a.ID, q.Start, q.End))
			}
		}
		fmt.Fprintln(w)
	}
	return nil
}

func orNone(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// mdEscape keeps hostile text from becoming Markdown or HTML markup.
func mdEscape(s string) string {
	r := strings.NewReplacer("\\", "\\\\", "`", "\\`", "*", "\\*", "_", "\\_", "[", "\\[", "]", "\\]",
		"<", "&lt;", ">", "&gt;", "#", "\\#", "|", "\\|", "\n", " ", "\r", " ")
	return r.Replace(s)
}

func mdCell(s string) string { return mdEscape(strings.Join(strings.Fields(s), " ")) }
