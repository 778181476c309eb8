// Package sqlite stores storyline's corpus in one SQLite file: the embedded
// default, with zero setup. It uses the pure-Go modernc.org/sqlite driver
// (FTS5 for search, WAL so readers never wait for the writer).
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"slices"
	"sort"
	"strings"

	_ "modernc.org/sqlite" // the database/sql driver "sqlite"

	"github.com/storyline-news/storyline"
)

//go:embed migrations/*.sql
var migrations embed.FS

// readers is the size of the pool of read connections: a few per core, so
// that a slow query does not hold up quick ones behind it.
const readers = 8

// readerMmap is how much of the file each reader maps (virtual memory:
// pages are shared with the operating system's cache, not copied).
const readerMmap = 1 << 34

// DB is a storyline store in one SQLite file.
type DB struct {
	path     string
	read     *sql.DB // a pool of readers
	write    *sql.DB // one connection: SQLite has one writer at a time
	memo     *memo
	prepared map[string]*sql.Stmt // on write, by query text; fixed once opened
	// viewsInGo is set once 0008 has replaced the triggers that kept the
	// views: the store then keeps them (views.go). A file opened at an
	// older version, as tests make one, is written as that version did.
	viewsInGo bool
}

var _ storyline.Store = (*DB)(nil)

// Open opens (creating if needed) the database file at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	return openUpTo(ctx, path, "")
}

// openUpTo opens the file with migrations applied up to and including
// last ("" for all): tests use it to make a file as an older version left it.
func openUpTo(ctx context.Context, path, last string) (*DB, error) {
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=temp_store(2)&_txlock=immediate"
	write, err := sql.Open("sqlite", dsn+"&_pragma=cache_size(-65536)")
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	db := &DB{path: path, write: write, memo: newMemo(4096), prepared: map[string]*sql.Stmt{}}
	if err := db.migrate(ctx, last); err != nil {
		write.Close()
		return nil, err
	}
	if err := write.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?)",
		viewsMigration).Scan(&db.viewsInGo); err != nil {
		write.Close()
		return nil, fmt.Errorf("reading the schema version of %s: %w", path, err)
	}
	if err := db.prepareWrites(ctx); err != nil {
		write.Close()
		return nil, err
	}
	// Readers map the file rather than copy pages through read calls, and
	// keep a larger page cache each; the pool stays open: a new SQLite
	// connection parses the whole schema before its first query.
	readDSN := dsn + "&_pragma=query_only(1)&_pragma=mmap_size(" + fmt.Sprint(readerMmap) + ")&_pragma=cache_size(-16384)"
	if db.read, err = sql.Open("sqlite", readDSN); err != nil {
		write.Close()
		return nil, fmt.Errorf("opening %s: %w", path, err)
	}
	db.read.SetMaxOpenConns(readers)
	db.read.SetMaxIdleConns(readers)
	return db, nil
}

// Close closes the file.
func (db *DB) Close() error {
	errs := []error{db.read.Close()}
	for _, st := range db.prepared {
		errs = append(errs, st.Close())
	}
	return errors.Join(append(errs, db.write.Close())...)
}

// Check runs SQLite's integrity check and the store's own: every article
// keeps its raw input and every duplicate its original.
func (db *DB) Check(ctx context.Context) error {
	var result string
	if err := db.write.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&result); err != nil {
		return fmt.Errorf("checking %s: %w", db.path, err)
	}
	if result != "ok" {
		return fmt.Errorf("checking %s: %s", db.path, result)
	}
	var orphans int
	err := db.write.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles a WHERE a.duplicate_of IS NOT NULL
		   AND NOT EXISTS (SELECT 1 FROM articles o WHERE o.id = a.duplicate_of)) +
		(SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM raw_inputs r WHERE r.article_id = a.id)) +
		(SELECT count(*) FROM articles a WHERE a.duplicate_of IS NULL
		   AND NOT EXISTS (SELECT 1 FROM articles_fts f WHERE f.rowid = a.seq))`).Scan(&orphans)
	if err != nil {
		return fmt.Errorf("checking %s: %w", db.path, err)
	}
	if orphans > 0 {
		return fmt.Errorf("checking %s: %d articles without raw input, original or search entry", db.path, orphans)
	}
	return nil
}

func (db *DB) migrate(ctx context.Context, last string) error {
	if _, err := db.write.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY)"); err != nil {
		return fmt.Errorf("migrating %s: %w", db.path, err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		version := strings.TrimSuffix(strings.TrimPrefix(name, "migrations/"), ".sql")
		if last != "" && version > last {
			break
		}
		err := db.inTx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", version).Scan(&n); err != nil || n > 0 {
				return err
			}
			script, err := migrations.ReadFile(name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, string(script)); err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, "INSERT INTO schema_migrations (version) VALUES (?)", version)
			return err
		})
		if err != nil {
			return fmt.Errorf("migrating %s to %s: %w", db.path, version, err)
		}
	}
	return nil
}

// prepareWrites prepares the statements that store articles, once: an
// insert into a table with triggers compiles every trigger body, which
// costs more than running it. They cannot be prepared on first use: the
// one write connection is then held by the transaction.
func (db *DB) prepareWrites(ctx context.Context) error {
	writes := articleWrites
	if db.viewsInGo {
		writes = append(slices.Clip(writes), viewWrites...)
	}
	for _, q := range writes {
		st, err := db.write.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("preparing writes to %s: %w", db.path, err)
		}
		db.prepared[q] = st
	}
	return nil
}

// exec runs a write statement in tx, prepared if it is one of the
// article writes.
func (db *DB) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if st, ok := db.prepared[query]; ok {
		return tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}

// queryRow runs a query in tx, prepared if it is one of the article
// writes.
func (db *DB) queryRow(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	if st, ok := db.prepared[query]; ok {
		return tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return tx.QueryRowContext(ctx, query, args...)
}

// inTx runs fn in a write transaction, committed only if fn succeeds.
func (db *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Stats counts what the store holds, from the counts the triggers keep.
func (db *DB) Stats(ctx context.Context) (storyline.Stats, error) {
	s := storyline.Stats{Schema: storyline.Schema, ByReason: map[string]int{}}
	rows, err := db.read.QueryContext(ctx, "SELECT name, n FROM corpus_counts")
	if err != nil {
		return s, fmt.Errorf("counting: %w", err)
	}
	counts := map[string]*int{"articles": &s.Articles, "duplicates": &s.Duplicates, "quarantined": &s.Quarantined,
		"quotes": &s.Quotes, "entities": &s.Entities, "events": &s.Events, "storylines": &s.Storylines}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			rows.Close()
			return s, fmt.Errorf("counting: %w", err)
		}
		if p := counts[name]; p != nil {
			*p = n
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s, fmt.Errorf("counting: %w", err)
	}
	if s.Quarantined == 0 {
		return s, nil
	}
	rows, err = db.read.QueryContext(ctx, "SELECT reason, count(*) FROM quarantine GROUP BY reason")
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

// Generation changes with every write to the corpus, by this process or
// another, so an answer kept under one generation is true for as long as
// it is current.
func (db *DB) Generation(ctx context.Context) (int64, error) {
	var g int64
	if err := db.read.QueryRowContext(ctx, "SELECT n FROM corpus_counts WHERE name = 'generation'").Scan(&g); err != nil {
		return 0, fmt.Errorf("reading the generation of %s: %w", db.path, err)
	}
	return g, nil
}

func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
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
