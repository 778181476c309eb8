package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/input"
)

// latency is the spread of one kind of query's response times.
type latency struct {
	name          string
	n, errors     int
	p50, p99, max time.Duration
}

// queryKind is one kind of query users make, over a rotating set of terms.
type queryKind struct {
	name string
	run  func(ctx context.Context, i int) error
}

// perKind bounds the time spent timing one kind of query (at least 5 are
// timed): a slow kind should not hold a benchmark up for an hour.
const perKind = 30 * time.Second

// measureLatencies times each kind of query n times in a row, after a
// short warm-up, one at a time: the latency a user waits, not throughput.
func measureLatencies(ctx context.Context, st storyline.Store, corpus string, n int, seed uint64) ([]latency, error) {
	kinds, err := queryKinds(ctx, st, corpus, seed)
	if err != nil {
		return nil, err
	}
	var out []latency
	for _, k := range kinds {
		for i := range min(3, n) {
			_ = k.run(ctx, i)
		}
		l := latency{name: k.name}
		times := make([]time.Duration, 0, n)
		deadline := time.Now().Add(perKind)
		for i := 0; i < n && (i < 5 || time.Now().Before(deadline)); i++ {
			t0 := time.Now()
			if err := k.run(ctx, i); err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				l.errors++
			}
			times = append(times, time.Since(t0))
		}
		l.n = len(times)
		sort.Slice(times, func(a, b int) bool { return times[a] < times[b] })
		l.p50, l.p99, l.max = times[len(times)/2], times[len(times)*99/100], times[len(times)-1]
		out = append(out, l)
	}
	return out, nil
}

func queryKinds(ctx context.Context, st storyline.Store, corpus string, seed uint64) ([]queryKind, error) {
	words, years, err := titleWords(ctx, corpus, 3000)
	if err != nil {
		return nil, err
	}
	ids, names, err := speakers(ctx, st, 50)
	if err != nil {
		return nil, err
	}
	if len(words) == 0 || len(ids) == 0 {
		return nil, fmt.Errorf("no search terms or speakers found in %s", corpus)
	}
	r := rand.New(rand.NewPCG(seed, 7))
	pick := func(list []string) []string {
		out := make([]string, 200)
		for i := range out {
			out[i] = list[r.IntN(len(list))]
		}
		return out
	}
	one, two, year := pick(words), pick(words), pick(years)
	search := func(q storyline.SearchQuery) error {
		_, err := st.Search(ctx, q)
		return err
	}
	quotes := func(speaker string) error {
		_, _, err := st.Quotes(ctx, storyline.QuoteFilter{Speaker: speaker, Limit: 50})
		return err
	}
	at := func(list []string, i int) string { return list[i%len(list)] }
	return []queryKind{
		{"search, one word", func(ctx context.Context, i int) error {
			return search(storyline.SearchQuery{Text: at(one, i), Limit: 20})
		}},
		{"search, two words", func(ctx context.Context, i int) error {
			return search(storyline.SearchQuery{Text: at(one, i) + " " + at(two, i), Limit: 20})
		}},
		{"search, word in a year", func(ctx context.Context, i int) error {
			y := at(year, i)
			return search(storyline.SearchQuery{Text: at(one, i), From: y + "-01-01", To: y + "-12-31", Limit: 20})
		}},
		{"search page 5", func(ctx context.Context, i int) error {
			return search(storyline.SearchQuery{Text: at(one, i), Limit: 20, Offset: 80})
		}},
		{"quotes by speaker id", func(ctx context.Context, i int) error { return quotes(at(ids, i)) }},
		{"quotes by speaker name", func(ctx context.Context, i int) error { return quotes(at(names, i)) }},
		{"entity page", func(ctx context.Context, i int) error {
			_, _, err := st.Entities(ctx, storyline.EntityFilter{ID: at(ids, i), Limit: 1, MaxArticles: 50})
			return err
		}},
		{"people list (front page)", func(ctx context.Context, i int) error {
			_, _, err := st.Entities(ctx, storyline.EntityFilter{Type: storyline.EntityPerson, Limit: 15, MaxArticles: 1})
			return err
		}},
	}, nil
}

