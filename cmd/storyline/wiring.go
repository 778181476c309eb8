package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/cluster"
	"github.com/storyline-news/storyline/entity"
	"github.com/storyline-news/storyline/htmlclean"
	"github.com/storyline-news/storyline/input"
	"github.com/storyline-news/storyline/pipeline"
	"github.com/storyline-news/storyline/postgres"
	"github.com/storyline-news/storyline/quote"
	"github.com/storyline-news/storyline/stance"
	"github.com/storyline-news/storyline/textclean"
	"github.com/storyline-news/storyline/timex"
)

// pipelineOptions are the flags every command that processes inputs shares.
type pipelineOptions struct {
	maxBytes int64
	expand   int64
	maxBody  int
	timeout  time.Duration
	workers  int
	aliases  string
}

func (o *pipelineOptions) addFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.Int64Var(&o.maxBytes, "max-bytes", 50<<20, "largest input accepted, in bytes")
	f.Int64Var(&o.expand, "max-expansion", 200, "most times its size a compressed file may grow past its first MiB")
	f.IntVar(&o.maxBody, "max-body", 2<<20, "largest article text, after cleaning, that is annotated, in bytes")
	f.DurationVar(&o.timeout, "timeout", 30*time.Second, "longest time spent on one input")
	f.IntVar(&o.workers, "workers", 0, "inputs processed in parallel (0: one per CPU)")
	f.StringVar(&o.aliases, "aliases", "", "extra alias file (same format as entity/aliases.txt)")
}

func (o *pipelineOptions) input() input.Options {
	return input.Options{MaxBytes: o.maxBytes, MaxExpansion: o.expand}
}

// newPipeline wires the stages in the data's order:
// clean -> entities -> quotes -> time.
func newPipeline(o pipelineOptions) (*pipeline.Pipeline, error) {
	stats := textclean.NewLineStats()
	ents, err := entity.New(entity.Options{AliasFile: o.aliases})
	if err != nil {
		return nil, err
	}
	return &pipeline.Pipeline{
		Text:       textclean.New(stats),
		HTML:       htmlclean.New(),
		Annotators: []storyline.Annotator{ents, quote.New(), timex.New()},
		Learn:      stats.Add,
		Timeout:    o.timeout,
		MaxBody:    o.maxBody,
	}, nil
}

// loadClusterer rebuilds the event clusterer from the stored articles, so
// that new articles join the events and storylines already there.
// On PostgreSQL there is none: the clustering leader, whichever process
// holds its lock, clusters what every process stores (see storyKeeper).
func loadClusterer(ctx context.Context, st storyline.Store) (pipeline.Clusterer, error) {
	if _, ok := st.(*postgres.DB); ok {
		return nil, nil
	}
	c := cluster.New(cluster.Options{})
	err := st.EachArticle(ctx, func(a *storyline.Article) error {
		c.Add(a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("loading stored articles for clustering: %w", err)
	}
	c.Changed() // what was stored is saved already
	return c, nil
}

// updateShifts recomputes the position shifts of every speaker quoted in
// the articles just stored, over all of that speaker's stored statements:
// a new statement can move a position first stated years ago. The shifts
// of speakers these articles do not quote are kept as they were, so the
// cost follows what was added, not the size of the corpus.
//
// On PostgreSQL, the articles stored are clustered first, and shifts
// are written, by the clustering leader (see storyKeeper): this waits
// until everything stored so far is, leading if no other process does.
func updateShifts(ctx context.Context, st storyline.Store, stored []string) error {
	if db, ok := st.(*postgres.DB); ok {
		return settleStories(ctx, db)
	}
	shifts, changed, err := recomputeShifts(ctx, st, stored)
	if err != nil || !changed {
		return err
	}
	return st.ReplaceShifts(ctx, shifts)
}

// recomputeShifts returns every shift, those of the speakers quoted in
// the given articles recomputed, and whether any speaker was. An ingest
// may quote thousands of speakers: their quotes are read a chunk of
// speakers at a time, one statement per chunk rather than a few per
// speaker, and only one chunk's quotes are held at once. Shifts are
// detected per speaker, so detecting them over a chunk's quotes and
// keeping its speakers' gives what detecting them speaker by speaker
// does; the chunks are taken in key order, so the shifts come in that
// order too.
func recomputeShifts(ctx context.Context, st storyline.Store, articles []string) ([]storyline.Shift, bool, error) {
	quoted, err := st.QuotedSpeakers(ctx, articles)
	if err != nil {
		return nil, false, err
	}
	resolved := map[string]bool{} // key -> whether it is an entity id
	for _, sp := range quoted {
		if key := quoteSpeaker(storyline.Quote{Speaker: sp}); key != "" {
			resolved[key] = resolved[key] || sp.Entity != ""
		}
	}
	if len(resolved) == 0 {
		return nil, false, nil
	}
	storylineOf, err := storylinesByArticle(ctx, st)
	if err != nil {
		return nil, false, err
	}
	kept, err := st.Shifts(ctx, "")
	if err != nil {
		return nil, false, fmt.Errorf("reading shifts: %w", err)
	}
	var shifts []storyline.Shift
	for _, s := range kept {
		if _, due := resolved[shiftSpeaker(s)]; !due {
			shifts = append(shifts, s)
		}
	}
	keys := make([]string, 0, len(resolved))
	for key := range resolved {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	const chunk = 200
	for len(keys) > 0 {
		part := keys[:min(chunk, len(keys))]
		keys = keys[len(part):]
		var entities, names []string
		inPart := map[string]bool{}
		for _, key := range part {
			inPart[key] = true
			if resolved[key] {
				entities = append(entities, key)
			} else {
				names = append(names, key)
			}
		}
		quotes, err := st.QuotesBySpeakers(ctx, entities, names)
		if err != nil {
			return nil, false, err
		}
		for _, s := range stance.DetectIn(quotes, storylineOf, stance.MinConfidence) {
			if inPart[shiftSpeaker(s)] {
				shifts = append(shifts, s)
			}
		}
	}
	return shifts, true, nil
}

func quoteSpeaker(q storyline.Quote) string {
	if q.Speaker.Entity != "" {
		return q.Speaker.Entity
	}
	return strings.ToLower(q.Speaker.Name)
}

func shiftSpeaker(s storyline.Shift) string {
	if s.SpeakerID != "" {
		return s.SpeakerID
	}
	return strings.ToLower(s.Speaker)
}

func storylinesByArticle(ctx context.Context, st storyline.Store) (map[string]string, error) {
	storylineOf := map[string]string{}
	for offset := 0; ; offset += 1000 {
		page, _, err := st.Storylines(ctx, 1000, offset)
		if err != nil {
			return nil, fmt.Errorf("reading storylines for shifts: %w", err)
		}
		for _, s := range page {
			for _, a := range s.Articles {
				storylineOf[a] = s.ID
			}
		}
		if len(page) < 1000 {
			return storylineOf, nil
		}
	}
}
