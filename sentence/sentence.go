// Package sentence splits article text into sentences with byte offsets.
// It is rule-based on purpose: news prose is regular enough that
// abbreviation and initial handling gets almost all boundaries right, and
// it runs at memory speed, which a pipeline of thousands of articles a
// second needs.
package sentence

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// abbreviations never end a sentence when followed by a capitalised word,
// because in news they almost always precede a name or a number.
var abbreviations = setOf(
	"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj",
	"gov", "sen", "rep", "reps", "sens", "st", "jr", "sr", "rev", "hon", "pres", "amb", "supt",
	"messrs", "mme", "mlle", "fr", "dept", "univ", "assn", "bros", "ft", "mt",
	"vs", "v", "e.g", "i.e", "approx",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"mon", "tue", "tues", "thu", "thurs", "fri",
	"ala", "ariz", "calif", "colo", "conn", "fla", "kan", "kans",
	"md", "mich", "minn", "mont", "neb", "nev", "okla", "tenn", "tex", "wis", "wyo",
	"inc", "corp", "co", "ltd", "llc", "plc",
)

// starters are words that, capitalised after an ambiguous "U.S." or
// "Inc.", signal that a new sentence has begun.
var starters = setOf(
	"the", "he", "she", "it", "they", "we", "i", "but", "and", "in", "a", "an", "this", "that",
	"there", "his", "her", "their", "its", "on", "at", "as", "after", "while", "when", "if",
	"meanwhile", "however", "still", "yet", "so", "for", "according", "officials", "some",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Split returns the sentences of text as byte spans, trimmed of
// surrounding white space. Line breaks are paragraph boundaries, which
// also ends a sentence: scraped and cleaned bodies keep one paragraph a line.
func Split(text string) []storyline.Span {
	var spans []storyline.Span
	lineStart := 0
	for lineStart <= len(text) {
		lineEnd := strings.IndexByte(text[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(text)
		} else {
			lineEnd += lineStart
		}
		spans = splitLine(text, lineStart, lineEnd, spans)
		lineStart = lineEnd + 1
	}
	return spans
}

// splitLine appends the sentences of text[start:end], which holds no newline.
func splitLine(text string, start, end int, spans []storyline.Span) []storyline.Span {
	sentStart := start
	for i := start; i < end; i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		stop := closeAfter(text, i+1, end)
		next := skipSpace(text, stop, end)
		if next == stop || next >= end {
			continue // no space after, or end of line (handled below)
		}
		if !opensSentence(text, next, end) || (c == '.' && !endsWithPeriod(text, sentStart, i, next, end)) {
			continue
		}
		spans = appendTrimmed(spans, text, sentStart, stop)
		sentStart = next
		i = next - 1
	}
	return appendTrimmed(spans, text, sentStart, end)
}

// closeAfter skips closing quotes and brackets that belong to the sentence.
func closeAfter(text string, i, end int) int {
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch r {
		case '"', '\'', '”', '’', ')', ']', '»':
			i += size
		default:
			return i
		}
	}
	return i
}

func skipSpace(text string, i, end int) int {
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += size
	}
	return i
}

// opensSentence reports whether a sentence can begin at text[i].
func opensSentence(text string, i, end int) bool {
	r, size := utf8.DecodeRuneInString(text[i:end])
	switch r {
	case '"', '“', '‘', '\'', '(', '[', '«', '—', '-':
		size += len(text[i+size:end]) - len(strings.TrimPrefix(text[i+size:end], "'")) // the ''Quote'' of some archives
		if i+size < end {
			r2, _ := utf8.DecodeRuneInString(text[i+size : end])
			return unicode.IsUpper(r2) || unicode.IsDigit(r2) || r == '"' || r == '“'
		}
		return false
	}
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// endsWithPeriod decides whether the period at text[dot] ends the sentence
// begun at sentStart, given the next sentence would start at next.
func endsWithPeriod(text string, sentStart, dot, next, end int) bool {
	wordStart := dot
	for wordStart > sentStart {
		r, size := utf8.DecodeLastRuneInString(text[sentStart:wordStart])
		if unicode.IsSpace(r) || r == '(' || r == '"' || r == '“' {
			break
		}
		wordStart -= size
	}
	word := strings.ToLower(strings.Trim(text[wordStart:dot], "\"'“‘("))
	if word == "" {
		return true
	}
	if abbreviations[word] {
		return false
	}
	if word == "no" || word == "nos" { // "No. 5", but "said no. Why?"
		r, _ := utf8.DecodeRuneInString(text[next:end])
		return !unicode.IsDigit(r)
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsLetter([]rune(word)[0]) {
		return false // an initial: "J. Smith"
	}
	if strings.Contains(word, ".") { // U.S., a.m., D.C.
		return starters[strings.ToLower(nextWord(text, next, end))]
	}
	return true
}

func nextWord(text string, i, end int) string {
	j := i
	for j < end {
		r, size := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += size
	}
	return text[i:j]
}

func appendTrimmed(spans []storyline.Span, text string, start, end int) []storyline.Span {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	if end > start {
		spans = append(spans, storyline.Span{Start: start, End: end})
	}
	return spans
}
