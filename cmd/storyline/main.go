// Command storyline follows a long-running news story through a pile of
// scraped articles: who said what, when, where it was reported, and how
// their position changed. This package only wires the others together.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := newRoot().ExecuteContext(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "storyline:", err)
		var exit exitError
		if errors.As(err, &exit) {
			os.Exit(int(exit))
		}
		os.Exit(1)
	}
}

// tuneGC lets the heap grow to three times what is live before a
// collection (GOGC=200) where the user has not said otherwise: annotating
// allocates many short-lived tokens, and collecting half as often saves
// about a tenth of the processor time of an ingest. A soft limit of 1 GiB
// (unless GOMEMLIMIT is set) makes the collector run sooner when
// the heap nears it, so memory stays bounded as it did before.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
}

// exitError carries a specific exit status out of a command.
type exitError int

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// app holds what the flags of every command share.
type app struct {
	db          string
	cpuProfile  string
	stopProfile func()
}

// startProfile writes a CPU profile of the command to a.cpuProfile, for
// "go tool pprof": measure where an ingest spends its time before guessing.
func (a *app) startProfile() error {
	if a.cpuProfile == "" {
		return nil
	}
	f, err := os.Create(a.cpuProfile)
	if err != nil {
		return fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("cpu profile: %w", err)
	}
	a.stopProfile = func() {
		pprof.StopCPUProfile()
		f.Close()
	}
	return nil
}

func newRoot() *cobra.Command {
	a := &app{}
	root := &cobra.Command{
		Use:   "storyline",
		Short: "Who said what, when, where it was reported, and how their position changed",
		Long: `storyline turns a pile of scraped news (plain text with web junk, HTML, JSON/JSONL,
feeds, web archives) into clean, searchable articles with entities, quotes,
dates, events, storylines and position shifts, each with proof down to the sentence.`,
		Example: `  storyline ingest ./scraped --db news.db
  storyline search "naval base" --from 2017-01-01
  storyline quotes --speaker Lavrov --format jsonl
  storyline serve --db news.db`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&a.db, "db", envOr("STORYLINE_DB", "storyline.db"),
		"database: a SQLite file path, or a postgres:// URL (env STORYLINE_DB)")
	root.PersistentFlags().StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile of the command to this file (go tool pprof)")
	root.PersistentPreRunE = func(*cobra.Command, []string) error { return a.startProfile() }
	root.PersistentPostRun = func(*cobra.Command, []string) {
		if a.stopProfile != nil {
			a.stopProfile()
		}
	}
	root.AddCommand(
		a.extractCmd(), a.ingestCmd(), a.searchCmd(), a.showCmd(), a.statsCmd(),
		a.quotesCmd(), a.entitiesCmd(), a.entityCmd(), a.timelineCmd(),
		a.storiesCmd(), a.storyCmd(), a.shiftsCmd(), a.exportCmd(), a.quarantineCmd(),
		a.serveCmd(), a.evalCmd(), a.watchCmd(), a.enqueueCmd(), a.workCmd(),
		a.generateCmd(), a.benchCmd(),
		a.hostileCmd(),
	)
	return root
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
