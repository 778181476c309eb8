package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/cluster"
	"github.com/storyline-news/storyline/entity"
	"github.com/storyline-news/storyline/htmlclean"
	"github.com/storyline-news/storyline/internal/shared"
	"github.com/storyline-news/storyline/quote"
	"github.com/storyline-news/storyline/stance"
	"github.com/storyline-news/storyline/textclean"
	"github.com/storyline-news/storyline/timex"
)

// evaluation is one evaluation command: what it reads by default and how
// it prints its figures.
type evaluation struct {
	name, short, data string
	run               func(ctx context.Context, w io.Writer, path string) error
}

func evaluations() []evaluation {
	return []evaluation{
		{"clean", "Plain-text cleaning on the gold pages: junk left, real lines lost, metadata right", "",
			func(ctx context.Context, w io.Writer, path string) error {
				if path == "" {
					path = "textclean/testdata/gold"
				}
				r, err := textclean.Evaluate(ctx, path)
				fmt.Fprint(w, r)
				if err != nil {
					return err
				}
				polnear, err := shared.Path("data/polnear/dev.jsonl")
				if err != nil {
					return err
				}
				loss, err := textclean.EvaluateNoLoss(ctx, polnear)
				fmt.Fprint(w, loss)
				return err
			}},
		{"html", "Article text from HTML vs go-trafilatura bare (shingle F1)", "data/extraction/dev.jsonl",
			func(ctx context.Context, w io.Writer, path string) error {
				r, err := htmlclean.EvaluateExtraction(ctx, path)
				fmt.Fprint(w, r)
				return err
			}},
		{"htmldate", "Publication day from HTML vs go-htmldate bare (exact-day accuracy)", "data/htmldate/dev.jsonl",
			func(ctx context.Context, w io.Writer, path string) error {
				r, err := htmlclean.EvaluateDates(ctx, path)
				fmt.Fprint(w, r)
				return err
			}},
		{"quotes", "Quote attribution on a gold JSONL (P, R, F1, direct recall, speaker accuracy; shared/contract/eval.md)", "data/polnear/dev.jsonl",
			func(ctx context.Context, w io.Writer, path string) error {
				ents, err := entity.New(entity.Options{})
				if err != nil {
					return err
				}
				quotes := quote.New()
				r, err := quote.Evaluate(ctx, path, func(ctx context.Context, a *storyline.Article) error {
					if err := ents.Annotate(ctx, a); err != nil {
						return err
					}
					return quotes.Annotate(ctx, a)
				})
				fmt.Fprint(w, r)
				return err
			}},
		{"entities", "Entities: named quote sources found (PolNeAR) and mentions, types, roles, aliases on the entity gold", "data/polnear/dev.jsonl",
			func(ctx context.Context, w io.Writer, path string) error {
				r, err := entity.EvaluatePolNeAR(ctx, path)
				fmt.Fprint(w, r)
				if err != nil {
					return err
				}
				g, err := entity.EvaluateGold(ctx, "entity/testdata/gold.txt")
				fmt.Fprint(w, g)
				return err
			}},
		{"entities-gold", "Entities on 40 hand-annotated PolNeAR articles: mention P/R/F1 (exact, overlap, per type), type accuracy, coreference; error kinds on train", "",
			func(ctx context.Context, w io.Writer, path string) error {
				if path == "" {
					path = "entity/testdata/polnear-entities.tsv"
				}
				var splits []string
				for _, rel := range []string{"data/polnear/train.jsonl", "data/polnear/dev.jsonl"} {
					p, err := shared.Path(rel)
					if err != nil {
						return err
					}
					splits = append(splits, p)
				}
				reps, err := entity.EvaluatePolNeARGold(ctx, path, splits...)
				var b strings.Builder
				for _, r := range reps {
					b.WriteString(r.String())
				}
				// Errors are studied on train only, so that dev stays a
				// measurement rather than a target.
				if len(reps) > 0 {
					reps[0].WriteErrorKinds(&b, 10, 2)
				}
				fmt.Fprint(w, b.String())
				return err
			}},
		{"timex", "Temporal expressions on TimeBank (TempEval-3 strict/relaxed span F1, value F1)", "data/timex/train.jsonl",
			func(ctx context.Context, w io.Writer, path string) error {
				r, err := timex.EvaluateTimeBank(ctx, path, -1)
				fmt.Fprint(w, r)
				return err
			}},
		{"timex-gold", "Temporal expressions in news on the project's gold (spans and values against each article's date)", "",
			func(ctx context.Context, w io.Writer, path string) error {
				if path == "" {
					path = "timex/testdata/gold.jsonl"
				}
				r, err := timex.EvaluateGold(ctx, path)
				fmt.Fprint(w, r)
				return err
			}},
		{"pubdate", "Publication date from text alone, the true date hidden (range holds truth, width, exact day)", "data/polnear/dev.jsonl",
			func(ctx context.Context, w io.Writer, path string) error {
				r, err := timex.EvaluatePubDate(ctx, path)
				fmt.Fprint(w, r)
				return err
			}},
		{"events", "Event clustering (B-cubed and pairwise P/R/F1 against gold events)", "data/events/events-dev.jsonl",
			func(ctx context.Context, w io.Writer, path string) error {
				annotator, err := pipelineAnnotator()
				if err != nil {
					return err
				}
				r, err := cluster.EvaluateEvents(ctx, path, annotator.Annotate)
				defer annotator.warn(w)
				fmt.Fprint(w, "events: ", r)
				return err
			}},
		{"storylines", "Storyline grouping over years (B-cubed and pairwise P/R/F1 against gold topics)", "data/timelines/timelines-dev.jsonl",
			func(ctx context.Context, w io.Writer, path string) error {
				annotator, err := pipelineAnnotator()
				if err != nil {
					return err
				}
				r, err := cluster.EvaluateStorylines(ctx, path, annotator.Annotate)
				defer annotator.warn(w)
				fmt.Fprint(w, "storylines: ", r)
				return err
			}},
		{"timelines", "Key dates of each gold timeline picked from its articles (date P/R/F1, as tilse and news-tls)", "data/timelines/timelines-dev.jsonl",
			func(ctx context.Context, w io.Writer, path string) error {
				gold, err := shared.Path("data/timelines/timelines-dev.gold.jsonl")
				if err != nil {
					return err
				}
				r, err := cluster.EvaluateTimelines(ctx, path, gold)
				fmt.Fprint(w, "timelines: ", r)
				return err
			}},
		{"events-fulltext", "Event clustering on full PolNeAR articles against hand-checked labels, next to the all-singletons baseline", "",
			func(ctx context.Context, w io.Writer, path string) error {
				if path == "" {
					path = "cluster/testdata/polnear-events.tsv"
				}
				var articles []string
				for _, rel := range []string{"data/polnear/train.jsonl", "data/polnear/dev.jsonl"} {
					p, err := shared.Path(rel)
					if err != nil {
						return err
					}
					articles = append(articles, p)
				}
				annotator, err := pipelineAnnotator()
				if err != nil {
					return err
				}
				r, err := cluster.EvaluateLabelledEvents(ctx, path, articles, annotator.Annotate)
				defer annotator.warn(w)
				fmt.Fprint(w, r)
				return err
			}},
		{"shifts", "Shift detection on gold statement pairs (precision, recall)", "",
			func(ctx context.Context, w io.Writer, path string) error {
				if path == "" {
					path = "stance/testdata/shifts.jsonl"
				}
				r, err := stance.Evaluate(ctx, path, stance.MinConfidence)
				fmt.Fprint(w, r)
				return err
			}},
	}
}

