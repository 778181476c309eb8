package postgres

import (
	"context"
	"fmt"
	"net/url"

	"github.com/jackc/pgx/v5"
)

// CreateDatabase makes a new, empty database on the server dsn points to
// and returns a URL for it. Benchmarks give each run a database of its own.
func CreateDatabase(ctx context.Context, dsn, name string) (string, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("parsing PostgreSQL URL: %w", err)
	}
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return "", fmt.Errorf("connecting to create database %s: %w", name, err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", fmt.Errorf("creating database %s: %w", name, err)
	}
	u.Path = "/" + name
	return u.String(), nil
}

// DropDatabase removes a database CreateDatabase made; dsn names any other
// database on the same server.
func DropDatabase(ctx context.Context, dsn, name string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return fmt.Errorf("connecting to drop database %s: %w", name, err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)"); err != nil {
		return fmt.Errorf("dropping database %s: %w", name, err)
	}
	return nil
}

// Size is the database's size on disk, in bytes, indexes and all.
func (db *DB) Size(ctx context.Context) (int64, error) {
	var n int64
	if err := db.pool.QueryRow(ctx, "SELECT pg_database_size(current_database())").Scan(&n); err != nil {
		return 0, fmt.Errorf("measuring the database: %w", err)
	}
	return n, nil
}

// Analyze vacuums and analyzes the database, as autovacuum would in time,
// so that sizes and query plans are those of a settled database.
func (db *DB) Analyze(ctx context.Context) error {
	if _, err := db.pool.Exec(ctx, "VACUUM (ANALYZE)"); err != nil {
		return fmt.Errorf("vacuuming the database: %w", err)
	}
	return nil
}

// Activity counts the other sessions on this database by what they are
// doing: "active" or "idle in transaction", and what they wait for
// (Lock:transactionid, IO:WALSync, LWLock:WALWrite...). Sampled while
// workers run, it shows whether they wait on each other.
func (db *DB) Activity(ctx context.Context) (map[string]int, error) {
	rows, err := db.pool.Query(ctx, `SELECT state, coalesce(wait_event_type || ':' || wait_event, 'running')
		FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
		AND backend_type = 'client backend' AND state <> 'idle'`)
	if err != nil {
		return nil, fmt.Errorf("reading server activity: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var state, wait string
		if err := rows.Scan(&state, &wait); err != nil {
			return nil, err
		}
		out[state+" "+wait]++
	}
	return out, rows.Err()
}
