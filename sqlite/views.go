package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// The materialised views of 0003-0007 (entity lists, speaker counts,
// attention per week, quote search, timeline links) are kept by the
// statements below since 0008, in the transaction that stores or removes
// each article: a dozen set-based statements per article instead of
// triggers firing for every form and quote. They add and take away exactly
// what the triggers did, so a file keeps the same views across the
// upgrade; views_equivalence_test.go compares them row for row.
//
// What an article adds is summed in Go from the rows it writes and given
// to each statement as one JSON array ([[entity, name, weight], ...]):
// reading and grouping the rows again in SQL (a temporary b-tree for each
// GROUP BY) cost more than the writes themselves. Removal reads the stored
// rows, which an older version may have written, before their cascade
// deletes them.

// viewsMigration is the migration from which the store keeps the views.
const viewsMigration = "0008_views_kept_per_article"

// The add statements; ?1 is a JSON array of [entity, key, n] unless said
// otherwise.
const (
	// Returns the new weights, from which the names are settled.
	viewAddNames = `INSERT INTO entity_names (entity_id, name, weight)
		SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?1) WHERE true
		ON CONFLICT (entity_id, name) DO UPDATE SET weight = weight + excluded.weight
		RETURNING entity_id, name, weight`
	// ?1 is [[entity, type, name of its first form]]: an entity first seen
	// keeps them, and every entity of the article gains the article.
	viewAddEntityStats = `INSERT INTO entity_stats (entity_id, type, name, articles)
		SELECT value ->> 0, value ->> 1, value ->> 2, 1 FROM json_each(?1) WHERE true
		ON CONFLICT (entity_id) DO UPDATE SET articles = articles + 1`
	// ?1 is [[entity, name, weight]], the article's heaviest name of each
	// entity. Only the article's names gained weight, so the name of an
	// entity (its heaviest, then first in byte order) becomes that one or
	// stays. The name is in both ranking indexes: it is written only where
	// it changes.
	viewAddSettleNames = `UPDATE entity_stats SET name = c.name
		FROM (SELECT value ->> 0 AS id, value ->> 1 AS name, value ->> 2 AS weight FROM json_each(?1)) c
		WHERE entity_stats.entity_id = c.id AND entity_stats.name <> c.name
			AND (c.weight, entity_stats.name) > (coalesce((SELECT w.weight FROM entity_names w
				WHERE w.entity_id = c.id AND w.name = entity_stats.name), 0), c.name)`
	viewAddAliases = `INSERT INTO entity_aliases (entity_id, alias, n)
		SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?1) WHERE true
		ON CONFLICT (entity_id, alias) DO UPDATE SET n = n + excluded.n`
	viewAddRoles = `INSERT INTO entity_roles (entity_id, role, n)
		SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(?1) WHERE true
		ON CONFLICT (entity_id, role) DO UPDATE SET n = n + excluded.n`
	// ?1 is the article's entity ids, ?2 its seq, ?3 its id, ?4 its day.
	viewAddEntityArticles = `INSERT OR IGNORE INTO entity_articles (entity_id, seq, article_id, published)
		SELECT value, ?2, ?3, ?4 FROM json_each(?1)`
	// ?1 is the article's entity ids, ?2 its day.
	viewAddEntityWeeks = `INSERT INTO attention_weeks (entity_id, week, articles)
		SELECT value, date(substr(?2, 1, 10), 'weekday 0', '-6 days') AS week, 1 FROM json_each(?1)
		WHERE week IS NOT NULL
		ON CONFLICT (entity_id, week) DO UPDATE SET articles = articles + 1`

	// ?1 is the number of quotes.
	viewAddQuoteCount = `UPDATE corpus_counts SET n = n + ?1 WHERE name = 'quotes'`
	viewAddSpeakers   = `INSERT INTO speaker_quotes (entity_id, quotes)
		SELECT value ->> 0, value ->> 2 FROM json_each(?1) WHERE true
		ON CONFLICT (entity_id) DO UPDATE SET quotes = quotes + excluded.quotes`
	// ?1 is [[speaker or '' for the corpus, day, quotes]].
	viewAddQuoteWeeks = `INSERT INTO attention_weeks (entity_id, week, quotes)
		SELECT value ->> 0, date(substr(value ->> 1, 1, 10), 'weekday 0', '-6 days') AS week, value ->> 2
		FROM json_each(?1) WHERE week IS NOT NULL
		ON CONFLICT (entity_id, week) DO UPDATE SET quotes = quotes + excluded.quotes`

	// The rest read the article's stored rows: ?1 is its id, ?2 its seq.
	viewAddQuoteSearch = `INSERT INTO quotes_fts (rowid, text)
		SELECT seq << 20 | idx, text FROM quotes WHERE article_id = ?1 AND idx < 1048576`
	// A dated quote is on the timelines of its speaker and of the entities
	// with a form written in it, a dated clause on those of the entities
	// written in it.
	viewAddQuoteLinks = `INSERT OR IGNORE INTO timeline_links (entity_id, date, seq, kind, idx, article_id)
		SELECT f.entity_id, q.said, q.seq, 'quote', q.idx, q.article_id
		FROM quotes q JOIN entity_forms f ON f.article_id = q.article_id
		WHERE q.article_id = ?1 AND q.said <> '' AND instr(lower(q.text), lower(f.form)) > 0`
	viewAddSpeakerLinks = `INSERT OR IGNORE INTO timeline_links (entity_id, date, seq, kind, idx, article_id)
		SELECT speaker_entity, said, seq, 'quote', idx, article_id FROM quotes
		WHERE article_id = ?1 AND said <> '' AND speaker_entity <> ''`
	viewAddEventLinks = `INSERT OR IGNORE INTO timeline_links (entity_id, date, seq, kind, idx, article_id)
		SELECT f.entity_id, e.date, ?2, 'event', e.idx, e.article_id
		FROM dated_events e JOIN entity_forms f ON f.article_id = e.article_id
		WHERE e.article_id = ?1 AND instr(lower(e.text), lower(f.form)) > 0`
)

