package textclean

import (
	"context"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/shared"
)

func TestGoldPages(t *testing.T) {
	r, err := Evaluate(context.Background(), "testdata/gold")
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + r.String())
	for _, part := range []struct {
		name string
		r    Report
	}{{"dev", r.Dev}, {"held-out", r.HeldOut}} {
		if part.r.Pages == 0 {
			t.Fatalf("%s part is empty", part.name)
		}
		t.Log(part.name + " problems:\n  " + strings.Join(part.r.Problems, "\n  "))
	}
	if r.Dev.Pages+r.HeldOut.Pages < 30 {
		t.Errorf("gold set has %d pages, want at least 30", r.Dev.Pages+r.HeldOut.Pages)
	}
	d := r.Dev
	if d.RealLost > 0 || d.JunkLeft*20 > d.JunkLines || d.Titles*10 < d.Pages*9 || d.Outlets*10 < d.Pages*9 || d.Bylines*10 < d.Pages*9 {
		t.Errorf("dev part under the floor (no real line lost, <5%% junk left, 90%% of titles, outlets, bylines)")
	}
	h := r.HeldOut
	if h.RealLost*50 > h.RealLines || h.JunkLeft*4 > h.JunkLines {
		t.Errorf("held-out part under the floor (<2%% real lines lost, <25%% junk left)")
	}
}

func TestNoLossOnRealNews(t *testing.T) {
	path, err := shared.Path("data/polnear/dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	r, err := EvaluateNoLoss(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(r.String() + strings.Join(r.Examples, "\n"))
	if r.Articles < 80 || r.Lost*200 > r.Lines {
		t.Errorf("lost %d of %d real lines: over the 0.5%% ceiling", r.Lost, r.Lines)
	}
}
