// Package entity finds the people, organisations, places and groups an
// article names, with their roles ("Russian Foreign Minister"), every
// mention's byte offsets, and a canonical id that is the same across
// spellings, transliterations and articles.
//
// It is rule-based on purpose: no model can be downloaded here, and news
// names are written in regular ways (capitalised spans, titles before
// names, acronyms defined in brackets), which rules read fast.
package entity

import (
	"bufio"
	"context"
	_ "embed"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

//go:embed aliases.txt
var defaultAliases string

// Options configure a Recognizer.
type Options struct {
	// AliasFile adds aliases to the shipped list (same format).
	AliasFile string
}

// Recognizer finds entities. It holds the alias table, read once.
type Recognizer struct {
	aliases map[string]alias // Key(surface) -> canonical
}

type alias struct {
	name, typ string
}

// New loads the shipped alias list and the user's, if any.
func New(opts Options) (*Recognizer, error) {
	r := &Recognizer{aliases: map[string]alias{}}
	if err := r.loadAliases(defaultAliases, "entity/aliases.txt"); err != nil {
		return nil, err
	}
	if opts.AliasFile != "" {
		b, err := os.ReadFile(opts.AliasFile)
		if err != nil {
			return nil, fmt.Errorf("reading alias file: %w", err)
		}
		if err := r.loadAliases(string(b), opts.AliasFile); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// loadAliases reads lines "type | Canonical Name | alias | alias ...".
func (r *Recognizer) loadAliases(text, source string) error {
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "|")
		if len(parts) < 3 {
			return fmt.Errorf("%s:%d: want \"type | name | alias ...\"", source, n)
		}
		a := alias{typ: strings.TrimSpace(parts[0]), name: strings.TrimSpace(parts[1])}
		switch a.typ {
		case storyline.EntityPerson, storyline.EntityOrganization, storyline.EntityPlace, storyline.EntityGroup:
		default:
			return fmt.Errorf("%s:%d: unknown entity type %q", source, n, a.typ)
		}
		for _, p := range parts[1:] {
			if k := Key(p); k != "" {
				r.aliases[k] = a
			}
		}
	}
	return sc.Err()
}

// Annotate fills a.Entities.
func (r *Recognizer) Annotate(ctx context.Context, a *storyline.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	spans := findSpans(a.Body)
	a.Entities = r.resolve(a.Body, spans)
	return nil
}

// span is one candidate name in the text, with the role written before it.
type span struct {
	start, end int
	text       string
	role       string
	typ        string
	acronymOf  int    // index of the span an acronym in brackets defines, or -1
	key        string // Key(text), computed once
}

// resolve groups spans into entities: full names first, then surname-only
// mentions and acronyms link to them, then aliases across spellings.
func (r *Recognizer) resolve(body string, spans []span) []storyline.Entity {
	var ents []*ent
	byKey := map[string]*ent{}
	bySurname := map[string]*ent{}
	byFirst := map[string]*ent{} // first name -> the one person it names; nil when two share it
	add := func(s span, target *ent) *ent {
		if target == nil {
			name, typ, key := s.text, s.typ, s.key
			if al, ok := r.aliases[key]; ok {
				name, typ, key = al.name, al.typ, Key(al.name)
			}
			k := typ + "|" + key
			target = byKey[k]
			if target == nil {
				target = &ent{Entity: storyline.Entity{ID: idFromKey(typ, key), Name: name, Type: typ}, key: k}
				byKey[k] = target
				ents = append(ents, target)
				if f := strings.Fields(name); typ == storyline.EntityPerson && len(f) > 1 {
					bySurname[Key(f[len(f)-1])] = target
					noteFirstName(byFirst, Key(f[0]), target)
				}
			}
		}
		target.Mentions = append(target.Mentions, storyline.Mention{Start: s.start, End: s.end, Text: s.text})
		if !contains(target.Aliases, s.text) {
			target.Aliases = append(target.Aliases, s.text)
		}
		if s.role != "" && !contains(target.Roles, s.role) {
			target.Roles = append(target.Roles, s.role)
		}
		return target
	}
	for i := range spans {
		spans[i].key = Key(spans[i].text)
	}
	unifyTypes(spans)
	linked := make([]*ent, len(spans))
	// Full names first, so that a bare "Trump" before "Donald Trump" links too.
	for _, full := range []bool{true, false} {
		for i, s := range spans {
			single := !strings.Contains(s.text, " ")
			switch {
			case single == full:
			case s.acronymOf >= 0 && linked[s.acronymOf] != nil:
				linked[i] = add(s, linked[s.acronymOf])
			case bySurname[s.key] != nil:
				linked[i] = add(s, bySurname[s.key])
			case byFirst[s.key] != nil && s.typ != storyline.EntityPlace && s.typ != storyline.EntityOrganization:
				linked[i] = add(s, byFirst[s.key])
			default:
				linked[i] = add(s, byAcronym(ents, s.text))
			}
		}
	}
	sort.SliceStable(ents, func(i, j int) bool { return firstStart(ents[i]) < firstStart(ents[j]) })
	out := make([]storyline.Entity, 0, len(ents))
	for _, e := range ents {
		sort.Slice(e.Mentions, func(i, j int) bool { return e.Mentions[i].Start < e.Mentions[j].Start })
		out = append(out, e.Entity)
	}
	return out
}

// unifyTypes gives a one-word name the type the article gives it
// elsewhere, one sense per article: "Trump told Newsmax" makes every bare
// "Trump" of the article a person.
func unifyTypes(spans []span) {
	votes := map[string]map[string]int{}
	for _, s := range spans {
		if s.typ != storyline.EntityOther && !strings.Contains(s.text, " ") {
			if votes[s.key] == nil {
				votes[s.key] = map[string]int{}
			}
			votes[s.key][s.typ]++
		}
	}
	for i, s := range spans {
		if s.typ != storyline.EntityOther || strings.Contains(s.text, " ") {
			continue
		}
		best := 0
		for typ, n := range votes[s.key] {
			if n > best || n == best && typ < spans[i].typ {
				spans[i].typ, best = typ, n
			}
		}
	}
}

func firstStart(e *ent) int {
	start := e.Mentions[0].Start
	for _, m := range e.Mentions {
		start = min(start, m.Start)
	}
	return start
}

// ent is an entity being gathered from an article's spans.
type ent struct {
	storyline.Entity
	key string
}

// byAcronym links a later bare "SDF" to the entity whose aliases hold it.
func byAcronym(ents []*ent, text string) *ent {
	if !isAcronym(text) {
		return nil
	}
	for _, e := range ents {
		if contains(e.Aliases, text) {
			return e
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func isAcronym(s string) bool {
	n := 0
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 8
}

// wordAt returns the word starting at byte i and where it ends.
func wordAt(text string, i int) (string, int) {
	j := i
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '\'' || r == '’' || r == '.') {
			break
		}
		j += size
	}
	// A trailing full stop ends the sentence, not the word (but keeps "Jr.",
	// initials and dotted abbreviations: "U.S.", "F.B.I.").
	w := text[i:j]
	if strings.HasSuffix(w, ".") && len(w) > 2 && !isInitial(w) && !dotted(w) && !abbreviations[strings.ToLower(w[:len(w)-1])] {
		j--
		w = w[:len(w)-1]
	}
	return w, j
}

// dotted reports whether w is letters each followed by a full stop: "U.S.".
func dotted(w string) bool {
	if len(w) < 4 {
		return false
	}
	for k := 0; k < len(w); k += 2 {
		if k+1 >= len(w) || w[k+1] != '.' || !(w[k] >= 'A' && w[k] <= 'Z' || w[k] >= 'a' && w[k] <= 'z') {
			return false
		}
	}
	return true
}

func isInitial(w string) bool {
	r := []rune(w)
	return len(r) == 2 && unicode.IsUpper(r[0]) && r[1] == '.'
}

// noteFirstName lets a later bare "Margaret" name the person "Margaret
// Chen", unless two people of the article share that first name.
func noteFirstName(byFirst map[string]*ent, first string, e *ent) {
	if prev, seen := byFirst[first]; seen && prev != e {
		byFirst[first] = nil
		return
	}
	byFirst[first] = e
}
