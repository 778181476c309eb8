package entity

import (
	"strings"

	"github.com/storyline-news/storyline"
)

// Named is an entity as a corpus knows it: its id, canonical name and
// type, merged over the articles that mention it.
type Named struct {
	ID, Name, Type string
}

// CorpusLinks links the short names of a corpus to the one full name they
// stand for, as a reader of the whole pile would: an article that says only
// "Volkov" speaks of Dmitri Volkov when the corpus knows one Volkov, and "S.
// Lavrov" is Sergei Lavrov when no other Lavrov's first name starts with S.
// Two people who share the surname keep the bare name apart, and places,
// organisations and groups are never linked to people. The map goes from
// the short entity's id to the full one's.
func CorpusLinks(es []Named) map[string]string {
	bySurname := map[string][]Named{}
	for _, e := range es {
		if f := strings.Fields(e.Name); e.Type == storyline.EntityPerson && len(f) > 1 && !isInitial(f[0]) {
			k := Key(f[len(f)-1])
			bySurname[k] = appendOnce(bySurname[k], e)
		}
	}
	links := map[string]string{}
	for _, e := range es {
		if e.Type != storyline.EntityPerson && e.Type != storyline.EntityOther {
			continue
		}
		f := strings.Fields(e.Name)
		switch {
		case len(f) == 1:
			if full := bySurname[Key(f[0])]; len(full) == 1 && full[0].ID != e.ID {
				links[e.ID] = full[0].ID
			}
		case len(f) == 2 && isInitial(f[0]) && e.Type == storyline.EntityPerson:
			if full := withInitial(bySurname[Key(f[1])], f[0][0]); len(full) == 1 {
				links[e.ID] = full[0].ID
			}
		}
	}
	return links
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
