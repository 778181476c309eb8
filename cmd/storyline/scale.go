package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/dedup"
	"github.com/storyline-news/storyline/feed"
	"github.com/storyline-news/storyline/fetch"
	"github.com/storyline-news/storyline/input"
	"github.com/storyline-news/storyline/pipeline"
	"github.com/storyline-news/storyline/postgres"
)

func (a *app) watchCmd() *cobra.Command {
	var opts pipelineOptions
	var interval time.Duration
	var allowPrivate bool
	cmd := &cobra.Command{
		Use:   "watch FEED...",
		Short: "Poll RSS and Atom feeds and ingest every new article's page",
		Long: `watch polls each feed with conditional requests, waits between requests to one
host, backs off from feeds that fail, fetches each new item's page and ingests it.
Loopback, private and link-local addresses are refused unless --allow-private.`,
		Example: `  storyline watch https://news.example/rss.xml https://other.example/atom --interval 10m`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, feeds []string) error {
			ctx := cmd.Context()
			g, st, err := a.newIngester(ctx, opts)
			if err != nil {
				return err
			}
			defer st.Close()
			w := &feed.Watcher{Client: fetch.New(fetch.Options{AllowPrivate: allowPrivate, MaxBytes: opts.maxBytes, Timeout: opts.timeout}),
				Interval: interval}
			out := cmd.OutOrStdout()
			// On PostgreSQL the clustering leader, this process or another,
			// clusters what is stored and recomputes the shifts.
			db, shared := st.(*postgres.DB)
			if shared {
				keepCtx, stopKeeping := context.WithCancel(ctx)
				kept := make(chan error, 1)
				go func() {
					err := newStoryKeeper(db, cmd.ErrOrStderr()).run(keepCtx, nil)
					if err != nil { // the feeds are still watched and stored; another process may lead
						fmt.Fprintln(cmd.ErrOrStderr(), "storyline: clustering stopped:", err)
					}
					kept <- err
				}()
				defer func() { stopKeeping(); <-kept }()
			}
			g.Window = 1 // a feed brings articles one by one: store each at once
			g.OnOutcome = func(o pipeline.Outcome) {
				fmt.Fprintf(out, "%s %s %s\n", time.Now().Format(time.TimeOnly), o.Status, o.Source)
				if o.Status == pipeline.Ingested && !shared {
					if err := updateShifts(ctx, st, []string{o.ID}); err != nil {
						fmt.Fprintln(cmd.ErrOrStderr(), "storyline:", err)
					}
				}
			}
			_, err = g.Ingest(ctx, func(ctx context.Context, fn func(*storyline.Input, error) error) error {
				return w.Watch(ctx, feeds, func(in *storyline.Input, err error) error {
					if err == nil {
						in.Text, in.Encoding, err = input.Decode(in.Raw, in.Encoding)
						if err != nil {
							err = &storyline.InputError{Source: in.Source, Reason: "bad-encoding", Err: err}
						}
					}
					return fn(in, err)
				}, func(err error) { fmt.Fprintln(cmd.ErrOrStderr(), "storyline:", err) })
			})
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		},
	}
	opts.addFlags(cmd)
	cmd.Flags().DurationVar(&interval, "interval", 15*time.Minute, "time between two polls of one feed")
	cmd.Flags().BoolVar(&allowPrivate, "allow-private", false, "allow loopback, private and link-local addresses")
	return cmd
}

func (a *app) openQueue(ctx context.Context) (*postgres.DB, error) {
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, err
	}
	db, ok := st.(*postgres.DB)
	if !ok {
		st.Close()
		return nil, fmt.Errorf("a shared work queue needs PostgreSQL: give --db with a postgres:// URL")
	}
	return db, nil
}

