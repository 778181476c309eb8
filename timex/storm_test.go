package timex

import (
	"context"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

// A sentence made of thousands of dates (a hostile input, or a table
// scraped without its cells) is read in time proportional to its length.
func BenchmarkDateStorm(b *testing.B) {
	body := "The minister said on " + strings.Repeat("March 3, 2016, ", 4000) + "that the base would stay."
	a := &storyline.Article{Body: body, Published: storyline.Published{Date: "2016-04-01", Method: storyline.DateMetadata},
		Quotes: []storyline.Quote{{Start: 0, End: 12, Speaker: storyline.Speaker{Start: 4, End: 12}}}}
	tg := New()
	for b.Loop() {
		if err := tg.Annotate(context.Background(), a); err != nil {
			b.Fatal(err)
		}
	}
}
