package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// SaveEvents upserts events with their articles and storyline.
func (db *DB) SaveEvents(ctx context.Context, events []storyline.Event) error {
	batch := &pgx.Batch{}
	queueEventRows(batch, events)
	if err := db.pool.SendBatch(ctx, batch).Close(); err != nil {
		return fmt.Errorf("saving events: %w", err)
	}
	return nil
}

// SaveStorylines upserts storyline titles and key entities.
func (db *DB) SaveStorylines(ctx context.Context, ss []storyline.Storyline) error {
	batch := &pgx.Batch{}
	queueStorylineRows(batch, ss)
	if err := db.pool.SendBatch(ctx, batch).Close(); err != nil {
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
	return corpus.Page(all, limit, offset), len(all), nil
}

// Storyline returns one storyline, or ErrNotFound.
func (db *DB) Storyline(ctx context.Context, id string) (*storyline.Storyline, error) {
	all, err := db.allStorylines(ctx)
	if err != nil {
		return nil, err
	}
	return corpus.FindStoryline(all, id)
}

func (db *DB) allStorylines(ctx context.Context) ([]storyline.Storyline, error) {
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	titles := map[string]storyline.Storyline{}
	rows, err := db.pool.Query(ctx, "SELECT id, title, entities FROM storylines")
	if err != nil {
		return nil, fmt.Errorf("reading storylines: %w", err)
	}
	for rows.Next() {
		var s storyline.Storyline
		if err := rows.Scan(&s.ID, &s.Title, &s.Entities); err != nil {
			rows.Close()
			return nil, err
		}
		titles[s.ID] = s
	}
	rows.Close()
	rows, err = db.pool.Query(ctx, "SELECT id, date, title, storyline, articles, entities FROM events ORDER BY date, id")
	if err != nil {
		return nil, fmt.Errorf("reading events: %w", err)
	}
	events, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (storyline.Event, error) {
		var e storyline.Event
		err := r.Scan(&e.ID, &e.Date, &e.Title, &e.Storyline, &e.Articles, &e.Entities)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("reading events: %w", err)
	}
	return corpus.Storylines(titles, events, decisions), nil
}

// ReplaceShifts replaces every stored shift.
func (db *DB) ReplaceShifts(ctx context.Context, shifts []storyline.Shift) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		batch := &pgx.Batch{}
		if err := queueShifts(batch, shifts); err != nil {
			return err
		}
		return tx.SendBatch(ctx, batch).Close()
	})
}

// queueShifts queues the statements replacing every stored shift.
func queueShifts(batch *pgx.Batch, shifts []storyline.Shift) error {
	batch.Queue("DELETE FROM shifts")
	for i, s := range shifts {
		doc, err := json.Marshal(s)
		if err != nil {
			return fmt.Errorf("encoding a shift of %s: %w", s.Speaker, err)
		}
		batch.Queue("INSERT INTO shifts (idx, speaker, speaker_id, doc) VALUES ($1,$2,$3,$4)", i, s.Speaker, s.SpeakerID, doc)
	}
	return nil
}

// queueEventRows queues the upserts of events with their articles and
// storyline.
func queueEventRows(batch *pgx.Batch, events []storyline.Event) {
	for _, e := range events {
		batch.Queue(`INSERT INTO events (id, date, title, storyline, articles, entities) VALUES ($1,$2,$3,$4,$5,$6)
			ON CONFLICT (id) DO UPDATE SET date = excluded.date, title = excluded.title, storyline = excluded.storyline,
			articles = excluded.articles, entities = excluded.entities`,
			e.ID, e.Date, e.Title, e.Storyline, nonNil(e.Articles), nonNil(e.Entities))
	}
}

// queueStorylineRows queues the upserts of storyline titles and key
// entities.
func queueStorylineRows(batch *pgx.Batch, ss []storyline.Storyline) {
	for _, s := range ss {
		batch.Queue(`INSERT INTO storylines (id, title, entities) VALUES ($1,$2,$3)
			ON CONFLICT (id) DO UPDATE SET title = excluded.title, entities = excluded.entities`,
			s.ID, s.Title, nonNil(s.Entities))
	}
}

// Shifts lists shifts, all or a speaker's (name, alias or entity id).
func (db *DB) Shifts(ctx context.Context, speaker string) ([]storyline.Shift, error) {
	query, args := "SELECT doc FROM shifts ORDER BY idx", []any{}
	if speaker != "" {
		ids, err := db.entityIDs(ctx, speaker)
		if err != nil {
			return nil, err
		}
		query = `SELECT doc FROM shifts WHERE speaker_id = ANY($1) OR lower(speaker) LIKE $2 ESCAPE '\' ORDER BY idx`
		args = []any{ids, corpus.LikePattern(speaker)}
	}
	rows, err := db.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("reading shifts: %w", err)
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (storyline.Shift, error) {
		var s storyline.Shift
		var doc []byte
		if err := r.Scan(&doc); err != nil {
			return s, err
		}
		return s, json.Unmarshal(doc, &s)
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
