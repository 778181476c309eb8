package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
)

// newsArticle is the size of a PolNeAR article as the annotators leave
// it: 25 entities in 40 forms, 14 quotes.
func newsArticle(i int) *storyline.Article {
	a := &storyline.Article{ID: fmt.Sprint("n", i), Source: "bench", Title: "A day of the campaign", Outlet: "wire",
		BodyHash: fmt.Sprint("h", i), Published: storyline.Published{Date: fmt.Sprintf("2016-%02d-%02d", 1+i%12, 1+i%28)}}
	for b := range 11000 / 50 {
		a.Body += fmt.Sprintf("Sentence %d of the article tells what the candidate said. ", b)
	}
	for e := range 25 {
		ent := storyline.Entity{ID: fmt.Sprint("per-", (i*7+e)%400), Type: "person", Name: fmt.Sprint("Person ", e),
			Roles: []string{"senator"}, Mentions: []storyline.Mention{{Text: fmt.Sprint("Person ", e)}}}
		if e%2 == 0 {
			ent.Mentions = append(ent.Mentions, storyline.Mention{Text: fmt.Sprint("Mr ", e)})
		}
		a.Entities = append(a.Entities, ent)
	}
	for q := range 14 {
		a.Quotes = append(a.Quotes, storyline.Quote{Kind: "direct", Text: fmt.Sprint("we will win the state number ", q),
			Speaker: storyline.Speaker{Entity: fmt.Sprint("per-", (i*7+q)%400), Name: fmt.Sprint("Person ", q)}})
	}
	return a
}

// cpuTime is the processor time this process used so far.
func cpuTime() time.Duration {
	var r syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// BenchmarkSaveArticle measures storing one article with its findings,
// with the views of 0003 kept by triggers (views) and without (before).
func BenchmarkSaveArticle(b *testing.B) {
	for _, c := range []struct{ name, upTo string }{{"before-views", "0002_quote_day"}, {"with-views", ""}} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			db, err := openUpTo(ctx, filepath.Join(b.TempDir(), "bench.db"), c.upTo)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			b.ResetTimer()
			cpu0 := cpuTime()
			for i := range b.N {
				if err := db.SaveArticle(ctx, newsArticle(i), nil, fmt.Sprint("r", i)); err != nil {
					b.Fatal(err)
				}
			}
			// On a shared machine the wall clock mostly measures the others.
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
		})
	}
}
