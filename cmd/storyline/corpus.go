package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/cluster"
)

func checkDates(dates ...string) error {
	for _, d := range dates {
		if d == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d); err != nil {
			return fmt.Errorf("date %q is not YYYY-MM-DD", d)
		}
	}
	return nil
}

func (a *app) quotesCmd() *cobra.Command {
	var f storyline.QuoteFilter
	var format string
	cmd := &cobra.Command{
		Use:   "quotes",
		Short: "List who said what, when and where it was reported",
		Example: `  storyline quotes --speaker Lavrov
  storyline quotes --speaker "Sergey Lavrov" --from 2017-01-01 --query base --format jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if err := checkDates(f.From, f.To); err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			qs, total, err := st.Quotes(cmd.Context(), f)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if done, err := writeList(w, format, "quotes", total, qs); done {
				return err
			}
			for _, q := range qs {
				date := q.Date
				if date == "" {
					date = q.Published
				}
				fmt.Fprintf(w, "%s  %s (%s, %s)  [%s %d-%d]\n    %s\n", orDash(date), q.Speaker.Name, q.Cue,
					orDash(q.Outlet), q.Article, q.Start, q.End, oneLine(q.Text, 220))
			}
			fmt.Fprintf(w, "%d of %d quotes\n", len(qs), total)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.Speaker, "speaker", "", "speaker name, alias or entity id")
	fl.StringVar(&f.Query, "query", "", "words in the quote")
	fl.StringVar(&f.From, "from", "", "said on or after YYYY-MM-DD")
	fl.StringVar(&f.To, "to", "", "said on or before YYYY-MM-DD")
	fl.StringVar(&f.Article, "article", "", "only quotes from this article id")
	fl.IntVar(&f.Limit, "limit", 50, "how many")
	fl.IntVar(&f.Offset, "offset", 0, "skip this many")
	addFormatFlag(cmd, &format, formatText)
	return cmd
}

func (a *app) entitiesCmd() *cobra.Command {
	var f storyline.EntityFilter
	var format string
	cmd := &cobra.Command{
		Use:   "entities",
		Short: "List people, organisations, places and groups merged across the corpus",
		Example: `  storyline entities --query lavrov
  storyline entities --type person --format jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			es, total, err := st.Entities(cmd.Context(), f)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if done, err := writeList(w, format, "entities", total, es); done {
				return err
			}
			for _, e := range es {
				fmt.Fprintf(w, "%-18s %-12s %-32s %4d articles  %s\n", e.ID, e.Type, oneLine(e.Name, 32),
					len(e.Articles), oneLine(fmt.Sprint(e.Roles), 60))
			}
			fmt.Fprintf(w, "%d of %d entities\n", len(es), total)
			return nil
		},
	}
	cmd.Flags().StringVar(&f.Query, "query", "", "name or alias contains")
	cmd.Flags().StringVar(&f.Type, "type", "", "person, organization, place, group or other")
	cmd.Flags().IntVar(&f.Limit, "limit", 50, "how many")
	cmd.Flags().IntVar(&f.Offset, "offset", 0, "skip this many")
	addFormatFlag(cmd, &format, formatText)
	return cmd
}

// entityCmd records the user's corrections, which survive re-ingest.
func (a *app) entityCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "entity",
		Short: "Correct entities: merge two into one, or split an alias off",
		Example: `  storyline entity merge per-1a2b3c4d5e6f per-6f5e4d3c2b1a
  storyline entity split per-1a2b3c4d5e6f "Sergei Ivanov"`,
	}
	cmd.AddCommand(
		a.decisionCmd(storyline.DecisionMergeEntities, "merge FROM-ID INTO-ID", "Merge entity FROM into INTO"),
		a.decisionCmd(storyline.DecisionSplitEntity, "split ID ALIAS", "Split an alias off an entity into its own"),
	)
	return cmd
}

// decisionCmd records one kind of user correction; stores apply decisions
// when they read, so they survive re-ingest and re-clustering.
func (a *app) decisionCmd(kind, use, short string) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			d := storyline.Decision{Kind: kind, Subject: args[0], Object: args[1], Created: time.Now().UTC()}
			if err := st.SaveDecision(cmd.Context(), d); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "recorded %s %s %s\n", kind, args[0], args[1])
			return nil
		},
	}
}

