package http

import (
	"bytes"
	"container/list"
	"context"
	"net/http"
	"strings"
	"sync"
)

// Generational is a store that can tell whether it changed: its
// generation moves with every write. The SQLite store is one; with it the
// server keeps the pages and answers it rendered, as they stay true until
// the next write (by any process).
type Generational interface {
	Generation(ctx context.Context) (int64, error)
}

// defaultCacheBytes bounds the rendered responses kept.
const defaultCacheBytes = 64 << 20

// maxCachedResponse is the largest response kept: bigger ones (a long
// list asked for with a large limit) are rare and would crowd out pages.
const maxCachedResponse = 1 << 20

// responseCache keeps rendered responses of one generation, least recently
// used dropped first.
type responseCache struct {
	mu     sync.Mutex
	gen    int64
	budget int
	size   int
	order  *list.List // of *cachedResponse, most recent first
	byKey  map[string]*list.Element
}

type cachedResponse struct {
	key         string
	contentType string
	body        []byte
}

func newResponseCache(budget int) *responseCache {
	return &responseCache{budget: budget, order: list.New(), byKey: map[string]*list.Element{}}
}

func (c *responseCache) get(gen int64, key string) (*cachedResponse, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return nil, false
	}
	el, ok := c.byKey[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cachedResponse), true
}

func (c *responseCache) put(gen int64, r *cachedResponse) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen < c.gen {
		return
	}
	if gen > c.gen {
		c.gen, c.size = gen, 0
		c.order.Init()
		clear(c.byKey)
	}
	if old, ok := c.byKey[r.key]; ok {
		c.size -= len(old.Value.(*cachedResponse).body)
		c.order.Remove(old)
	}
	c.byKey[r.key] = c.order.PushFront(r)
	c.size += len(r.body)
	for c.size > c.budget {
		last := c.order.Back()
		gone := last.Value.(*cachedResponse)
		c.order.Remove(last)
		delete(c.byKey, gone.key)
		c.size -= len(gone.body)
	}
}

// cacheable reports whether a request's response may be kept: reads of
// pages and of the JSON API, not the raw inputs (attachments, large).
func cacheable(r *http.Request) bool {
	if r.Method != http.MethodGet || strings.HasPrefix(r.URL.Path, "/static/") {
		return false
	}
	return !strings.HasPrefix(r.URL.Path, "/api/articles/") || !strings.HasSuffix(r.URL.Path, "/raw")
}

// recorder captures a response while it is written.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	if r.body.Len() <= maxCachedResponse {
		r.body.Write(p)
	}
	return r.ResponseWriter.Write(p)
}

// serveCached answers from the cache, or routes the request and keeps a
// successful answer for the current generation.
func (s *Server) serveCached(w http.ResponseWriter, r *http.Request, gens Generational) {
	gen, err := gens.Generation(r.Context())
	if err != nil {
		s.mux.ServeHTTP(w, r) // the handler will meet and report the same trouble
		return
	}
	key := r.URL.RequestURI()
	if hit, ok := s.cache.get(gen, key); ok {
		w.Header().Set("Content-Type", hit.contentType)
		_, _ = w.Write(hit.body)
		return
	}
	rec := &recorder{ResponseWriter: w}
	s.mux.ServeHTTP(rec, r)
	if rec.status == http.StatusOK && rec.body.Len() <= maxCachedResponse {
		s.cache.put(gen, &cachedResponse{key: key, contentType: w.Header().Get("Content-Type"), body: bytes.Clone(rec.body.Bytes())})
	}
}
