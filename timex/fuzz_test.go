package timex

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/hostile"
	"github.com/storyline-news/storyline/hostile/invariant"
)

// FuzzAnnotate: every temporal expression and dated event is a span of
// the body whose text is the bytes there; the publication date, given or
// inferred, is a real day inside its own bounds; and annotating the
// article again changes nothing.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{"on Tuesday, Dec. 11, 2017", "May may March march 2016 1971s the 1990s", "31 February 2017",
		"at 3 p.m. last year, next week, two months ago; by fall 2015 — and Dec. 31", "9999-99-99 0000 1e9 12/31/99"} {
		f.Add(s, dct)
	}
	seeds, err := hostile.Seeds("*.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(string(s), "")
	}
	f.Fuzz(func(t *testing.T, body, published string) {
		body = strings.ToValidUTF8(body, "\ufffd") // bodies are always valid UTF-8
		a := &storyline.Article{Body: body, Published: storyline.Published{Date: published}}
		if err := New().Annotate(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if err := invariant.Article(a); err != nil {
			t.Fatalf("%v in %q", err, body)
		}
		checkPublished(t, a.Published)
		again := *a
		again.Timexes, again.Events = nil, nil
		if err := New().Annotate(context.Background(), &again); err != nil {
			t.Fatal(err)
		}
		// The evidence may change (it says when a given date was no date);
		// the date itself may not.
		again.Published.Evidence = a.Published.Evidence
		if !reflect.DeepEqual(a.Timexes, again.Timexes) || !reflect.DeepEqual(a.Events, again.Events) || a.Published != again.Published {
			t.Fatalf("annotating %q again changed it", body)
		}
		for _, p := range []storyline.Published{FromText(body), Infer(body)} {
			checkPublished(t, p)
		}
	})
}

func checkPublished(t *testing.T, p storyline.Published) {
	t.Helper()
	if p.Date == "" {
		return
	}
	for _, d := range []string{p.Date, p.Earliest, p.Latest} {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			t.Fatalf("publication date %+v: %v", p, err)
		}
	}
	if p.Earliest > p.Date || p.Date > p.Latest {
		t.Fatalf("publication date outside its own bounds: %+v", p)
	}
}