func (a *app) timelineCmd() *cobra.Command {
	var f storyline.TimelineFilter
	var format string
	cmd := &cobra.Command{
		Use:   "timeline",
		Short: "Dated events and quotes in date order, about an entity or a query",
		Example: `  storyline timeline --entity Lavrov
  storyline timeline --query "naval base" --from 2015-01-01 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			if err := checkDates(f.From, f.To); err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			entries, total, err := st.Timeline(cmd.Context(), f)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if done, err := writeList(w, format, "timeline", total, entries); done {
				return err
			}
			for _, e := range entries {
				who := ""
				if e.Speaker != "" {
					who = e.Speaker + ": "
				}
				fmt.Fprintf(w, "%-10s %-5s %s%s  [%s %d-%d]\n", e.Date, e.Kind, who, oneLine(e.Text, 160), e.Article, e.Start, e.End)
			}
			fmt.Fprintf(w, "%d of %d entries\n", len(entries), total)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.Entity, "entity", "", "entity name, alias or id")
	fl.StringVar(&f.Query, "query", "", "words in the dated clause or quote")
	fl.StringVar(&f.From, "from", "", "on or after YYYY-MM-DD")
	fl.StringVar(&f.To, "to", "", "on or before YYYY-MM-DD")
	fl.IntVar(&f.Limit, "limit", 100, "how many")
	fl.IntVar(&f.Offset, "offset", 0, "skip this many")
	addFormatFlag(cmd, &format, formatText)
	return cmd
}

func (a *app) storiesCmd() *cobra.Command {
	var format string
	var limit, offset int
	cmd := &cobra.Command{
		Use:   "stories",
		Short: "List storylines: events about one subject linked across years",
		Example: `  storyline stories
  storyline stories --format json > stories.json
  storyline stories merge st-5c0ffee1 st-4be1a0c2
  storyline stories split st-4be1a0c2 ev-9d8c7b6a`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			ss, total, err := st.Storylines(cmd.Context(), limit, offset)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if done, err := writeList(w, format, "storylines", total, ss); done {
				return err
			}
			for _, s := range ss {
				first, last := dateSpan(s.Events)
				fmt.Fprintf(w, "%-20s %3d events %4d articles  %s..%s  %s\n", s.ID, len(s.Events), len(s.Articles),
					orDash(first), orDash(last), oneLine(s.Title, 70))
			}
			fmt.Fprintf(w, "%d of %d storylines\n", len(ss), total)
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 0, "how many (0: all)")
	cmd.Flags().IntVar(&offset, "offset", 0, "skip this many")
	addFormatFlag(cmd, &format, formatText)
	cmd.AddCommand(
		a.decisionCmd(storyline.DecisionMergeStorylines, "merge FROM-ID INTO-ID", "Merge storyline FROM into INTO"),
		a.decisionCmd(storyline.DecisionSplitStoryline, "split STORYLINE-ID EVENT-ID", "Split an event off a storyline into one of its own"),
	)
	return cmd
}

func dateSpan(events []storyline.Event) (first, last string) {
	for _, e := range events {
		if e.Date == "" {
			continue
		}
		if first == "" || e.Date < first {
			first = e.Date
		}
		if e.Date > last {
			last = e.Date
		}
	}
	return first, last
}

func (a *app) storyCmd() *cobra.Command {
	var format string
	var keyDates int
	cmd := &cobra.Command{
		Use:   "story ID",
		Short: "One storyline: its key dates, its timeline of events and the quotes in them",
		Example: `  storyline story st-4be1a0c2
  storyline story st-4be1a0c2 --key-dates 5 --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			s, err := st.Storyline(cmd.Context(), args[0])
			if err != nil {
				return fmt.Errorf("storyline %s: %w", args[0], err)
			}
			dates, err := storyKeyDates(cmd.Context(), st, s, keyDates)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if format != formatText {
				return writeJSON(w, map[string]any{"schema": storyline.Schema, "storyline": s, "key_dates": dates})
			}
			fmt.Fprintf(w, "%s  %s\n", s.ID, s.Title)
			if len(dates) > 0 {
				fmt.Fprintln(w, "key dates:")
			}
			for _, d := range dates {
				fmt.Fprintf(w, "  %s  %s  [%s]\n", d.Date, oneLine(d.Summary, 120), d.Article)
			}
			fmt.Fprintln(w, "events:")
			for _, e := range s.Events {
				fmt.Fprintf(w, "  %-10s %s  (%d articles)\n", orDash(e.Date), oneLine(e.Title, 90), len(e.Articles))
				for _, id := range e.Articles {
					qs, _, err := st.Quotes(cmd.Context(), storyline.QuoteFilter{Article: id, Limit: 5})
					if err != nil {
						return err
					}
					for _, q := range qs {
						fmt.Fprintf(w, "      %s: %s  [%s]\n", q.Speaker.Name, oneLine(q.Text, 120), id)
					}
				}
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&keyDates, "key-dates", 10, "how many key dates to pick (0: none)")
	addFormatFlag(cmd, &format, formatText)
	return cmd
}

// storyKeyDates picks the dates a storyline's own articles refer to most,
// each with the sentence that says what happened then.
func storyKeyDates(ctx context.Context, st storyline.Store, s *storyline.Storyline, k int) ([]cluster.TimelineDate, error) {
	if k <= 0 {
		return []cluster.TimelineDate{}, nil
	}
	articles := make([]*storyline.Article, 0, len(s.Articles))
	for _, id := range s.Articles {
		art, err := st.Article(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("storyline %s: %w", s.ID, err)
		}
		articles = append(articles, art)
	}
	dates := cluster.Timeline(*s, articles, k)
	if dates == nil {
		dates = []cluster.TimelineDate{}
	}
	return dates, nil
}

func (a *app) shiftsCmd() *cobra.Command {
	var format, speaker string
	cmd := &cobra.Command{
		Use:   "shifts",
		Short: "Moments a speaker's position on a topic moved, with both statements",
		Example: `  storyline shifts
  storyline shifts --speaker Lavrov --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			st, err := a.openStore(cmd.Context())
			if err != nil {
				return err
			}
			defer st.Close()
			shifts, err := st.Shifts(cmd.Context(), speaker)
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			switch format {
			case formatJSON:
				return writeJSON(w, map[string]any{"schema": storyline.Schema, "shifts": nonNil(shifts)})
			case formatJSONL:
				return writeJSONL(w, shifts)
			}
			for _, s := range shifts {
				fmt.Fprintf(w, "%s on %s (confidence %.2f): %s\n  %s  %s  [%s]\n  %s  %s  [%s]\n", s.Speaker, s.Topic,
					s.Confidence, s.Summary, orDash(s.From.Date), oneLine(s.From.Text, 120), s.From.Article,
					orDash(s.To.Date), oneLine(s.To.Text, 120), s.To.Article)
			}
			fmt.Fprintf(w, "%d shifts\n", len(shifts))
			return nil
		},
	}
	cmd.Flags().StringVar(&speaker, "speaker", "", "speaker name, alias or entity id")
	addFormatFlag(cmd, &format, formatText)
	return cmd
}
