package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/storyline-news/storyline"
)

func (a *app) searchCmd() *cobra.Command {
	var q storyline.SearchQuery
	var format string
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Full-text search over stored articles, with highlighted snippets",
		Example: `  storyline search "naval base"
  storyline search withdrawal --outlet "Levant Wire Agency" --from 2019-01-01 --to 2019-12-31
  storyline search "" --speaker Lavrov --format json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if len(args) == 1 {
				q.Text = args[0]
			}
			if err := checkDates(q.From, q.To); err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			res, err := st.Search(cmd.Context(), q)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if done, err := writeList(w, format, "results", res.Total, res.Results); done {
				return err
			}
			color := isTerminal(os.Stdout)
			for _, h := range res.Results {
				fmt.Fprintf(w, "%s  %s  %s  %s\n    %s\n", h.ID, orDash(h.Published), orDash(h.Outlet),
					oneLine(h.Title, 80), highlight(oneLine(h.Snippet, 200), color))
			}
			fmt.Fprintf(w, "%d of %d articles\n", len(res.Results), res.Total)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&q.Outlet, "outlet", "", "only articles from this outlet")
	f.StringVar(&q.Speaker, "speaker", "", "only articles quoting this speaker (name or entity id)")
	f.StringVar(&q.Entity, "entity", "", "only articles mentioning this entity (name or entity id)")
	f.StringVar(&q.From, "from", "", "published on or after YYYY-MM-DD")
	f.StringVar(&q.To, "to", "", "published on or before YYYY-MM-DD")
	f.IntVar(&q.Limit, "limit", 20, "how many results")
	f.IntVar(&q.Offset, "offset", 0, "skip this many results")
	addFormatFlag(cmd, &format, formatText)
	return cmd
}

func (a *app) showCmd() *cobra.Command {
	var raw bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Print a stored article as the contract's JSON (or its raw input)",
		Example: `  storyline show 3f9a0c1d2e4b5a69
  storyline show 3f9a0c1d2e4b5a69 --raw > original.html`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			if raw {
				b, err := st.Raw(cmd.Context(), args[0])
				if err != nil {
					return fmt.Errorf("article %s: %w", args[0], err)
				}
				_, err = cmd.OutOrStdout().Write(b)
				return err
			}
			art, err := st.Article(cmd.Context(), args[0])
			if err != nil {
				return fmt.Errorf("article %s: %w", args[0], err)
			}
			return writeJSON(cmd.OutOrStdout(), art)
		},
	}
	cmd.Flags().BoolVar(&raw, "raw", false, "print the input exactly as it was given")
	return cmd
}

func (a *app) statsCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "stats",
		Short:   "Count what the database holds",
		Example: "  storyline stats --format json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Stats(cmd.Context())
			if err != nil {
				return err
			}
			s.Schema = storyline.Schema
			w := cmd.OutOrStdout()
			if format != formatText {
				return writeJSON(w, s)
			}
			fmt.Fprintf(w, "articles     %d\nduplicates   %d\nquarantined  %d\nquotes       %d\nentities     %d\nevents       %d\nstorylines   %d\n",
				s.Articles, s.Duplicates, s.Quarantined, s.Quotes, s.Entities, s.Events, s.Storylines)
			for reason, n := range s.ByReason {
				fmt.Fprintf(w, "  quarantined %-14s %d\n", reason, n)
			}
			return nil
		},
	}
	addFormatFlag(cmd, &format, formatText)
	return cmd
}

func (a *app) quarantineCmd() *cobra.Command {
	var format string
	var limit, offset int
	cmd := &cobra.Command{
		Use:     "quarantine",
		Short:   "List inputs that could not be processed, with the reason",
		Example: "  storyline quarantine --limit 50",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			qs, total, err := st.Quarantined(cmd.Context(), limit, offset)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if done, err := writeList(w, format, "quarantined", total, qs); done {
				return err
			}
			for _, q := range qs {
				fmt.Fprintf(w, "%-12s %s\n", q.Reason, oneLine(q.Detail, 160))
			}
			fmt.Fprintf(w, "%d of %d quarantined inputs\n", len(qs), total)
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 100, "how many")
	cmd.Flags().IntVar(&offset, "offset", 0, "skip this many")
	addFormatFlag(cmd, &format, formatText)
	return cmd
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
