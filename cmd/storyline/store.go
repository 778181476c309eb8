package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/sqlite"
)

// openStore opens the database named by --db: a postgres:// URL or a
// SQLite file path (created if missing).
func (a *app) openStore(ctx context.Context) (storyline.Store, error) {
	if strings.HasPrefix(a.db, "postgres://") || strings.HasPrefix(a.db, "postgresql://") {
		return openPostgres(ctx, a.db)
	}
	db, err := sqlite.Open(ctx, a.db)
	if err != nil {
		return nil, fmt.Errorf("opening %s: %w", a.db, err)
	}
	return db, nil
}
