package entity

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// commonList holds the words a dictionary never capitalises as a name,
// generated from Debian's wamerican by scripts/gen-words.
//
//go:embed common.txt
var commonList string

// commonWords is read on first use: most commands never look for names.
var commonWords = sync.OnceValue(func() map[string]bool { return withLines(make(map[string]bool, 64000), commonList) })

// givenList holds given names in many languages, written for the project:
// "Mike Pence" is a person although "pence" is an ordinary word.
//
//go:embed given.txt
var givenList string

var givenNames = sync.OnceValue(func() map[string]bool { return withLines(map[string]bool{}, givenList) })

// lineKind is the shape of the line a word stands in. Headlines, menus and
// kickers capitalise every word ("Houseguest Who Won't Leave") or shout
// ("POSSIBLE SUSPECT:"), so capitals there say nothing about names.
type lineKind uint8

const (
	prose lineKind = iota
	titleCase
	shouting
)

// lineKinds gives the kind of each line of body, by the byte offset where
// the line starts. A text written all in capitals is read as prose: there
// the capitals are all the evidence there is.
func lineKinds(body string) []lineSpan {
	var lines []lineSpan
	allShouting := true
	for start := 0; start < len(body); {
		end := strings.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		k := kindOf(body[start:end])
		allShouting = allShouting && k == shouting
		lines = append(lines, lineSpan{start: start, end: end, kind: k})
		start = end + 1
	}
	if allShouting {
		for i := range lines {
			lines[i].kind = prose
		}
	}
	return lines
}

type lineSpan struct {
	start, end int
	kind       lineKind
}

// kindOf reads one line: shouting when it has three words or more and no
// lower-case letter; title case when it has three words of four letters or
// more and every such word but the small function words is capitalised.
// Prose, even prose naming many people, keeps a lower-case verb or noun.
func kindOf(line string) lineKind {
	words, long, lower := 0, 0, false
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < len(line) {
			r, size := utf8.DecodeRuneInString(line[j:])
			if !isWordRune(r) {
				break
			}
			lower = lower || unicode.IsLower(r)
			j += size
		}
		w := line[i:j]
		i = j
		words++
		if len(w) < 4 || functionWords[w] {
			continue
		}
		if !capitalised(w) {
			return prose
		}
		long++
	}
	switch {
	case words >= 3 && !lower:
		return shouting
	case long >= 3:
		return titleCase
	}
	return prose
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || r == '\'' || r == '’' }

// confirmedCapitals lists the words the article capitalises mid-sentence
// in prose, after a lower-case word (not inside a run of capitals, which
// may be a headline the line test missed): there a capital is the writer's choice, and it makes a common
// word ("Pence", "Stealth") a name everywhere in the article.
func confirmedCapitals(toks []token) map[string]bool {
	seen := map[string]bool{}
	for i, t := range toks {
		if t.line == prose && !t.sentStart && capitalised(t.text) && !capitalised(toks[i-1].text) {
			seen[t.lower] = true
		}
	}
	return seen
}

// plainWord reports whether a capitalised word is an ordinary word whose
// capital comes from its place (a sentence start, a headline), not from a
// name: the dictionary never capitalises it, the article never does so
// mid-sentence, and no name lexicon claims it.
func plainWord(w string, confirmed map[string]bool) bool {
	l := strings.ToLower(strings.TrimRight(w, ".’'"))
	if functionWords[l] || contraction(l) {
		return true
	}
	return ordinary(l) && !confirmed[l]
}

// ordinary reports whether a lower-case word is one the dictionary never
// capitalises and no name lexicon claims.
func ordinary(l string) bool {
	return commonWords()[l] && !(orgWords[l] || titleWords[l] || placeWords[l] || groupWords[l] || places[l] || connectors[l] || placePrefixes[l])
}

// contraction spots "won’t", "we'll": never part of a name.
func contraction(l string) bool {
	for _, suf := range []string{"n't", "n’t", "'ll", "’ll", "'re", "’re", "'ve", "’ve", "'m", "’m", "'d", "’d"} {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}
