package quote

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/entity"
	"github.com/storyline-news/storyline/internal/shared"
)

// devArticles loads the PolNeAR dev texts once per benchmark.
func devArticles(b *testing.B) []goldArticle {
	path, err := shared.Path("data/polnear/dev.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out []goldArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<26)
	for sc.Scan() {
		var g goldArticle
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			b.Fatal(err)
		}
		out = append(out, g)
	}
	return out
}

// BenchmarkAnnotate measures the quote extractor alone, on texts the
// entity recogniser has already annotated, in articles per second.
func BenchmarkAnnotate(b *testing.B) {
	ctx := context.Background()
	ents, err := entity.New(entity.Options{})
	if err != nil {
		b.Fatal(err)
	}
	gold := devArticles(b)
	arts := make([]storyline.Article, len(gold))
	for i, g := range gold {
		arts[i] = storyline.Article{Body: g.Text, Title: g.Title}
		if err := ents.Annotate(ctx, &arts[i]); err != nil {
			b.Fatal(err)
		}
	}
	x := New()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		a := &arts[n%len(arts)]
		a.Quotes = nil
		if err := x.Annotate(ctx, a); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
