package main

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline-news/storyline/hostile"
	"github.com/storyline-news/storyline/hostile/measure"
)

// buildStoryline builds this command for tests that run it as a child.
func buildStoryline(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "storyline")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// TestHostileCorpus ingests 200 hostile inputs with the real binary: every
// input ends ingested or quarantined with a reason naming it, no stored
// article breaks the offset contract, nothing panics, the process does
// not crash, and each file yields the inputs it holds.
func TestHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests 200 hostile files")
	}
	ctx := context.Background()
	dir := t.TempDir()
	const limit = 256 << 10
	cases, err := hostile.Generate(ctx, dir, hostile.Options{N: 200, Seed: 1, MaxBytes: limit, Huge: 4 * limit})
	if err != nil {
		t.Fatal(err)
	}
	r, err := measure.Run(ctx, measure.Options{Binary: buildStoryline(t), Dir: dir, Cases: cases,
		DB: filepath.Join(t.TempDir(), "hostile.db"), MaxBytes: limit, Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", r)
	if r.Failed() || len(r.Miscounted) > 0 {
		t.Fatal("the hostile corpus found bugs (listed above)")
	}
	for _, reason := range []string{"too-large", "binary", "bad-gzip", "bad-json", "bad-warc", "empty", "no-text"} {
		if r.Quarantined[reason] == 0 {
			t.Errorf("no input quarantined as %s: the corpus lost its teeth", reason)
		}
	}
	if r.Inputs < 200 || r.Ingested == 0 {
		t.Errorf("%d inputs, %d ingested", r.Inputs, r.Ingested)
	}
}