func (a *app) enqueueCmd() *cobra.Command {
	var opts pipelineOptions
	cmd := &cobra.Command{
		Use:     "enqueue INPUT...",
		Short:   "Queue inputs in PostgreSQL for any number of `storyline work` processes",
		Example: `  storyline enqueue ./scraped --db postgres://user@db.example/news`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			db, err := a.openQueue(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			queued, skipped, bad := 0, 0, 0
			err = input.Walk(ctx, args, opts.input(), func(in *storyline.Input, readErr error) error {
				if readErr != nil { // kept in quarantine, as ingest keeps it: no input is dropped
					bad++
					fmt.Fprintln(cmd.ErrOrStderr(), "quarantined", readErr)
					return db.Quarantine(ctx, pipeline.QuarantineOf(in, readErr, ""))
				}
				ok, err := db.Enqueue(ctx, in, dedup.RawHash(in.Raw))
				if ok {
					queued++
				} else {
					skipped++
				}
				return err
			})
			fmt.Fprintf(cmd.OutOrStdout(), "%d queued, %d already queued or stored, %d quarantined\n", queued, skipped, bad)
			return err
		},
	}
	opts.addFlags(cmd)
	return cmd
}

// workQueue settles queued jobs one at a time until ctx ends, or, with
// drain, until none is left to claim. A draining worker that leads the
// clustering (leading says so) waits instead until none is left at all,
// those that other workers are doing included, taking any whose worker
// dies: the workers draining together then end with one leader, rather
// than handing the lead to one another as each leaves, each new leader
// replaying the whole cluster log.
func workQueue(ctx context.Context, db *postgres.DB, process postgres.Processor, drain bool, leading func() bool,
	out io.Writer) (int, error) {
	done := 0
	for ctx.Err() == nil {
		source, outcome, claimed, err := db.WorkOne(ctx, process, dedup.NearDistance)
		if err != nil {
			return done, err
		}
		if !claimed {
			if drain && !leading() {
				break
			}
			if drain {
				queued, err := db.Queued(ctx)
				if err != nil {
					return done, err
				}
				if queued == 0 {
					break
				}
			}
			wait := 2 * time.Second // for new inputs
			if drain {
				wait = 250 * time.Millisecond // for the jobs in flight, which take about that
			}
			select {
			case <-ctx.Done():
			case <-time.After(wait):
			}
			continue
		}
		done++
		fmt.Fprintf(out, "%s %s\n", outcome, source)
	}
	return done, nil
}

func (a *app) workCmd() *cobra.Command {
	var opts pipelineOptions
	var drain bool
	cmd := &cobra.Command{
		Use:   "work",
		Short: "Process queued inputs; run as many as you like, on as many machines",
		Long: `work claims queued inputs one at a time with a row lock (FOR NO KEY UPDATE SKIP
LOCKED), processes each and stores the result in the same transaction: no input is
done twice, and a worker killed mid-article leaves nothing half-written; its input
is claimed again by another worker.

One worker at a time, the holder of an advisory lock, also groups the articles
stored by all of them into events and storylines, in stored order, and recomputes
the shifts of the speakers they quote; when it stops or dies another takes over.
With --drain a worker exits once the queue is empty and everything stored before
is clustered.`,
		Example: `  storyline work --db postgres://user@db.example/news --drain`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			db, err := a.openQueue(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			p, err := newPipeline(opts)
			if err != nil {
				return err
			}
			// The keeper clusters beside the extraction, when this worker
			// leads, and stops with it: at once, or once drained. A keeper
			// that fails stops the extraction too, with its error.
			workCtx, stopWork := context.WithCancelCause(ctx)
			defer stopWork(nil)
			keepCtx, stopKeeping := context.WithCancel(ctx)
			defer stopKeeping()
			drained := make(chan int64, 1)
			kept := make(chan error, 1)
			keeper := newStoryKeeper(db, cmd.ErrOrStderr())
			go func() {
				err := keeper.run(keepCtx, drained)
				if err != nil {
					stopWork(fmt.Errorf("clustering: %w", err))
				}
				kept <- err
			}()
			done, err := workQueue(workCtx, db, p.Process, drain, keeper.leading.Load, cmd.OutOrStdout())
			if cause := context.Cause(workCtx); cause != nil && ctx.Err() == nil {
				err = cause
			}
			if err == nil && drain && ctx.Err() == nil {
				var upto int64
				if upto, err = db.LastStored(ctx); err == nil {
					drained <- upto
				}
			}
			if err != nil || !drain {
				stopKeeping()
			}
			if kerr := <-kept; err == nil && kerr != nil {
				err = fmt.Errorf("clustering: %w", kerr)
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d inputs settled\n", done)
			return nil
		},
	}
	opts.addFlags(cmd)
	cmd.Flags().BoolVar(&drain, "drain", false, "stop when the queue is empty instead of waiting for more")
	return cmd
}
