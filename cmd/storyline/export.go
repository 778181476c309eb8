package main

import (
	"bufio"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/export"
)

func (a *app) exportCmd() *cobra.Command {
	var what, format, out, speaker, story string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write quotes, entities or articles as JSONL/CSV, a Markdown report, or FollowTheMoney",
		Example: `  storyline export --what quotes --format csv --out quotes.csv
  storyline export --what entities --format jsonl
  storyline export --format markdown --speaker Lavrov --out lavrov.md
  storyline export --format markdown --story st-4be1a0c2
  storyline export --format ftm --out aleph.ftm.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			st, err := a.openStore(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			w := cmd.OutOrStdout()
			if out != "" && out != "-" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			bw := bufio.NewWriter(w)
			if err := runExport(cmd, st, bw, what, format, speaker, story); err != nil {
				return err
			}
			return bw.Flush()
		},
	}
	f := cmd.Flags()
	f.StringVar(&what, "what", "quotes", "quotes, entities or articles (for jsonl and csv)")
	f.StringVar(&format, "format", "jsonl", "jsonl, csv, markdown or ftm")
	f.StringVar(&out, "out", "", "file to write (default: stdout)")
	f.StringVar(&speaker, "speaker", "", "markdown: report on this speaker; jsonl/csv quotes: only theirs")
	f.StringVar(&story, "story", "", "markdown: report on this storyline id")
	return cmd
}

func runExport(cmd *cobra.Command, st storyline.Store, w *bufio.Writer, what, format, speaker, story string) error {
	ctx := cmd.Context()
	quotes := storyline.QuoteFilter{Speaker: speaker}
	switch format + "/" + what {
	case "jsonl/quotes":
		return export.QuotesJSONL(ctx, w, st, quotes)
	case "jsonl/entities":
		return export.EntitiesJSONL(ctx, w, st, storyline.EntityFilter{})
	case "jsonl/articles":
		return export.ArticlesJSONL(ctx, w, st)
	case "csv/quotes":
		return export.QuotesCSV(ctx, w, st, quotes)
	case "csv/entities":
		return export.EntitiesCSV(ctx, w, st, storyline.EntityFilter{})
	case "csv/articles":
		return export.ArticlesCSV(ctx, w, st)
	}
	switch format {
	case "ftm":
		return export.FollowTheMoney(ctx, w, st)
	case "markdown":
		switch {
		case story != "":
			return export.StorylineReport(ctx, w, st, story, nil)
		case speaker != "":
			return export.SpeakerReport(ctx, w, st, speaker, nil)
		}
		return fmt.Errorf("--format markdown needs --speaker NAME or --story ID")
	}
	return fmt.Errorf("cannot export --what %q as --format %q: use quotes, entities or articles with jsonl or csv; or markdown; or ftm", what, format)
}
