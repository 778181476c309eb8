package htmlclean

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"

	"github.com/storyline-news/storyline"
)

// page is one line of an evaluation set of saved web pages.
type page struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	HTMLFile  string `json:"html_file"`
	Body      string `json:"body"`      // extraction set: the true article text
	Published string `json:"published"` // date set: the true day
}

// eachPage reads an evaluation set and its gzipped pages.
func eachPage(ctx context.Context, path string, fn func(p page, html string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		var p page
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		raw, err := readGzip(filepath.Join(filepath.Dir(path), p.HTMLFile))
		if err != nil {
			return fmt.Errorf("%s: %w", p.HTMLFile, err)
		}
		if err := fn(p, decodeHTML(raw)); err != nil {
			return err
		}
	}
	return sc.Err()
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// Scores are the extraction benchmark's figures for one system.
type Scores struct {
	Precision, Recall, F1, Accuracy float64
	Pages                           int
	tp, fp, fn                      float64
	exact                           int
}

func (s *Scores) add(truth, got string) {
	t, g := shingles(truth), shingles(got)
	tp := 0
	for sh, n := range g {
		tp += min(n, t[sh])
	}
	fp, fn := total(g)-tp, total(t)-tp
	if n := float64(tp + fp + fn); n > 0 {
		// Normalised per page, so that long pages weigh no more than short.
		s.tp, s.fp, s.fn = s.tp+float64(tp)/n, s.fp+float64(fp)/n, s.fn+float64(fn)/n
	}
	if fp == 0 && fn == 0 {
		s.exact++
	}
	s.Pages++
}

func (s *Scores) finish() {
	if s.tp+s.fp > 0 {
		s.Precision = s.tp / (s.tp + s.fp)
	}
	if s.tp+s.fn > 0 {
		s.Recall = s.tp / (s.tp + s.fn)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	if s.Pages > 0 {
		s.Accuracy = float64(s.exact) / float64(s.Pages)
	}
}

var wordRe = regexp.MustCompile(`\w+`)

// shingles counts the 4-word shingles of a text, words being \w+ runs.
func shingles(text string) map[string]int {
	words := wordRe.FindAllString(text, -1)
	out := map[string]int{}
	if len(words) > 0 && len(words) < 4 {
		out[strings.Join(words, " ")]++
	}
	for i := 0; i+4 <= len(words); i++ {
		out[strings.Join(words[i:i+4], " ")]++
	}
	return out
}

func total(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

// ExtractionReport compares our extraction with go-trafilatura used bare.
type ExtractionReport struct {
	Ours, Bare Scores
	Took       time.Duration
}

func (r ExtractionReport) String() string {
	line := func(name string, s Scores) string {
		return fmt.Sprintf("  %-26s F1 %.3f  P %.3f  R %.3f  exact %.3f\n", name, s.F1, s.Precision, s.Recall, s.Accuracy)
	}
	return fmt.Sprintf("HTML extraction on %d pages (4-word shingles, per-page normalised), %s\n", r.Ours.Pages, r.Took.Round(time.Millisecond)) +
		line("storyline htmlclean", r.Ours) + line("go-trafilatura bare", r.Bare)
}

// EvaluateExtraction scores body extraction on a set of saved pages with
// their true text, next to go-trafilatura with its default options.
func EvaluateExtraction(ctx context.Context, devJSONL string) (ExtractionReport, error) {
	start := time.Now()
	var r ExtractionReport
	x := New()
	err := eachPage(ctx, devJSONL, func(p page, page string) error {
		got := ""
		if a, err := x.Clean(ctx, &storyline.Input{Source: p.ID, URL: p.URL, Text: page, Format: storyline.FormatHTML}); err == nil {
			got = a.Body
		}
		r.Ours.add(p.Body, got)
		bare := ""
		if res, err := trafilatura.Extract(strings.NewReader(page), trafilatura.Options{}); err == nil && res != nil {
			bare = res.ContentText
		}
		r.Bare.add(p.Body, bare)
		return nil
	})
	r.Ours.finish()
	r.Bare.finish()
	r.Took = time.Since(start)
	return r, err
}

// DateReport compares publication days from HTML with go-htmldate bare.
type DateReport struct {
	Pages, Ours, Bare, OursFound, BareFound int
}

func (r DateReport) String() string {
	pct := func(n int) float64 { return float64(n) / float64(max(r.Pages, 1)) }
	return fmt.Sprintf("publication day from HTML on %d pages\n  storyline htmlclean  exact-day accuracy %.3f (found %d)\n  go-htmldate bare     exact-day accuracy %.3f (found %d)\n",
		r.Pages, pct(r.Ours), r.OursFound, pct(r.Bare), r.BareFound)
}

// EvaluateDates scores the publication day we read from pages against the
// truth, next to go-htmldate with its default options; both get the page
// and its URL only.
func EvaluateDates(ctx context.Context, devJSONL string) (DateReport, error) {
	var r DateReport
	x := New()
	err := eachPage(ctx, devJSONL, func(p page, page string) error {
		r.Pages++
		if a, err := x.Clean(ctx, &storyline.Input{Source: p.ID, URL: p.URL, Text: page, Format: storyline.FormatHTML}); err == nil && a.Published.Date != "" {
			r.OursFound++
			if a.Published.Date == p.Published {
				r.Ours++
			}
		}
		if res, err := htmldate.FromReader(strings.NewReader(page), htmldate.Options{URL: p.URL}); err == nil && !res.DateTime.IsZero() {
			r.BareFound++
			if res.DateTime.Format(time.DateOnly) == p.Published {
				r.Bare++
			}
		}
		return nil
	})
	return r, err
}

// decodeHTML gives the page as UTF-8 text; evaluation pages are mostly
// UTF-8, and invalid bytes are replaced rather than failing a page.
func decodeHTML(raw []byte) string {
	return string(bytes.ToValidUTF8(raw, []byte("\uFFFD")))
}
