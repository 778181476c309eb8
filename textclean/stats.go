package textclean

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// LineStats counts, per group of inputs (an outlet, a host, a folder), in
// how many documents each short line occurs. A line that many documents of
// one group share is the site's boilerplate, whatever its wording.
type LineStats struct {
	mu    sync.Mutex
	docs  map[string]int
	lines map[string]map[uint64]int
}

// Lines longer than this are never counted: boilerplate is short, and a
// long shared paragraph is more likely a syndicated copy.
const maxStatWords = 40

// maxLinesPerGroup bounds memory on very large batches.
const maxLinesPerGroup = 500_000

// NewLineStats returns empty statistics.
func NewLineStats() *LineStats {
	return &LineStats{docs: map[string]int{}, lines: map[string]map[uint64]int{}}
}

// Add counts the distinct lines of one document of group.
func (s *LineStats) Add(group, text string) {
	seen := map[uint64]bool{}
	for _, l := range strings.Split(text, "\n") {
		if h, ok := lineHash(l); ok {
			seen[h] = true
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[group]++
	counts := s.lines[group]
	if counts == nil {
		counts = map[uint64]int{}
		s.lines[group] = counts
	}
	for h := range seen {
		if _, ok := counts[h]; ok || len(counts) < maxLinesPerGroup {
			counts[h]++
		}
	}
}

// isBoilerplate reports whether a line recurs in at least three documents
// of its group and in at least a fifth of them.
func (s *LineStats) isBoilerplate(group, text string) bool {
	if s == nil {
		return false
	}
	h, ok := lineHash(text)
	if !ok {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	docs := s.docs[group]
	n := s.lines[group][h]
	return docs >= 4 && n >= 3 && n*5 >= docs
}

// lineHash is the FNV-64a hash of normKey(l), streamed: every line of every
// page is hashed, and most are too long to count.
func lineHash(l string) (uint64, bool) {
	const offset, prime = 14695981039346656037, 1099511628211
	h, words, empty := uint64(offset), 1, true
	var buf [utf8.UTFMax]byte
	eachKeyRune(l, func(r rune) {
		if r == ' ' {
			words++
		}
		empty = false
		for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
			h = (h ^ uint64(c)) * prime
		}
	})
	if empty || words > maxStatWords {
		return 0, false
	}
	return h, true
}
