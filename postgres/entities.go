package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
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

// Entities lists entities merged across the corpus, most covered first,
// with the user's merges and splits applied.
func (db *DB) Entities(ctx context.Context, f storyline.EntityFilter) ([]storyline.EntityRecord, int, error) {
	f.Query, f.ID = noNUL(f.Query), noNUL(f.ID)
	all, err := db.allEntities(ctx)
	if err != nil {
		return nil, 0, err
	}
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, 0, err
	}
	f.Limit = limitOr(f.Limit, 50)
	page, total := corpus.SelectEntities(all, decisions, f)
	return page, total, nil
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
	return corpus.FindEntity(all, decisions, id)
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
	ers, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (corpus.EntityForm, error) {
		var e corpus.EntityForm
		err := r.Scan(&e.ID, &e.Article, &e.Form, &e.Name, &e.Type, &e.Roles, &e.Mentions)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("reading entities: %w", err)
	}
	return corpus.Entities(ers, decisions), nil
}

// entityIDs resolves a name, alias or id to every stored entity id it may
// mean, with merges applied both ways.
func (db *DB) entityIDs(ctx context.Context, nameOrID string) ([]string, error) {
	nameOrID = noNUL(nameOrID)
	rows, err := db.pool.Query(ctx, `SELECT DISTINCT entity_id FROM entity_forms
		WHERE entity_id = $1 OR lower(form) = lower($1) OR lower(name) = lower($1)
		   OR lower(name) LIKE $2 ESCAPE '\' OR lower(form) LIKE $2 ESCAPE '\'`, nameOrID, corpus.LikePattern(nameOrID))
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
	return corpus.ExpandIDs(nameOrID, ids, decisions), nil
}
