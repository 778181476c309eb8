package hostile

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// SeedLimit bounds each fuzz seed: seeds run with every `go test`, so
// they must be small, and a fuzzer grows its inputs anyway.
const SeedLimit = 16 << 10

// Seeds gives fuzz targets their seed corpus: the start of every demo
// corpus file whose name matches one of patterns (e.g. "*.txt"), and one
// small hostile case of every kind whose file name matches them too.
func Seeds(patterns ...string) ([][]byte, error) {
	demo, err := demoDir()
	if err != nil {
		return nil, err
	}
	var seeds [][]byte
	err = filepath.WalkDir(demo, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !matches(d.Name(), patterns) {
			return err
		}
		b, err := os.ReadFile(path)
		seeds = append(seeds, b[:min(len(b), SeedLimit)])
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading demo seeds: %w", err)
	}
	samples, err := smallCases(patterns)
	return append(seeds, samples...), err
}

func matches(name string, patterns []string) bool {
	for _, p := range patterns {
		if ok, _ := filepath.Match(p, name); ok {
			return true
		}
	}
	return false
}

// smallCases writes one case of every kind, at a small scale, and keeps
// those matching patterns that fit in a seed.
func smallCases(patterns []string) ([][]byte, error) {
	dir, err := os.MkdirTemp("", "hostile-seeds-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	kinds := allKinds()
	cases, err := Generate(context.Background(), dir, Options{N: len(kinds), Seed: 1, MaxBytes: SeedLimit / 2, Huge: SeedLimit})
	if err != nil {
		return nil, err
	}
	var out [][]byte
	for _, c := range cases {
		if c.Size > SeedLimit || !matches(filepath.Base(c.Path), patterns) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(c.Path)))
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// demoDir finds the repository's demo corpus from the working directory,
// which for a test is its package's folder.
func demoDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "demo"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir || strings.TrimSpace(parent) == "" {
			return "", errors.New("demo corpus not found: no go.mod above the working directory")
		}
		dir = parent
	}
}
