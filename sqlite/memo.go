package sqlite

import (
	"context"
	"errors"
	"sync"
)

// memo keeps answers computed in one generation of the corpus; a new
// generation (any write, by this process or another) empties it. Between
// ingests a served corpus does not change, and the same searches and
// pages are asked for again and again. Concurrent misses for one answer
// compute it once: fifty clients asking for a new search at the same
// moment would otherwise run it fifty times.
type memo struct {
	mu      sync.Mutex
	gen     int64
	entries map[any]any
	pending map[pendingKey]*pending
	max     int
}

type pendingKey struct {
	gen int64
	key any
}

// pending is an answer being computed; done closes when v and err are set.
type pending struct {
	done chan struct{}
	v    any
	err  error
}

func newMemo(max int) *memo {
	return &memo{entries: map[any]any{}, pending: map[pendingKey]*pending{}, max: max}
}

// lookup returns a kept answer, or the computation already under way for
// it, or registers the caller's own (leader true).
func (m *memo) lookup(gen int64, key any) (v any, ok bool, p *pending, leader bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if gen == m.gen {
		if v, ok := m.entries[key]; ok {
			return v, true, nil, false
		}
	}
	pk := pendingKey{gen, key}
	if p := m.pending[pk]; p != nil {
		return nil, false, p, false
	}
	p = &pending{done: make(chan struct{})}
	m.pending[pk] = p
	return nil, false, p, true
}

// finish records the leader's answer and wakes those waiting for it.
func (m *memo) finish(gen int64, key any, p *pending, v any, err error) {
	p.v, p.err = v, err
	close(p.done)
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.pending, pendingKey{gen, key})
	if err != nil || gen < m.gen {
		return // a failure is not kept, nor an answer a newer write made stale
	}
	if gen > m.gen {
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
	var zero V
	gen, err := db.Generation(ctx)
	if err != nil {
		return zero, err
	}
	v, ok, p, leader := db.memo.lookup(gen, key)
	if ok {
		return v.(V), nil
	}
	if leader {
		v, err := compute()
		db.memo.finish(gen, key, p, v, err)
		return v, err
	}
	select {
	case <-p.done:
	case <-ctx.Done():
		return zero, ctx.Err()
	}
	if errors.Is(p.err, context.Canceled) || errors.Is(p.err, context.DeadlineExceeded) {
		return compute() // the leader's client gave up; this one has not
	}
	if p.err != nil {
		return zero, p.err
	}
	return p.v.(V), nil
}
