package sqlite

import (
	"context"
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"modernc.org/sqlite"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// SQLite's own lower() folds ASCII only; names are not all ASCII. Queries
// (never the schema) call fold, so the file stays usable from any tool.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("storyline_fold", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		s, _ := args[0].(string)
		return strings.ToLower(s), nil
	})
}

// Entities lists entities merged across the corpus, most covered first,
// with the user's merges and splits applied. Entities no decision touches
// are read from the views the triggers of 0003 keep; only the few a
// decision regroups are rebuilt from their forms.
func (db *DB) Entities(ctx context.Context, f storyline.EntityFilter) ([]storyline.EntityRecord, int, error) {
	f.Limit = limitOr(f.Limit, 50)
	f.Offset = max(f.Offset, 0)
	if f.MaxArticles <= 0 || f.MaxArticles > keptArticles {
		return db.entities(ctx, f) // too large to keep: all of a speaker's articles
	}
	type key struct{ f storyline.EntityFilter }
	type answer struct {
		page  []storyline.EntityRecord
		total int
	}
	a, err := cached(ctx, db, key{f}, func() (answer, error) {
		page, total, err := db.entities(ctx, f)
		return answer{page, total}, err
	})
	return slices.Clone(a.page), a.total, err // the kept page stays as it was
}

// keptArticles bounds the article ids per entity of a kept answer, so
// that the memo stays small.
const keptArticles = 100

func (db *DB) entities(ctx context.Context, f storyline.EntityFilter) ([]storyline.EntityRecord, int, error) {
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, 0, err
	}
	touched := decidedEntities(decisions)
	regrouped, err := db.regrouped(ctx, touched, decisions)
	if err != nil {
		return nil, 0, err
	}
	rebuilt, rebuiltTotal := corpus.SelectEntities(regrouped, decisions, storyline.EntityFilter{
		ID: f.ID, Query: f.Query, Type: f.Type, MaxArticles: f.MaxArticles})
	w := db.entityWhere(f, touched, decisions)
	var stored int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM entity_stats s WHERE "+w.sql(), w.args...).Scan(&stored); err != nil {
		return nil, 0, fmt.Errorf("counting entities: %w", err)
	}
	// Rebuilt entities interleave with the stored ones in list order, so
	// the stored rows before the page are read too (ids and keys only).
	head, err := db.entityKeys(ctx, w, f.Offset+f.Limit)
	if err != nil {
		return nil, 0, err
	}
	page := mergeEntities(head, rebuilt, f.Offset, f.Limit)
	if err := db.fillEntities(ctx, page, f.MaxArticles); err != nil {
		return nil, 0, err
	}
	return page, stored + rebuiltTotal, nil
}

