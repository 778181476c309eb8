package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// SaveArticle stores an article, its raw input and everything derived from
// it in one transaction, replacing an article with the same id.
func (db *DB) SaveArticle(ctx context.Context, a *storyline.Article, raw []byte, rawHash string) error {
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		batch := &pgx.Batch{}
		if err := queueSave(batch, a, raw, rawHash); err != nil {
			return err
		}
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("storing article %s: %w", a.ID, err)
		}
		return nil
	})
}

// queueSave queues the statements that store an article in place of one
// with the same id, to be sent in one round trip. Rows listed in ingest
// order read the article's number back from its row.
func queueSave(batch *pgx.Batch, a *storyline.Article, raw []byte, rawHash string) error {
	doc, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("encoding article %s: %w", a.ID, err)
	}
	if a.Ingested.IsZero() {
		a.Ingested = time.Now().UTC()
	}
	if raw == nil {
		raw = []byte{}
	}
	var dup *string
	if a.DuplicateOf != "" {
		dup = &a.DuplicateOf
	}
	batch.Queue("DELETE FROM articles WHERE id = $1", a.ID)
	batch.Queue(`INSERT INTO articles (id, source, url, title, outlet, byline, dateline, published,
		pub_earliest, pub_latest, pub_method, body, body_hash, simhash, duplicate_of, raw_hash, ingested, doc)
		VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)`,
		a.ID, a.Source, a.URL, a.Title, a.Outlet, a.Byline, a.Dateline, a.Published.Date, a.Published.Earliest,
		a.Published.Latest, a.Published.Method, a.Body, a.BodyHash, int64(a.SimHash), dup, rawHash, a.Ingested, doc)
	batch.Queue("INSERT INTO raw_inputs (article_id, raw) VALUES ($1, $2)", a.ID, raw)
	if a.DuplicateOf != "" {
		return nil // a duplicate's findings are its original's
	}
	queueFindings(batch, a)
	// The clustering leader takes it from here (see leader.go); the row
	// of an article this one replaces no longer joins any article.
	batch.Queue("INSERT INTO cluster_pending (seq, article_id) SELECT seq, id FROM articles WHERE id = $1", a.ID)
	return nil
}

// Quarantine keeps an input that could not be processed.
func (db *DB) Quarantine(ctx context.Context, q storyline.Quarantined) error {
	_, err := db.pool.Exec(ctx, `INSERT INTO quarantine (hash, source, reason, detail, raw) VALUES ($1,$2,$3,$4,$5)
		ON CONFLICT (hash) DO UPDATE SET source = excluded.source, reason = excluded.reason, detail = excluded.detail`,
		q.Hash, q.Source, q.Reason, q.Detail, q.Raw)
	if err != nil {
		return fmt.Errorf("quarantining %s: %w", q.Source, err)
	}
	return nil
}

