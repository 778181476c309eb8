package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/dedup"
	"github.com/storyline-news/storyline/postgres"
	"github.com/storyline-news/storyline/postgres/pgtest"
	"github.com/storyline-news/storyline/sqlite"
)

// runSQLite ingests the corpus into a new SQLite file with one process.
func (b *bench) runSQLite(ctx context.Context, corpus string, t truth) ([]runResult, error) {
	path := filepath.Join(b.dir, fmt.Sprintf("bench-%d.db", t.inputs))
	removeSQLite(path)
	if !b.o.keep {
		defer removeSQLite(path)
	}
	p, err := runSelf(ctx, b.errOut, b.ingestArgs(path, corpus)...)
	if err != nil {
		return nil, err
	}
	r := runResult{store: "sqlite", mode: "ingest", procs: 1, wall: p.wall, rss: []int64{p.maxRSS}, anon: []int64{p.maxAnon},
		cpu: p.cpu, dbBytes: sqliteSize(path)}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := b.score(ctx, &r, db, corpus, t, true); err != nil {
		return nil, err
	}
	return []runResult{r}, nil
}

func (b *bench) ingestArgs(db, corpus string) []string {
	args := []string{"ingest", "--quiet", "--db", db, corpus}
	if b.o.ingestWorkers > 0 {
		args = append(args, "--workers", strconv.Itoa(b.o.ingestWorkers))
	}
	return args
}

func removeSQLite(path string) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(path + suffix)
	}
}

func sqliteSize(path string) int64 {
	var n int64
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if info, err := os.Stat(path + suffix); err == nil {
			n += info.Size()
		}
	}
	return n
}

// score fills in what the store holds, how deduplication did against the
// planted copies and, if asked, query latencies; then prints the row.
func (b *bench) score(ctx context.Context, r *runResult, st storyline.Store, corpus string, t truth, latencies bool) error {
	stats, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	r.articles, r.duplicates, r.quarantined = stats.Articles, stats.Duplicates, stats.Quarantined
	if r.dedup, err = scoreDedup(ctx, st, t, stats); err != nil {
		return err
	}
	if latencies {
		if r.latencies, err = measureLatencies(ctx, st, corpus, b.o.queries, b.o.seed); err != nil {
			return err
		}
	}
	r.printRow(b.out)
	return nil
}

