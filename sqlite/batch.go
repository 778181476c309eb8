package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// A batch's findings are written with one statement per table, each
// reading its rows from one JSON array parameter ([[v1, v2, ...], ...]),
// rather than a statement per row: executing a statement costs about what
// writing a few rows does.
const (
	insertBands = `INSERT INTO simhash_bands (article_id, band, value)
		SELECT value ->> 0, value ->> 1, value ->> 2 FROM jsonb_each(?1)`
	insertForms = `INSERT OR IGNORE INTO entity_forms (entity_id, article_id, form, name, type, roles, mentions)
		SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 FROM jsonb_each(?1)`
	insertQuotes = `INSERT INTO quotes (article_id, idx, kind, text, start_off, end_off, speaker_entity,
		speaker_name, speaker_mention, cue, medium, said, doc, day, seq)
		SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7,
			value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12, value ->> 13, value ->> 14
		FROM jsonb_each(?1)`
	insertEvents = `INSERT INTO dated_events (article_id, idx, date, granularity, text, start_off, end_off)
		SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 FROM jsonb_each(?1)`
	// [seq, title, outlet, body].
	insertSearchEntries = `INSERT INTO articles_fts (rowid, title, outlet, body)
		SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM jsonb_each(?1)`
	// ?1 is the ids of the articles with quotes, stored already.
	insertQuoteSearch = `INSERT INTO quotes_fts (rowid, text)
		SELECT seq << 20 | idx, text FROM quotes WHERE article_id IN (SELECT value FROM jsonb_each(?1)) AND idx < 1048576`
)

var batchWrites = []string{insertBands, insertForms, insertQuotes, insertEvents, insertSearchEntries}

// unwritten holds what the articles stored so far in a transaction add to
// the tables of findings and to the views, until it is written (before an
// article is removed, and at the end).
type unwritten struct {
	bands, forms, quotes, events, search rows
	quoted                               []string   // ids of the articles with quotes
	views                                *viewDelta // nil when the file's triggers keep the views
}

func (db *DB) newUnwritten() *unwritten {
	p := &unwritten{}
	if db.viewsInGo {
		p.views = &viewDelta{}
	}
	return p
}

// add adds an original article's findings; seq is its row's.
func (p *unwritten) add(a *storyline.Article, seq int64) {
	p.search.row().int(seq).text(a.Title).text(a.Outlet).text(a.Body)
	for band, value := range corpus.Bands(a.SimHash) {
		p.bands.row().text(a.ID).int(int64(band)).int(int64(value))
	}
	forms := storedForms(a)
	for _, f := range forms {
		roles, _ := json.Marshal(f.Roles)
		p.forms.row().text(f.ID).text(a.ID).text(f.Form).text(f.Name).text(f.Type).text(string(roles)).int(int64(f.Mentions))
	}
	for i, q := range a.Quotes {
		doc, _ := json.Marshal(q)
		p.quotes.row().text(a.ID).int(int64(i)).text(q.Kind).text(q.Text).int(int64(q.Start)).int(int64(q.End)).
			text(q.Speaker.Entity).text(q.Speaker.Name).text(q.Speaker.Mention).text(q.Cue).text(q.Medium).text(q.Date).
			text(string(doc)).text(cmp.Or(q.Date, a.Published.Date)).int(seq)
	}
	if len(a.Quotes) > 0 && p.views != nil {
		p.quoted = append(p.quoted, a.ID)
	}
	for i, e := range a.Events {
		p.events.row().text(a.ID).int(int64(i)).text(e.Date).text(e.Granularity).text(e.Text).int(int64(e.Start)).int(int64(e.End))
	}
	if p.views != nil {
		p.views.add(a, seq, forms)
	}
}

func (p *unwritten) empty() bool {
	return p.search.n == 0 && (p.views == nil || p.views.empty())
}

