// Package measure runs a real storyline ingest over a hostile corpus and
// accounts for every input in it: ingested (as an article or a
// duplicate), or quarantined with a reason naming it. It runs the binary
// as a child process, so that the ingest's peak memory can be measured
// and a crash cannot hide, then reads what the ingest stored.
package measure

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/dedup"
	"github.com/storyline-news/storyline/hostile"
	"github.com/storyline-news/storyline/hostile/invariant"
	"github.com/storyline-news/storyline/input"
	"github.com/storyline-news/storyline/sqlite"
)

// Options say what to run and how.
type Options struct {
	Binary   string         // the storyline executable
	Dir      string         // the corpus folder
	Cases    []hostile.Case // what the corpus holds; nil: every file in Dir, expecting anything
	DB       string         // the SQLite file the ingest writes; it must not exist
	MaxBytes int64          // --max-bytes (0: the binary's default)
	Timeout  time.Duration  // --timeout (0: the binary's default)
	Workers  int            // --workers (0: the binary's default)
	// Env is added to the child's environment (e.g. GOMEMLIMIT=1GiB).
	Env []string
	// Process, when set, is run on every input on its own after the
	// ingest, to time each one: the ingest works in parallel windows and
	// cannot say which input took long.
	Process func(context.Context, *storyline.Input) (*storyline.Article, error)
}

// Timing is how long one input took on its own.
type Timing struct {
	Source  string
	Read    time.Duration // reading and decoding it
	Process time.Duration // cleaning and annotating it
	Outcome string
}

// Total is the time the input took from its file to its outcome.
func (t Timing) Total() time.Duration { return t.Read + t.Process }

// Report holds the figures of one run.
type Report struct {
	Files, Inputs int
	Ingested      int            // stored as articles, duplicates included
	Duplicates    int            // of those, stored as duplicates
	Repeats       int            // the same bytes as an earlier input: stored once, with it
	Quarantined   map[string]int // by reason
	Panics        []string       // inputs whose processing panicked (contained, then quarantined)
	Timeouts      []string       // inputs quarantined for running past the deadline
	Lost          []string       // inputs neither ingested nor quarantined: bugs
	Broken        []string       // stored articles breaking the offset contract: bugs
	Unnamed       []string       // quarantine entries whose message does not name the input
	Unexpected    []string       // an outcome the case did not expect
	Miscounted    []string       // files yielding another number of inputs than they hold
	Exit          string         // how the ingest ended; "" when it succeeded
	Crash         string         // the first panic or fatal error it printed
	PeakRSS       int64          // bytes, of the ingest process
	Wall          time.Duration  // of the ingest process
	Slowest       []Timing       // the slowest inputs, each on its own (with Options.Process)
	OverDeadline  []Timing       // inputs that took longer than the deadline allows
}

// Failed reports whether the run found a bug: an input lost, a stored
// article broken, an unnamed reason, a panic or a crash.
func (r *Report) Failed() bool {
	return len(r.Lost) > 0 || len(r.Broken) > 0 || len(r.Unnamed) > 0 || len(r.Panics) > 0 ||
		r.Exit != "" || r.Crash != "" || len(r.OverDeadline) > 0
}

// Run ingests the corpus with the binary and accounts for every input.
func Run(ctx context.Context, opts Options) (*Report, error) {
	r := &Report{Quarantined: map[string]int{}}
	if err := r.ingest(ctx, opts); err != nil {
		return r, err
	}
	cases, err := inWalkOrder(opts.Dir, opts.Cases)
	if err != nil {
		return r, err
	}
	st, err := sqlite.Open(ctx, opts.DB)
	if err != nil {
		return r, fmt.Errorf("opening what the hostile ingest stored: %w", err)
	}
	defer st.Close()
	if err := st.Check(ctx); err != nil {
		r.Broken = append(r.Broken, "the database: "+err.Error())
	}
	a := &accountant{opts: opts, st: st, report: r, seen: map[string]bool{}}
	if err := a.loadQuarantine(ctx); err != nil {
		return r, err
	}
	for _, c := range cases {
		if err := a.account(ctx, c); err != nil {
			return r, err
		}
	}
	r.Files = len(cases)
	sort.Slice(a.timings, func(i, j int) bool { return a.timings[i].Total() > a.timings[j].Total() })
	r.Slowest = a.timings[:min(len(a.timings), 5)]
	return r, nil
}