// Entity returns one entity by id (or a merged-away id) with all its
// articles, or ErrNotFound.
func (db *DB) Entity(ctx context.Context, id string) (*storyline.EntityRecord, error) {
	es, _, err := db.Entities(ctx, storyline.EntityFilter{ID: id, Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("entity %s: %w", id, storyline.ErrNotFound)
	}
	return &es[0], nil
}

// decidedEntities lists the stored entity ids whose rows a merge or split
// regroups: every id in a merged group, and every id making up an entity
// that lost a form.
func decidedEntities(decisions []storyline.Decision) map[string]bool {
	touched := map[string]bool{}
	for _, d := range decisions {
		switch d.Kind {
		case storyline.DecisionMergeEntities:
			for _, id := range append(corpus.ExpandIDs(d.Subject, nil, decisions), corpus.ExpandIDs(d.Object, nil, decisions)...) {
				touched[id] = true
			}
		case storyline.DecisionSplitEntity:
			for _, id := range corpus.StoredIDs(d.Subject, decisions) {
				touched[id] = true
			}
		}
	}
	return touched
}

// regrouped rebuilds the entities made of touched ids, decisions applied.
func (db *DB) regrouped(ctx context.Context, touched map[string]bool, decisions []storyline.Decision) ([]storyline.EntityRecord, error) {
	if len(touched) == 0 {
		return nil, nil
	}
	forms, err := db.forms(ctx, "f.entity_id IN (SELECT value FROM json_each(?))", jsonList(setList(touched)))
	if err != nil {
		return nil, err
	}
	return corpus.Entities(forms, decisions), nil
}

func setList[V any](set map[string]V) []string {
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	return out
}

// entityWhere selects the stored entities no decision touches that match f.
func (db *DB) entityWhere(f storyline.EntityFilter, touched map[string]bool, decisions []storyline.Decision) *where {
	w := &where{}
	w.add("1 = 1")
	if len(touched) > 0 {
		w.add("s.entity_id NOT IN (SELECT value FROM json_each(?))", jsonList(setList(touched)))
	}
	if f.ID != "" {
		w.add("s.entity_id = ?", storyline.Canonical(storyline.Merges(decisions, storyline.DecisionMergeEntities), f.ID))
	}
	if f.Type != "" {
		w.add("s.type = ?", f.Type)
	}
	if q := strings.ToLower(strings.TrimSpace(f.Query)); q != "" {
		p := corpus.LikePattern(q)
		w.add(`(storyline_fold(s.entity_id) = ? OR storyline_fold(s.name) LIKE ? ESCAPE '\'
			OR EXISTS (SELECT 1 FROM entity_aliases x WHERE x.entity_id = s.entity_id AND storyline_fold(x.alias) LIKE ? ESCAPE '\'))`, q, p, p)
	}
	return w
}

// entityKeys reads the first n stored entities matching w in list order,
// with what ordering needs.
func (db *DB) entityKeys(ctx context.Context, w *where, n int) ([]storyline.EntityRecord, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT s.entity_id, s.name, s.type, s.articles FROM entity_stats s WHERE `+w.sql()+
		` ORDER BY s.articles DESC, s.name, s.entity_id LIMIT ?`, append(w.args, n)...)
	if err != nil {
		return nil, fmt.Errorf("listing entities: %w", err)
	}
	defer rows.Close()
	var out []storyline.EntityRecord
	for rows.Next() {
		var e storyline.EntityRecord
		if err := rows.Scan(&e.ID, &e.Name, &e.Type, &e.ArticleCount); err != nil {
			return nil, fmt.Errorf("listing entities: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// mergeEntities interleaves two lists already in list order and cuts the
// page out of the result.
func mergeEntities(stored, rebuilt []storyline.EntityRecord, offset, limit int) []storyline.EntityRecord {
	all := make([]storyline.EntityRecord, 0, len(stored)+len(rebuilt))
	i, j := 0, 0
	for i < len(stored) || j < len(rebuilt) {
		if j == len(rebuilt) || (i < len(stored) && corpus.EntityBefore(stored[i], rebuilt[j])) {
			all = append(all, stored[i])
			i++
		} else {
			all = append(all, rebuilt[j])
			j++
		}
	}
	return corpus.Page(all, limit, offset)
}

// fillEntities adds aliases, roles and articles to the stored entities of
// a page, in one query (rebuilt ones are complete: non-nil Articles).
func (db *DB) fillEntities(ctx context.Context, page []storyline.EntityRecord, maxArticles int) error {
	byID := map[string]*storyline.EntityRecord{}
	for i := range page {
		if page[i].Articles == nil {
			byID[page[i].ID] = &page[i]
		}
	}
	if len(byID) == 0 {
		return nil
	}
	limit := -1
	if maxArticles > 0 {
		limit = maxArticles
	}
	rows, err := db.read.QueryContext(ctx, `SELECT j.value,
		(SELECT json_group_array(alias) FROM (SELECT alias FROM entity_aliases WHERE entity_id = j.value ORDER BY alias)),
		(SELECT json_group_array(role) FROM (SELECT role FROM entity_roles WHERE entity_id = j.value ORDER BY role)),
		(SELECT json_group_array(article_id) FROM (SELECT article_id FROM entity_articles WHERE entity_id = j.value ORDER BY seq LIMIT ?))
		FROM json_each(?) j`, limit, jsonList(setList(byID)))
	if err != nil {
		return fmt.Errorf("reading entities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, aliases, roles, articles string
		if err := rows.Scan(&id, &aliases, &roles, &articles); err != nil {
			return fmt.Errorf("reading entities: %w", err)
		}
		e := byID[id]
		for _, v := range []struct {
			doc  string
			into *[]string
		}{{aliases, &e.Aliases}, {roles, &e.Roles}, {articles, &e.Articles}} {
			if err := json.Unmarshal([]byte(v.doc), v.into); err != nil {
				return fmt.Errorf("decoding entity %s: %w", id, err)
			}
		}
	}
	return rows.Err()
}

// forms reads stored entity forms of original articles matching cond.
func (db *DB) forms(ctx context.Context, cond string, args ...any) ([]corpus.EntityForm, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT f.entity_id, f.article_id, f.form, f.name, f.type, f.roles, f.mentions
		FROM entity_forms f JOIN articles a ON a.id = f.article_id WHERE a.duplicate_of IS NULL AND `+cond+` ORDER BY a.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("reading entities: %w", err)
	}
	defer rows.Close()
	var forms []corpus.EntityForm
	for rows.Next() {
		var e corpus.EntityForm
		var roles string
		if err := rows.Scan(&e.ID, &e.Article, &e.Form, &e.Name, &e.Type, &roles, &e.Mentions); err != nil {
			return nil, err
		}
		_ = json.Unmarshal([]byte(roles), &e.Roles)
		forms = append(forms, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading entities: %w", err)
	}
	return forms, nil
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
