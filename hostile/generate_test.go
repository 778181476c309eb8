package hostile

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

func generate(t *testing.T, opts Options) (string, []Case) {
	t.Helper()
	dir := t.TempDir()
	cases, err := Generate(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return dir, cases
}

// TestGenerateIsDeterministic: one seed, one corpus, byte for byte; every
// kind is there, and each case is the size it says.
func TestGenerateIsDeterministic(t *testing.T) {
	opts := Options{N: len(allKinds()) + 20, Seed: 7, MaxBytes: 16 << 10, Huge: 64 << 10}
	dirA, a := generate(t, opts)
	dirB, b := generate(t, opts)
	_, c := generate(t, Options{N: opts.N, Seed: 8, MaxBytes: opts.MaxBytes, Huge: opts.Huge})
	if len(a) != opts.N || len(b) != opts.N {
		t.Fatalf("%d and %d cases, want %d", len(a), len(b), opts.N)
	}
	kinds := map[string]bool{}
	differ := 0
	for i := range a {
		kinds[a[i].Kind] = true
		if a[i].Path != b[i].Path {
			t.Fatalf("case %d is %s in one run and %s in another", i, a[i].Path, b[i].Path)
		}
		x := read(t, dirA, a[i])
		if !bytes.Equal(x, read(t, dirB, b[i])) {
			t.Errorf("case %s differs between two runs with one seed", a[i].Path)
		}
		if int64(len(x)) != a[i].Size && a[i].Kind != "sparse-terabyte" {
			t.Errorf("case %s holds %d bytes, says %d", a[i].Path, len(x), a[i].Size)
		}
		if c[i].Size != a[i].Size {
			differ++
		}
	}
	if len(kinds) != len(allKinds()) {
		t.Errorf("%d kinds of %d in the corpus", len(kinds), len(allKinds()))
	}
	if differ == 0 {
		t.Error("another seed wrote the same corpus")
	}
}

func read(t *testing.T, dir string, c Case) []byte {
	t.Helper()
	if c.Kind == "sparse-terabyte" {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(c.Path)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestOversizedCasesPassTheLimit: what is meant to be too large is.
func TestOversizedCasesPassTheLimit(t *testing.T) {
	const limit = 16 << 10
	_, cases := generate(t, Options{N: len(allKinds()), Seed: 1, MaxBytes: limit, Huge: 64 << 10})
	for _, c := range cases {
		if len(c.Expect) == 1 && c.Expect[0] == "too-large" && !isCompressed(c.Path) && c.Size <= limit {
			t.Errorf("%s: %d bytes is within the %d-byte limit", c.Path, c.Size, limit)
		}
	}
}

func isCompressed(path string) bool {
	ext := filepath.Ext(path)
	return ext == ".gz" || ext == ".zip"
}