// The remove statements, run before the article's rows are deleted; ?1 is
// its id. Only rows just decremented can be at zero: the others were
// dropped when they got there.
const (
	viewRemoveNames = `UPDATE entity_names SET weight = weight - x.d FROM (
			SELECT entity_id, name, sum(mentions + 1) AS d FROM entity_forms WHERE article_id = ?1 GROUP BY entity_id, name) x
		WHERE entity_names.entity_id = x.entity_id AND entity_names.name = x.name`
	viewDropNames = `DELETE FROM entity_names WHERE weight <= 0
		AND (entity_id, name) IN (SELECT entity_id, name FROM entity_forms WHERE article_id = ?1)`
	viewRemoveAliases = `UPDATE entity_aliases SET n = n - x.d FROM (
			SELECT entity_id, alias, count(*) AS d FROM (
				SELECT entity_id, form AS alias FROM entity_forms WHERE article_id = ?1
				UNION ALL SELECT entity_id, name FROM entity_forms WHERE article_id = ?1)
			GROUP BY entity_id, alias) x
		WHERE entity_aliases.entity_id = x.entity_id AND entity_aliases.alias = x.alias`
	viewDropAliases = `DELETE FROM entity_aliases WHERE n <= 0
		AND entity_id IN (SELECT entity_id FROM entity_forms WHERE article_id = ?1)`
	// A role repeated in one row counted once for it.
	viewRemoveRoles = `UPDATE entity_roles SET n = n - x.d FROM (
			SELECT f.entity_id, r.value AS role, count(DISTINCT f.rowid) AS d FROM entity_forms f, json_each(f.roles) r
			WHERE f.article_id = ?1 AND r.type = 'text' GROUP BY f.entity_id, r.value) x
		WHERE entity_roles.entity_id = x.entity_id AND entity_roles.role = x.role`
	viewDropRoles = `DELETE FROM entity_roles WHERE n <= 0
		AND entity_id IN (SELECT entity_id FROM entity_forms WHERE article_id = ?1)`
	viewRemoveArticleCounts = `UPDATE entity_stats SET articles = articles - 1
		WHERE entity_id IN (SELECT entity_id FROM entity_articles WHERE article_id = ?1)`
	viewDropEntityStats = `DELETE FROM entity_stats WHERE articles <= 0
		AND entity_id IN (SELECT entity_id FROM entity_articles WHERE article_id = ?1)`
	viewRemoveEntityWeeks = `UPDATE attention_weeks SET articles = articles - 1 FROM (
			SELECT entity_id, date(substr(published, 1, 10), 'weekday 0', '-6 days') AS week
			FROM entity_articles WHERE article_id = ?1) x
		WHERE attention_weeks.entity_id = x.entity_id AND attention_weeks.week = x.week`
	viewDropEntityArticles = `DELETE FROM entity_articles WHERE article_id = ?1`
	// Any name may have lost weight: the heaviest left is found again. An
	// entity left without names keeps its last.
	viewRemoveSettleNames = `UPDATE entity_stats SET name = b.name FROM (
			SELECT entity_id, name FROM (
				SELECT n.entity_id, n.name, row_number() OVER (PARTITION BY n.entity_id ORDER BY n.weight DESC, n.name) AS r
				FROM entity_names n WHERE n.entity_id IN (SELECT entity_id FROM entity_forms WHERE article_id = ?1))
			WHERE r = 1) b
		WHERE entity_stats.entity_id = b.entity_id AND entity_stats.name <> b.name`

	viewRemoveQuoteCount = `UPDATE corpus_counts SET n = n - (SELECT count(*) FROM quotes WHERE article_id = ?1)
		WHERE name = 'quotes'`
	viewRemoveSpeakers = `UPDATE speaker_quotes SET quotes = quotes - x.d FROM (
			SELECT speaker_entity, count(*) AS d FROM quotes WHERE article_id = ?1 GROUP BY speaker_entity) x
		WHERE speaker_quotes.entity_id = x.speaker_entity`
	viewDropSpeakers = `DELETE FROM speaker_quotes WHERE quotes <= 0
		AND entity_id IN (SELECT speaker_entity FROM quotes WHERE article_id = ?1)`
	viewRemoveQuoteWeeks = `UPDATE attention_weeks SET quotes = quotes - x.d FROM (
			SELECT e, week, count(*) AS d FROM (
				SELECT '' AS e, date(substr(day, 1, 10), 'weekday 0', '-6 days') AS week FROM quotes WHERE article_id = ?1
				UNION ALL SELECT speaker_entity, date(substr(day, 1, 10), 'weekday 0', '-6 days') FROM quotes
				WHERE article_id = ?1 AND speaker_entity <> '')
			WHERE week IS NOT NULL GROUP BY e, week) x
		WHERE attention_weeks.entity_id = x.e AND attention_weeks.week = x.week`
	viewRemoveQuoteSearch = `DELETE FROM quotes_fts
		WHERE rowid IN (SELECT seq << 20 | idx FROM quotes WHERE article_id = ?1 AND idx < 1048576)`
)

