package timex

import (
	"context"
	"testing"

	"github.com/storyline-news/storyline"
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

func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{"on Tuesday, Dec. 11, 2017", "May may March march 2016 1971s the 1990s", "31 February 2017"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		a := &storyline.Article{Body: body, Published: storyline.Published{Date: dct}}
		if err := New().Annotate(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		for _, tx := range a.Timexes {
			if tx.Start < 0 || tx.End > len(body) || body[tx.Start:tx.End] != tx.Text {
				t.Fatalf("bad timex %+v", tx)
			}
		}
	})
}
