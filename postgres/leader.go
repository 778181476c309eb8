package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
)

// Clusterer is what the leader feeds articles to; cluster.Clusterer is one.
type Clusterer interface {
	Add(a *storyline.Article) string
	Changed() ([]storyline.Event, []storyline.Storyline)
}

// clusterLockKey is the session advisory lock whose holder leads the
// clustering (the migrations' lock is 7261535).
const clusterLockKey = 7261536

// Leader is the one process that clusters what every worker stores.
// Clustering is incremental and depends on the order articles come in, so
// two processes clustering at once would each miss the other's events.
// The leader holds a session advisory lock on a connection of its own and
// writes every cluster result on that connection: if the process dies or
// loses the connection, the lock goes with the session, any transaction
// in flight is rolled back, and another process can take the lead, so
// no result is ever written by a process that is no longer the leader.
type Leader struct {
	conn         *pgx.Conn
	newClusterer func() Clusterer
	// c holds the events and storylines of every article logged up to
	// logged, or is nil and rebuilt from the log before the next pass: a
	// pass that fails leaves it ahead of the database.
	c      Clusterer
	logged int64
	// Replayed counts the articles replayed to rebuild the clusterer, the
	// last time it was, and ReplayTook is how long that took.
	Replayed   int
	ReplayTook time.Duration
}

// TryLead takes the lead of the clustering if no other process holds it,
// and returns nil (and no error) if one does. newClusterer makes the empty
// clusterer the log is replayed into. The caller closes the leader.
func (db *DB) TryLead(ctx context.Context, newClusterer func() Clusterer) (*Leader, error) {
	pc, err := db.pool.Acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("connecting to lead the clustering: %w", err)
	}
	var got bool
	if err := pc.QueryRow(ctx, "SELECT pg_try_advisory_lock($1)", clusterLockKey).Scan(&got); err != nil {
		pc.Release()
		return nil, fmt.Errorf("trying the clustering lock: %w", err)
	}
	if !got {
		pc.Release()
		return nil, nil
	}
	// The connection leaves the pool, so that the lock is never held by a
	// pooled session serving something else: closing it frees the lock.
	return &Leader{conn: pc.Hijack(), newClusterer: newClusterer}, nil
}

// Close gives up the lead: it unlocks, so that another process may lead
// at once (a closed session's locks are freed only once its server
// process has exited), then closes the session, which frees the lock
// whatever became of the unlock.
func (l *Leader) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, unlockErr := l.conn.Exec(ctx, "SELECT pg_advisory_unlock($1)", clusterLockKey)
	if err := l.conn.Close(ctx); err != nil {
		return fmt.Errorf("closing the leader's session: %w", err)
	}
	if unlockErr != nil {
		return fmt.Errorf("giving up the clustering lock: %w", unlockErr)
	}
	return nil
}

// ClusterPending clusters up to limit of the originals stored and not yet
// clustered, in stored order, and reports how many it took. Their events
// and storylines, their removal from the pending list and their place in
// the log are written in one transaction: a leader killed in the middle
// leaves the pass undone, for the next leader to do whole.
func (l *Leader) ClusterPending(ctx context.Context, limit int) (int, error) {
	if l.c == nil {
		if err := l.replay(ctx); err != nil {
			return 0, err
		}
	}
	n, err := l.clusterPass(ctx, limit)
	if err != nil {
		l.c = nil // ahead of what was committed, or of nothing: rebuilt next time
		return 0, err
	}
	return n, nil
}

