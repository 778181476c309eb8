package quote

import (
	"strings"

	"github.com/storyline-news/storyline"
)

// resolver ties the words naming a speaker to an entity of the article.
type resolver struct {
	body       string
	ents       []storyline.Entity
	last       *storyline.Speaker // the last person resolved, for pronouns
	lastGender string
	genders    map[string]string // by entity id, as genderOf tells them
}

func newResolver(a *storyline.Article) *resolver {
	return &resolver{body: a.Body, ents: a.Entities, genders: map[string]string{}}
}

var possessiveOf = map[string]string{"his": "he", "her": "she", "their": "they", "my": "i"}

func (r *resolver) resolve(attr *attribution, at int) storyline.Speaker {
	if attr.inherit != nil {
		return *attr.inherit
	}
	if attr.nameEnd > attr.nameStart {
		// "Barkley, who said": resolved as Barkley, written as "who".
		named := *attr
		named.speakerStart, named.speakerEnd, named.nameStart, named.nameEnd = attr.nameStart, attr.nameEnd, 0, 0
		sp := r.resolve(&named, at)
		sp.Mention, sp.Start, sp.End = r.body[attr.speakerStart:attr.speakerEnd], attr.speakerStart, attr.speakerEnd
		return sp
	}
	mention := r.body[attr.speakerStart:attr.speakerEnd]
	sp := storyline.Speaker{Name: mention, Mention: mention, Start: attr.speakerStart, End: attr.speakerEnd}
	lower := strings.ToLower(mention)
	if p, ok := possessiveOf[lower]; ok {
		lower = p // "his claim" is his
	}
	switch {
	case r.byMention(&sp):
	case lower == "he" || lower == "she" || lower == "i" || lower == "they":
		r.byPronoun(&sp, lower)
	default:
		r.byDescription(&sp, lower)
	}
	if sp.Name == mention {
		sp.Name = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(mention, "the "), "The "))
	}
	if e := r.entity(sp.Entity); (e != nil && e.Type == storyline.EntityPerson) || (e == nil && looksLikePersonName(sp.Name)) {
		cp := sp
		r.last, r.lastGender = &cp, pronounGender[lower]
		if e != nil {
			r.lastGender = r.genderOf(e)
		}
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
// person of the pronoun's gender named before it; "they" goes to the last
// organisation named before it.
func (r *resolver) byPronoun(sp *storyline.Speaker, lower string) {
	want := pronounGender[lower]
	p := r.lastMention(sp.Start, func(e *storyline.Entity) bool {
		if lower == "they" {
			return e.Type == storyline.EntityOrganization
		}
		return e.Type == storyline.EntityPerson && compatible(want, r.genderOf(e))
	})
	lastFits := r.last != nil && lower != "they" && compatible(want, r.lastGender)
	if p != nil && (!lastFits || p.mentionEnd > r.last.End) {
		sp.Entity, sp.Name = p.id, p.name
		return
	}
	if lastFits {
		sp.Entity, sp.Name = r.last.Entity, r.last.Name
	}
}

type personRef struct {
	id, name   string
	mentionEnd int
}

// lastMention finds the entity fitting keep mentioned last before a byte.
func (r *resolver) lastMention(before int, keep func(*storyline.Entity) bool) *personRef {
	var best *personRef
	for i := range r.ents {
		e := &r.ents[i]
		if !keep(e) {
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

// genderOf tells a person's gender from the title the text gives them
// ("Mrs. Clinton"), a gendered role ("spokeswoman") or a first name;
// "" when nothing tells.
func (r *resolver) genderOf(e *storyline.Entity) string {
	if g, ok := r.genders[e.ID]; ok && e.ID != "" {
		return g
	}
	g := r.readGender(e)
	r.genders[e.ID] = g
	return g
}

func (r *resolver) readGender(e *storyline.Entity) string {
	for _, m := range e.Mentions {
		before := strings.TrimRight(r.body[max(0, m.Start-6):m.Start], " ")
		for title, g := range titleGender {
			if strings.HasSuffix(before, title) {
				return g
			}
		}
	}
	for _, role := range e.Roles {
		for _, w := range strings.Fields(strings.ToLower(role)) {
			if g := roleGender[w]; g != "" {
				return g
			}
		}
	}
	if f := strings.Fields(e.Name); len(f) > 1 {
		return firstNameGender[strings.ToLower(f[0])]
	}
	return ""
}

func compatible(want, got string) bool { return want == "" || got == "" || want == got }

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
		if !usableRole(role) {
			continue
		}
		for _, w := range strings.Fields(strings.ToLower(role)) {
			if strings.Trim(w, ",.()") == head {
				return true
			}
		}
	}
	return false
}

// usableRole guards against a role the entity recogniser read across a
// clause ("Speaking to Interfax, the minister said ..." gives Interfax the
// role "minister said the ships would stay"): a role is a short phrase
// without a reporting verb.
func usableRole(role string) bool {
	words := strings.Fields(strings.ToLower(role))
	if len(words) > 8 {
		return false
	}
	for _, w := range words {
		if isCue(w) {
			return false
		}
	}
	return true
}

func (r *resolver) entity(id string) *storyline.Entity {
	for i := range r.ents {
		if id != "" && r.ents[i].ID == id {
			return &r.ents[i]
		}
	}
	return nil
}

// looksLikePersonName accepts a name the entity recogniser did not know
// that reads as a person's: capitalised words, not an acronym ("RBC"),
// not a description ("The Levant Wire").
func looksLikePersonName(s string) bool {
	f := strings.Fields(s)
	if len(f) < 1 || len(f) > 4 || strings.EqualFold(f[0], "the") {
		return false
	}
	for _, w := range f {
		if w == "" || strings.ToUpper(w[:1]) != w[:1] || (len(w) > 1 && strings.ToUpper(w) == w) {
			return false
		}
	}
	return true
}
