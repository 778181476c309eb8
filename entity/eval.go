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
}

func (r SpeakerReport) String() string {
	return fmt.Sprintf("named quote sources on %d articles: %d, found as entities %d (%.3f; %d people, %d organisations)\n",
		r.Articles, r.Named, r.Found, float64(r.Found)/float64(max(r.Named, 1)), r.Person, r.Org)
}

// EvaluatePolNeAR reads a gold file (shared/contract/eval.md) and counts
// the quote sources written as proper names that one of our person or
// organisation mentions covers.
func EvaluatePolNeAR(ctx context.Context, path string, r *Recognizer) (SpeakerReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return SpeakerReport{}, err
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
			return rep, err
		}
		a := &storyline.Article{Body: g.Text}
		if err := r.Annotate(ctx, a); err != nil {
			return rep, err
		}
		rep.Articles++
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
	return rep, sc.Err()
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
