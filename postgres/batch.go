package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
)

// SaveArticles stores articles in order in one transaction, each as
// SaveArticle does: all of them or none.
func (db *DB) SaveArticles(ctx context.Context, articles []storyline.StoredArticle) error {
	if len(articles) == 0 {
		return nil
	}
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		for _, s := range articles {
			batch := &pgx.Batch{}
			if err := queueSave(batch, s.Article, s.Raw, s.RawHash); err != nil {
				return err
			}
			if err := tx.SendBatch(ctx, batch).Close(); err != nil {
				return fmt.Errorf("storing article %s: %w", s.Article.ID, err)
			}
		}
		return nil
	})
}
