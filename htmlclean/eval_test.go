package htmlclean

import (
	"context"
	"testing"

	"github.com/storyline-news/storyline/internal/shared"
)

func TestExtractionBeatsBareTrafilatura(t *testing.T) {
	path, err := shared.Path("data/extraction/dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	r, err := EvaluateExtraction(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + r.String())
	if r.Ours.Pages < 80 {
		t.Fatalf("only %d pages read", r.Ours.Pages)
	}
	if r.Ours.F1 < 0.95 || r.Ours.F1 < r.Bare.F1 {
		t.Errorf("extraction F1 %.3f: under the floor 0.95 or under bare trafilatura's %.3f", r.Ours.F1, r.Bare.F1)
	}
}

func TestDatesFromHTML(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 491 pages")
	}
	path, err := shared.Path("data/htmldate/dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	r, err := EvaluateDates(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + r.String())
	if r.Pages < 400 || float64(r.Ours)/float64(r.Pages) < 0.88 || r.Ours <= r.Bare {
		t.Errorf("exact-day accuracy %d/%d under the floor 0.88 or not above go-htmldate bare", r.Ours, r.Pages)
	}
}