// Seen reports whether an input with this raw hash was already given.
func (db *DB) Seen(ctx context.Context, rawHash string) (bool, error) {
	var seen bool
	err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE raw_hash = $1)
		OR EXISTS (SELECT 1 FROM quarantine WHERE hash = $1)`, rawHash).Scan(&seen)
	if err != nil {
		return false, fmt.Errorf("looking up input %s: %w", rawHash, err)
	}
	return seen, nil
}

// FindDuplicate finds a stored original with the same body, or one whose
// SimHash differs in at most maxDistance bits.
func (db *DB) FindDuplicate(ctx context.Context, bodyHash string, simhash uint64, maxDistance int) (string, bool, error) {
	return findDuplicate(ctx, db.pool, bodyHash, simhash, maxDistance)
}

// findDuplicate looks for an exact copy first, then for the earliest
// original sharing a SimHash band and within maxDistance bits: the bands
// carry their article's SimHash and order, so the distance is checked in
// the index, without reading any article row.
func findDuplicate(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}, bodyHash string, simhash uint64, maxDistance int) (string, bool, error) {
	var id string
	err := q.QueryRow(ctx, exactQuery, bodyHash).Scan(&id)
	if err == nil {
		return id, true, nil
	}
	if err != pgx.ErrNoRows {
		return "", false, fmt.Errorf("finding duplicates: %w", err)
	}
	b := corpus.Bands(simhash)
	err = q.QueryRow(ctx, nearQuery, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], int64(simhash), maxDistance).Scan(&id)
	switch {
	case err == pgx.ErrNoRows:
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("finding near duplicates: %w", err)
	}
	return id, false, nil
}

const exactQuery = `SELECT id FROM articles WHERE body_hash = $1 AND duplicate_of IS NULL ORDER BY seq LIMIT 1`

// nearQuery reads each band's candidates with an index-only scan.
const nearQuery = `SELECT article_id FROM (
	SELECT article_id, simhash, seq FROM simhash_bands WHERE band = 0 AND value = $1 UNION ALL
	SELECT article_id, simhash, seq FROM simhash_bands WHERE band = 1 AND value = $2 UNION ALL
	SELECT article_id, simhash, seq FROM simhash_bands WHERE band = 2 AND value = $3 UNION ALL
	SELECT article_id, simhash, seq FROM simhash_bands WHERE band = 3 AND value = $4 UNION ALL
	SELECT article_id, simhash, seq FROM simhash_bands WHERE band = 4 AND value = $5 UNION ALL
	SELECT article_id, simhash, seq FROM simhash_bands WHERE band = 5 AND value = $6 UNION ALL
	SELECT article_id, simhash, seq FROM simhash_bands WHERE band = 6 AND value = $7 UNION ALL
	SELECT article_id, simhash, seq FROM simhash_bands WHERE band = 7 AND value = $8
) c WHERE bit_count((simhash # $9)::bit(64)) <= $10 ORDER BY seq LIMIT 1`

// Article returns a stored article as extract printed it.
func (db *DB) Article(ctx context.Context, id string) (*storyline.Article, error) {
	var doc []byte
	var dup *string
	if err := db.pool.QueryRow(ctx, "SELECT doc, duplicate_of FROM articles WHERE id = $1", id).Scan(&doc, &dup); err != nil {
		return nil, notFound(err, "article "+id)
	}
	var a storyline.Article
	if err := json.Unmarshal(doc, &a); err != nil {
		return nil, fmt.Errorf("decoding article %s: %w", id, err)
	}
	if dup != nil {
		a.DuplicateOf = *dup
	}
	return &a, nil
}

// Raw returns the input exactly as it was given.
func (db *DB) Raw(ctx context.Context, id string) ([]byte, error) {
	var raw []byte
	if err := db.pool.QueryRow(ctx, "SELECT raw FROM raw_inputs WHERE article_id = $1", id).Scan(&raw); err != nil {
		return nil, notFound(err, "raw input of "+id)
	}
	return raw, nil
}

// EachArticle streams stored originals in ingest order, a page at a time.
func (db *DB) EachArticle(ctx context.Context, fn func(*storyline.Article) error) error {
	last := int64(0)
	for {
		rows, err := db.pool.Query(ctx, `SELECT seq, doc FROM articles WHERE duplicate_of IS NULL AND seq > $1
			ORDER BY seq LIMIT 500`, last)
		if err != nil {
			return fmt.Errorf("reading articles: %w", err)
		}
		var page []*storyline.Article
		for rows.Next() {
			var doc []byte
			var a storyline.Article
			if err := rows.Scan(&last, &doc); err != nil {
				rows.Close()
				return err
			}
			if err := json.Unmarshal(doc, &a); err != nil {
				rows.Close()
				return fmt.Errorf("decoding article: %w", err)
			}
			page = append(page, &a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, a := range page {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(page) < 500 {
			return nil
		}
	}
}

// Quarantined lists quarantined inputs, newest first.
func (db *DB) Quarantined(ctx context.Context, limit, offset int) ([]storyline.Quarantined, int, error) {
	var total int
	if err := db.pool.QueryRow(ctx, "SELECT count(*) FROM quarantine").Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("listing quarantine: %w", err)
	}
	rows, err := db.pool.Query(ctx, `SELECT hash, source, reason, detail FROM quarantine
		ORDER BY created DESC, hash LIMIT $1 OFFSET $2`, limitOr(limit, 100), offset)
	if err != nil {
		return nil, 0, fmt.Errorf("listing quarantine: %w", err)
	}
	qs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (storyline.Quarantined, error) {
		var q storyline.Quarantined
		err := r.Scan(&q.Hash, &q.Source, &q.Reason, &q.Detail)
		return q, err
	})
	return qs, total, err
}

// noNUL drops NUL characters, which PostgreSQL text cannot hold, from what
// a user typed.
func noNUL(s string) string { return strings.ReplaceAll(s, "\x00", "") }
