package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// MaxAttempts is how many times a job may be claimed before it is taken
// for a poison input (its workers keep dying) and quarantined.
const MaxAttempts = 3

// Job outcomes.
const (
	JobIngested    = "ingested"
	JobDuplicate   = "duplicate"
	JobQuarantined = "quarantined"
)

// jobInput is what a job keeps of an input besides its raw bytes.
type jobInput struct {
	ID, Source, Format, URL, Title, Outlet, Published, Group, Encoding string
	Text                                                               string // decoded: a JSONL line's raw bytes are JSON
}

// Enqueue queues an input for the workers. It reports false when an input
// with the same raw hash is already queued, stored or quarantined.
// The check for an input stored or quarantined before is part of the
// insert: one round trip per input.
func (db *DB) Enqueue(ctx context.Context, in *storyline.Input, rawHash string) (bool, error) {
	meta, err := json.Marshal(jobInput{ID: in.ID, Source: in.Source, Format: string(in.Format), URL: in.URL,
		Title: in.Title, Outlet: in.Outlet, Published: in.Published, Group: in.Group, Encoding: in.Encoding, Text: in.Text})
	if err != nil {
		return false, err
	}
	tag, err := db.pool.Exec(ctx, `INSERT INTO jobs (raw_hash, input, raw) SELECT $1, $2, $3
		WHERE NOT EXISTS (SELECT 1 FROM articles WHERE raw_hash = $1) AND NOT EXISTS (SELECT 1 FROM quarantine WHERE hash = $1)
		ON CONFLICT (raw_hash) DO NOTHING`, rawHash, meta, in.Raw)
	if err != nil {
		return false, fmt.Errorf("queueing %s: %w", in.Source, err)
	}
	return tag.RowsAffected() == 1, nil
}

// Processor turns a queued input into an article (cleaned, annotated and
// fingerprinted), or fails with an error naming the input.
type Processor func(ctx context.Context, in *storyline.Input) (*storyline.Article, error)

// WorkOne claims one queued job and settles it. The claim is a row lock
// (FOR NO KEY UPDATE SKIP LOCKED, so the attempt log may still point at
// the row) held by the transaction that also stores the result, so no job
// is done twice, and a worker killed mid-article leaves nothing
// half-written: its transaction dies with its connection and the job is
// claimed again. It reports the job's source and outcome, or
// claimed=false when no job is waiting. A job takes six round trips to the
// server, whatever the article holds.
//
// A transaction the server aborts to break a deadlock or a serialisation
// conflict with another worker's is done again, a few times: the other
// worker's commit is what it waited for.
// Each try counts as a claim (see MaxAttempts), so the tries are few.
func (db *DB) WorkOne(ctx context.Context, process Processor, nearDistance int) (source, outcome string, claimed bool, err error) {
	for try := 1; ; try++ {
		source, outcome, claimed, err = db.workOnce(ctx, process, nearDistance)
		var pgErr *pgconn.PgError
		if try == 3 || !errors.As(err, &pgErr) || pgErr.Code != "40P01" && pgErr.Code != "40001" {
			return source, outcome, claimed, err
		}
	}
}

func (db *DB) workOnce(ctx context.Context, process Processor, nearDistance int) (source, outcome string, claimed bool, err error) {
	// A commit lost in a server crash leaves its job queued, to be done
	// again: the job and its result are one transaction, so the worker need
	// not wait for the commit to reach the disk.
	opts := pgx.TxOptions{BeginQuery: "BEGIN; SET LOCAL synchronous_commit = off"}
	err = pgx.BeginTxFunc(ctx, db.pool, opts, func(tx pgx.Tx) error {
		var id int64
		var rawHash string
		var meta, raw []byte
		err := tx.QueryRow(ctx, `SELECT id, raw_hash, input, raw FROM jobs WHERE state = 'queued'
			ORDER BY id LIMIT 1 FOR NO KEY UPDATE SKIP LOCKED`).Scan(&id, &rawHash, &meta, &raw)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("claiming a job: %w", err)
		}
		claimed = true
		in, err := decodeJob(meta, raw)
		if err != nil {
			return err
		}
		source = in.Source
		attempts, err := db.recordAttempt(ctx, id)
		if err != nil {
			return err
		}
		var batch *pgx.Batch
		outcome, batch, err = settle(ctx, tx, in, rawHash, attempts, process, nearDistance)
		if err != nil {
			return err
		}
		// A settled job keeps only its hash, which refuses the input again.
		batch.Queue("UPDATE jobs SET state = 'done', done = now(), raw = ''::bytea, input = input - 'Text' WHERE id = $1", id)
		if err := tx.SendBatch(ctx, batch).Close(); err != nil {
			return fmt.Errorf("storing %s: %w", in.Source, err)
		}
		return nil
	})
	return source, outcome, claimed, err
}

