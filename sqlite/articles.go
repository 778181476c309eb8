package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// The statements storing an article, prepared once when the file is
// opened (see DB.exec).
const (
	insertArticle = `INSERT INTO articles (id, source, url, title, outlet, byline, dateline, published,
		pub_earliest, pub_latest, pub_method, body, body_hash, simhash, duplicate_of, raw_hash, ingested, doc)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`
	insertRaw         = "INSERT INTO raw_inputs (article_id, raw) VALUES (?, ?)"
	deleteSearchEntry = "DELETE FROM articles_fts WHERE rowid = ?"
	deleteArticleRow  = "DELETE FROM articles WHERE id = ?"
)

var articleWrites = append([]string{selectReplaced, insertArticle, insertRaw, deleteSearchEntry, deleteArticleRow}, batchWrites...)

// selectReplaced reads what an article about to be replaced holds.
const selectReplaced = `SELECT seq, duplicate_of IS NOT NULL, EXISTS (SELECT 1 FROM entity_forms WHERE article_id = ?1),
	EXISTS (SELECT 1 FROM quotes WHERE article_id = ?1) FROM articles WHERE id = ?1`

// SaveArticle stores an article, its raw input and everything derived from
// it in one transaction, replacing an article with the same id.
func (db *DB) SaveArticle(ctx context.Context, a *storyline.Article, raw []byte, rawHash string) error {
	return db.SaveArticles(ctx, []storyline.StoredArticle{{Article: a, Raw: raw, RawHash: rawHash}})
}

// SaveArticles stores articles in order in one transaction, each as
// SaveArticle would: all of them or, on an error, none. A transaction
// costs about a third of what storing an article does (its commit writes
// the pages it touched and flushes the full-text indexes), so a batch
// shares that cost out.
func (db *DB) SaveArticles(ctx context.Context, batch []storyline.StoredArticle) error {
	if len(batch) == 0 {
		return nil
	}
	docs := make([]string, len(batch))
	for i, s := range batch {
		if s.Article == nil {
			return fmt.Errorf("storing articles: item %d of %d has no article", i, len(batch))
		}
		doc, err := json.Marshal(s.Article)
		if err != nil {
			return fmt.Errorf("encoding article %s: %w", s.Article.ID, err)
		}
		docs[i] = string(doc)
		if s.Article.Ingested.IsZero() {
			s.Article.Ingested = time.Now().UTC()
		}
	}
	var failed string
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		p := db.newUnwritten()
		for i, s := range batch {
			if err := db.saveArticle(ctx, tx, p, s.Article, s.Raw, s.RawHash, docs[i]); err != nil {
				failed = s.Article.ID
				return err
			}
		}
		return p.write(ctx, db, tx)
	})
	switch {
	case err != nil && failed != "":
		return fmt.Errorf("storing article %s: %w", failed, err)
	case err != nil && len(batch) == 1:
		return fmt.Errorf("storing article %s: %w", batch[0].Article.ID, err)
	case err != nil:
		return fmt.Errorf("storing %d articles: %w", len(batch), err)
	}
	return nil
}

// saveArticle stores one article in tx, in place of one with the same id;
// its findings join those pending.
func (db *DB) saveArticle(ctx context.Context, tx *sql.Tx, p *unwritten, a *storyline.Article, raw []byte, rawHash, doc string) error {
	if raw == nil {
		raw = []byte{}
	}
	if err := db.deleteArticle(ctx, tx, p, a.ID); err != nil {
		return err
	}
	var dup any
	if a.DuplicateOf != "" {
		dup = a.DuplicateOf
	}
	res, err := db.exec(ctx, tx, insertArticle,
		a.ID, a.Source, a.URL, a.Title, a.Outlet, a.Byline, a.Dateline, a.Published.Date, a.Published.Earliest,
		a.Published.Latest, a.Published.Method, a.Body, a.BodyHash, int64(a.SimHash), dup, rawHash,
		a.Ingested.Format(time.RFC3339Nano), doc)
	if err != nil {
		return err
	}
	if _, err := db.exec(ctx, tx, insertRaw, a.ID, raw); err != nil {
		return err
	}
	if a.DuplicateOf != "" {
		return nil // a duplicate's findings are its original's
	}
	seq, err := res.LastInsertId()
	if err != nil {
		return err
	}
	p.add(a, seq)
	return nil
}

