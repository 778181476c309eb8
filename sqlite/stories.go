package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// SaveEvents upserts events with their articles and storyline.
func (db *DB) SaveEvents(ctx context.Context, events []storyline.Event) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		for _, e := range events {
			_, err := tx.ExecContext(ctx, `INSERT INTO events (id, date, title, storyline, articles, entities) VALUES (?,?,?,?,?,?)
				ON CONFLICT (id) DO UPDATE SET date = excluded.date, title = excluded.title, storyline = excluded.storyline,
				articles = excluded.articles, entities = excluded.entities`,
				e.ID, e.Date, e.Title, e.Storyline, jsonList(e.Articles), jsonList(e.Entities))
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("saving events: %w", err)
	}
	return nil
}

// SaveStorylines upserts storyline titles and key entities.
func (db *DB) SaveStorylines(ctx context.Context, ss []storyline.Storyline) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		for _, s := range ss {
			_, err := tx.ExecContext(ctx, `INSERT INTO storylines (id, title, entities) VALUES (?,?,?)
				ON CONFLICT (id) DO UPDATE SET title = excluded.title, entities = excluded.entities`,
				s.ID, s.Title, jsonList(s.Entities))
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("saving storylines: %w", err)
	}
	return nil
}

// Storylines lists storylines with their events, the most recently active
// first, with the user's merges and splits applied.
func (db *DB) Storylines(ctx context.Context, limit, offset int) ([]storyline.Storyline, int, error) {
	all, err := db.allStorylines(ctx)
	if err != nil {
		return nil, 0, err
	}
	return slices.Clone(corpus.Page(all, limit, offset)), len(all), nil // the cached list stays whole
}

// Storyline returns one storyline, or ErrNotFound.
func (db *DB) Storyline(ctx context.Context, id string) (*storyline.Storyline, error) {
	all, err := db.allStorylines(ctx)
	if err != nil {
		return nil, err
	}
	found, err := corpus.FindStoryline(all, id)
	if err != nil {
		return nil, err
	}
	copied := *found
	return &copied, nil
}

// allStorylines assembles every storyline from its events: a read of the
// whole events table, so it is kept for the generation it was made in.
func (db *DB) allStorylines(ctx context.Context) ([]storyline.Storyline, error) {
	type key struct{}
	return cached(ctx, db, key{}, func() ([]storyline.Storyline, error) { return db.readStorylines(ctx) })
}

func (db *DB) readStorylines(ctx context.Context) ([]storyline.Storyline, error) {
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	meta := map[string]storyline.Storyline{}
	rows, err := db.read.QueryContext(ctx, "SELECT id, title, entities FROM storylines")
	if err != nil {
		return nil, fmt.Errorf("reading storylines: %w", err)
	}
	for rows.Next() {
		var s storyline.Storyline
		var ents string
		if err := rows.Scan(&s.ID, &s.Title, &ents); err != nil {
			rows.Close()
			return nil, err
		}
		_ = json.Unmarshal([]byte(ents), &s.Entities)
		meta[s.ID] = s
	}
	rows.Close()
	rows, err = db.read.QueryContext(ctx, "SELECT id, date, title, storyline, articles, entities FROM events ORDER BY date, id")
	if err != nil {
		return nil, fmt.Errorf("reading events: %w", err)
	}
	defer rows.Close()
	var events []storyline.Event
	for rows.Next() {
		var e storyline.Event
		var arts, ents string
		if err := rows.Scan(&e.ID, &e.Date, &e.Title, &e.Storyline, &arts, &ents); err != nil {
			return nil, err
		}
		_ = json.Unmarshal([]byte(arts), &e.Articles)
		_ = json.Unmarshal([]byte(ents), &e.Entities)
		events = append(events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("reading events: %w", err)
	}
	return corpus.Storylines(meta, events, decisions), nil
}

// ReplaceShifts replaces every stored shift.
func (db *DB) ReplaceShifts(ctx context.Context, shifts []storyline.Shift) error {
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM shifts"); err != nil {
			return err
		}
		for i, s := range shifts {
			doc, err := json.Marshal(s)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "INSERT INTO shifts (idx, speaker, speaker_id, doc) VALUES (?,?,?,?)",
				i, s.Speaker, s.SpeakerID, string(doc)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("saving shifts: %w", err)
	}
	return nil
}

// Shifts lists shifts, all or a speaker's (name, alias or entity id).
func (db *DB) Shifts(ctx context.Context, speaker string) ([]storyline.Shift, error) {
	query, args := "SELECT doc FROM shifts ORDER BY idx", []any{}
	if speaker != "" {
		ids, err := db.entityIDs(ctx, speaker)
		if err != nil {
			return nil, err
		}
		query = `SELECT doc FROM shifts WHERE speaker_id IN (SELECT value FROM json_each(?)) OR lower(speaker) LIKE ? ESCAPE '\' ORDER BY idx`
		args = []any{jsonList(ids), corpus.LikePattern(speaker)}
	}
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("reading shifts: %w", err)
	}
	defer rows.Close()
	var out []storyline.Shift
	for rows.Next() {
		var doc string
		var s storyline.Shift
		if err := rows.Scan(&doc); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(doc), &s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
