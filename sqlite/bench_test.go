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

// BenchmarkSaveArticle measures storing one article with its findings:
// before the views of 0003 existed, with the views kept by the triggers
// of 0003-0007, with the views kept by the store (0008), and so in
// batches of 64 articles a transaction, as ingest stores them.
func BenchmarkSaveArticle(b *testing.B) {
	for _, c := range []struct {
		name, upTo string
		batch      int
	}{{"before-views", "0002_quote_day", 1}, {"view-triggers", "0007_timeline_links", 1}, {"with-views", "", 1},
		{"batched", "", 64}} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			db, err := openUpTo(ctx, filepath.Join(b.TempDir(), "bench.db"), c.upTo)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			arts := make([]*storyline.Article, b.N) // made before: a body is built of 220 sentences
			for i := range arts {
				arts[i] = newsArticle(i)
			}
			b.ResetTimer()
			cpu0 := cpuTime()
			var batch []storyline.StoredArticle
			for i := range b.N {
				batch = append(batch, storyline.StoredArticle{Article: arts[i], RawHash: fmt.Sprint("r", i)})
				if len(batch) < c.batch && i < b.N-1 {
					continue
				}
				if err := db.SaveArticles(ctx, batch); err != nil {
					b.Fatal(err)
				}
				batch = batch[:0]
			}
			// On a shared machine the wall clock mostly measures the others.
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/op")
		})
	}
}
