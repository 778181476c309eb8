package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/entity"
	"github.com/storyline-news/storyline/input"
	"github.com/storyline-news/storyline/pipeline"
)

func (a *app) extractCmd() *cobra.Command {
	var format string
	var opts pipelineOptions
	cmd := &cobra.Command{
		Use:   "extract INPUT...",
		Short: "Clean and annotate inputs and print one JSON article each (no database)",
		Long: `extract runs the whole per-article pipeline (clean, entities, quotes, dates) on
files, folders, JSONL (one article a line, in the gold format) or "-" for stdin,
and prints the contract's article JSON. Bad inputs are reported on stderr, one
line each, and the rest go on; the exit status is 2 if any input was bad.`,
		Example: `  storyline extract page.html
  storyline extract --format jsonl ./scraped > articles.jsonl
  cat article.txt | storyline extract -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != formatJSON && format != formatJSONL {
				return fmt.Errorf("unknown --format %q: use json or jsonl", format)
			}
			p, err := newPipeline(opts)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			bad := 0
			err = input.Walk(cmd.Context(), args, opts.input(), func(in *storyline.Input, readErr error) error {
				art, err := extractOne(cmd.Context(), p, in, readErr)
				if err != nil {
					bad++
					fmt.Fprintln(cmd.ErrOrStderr(), "storyline: skipped", err)
					return nil
				}
				if format == formatJSON {
					return writeJSON(w, art)
				}
				return writeJSONL(w, []*storyline.Article{art})
			})
			if err != nil {
				return err
			}
			if bad > 0 {
				return exitError(2)
			}
			return nil
		},
	}
	opts.addFlags(cmd)
	addFormatFlag(cmd, &format, formatJSONL)
	return cmd
}

func extractOne(ctx context.Context, p *pipeline.Pipeline, in *storyline.Input, readErr error) (*storyline.Article, error) {
	if readErr != nil {
		return nil, readErr
	}
	if p.Learn != nil && in.Format == storyline.FormatText {
		p.Learn(in.Group, in.Text)
	}
	return p.Process(ctx, in)
}

func (a *app) ingestCmd() *cobra.Command {
	var opts pipelineOptions
	var quiet bool
	cmd := &cobra.Command{
		Use:   "ingest INPUT...",
		Short: "Clean, annotate, deduplicate and store inputs; bad ones are quarantined",
		Long: `ingest reads files, folders (recursively), JSONL, HTML, plain text or "-" for
stdin, runs every input through the pipeline, and stores it: as an article, as a
duplicate pointing to its original, or in quarantine with the reason. Ingest is
idempotent: an input given twice is stored once. A progress bar shows on a
terminal; a summary is printed at the end.`,
		Example: `  storyline ingest ./scraped --db news.db
  storyline ingest feed-dump.jsonl more/*.html
  storyline quarantine   # what could not be read, and why`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			g, st, err := a.newIngester(ctx, opts)
			if err != nil {
				return err
			}
			defer st.Close()
			bar := newProgress(args, cmd.ErrOrStderr(), quiet)
			errOut := cmd.ErrOrStderr()
			var stored []string
			g.OnOutcome = func(o pipeline.Outcome) {
				if o.Status == pipeline.Quarantined {
					bar.clear()
					fmt.Fprintf(errOut, "quarantined %s\n", o.Detail)
				}
				if o.Status == pipeline.Ingested {
					stored = append(stored, o.ID)
				}
				bar.add(o)
			}
			start := time.Now()
			sum, err := g.Ingest(ctx, func(ctx context.Context, fn func(*storyline.Input, error) error) error {
				return input.Walk(ctx, args, opts.input(), fn)
			})
			bar.finish()
			if err == nil {
				err = updateShifts(ctx, st, stored)
			}
			printSummary(cmd.OutOrStdout(), sum, time.Since(start))
			return err
		},
	}
	opts.addFlags(cmd)
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "no progress bar")
	return cmd
}

// newIngester opens the database and sets up the pipeline and the
// clusterer rebuilt from what is stored. The caller closes the store.
func (a *app) newIngester(ctx context.Context, opts pipelineOptions) (*pipeline.Ingester, storyline.Store, error) {
	p, err := newPipeline(opts)
	if err != nil {
		return nil, nil, err
	}
	st, err := a.openStore(ctx)
	if err != nil {
		return nil, nil, err
	}
	cl, err := loadClusterer(ctx, st)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	people, err := loadPeople(ctx, st)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return &pipeline.Ingester{Pipeline: p, Store: st, Cluster: cl, People: people, Workers: opts.workers}, st, nil
}

// loadPeople fills a directory with the people the store knows, so that
// an article ingested today links "Volkov" to the Dmitri Volkov of an
// article ingested last month.
func loadPeople(ctx context.Context, st storyline.Store) (*entity.Directory, error) {
	// One listing, not pages: PostgreSQL merges the corpus's entity forms
	// for every listing, so pages would read them all again each time.
	recs, _, err := st.Entities(ctx, storyline.EntityFilter{Type: storyline.EntityPerson, MaxArticles: 1, Limit: math.MaxInt32})
	if err != nil {
		return nil, fmt.Errorf("loading the stored people: %w", err)
	}
	d := entity.NewDirectory()
	for _, r := range recs {
		d.Learn(entity.Named{ID: r.ID, Name: r.Name, Type: r.Type})
	}
	return d, nil
}

func printSummary(w io.Writer, s pipeline.Summary, took time.Duration) {
	fmt.Fprintf(w, "%d inputs in %s: %d ingested, %d duplicates, %d already stored, %d quarantined\n",
		s.Inputs, took.Round(time.Millisecond), s.Ingested, s.Duplicates, s.Skipped, s.QuarantinedTotal())
	reasons := make([]string, 0, len(s.Quarantined))
	for r := range s.Quarantined {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		fmt.Fprintf(w, "  quarantined %-14s %d\n", r, s.Quarantined[r])
	}
}

// progress shows a bar by bytes read on a terminal, and nothing elsewhere.
type progress struct {
	bar *progressbar.ProgressBar
}

func newProgress(paths []string, w io.Writer, quiet bool) *progress {
	f, ok := w.(*os.File)
	if quiet || !ok || !isTerminal(f) {
		return &progress{}
	}
	total := int64(-1)
	if size, ok := totalSize(paths); ok {
		total = size
	}
	return &progress{bar: progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w), progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(), progressbar.OptionSetDescription("ingesting"),
		progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())}
}

func (p *progress) add(o pipeline.Outcome) {
	if p.bar != nil {
		_ = p.bar.Add64(int64(o.Bytes))
	}
}

func (p *progress) clear() {
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// totalSize sums the sizes of the files under paths; stdin has none.
func totalSize(paths []string) (int64, bool) {
	var total int64
	for _, p := range paths {
		if p == "-" {
			return 0, false
		}
		_ = filepath.WalkDir(p, func(_ string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if info, err := d.Info(); err == nil {
					total += info.Size()
				}
			}
			return nil
		})
	}
	return total, true
}
