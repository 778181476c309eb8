// Package pipeline carries one input along the data's path: clean (plain
// text or HTML), then the annotators in order (entities, quotes, time),
// then fingerprinting for duplicate detection. Ingest (ingest.go) adds the
// batch around it: read, process in parallel, deduplicate, store, cluster.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/dedup"
)

// Pipeline turns inputs into annotated articles. It holds no per-input
// state, so one value serves many goroutines.
type Pipeline struct {
	Text       storyline.Cleaner
	HTML       storyline.Cleaner
	Annotators []storyline.Annotator
	// Learn feeds batch evidence (repeated lines per outlet) to the text
	// cleaner before it cleans; nil to skip.
	Learn func(group, text string)
	// Timeout bounds the work on one input; 0 means no bound.
	Timeout time.Duration
	// MaxBody bounds the cleaned text the annotators read, in bytes; 0
	// means no bound. A news article is a few tens of kilobytes: a body
	// of megabytes is a dump, a log or an attack, and reading it would
	// take the annotators far past any deadline.
	MaxBody int
}

// Process cleans and annotates one input. A failure is an
// *storyline.InputError naming the input, so the caller can quarantine it
// and go on; a panic in any stage is turned into such an error too, since
// hostile input must never stop a batch.
//
// With a Timeout, Process returns by the deadline even when a stage does
// not watch its context (a parser library, a rule gone quadratic on a
// hostile page): the stage is left to finish on its own goroutine, and
// its result is dropped.
func (p *Pipeline) Process(ctx context.Context, in *storyline.Input) (*storyline.Article, error) {
	// NUL has no place in text, and PostgreSQL cannot store it.
	in.Text = strings.ReplaceAll(in.Text, "\x00", "")
	if p.Timeout <= 0 {
		return p.process(ctx, in)
	}
	ctx, cancel := context.WithTimeout(ctx, p.Timeout)
	defer cancel()
	type result struct {
		a   *storyline.Article
		err error
	}
	done := make(chan result, 1) // buffered: an abandoned stage must not block for ever
	go func() {
		a, err := p.process(ctx, in)
		done <- result{a, err}
	}()
	select {
	case r := <-done:
		return r.a, r.err
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, &storyline.InputError{Source: in.Source, Reason: "timeout",
				Err: fmt.Errorf("not done within %s (--timeout)", p.Timeout)}
		}
		return nil, ctx.Err()
	}
}

func (p *Pipeline) process(ctx context.Context, in *storyline.Input) (a *storyline.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			a, err = nil, &storyline.InputError{Source: in.Source, Reason: "internal-error",
				Err: fmt.Errorf("panic: %v\n%s", r, firstLines(debug.Stack(), 12))}
		}
	}()
	cleaner := p.Text
	if in.Format == storyline.FormatHTML {
		cleaner = p.HTML
	}
	a, err = cleaner.Clean(ctx, in)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return nil, &storyline.InputError{Source: in.Source, Reason: "timeout", Err: err}
		}
		return nil, &storyline.InputError{Source: in.Source, Reason: "no-text", Err: err}
	}
	if p.MaxBody > 0 && len(a.Body) > p.MaxBody {
		return nil, &storyline.InputError{Source: in.Source, Reason: "too-large",
			Err: fmt.Errorf("its article text is %d bytes, over the %d-byte limit (--max-body)", len(a.Body), p.MaxBody)}
	}
	applyInput(a, in)
	for _, an := range p.Annotators {
		if err := an.Annotate(ctx, a); err != nil {
			return nil, inputError(in.Source, err)
		}
	}
	a.BodyHash, a.SimHash = dedup.Fingerprint(a.Body)
	return a, nil
}

func inputError(source string, err error) error {
	reason := "internal-error"
	if errors.Is(err, context.DeadlineExceeded) {
		reason = "timeout"
	}
	return &storyline.InputError{Source: source, Reason: reason, Err: err}
}

// applyInput gives the input's own metadata precedence over what the
// cleaner guessed: the user or the feed said it.
func applyInput(a *storyline.Article, in *storyline.Input) {
	a.ID = in.ID
	if a.ID == "" {
		a.ID = dedup.RawID(in.Raw)
	}
	a.Source = in.Source
	if in.URL != "" {
		a.URL = in.URL
	}
	if in.Title != "" {
		a.Title = in.Title
	}
	if in.Outlet != "" {
		a.Outlet = in.Outlet
	}
	if a.Language == "" {
		a.Language = "en"
	}
	if day, ok := metadataDay(in.Published); ok {
		a.Published = storyline.Published{Date: day, Earliest: day, Latest: day,
			Method: storyline.DateMetadata, Evidence: "input field published=" + in.Published}
		return
	}
	if a.Published.Date != "" {
		return
	}
	for _, address := range []string{a.URL, in.Source} {
		if day, ok := addressDay(address); ok {
			a.Published = storyline.Published{Date: day, Earliest: day, Latest: day,
				Method: storyline.DateMetadata, Evidence: "date in address " + address}
			return
		}
	}
}

// addressPattern finds a full date in a URL or file path ("/2015/10/02/",
// "anselm-2015-10-02.txt"): news sites and scrapers write the publication
// day there, and a year and month alone would be too coarse to trust.
var addressPattern = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})[-/_.](0[1-9]|1[0-2])[-/_.](0[1-9]|[12][0-9]|3[01])(?:[^0-9]|$)`)

func addressDay(address string) (string, bool) {
	m := addressPattern.FindStringSubmatch(address)
	if m == nil {
		return "", false
	}
	day := m[1] + "-" + m[2] + "-" + m[3]
	if _, err := time.Parse("2006-01-02", day); err != nil {
		return "", false
	}
	return day, true
}

var dayLayouts = []string{
	"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05",
	time.RFC1123Z, time.RFC1123, "January 2, 2006", "Jan 2, 2006", "2 January 2006", "02.01.2006",
}

// metadataDay reads a publication date given with the input.
func metadataDay(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	for _, layout := range dayLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}

func firstLines(b []byte, n int) string {
	lines := strings.SplitN(string(b), "\n", n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}
