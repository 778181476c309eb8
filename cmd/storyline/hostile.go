package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/storyline-news/storyline/hostile"
	"github.com/storyline-news/storyline/hostile/measure"
)

func (a *app) hostileCmd() *cobra.Command {
	var opts pipelineOptions
	var n int
	var seed, huge int64
	var dir, memLimit string
	var timing bool
	cmd := &cobra.Command{
		Use:   "hostile",
		Short: "Write a corpus of hostile inputs, ingest it, and print how every input ended",
		Long: `hostile writes N bad inputs, the same for the same seed (binary files, gzip and zip
bombs, endless lines, deeply nested and truncated HTML, mixed encodings, BOMs, NUL
bytes, endless and unbalanced quotes, RTL text, emoji, 10,000-paragraph pages, broken
JSON, JSONL and WARC records, hostile feeds...), runs this binary's ingest over them
into a fresh SQLite file, and accounts for every input: ingested, or quarantined
with a reason naming it. It prints the counts, panics, timeouts, the ingest's peak
memory and the slowest inputs, and exits 1 if any input was neither ingested nor
quarantined, a stored article broke the offset contract, or the ingest crashed.
The limits are those of ingest (--max-bytes, --timeout, --workers).`,
		Example: `  storyline hostile --n 1000 --seed 1
  storyline hostile --n 200 --max-bytes 1048576 --timeout 10s --dir ./hostile-corpus`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			work, err := workDir(dir)
			if err != nil {
				return err
			}
			if dir == "" {
				defer os.RemoveAll(work)
			}
			corpus := filepath.Join(work, "corpus")
			if err := os.MkdirAll(corpus, 0o755); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "writing %d hostile inputs (seed %d) into %s\n", n, seed, corpus)
			cases, err := hostile.Generate(ctx, corpus, hostile.Options{N: n, Seed: seed, MaxBytes: opts.maxBytes, Huge: huge})
			if err != nil {
				return err
			}
			mo := measure.Options{Dir: corpus, Cases: cases, DB: filepath.Join(work, "hostile.db"),
				MaxBytes: opts.maxBytes, Timeout: opts.timeout, Workers: opts.workers}
			if mo.Binary, err = os.Executable(); err != nil {
				return err
			}
			if memLimit != "" {
				mo.Env = []string{"GOMEMLIMIT=" + memLimit}
			}
			if timing {
				p, err := newPipeline(opts)
				if err != nil {
					return err
				}
				mo.Process = p.Process // cleaning and annotating, which --timeout bounds
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "ingesting them into %s\n", mo.DB)
			report, err := measure.Run(ctx, mo)
			if err != nil {
				return err
			}
			report.Write(cmd.OutOrStdout())
			if report.Failed() {
				return fmt.Errorf("the hostile corpus found bugs (listed above): %w", exitError(1))
			}
			return nil
		},
	}
	opts.addFlags(cmd)
	f := cmd.Flags()
	f.IntVar(&n, "n", 1000, "number of hostile files to write")
	f.Int64Var(&seed, "seed", 1, "the same seed writes the same corpus")
	f.Int64Var(&huge, "huge", 100<<20, "bytes of the endless lines and of what the bombs expand to")
	f.StringVar(&dir, "dir", "", "write the corpus and database here and keep them (default: a temporary folder)")
	f.StringVar(&memLimit, "gomemlimit", "", "GOMEMLIMIT for the ingest process (e.g. 1GiB)")
	f.BoolVar(&timing, "time", true, "also time every input on its own, to find the slowest")
	return cmd
}

func workDir(dir string) (string, error) {
	if dir == "" {
		return os.MkdirTemp("", "storyline-hostile-")
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return "", fmt.Errorf("--dir %s is not empty: the run needs a fresh folder", dir)
	}
	return dir, os.MkdirAll(dir, 0o755)
}
