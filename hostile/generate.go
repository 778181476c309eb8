// Package hostile writes a corpus of bad inputs, deterministic from a
// seed: binary files, compression bombs, endless lines, deeply nested and
// truncated HTML, mixed and broken encodings, byte-order marks, NUL bytes,
// endless and unbalanced quotes, right-to-left text, emoji, pages of ten
// thousand paragraphs, broken JSON, JSONL and web-archive records, and
// hostile feeds. Every input storyline is given must end ingested or
// quarantined with a reason naming it; this corpus is how that is shown.
package hostile

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

// Outcome labels a case may expect. Quarantine reasons are the ones the
// pipeline gives (too-large, binary, empty, bad-gzip, bad-json, ...).
const (
	Ingested = "ingested" // stored as an article or as a duplicate of one
)

// Options shape a corpus.
type Options struct {
	N    int   // number of files [1000]
	Seed int64 // the same seed writes the same corpus
	// MaxBytes is the size limit of the ingest the corpus is meant for:
	// inputs meant to be too large are made just past it [50 MiB].
	MaxBytes int64
	// Huge is the size of the endless lines and the expansion of the
	// compression bombs [100 MiB, and at least 2*MaxBytes].
	Huge int64
}

func (o Options) withDefaults() Options {
	if o.N <= 0 {
		o.N = 1000
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 50 << 20
	}
	if o.Huge <= 0 {
		o.Huge = 100 << 20
	}
	o.Huge = max(o.Huge, 2*o.MaxBytes)
	return o
}

// Case is one generated file.
type Case struct {
	Path string // relative to the corpus folder, slash-separated
	Kind string // the family it belongs to, e.g. "gzip-bomb"
	Size int64  // bytes on disk
	// Inputs is how many inputs the file holds (JSONL lines, archived
	// pages); 0 means one or more, as for a broken archive.
	Inputs int
	// Expect lists the acceptable outcomes of its inputs: Ingested and
	// quarantine reasons. Empty means any outcome, as long as there is one.
	Expect []string
}

// kind is one family of hostile inputs.
type kind struct {
	name   string
	ext    string
	most   int // cases of this kind in one corpus, for the costly ones; 0: no bound
	expect []string
	// write fills the file and says how many inputs it holds (0: unknown).
	write func(g *gen, f *os.File) (inputs int, err error)
}

// gen carries the state of writing one case.
type gen struct {
	r     *rand.Rand
	index int
	opts  Options
}

// Generate writes opts.N files into dir (which must exist) and returns
// what each one is. The corpus depends only on opts.
func Generate(ctx context.Context, dir string, opts Options) ([]Case, error) {
	opts = opts.withDefaults()
	kinds := allKinds()
	used := make([]int, len(kinds))
	r := rand.New(rand.NewSource(opts.Seed))
	cases := make([]Case, 0, opts.N)
	for i := 0; len(cases) < opts.N; i++ {
		if err := ctx.Err(); err != nil {
			return cases, err
		}
		k := i % len(kinds)
		if kinds[k].most > 0 && used[k] >= kinds[k].most {
			continue
		}
		used[k]++
		g := &gen{r: rand.New(rand.NewSource(r.Int63())), index: len(cases), opts: opts}
		c, err := g.writeCase(dir, kinds[k])
		if err != nil {
			return cases, err
		}
		cases = append(cases, c)
	}
	return cases, nil
}

func (g *gen) writeCase(dir string, k kind) (Case, error) {
	rel := g.fileName(k)
	path := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return Case{}, fmt.Errorf("hostile case %s: %w", rel, err)
	}
	f, err := os.Create(path)
	if err != nil {
		return Case{}, fmt.Errorf("hostile case %s: %w", rel, err)
	}
	inputs, err := k.write(g, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Case{}, fmt.Errorf("writing hostile case %s: %w", rel, err)
	}
	info, err := os.Stat(path)
	if err != nil {
		return Case{}, fmt.Errorf("hostile case %s: %w", rel, err)
	}
	return Case{Path: rel, Kind: k.name, Size: info.Size(), Inputs: inputs, Expect: k.expect}, nil
}

// fileName numbers every case, and now and then gives it a name and a
// folder of the kind users' scrapers produce: spaces, scripts other than
// Latin, emoji, a leading dash.
func (g *gen) fileName(k kind) string {
	base := fmt.Sprintf("%04d-%s", g.index, k.name)
	switch g.index % 11 {
	case 3:
		base += " copy (2)"
	case 5:
		base += "-خبر-新闻-📰"
	case 7:
		base = "-" + base
	}
	folder := fmt.Sprintf("site-%d", g.index%7)
	if g.index%13 == 4 {
		folder += "/deeper/still deeper"
	}
	return folder + "/" + base + k.ext
}

// writeText streams what fill writes through a buffer into f.
func writeText(f *os.File, fill func(w *bufio.Writer) error) error {
	w := bufio.NewWriterSize(f, 1<<16)
	if err := fill(w); err != nil {
		return err
	}
	return w.Flush()
}

// document is a kind holding one input, the bytes build returns.
func document(name, ext string, expect []string, build func(g *gen) []byte) kind {
	return kind{name: name, ext: ext, expect: expect, write: func(g *gen, f *os.File) (int, error) {
		_, err := f.Write(build(g))
		return 1, err
	}}
}

// repeatTo writes unit over and over (and a tail of it) until size bytes
// are written.
func repeatTo(w io.Writer, unit string, size int64) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	for n := int64(0); n < size; {
		chunk := unit
		if rest := size - n; int64(len(chunk)) > rest {
			chunk = chunk[:rest]
		}
		k, err := bw.WriteString(chunk)
		if err != nil {
			return err
		}
		n += int64(k)
	}
	return bw.Flush()
}

// quarantined and ingestedOr spell out expectations.
func quarantined(reasons ...string) []string { return reasons }

func ingestedOr(reasons ...string) []string { return append([]string{Ingested}, reasons...) }

// allKinds lists every family, in the order cases cycle through them.
func allKinds() []kind {
	var ks []kind
	for _, group := range [][]kind{textKinds(), encodingKinds(), compressedKinds(), htmlKinds(),
		recordKinds(), archiveKinds(), feedKinds()} {
		ks = append(ks, group...)
	}
	return ks
}

// words of a size: a stand-in for text whose length, not content, matters.
func (g *gen) words(size int) string {
	var b strings.Builder
	for b.Len() < size {
		b.WriteString(g.paragraph())
		b.WriteByte(' ')
	}
	return b.String()[:size]
}
