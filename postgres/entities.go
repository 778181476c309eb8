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
// with the user's merges and splits applied. One entity (f.ID) is read
// from its own rows alone.
func (db *DB) Entities(ctx context.Context, f storyline.EntityFilter) ([]storyline.EntityRecord, int, error) {
	f.Query, f.ID = noNUL(f.Query), noNUL(f.ID)
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, 0, err
	}
	var forms []corpus.EntityForm
	if f.ID != "" {
		forms, err = db.forms(ctx, "f.entity_id = ANY($1)", corpus.StoredIDs(f.ID, decisions))
	} else {
		forms, err = db.forms(ctx, "TRUE")
	}
	if err != nil {
		return nil, 0, err
	}
	f.Limit = limitOr(f.Limit, 50)
	page, total := corpus.SelectEntities(corpus.Entities(forms, decisions), decisions, f)
	return page, total, nil
}

// Entity returns one entity by id (or a merged-away id), or ErrNotFound.
// It reads only the rows of that entity and those merged with it, through
// their index, so an entity page costs the same on any size of corpus
// (save for the entity's own size).
func (db *DB) Entity(ctx context.Context, id string) (*storyline.EntityRecord, error) {
	id = noNUL(id)
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	forms, err := db.forms(ctx, "f.entity_id = ANY($1)", corpus.StoredIDs(id, decisions))
	if err != nil {
		return nil, err
	}
	return corpus.FindEntity(corpus.Entities(forms, decisions), decisions, id)
}

// forms reads the stored entity forms matching cond, in ingest order.
// Only originals keep forms.
func (db *DB) forms(ctx context.Context, cond string, args ...any) ([]corpus.EntityForm, error) {
	rows, err := db.pool.Query(ctx, `SELECT f.entity_id, f.article_id, f.form, f.name, f.type, f.roles, f.mentions
		FROM entity_forms f JOIN articles a ON a.id = f.article_id WHERE `+cond+` ORDER BY a.seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("reading entities: %w", err)
	}
	forms, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (corpus.EntityForm, error) {
		var e corpus.EntityForm
		err := r.Scan(&e.ID, &e.Article, &e.Form, &e.Name, &e.Type, &e.Roles, &e.Mentions)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("reading entities: %w", err)
	}
	return forms, nil
}

// entityIDs resolves a name, alias or id to every stored entity id it may
// mean, with merges applied both ways. Names are looked up among the
// distinct names and forms (entity_names), not among every article's rows.
func (db *DB) entityIDs(ctx context.Context, nameOrID string) ([]string, error) {
	nameOrID = noNUL(nameOrID)
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	isID, err := db.isEntityID(ctx, nameOrID)
	if err != nil {
		return nil, err
	}
	if isID {
		return corpus.ExpandIDs(nameOrID, nil, decisions), nil
	}
	rows, err := db.pool.Query(ctx, `SELECT DISTINCT entity_id FROM entity_names WHERE lower(name) LIKE $1 ESCAPE '\'`,
		corpus.LikePattern(nameOrID))
	if err != nil {
		return nil, fmt.Errorf("resolving %q: %w", nameOrID, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("resolving %q: %w", nameOrID, err)
	}
	return corpus.ExpandIDs(nameOrID, ids, decisions), nil
}

// isEntityID reports whether s is the id of a stored entity.
func (db *DB) isEntityID(ctx context.Context, s string) (bool, error) {
	var ok bool
	if err := db.pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM entity_forms WHERE entity_id = $1)", s).Scan(&ok); err != nil {
		return false, fmt.Errorf("looking up entity %q: %w", s, err)
	}
	return ok, nil
}
