package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// The materialised views of 0003-0007 (entity lists, speaker counts,
// attention per week, quote search, timeline links) are kept by the
// statements below since 0008, in the transaction that stores or removes
// the articles: a dozen set-based statements per batch of articles instead
// of triggers firing for every form and quote. They add and take away
// exactly what the triggers did, so a file keeps the same views across
// the upgrade; views_equivalence_test.go compares them row for row.
//
// What a batch adds is summed up in Go (viewDelta) and written once:
// entities, names and weeks recur from one article to the next, and each
// row written costs the same whether it gains one or ten. Removal reads
// the stored rows, which an older version may have written, before their
// cascade deletes them.

// viewsMigration is the migration from which the store keeps the views.
const viewsMigration = "0008_views_kept_per_article"

// The add statements; ?1 is a JSON array of rows.
const (
	// [entity, name, weight].
	viewAddNames = `INSERT INTO entity_names (entity_id, name, weight)
		SELECT value ->> 0, value ->> 1, value ->> 2 FROM jsonb_each(?1) WHERE true
		ON CONFLICT (entity_id, name) DO UPDATE SET weight = weight + excluded.weight`
	// [entity, type, name of its first form, articles]: an entity first
	// seen keeps that type and name.
	viewAddEntityStats = `INSERT INTO entity_stats (entity_id, type, name, articles)
		SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM jsonb_each(?1) WHERE true
		ON CONFLICT (entity_id) DO UPDATE SET articles = articles + excluded.articles`
	// [entity, name], the names that just gained weight. The name of an
	// entity is its heaviest (then first in byte order); only these gained,
	// so it becomes the heaviest of them or stays. It is in both ranking
	// indexes, so it is written only where it changes.
	viewAddSettleNames = `UPDATE entity_stats SET name = c.name FROM (
			SELECT id, name, weight FROM (
				SELECT n.entity_id AS id, n.name, n.weight,
					row_number() OVER (PARTITION BY n.entity_id ORDER BY n.weight DESC, n.name) AS r
				FROM jsonb_each(?1) j JOIN entity_names n ON n.entity_id = j.value ->> 0 AND n.name = j.value ->> 1)
			WHERE r = 1) c
		WHERE entity_stats.entity_id = c.id AND entity_stats.name <> c.name
			AND (c.weight, entity_stats.name) > (coalesce((SELECT w.weight FROM entity_names w
				WHERE w.entity_id = c.id AND w.name = entity_stats.name), 0), c.name)`
	// [entity, alias, n].
	viewAddAliases = `INSERT INTO entity_aliases (entity_id, alias, n)
		SELECT value ->> 0, value ->> 1, value ->> 2 FROM jsonb_each(?1) WHERE true
		ON CONFLICT (entity_id, alias) DO UPDATE SET n = n + excluded.n`
	// [entity, role, n].
	viewAddRoles = `INSERT INTO entity_roles (entity_id, role, n)
		SELECT value ->> 0, value ->> 1, value ->> 2 FROM jsonb_each(?1) WHERE true
		ON CONFLICT (entity_id, role) DO UPDATE SET n = n + excluded.n`
	// [entity, seq, article, day].
	viewAddEntityArticles = `INSERT OR IGNORE INTO entity_articles (entity_id, seq, article_id, published)
		SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM jsonb_each(?1)`
	// [entity, or '' for the corpus, day, articles, quotes]. Days of one
	// week are rows of their own, added up by the upsert.
	viewAddWeeks = `INSERT INTO attention_weeks (entity_id, week, articles, quotes)
		SELECT value ->> 0, date(substr(value ->> 1, 1, 10), 'weekday 0', '-6 days') AS week, value ->> 2, value ->> 3
		FROM jsonb_each(?1) WHERE week IS NOT NULL
		ON CONFLICT (entity_id, week) DO UPDATE SET articles = articles + excluded.articles, quotes = quotes + excluded.quotes`
	// ?1 is the number of quotes.
	viewAddQuoteCount = `UPDATE corpus_counts SET n = n + ?1 WHERE name = 'quotes'`
	// [speaker entity, quotes].
	viewAddSpeakers = `INSERT INTO speaker_quotes (entity_id, quotes)
		SELECT value ->> 0, value ->> 1 FROM jsonb_each(?1) WHERE true
		ON CONFLICT (entity_id) DO UPDATE SET quotes = quotes + excluded.quotes`
	// [entity, date, seq, kind, idx, article].
	viewAddLinks = `INSERT OR IGNORE INTO timeline_links (entity_id, date, seq, kind, idx, article_id)
		SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM jsonb_each(?1)`
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
	viewAddEntityArticles, viewAddWeeks, viewAddQuoteCount, viewAddSpeakers, viewAddLinks, insertQuoteSearch,
	viewRemoveNames, viewDropNames, viewRemoveAliases, viewDropAliases, viewRemoveRoles, viewDropRoles,
	viewRemoveArticleCounts, viewDropEntityStats, viewRemoveEntityWeeks, viewDropEntityArticles, viewRemoveSettleNames,
	viewRemoveQuoteCount, viewRemoveSpeakers, viewDropSpeakers, viewRemoveQuoteWeeks, viewRemoveQuoteSearch}

// viewDelta is what the articles of a batch add to the views.
type viewDelta struct {
	entities      sums // by entity: articles, with the type and name of its first form
	names         sums // by entity and name: weight
	aliases       sums // by entity and alias (a form or a name): forms
	roles         sums // by entity and role: forms
	weeks         sums // by entity ('' for the corpus) and day: articles, quotes
	speakers      sums // by speaker: quotes
	quotes        int
	entityArticle rows // [entity, seq, article, day]
	links         rows // [entity, date, seq, kind, idx, article]
}

