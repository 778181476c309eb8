package entity

import (
	"sort"
	"strings"
	"sync"

	"github.com/storyline-news/storyline"
)

// Named is an entity as a corpus knows it: its id, canonical name and
// type, merged over the articles that mention it.
type Named struct {
	ID, Name, Type string
}

// Directory knows the people of a corpus by surname, as a reader of the
// whole pile would: an article that says only "Volkov" speaks of Dmitri
// Volkov when the corpus knows one Volkov, and "S. Lavrov" is Sergei Lavrov
// when no other Lavrov's first name starts with S. Two people who share the
// surname keep the bare name apart, and places, organisations and groups
// are never linked to people. It is safe for concurrent use.
type Directory struct {
	mu        sync.Mutex
	bySurname map[string][]Named
}

// NewDirectory returns an empty directory.
func NewDirectory() *Directory { return &Directory{bySurname: map[string][]Named{}} }

// Learn adds the people of es written with a first name and a surname.
func (d *Directory) Learn(es ...Named) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, e := range es {
		if f := strings.Fields(e.Name); e.Type == storyline.EntityPerson && len(f) > 1 && !isInitial(f[0]) {
			k := Key(f[len(f)-1])
			d.bySurname[k] = appendOnce(d.bySurname[k], e)
		}
	}
}

// LearnArticle adds the people an article names in full.
func (d *Directory) LearnArticle(a *storyline.Article) {
	for _, e := range a.Entities {
		d.Learn(Named{ID: e.ID, Name: e.Name, Type: e.Type})
	}
}

// Resolve gives the one full-named person a short name stands for.
func (d *Directory) Resolve(e Named) (Named, bool) {
	if e.Type != storyline.EntityPerson && e.Type != storyline.EntityOther {
		return Named{}, false
	}
	f := strings.Fields(e.Name)
	d.mu.Lock()
	defer d.mu.Unlock()
	var full []Named
	switch {
	case len(f) == 1:
		full = d.bySurname[Key(f[0])]
	case len(f) == 2 && isInitial(f[0]) && e.Type == storyline.EntityPerson:
		full = withInitial(d.bySurname[Key(f[1])], f[0][0])
	}
	if len(full) != 1 || full[0].ID == e.ID {
		return Named{}, false
	}
	return full[0], true
}

// Link gives the short-named people of an article the ids and names of
// the full-named people they stand for, in its entities and its quotes'
// speakers.
func (d *Directory) Link(a *storyline.Article) {
	renamed := map[string]Named{}
	for i := range a.Entities {
		e := &a.Entities[i]
		full, ok := d.Resolve(Named{ID: e.ID, Name: e.Name, Type: e.Type})
		if !ok {
			continue
		}
		renamed[e.ID] = full
		if !contains(e.Aliases, e.Name) {
			e.Aliases = append(e.Aliases, e.Name)
		}
		e.ID, e.Name, e.Type = full.ID, full.Name, full.Type
	}
	if len(renamed) == 0 {
		return
	}
	for i := range a.Quotes {
		if full, ok := renamed[a.Quotes[i].Speaker.Entity]; ok {
			a.Quotes[i].Speaker.Entity, a.Quotes[i].Speaker.Name = full.ID, full.Name
		}
	}
	a.Entities = mergeSameID(a.Entities)
}

// mergeSameID joins entities that came to share an id, keeping the order
// of first appearance.
func mergeSameID(es []storyline.Entity) []storyline.Entity {
	at := map[string]int{}
	out := es[:0]
	for _, e := range es {
		i, seen := at[e.ID]
		if !seen {
			at[e.ID] = len(out)
			out = append(out, e)
			continue
		}
		m := &out[i]
		m.Mentions = append(m.Mentions, e.Mentions...)
		sort.Slice(m.Mentions, func(x, y int) bool { return m.Mentions[x].Start < m.Mentions[y].Start })
		for _, s := range e.Aliases {
			if !contains(m.Aliases, s) {
				m.Aliases = append(m.Aliases, s)
			}
		}
		for _, s := range e.Roles {
			if !contains(m.Roles, s) {
				m.Roles = append(m.Roles, s)
			}
		}
	}
	return out
}

// withInitial keeps the full names whose first name starts with initial.
func withInitial(full []Named, initial byte) []Named {
	var out []Named
	for _, e := range full {
		if e.Name[0] == initial {
			out = append(out, e)
		}
	}
	return out
}

func appendOnce(list []Named, e Named) []Named {
	for _, x := range list {
		if x.ID == e.ID {
			return list
		}
	}
	return append(list, e)
}
