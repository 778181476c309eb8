package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRefusesLoopbackUnlessAllowed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("hi")) }))
	defer srv.Close()
	_, _, err := New(Options{}).Get(context.Background(), srv.URL, false)
	if err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Fatalf("loopback fetched without permission: err=%v", err)
	}
	body, _, err := New(Options{AllowPrivate: true}).Get(context.Background(), srv.URL, false)
	if err != nil || string(body) != "hi" {
		t.Fatalf("allowed fetch: %q, %v", body, err)
	}
}

func TestRefusesOtherSchemes(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "gopher://x", "ftp://example.com/a"} {
		if _, _, err := New(Options{AllowPrivate: true}).Get(context.Background(), u, false); err == nil {
			t.Errorf("%s fetched", u)
		}
	}
}

func TestConditionalGet(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		_, _ = w.Write([]byte("<rss/>"))
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true, PerHost: time.Millisecond})
	if _, _, err := c.Get(context.Background(), srv.URL, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Get(context.Background(), srv.URL, true); !errors.Is(err, ErrNotModified) {
		t.Fatalf("second conditional get: %v, want ErrNotModified", err)
	}
	if hits.Load() != 2 {
		t.Errorf("server saw %d requests", hits.Load())
	}
}

func TestPerHostSpacing(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true, PerHost: 150 * time.Millisecond})
	start := time.Now()
	for range 3 {
		if _, _, err := c.Get(context.Background(), srv.URL, false); err != nil {
			t.Fatal(err)
		}
	}
	if took := time.Since(start); took < 300*time.Millisecond {
		t.Fatalf("3 requests to one host took %v, want at least 2 spacings of 150ms", took)
	}
}

func TestSizeLimitAndStatus(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/busy" {
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		_, _ = w.Write([]byte(strings.Repeat("x", 2000)))
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true, PerHost: time.Millisecond, MaxBytes: 1000})
	if _, _, err := c.Get(context.Background(), srv.URL+"/big", false); err == nil || !strings.Contains(err.Error(), "too-large") {
		t.Errorf("oversized body: %v", err)
	}
	_, _, err := c.Get(context.Background(), srv.URL+"/busy", false)
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 429 || se.RetryAfter != 2*time.Minute || !se.Temporary() {
		t.Errorf("busy server: %#v", err)
	}
}