// runPostgres ingests the corpus with one 'ingest' process, then with
// 'enqueue' and each count of worker processes, each into a new database.
func (b *bench) runPostgres(ctx context.Context, corpus string, t truth) ([]runResult, error) {
	if b.pg == nil {
		pg, err := startPG(b.o, b.dir)
		if err != nil {
			return nil, err
		}
		b.pg = pg
	}
	var out []runResult
	if b.o.pgIngest || len(b.o.workers) == 0 {
		r, err := b.pgRun(ctx, corpus, t, "ingest", 1, len(b.o.workers) == 0)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	for k, w := range b.o.workers {
		r, err := b.pgRun(ctx, corpus, t, "work", w, k == len(b.o.workers)-1)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func (b *bench) pgRun(ctx context.Context, corpus string, t truth, mode string, procs int, latencies bool) (runResult, error) {
	r := runResult{store: "postgres", mode: mode, procs: procs}
	name := fmt.Sprintf("storyline_bench_%d_%s%d", t.inputs, mode, procs)
	_ = postgres.DropDatabase(ctx, b.pg.admin, name)
	dsn, err := postgres.CreateDatabase(ctx, b.pg.admin, name)
	if err != nil {
		return r, err
	}
	if !b.o.keep {
		defer postgres.DropDatabase(context.WithoutCancel(ctx), b.pg.admin, name) //nolint:errcheck // best effort
	}
	db, err := postgres.Open(ctx, dsn)
	if err != nil {
		return r, err
	}
	defer db.Close()
	if mode == "ingest" {
		cpu0 := b.pg.cpu()
		p, err := runSelf(ctx, b.errOut, b.ingestArgs(dsn, corpus)...)
		if err != nil {
			return r, err
		}
		r.wall, r.rss, r.anon, r.cpu, r.serverCPU = p.wall, []int64{p.maxRSS}, []int64{p.maxAnon}, p.cpu, b.pg.cpu()-cpu0
	} else if err := b.work(ctx, &r, db, dsn, corpus, procs); err != nil {
		return r, err
	}
	if err := db.Analyze(ctx); err != nil {
		return r, err
	}
	if r.dbBytes, err = db.Size(ctx); err != nil {
		return r, err
	}
	return r, b.score(ctx, &r, db, corpus, t, latencies)
}

// work queues the corpus, then runs procs worker processes until the
// queue is drained, sampling what their sessions wait on.
func (b *bench) work(ctx context.Context, r *runResult, db *postgres.DB, dsn, corpus string, procs int) error {
	p, err := runSelf(ctx, b.errOut, "enqueue", corpus, "--db", dsn)
	if err != nil {
		return err
	}
	r.enqueue = p.wall
	cpu0 := b.pg.cpu()
	stop, sampled := make(chan struct{}), make(chan map[string]int)
	go func() { sampled <- sampleActivity(ctx, db.Activity, stop) }()
	errOut := &lockedWriter{w: b.errOut}
	start := time.Now()
	children := make([]*child, 0, procs)
	for k := range procs {
		args := []string{"bench", "worker", "--db", dsn}
		if b.o.profile != "" {
			args = append(args, "--cpuprofile", filepath.Join(b.o.profile, fmt.Sprintf("worker-%d-of-%d.pprof", k+1, procs)))
		}
		c, err := startSelf(ctx, errOut, args...)
		if err != nil {
			close(stop)
			return err
		}
		children = append(children, c)
	}
	r.work = &workStats{}
	var firstErr error
	for _, c := range children {
		p, err := c.wait()
		firstErr = errors.Join(firstErr, err)
		r.rss, r.anon, r.cpu = append(r.rss, p.maxRSS), append(r.anon, p.maxAnon), r.cpu+p.cpu
		var ws workStats
		if json.Unmarshal(p.stdout, &ws) == nil {
			r.work.add(ws)
		}
	}
	r.wall = time.Since(start)
	close(stop)
	r.activity = <-sampled
	r.serverCPU = b.pg.cpu() - cpu0
	return firstErr
}

// workStats is what a bench worker reports of its time.
type workStats struct {
	Jobs    int           `json:"jobs"`
	Process time.Duration `json:"process_ns"` // cleaning and annotating
	Total   time.Duration `json:"total_ns"`   // whole jobs, database work included
}

func (w *workStats) add(o workStats) {
	w.Jobs, w.Process, w.Total = w.Jobs+o.Jobs, w.Process+o.Process, w.Total+o.Total
}

// benchWorkerCmd is 'storyline work --drain' that also reports how long
// it spent annotating and how long in the database.
func (a *app) benchWorkerCmd() *cobra.Command {
	var opts pipelineOptions
	var profile string
	cmd := &cobra.Command{
		Use:    "worker",
		Short:  "A drain-mode worker that reports its time split (run by bench)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if profile != "" {
				f, err := os.Create(profile)
				if err != nil {
					return err
				}
				defer f.Close()
				if err := pprof.StartCPUProfile(f); err != nil {
					return err
				}
				defer pprof.StopCPUProfile()
			}
			db, err := a.openQueue(ctx)
			if err != nil {
				return err
			}
			defer db.Close()
			p, err := newPipeline(opts)
			if err != nil {
				return err
			}
			var ws workStats
			process := func(ctx context.Context, in *storyline.Input) (*storyline.Article, error) {
				t0 := time.Now()
				defer func() { ws.Process += time.Since(t0) }()
				return p.Process(ctx, in)
			}
			for ctx.Err() == nil {
				t0 := time.Now()
				_, _, claimed, err := db.WorkOne(ctx, process, dedup.NearDistance)
				if err != nil {
					return err
				}
				if !claimed {
					break
				}
				ws.Jobs, ws.Total = ws.Jobs+1, ws.Total+time.Since(t0)
			}
			return json.NewEncoder(cmd.OutOrStdout()).Encode(ws)
		},
	}
	opts.addFlags(cmd)
	cmd.Flags().StringVar(&profile, "cpuprofile", "", "write a CPU profile here")
	return cmd
}

// pgServer is the PostgreSQL server the runs use.
type pgServer struct {
	admin string         // URL of its maintenance database
	local *pgtest.Server // the throwaway server, or nil
}

func startPG(o benchOptions, dir string) (*pgServer, error) {
	if o.postgres != "" {
		return &pgServer{admin: o.postgres}, nil
	}
	srv, err := pgtest.StartWith(pgtest.Options{Dir: dir, Durable: !o.fast})
	if err != nil {
		return nil, fmt.Errorf("starting a throwaway PostgreSQL server (or give --postgres): %w", err)
	}
	return &pgServer{admin: srv.URL("postgres"), local: srv}, nil
}

func (s *pgServer) stop(keep bool) {
	if s.local != nil && !keep {
		s.local.Stop()
	}
}

// cpu is the CPU time the local server's processes used so far, or 0.
func (s *pgServer) cpu() time.Duration {
	if s.local == nil {
		return 0
	}
	pid, err := s.local.PID()
	if err != nil {
		return 0
	}
	return processTreeCPU(pid)
}

// maybeGunzip reads a .gz file through gzip.
func maybeGunzip(r io.Reader, path string) (io.Reader, error) {
	if !strings.HasSuffix(path, ".gz") {
		return r, nil
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return zr, nil
}
