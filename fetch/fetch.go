// Package fetch gets pages and feeds from the web for storyline, politely
// and safely: it refuses loopback, private and link-local addresses unless
// allowed (a URL in a feed must not reach the user's own network), waits
// between requests to one host, sends conditional requests, bounds sizes
// and times, and backs off from hosts that fail.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/storyline-news/storyline"
)

// Options configure a Client. Zero values take the defaults in brackets.
type Options struct {
	AllowPrivate bool          // allow loopback, private and link-local addresses [false]
	PerHost      time.Duration // least time between two requests to one host [1s]
	Timeout      time.Duration // one request, headers to last byte [30s]
	MaxBytes     int64         // largest body accepted [50 MiB]
	UserAgent    string        // [storyline/1 (+news research)]
}

// Client fetches over HTTP with the safeguards above.
type Client struct {
	opts  Options
	http  *http.Client
	mu    sync.Mutex
	next  map[string]time.Time // host -> earliest time of its next request
	cache map[string]validators
}

// validators are what a server gave us to ask "has it changed?".
type validators struct {
	etag, lastModified string
}

// ErrNotModified is returned when a conditional request finds no change.
var ErrNotModified = errors.New("not modified")

// New makes a client.
func New(opts Options) *Client {
	if opts.PerHost == 0 {
		opts.PerHost = time.Second
	}
	if opts.Timeout == 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.MaxBytes == 0 {
		opts.MaxBytes = 50 << 20
	}
	if opts.UserAgent == "" {
		opts.UserAgent = "storyline/1 (+news research)"
	}
	c := &Client{opts: opts, next: map[string]time.Time{}, cache: map[string]validators{}}
	dialer := &net.Dialer{Timeout: 10 * time.Second, Control: c.checkAddress}
	transport := &http.Transport{DialContext: dialer.DialContext, Proxy: nil,
		TLSHandshakeTimeout: 10 * time.Second, ResponseHeaderTimeout: opts.Timeout, MaxIdleConnsPerHost: 2}
	c.http = &http.Client{Transport: transport, Timeout: opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("more than 5 redirects")
			}
			return checkScheme(req.URL)
		}}
	return c
}

// checkAddress runs on the resolved address of every connection, redirects
// included, so a hostname that resolves to 127.0.0.1 is caught too.
func (c *Client) checkAddress(network, address string, _ syscall.RawConn) error {
	if c.opts.AllowPrivate {
		return nil
	}
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() {
		return fmt.Errorf("refusing to connect to %s: loopback, private or link-local address (allow with --allow-private)", host)
	}
	return nil
}

func checkScheme(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("refusing %s: only http and https are fetched", u.Redacted())
	}
	return nil
}

// Get fetches rawURL. With conditional set, it sends the validators of the
// last answer and returns ErrNotModified when the server says nothing
// changed. Errors name the URL.
func (c *Client) Get(ctx context.Context, rawURL string, conditional bool) (body []byte, header http.Header, err error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: not a URL: %w", rawURL, err)
	}
	if err := checkScheme(u); err != nil {
		return nil, nil, err
	}
	if err := c.wait(ctx, u.Host); err != nil {
		return nil, nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", rawURL, err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	if conditional {
		c.setValidators(req, rawURL)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, fmt.Errorf("fetching %s: %w", rawURL, err)
	}
	defer resp.Body.Close()
	if err := c.checkStatus(resp, rawURL); err != nil {
		return nil, resp.Header, err
	}
	body, err = io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", rawURL, err)
	}
	if int64(len(body)) > c.opts.MaxBytes {
		return nil, nil, &storyline.InputError{Source: rawURL, Reason: "too-large",
			Err: fmt.Errorf("over %d bytes", c.opts.MaxBytes)}
	}
	c.remember(rawURL, resp.Header)
	return body, resp.Header, nil
}

// StatusError is an HTTP answer other than 200, with the wait the server
// asked for (Retry-After), if any.
type StatusError struct {
	URL        string
	Status     int
	RetryAfter time.Duration
}

func (e *StatusError) Error() string { return fmt.Sprintf("fetching %s: HTTP %d", e.URL, e.Status) }

// Temporary reports whether trying again later may succeed.
func (e *StatusError) Temporary() bool { return e.Status == 429 || e.Status >= 500 }

func (c *Client) checkStatus(resp *http.Response, rawURL string) error {
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return ErrNotModified
	case resp.StatusCode == http.StatusOK:
		return nil
	}
	se := &StatusError{URL: rawURL, Status: resp.StatusCode}
	if s, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && s > 0 {
		se.RetryAfter = time.Duration(s) * time.Second
	}
	return se
}

// wait holds the request until the host's turn comes.
func (c *Client) wait(ctx context.Context, host string) error {
	c.mu.Lock()
	now := time.Now()
	at := c.next[host]
	if at.Before(now) {
		at = now
	}
	c.next[host] = at.Add(c.opts.PerHost)
	c.mu.Unlock()
	if d := time.Until(at); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

func (c *Client) setValidators(req *http.Request, key string) {
	c.mu.Lock()
	v := c.cache[key]
	c.mu.Unlock()
	if v.etag != "" {
		req.Header.Set("If-None-Match", v.etag)
	}
	if v.lastModified != "" {
		req.Header.Set("If-Modified-Since", v.lastModified)
	}
}

func (c *Client) remember(key string, h http.Header) {
	v := validators{etag: h.Get("ETag"), lastModified: h.Get("Last-Modified")}
	if v == (validators{}) {
		return
	}
	c.mu.Lock()
	c.cache[key] = v
	c.mu.Unlock()
}

// Page fetches one article page as an input for the pipeline. Text is left
// for the caller to decode, as for files.
func (c *Client) Page(ctx context.Context, rawURL string) (*storyline.Input, error) {
	body, header, err := c.Get(ctx, rawURL, false)
	if err != nil {
		var ie *storyline.InputError
		if errors.As(err, &ie) {
			return nil, err
		}
		return nil, &storyline.InputError{Source: rawURL, Reason: "fetch-failed", Err: err}
	}
	format := storyline.FormatHTML
	if ct := header.Get("Content-Type"); len(ct) >= 10 && ct[:10] == "text/plain" {
		format = storyline.FormatText
	}
	return &storyline.Input{Source: rawURL, URL: rawURL, Format: format, Raw: body}, nil
}
