package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline-news/storyline/internal/shared"
	"github.com/storyline-news/storyline/synth"
)

func (a *app) generateCmd() *cobra.Command {
	var n int
	var out, data string
	o := synth.DefaultOptions(1)
	cmd := &cobra.Command{
		Use:   "generate --n N --out FILE",
		Short: "Generate a large, realistic corpus from the shared evaluation data (for benchmarks)",
		Long: `generate recombines the paragraphs of the PolNeAR and Timeline17 articles into new
articles: events of a few to many reports, people's names, years and outlets
varied, exact and syndicated copies planted at a crawl's rate, site furniture and
HTML pages mixed in. The output is deterministic from --seed and streamed in
constant memory: a .jsonl or .jsonl.gz file, "-" for stdout, or else a folder of
JSON files. Each line is in the gold format and also names its event, its topic,
and for a planted copy the original it copies (copy_of).`,
		Example: `  storyline generate --n 100000 --seed 1 --out corpus.jsonl.gz
  storyline generate --n 2000 --out ./corpus        # a folder of JSON files
  storyline generate --n 3 --out - | head -1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if n <= 0 || out == "" {
				return fmt.Errorf("give --n (how many articles) and --out (where)")
			}
			pool, err := loadPool(cmd.Context(), data)
			if err != nil {
				return err
			}
			start := time.Now()
			if err := synth.New(pool, o).Write(cmd.Context(), out, cmd.OutOrStdout(), n); err != nil {
				return err
			}
			if out != "-" {
				fmt.Fprintf(cmd.ErrOrStderr(), "%d articles in %s\n", n, time.Since(start).Round(time.Millisecond))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&n, "n", 0, "number of articles")
	f.StringVar(&out, "out", "", "output: FILE.jsonl, FILE.jsonl.gz, - (stdout) or a folder")
	f.Uint64Var(&o.Seed, "seed", o.Seed, "seed: the same seed and options give the same corpus")
	f.StringVar(&data, "data", "", "the shared data folder (default: ../shared/data beside the repository, or $STORYLINE_SHARED/data)")
	f.Float64Var(&o.Exact, "exact", o.Exact, "share of exact copies (a page fetched twice)")
	f.Float64Var(&o.Syndicated, "syndicated", o.Syndicated, "share of syndicated copies (another outlet, headline and credit line)")
	f.Float64Var(&o.HTML, "html", o.HTML, "share of articles given as HTML pages")
	f.Float64Var(&o.Junk, "junk", o.Junk, "share of text articles keeping their site's navigation and footer lines")
	f.Float64Var(&o.Undated, "undated", o.Undated, "share of articles without a publication date")
	return cmd
}

func loadPool(ctx context.Context, data string) (*synth.Pool, error) {
	if data == "" {
		dir, err := shared.Dir()
		if err != nil {
			return nil, err
		}
		data = filepath.Join(dir, "data")
	}
	return synth.Load(ctx, data)
}

// benchOptions are the bench command's flags.
type benchOptions struct {
	sizes         []int
	seed          uint64
	corpus        string
	dir           string
	stores        []string
	workers       []int
	ingestWorkers int
	pgIngest      bool
	postgres      string
	fast          bool
	queries       int
	keep          bool
	profile       string
	data          string
}

func (a *app) benchCmd() *cobra.Command {
	var o benchOptions
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure ingest speed, peak memory, database size and query latency at scale",
		Long: `bench generates a corpus (see generate) for each --n, or takes --corpus, and ingests
it into each store as separate storyline processes, the way users run them:
SQLite with 'ingest'; PostgreSQL with 'ingest' (one process) and with 'enqueue'
then N worker processes for each --workers count. It prints articles per second,
the peak RSS of each process, CPU seconds per 1000 articles (storyline's and, for
the throwaway server, PostgreSQL's), the database size, where the workers' time
goes (annotating against the database, and what their sessions wait on), how
many planted copies deduplication found, and sequential p50/p99 latency of
search, quote listing by speaker and entity pages.

Without --postgres a throwaway PostgreSQL server (Debian packages) is started
under --dir, durable (fsync on) unless --fast. Timings on a shared machine are
noisy: compare runs made at the same time.

The 1M-article runs take hours each: run them on a machine nobody else uses, with
about 60 GB free under --dir (the corpus is 1.5 GB; a database holds 35-50 KB an
input; each run's database is dropped before the next unless --keep):
  storyline bench --n 1000000 --stores postgres --workers 1,2,4 --pg-ingest=false --dir /big/disk
  storyline bench --n 1000000 --stores sqlite --dir /big/disk
The one-process 'ingest' runs (SQLite, and PostgreSQL without --pg-ingest=false)
keep clustering state and every quote for shifts in memory: watch their RSS.`,
		Example: `  storyline bench --n 10000 --stores sqlite,postgres --workers 1,2,4
  storyline bench --n 10000,20000,50000 --stores sqlite       # memory against corpus size
  storyline bench --corpus corpus.jsonl.gz --stores postgres --postgres postgres://me@db/postgres`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runBench(cmd.Context(), o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.IntSliceVar(&o.sizes, "n", []int{10000}, "corpus sizes to generate and measure")
	f.Uint64Var(&o.seed, "seed", 1, "seed of the generated corpora")
	f.StringVar(&o.corpus, "corpus", "", "measure this corpus (JSONL[.gz]) instead of generating one")
	f.StringVar(&o.dir, "dir", "", "folder for corpora, databases and the throwaway server (default: a temporary folder)")
	f.StringSliceVar(&o.stores, "stores", []string{"sqlite", "postgres"}, "stores to measure: sqlite, postgres")
	f.IntSliceVar(&o.workers, "workers", []int{1, 2, 4}, "PostgreSQL worker process counts to measure")
	f.IntVar(&o.ingestWorkers, "ingest-workers", 0, "in-process workers of 'ingest' (0: one per CPU)")
	f.BoolVar(&o.pgIngest, "pg-ingest", true, "also measure PostgreSQL with one 'ingest' process")
	f.StringVar(&o.postgres, "postgres", "", "an existing server's URL; bench creates and drops databases storyline_bench_* on it")
	f.BoolVar(&o.fast, "fast", false, "throwaway server without fsync, as the tests run it")
	f.IntVar(&o.queries, "queries", 200, "timed queries of each kind")
	f.BoolVar(&o.keep, "keep", false, "keep the databases (and the throwaway server's folder)")
	f.StringVar(&o.profile, "profile", "", "write CPU profiles of the worker processes into this folder")
	f.StringVar(&o.data, "data", "", "the shared data folder, for generating")
	cmd.AddCommand(a.benchWorkerCmd())
	return cmd
}

func runBench(ctx context.Context, o benchOptions, out, errOut io.Writer) error {
	dir := o.dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "storyline-bench-")
		if err != nil {
			return err
		}
		// The throwaway server may run as another user (not root): it
		// must be able to reach its folder inside this one.
		if err := os.Chmod(tmp, 0o755); err != nil {
			return err
		}
		if !o.keep {
			defer os.RemoveAll(tmp)
		}
		dir = tmp
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("bench folder: %w", err)
	}
	b := &bench{o: o, dir: dir, out: out, errOut: errOut}
	defer b.close()
	if o.corpus != "" {
		return b.measure(ctx, o.corpus)
	}
	for _, n := range o.sizes {
		path, err := b.generate(ctx, n)
		if err != nil {
			return err
		}
		if err := b.measure(ctx, path); err != nil {
			return err
		}
	}
	return nil
}

// bench holds what the runs of one bench command share.
type bench struct {
	o      benchOptions
	dir    string
	out    io.Writer
	errOut io.Writer
	pg     *pgServer
	pool   *synth.Pool
}

func (b *bench) close() {
	if b.pg != nil {
		b.pg.stop(b.o.keep)
	}
}

func (b *bench) generate(ctx context.Context, n int) (string, error) {
	path := filepath.Join(b.dir, fmt.Sprintf("corpus-%d-%d.jsonl.gz", b.o.seed, n))
	if _, err := os.Stat(path); err == nil {
		return path, nil // the same seed and size make the same corpus
	}
	if b.pool == nil {
		pool, err := loadPool(ctx, b.o.data)
		if err != nil {
			return "", err
		}
		b.pool = pool
	}
	start := time.Now()
	tmp := path + ".part.jsonl.gz"
	if err := synth.New(b.pool, synth.DefaultOptions(b.o.seed)).Write(ctx, tmp, nil, n); err != nil {
		return "", err
	}
	fmt.Fprintf(b.errOut, "generated %d articles in %s\n", n, time.Since(start).Round(time.Millisecond))
	return path, os.Rename(tmp, path)
}

// measure runs every configured store over one corpus.
func (b *bench) measure(ctx context.Context, corpus string) error {
	truth, err := readTruth(corpus)
	if err != nil {
		return err
	}
	info, _ := os.Stat(corpus)
	fmt.Fprintf(b.out, "\n== %s: %d inputs, %d MB; %d CPUs (shared machine: timings are noisy)\n",
		filepath.Base(corpus), truth.inputs, info.Size()>>20, runtime.NumCPU())
	printRunHeader(b.out)
	var results []runResult
	for _, store := range b.o.stores {
		var rs []runResult
		var err error
		switch store {
		case "sqlite":
			rs, err = b.runSQLite(ctx, corpus, truth)
		case "postgres":
			rs, err = b.runPostgres(ctx, corpus, truth)
		default:
			err = fmt.Errorf("unknown store %q: use sqlite or postgres", store)
		}
		if err != nil {
			return err
		}
		results = append(results, rs...)
	}
	for _, r := range results {
		r.printDetails(b.out)
	}
	for _, r := range results {
		if r.latencies != nil {
			printLatencies(b.out, r)
		}
	}
	return nil
}

// proc is what one finished storyline process used.
type proc struct {
	wall    time.Duration
	cpu     time.Duration
	maxRSS  int64 // bytes; 0 where the system does not say
	maxAnon int64 // of which not mapped files (SQLite maps its database)
	stdout  []byte
}

// runSelf runs this storyline binary with args as a child process.
func runSelf(ctx context.Context, errOut io.Writer, args ...string) (proc, error) {
	c, err := startSelf(ctx, errOut, args...)
	if err != nil {
		return proc{}, err
	}
	return c.wait()
}

type child struct {
	cmd    *exec.Cmd
	start  time.Time
	stdout *bytes.Buffer
	args   []string
	peak   chan [2]int64 // the peak RSS and peak anonymous RSS, once the process has ended
	done   chan struct{}
}

func startSelf(ctx context.Context, errOut io.Writer, args ...string) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	c := &child{cmd: exec.CommandContext(ctx, exe, args...), stdout: &bytes.Buffer{}, args: args}
	c.cmd.Stdout, c.cmd.Stderr = c.stdout, errOut
	c.cmd.Env = append(os.Environ(), "STORYLINE_DB=") // only --db says where
	c.start = time.Now()
	if err := c.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting storyline %s: %w", strings.Join(args, " "), err)
	}
	c.peak, c.done = make(chan [2]int64, 1), make(chan struct{})
	go c.watchMemory()
	return c, nil
}