// add counts an original article in, with its forms as stored.
func (v *viewDelta) add(a *storyline.Article, seq int64, forms []corpus.EntityForm) {
	day := a.Published.Date
	lowerForms := make([]string, len(forms))
	inArticle := map[string]bool{}
	for i, f := range forms {
		lowerForms[i] = sqliteLower(f.Form)
		if !inArticle[f.ID] {
			inArticle[f.ID] = true
			e, seen := v.entities.at(f.ID, "")
			if !seen {
				e.texts = []string{f.Type, f.Name}
			}
			e.n++
			v.entityArticle.row().text(f.ID).int(seq).text(a.ID).text(day)
			v.weeks.add(f.ID, day, 1, 0) // the corpus's week is counted by a trigger on articles
		}
		v.names.add(f.ID, f.Name, f.Mentions+1, 0)
		// A form written as its name counts twice, as the triggers counted it.
		v.aliases.add(f.ID, f.Form, 1, 0)
		v.aliases.add(f.ID, f.Name, 1, 0)
		for i, r := range f.Roles {
			// Roles are read back out of their stored JSON, in which a role
			// repeated in one row counts once for it.
			if r = storedText(r); !slices.ContainsFunc(f.Roles[:i], func(p string) bool { return storedText(p) == r }) {
				v.roles.add(f.ID, r, 1, 0)
			}
		}
	}
	for i, e := range a.Events {
		v.link(forms, lowerForms, e.Text, "", e.Date, seq, "event", i, a.ID)
	}
	if len(a.Quotes) == 0 {
		return
	}
	v.quotes += len(a.Quotes)
	for i, q := range a.Quotes {
		qday := cmp.Or(q.Date, day) // the quote's day as stored
		v.weeks.add("", qday, 0, 1)
		if q.Speaker.Entity != "" {
			v.speakers.add(q.Speaker.Entity, "", 1, 0)
			v.weeks.add(q.Speaker.Entity, qday, 0, 1)
		}
		if q.Date != "" {
			v.link(forms, lowerForms, q.Text, q.Speaker.Entity, q.Date, seq, "quote", i, a.ID)
		}
	}
}

// link puts a dated clause or quote on the timelines of the entities with
// a form written in it (as instr(lower(text), lower(form)) finds it) and
// of its speaker.
func (v *viewDelta) link(forms []corpus.EntityForm, lowerForms []string, text, speaker, date string, seq int64, kind string, idx int, article string) {
	lower := sqliteLower(text)
	linked := map[string]bool{}
	add := func(entity string) {
		if !linked[entity] {
			linked[entity] = true
			v.links.row().text(entity).text(date).int(seq).text(kind).int(int64(idx)).text(article)
		}
	}
	for i, f := range forms {
		if sqliteInstr(lower, lowerForms[i]) {
			add(f.ID)
		}
	}
	if speaker != "" {
		add(speaker)
	}
}

func (v *viewDelta) empty() bool {
	return len(v.entities.rows) == 0 && len(v.weeks.rows) == 0 && v.quotes == 0 && v.links.n == 0
}

// write adds the delta to the views. The names are settled once their
// weights are written, the entities stored.
func (v *viewDelta) write(ctx context.Context, db *DB, tx *sql.Tx) error {
	var steps []statement
	if len(v.entities.rows) > 0 {
		names := v.names.json(false, 1)
		steps = append(steps,
			statement{viewAddNames, names},
			statement{viewAddEntityStats, v.entities.json(true, 1)},
			statement{viewAddSettleNames, names},
			statement{viewAddAliases, v.aliases.json(false, 1)},
			statement{viewAddEntityArticles, v.entityArticle.json()})
		if len(v.roles.rows) > 0 {
			steps = append(steps, statement{viewAddRoles, v.roles.json(false, 1)})
		}
	}
	if len(v.weeks.rows) > 0 {
		steps = append(steps, statement{viewAddWeeks, v.weeks.json(false, 2)})
	}
	if v.quotes > 0 {
		steps = append(steps, statement{viewAddQuoteCount, v.quotes})
		if len(v.speakers.rows) > 0 {
			steps = append(steps, statement{viewAddSpeakers, v.speakers.jsonNoKey()})
		}
	}
	if v.links.n > 0 {
		steps = append(steps, statement{viewAddLinks, v.links.json()})
	}
	for _, st := range steps {
		if _, err := db.exec(ctx, tx, st.query, st.arg); err != nil {
			return fmt.Errorf("keeping the views: %w", err)
		}
	}
	return nil
}

// statement is a write and its one argument.
type statement struct {
	query string
	arg   any
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

// sums adds up counts by entity and key, in the order first seen.
type sums struct {
	index map[[2]string]int
	rows  []sum
}

type sum struct {
	entity, key string
	n, m        int      // the counts
	texts       []string // columns written after the entity instead of the key
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

func (s *sums) add(entity, key string, n, m int) {
	r, _ := s.at(entity, key)
	r.n += n
	r.m += m
}

// json writes the rows as [entity, key (or texts), n (, m)].
func (s *sums) json(texts bool, counts int) string {
	var r rows
	for _, x := range s.rows {
		r.row().text(x.entity)
		if texts {
			for _, t := range x.texts {
				r.text(t)
			}
		} else {
			r.text(x.key)
		}
		r.int(int64(x.n))
		if counts > 1 {
			r.int(int64(x.m))
		}
	}
	return r.json()
}

// jsonNoKey writes the rows as [entity, n].
func (s *sums) jsonNoKey() string {
	var r rows
	for _, x := range s.rows {
		r.row().text(x.entity).int(int64(x.n))
	}
	return r.json()
}

// jsonStrings writes a JSON array of strings.
func jsonStrings(ss []string) string {
	b := []byte{'['}
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return string(append(b, ']'))
}