// write writes what is pending and empties it. Forms go before quotes
// and clauses: the triggers of a file older than 0008 link those to the
// timelines of entities by the article's forms. The full-text entries go
// last: FTS5 writes what it holds in memory to a new segment of its index
// whenever a statement opens a savepoint (any statement with triggers or
// several rows), which after every article would write a segment for
// each, and merge them again and again.
func (p *unwritten) write(ctx context.Context, db *DB, tx *sql.Tx) error {
	write := func(what, query string, arg any) error {
		if _, err := db.exec(ctx, tx, query, arg); err != nil {
			return fmt.Errorf("storing %s: %w", what, err)
		}
		return nil
	}
	for _, t := range []struct {
		what, query string
		rows        *rows
	}{{"bands", insertBands, &p.bands}, {"entity forms", insertForms, &p.forms}, {"quotes", insertQuotes, &p.quotes},
		{"dated clauses", insertEvents, &p.events}} {
		if t.rows.n == 0 {
			continue
		}
		if err := write(t.what, t.query, t.rows.json()); err != nil {
			return err
		}
		t.rows.reset()
	}
	if p.views != nil {
		if err := p.views.write(ctx, db, tx); err != nil {
			return err
		}
		p.views = &viewDelta{}
	}
	if len(p.quoted) > 0 {
		if err := write("the quote search", insertQuoteSearch, jsonStrings(p.quoted)); err != nil {
			return err
		}
		p.quoted = p.quoted[:0]
	}
	if p.search.n > 0 {
		if err := write("the article search", insertSearchEntries, p.search.json()); err != nil {
			return err
		}
		p.search.reset()
	}
	return nil
}

// rows builds a JSON array of rows of strings and integers.
type rows struct {
	b []byte
	n int
}

// row starts a row.
func (r *rows) row() *rows {
	if r.n == 0 {
		r.b = append(r.b[:0], '[', '[')
	} else {
		r.b = append(r.b, ']', ',', '[')
	}
	r.n++
	return r
}

func (r *rows) sep() {
	if c := r.b[len(r.b)-1]; c != '[' {
		r.b = append(r.b, ',')
	}
}

func (r *rows) text(s string) *rows {
	r.sep()
	r.b = appendJSONString(r.b, s)
	return r
}

func (r *rows) int(i int64) *rows {
	r.sep()
	r.b = strconv.AppendInt(r.b, i, 10)
	return r
}

func (r *rows) json() string {
	if r.n == 0 {
		return "[]"
	}
	return string(r.b) + "]]"
}

func (r *rows) reset() { r.b, r.n = r.b[:0], 0 }

// appendJSONString writes s as a JSON string with its bytes as they are:
// SQLite reads them back unchanged, even where they are not UTF-8 (which
// encoding/json would replace), so the rows hold what SaveArticle was
// given.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// storedForms lists the entity form rows of an article as they are
// stored: one per entity id and form, the first listed.
func storedForms(a *storyline.Article) []corpus.EntityForm {
	forms := corpus.Forms(a)
	seen := make(map[[2]string]bool, len(forms))
	return slices.DeleteFunc(forms, func(f corpus.EntityForm) bool {
		k := [2]string{f.ID, f.Form}
		if seen[k] {
			return true
		}
		seen[k] = true
		return false
	})
}

// storedText is a string as SQLite reads it back out of JSON that
// encoding/json wrote (roles are stored so): invalid UTF-8 replaced.
func storedText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b, _ := json.Marshal(s)
	var out string
	_ = json.Unmarshal(b, &out)
	return out
}

// sqliteLower is SQLite's lower(): ASCII letters only.
func sqliteLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// sqliteInstr reports whether SQLite's instr(haystack, needle) > 0. It
// tries the needle at the start of each character, where a byte search
// would also try it inside one: the two differ only for a needle starting
// with a UTF-8 continuation byte.
func sqliteInstr(haystack, needle string) bool {
	if needle == "" {
		return true
	}
	if needle[0]&0xc0 != 0x80 {
		return strings.Contains(haystack, needle)
	}
	for i := 0; len(needle) <= len(haystack)-i; {
		if haystack[i:i+len(needle)] == needle {
			return true
		}
		for i++; i < len(haystack) && haystack[i]&0xc0 == 0x80; i++ {
		}
	}
	return false
}