// watchMemory samples the child's peak RSS until it ends: the last sample
// misses at most the last tenth of a second.
func (c *child) watchMemory() {
	var peak, anon int64
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-c.done:
			c.peak <- [2]int64{peak, anon}
			return
		case <-tick.C:
			p, a := memory(c.cmd.Process.Pid)
			peak, anon = max(peak, p), max(anon, a)
		}
	}
}

func (c *child) wait() (proc, error) {
	err := c.cmd.Wait()
	close(c.done)
	mem := <-c.peak
	p := proc{wall: time.Since(c.start), stdout: c.stdout.Bytes(), maxRSS: mem[0], maxAnon: mem[1]}
	if ps := c.cmd.ProcessState; ps != nil {
		p.cpu = ps.UserTime() + ps.SystemTime()
	}
	if err != nil {
		return p, fmt.Errorf("storyline %s: %w", strings.Join(c.args, " "), err)
	}
	return p, nil
}

// truth is what the generator planted in a corpus.
type truth struct {
	inputs int
	copies map[string]string // planted copy id -> the original it copies
}

// readTruth reads the planted copies of a generated corpus (a corpus
// from elsewhere has none, and its deduplication is not scored).
func readTruth(path string) (truth, error) {
	t := truth{copies: map[string]string{}}
	f, err := os.Open(path)
	if err != nil {
		return t, fmt.Errorf("reading corpus %s: %w", path, err)
	}
	defer f.Close()
	r, err := maybeGunzip(f, path)
	if err != nil {
		return t, err
	}
	dec := json.NewDecoder(r)
	for {
		var line struct {
			ID     string `json:"id"`
			CopyOf string `json:"copy_of"`
		}
		if err := dec.Decode(&line); err == io.EOF {
			return t, nil
		} else if err != nil {
			return t, fmt.Errorf("reading corpus %s: line %d: %w", path, t.inputs+1, err)
		}
		t.inputs++
		if line.CopyOf != "" {
			t.copies[line.ID] = line.CopyOf
		}
	}
}

