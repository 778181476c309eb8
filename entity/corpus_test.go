package entity

import (
	"testing"

	"github.com/storyline-news/storyline"
)

func TestCorpusLinks(t *testing.T) {
	p := storyline.EntityPerson
	es := []Named{
		{ID: "full-volkov", Name: "Dmitri Volkov", Type: p},
		{ID: "bare-volkov", Name: "Volkov", Type: p},
		{ID: "other-volkov", Name: "Volkov", Type: storyline.EntityOther},
		{ID: "initial-lavrov", Name: "S. Lavrov", Type: p},
		{ID: "full-lavrov", Name: "Sergey Lavrov", Type: p},
		{ID: "bush-a", Name: "George Bush", Type: p},
		{ID: "bush-b", Name: "Jeb Bush", Type: p},
		{ID: "bare-bush", Name: "Bush", Type: p},
		{ID: "place-haddad", Name: "Haddad", Type: storyline.EntityPlace},
		{ID: "full-haddad", Name: "Amira Haddad", Type: p},
		{ID: "initial-j", Name: "J. Bush", Type: p},
	}
	got := CorpusLinks(es)
	want := map[string]string{"bare-volkov": "full-volkov", "other-volkov": "full-volkov", "initial-lavrov": "full-lavrov", "initial-j": "bush-b"}
	if len(got) != len(want) {
		t.Errorf("links %v, want %v", got, want)
	}
	for from, to := range want {
		if got[from] != to {
			t.Errorf("%s -> %q, want %q", from, got[from], to)
		}
	}
}