func (l *Leader) clusterPass(ctx context.Context, limit int) (int, error) {
	n, logged := 0, 0
	err := pgx.BeginFunc(ctx, l.conn, func(tx pgx.Tx) error {
		// An article replaced since it was stored has a new seq: the old row
		// of the pending list joins no article and is dropped.
		rows, err := tx.Query(ctx, `SELECT p.seq, p.article_id, a.doc FROM cluster_pending p
			LEFT JOIN articles a ON a.seq = p.seq AND a.duplicate_of IS NULL ORDER BY p.seq LIMIT $1`, limit)
		if err != nil {
			return fmt.Errorf("reading the articles to cluster: %w", err)
		}
		// Each article is placed as it is read, so that a pass holds one
		// article at a time, however large they are.
		var taken, seqs []int64
		var ids []string
		for rows.Next() {
			var seq int64
			var id string
			var doc []byte
			if err := rows.Scan(&seq, &id, &doc); err != nil {
				rows.Close()
				return fmt.Errorf("reading the articles to cluster: %w", err)
			}
			taken = append(taken, seq)
			if doc == nil {
				continue
			}
			var a storyline.Article
			if err := json.Unmarshal(doc, &a); err != nil {
				rows.Close()
				return fmt.Errorf("decoding article %s to cluster: %w", id, err)
			}
			l.c.Add(&a)
			seqs, ids = append(seqs, seq), append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("reading the articles to cluster: %w", err)
		}
		if len(taken) == 0 {
			return nil
		}
		events, storylines := l.c.Changed()
		batch := &pgx.Batch{}
		queueStorylineRows(batch, storylines)
		queueEventRows(batch, events)
		batch.Queue("DELETE FROM cluster_pending WHERE seq = ANY($1)", taken)
		batch.Queue(`INSERT INTO cluster_log (cluster_seq, article_seq, article_id)
			SELECT $1 + u.n, u.seq, u.id FROM unnest($2::bigint[], $3::text[]) WITH ORDINALITY AS u(seq, id, n)`,
			l.logged, seqs, ids)
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("saving events and storylines: %w", err)
		}
		n, logged = len(taken), len(seqs)
		return nil
	})
	if err != nil {
		return 0, err
	}
	l.logged += int64(logged)
	return n, nil
}

// replay rebuilds the clusterer from the log, in the order its articles
// were clustered, so that it holds what the last leader held.
func (l *Leader) replay(ctx context.Context) error {
	start := time.Now()
	c := l.newClusterer()
	var logged int64
	if err := l.conn.QueryRow(ctx, "SELECT coalesce(max(cluster_seq), 0) FROM cluster_log").Scan(&logged); err != nil {
		return fmt.Errorf("reading the cluster log: %w", err)
	}
	replayed := 0
	for last := int64(0); last < logged; {
		rows, err := l.conn.Query(ctx, `SELECT l.cluster_seq, a.doc FROM cluster_log l
			JOIN articles a ON a.id = l.article_id AND a.duplicate_of IS NULL
			WHERE l.cluster_seq > $1 AND l.cluster_seq <= $2 ORDER BY l.cluster_seq LIMIT 500`, last, logged)
		if err != nil {
			return fmt.Errorf("replaying the cluster log: %w", err)
		}
		// The join comes before the limit: no row means no article is left
		// to replay, even if log rows are (their articles were deleted).
		next := logged
		n := 0
		for rows.Next() {
			var doc []byte
			var a storyline.Article
			if err := rows.Scan(&next, &doc); err != nil {
				rows.Close()
				return fmt.Errorf("replaying the cluster log: %w", err)
			}
			if err := json.Unmarshal(doc, &a); err != nil {
				rows.Close()
				return fmt.Errorf("decoding an article of the cluster log: %w", err)
			}
			c.Add(&a) // as it is read: one article held at a time
			n++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("replaying the cluster log: %w", err)
		}
		replayed += n
		last = next
	}
	c.Changed() // what the log holds is saved already
	l.c, l.logged, l.Replayed, l.ReplayTook = c, logged, replayed, time.Since(start)
	return nil
}

