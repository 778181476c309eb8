package quote

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/hostile"
	"github.com/storyline-news/storyline/hostile/invariant"
)

// FuzzAnnotate: every quote is a span of the body on rune boundaries whose
// text is the bytes there, of a known kind, with its speaker's words inside
// the body too; and reading the article again finds the same quotes.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{`"We will stay," he said.`, "“A\n\n“B”", `According to X, y z w.`, `said said said "`,
		"«Nous restons», a dit le ministre. „Wir bleiben“, sagte er.", `"Unclosed, he said. "Another," she said "`} {
		f.Add(s)
	}
	seeds, err := hostile.Seeds("*.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(string(s))
	}
	annotate := annotator(f)
	kinds := map[string]bool{storyline.QuoteDirect: true, storyline.QuoteIndirect: true, storyline.QuoteMixed: true}
	f.Fuzz(func(t *testing.T, body string) {
		body = strings.ToValidUTF8(body, "\ufffd") // bodies are always valid UTF-8
		a := &storyline.Article{Body: body}
		if err := annotate(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if err := invariant.Article(a); err != nil {
			t.Fatalf("%v in %q", err, body)
		}
		for _, q := range a.Quotes {
			if !kinds[q.Kind] {
				t.Fatalf("quote of kind %q", q.Kind)
			}
		}
		b := &storyline.Article{Body: body}
		if err := annotate(context.Background(), b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a.Quotes, b.Quotes) {
			t.Fatalf("two readings of %q found different quotes", body)
		}
	})
}
