package entity

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// SpeakerReport measures how many named speakers of a gold set the
// recogniser finds as people or organisations.
type SpeakerReport struct {
	Articles, Named, Found, Person, Org int
	// People counts our person entities; Suspect those whose name looks
	// wrong for a person (an organisation, place or group word, a known
	// place or outlet, a lower-case or function word): a precision proxy.
	People, Suspect int
	Examples        []string // a few suspect names, for error study
}

func (r SpeakerReport) String() string {
	return fmt.Sprintf("named quote sources on %d articles: %d, found as entities %d (recall %.3f; %d people, %d organisations)\n"+
		"person entities %d, suspect %d (precision proxy %.3f), e.g. %q\n",
		r.Articles, r.Named, r.Found, ratio(r.Found, r.Named), r.Person, r.Org,
		r.People, r.Suspect, 1-ratio(r.Suspect, r.People), r.Examples)
}

// EvaluatePolNeAR reads a gold file (shared/contract/eval.md) and counts
// the quote sources written as proper names that one of our person or
// organisation mentions covers.
func EvaluatePolNeAR(ctx context.Context, path string) (SpeakerReport, error) {
	r, err := New(Options{})
	if err != nil {
		return SpeakerReport{}, err
	}
	f, err := os.Open(path)
	if err != nil {
		return SpeakerReport{}, fmt.Errorf("reading PolNeAR gold: %w", err)
	}
	defer f.Close()
	var rep SpeakerReport
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		var g struct {
			Text   string
			Quotes []struct {
				Source *struct {
					Spans [][2]int
					Text  string
				}
			}
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return rep, fmt.Errorf("%s: article %d: %w", path, rep.Articles+1, err)
		}
		a := &storyline.Article{Body: g.Text}
		if err := r.Annotate(ctx, a); err != nil {
			return rep, err
		}
		rep.Articles++
		countSuspects(&rep, a.Entities)
		toByte := byteOffsets(g.Text)
		for _, q := range g.Quotes {
			if q.Source == nil || len(q.Source.Spans) == 0 || !properName(q.Source.Text) {
				continue
			}
			rep.Named++
			s, e := toByte[min(q.Source.Spans[0][0], len(toByte)-1)], toByte[min(q.Source.Spans[0][1], len(toByte)-1)]
			if typ := covering(a.Entities, s, e); typ != "" {
				rep.Found++
				if typ == storyline.EntityPerson {
					rep.Person++
				} else {
					rep.Org++
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return rep, fmt.Errorf("%s: %w", path, err)
	}
	return rep, nil
}

func countSuspects(rep *SpeakerReport, ents []storyline.Entity) {
	for _, e := range ents {
		if e.Type != storyline.EntityPerson {
			continue
		}
		rep.People++
		if suspectPerson(e.Name) {
			rep.Suspect++
			if len(rep.Examples) < 12 {
				rep.Examples = append(rep.Examples, e.Name)
			}
		}
	}
}

// suspectPerson: a person's name has no institution or place word, is not
// a known place or outlet, and every word is capitalised.
func suspectPerson(name string) bool {
	l := strings.ToLower(name)
	if places[l] || outlets[l] || knownOrgs[l] {
		return true
	}
	for _, w := range strings.Fields(l) {
		w = strings.Trim(w, ".,")
		if orgWords[w] || groupWords[w] || placeWords[w] || functionWords[w] || stopNames[w] {
			return true
		}
	}
	for _, w := range strings.Fields(name) {
		if !capitalised(w) {
			return true
		}
	}
	return false
}

func covering(ents []storyline.Entity, s, e int) string {
	for _, en := range ents {
		if en.Type != storyline.EntityPerson && en.Type != storyline.EntityOrganization && en.Type != storyline.EntityGroup {
			continue
		}
		for _, m := range en.Mentions {
			if m.Start < e && m.End > s {
				return en.Type
			}
		}
	}
	return ""
}

// properName: every word capitalised, at most four words, not a pronoun.
func properName(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 4 || pronounWords[strings.ToLower(s)] {
		return false
	}
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func byteOffsets(s string) []int {
	out := make([]int, 0, utf8.RuneCountInString(s)+1)
	for i := range s {
		out = append(out, i)
	}
	return append(out, len(s))
}

var pronounWords = map[string]bool{"i": true, "he": true, "she": true, "they": true, "we": true, "it": true, "you": true,
	"we’ve": true, "we've": true, "they’re": true, "he’s": true, "she’s": true}