// deleteArticle removes an article and its search entry, and takes its
// findings out of the views; foreign keys remove the rest. What is pending
// is written first: the article may be one of them, and the views must
// hold what is taken out of them.
func (db *DB) deleteArticle(ctx context.Context, tx *sql.Tx, p *unwritten, id string) error {
	var seq int64
	var dup bool
	var has findings
	read := func() error {
		return db.queryRow(ctx, tx, selectReplaced, id).Scan(&seq, &dup, &has.forms, &has.quotes)
	}
	err := read()
	if err == nil && !p.empty() {
		if err := p.write(ctx, db, tx); err != nil {
			return err
		}
		err = read()
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if db.viewsInGo && !dup {
		if err := db.removeFromViews(ctx, tx, id, has); err != nil {
			return err
		}
	}
	if _, err := db.exec(ctx, tx, deleteSearchEntry, seq); err != nil {
		return err
	}
	_, err = db.exec(ctx, tx, deleteArticleRow, id)
	return err
}

// Quarantine keeps an input that could not be processed.
func (db *DB) Quarantine(ctx context.Context, q storyline.Quarantined) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO quarantine (hash, source, reason, detail, raw, created) VALUES (?,?,?,?,?,?)
		ON CONFLICT (hash) DO UPDATE SET source = excluded.source, reason = excluded.reason, detail = excluded.detail`,
		q.Hash, q.Source, q.Reason, q.Detail, q.Raw, time.Now().UTC().Format(time.RFC3339Nano))
	if err != nil {
		return fmt.Errorf("quarantining %s: %w", q.Source, err)
	}
	return nil
}

// Seen reports whether an input with this raw hash was already given.
func (db *DB) Seen(ctx context.Context, rawHash string) (bool, error) {
	var seen bool
	err := db.read.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE raw_hash = ?1)
		OR EXISTS (SELECT 1 FROM quarantine WHERE hash = ?1)`, rawHash).Scan(&seen)
	if err != nil {
		return false, fmt.Errorf("looking up input %s: %w", rawHash, err)
	}
	return seen, nil
}

// FindDuplicate finds a stored original with the same body, or one whose
// SimHash differs in at most maxDistance bits. It reads through the writer
// so that it sees what the same ingest stored a moment ago.
func (db *DB) FindDuplicate(ctx context.Context, bodyHash string, simhash uint64, maxDistance int) (string, bool, error) {
	var id string
	err := db.write.QueryRowContext(ctx, `SELECT id FROM articles WHERE body_hash = ? AND duplicate_of IS NULL
		ORDER BY seq LIMIT 1`, bodyHash).Scan(&id)
	if err == nil {
		return id, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", false, fmt.Errorf("finding duplicates: %w", err)
	}
	b := corpus.Bands(simhash)
	rows, err := db.write.QueryContext(ctx, `SELECT DISTINCT a.id, a.simhash, a.seq FROM simhash_bands s
		JOIN articles a ON a.id = s.article_id
		WHERE ((s.band = 0 AND s.value = ?) OR (s.band = 1 AND s.value = ?) OR (s.band = 2 AND s.value = ?) OR (s.band = 3 AND s.value = ?)
		   OR (s.band = 4 AND s.value = ?) OR (s.band = 5 AND s.value = ?) OR (s.band = 6 AND s.value = ?) OR (s.band = 7 AND s.value = ?))
		  AND a.duplicate_of IS NULL ORDER BY a.seq`, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7])
	if err != nil {
		return "", false, fmt.Errorf("finding near duplicates: %w", err)
	}
	defer rows.Close()
	near, err := corpus.FirstNear(rows, simhash, maxDistance)
	return near, false, err
}