// ShiftsDue lists up to limit of the articles clustered whose speakers'
// shifts are not recomputed yet, and the log position the last of them
// has, to be given to SaveShifts.
func (l *Leader) ShiftsDue(ctx context.Context, limit int) ([]string, int64, error) {
	rows, err := l.conn.Query(ctx, `SELECT l.cluster_seq, l.article_id FROM cluster_log l, cluster_state s
		WHERE l.cluster_seq > s.shifted ORDER BY l.cluster_seq LIMIT $1`, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("listing the articles whose shifts are due: %w", err)
	}
	defer rows.Close()
	var ids []string
	var upto int64
	for rows.Next() {
		var id string
		if err := rows.Scan(&upto, &id); err != nil {
			return nil, 0, fmt.Errorf("listing the articles whose shifts are due: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, upto, rows.Err()
}

// SaveShifts replaces every stored shift and records that the articles
// logged up to upto are accounted for, in one transaction: a leader
// killed before it commits leaves them due, and they are done again.
func (l *Leader) SaveShifts(ctx context.Context, shifts []storyline.Shift, upto int64) error {
	return pgx.BeginFunc(ctx, l.conn, func(tx pgx.Tx) error {
		batch := &pgx.Batch{}
		if err := queueShifts(batch, shifts); err != nil {
			return err
		}
		batch.Queue("UPDATE cluster_state SET shifted = $1 WHERE shifted < $1", upto)
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("saving shifts: %w", err)
		}
		return nil
	})
}

// QuotedSpeakers lists the speakers quoted in the given articles (entity
// and name as the quotes give them), in one statement however many
// articles a pass of the leader covers.
func (db *DB) QuotedSpeakers(ctx context.Context, articles []string) ([]storyline.Speaker, error) {
	rows, err := db.pool.Query(ctx, `SELECT DISTINCT speaker_entity, speaker_name FROM quotes WHERE article_id = ANY($1)`, articles)
	if err != nil {
		return nil, fmt.Errorf("listing the speakers quoted: %w", err)
	}
	speakers, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (storyline.Speaker, error) {
		var s storyline.Speaker
		err := r.Scan(&s.Entity, &s.Name)
		return s, err
	})
	if err != nil {
		return nil, fmt.Errorf("listing the speakers quoted: %w", err)
	}
	return speakers, nil
}

// QuotesBySpeakers lists, in date order as Quotes does, every quote said
// by one of the given entities, or, unresolved to any entity, under one of
// the given names (lower-case). It reads the quotes of many speakers in one
// statement, where a Quotes call per speaker costs some six statements:
// the leader recomputes the shifts of thousands of speakers after a
// large ingest.
func (db *DB) QuotesBySpeakers(ctx context.Context, entities, names []string) ([]storyline.QuoteRecord, error) {
	rows, err := db.pool.Query(ctx, `SELECT q.doc, q.article_id, a.outlet, a.published FROM quotes q
		JOIN articles a ON a.id = q.article_id
		WHERE q.speaker_entity = ANY($1) OR q.speaker_entity = '' AND lower(q.speaker_name) = ANY($2)
		ORDER BY q.day, q.seq, q.idx`, nonNil(entities), nonNil(names))
	if err != nil {
		return nil, fmt.Errorf("reading the quotes of the speakers due: %w", err)
	}
	quotes, err := pgx.CollectRows(rows, quoteRecord)
	if err != nil {
		return nil, fmt.Errorf("reading the quotes of the speakers due: %w", err)
	}
	return quotes, nil
}

// Shifted records that the articles logged up to upto quote no speaker
// whose shifts could change.
func (l *Leader) Shifted(ctx context.Context, upto int64) error {
	if _, err := l.conn.Exec(ctx, "UPDATE cluster_state SET shifted = $1 WHERE shifted < $1", upto); err != nil {
		return fmt.Errorf("recording the shifts done: %w", err)
	}
	return nil
}

// LastStored is the seq of the last article stored (0 for none): what a
// draining process waits to see settled.
func (db *DB) LastStored(ctx context.Context) (int64, error) {
	var seq int64
	if err := db.pool.QueryRow(ctx, "SELECT coalesce(max(seq), 0) FROM articles").Scan(&seq); err != nil {
		return 0, fmt.Errorf("reading the last stored article: %w", err)
	}
	return seq, nil
}

// Settled reports whether every original stored up to seq upto is
// clustered and its speakers' shifts recomputed. Articles stored after
// it, and those of other workers still in flight, are theirs to wait for.
func (db *DB) Settled(ctx context.Context, upto int64) (bool, error) {
	var settled bool
	err := db.pool.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM cluster_pending WHERE seq <= $1)
		AND NOT EXISTS (SELECT 1 FROM cluster_log l, cluster_state s WHERE l.cluster_seq > s.shifted AND l.article_seq <= $1)`,
		upto).Scan(&settled)
	if err != nil {
		return false, fmt.Errorf("checking the clustering: %w", err)
	}
	return settled, nil
}

// Queued counts the jobs not settled yet, those being worked on included.
func (db *DB) Queued(ctx context.Context) (int, error) {
	var n int
	if err := db.pool.QueryRow(ctx, "SELECT count(*) FROM jobs WHERE state = 'queued'").Scan(&n); err != nil {
		return 0, fmt.Errorf("counting queued jobs: %w", err)
	}
	return n, nil
}

// ClusterBacklog counts the originals waiting for the leader and the
// clustered articles whose shifts are due.
func (db *DB) ClusterBacklog(ctx context.Context) (pending, shiftsDue int, err error) {
	err = db.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM cluster_pending),
		(SELECT count(*) FROM cluster_log l, cluster_state s WHERE l.cluster_seq > s.shifted)`).Scan(&pending, &shiftsDue)
	if err != nil {
		err = fmt.Errorf("counting the clustering backlog: %w", err)
	}
	return pending, shiftsDue, err
}
