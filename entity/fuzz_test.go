package entity

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/hostile"
	"github.com/storyline-news/storyline/hostile/invariant"
)

// FuzzAnnotate: every mention lies on rune boundaries inside the body with
// its text equal to the bytes there, every entity has an id, a type and a
// mention, and annotating again finds the same entities.
func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{"Russian Foreign Minister Sergei Lavrov met the Organisation of American States (OAS).",
		"President Amira Haddad of Maravia said. Haddad left.", "(A) (B) ((C)) Mr. . Dr"} {
		f.Add(s)
	}
	seeds, err := hostile.Seeds("*.txt")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(string(s))
	}
	r, err := New(Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		body = strings.ToValidUTF8(body, "\ufffd") // bodies are always valid UTF-8
		a := &storyline.Article{Body: body}
		if err := r.Annotate(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if err := invariant.Article(a); err != nil {
			t.Fatalf("%v in %q", err, body)
		}
		for _, e := range a.Entities {
			if e.ID == "" || e.Type == "" || len(e.Mentions) == 0 {
				t.Fatalf("entity without id, type or mention: %+v", e)
			}
		}
		b := &storyline.Article{Body: body}
		if err := r.Annotate(context.Background(), b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a.Entities, b.Entities) {
			t.Fatalf("two runs over %q found different entities", body)
		}
	})
}
