// Package feed watches RSS and Atom feeds and yields each new item's page
// as a storyline input, with the item's title, date and the feed's name.
package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/fetch"
)

// Watcher polls feeds with conditional requests and backs off from feeds
// that fail, doubling the wait up to MaxBackoff.
type Watcher struct {
	Client     *fetch.Client
	Interval   time.Duration // between polls of one feed [15m]
	MaxBackoff time.Duration // [6h]

	mu   sync.Mutex
	seen map[string]bool // item keys already yielded
}

// Poll reads a feed once and calls fn for each item not seen before: its
// page, fetched, or an error naming it. A feed that did not change since
// the last poll yields nothing.
func (w *Watcher) Poll(ctx context.Context, feedURL string, fn func(*storyline.Input, error) error) error {
	body, _, err := w.Client.Get(ctx, feedURL, true)
	if errors.Is(err, fetch.ErrNotModified) {
		return nil
	}
	if err != nil {
		return err
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return &storyline.InputError{Source: feedURL, Reason: "bad-feed", Err: err}
	}
	for _, item := range parsed.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		key := itemKey(item)
		if key == "" || !w.markSeen(key) {
			continue
		}
		if err := fn(w.itemInput(ctx, parsed, item)); err != nil {
			return err
		}
	}
	return nil
}

func (w *Watcher) markSeen(key string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	if w.seen[key] {
		return false
	}
	w.seen[key] = true
	return true
}

func itemKey(item *gofeed.Item) string {
	if item.GUID != "" {
		return item.GUID
	}
	return item.Link
}

// itemInput fetches the item's page. Where the page cannot be fetched but
// the feed carries the item's full content, that content is used instead.
func (w *Watcher) itemInput(ctx context.Context, f *gofeed.Feed, item *gofeed.Item) (*storyline.Input, error) {
	var in *storyline.Input
	var err error
	if item.Link != "" {
		in, err = w.Client.Page(ctx, item.Link)
	}
	if in == nil && item.Content != "" {
		in, err = &storyline.Input{Source: itemKey(item), URL: item.Link, Format: storyline.FormatHTML,
			Raw: []byte(item.Content)}, nil
	}
	if in == nil {
		if err == nil {
			err = &storyline.InputError{Source: itemKey(item), Reason: "no-text", Err: errors.New("feed item has no link and no content")}
		}
		return nil, err
	}
	in.Title = item.Title
	in.Outlet = f.Title
	in.Group = f.Title
	if item.PublishedParsed != nil {
		in.Published = item.PublishedParsed.UTC().Format(time.RFC3339)
	} else if item.UpdatedParsed != nil {
		in.Published = item.UpdatedParsed.UTC().Format(time.RFC3339)
	}
	return in, nil
}

// Watch polls every feed until ctx ends. A failing feed is retried after a
// growing wait (or the server's Retry-After); the others go on. onError
// hears about every failed poll.
func (w *Watcher) Watch(ctx context.Context, feeds []string, fn func(*storyline.Input, error) error, onError func(error)) error {
	interval, maxBackoff := w.Interval, w.MaxBackoff
	if interval == 0 {
		interval = 15 * time.Minute
	}
	if maxBackoff == 0 {
		maxBackoff = 6 * time.Hour
	}
	var mu sync.Mutex // fn is called from one feed at a time
	serial := func(in *storyline.Input, err error) error {
		mu.Lock()
		defer mu.Unlock()
		return fn(in, err)
	}
	errc := make(chan error, len(feeds))
	for _, u := range feeds {
		go func() { errc <- w.watchOne(ctx, u, interval, maxBackoff, serial, onError) }()
	}
	var first error
	for range feeds {
		if err := <-errc; err != nil && first == nil && !errors.Is(err, context.Canceled) {
			first = err
		}
	}
	return first
}

func (w *Watcher) watchOne(ctx context.Context, feedURL string, interval, maxBackoff time.Duration,
	fn func(*storyline.Input, error) error, onError func(error)) error {
	wait := time.Duration(0)
	failures := 0
	for {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		err := w.Poll(ctx, feedURL, fn)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err == nil {
			failures, wait = 0, interval
			continue
		}
		if onError != nil {
			onError(fmt.Errorf("polling %s: %w", feedURL, err))
		}
		failures++
		wait = backoff(interval, maxBackoff, failures, err)
	}
}

// backoff doubles the wait with every failure in a row, honouring a
// server's Retry-After when it asks for longer.
func backoff(interval, maxBackoff time.Duration, failures int, err error) time.Duration {
	wait := interval
	for i := 0; i < failures && wait < maxBackoff; i++ {
		wait *= 2
	}
	var se *fetch.StatusError
	if errors.As(err, &se) && se.RetryAfter > wait {
		wait = se.RetryAfter
	}
	return min(wait, maxBackoff)
}
