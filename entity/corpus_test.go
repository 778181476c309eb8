package entity

import (
	"testing"

	"github.com/storyline-news/storyline"
)

// TestDirectoryResolves: what a directory of a whole corpus's people links
// each short name to, and what it leaves alone (two Bushes, a place).
func TestDirectoryResolves(t *testing.T) {
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
	d := NewDirectory()
	d.Learn(es...)
	got := map[string]string{}
	for _, e := range es {
		if full, ok := d.Resolve(e); ok {
			got[e.ID] = full.ID
		}
	}
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

func TestDirectoryLinksArticles(t *testing.T) {
	d := NewDirectory()
	d.LearnArticle(&storyline.Article{Entities: []storyline.Entity{
		{ID: "per-dv", Name: "Dmitri Volkov", Type: storyline.EntityPerson},
		{ID: "plc-anselm", Name: "Port Anselm", Type: storyline.EntityPlace},
	}})
	a := &storyline.Article{
		Entities: []storyline.Entity{
			{ID: "per-v", Name: "Volkov", Type: storyline.EntityPerson, Aliases: []string{"Volkov"}, Mentions: []storyline.Mention{{Start: 10, End: 16}}},
			{ID: "per-dv", Name: "Dmitri Volkov", Type: storyline.EntityPerson, Mentions: []storyline.Mention{{Start: 0, End: 5}}},
			{ID: "ent-anselm", Name: "Anselm", Type: storyline.EntityOther},
		},
		Quotes: []storyline.Quote{{Speaker: storyline.Speaker{Entity: "per-v", Name: "Volkov", Mention: "Volkov"}}},
	}
	d.Link(a)
	if len(a.Entities) != 2 || a.Entities[0].ID != "per-dv" || len(a.Entities[0].Mentions) != 2 || a.Entities[0].Mentions[0].Start != 0 {
		t.Errorf("the bare surname did not join the full name: %+v", a.Entities)
	}
	if q := a.Quotes[0].Speaker; q.Entity != "per-dv" || q.Name != "Dmitri Volkov" || q.Mention != "Volkov" {
		t.Errorf("quote speaker: %+v", q)
	}
	if a.Entities[1].ID != "ent-anselm" {
		t.Errorf("a place's name was linked to a person: %+v", a.Entities[1])
	}
}
