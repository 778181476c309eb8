package main

import (
	"context"
	"testing"

	"github.com/storyline-news/storyline/cluster"
	"github.com/storyline-news/storyline/internal/shared"
)

// Floors of the clustering figures `storyline eval` prints, on articles
// annotated as the pipeline annotates them (cluster's own tests hold the
// floors of bare text). They sit a little under the figures reached.
const (
	floorAnnotatedEventsB3  = 0.77
	floorAnnotatedEventsPW  = 0.79
	floorAnnotatedPolNeARPW = 0.36
	floorAnnotatedPolNeARB3 = 0.85
	floorAnnotatedStoryP    = 0.95
	floorAnnotatedStoryR    = 0.92
)

func TestClusterEvalAnnotated(t *testing.T) {
	ctx := context.Background()
	annotator, err := pipelineAnnotator()
	if err != nil {
		t.Fatal(err)
	}
	annotate := annotator.Annotate
	defer func() {
		if len(annotator.Panicked) > 0 {
			t.Errorf("annotators panicked on %v", annotator.Panicked)
		}
	}()
	path := func(rel string) string {
		p, err := shared.Path(rel)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	ev, err := cluster.EvaluateEvents(ctx, path("data/events/events-dev.jsonl"), annotate)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + ev.String())
	if ev.BCubedF1 < floorAnnotatedEventsB3 || ev.PairwiseF1 < floorAnnotatedEventsPW {
		t.Errorf("events B-cubed F1 %.3f, pairwise F1 %.3f under the floors %.2f, %.2f",
			ev.BCubedF1, ev.PairwiseF1, floorAnnotatedEventsB3, floorAnnotatedEventsPW)
	}
	pol, err := cluster.EvaluateLabelledEvents(ctx, "../../cluster/testdata/polnear-events.tsv",
		[]string{path("data/polnear/train.jsonl"), path("data/polnear/dev.jsonl")}, annotate)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + pol.String())
	if pol.PairwiseF1 < floorAnnotatedPolNeARPW || pol.BCubedF1 < floorAnnotatedPolNeARB3 {
		t.Errorf("PolNeAR events pairwise F1 %.3f, B-cubed F1 %.3f under the floors %.2f, %.2f",
			pol.PairwiseF1, pol.BCubedF1, floorAnnotatedPolNeARPW, floorAnnotatedPolNeARB3)
	}
	if testing.Short() {
		return
	}
	st, err := cluster.EvaluateStorylines(ctx, path("data/timelines/timelines-dev.jsonl"), annotate)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + st.String())
	if st.BCubedP < floorAnnotatedStoryP || st.BCubedR < floorAnnotatedStoryR {
		t.Errorf("storylines B-cubed P %.3f R %.3f under the floors %.2f, %.2f", st.BCubedP, st.BCubedR, floorAnnotatedStoryP, floorAnnotatedStoryR)
	}
}