// sampleActivity counts what the database sessions are doing every 100ms
// until stop is closed.
func sampleActivity(ctx context.Context, sample func(context.Context) (map[string]int, error), stop <-chan struct{}) map[string]int {
	total := map[string]int{}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return total
		case <-ctx.Done():
			return total
		case <-tick.C:
			m, err := sample(ctx)
			if err != nil {
				continue
			}
			for k, v := range m {
				total[k] += v
			}
		}
	}
}

// runResult is one ingest of one corpus into one store.
type runResult struct {
	store, mode string
	procs       int
	articles    int // stored originals
	duplicates  int
	quarantined int
	wall        time.Duration
	enqueue     time.Duration
	rss         []int64
	anon        []int64
	cpu         time.Duration // storyline processes
	serverCPU   time.Duration // PostgreSQL, when measured
	dbBytes     int64
	work        *workStats
	activity    map[string]int
	dedup       dedupScore
	latencies   []latency
}

func printRunHeader(w io.Writer) {
	fmt.Fprintf(w, "%-9s %-7s %5s %8s %6s %5s %8s %8s %8s %8s %8s %11s %7s\n", "store", "mode", "procs", "articles", "dups", "quar",
		"seconds", "inputs/s", "RSS MB", "anon MB", "sum MB", "CPU s/1k", "db MB")
}