// Article returns a stored article as extract printed it.
func (db *DB) Article(ctx context.Context, id string) (*storyline.Article, error) {
	var doc string
	var dup sql.NullString
	if err := db.read.QueryRowContext(ctx, "SELECT doc, duplicate_of FROM articles WHERE id = ?", id).Scan(&doc, &dup); err != nil {
		return nil, notFound(err, "article "+id)
	}
	var a storyline.Article
	if err := json.Unmarshal([]byte(doc), &a); err != nil {
		return nil, fmt.Errorf("decoding article %s: %w", id, err)
	}
	a.DuplicateOf = dup.String
	return &a, nil
}

// Raw returns the input exactly as it was given.
func (db *DB) Raw(ctx context.Context, id string) ([]byte, error) {
	var raw []byte
	if err := db.read.QueryRowContext(ctx, "SELECT raw FROM raw_inputs WHERE article_id = ?", id).Scan(&raw); err != nil {
		return nil, notFound(err, "raw input of "+id)
	}
	return raw, nil
}

// EachArticle streams stored originals in ingest order, a page at a time,
// so no read stays open while fn works.
func (db *DB) EachArticle(ctx context.Context, fn func(*storyline.Article) error) error {
	const page = 500
	last := int64(0)
	for {
		rows, err := db.read.QueryContext(ctx, `SELECT seq, doc FROM articles WHERE duplicate_of IS NULL AND seq > ?
			ORDER BY seq LIMIT ?`, last, page)
		if err != nil {
			return fmt.Errorf("reading articles: %w", err)
		}
		var batch []*storyline.Article
		for rows.Next() {
			var doc string
			a := &storyline.Article{}
			if err := rows.Scan(&last, &doc); err != nil {
				rows.Close()
				return err
			}
			if err := json.Unmarshal([]byte(doc), a); err != nil {
				rows.Close()
				return fmt.Errorf("decoding article: %w", err)
			}
			batch = append(batch, a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, a := range batch {
			if err := fn(a); err != nil {
				return err
			}
		}
		if len(batch) < page {
			return nil
		}
	}
}

// Quarantined lists quarantined inputs, newest first.
func (db *DB) Quarantined(ctx context.Context, limit, offset int) ([]storyline.Quarantined, int, error) {
	var total int
	if err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM quarantine").Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("listing quarantine: %w", err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT hash, source, reason, detail FROM quarantine
		ORDER BY created DESC, hash LIMIT ? OFFSET ?`, limitOr(limit, 100), max(offset, 0))
	if err != nil {
		return nil, 0, fmt.Errorf("listing quarantine: %w", err)
	}
	defer rows.Close()
	var qs []storyline.Quarantined
	for rows.Next() {
		var q storyline.Quarantined
		if err := rows.Scan(&q.Hash, &q.Source, &q.Reason, &q.Detail); err != nil {
			return nil, 0, err
		}
		qs = append(qs, q)
	}
	return qs, total, rows.Err()
}

// ftsQuery turns what a user typed into a safe FTS5 query: every word and
// "quoted phrase" becomes a quoted FTS5 string, so no input can be FTS5
// syntax (NEAR, *, column filters) or break the query.
func ftsQuery(text string) string {
	var terms []string
	for _, part := range splitPhrases(text) {
		words := strings.FieldsFunc(part, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(words) > 0 {
			terms = append(terms, `"`+strings.Join(words, " ")+`"`)
		}
	}
	return strings.Join(terms, " ")
}

// splitPhrases splits text at spaces outside double quotes.
func splitPhrases(text string) []string {
	var out []string
	inQuote := false
	start := 0
	for i, r := range text {
		switch {
		case r == '"':
			out = append(out, text[start:i])
			start, inQuote = i+1, !inQuote
		case unicode.IsSpace(r) && !inQuote:
			out = append(out, text[start:i])
			start = i + len(string(r))
		}
	}
	return append(out, text[start:])
}