// evalAnnotator gives evaluated articles the entities, quotes and dates
// the pipeline's annotators find before clustering, and links their bare
// surnames to the people named in full before them as ingest does, so
// that the clusterer is measured on what it reads in use (its entity and
// quote evidence) rather than on bare text.
type evalAnnotator struct {
	anns   []storyline.Annotator
	people *entity.Directory
	// Panicked lists the articles an annotator panicked on. Ingest would
	// quarantine them; a clustering evaluation keeps them with what the
	// annotators before the panic found, so that one annotator's bug does
	// not hide the clusterer's figures, and prints them as a warning.
	Panicked []string
}

func pipelineAnnotator() (*evalAnnotator, error) {
	ents, err := entity.New(entity.Options{})
	if err != nil {
		return nil, fmt.Errorf("entity recogniser: %w", err)
	}
	return &evalAnnotator{anns: []storyline.Annotator{ents, quote.New(), timex.New()}, people: entity.NewDirectory()}, nil
}

// Annotate is a cluster.Annotate.
func (e *evalAnnotator) Annotate(ctx context.Context, a *storyline.Article) error {
	for _, an := range e.anns {
		if err := e.annotateOne(ctx, an, a); err != nil {
			return err // the caller names the article
		}
	}
	e.people.Link(a)
	e.people.LearnArticle(a)
	return nil
}

func (e *evalAnnotator) annotateOne(ctx context.Context, an storyline.Annotator, a *storyline.Article) error {
	defer func() {
		if r := recover(); r != nil {
			e.Panicked = append(e.Panicked, fmt.Sprintf("%s (%T: %v)", a.ID, an, r))
		}
	}()
	return an.Annotate(ctx, a)
}

// warn prints the articles an annotator panicked on.
func (e *evalAnnotator) warn(w io.Writer) {
	if len(e.Panicked) > 0 {
		fmt.Fprintf(w, "warning: an annotator panicked on %d articles, kept with what was found before: %s\n",
			len(e.Panicked), strings.Join(e.Panicked, "; "))
	}
}

func (a *app) evalCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure storyline on evaluation data and print the figures",
		Example: `  storyline eval html
  storyline eval html --data ../shared/data/extraction/dev.jsonl
  storyline eval shifts --data stance/testdata/shifts-heldout.jsonl`,
	}
	for _, e := range evaluations() {
		var data string
		sub := &cobra.Command{
			Use:   e.name,
			Short: e.short,
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, args []string) error {
				path := data
				if path == "" && e.data != "" {
					p, err := shared.Path(e.data)
					if err != nil {
						return fmt.Errorf("finding %s: %w (give --data)", e.data, err)
					}
					path = p
				}
				return e.run(cmd.Context(), cmd.OutOrStdout(), path)
			},
		}
		sub.Flags().StringVar(&data, "data", "", "evaluation file (default: "+orDash(e.data)+" in the shared data)")
		cmd.AddCommand(sub)
	}
	return cmd
}