// printRow prints a run: peak RSS of the largest process, its peak
// anonymous part (without mapped files), the sum over processes, and CPU
// seconds per 1000 inputs of storyline (+ the server's).
func (r runResult) printRow(w io.Writer) {
	inputs := r.articles + r.duplicates + r.quarantined
	var peak, anon, sum int64
	for i, m := range r.rss {
		peak, sum = max(peak, m), sum+m
		if i < len(r.anon) {
			anon = max(anon, r.anon[i])
		}
	}
	perK := func(d time.Duration) float64 { return d.Seconds() * 1000 / float64(max(inputs, 1)) }
	cpu := fmt.Sprintf("%.1f", perK(r.cpu))
	if r.serverCPU > 0 {
		cpu += fmt.Sprintf("+%.1f", perK(r.serverCPU))
	}
	fmt.Fprintf(w, "%-9s %-7s %5d %8d %6d %5d %8.1f %8.1f %8d %8d %8d %11s %7d\n", r.store, r.mode, r.procs, r.articles,
		r.duplicates, r.quarantined, r.wall.Seconds(), float64(inputs)/r.wall.Seconds(), peak>>20, anon>>20, sum>>20, cpu, r.dbBytes>>20)
}

func (r runResult) printDetails(w io.Writer) {
	name := fmt.Sprintf("%s %s x%d", r.store, r.mode, r.procs)
	if r.enqueue > 0 {
		fmt.Fprintf(w, "  %s: enqueue took %.1fs\n", name, r.enqueue.Seconds())
	}
	if r.work != nil && r.work.Total > 0 {
		fmt.Fprintf(w, "  %s: of the workers' time, %.0f%% annotating, %.0f%% in the database (claim, duplicate check, save, commit)\n",
			name, 100*r.work.Process.Seconds()/r.work.Total.Seconds(), 100*(r.work.Total-r.work.Process).Seconds()/r.work.Total.Seconds())
	}
	if len(r.activity) > 0 {
		fmt.Fprintf(w, "  %s: worker sessions sampled: %s\n", name, shares(r.activity))
	}
	if r.dedup.planted > 0 {
		fmt.Fprintf(w, "  %s: %s\n", name, r.dedup)
	}
}

// shares prints counts as percentages, largest first.
func shares(m map[string]int) string {
	total := 0
	keys := make([]string, 0, len(m))
	for k, v := range m {
		total += v
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] || (m[keys[i]] == m[keys[j]] && keys[i] < keys[j]) })
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%.0f%% %s", 100*float64(m[k])/float64(total), k))
	}
	return strings.Join(parts, ", ")
}

// lockedWriter lets several children share one error stream.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
