package synth

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// WriteJSONL writes articles 0..n-1 to w, one JSON object a line.
func (g *Generator) WriteJSONL(ctx context.Context, w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	err := g.Each(ctx, n, func(_ int, a *Article) error { return enc.Encode(a) })
	if err != nil {
		return err
	}
	return bw.Flush()
}

// perFolder keeps folders small enough for any file system and tool.
const perFolder = 1000

// WriteDir writes articles 0..n-1 into dir as one JSON file each, a
// thousand to a subfolder: the shape of a scraper's output folder.
func (g *Generator) WriteDir(ctx context.Context, dir string, n int) error {
	return g.Each(ctx, n, func(i int, a *Article) error {
		sub := filepath.Join(dir, fmt.Sprintf("%04d", i/perFolder))
		if i%perFolder == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return fmt.Errorf("writing corpus: %w", err)
			}
		}
		b, err := json.Marshal(a)
		if err != nil {
			return err
		}
		path := filepath.Join(sub, a.ID+".json")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return fmt.Errorf("writing corpus: %w", err)
		}
		return nil
	})
}

// Write writes articles 0..n-1 to out: a .jsonl or .jsonl.gz file, "-"
// for stdout as JSONL, or else a folder of JSON files.
func (g *Generator) Write(ctx context.Context, out string, stdout io.Writer, n int) error {
	switch {
	case out == "-":
		return g.WriteJSONL(ctx, stdout, n)
	case strings.HasSuffix(out, ".jsonl"), strings.HasSuffix(out, ".jsonl.gz"):
		return g.writeFile(ctx, out, n)
	default:
		return g.WriteDir(ctx, out, n)
	}
}

func (g *Generator) writeFile(ctx context.Context, path string, n int) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("writing corpus: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("writing corpus %s: %w", path, cerr)
		}
	}()
	var w io.Writer = f
	if strings.HasSuffix(path, ".gz") {
		zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed) // the generator, not gzip, should bound the speed
		defer func() {
			if cerr := zw.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("writing corpus %s: %w", path, cerr)
			}
		}()
		w = zw
	}
	if err := g.WriteJSONL(ctx, w, n); err != nil {
		return fmt.Errorf("writing corpus %s: %w", path, err)
	}
	return nil
}
