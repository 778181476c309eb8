package postgres

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// snippetWords is how many words a snippet shows.
const snippetWords = 32

// queryTerms gives the words a search asks for, as prefixes that also
// match their inflections ("elections" for "election"), the way the
// server's stemmer matched them. Negated words ("-base") are left out.
func queryTerms(query string) []string {
	var terms []string
	for _, f := range strings.Fields(strings.ToLower(query)) {
		if strings.HasPrefix(f, "-") || f == "or" || f == "and" {
			continue
		}
		for _, w := range strings.FieldsFunc(f, notWordRune) {
			if utf8.RuneCountInString(w) > 4 {
				r := []rune(w)
				w = string(r[:len(r)-2])
			}
			terms = append(terms, w)
		}
	}
	return terms
}

func notWordRune(c rune) bool { return !unicode.IsLetter(c) && !unicode.IsDigit(c) }

// snippet shows the stretch of body with the most query words, each
// marked [like this]. It is computed for the page's rows only, in Go:
// the server's ts_headline parses every body it is given, which costs
// more than the whole search on a large corpus.
func snippet(body string, terms []string) string {
	words := strings.Fields(body)
	if len(terms) == 0 || len(words) == 0 {
		return firstBytes(body, 240)
	}
	hit := make([]bool, len(words))
	for i, w := range words {
		hit[i] = matches(core(w), terms)
	}
	best, bestN, n := 0, -1, 0
	for i := range words {
		if hit[i] {
			n++
		}
		if i >= snippetWords && hit[i-snippetWords] {
			n--
		}
		if start := max(0, i-snippetWords+1); n > bestN {
			best, bestN = start, n
		}
	}
	best = max(0, min(best, len(words)-snippetWords))
	var b strings.Builder
	if best > 0 {
		b.WriteString("… ")
	}
	end := min(len(words), best+snippetWords)
	for i := best; i < end; i++ {
		if i > best {
			b.WriteByte(' ')
		}
		if hit[i] {
			w := words[i]
			c := core(w)
			k := strings.Index(w, c)
			b.WriteString(w[:k] + "[" + c + "]" + w[k+len(c):])
		} else {
			b.WriteString(words[i])
		}
	}
	if end < len(words) {
		b.WriteString(" …")
	}
	return b.String()
}

// core is a word without the punctuation around it.
func core(w string) string { return strings.TrimFunc(w, notWordRune) }

func matches(word string, terms []string) bool {
	if word == "" {
		return false
	}
	lw := strings.ToLower(word)
	for _, t := range terms {
		if strings.HasPrefix(lw, t) {
			return true
		}
	}
	return false
}

// firstBytes cuts s to at most n bytes without splitting a character.
func firstBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
