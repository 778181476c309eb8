package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// Entities lists entities merged across the corpus, most covered first,
// with the user's merges and splits applied.
func (db *DB) Entities(ctx context.Context, f storyline.EntityFilter) ([]storyline.EntityRecord, int, error) {
	all, err := db.allEntities(ctx)
	if err != nil {
		return nil, 0, err
	}
	out := corpus.FilterEntities(all, f.Query, f.Type)
	return corpus.Page(out, limitOr(f.Limit, 50), f.Offset), len(out), nil
}

// Entity returns one entity by id (or a merged-away id), or ErrNotFound.
// It reads only the rows of that entity and those merged with it, so a
// speaker page costs the same on any size of corpus.
func (db *DB) Entity(ctx context.Context, id string) (*storyline.EntityRecord, error) {
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	ids := corpus.StoredIDs(id, decisions)
	forms, err := db.forms(ctx, "f.entity_id IN (SELECT value FROM json_each(?))", jsonList(ids))
	if err != nil {
		return nil, err
	}
	return corpus.FindEntity(corpus.Entities(forms, decisions), decisions, id)
}

func (db *DB) allEntities(ctx context.Context) ([]storyline.EntityRecord, error) {
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	forms, err := db.forms(ctx, "1 = 1")
	if err != nil {
		return nil, err
	}
	return corpus.Entities(forms, decisions), nil
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