// viewWrites are prepared with the article writes when the file keeps its
// views in Go (see DB.viewsInGo).
var viewWrites = []string{viewAddNames, viewAddEntityStats, viewAddSettleNames, viewAddAliases, viewAddRoles,
	viewAddEntityArticles, viewAddEntityWeeks, viewAddQuoteCount, viewAddSpeakers, viewAddQuoteWeeks,
	viewAddQuoteSearch, viewAddQuoteLinks, viewAddSpeakerLinks, viewAddEventLinks,
	viewRemoveNames, viewDropNames, viewRemoveAliases, viewDropAliases, viewRemoveRoles, viewDropRoles,
	viewRemoveArticleCounts, viewDropEntityStats, viewRemoveEntityWeeks, viewDropEntityArticles, viewRemoveSettleNames,
	viewRemoveQuoteCount, viewRemoveSpeakers, viewDropSpeakers, viewRemoveQuoteWeeks, viewRemoveQuoteSearch}

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

// statement is a write and its arguments.
type statement struct {
	query string
	args  []any
}

// addToViews counts a stored article into the views; its rows (forms as
// storedForms lists them) are in the tables already.
func (db *DB) addToViews(ctx context.Context, tx *sql.Tx, a *storyline.Article, seq int64, forms []corpus.EntityForm) error {
	if len(forms) > 0 {
		if err := db.addEntities(ctx, tx, a, seq, forms); err != nil {
			return fmt.Errorf("counting the entities: %w", err)
		}
	}
	var steps []statement
	if len(a.Quotes) > 0 {
		steps = quoteViews(a)
	}
	if len(a.Events) > 0 && len(forms) > 0 {
		steps = append(steps, statement{viewAddEventLinks, []any{a.ID, seq}})
	}
	for _, st := range steps {
		if _, err := db.exec(ctx, tx, st.query, st.args...); err != nil {
			return fmt.Errorf("counting the quotes and clauses: %w", err)
		}
	}
	return nil
}