// recordAttempt counts a claim on its own connection, outside the claiming
// transaction, so the count survives the worker's death. It need not
// survive the server's (which loses the claim too), so it does not wait for
// the disk either.
func (db *DB) recordAttempt(ctx context.Context, id int64) (int, error) {
	var n int
	var setting string
	err := db.pool.QueryRow(ctx, `WITH ins AS (INSERT INTO job_attempts (job_id) VALUES ($1) RETURNING 1)
		SELECT (SELECT count(*) FROM job_attempts WHERE job_id = $1) + 1, set_config('synchronous_commit', 'off', true)`,
		id).Scan(&n, &setting)
	if err != nil {
		return 0, fmt.Errorf("counting attempts of job %d: %w", id, err)
	}
	return n, nil
}

func decodeJob(meta, raw []byte) (*storyline.Input, error) {
	var j jobInput
	if err := json.Unmarshal(meta, &j); err != nil {
		return nil, fmt.Errorf("decoding job: %w", err)
	}
	return &storyline.Input{ID: j.ID, Source: j.Source, Format: storyline.Format(j.Format), Raw: raw, URL: j.URL,
		Title: j.Title, Outlet: j.Outlet, Published: j.Published, Group: j.Group, Encoding: j.Encoding, Text: j.Text}, nil
}

// settle processes one input inside the claiming transaction and queues
// the statements storing the article, its duplicate record, or its
// quarantine entry.
func settle(ctx context.Context, tx pgx.Tx, in *storyline.Input, rawHash string, attempts int,
	process Processor, nearDistance int) (string, *pgx.Batch, error) {
	var a *storyline.Article
	var perr error
	if attempts > MaxAttempts {
		perr = &storyline.InputError{Source: in.Source, Reason: "worker-crash",
			Err: fmt.Errorf("abandoned after %d attempts: its workers died each time", attempts-1)}
	} else {
		a, perr = process(ctx, in)
	}
	batch := &pgx.Batch{}
	if perr != nil {
		q := storyline.Quarantined{Source: in.Source, Reason: "internal-error", Detail: perr.Error(), Raw: in.Raw, Hash: rawHash}
		var ie *storyline.InputError
		if errors.As(perr, &ie) {
			q.Reason = ie.Reason
		}
		batch.Queue(`INSERT INTO quarantine (hash, source, reason, detail, raw) VALUES ($1,$2,$3,$4,$5)
			ON CONFLICT (hash) DO NOTHING`, q.Hash, q.Source, q.Reason, q.Detail, q.Raw)
		return JobQuarantined, batch, nil
	}
	orig, err := checkCopies(ctx, tx, a, nearDistance)
	if err != nil {
		return "", nil, err
	}
	outcome := JobIngested
	if orig != "" && orig != a.ID {
		a.DuplicateOf, outcome = orig, JobDuplicate
	}
	return outcome, batch, queueSave(batch, a, in.Raw, rawHash)
}

// checkCopies takes the copy locks and looks for an original of a, exact
// then near, in one round trip.
func checkCopies(ctx context.Context, tx pgx.Tx, a *storyline.Article, nearDistance int) (string, error) {
	var exact, near string
	b := corpus.Bands(a.SimHash)
	batch := &pgx.Batch{}
	batch.Queue(lockQuery, a.BodyHash, bandLockSpace, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7])
	batch.Queue(exactQuery, a.BodyHash).QueryRow(func(r pgx.Row) error { return noRows(r.Scan(&exact)) })
	batch.Queue(nearQuery, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], int64(a.SimHash), nearDistance).
		QueryRow(func(r pgx.Row) error { return noRows(r.Scan(&near)) })
	if err := tx.SendBatch(ctx, batch).Close(); err != nil {
		return "", fmt.Errorf("finding duplicates of %s: %w", a.ID, err)
	}
	if exact != "" {
		return exact, nil
	}
	return near, nil
}

// noRows takes "no row" for an answer.
func noRows(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	return err
}

// lockQuery serialises the duplicate checks of articles that may be
// copies of each other, so that two workers holding two copies do not both
// store theirs as the original: one lock on the body (exact copies) and one
// on each SimHash band value (near copies share at least one), taken in
// the same order by every worker, so they cannot deadlock. Two unrelated
// articles share a band value one time in 32: they wait for each other's
// commit only then.
const lockQuery = `SELECT pg_advisory_xact_lock(hashtext($1)), pg_advisory_xact_lock($2, $3), pg_advisory_xact_lock($2+1, $4),
	pg_advisory_xact_lock($2+2, $5), pg_advisory_xact_lock($2+3, $6), pg_advisory_xact_lock($2+4, $7),
	pg_advisory_xact_lock($2+5, $8), pg_advisory_xact_lock($2+6, $9), pg_advisory_xact_lock($2+7, $10)`

// bandLockSpace keeps the band locks apart from other advisory locks.
const bandLockSpace = 72615350

// QueueStats counts jobs by state.
func (db *DB) QueueStats(ctx context.Context) (map[string]int, error) {
	rows, err := db.pool.Query(ctx, "SELECT state, count(*) FROM jobs GROUP BY state")
	if err != nil {
		return nil, fmt.Errorf("counting jobs: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return nil, err
		}
		out[state] = n
	}
	return out, rows.Err()
}