// ingest runs the binary over the corpus and measures it.
func (r *Report) ingest(ctx context.Context, opts Options) error {
	args := []string{"ingest", "-q", "--db", opts.DB}
	if opts.MaxBytes > 0 {
		args = append(args, "--max-bytes", strconv.FormatInt(opts.MaxBytes, 10))
	}
	if opts.Timeout > 0 {
		args = append(args, "--timeout", opts.Timeout.String())
	}
	if opts.Workers > 0 {
		args = append(args, "--workers", strconv.Itoa(opts.Workers))
	}
	cmd := exec.CommandContext(ctx, opts.Binary, append(args, opts.Dir)...)
	cmd.Env = append(os.Environ(), opts.Env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	r.Wall = time.Since(start)
	if cmd.ProcessState == nil {
		return fmt.Errorf("starting %s: %w", opts.Binary, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.PeakRSS = ru.Maxrss << 10 // kilobytes on Linux
	}
	if err != nil {
		r.Exit = err.Error()
	}
	r.Crash = firstCrashLine(stderr.String())
	return ctx.Err()
}

// firstCrashLine finds what a Go program prints when it dies.
func firstCrashLine(stderr string) string {
	for _, line := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(line, "panic: ") || strings.HasPrefix(line, "fatal error: ") ||
			strings.HasPrefix(line, "runtime: out of memory") {
			return line
		}
	}
	return ""
}

// inWalkOrder lists the corpus's files in the order the ingest read them,
// which decides which of two identical inputs was stored under its own
// name; a file the cases do not describe may hold anything.
func inWalkOrder(dir string, known []hostile.Case) ([]hostile.Case, error) {
	byPath := make(map[string]hostile.Case, len(known))
	for _, c := range known {
		byPath[c.Path] = c
	}
	var cases []hostile.Case
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		c, ok := byPath[filepath.ToSlash(rel)]
		if !ok {
			c = hostile.Case{Path: filepath.ToSlash(rel)}
		}
		cases = append(cases, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", dir, err)
	}
	return cases, nil
}

// accountant matches every input of the corpus to what the store holds.
type accountant struct {
	opts       Options
	st         *sqlite.DB
	report     *Report
	quarantine map[string][]storyline.Quarantined // by source
	seen       map[string]bool                    // raw hashes of the inputs accounted for
	timings    []Timing
}

func (a *accountant) loadQuarantine(ctx context.Context) error {
	a.quarantine = map[string][]storyline.Quarantined{}
	for offset := 0; ; {
		page, total, err := a.st.Quarantined(ctx, 1000, offset)
		if err != nil {
			return fmt.Errorf("reading the quarantine: %w", err)
		}
		for _, q := range page {
			a.quarantine[q.Source] = append(a.quarantine[q.Source], q)
			if !strings.Contains(q.Detail, q.Source) {
				a.report.Unnamed = append(a.report.Unnamed, fmt.Sprintf("%s: %q", q.Source, q.Detail))
			}
		}
		offset += len(page)
		if len(page) == 0 || offset >= total {
			return nil
		}
	}
}

// account reads one file as the ingest did and settles each of its inputs.
func (a *accountant) account(ctx context.Context, c hostile.Case) error {
	path := filepath.Join(a.opts.Dir, filepath.FromSlash(c.Path))
	yields := 0
	last := time.Now()
	err := input.Walk(ctx, []string{path}, input.Options{MaxBytes: a.opts.MaxBytes}, func(in *storyline.Input, readErr error) error {
		yields++
		t := Timing{Read: time.Since(last)}
		outcome, err := a.settle(ctx, in, readErr, &t)
		if err != nil {
			return err
		}
		a.expect(c, outcome)
		if a.opts.Process != nil {
			a.timings = append(a.timings, t)
			if a.opts.Timeout > 0 && t.Process > a.opts.Timeout+time.Second {
				a.report.OverDeadline = append(a.report.OverDeadline, t)
			}
		}
		last = time.Now()
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading %s again: %w", c.Path, err)
	}
	if c.Inputs > 0 && yields != c.Inputs {
		a.report.Miscounted = append(a.report.Miscounted, fmt.Sprintf("%s: %d inputs read, %d written", c.Path, yields, c.Inputs))
	}
	return nil
}

// settle finds what became of one input, and times it when asked to.
func (a *accountant) settle(ctx context.Context, in *storyline.Input, readErr error, t *Timing) (string, error) {
	r := a.report
	r.Inputs++
	source := sourceOf(in, readErr)
	t.Source = source
	if in != nil {
		// The same bytes given twice are one input to the store, settled
		// with the first copy, whatever became of it.
		hash := dedup.RawHash(in.Raw)
		if a.seen[hash] {
			r.Repeats++
			t.Outcome = "repeat"
			return "repeat", nil
		}
		a.seen[hash] = true
	}
	if in != nil && readErr == nil {
		if a.opts.Process != nil {
			start := time.Now()
			_, perr := a.opts.Process(ctx, in)
			t.Process = time.Since(start)
			var ie *storyline.InputError
			if errors.As(perr, &ie) && ie.Reason == "internal-error" && strings.Contains(ie.Error(), "panic: ") {
				r.Panics = append(r.Panics, source+": "+firstLine(ie.Error()))
			}
		}
		stored, err := a.stored(ctx, in)
		if err != nil || stored != "" {
			t.Outcome = stored
			return stored, err
		}
	}
	outcome := a.quarantined(source, readErr)
	t.Outcome = outcome
	return outcome, nil
}

// stored finds the input among the articles: "ingested", or "" if it is
// not there (or another input with its id took its place).
func (a *accountant) stored(ctx context.Context, in *storyline.Input) (string, error) {
	id := in.ID
	if id == "" {
		id = dedup.RawID(in.Raw)
	}
	art, err := a.st.Article(ctx, id)
	if errors.Is(err, storyline.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading article %s: %w", id, err)
	}
	raw, err := a.st.Raw(ctx, id)
	if err != nil || !bytes.Equal(raw, in.Raw) {
		return "", nil
	}
	a.report.Ingested++
	if art.DuplicateOf != "" {
		a.report.Duplicates++
	}
	if err := invariant.Article(art); err != nil {
		a.report.Broken = append(a.report.Broken, fmt.Sprintf("%s (%s): %v", in.Source, id, err))
	}
	return hostile.Ingested, nil
}

// quarantined finds the input in quarantine and names its reason, or
// records it as lost.
func (a *accountant) quarantined(source string, readErr error) string {
	qs := a.quarantine[source]
	var ie *storyline.InputError
	if errors.As(readErr, &ie) {
		for _, q := range qs {
			if q.Reason == ie.Reason {
				qs = []storyline.Quarantined{q}
				break
			}
		}
	}
	if len(qs) == 0 {
		a.report.Lost = append(a.report.Lost, source)
		return "lost"
	}
	q := qs[0]
	a.report.Quarantined[q.Reason]++
	switch {
	case q.Reason == "timeout":
		a.report.Timeouts = append(a.report.Timeouts, source)
	case q.Reason == "internal-error" && strings.Contains(q.Detail, "panic: "):
		a.report.Panics = append(a.report.Panics, source+": "+firstLine(q.Detail))
	}
	return q.Reason
}

func (a *accountant) expect(c hostile.Case, outcome string) {
	if len(c.Expect) == 0 || outcome == "repeat" || outcome == "lost" {
		return
	}
	for _, e := range c.Expect {
		if e == outcome {
			return
		}
	}
	a.report.Unexpected = append(a.report.Unexpected, fmt.Sprintf("%s: %s, expected %s", c.Path, outcome, strings.Join(c.Expect, " or ")))
}

func sourceOf(in *storyline.Input, err error) string {
	var ie *storyline.InputError
	if errors.As(err, &ie) {
		return ie.Source
	}
	if in != nil {
		return in.Source
	}
	return "?"
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