var errEnough = errors.New("enough inputs read")

// titleWords reads the first n inputs' titles for words users would
// search for (six letters or more), and their publication years.
func titleWords(ctx context.Context, corpus string, n int) (words, years []string, err error) {
	seen := 0
	err = input.Walk(ctx, []string{corpus}, input.Options{}, func(in *storyline.Input, err error) error {
		if err != nil {
			return nil
		}
		for _, w := range strings.FieldsFunc(in.Title, func(c rune) bool { return !unicode.IsLetter(c) }) {
			if len(w) >= 6 && !stopWords[strings.ToLower(w)] {
				words = append(words, strings.ToLower(w))
			}
		}
		if len(in.Published) >= 4 {
			years = append(years, in.Published[:4])
		}
		if seen++; seen >= n {
			return errEnough
		}
		return nil
	})
	if errors.Is(err, errEnough) {
		err = nil
	}
	return words, years, err
}

// stopWords are long words full-text search drops, which would make
// empty queries.
var stopWords = map[string]bool{"should": true, "before": true, "during": true, "through": true, "against": true,
	"further": true, "itself": true, "having": true, "because": true, "between": true, "yourself": true, "themselves": true}

// speakers are the most quoted speakers among the first quotes stored.
func speakers(ctx context.Context, st storyline.Store, n int) (ids, names []string, err error) {
	qs, _, err := st.Quotes(ctx, storyline.QuoteFilter{Limit: 2000})
	if err != nil {
		return nil, nil, err
	}
	count, name := map[string]int{}, map[string]string{}
	for _, q := range qs {
		if q.Speaker.Entity != "" {
			count[q.Speaker.Entity]++
			name[q.Speaker.Entity] = q.Speaker.Name
		}
	}
	for id := range count {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		return count[ids[i]] > count[ids[j]] || (count[ids[i]] == count[ids[j]] && ids[i] < ids[j])
	})
	ids = ids[:min(n, len(ids))]
	for _, id := range ids {
		names = append(names, name[id])
	}
	return ids, names, nil
}

func printLatencies(w io.Writer, r runResult) {
	fmt.Fprintf(w, "\n%s latency over %d articles, one query at a time:\n", r.store, r.articles)
	fmt.Fprintf(w, "  %-24s %6s %9s %9s %9s %7s\n", "query", "n", "p50 ms", "p99 ms", "max ms", "errors")
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	for _, l := range r.latencies {
		fmt.Fprintf(w, "  %-24s %6d %9.2f %9.2f %9.2f %7d\n", l.name, l.n, ms(l.p50), ms(l.p99), ms(l.max), l.errors)
	}
}

// dedupScore compares the stored duplicates with the copies the
// generator planted.
type dedupScore struct {
	planted, right, other, missed, lost int
	falseDups, originals                int
}

func scoreDedup(ctx context.Context, st storyline.Store, t truth, stats storyline.Stats) (dedupScore, error) {
	s := dedupScore{planted: len(t.copies), originals: stats.Articles}
	for id, orig := range t.copies {
		a, err := st.Article(ctx, id)
		switch {
		case errors.Is(err, storyline.ErrNotFound):
			s.lost++ // quarantined
			continue
		case err != nil:
			return s, err
		}
		switch a.DuplicateOf {
		case orig:
			s.right++
		case "":
			s.missed++
		default:
			s.other++
		}
	}
	s.falseDups = stats.Duplicates - s.right - s.other
	return s, nil
}

func (s dedupScore) String() string {
	return fmt.Sprintf("deduplication: %d of %d planted copies found (%d of them pointing to another original), %d missed, %d not stored; "+
		"%d originals stored as duplicates (%.2f%% of originals)", s.right+s.other, s.planted, s.other, s.missed, s.lost,
		s.falseDups, 100*float64(s.falseDups)/float64(max(s.originals+s.falseDups, 1)))
}
