package main

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/storyline-news/storyline/cluster"
	"github.com/storyline-news/storyline/postgres"
)

// storyKeeper clusters, for every process sharing a PostgreSQL database,
// what they store into events and storylines, and recomputes the shifts
// of the speakers quoted, whenever it holds the lead (postgres.Leader):
// clustering is incremental and order-dependent, so one process at a time
// does it while the others go on extracting. When the leader dies its
// lock is freed, and the first keeper to try it next takes over.
type storyKeeper struct {
	db *postgres.DB
	// poll is the time between two tries of the lock, and between two
	// looks for new articles once the leader has clustered them all.
	poll time.Duration
	// batch bounds the articles clustered in one transaction.
	batch int
	// shiftEvery bounds how long shifts may lag behind the clustering
	// while articles keep coming: recomputing them reads every shift and
	// storyline, so it is done when the leader has caught up, or this
	// often.
	shiftEvery time.Duration
	log        io.Writer // told when this process takes the lead; nil: not told
	// leading says whether this process leads now.
	leading atomic.Bool
}

func newStoryKeeper(db *postgres.DB, log io.Writer) *storyKeeper {
	return &storyKeeper{db: db, poll: time.Second, batch: 256, shiftEvery: 30 * time.Second, log: log}
}

// settleStories clusters and recomputes the shifts of everything stored so
// far, leading if no other process does, else waiting for the one that
// does (and taking over if it dies).
func settleStories(ctx context.Context, db *postgres.DB) error {
	upto, err := db.LastStored(ctx)
	if err != nil {
		return err
	}
	drain := make(chan int64, 1)
	drain <- upto
	return newStoryKeeper(db, nil).run(ctx, drain)
}

// run leads whenever it can until ctx ends or, once drain yields the seq
// of the last article stored, until everything stored up to it is
// clustered and its shifts recomputed, by this process or by another.
func (k *storyKeeper) run(ctx context.Context, drain <-chan int64) error {
	target := int64(-1) // not draining
	for {
		// A drain settled by another process ends before the lock is
		// tried: leading would only replay the log.
		if target >= 0 {
			settled, err := k.db.Settled(ctx, target)
			if err != nil || settled {
				return quiet(ctx, err)
			}
		}
		l, err := k.db.TryLead(ctx, func() postgres.Clusterer { return cluster.New(cluster.Options{}) })
		if err != nil {
			return quiet(ctx, err)
		}
		if l != nil {
			k.leading.Store(true)
			err := k.lead(ctx, l, drain, target)
			k.leading.Store(false)
			_ = l.Close() // the lock goes with the session, whatever the error
			return quiet(ctx, err)
		}
		select {
		case <-ctx.Done():
			return nil
		case target = <-drain:
			drain = nil
		case <-time.After(k.poll):
		}
	}
}

// lead clusters what is pending and recomputes the shifts due, in
// passes, until ctx ends or, with a target, until everything stored up to
// it is settled.
func (k *storyKeeper) lead(ctx context.Context, l *postgres.Leader, drain <-chan int64, target int64) error {
	lastShifts := time.Now()
	told := false
	for {
		n, err := l.ClusterPending(ctx, k.batch)
		if err != nil {
			return err
		}
		if !told && k.log != nil {
			fmt.Fprintf(k.log, "leading the clustering (%d clustered articles replayed in %s)\n",
				l.Replayed, l.ReplayTook.Round(time.Millisecond))
		}
		told = true
		// Shifts are recomputed when nothing is left to cluster, before a
		// drain ends, and at most every shiftEvery while articles keep
		// coming in (each recomputation reads every storyline).
		caughtUp := n < k.batch
		if n == 0 || caughtUp && target >= 0 || time.Since(lastShifts) >= k.shiftEvery {
			if err := k.shifts(ctx, l); err != nil {
				return err
			}
			lastShifts = time.Now()
		}
		if !caughtUp {
			continue
		}
		if target >= 0 {
			// Articles of other workers with a lower seq may still be in
			// flight: their workers' own drains wait for them.
			if settled, err := k.db.Settled(ctx, target); err != nil || settled {
				return err
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case target = <-drain:
			drain = nil
		case <-time.After(k.poll):
		}
	}
}

// shifts recomputes the shifts of the speakers quoted in every article
// clustered since the last time, a bounded number of articles at a time.
func (k *storyKeeper) shifts(ctx context.Context, l *postgres.Leader) error {
	const page = 5000
	for {
		ids, upto, err := l.ShiftsDue(ctx, page)
		if err != nil || len(ids) == 0 {
			return err
		}
		shifts, changed, err := recomputeShifts(ctx, k.db, ids)
		if err != nil {
			return err
		}
		if changed {
			err = l.SaveShifts(ctx, shifts, upto)
		} else {
			err = l.Shifted(ctx, upto) // no speaker quoted: the stored shifts stand
		}
		if err != nil {
			return err
		}
		if len(ids) < page {
			return nil
		}
	}
}

// quiet takes the end of ctx for a normal stop rather than an error.
func quiet(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return nil
	}
	return err
}
