// Package shared locates the shared evaluation data and contract that sit
// beside the repository (../shared), so tests and evaluation commands can
// read them by relative path from any working directory.
package shared

import (
	"errors"
	"os"
	"path/filepath"
)

// EnvDir overrides where the shared folder is.
const EnvDir = "STORYLINE_SHARED"

// Dir returns the shared folder: $STORYLINE_SHARED, else the first
// "shared" folder holding data/ found beside the working directory or any
// of its parents.
func Dir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "shared")
		if st, err := os.Stat(filepath.Join(cand, "data")); err == nil && st.IsDir() {
			return cand, nil
		}
		if filepath.Dir(dir) == dir {
			return "", errors.New("shared data folder not found beside the repository; set " + EnvDir)
		}
	}
}

// Path joins rel (e.g. "data/polnear/dev.jsonl") to the shared folder.
func Path(rel string) (string, error) {
	d, err := Dir()
	if err != nil {
		return "", err
	}
	p := filepath.Join(d, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		return "", err
	}
	return p, nil
}
