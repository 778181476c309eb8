package quote

import (
	"strings"

	"github.com/storyline-news/storyline"
)

// resolver ties the words naming a speaker to an entity of the article.
type resolver struct {
	body string
	ents []storyline.Entity
	last *storyline.Speaker // the last person resolved, for pronouns
}

func newResolver(a *storyline.Article) *resolver {
	return &resolver{body: a.Body, ents: a.Entities}
}

func (r *resolver) resolve(attr *attribution, at int) storyline.Speaker {
	if attr.inherit != nil {
		return *attr.inherit
	}
	mention := r.body[attr.speakerStart:attr.speakerEnd]
	sp := storyline.Speaker{Name: mention, Mention: mention, Start: attr.speakerStart, End: attr.speakerEnd}
	lower := strings.ToLower(mention)
	switch {
	case r.byMention(&sp):
	case lower == "he" || lower == "she" || lower == "i":
		r.byPronoun(&sp)
	default:
		r.byDescription(&sp, lower)
	}
	if sp.Name == mention {
		sp.Name = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(mention, "the "), "The "))
	}
	if r.isPerson(sp.Entity) || (sp.Entity == "" && looksLikeFullName(sp.Name)) {
		cp := sp
		r.last = &cp
	}
	return sp
}

// byMention finds an entity mentioned within the speaker's words.
func (r *resolver) byMention(sp *storyline.Speaker) bool {
	best, bestLen := -1, 0
	for i, e := range r.ents {
		for _, m := range e.Mentions {
			if m.Start >= sp.Start && m.End <= sp.End && m.End-m.Start > bestLen {
				best, bestLen = i, m.End-m.Start
			}
		}
	}
	if best < 0 {
		return false
	}
	sp.Entity, sp.Name = r.ents[best].ID, r.ents[best].Name
	return true
}

// byPronoun gives "he" or "she" the last person quoted, else the last
// person named before the pronoun.
func (r *resolver) byPronoun(sp *storyline.Speaker) {
	if p := r.lastPersonMention(sp.Start); p != nil && (r.last == nil || p.mentionEnd > r.last.End) {
		sp.Entity, sp.Name = p.id, p.name
		return
	}
	if r.last != nil {
		sp.Entity, sp.Name = r.last.Entity, r.last.Name
	}
}

type personRef struct {
	id, name   string
	mentionEnd int
}

func (r *resolver) lastPersonMention(before int) *personRef {
	var best *personRef
	for _, e := range r.ents {
		if e.Type != storyline.EntityPerson {
			continue
		}
		for _, m := range e.Mentions {
			if m.End <= before && (best == nil || m.End > best.mentionEnd) {
				best = &personRef{id: e.ID, name: e.Name, mentionEnd: m.End}
			}
		}
	}
	return best
}

// byDescription matches "the minister", "the spokeswoman", "Russia's top
// diplomat" against the roles the article gave its entities, taking the
// entity mentioned most recently before.
func (r *resolver) byDescription(sp *storyline.Speaker, lower string) {
	words := strings.Fields(lower)
	if len(words) < 2 {
		return
	}
	head := strings.Trim(words[len(words)-1], ".,")
	bestEnd := -1
	for _, e := range r.ents {
		if !roleHas(e.Roles, head) {
			continue
		}
		for _, m := range e.Mentions {
			if m.End <= sp.Start && m.End > bestEnd {
				bestEnd = m.End
				sp.Entity, sp.Name = e.ID, e.Name
			}
		}
	}
}

func roleHas(roles []string, head string) bool {
	for _, role := range roles {
		for _, w := range strings.Fields(strings.ToLower(role)) {
			if strings.Trim(w, ",.()") == head {
				return true
			}
		}
	}
	return false
}

func (r *resolver) isPerson(id string) bool {
	for _, e := range r.ents {
		if e.ID == id {
			return e.Type == storyline.EntityPerson
		}
	}
	return false
}

func looksLikeFullName(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 4 {
		return false
	}
	for _, w := range f {
		if w == "" || strings.ToUpper(w[:1]) != w[:1] {
			return false
		}
	}
	return true
}
