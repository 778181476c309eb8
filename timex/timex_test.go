package timex

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/internal/shared"
)

// Published on Wednesday, December 13, 2017.
const dct = "2017-12-13"

func tag(t *testing.T, text string) []storyline.Timex {
	t.Helper()
	a := &storyline.Article{Body: text, Published: storyline.Published{Date: dct, Method: storyline.DateMetadata}}
	if err := New().Annotate(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a.Timexes
}

func TestExpressions(t *testing.T) {
	cases := []struct{ text, span, value string }{
		{"Putin ordered the withdrawal on December 11, 2017.", "December 11, 2017", "2017-12-11"},
		{"The deal was signed on March 16, 2016, in Geneva.", "March 16, 2016", "2016-03-16"},
		{"Talks began in January 2017.", "January 2017", "2017-01"},
		{"The station has served ships since 1971.", "1971", "1971"},
		{"Bombing began in fall 2015.", "fall 2015", "2015-FA"},
		{"The war has lasted since March 2011.", "March 2011", "2011-03"},
		{"Troops will leave by the end of 2017.", "the end of 2017", "2017"},
		{"Lavrov spoke on Tuesday.", "Tuesday", "2017-12-12"},
		{"The minister will travel on Friday.", "Friday", "2017-12-15"},
		{"It happened last December.", "last December", "2016-12"},
		{"It happened last November.", "last November", "2017-11"},
		{"The ships left two months ago.", "two months ago", "2017-10"},
		{"Prices rose over the next two months.", "the next two months", "P2M"},
		{"He spoke yesterday.", "yesterday", "2017-12-12"},
		{"The base is now half empty.", "now", "PRESENT_REF"},
		{"Parliament meets next year.", "next year", "2018"},
		{"She was in office in the 1990s.", "the 1990s", "199"},
		{"Profits fell in the third quarter.", "the third quarter", "2017-Q3"},
		{"The deal expires Dec. 31.", "Dec. 31", "2017-12-31"},
		{"It was a five-year lease.", "five-year", "P5Y"},
		{"The 2016 election changed everything.", "2016", "2016"},
	}
	for _, c := range cases {
		got := tag(t, c.text)
		if len(got) != 1 || got[0].Text != c.span || got[0].Value != c.value {
			t.Errorf("%q: got %+v, want %q = %s", c.text, got, c.span, c.value)
		}
	}
}

func TestFalseHits(t *testing.T) {
	for _, text := range []string{
		"It may rain a day after the vote.",
		"The march through the capital was peaceful.",
		"They may march again.",
		"The Sunday Times reported the story.",
		"About 1,700 sailors serve there.",
		"The fall of the government surprised nobody.",
	} {
		for _, tx := range tag(t, text) {
			if tx.Value != "" && tx.Text != "Sunday" {
				t.Errorf("%q: false hit %+v", text, tx)
			}
		}
	}
}

func TestQuoteDateAndEvents(t *testing.T) {
	body := "Lavrov said on Tuesday that the base would stay.\n\nThe lease was signed on March 16, 2016."
	a := &storyline.Article{Body: body, Published: storyline.Published{Date: dct},
		Quotes: []storyline.Quote{{Kind: "indirect", Text: "the base would stay", Start: 29, End: 48,
			Speaker: storyline.Speaker{Name: "Lavrov", Start: 0, End: 6}}}}
	if err := New().Annotate(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if a.Quotes[0].Date != "2017-12-12" {
		t.Errorf("quote date = %q, want the Tuesday before publication", a.Quotes[0].Date)
	}
	if len(a.Events) != 2 || a.Events[1].Date != "2016-03-16" || body[a.Events[1].Start:a.Events[1].End] != a.Events[1].Text {
		t.Errorf("events: %+v", a.Events)
	}
}

func TestInferWithoutMetadata(t *testing.T) {
	a := &storyline.Article{Body: "The president ordered the withdrawal on December 11, 2017. Officials said the ships left the port."}
	if err := New().Annotate(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	p := a.Published
	if p.Method != storyline.DateInferred || p.Earliest > "2017-12-11" || p.Latest < "2017-12-12" || p.Evidence == "" {
		t.Errorf("inferred %+v", p)
	}
	b := &storyline.Article{Body: "No date here at all."}
	_ = New().Annotate(context.Background(), b)
	if b.Published.Method != storyline.DateUnknown || b.Published.Date != "" {
		t.Errorf("a text without dates must say unknown: %+v", b.Published)
	}
}

func TestHeaderDate(t *testing.T) {
	cases := []struct{ body, want string }{
		{"Published: 12/11/2017\n\nThe minister spoke on Tuesday.", "2017-12-11"},
		{"December 11, 2017 10:32 GMT\nThe minister spoke on Monday.", "2017-12-11"},
		{"11.12.2017\nThe minister spoke.", "2017-12-11"},
		{"Updated Monday, Dec. 11, 2017 at 5 p.m. ET\nTroops left.", "2017-12-11"},
	}
	for _, c := range cases {
		a := &storyline.Article{Body: c.body}
		if err := New().Annotate(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if a.Published.Method != storyline.DateText || a.Published.Date != c.want || a.Published.Evidence == "" {
			t.Errorf("%q: got %+v, want %s from the header", c.body, a.Published, c.want)
		}
	}
	prose := &storyline.Article{Body: "Putin ordered the withdrawal on December 11, 2017, officials said on Tuesday."}
	if err := New().Annotate(context.Background(), prose); err != nil {
		t.Fatal(err)
	}
	if prose.Published.Method == storyline.DateText {
		t.Errorf("a sentence of the story is not a date line: %+v", prose.Published)
	}
}

func TestQuoteDateFromPresentTense(t *testing.T) {
	body := "“We will stay,” Lavrov says. “We will leave,” Shoigu said."
	quotes := []storyline.Quote{
		{Kind: storyline.QuoteDirect, Text: "We will stay", Start: 3, End: 15, Cue: "says", Speaker: storyline.Speaker{Name: "Lavrov", Start: 20, End: 26}},
		{Kind: storyline.QuoteDirect, Text: "We will leave", Start: 37, End: 50, Cue: "said", Speaker: storyline.Speaker{Name: "Shoigu", Start: 56, End: 62}},
	}
	a := &storyline.Article{Body: body, Quotes: append([]storyline.Quote(nil), quotes...), Published: storyline.Published{Date: dct, Method: storyline.DateMetadata}}
	if err := New().Annotate(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if a.Quotes[0].Date != dct || a.Quotes[1].Date != "" {
		t.Errorf("present-tense quote should get the publication day and past-tense one nothing: %q, %q", a.Quotes[0].Date, a.Quotes[1].Date)
	}
	inferred := &storyline.Article{Body: body, Quotes: append([]storyline.Quote(nil), quotes...)}
	inferred.Quotes[0].Date = ""
	if err := New().Annotate(context.Background(), inferred); err != nil {
		t.Fatal(err)
	}
	if inferred.Quotes[0].Date != "" {
		t.Errorf("an inferred publication day must not date quotes: %q", inferred.Quotes[0].Date)
	}
}

// The range is as wide as PolNeAR train says such clues leave the day
// (past dates there are often years old, and a future tense is often
// misread), but the best day follows what the text says.
func TestInferRangeIsHonest(t *testing.T) {
	recent := Infer("The president ordered the withdrawal on December 11, 2017. On Tuesday, the ships left the port.")
	old := Infer("The treaty was signed on March 16, 1997, and still stands.")
	if recent.Method != storyline.DateInferred || recent.Earliest > "2017-12-11" || recent.Latest < "2017-12-12" ||
		recent.Date < "2017-12-11" || recent.Date > "2017-12-18" {
		t.Fatalf("recent: %+v", recent)
	}
	if old.Earliest > "1997-03-16" || old.Latest <= "1997-12-31" {
		t.Errorf("a lone historical date must leave the range wide: %+v", old)
	}
	future := Infer("In 2015 the plan was drafted. The vote will be held on March 1, 2016.")
	if future.Date > "2016-03-01" || future.Date < "2015-01-01" || future.Earliest > "2016-01-01" {
		t.Errorf("a date looked forward to puts the best day before it: %+v", future)
	}
	none := Infer("No date here at all.")
	if none.Method != storyline.DateUnknown || none.Date != "" || none.Earliest != "1900-01-01" || none.Latest < "2026-01-01" {
		t.Errorf("a text without clues gets an open range and no day: %+v", none)
	}
}

func BenchmarkAnnotate(b *testing.B) {
	path, err := shared.Path("data/polnear/dev.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var bodies []string
	err = eachLine(context.Background(), path, func(_ int, raw []byte) error {
		var d struct{ Text string }
		if err := json.Unmarshal(raw, &d); err != nil {
			return err
		}
		bodies = append(bodies, d.Text)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	tagger := New()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := &storyline.Article{Body: bodies[i%len(bodies)]}
		if i%2 == 0 {
			a.Published = storyline.Published{Date: "2016-03-02", Method: storyline.DateMetadata}
		}
		if err := tagger.Annotate(context.Background(), a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func TestEventsAreClauses(t *testing.T) {
	body := "The treaty was signed on March 16, 2016, and ratified on Dec. 11; critics objected. It lasts 49 years."
	a := &storyline.Article{Body: body, Published: storyline.Published{Date: dct, Method: storyline.DateMetadata}}
	if err := New().Annotate(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	want := []storyline.DatedEvent{
		{Date: "2016-03-16", Granularity: storyline.GranularityDay, Text: "The treaty was signed on March 16, 2016"},
		{Date: "2017-12-11", Granularity: storyline.GranularityDay, Text: "ratified on Dec. 11"},
	}
	if len(a.Events) != len(want) {
		t.Fatalf("events %+v, want %d (a duration dates nothing)", a.Events, len(want))
	}
	for i, e := range a.Events {
		if e.Date != want[i].Date || e.Text != want[i].Text || body[e.Start:e.End] != e.Text {
			t.Errorf("event %d: %+v, want %+v", i, e, want[i])
		}
	}
}

func TestMetadataDateKept(t *testing.T) {
	a := &storyline.Article{Body: "Published: 01/02/2015\nHe spoke on Tuesday.", Published: storyline.Published{Date: "2017-12-13T10:32:00Z"}}
	if err := New().Annotate(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	p := a.Published
	if p.Date != dct || p.Method != storyline.DateMetadata || p.Earliest != dct || p.Latest != dct {
		t.Errorf("metadata must win and be normalised to its day: %+v", p)
	}
	if len(a.Timexes) < 2 || a.Timexes[len(a.Timexes)-1].Value != "2017-12-12" {
		t.Errorf("timexes must be read against the metadata day: %+v", a.Timexes)
	}
	bad := &storyline.Article{Body: "Troops left on December 11, 2017.", Published: storyline.Published{Date: "soon"}}
	if err := New().Annotate(context.Background(), bad); err != nil {
		t.Fatal(err)
	}
	if bad.Published.Method != storyline.DateInferred || !strings.Contains(bad.Published.Evidence, "soon") {
		t.Errorf("a bad metadata date is replaced and named: %+v", bad.Published)
	}
}
