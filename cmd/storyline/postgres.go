package main

import (
	"context"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/postgres"
)

func openPostgres(ctx context.Context, dsn string) (storyline.Store, error) {
	return postgres.Open(ctx, dsn)
}
