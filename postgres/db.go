// Package postgres stores storyline's corpus in PostgreSQL, for teams and
// corpora too large for one SQLite file: the same Store as the embedded
// default (one conformance suite runs against both), native full-text
// search, and a job queue that many worker processes share safely.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/storyline-news/storyline"
)

//go:embed migrations/*.sql
var migrations embed.FS

// DB is a storyline store on a PostgreSQL server.
type DB struct {
	pool *pgxpool.Pool
}

var _ storyline.Store = (*DB)(nil)

// Open connects to dsn (a postgres:// URL) and brings the schema up to date.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("parsing PostgreSQL URL: %w", err)
	}
	// Statements are prepared once per connection; a generic plan would
	// serve "clinton" (a third of a corpus) and a rare name alike. Plan each
	// execution for its own values.
	if _, set := cfg.ConnConfig.RuntimeParams["plan_cache_mode"]; !set {
		cfg.ConnConfig.RuntimeParams["plan_cache_mode"] = "force_custom_plan"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connecting to PostgreSQL: %w", err)
	}
	db := &DB{pool: pool}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// Close releases the connections.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// migrate applies every embedded migration not applied yet, each in its own
// transaction, under an advisory lock so that workers starting together
// do not race.
func (db *DB) migrate(ctx context.Context) error {
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	defer conn.Release()
	const lockKey = 7261535
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", lockKey); err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", lockKey) //nolint:errcheck
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY)`); err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := applyMigration(ctx, conn.Conn(), name); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

func applyMigration(ctx context.Context, conn *pgx.Conn, name string) error {
	version := strings.TrimSuffix(strings.TrimPrefix(name, "migrations/"), ".sql")
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM schema_migrations WHERE version = $1", version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	sql, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, string(sql)); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version) VALUES ($1)", version)
		return err
	})
}

// Stats counts what the store holds. Only originals keep quotes and
// entity forms (see queueSave), so those are counted without a join.
func (db *DB) Stats(ctx context.Context) (storyline.Stats, error) {
	s := storyline.Stats{Schema: storyline.Schema, ByReason: map[string]int{}}
	err := db.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM articles WHERE duplicate_of IS NULL),
		(SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL),
		(SELECT count(*) FROM quarantine),
		(SELECT count(*) FROM quotes),
		(SELECT count(DISTINCT entity_id) FROM entity_forms),
		(SELECT count(*) FROM events),
		(SELECT count(*) FROM storylines)`).
		Scan(&s.Articles, &s.Duplicates, &s.Quarantined, &s.Quotes, &s.Entities, &s.Events, &s.Storylines)
	if err != nil {
		return s, fmt.Errorf("counting: %w", err)
	}
	rows, err := db.pool.Query(ctx, "SELECT reason, count(*) FROM quarantine GROUP BY reason")
	if err != nil {
		return s, fmt.Errorf("counting quarantine: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var reason string
		var n int
		if err := rows.Scan(&reason, &n); err != nil {
			return s, err
		}
		s.ByReason[reason] = n
	}
	return s, rows.Err()
}

// Check verifies the stored data holds together: every derived row points
// at a stored article and every duplicate at a stored original.
func (db *DB) Check(ctx context.Context) error {
	var orphans int
	err := db.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM articles a WHERE a.duplicate_of IS NOT NULL
		   AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.id = a.duplicate_of)) +
		(SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM raw_inputs r WHERE r.article_id = a.id))`).Scan(&orphans)
	if err != nil {
		return fmt.Errorf("checking: %w", err)
	}
	if orphans > 0 {
		return fmt.Errorf("checking: %d articles without their raw input or original", orphans)
	}
	return nil
}

func notFound(err error, what string) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, storyline.ErrNotFound)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func limitOr(limit, def int) int {
	if limit <= 0 {
		return def
	}
	return limit
}
