package sqlite

import (
	"context"
	"sync"
)

// memo keeps answers computed in one generation of the corpus; a new
// generation (any write, by this process or another) empties it. Between
// ingests a served corpus does not change, and the same searches and
// pages are asked for again and again.
type memo struct {
	mu      sync.Mutex
	gen     int64
	entries map[any]any
	max     int
}

func newMemo(max int) *memo { return &memo{entries: map[any]any{}, max: max} }

func (m *memo) get(gen int64, key any) (any, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if gen != m.gen {
		return nil, false
	}
	v, ok := m.entries[key]
	return v, ok
}

func (m *memo) put(gen int64, key, v any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if gen != m.gen {
		if gen < m.gen {
			return // computed before a write another reader already saw
		}
		m.gen, m.entries = gen, map[any]any{}
	}
	if len(m.entries) >= m.max {
		for k := range m.entries { // an arbitrary victim: Go randomises map order
			delete(m.entries, k)
			break
		}
	}
	m.entries[key] = v
}

// cached returns the answer to key in the current generation, computing
// it on a miss. Cached values are shared: callers must not modify them.
func cached[V any](ctx context.Context, db *DB, key any, compute func() (V, error)) (V, error) {
	gen, err := db.generation(ctx)
	if err != nil {
		var zero V
		return zero, err
	}
	if v, ok := db.memo.get(gen, key); ok {
		return v.(V), nil
	}
	v, err := compute()
	if err == nil {
		db.memo.put(gen, key, v)
	}
	return v, err
}