func (db *DB) addEntities(ctx context.Context, tx *sql.Tx, a *storyline.Article, seq int64, forms []corpus.EntityForm) error {
	var entities, names, aliases, roles sums
	for _, f := range forms {
		if _, seen := entities.at(f.ID, ""); !seen {
			entities.add(f.ID, "", 0, f.Type, f.Name)
		}
		names.add(f.ID, f.Name, f.Mentions+1)
		// A form written as its name counts twice, as the triggers counted it.
		aliases.add(f.ID, f.Form, 1)
		aliases.add(f.ID, f.Name, 1)
		for i, r := range f.Roles {
			// Roles are read back out of their stored JSON, in which a role
			// repeated in one row counts once for it.
			if r = storedText(r); !slices.ContainsFunc(f.Roles[:i], func(p string) bool { return storedText(p) == r }) {
				roles.add(f.ID, r, 1)
			}
		}
	}
	rows, err := db.query(ctx, tx, viewAddNames, names.json())
	if err != nil {
		return err
	}
	var heaviest sums // the article's heaviest name of each entity
	for rows.Next() {
		var id, name string
		var weight int
		if err := rows.Scan(&id, &name, &weight); err != nil {
			rows.Close()
			return err
		}
		if h, seen := heaviest.at(id, ""); !seen || weight > h.n || (weight == h.n && name < h.texts[0]) {
			h.n, h.texts = weight, []string{name}
		}
	}
	if err := rows.Close(); err != nil {
		return err
	}
	ids := entities.ids()
	steps := []statement{
		{viewAddEntityStats, []any{entities.jsonTexts(false)}},
		{viewAddSettleNames, []any{heaviest.jsonTexts(true)}},
		{viewAddAliases, []any{aliases.json()}},
		{viewAddEntityArticles, []any{ids, seq, a.ID, a.Published.Date}},
		{viewAddEntityWeeks, []any{ids, a.Published.Date}},
	}
	if len(roles.rows) > 0 {
		steps = append(steps, statement{viewAddRoles, []any{roles.json()}})
	}
	for _, st := range steps {
		if _, err := db.exec(ctx, tx, st.query, st.args...); err != nil {
			return err
		}
	}
	return nil
}

// quoteViews lists the statements counting an article's quotes.
func quoteViews(a *storyline.Article) []statement {
	var speakers, days sums
	dated := false
	for _, q := range a.Quotes {
		day := cmp.Or(q.Date, a.Published.Date) // the quote's day as stored
		days.add("", day, 1)
		if q.Speaker.Entity != "" {
			speakers.add(q.Speaker.Entity, "", 1)
			days.add(q.Speaker.Entity, day, 1)
		}
		dated = dated || q.Date != ""
	}
	steps := []statement{
		{viewAddQuoteCount, []any{len(a.Quotes)}},
		{viewAddQuoteWeeks, []any{days.json()}},
		{viewAddQuoteSearch, []any{a.ID}},
	}
	if len(speakers.rows) > 0 {
		steps = append(steps, statement{viewAddSpeakers, []any{speakers.json()}})
	}
	if dated {
		steps = append(steps, statement{viewAddQuoteLinks, []any{a.ID}}, statement{viewAddSpeakerLinks, []any{a.ID}})
	}
	return steps
}

