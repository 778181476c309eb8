package timex

import (
	"context"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/internal/shared"
)

func TestQuoteDateUnderAnInferredRange(t *testing.T) {
	body := "Lavrov said Wednesday that the base would stay. Shoigu said on Dec. 11, 2017, that ships would leave."
	quotes := []storyline.Quote{
		{Kind: storyline.QuoteIndirect, Text: "the base would stay", Start: 27, End: 46, Cue: "said", Speaker: storyline.Speaker{Name: "Lavrov", Start: 0, End: 6}},
		{Kind: storyline.QuoteIndirect, Text: "ships would leave", Start: 83, End: 100, Cue: "said", Speaker: storyline.Speaker{Name: "Shoigu", Start: 48, End: 54}},
	}
	cases := []struct {
		best, earliest, latest string
		want                   [2]string
	}{
		{"2017-12-14", "2017-12-14", "2017-12-15", [2]string{"2017-12-13", "2017-12-11"}}, // Thursday or Friday: the Wednesday before both
		{"2017-12-14", "2017-12-12", "2017-12-20", [2]string{"", "2017-12-11"}},           // a week and more: which Wednesday is unknown
	}
	for _, c := range cases {
		a := &storyline.Article{Body: body, Quotes: append([]storyline.Quote(nil), quotes...),
			Published: storyline.Published{Date: c.best, Earliest: c.earliest, Latest: c.latest, Method: storyline.DateInferred}}
		if err := New().Annotate(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		for i, q := range a.Quotes {
			if q.Date != c.want[i] {
				t.Errorf("range %s..%s: quote %d dated %q, want %q", c.earliest, c.latest, i, q.Date, c.want[i])
			}
		}
	}
}

// Whatever range the text alone gives, a quote's day must be the one its
// words name against every day of that range.
func TestQuoteDateFromTextAlone(t *testing.T) {
	body := "The president ordered the withdrawal on December 11, 2017. On Tuesday, Lavrov said Wednesday's talks had failed."
	a := &storyline.Article{Body: body, Quotes: []storyline.Quote{{Kind: storyline.QuoteIndirect, Text: "Wednesday's talks had failed",
		Start: 84, End: 112, Cue: "said", Speaker: storyline.Speaker{Name: "Lavrov", Start: 72, End: 78}}}}
	if err := New().Annotate(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	p, q := a.Published, a.Quotes[0]
	if p.Method != storyline.DateInferred || p.Earliest > "2017-12-11" || p.Latest < "2017-12-13" {
		t.Fatalf("inferred %+v", p)
	}
	if q.Date == "" {
		return
	}
	from, _ := time.Parse("2006-01-02", p.Earliest)
	to, _ := time.Parse("2006-01-02", p.Latest)
	for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
		if got := weekdayDate(d, 2, 0, past); dayValue(got) != q.Date {
			t.Fatalf("quote dated %s, but against %s 'Tuesday' is %s", q.Date, dayValue(d), dayValue(got))
		}
	}
}

func TestRecurringAndClockTimes(t *testing.T) {
	cases := []struct{ text, span, value string }{
		{"The shop closes on Mondays.", "Mondays", "XXXX-WXX-1"},
		{"Flights leave on Tuesday nights.", "Tuesday nights", "XXXX-WXX-2TNI"},
		{"Flights leave on Monday and Tuesday nights.", "Monday", "XXXX-WXX-1TNI"},
		{"It pays $100 million in interest every quarter.", "every quarter", "P1Q"},
		{"They sell fifty thousand CDs a year.", "a year", "P1Y"},
		{"By mid afternoon the shelling had stopped.", "mid afternoon", dct + "TAF"},
		{"The offer had been due to expire Friday evening.", "Friday evening", "2017-12-08TEV"},
		{"The offer will expire Friday evening.", "Friday evening", "2017-12-15TEV"},
	}
	for _, c := range cases {
		got := tag(t, c.text)
		if len(got) == 0 || got[0].Text != c.span || got[0].Value != c.value {
			t.Errorf("%q: got %+v, want %q = %s", c.text, got, c.span, c.value)
		}
	}
}

// BenchmarkInfer times inference from text alone on PolNeAR dev, the
// path of every article that comes without a date.
func BenchmarkInfer(b *testing.B) {
	path, err := shared.Path("data/polnear/dev.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var bodies []string
	err = eachPubDate(context.Background(), path, -1, func(d pubDateDoc, _ time.Time) { bodies = append(bodies, d.Text) })
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fromTextAt(bodies[i%len(bodies)], now)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func TestInferNeverAfterNow(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	p := fromTextAt("The colony will be founded in 2099.", now)
	if p.Latest > "2026-12-01" || p.Date > "2026-12-01" || p.Earliest > p.Date {
		t.Errorf("a far plan must not date the text after now: %+v", p)
	}
}
