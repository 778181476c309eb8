// Package export writes what a store holds in the formats other tools read:
// JSONL, CSV (quotes, entities, articles), a Markdown report of a speaker or
// a storyline, and FollowTheMoney entities for Aleph and OpenSanctions.
package export

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/storyline-news/storyline"
)

// page is how many rows are read from the store at a time, so exports
// stream instead of holding a corpus in memory.
const page = 500

// EachQuote pages through every quote the filter selects.
func EachQuote(ctx context.Context, st storyline.QuoteStore, f storyline.QuoteFilter, fn func(storyline.QuoteRecord) error) error {
	for offset := 0; ; offset += page {
		f.Limit, f.Offset = page, offset
		qs, _, err := st.Quotes(ctx, f)
		if err != nil {
			return fmt.Errorf("reading quotes: %w", err)
		}
		for _, q := range qs {
			if err := fn(q); err != nil {
				return err
			}
		}
		if len(qs) < page {
			return nil
		}
	}
}

// EachEntity pages through every entity the filter selects.
func EachEntity(ctx context.Context, st storyline.EntityStore, f storyline.EntityFilter, fn func(storyline.EntityRecord) error) error {
	for offset := 0; ; offset += page {
		f.Limit, f.Offset = page, offset
		es, _, err := st.Entities(ctx, f)
		if err != nil {
			return fmt.Errorf("reading entities: %w", err)
		}
		for _, e := range es {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(es) < page {
			return nil
		}
	}
}

// QuotesJSONL writes one quote object per line.
func QuotesJSONL(ctx context.Context, w io.Writer, st storyline.QuoteStore, f storyline.QuoteFilter) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return EachQuote(ctx, st, f, func(q storyline.QuoteRecord) error { return enc.Encode(q) })
}

// EntitiesJSONL writes one entity object per line.
func EntitiesJSONL(ctx context.Context, w io.Writer, st storyline.EntityStore, f storyline.EntityFilter) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return EachEntity(ctx, st, f, func(e storyline.EntityRecord) error { return enc.Encode(e) })
}

// ArticlesJSONL writes every stored original article, one per line.
func ArticlesJSONL(ctx context.Context, w io.Writer, st storyline.ArticleStore) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return st.EachArticle(ctx, func(a *storyline.Article) error { return enc.Encode(a) })
}

// QuotesCSV writes quotes with their provenance, one row each.
func QuotesCSV(ctx context.Context, w io.Writer, st storyline.QuoteStore, f storyline.QuoteFilter) error {
	cw := csv.NewWriter(w)
	header := []string{"article", "outlet", "published", "date", "kind", "speaker", "speaker_entity",
		"speaker_mention", "cue", "medium", "text", "start", "end"}
	if err := cw.Write(header); err != nil {
		return err
	}
	err := EachQuote(ctx, st, f, func(q storyline.QuoteRecord) error {
		return cw.Write([]string{q.Article, q.Outlet, q.Published, q.Date, q.Kind, q.Speaker.Name,
			q.Speaker.Entity, q.Speaker.Mention, q.Cue, q.Medium, safeCell(q.Text),
			strconv.Itoa(q.Start), strconv.Itoa(q.End)})
	})
	cw.Flush()
	if err != nil {
		return err
	}
	return cw.Error()
}

// EntitiesCSV writes entities merged across the corpus, one row each.
func EntitiesCSV(ctx context.Context, w io.Writer, st storyline.EntityStore, f storyline.EntityFilter) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "name", "type", "aliases", "roles", "articles", "mentions"}); err != nil {
		return err
	}
	err := EachEntity(ctx, st, f, func(e storyline.EntityRecord) error {
		return cw.Write([]string{e.ID, safeCell(e.Name), e.Type, safeCell(strings.Join(e.Aliases, "; ")),
			safeCell(strings.Join(e.Roles, "; ")), strconv.Itoa(len(e.Articles)), strconv.Itoa(len(e.Mentions))})
	})
	cw.Flush()
	if err != nil {
		return err
	}
	return cw.Error()
}

// ArticlesCSV writes one row per stored original article (no body).
func ArticlesCSV(ctx context.Context, w io.Writer, st storyline.ArticleStore) error {
	cw := csv.NewWriter(w)
	header := []string{"id", "source", "url", "title", "outlet", "byline", "dateline", "published",
		"published_method", "quotes", "entities", "words"}
	if err := cw.Write(header); err != nil {
		return err
	}
	err := st.EachArticle(ctx, func(a *storyline.Article) error {
		return cw.Write([]string{a.ID, safeCell(a.Source), safeCell(a.URL), safeCell(a.Title), safeCell(a.Outlet),
			safeCell(a.Byline), safeCell(a.Dateline), a.Published.Date, a.Published.Method,
			strconv.Itoa(len(a.Quotes)), strconv.Itoa(len(a.Entities)), strconv.Itoa(len(strings.Fields(a.Body)))})
	})
	cw.Flush()
	if err != nil {
		return err
	}
	return cw.Error()
}

// safeCell defuses spreadsheet formula injection: article text is hostile,
// and a cell starting with = + - @ would be run by Excel or LibreOffice.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