// removeFromViews takes an article's rows out of the views, before the
// rows themselves go. The order matters where one statement reads what
// another drops: entity_articles is read for the counts, then dropped;
// the names are settled from what is left.
func (db *DB) removeFromViews(ctx context.Context, tx *sql.Tx, id string, has findings) error {
	var steps []string
	if has.forms {
		steps = append(steps, viewRemoveNames, viewDropNames, viewRemoveAliases, viewDropAliases, viewRemoveRoles,
			viewDropRoles, viewRemoveArticleCounts, viewDropEntityStats, viewRemoveEntityWeeks, viewDropEntityArticles,
			viewRemoveSettleNames)
	}
	if has.quotes {
		steps = append(steps, viewRemoveQuoteCount, viewRemoveSpeakers, viewDropSpeakers, viewRemoveQuoteWeeks,
			viewRemoveQuoteSearch)
	}
	for _, q := range steps {
		if _, err := db.exec(ctx, tx, q, id); err != nil {
			return fmt.Errorf("taking article %s out of the views: %w", id, err)
		}
	}
	return nil
}

// findings says which of an article's rows exist, so that statements
// with nothing to read are not run.
type findings struct {
	forms, quotes bool
}

// storedText is a string as SQLite reads it back out of JSON that
// encoding/json wrote: invalid UTF-8 replaced.
func storedText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b, _ := json.Marshal(s)
	var out string
	_ = json.Unmarshal(b, &out)
	return out
}

// sums adds up numbers by entity and key, in the order first seen.
type sums struct {
	index map[[2]string]int
	rows  []sum
}

type sum struct {
	entity, key string
	n           int
	texts       []string // more columns, written after the key
}

// at returns the row for entity and key, adding it if it was not seen.
func (s *sums) at(entity, key string) (*sum, bool) {
	if s.index == nil {
		s.index = map[[2]string]int{}
	}
	k := [2]string{entity, key}
	if i, ok := s.index[k]; ok {
		return &s.rows[i], true
	}
	s.index[k] = len(s.rows)
	s.rows = append(s.rows, sum{entity: entity, key: key})
	return &s.rows[len(s.rows)-1], false
}

func (s *sums) add(entity, key string, n int, texts ...string) {
	r, _ := s.at(entity, key)
	r.n += n
	if texts != nil {
		r.texts = texts
	}
}

// json writes the rows as a JSON array of [entity, key, n].
func (s *sums) json() string {
	return s.write(func(b []byte, r sum) []byte {
		b = appendJSONString(append(b, ','), r.key)
		return strconv.AppendInt(append(b, ','), int64(r.n), 10)
	})
}

// jsonTexts writes the rows as a JSON array of [entity, texts...], with
// n last if withN.
func (s *sums) jsonTexts(withN bool) string {
	return s.write(func(b []byte, r sum) []byte {
		for _, t := range r.texts {
			b = appendJSONString(append(b, ','), t)
		}
		if withN {
			b = strconv.AppendInt(append(b, ','), int64(r.n), 10)
		}
		return b
	})
}

func (s *sums) write(columns func([]byte, sum) []byte) string {
	b := make([]byte, 0, 48*len(s.rows))
	b = append(b, '[')
	for i, r := range s.rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = columns(appendJSONString(append(b, '['), r.entity), r)
		b = append(b, ']')
	}
	return string(append(b, ']'))
}

// ids writes the entities as a JSON array of strings.
func (s *sums) ids() string {
	b := make([]byte, 0, 16*len(s.rows))
	b = append(b, '[')
	for i, r := range s.rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, r.entity)
	}
	return string(append(b, ']'))
}

// appendJSONString writes s as a JSON string with its bytes as they are:
// SQLite reads them back unchanged, even where they are not UTF-8, so the
// views hold what the rows they count hold.
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
