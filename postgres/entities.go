package postgres

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
)

// SaveDecision records a user's merge or split.
func (db *DB) SaveDecision(ctx context.Context, d storyline.Decision) error {
	_, err := db.pool.Exec(ctx, "INSERT INTO decisions (kind, subject, object, created) VALUES ($1,$2,$3,$4)",
		d.Kind, d.Subject, d.Object, d.Created)
	if err != nil {
		return fmt.Errorf("recording decision: %w", err)
	}
	return nil
}

// Decisions lists every recorded decision in the order taken.
func (db *DB) Decisions(ctx context.Context) ([]storyline.Decision, error) {
	rows, err := db.pool.Query(ctx, "SELECT kind, subject, object, created FROM decisions ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("reading decisions: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (storyline.Decision, error) {
		var d storyline.Decision
		err := r.Scan(&d.Kind, &d.Subject, &d.Object, &d.Created)
		return d, err
	})
}

// entityRow is one stored entity form in one article.
type entityRow struct {
	id, article, form, name, typ string
	roles                        []string
	mentions                     int
}

// Entities lists entities merged across the corpus, most covered first,
// with the user's merges and splits applied.
func (db *DB) Entities(ctx context.Context, f storyline.EntityFilter) ([]storyline.EntityRecord, int, error) {
	all, err := db.allEntities(ctx)
	if err != nil {
		return nil, 0, err
	}
	var out []storyline.EntityRecord
	for _, e := range all {
		if (f.Type == "" || e.Type == f.Type) && matchesEntity(e, f.Query) {
			out = append(out, e)
		}
	}
	total := len(out)
	start := min(max(f.Offset, 0), total)
	end := min(start+limitOr(f.Limit, 50), total)
	return out[start:end], total, nil
}

// Entity returns one entity by id (or a merged-away id), or ErrNotFound.
func (db *DB) Entity(ctx context.Context, id string) (*storyline.EntityRecord, error) {
	all, err := db.allEntities(ctx)
	if err != nil {
		return nil, err
	}
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	id = storyline.Canonical(storyline.Merges(decisions, storyline.DecisionMergeEntities), id)
	for i := range all {
		if all[i].ID == id {
			return &all[i], nil
		}
	}
	return nil, fmt.Errorf("entity %s: %w", id, storyline.ErrNotFound)
}

func matchesEntity(e storyline.EntityRecord, q string) bool {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" || strings.ToLower(e.ID) == q || strings.Contains(strings.ToLower(e.Name), q) {
		return true
	}
	for _, a := range e.Aliases {
		if strings.Contains(strings.ToLower(a), q) {
			return true
		}
	}
	return false
}

// allEntities aggregates the stored forms into entities, applying splits
// (a form moved to its own entity) and then merges.
func (db *DB) allEntities(ctx context.Context) ([]storyline.EntityRecord, error) {
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.pool.Query(ctx, `SELECT f.entity_id, f.article_id, f.form, f.name, f.type, f.roles, f.mentions
		FROM entity_forms f JOIN articles a ON a.id = f.article_id WHERE a.duplicate_of IS NULL ORDER BY a.seq`)
	if err != nil {
		return nil, fmt.Errorf("reading entities: %w", err)
	}
	ers, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (entityRow, error) {
		var e entityRow
		err := r.Scan(&e.id, &e.article, &e.form, &e.name, &e.typ, &e.roles, &e.mentions)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("reading entities: %w", err)
	}
	return aggregateEntities(ers, decisions), nil
}

func aggregateEntities(rows []entityRow, decisions []storyline.Decision) []storyline.EntityRecord {
	splits := map[[2]string]bool{}
	for _, d := range decisions {
		if d.Kind == storyline.DecisionSplitEntity {
			splits[[2]string{d.Subject, d.Object}] = true
		}
	}
	merges := storyline.Merges(decisions, storyline.DecisionMergeEntities)
	type acc struct {
		rec      storyline.EntityRecord
		names    map[string]int
		aliases  map[string]bool
		roles    map[string]bool
		articles map[string]bool
	}
	byID := map[string]*acc{}
	var order []string
	for _, r := range rows {
		id, name := r.id, r.name
		if splits[[2]string{r.id, r.form}] {
			id, name = storyline.SplitID(r.id, r.form), r.form
		}
		id = storyline.Canonical(merges, id)
		a := byID[id]
		if a == nil {
			a = &acc{rec: storyline.EntityRecord{Entity: storyline.Entity{ID: id, Type: r.typ}},
				names: map[string]int{}, aliases: map[string]bool{}, roles: map[string]bool{}, articles: map[string]bool{}}
			byID[id] = a
			order = append(order, id)
		}
		a.names[name] += r.mentions + 1
		a.aliases[r.form] = true
		for _, role := range r.roles {
			a.roles[role] = true
		}
		if !a.articles[r.article] {
			a.articles[r.article] = true
			a.rec.Articles = append(a.rec.Articles, r.article)
		}
	}
	out := make([]storyline.EntityRecord, 0, len(order))
	for _, id := range order {
		a := byID[id]
		a.rec.Name = mostFrequent(a.names)
		a.rec.Aliases = sortedSet(a.aliases)
		a.rec.Roles = sortedSet(a.roles)
		out = append(out, a.rec)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].Articles) != len(out[j].Articles) {
			return len(out[i].Articles) > len(out[j].Articles)
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func mostFrequent(counts map[string]int) string {
	best, bestN := "", -1
	for s, n := range counts {
		if n > bestN || (n == bestN && s < best) {
			best, bestN = s, n
		}
	}
	return best
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// entityIDs resolves a name, alias or id to every stored entity id it may
// mean, with merges applied both ways.
func (db *DB) entityIDs(ctx context.Context, nameOrID string) ([]string, error) {
	rows, err := db.pool.Query(ctx, `SELECT DISTINCT entity_id FROM entity_forms
		WHERE entity_id = $1 OR lower(form) = lower($1) OR lower(name) = lower($1)
		   OR lower(name) LIKE $2 ESCAPE '\' OR lower(form) LIKE $2 ESCAPE '\'`, nameOrID, likePattern(nameOrID))
	if err != nil {
		return nil, fmt.Errorf("resolving %q: %w", nameOrID, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	merges := storyline.Merges(decisions, storyline.DecisionMergeEntities)
	set := map[string]bool{nameOrID: true}
	for _, id := range ids {
		for _, m := range storyline.MergedFrom(merges, storyline.Canonical(merges, id)) {
			set[m] = true
		}
	}
	return sortedSet(set), nil
}
