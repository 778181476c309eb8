package timex

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is a token of the text with its byte range.
type word struct {
	start, end int
	text       string
	lower      string
}

// words splits text into words; a trailing full stop stays on known
// abbreviations ("Dec.", "p.m.") and goes otherwise. A possessive "'s" is
// a word of its own, so that "Friday's" still reads as "Friday".
func words(text string) []word {
	var out []word
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if r == '$' || r == '%' {
				out = append(out, word{start: i, end: i + size, text: text[i : i+size], lower: text[i : i+size]})
			}
			i += size
			continue
		}
		j := wordEnd(text, i)
		out = appendWord(out, text, i, j)
		i = j
	}
	return out
}

func wordEnd(text string, i int) int {
	j := i
	for j < len(text) {
		r, sz := utf8.DecodeRuneInString(text[j:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (joins(r) && j+sz < len(text) && alnumAt(text, j+sz)) {
			j += sz
			continue
		}
		if r == '.' && j+sz < len(text) && alnumAt(text, j+sz) && !unicode.IsSpace(r) && dotJoins(text[i:j]) {
			j += sz
			continue
		}
		if r == '.' && keepsDot(strings.ToLower(text[i:j])) {
			j += sz
		}
		break
	}
	return j
}

func joins(r rune) bool { return r == '-' || r == '\'' || r == '’' || r == '/' || r == ':' }

// dotJoins keeps "p.m", "U.S" and "2.5" together but splits "Monday.The".
func dotJoins(w string) bool {
	return len(w) <= 2 || strings.IndexFunc(w, unicode.IsLetter) < 0
}

func appendWord(out []word, text string, i, j int) []word {
	w := text[i:j]
	lower := strings.ToLower(w)
	for _, pos := range []string{"'s", "’s"} {
		if strings.HasSuffix(lower, pos) && len(lower) > len(pos) {
			k := j - len(pos)
			out = append(out, word{start: i, end: k, text: text[i:k], lower: lower[:len(lower)-len(pos)]})
			return append(out, word{start: k, end: j, text: text[k:j], lower: "'s"})
		}
	}
	return append(out, word{start: i, end: j, text: w, lower: lower})
}

func alnumAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func keepsDot(w string) bool {
	_, month := monthAbbrevs[w]
	return month || w == "a.m" || w == "p.m" || w == "a" || w == "p"
}

var months = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12}

var monthAbbrevs = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12}

// monthOf reads "December", "Dec.", "Dec" as a month; only capitalised,
// so that "may" the modal and "march" the noun stay words.
func monthOf(w word) (int, bool) {
	if !isCapital(w.text) {
		return 0, false
	}
	l := strings.TrimSuffix(w.lower, ".")
	if m, ok := months[l]; ok {
		return m, true
	}
	m, ok := monthAbbrevs[l]
	return m, ok
}

var weekdays = map[string]int{"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}

var numbers = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
	"several": -1, "few": -1, "many": -1, "some": -1, "couple": 2, "dozen": 12}

var tens = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

// number reads "three", "3", "twenty-four" or "twenty" as a count; -1 for
// vague counts ("several").
func number(w string) (int, bool) {
	if w != "" && w[0] >= '0' && w[0] <= '9' {
		n, err := strconv.Atoi(strings.ReplaceAll(w, ",", ""))
		return n, err == nil && n > 0 && n < 10000
	}
	if t, u, ok := strings.Cut(w, "-"); ok {
		n, ok1 := tens[t]
		m, ok2 := numbers[u]
		return n + m, ok1 && ok2 && m > 0 && m < 10
	}
	n, ok := numbers[w]
	return n, ok
}

// numberAt reads a count starting at word i, which may take two words
// ("twenty four", "a few", "a couple of"); it returns the word after it.
func numberAt(ws []word, i int) (int, int, bool) {
	w := peek(ws, i)
	if w == "a" || w == "an" {
		switch peek(ws, i+1) {
		case "few":
			return -1, i + 2, true
		case "couple":
			if peek(ws, i+2) == "of" {
				return 2, i + 3, true
			}
		case "hundred", "dozen":
			return numbers[peek(ws, i+1)], i + 2, true
		}
	}
	if w == "couple" && peek(ws, i+1) == "of" {
		return 2, i + 2, true
	}
	n, ok := number(w)
	if !ok {
		return 0, i, false
	}
	if t, isTens := tens[w]; isTens {
		if u, ok := numbers[peek(ws, i+1)]; ok && u > 0 && u < 10 {
			return t + u, i + 2, true
		}
	}
	return n, i + 1, true
}

var units = map[string]string{"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M",
	"year": "Y", "years": "Y", "decade": "DE", "decades": "DE", "hour": "H", "hours": "H", "minute": "MIN", "minutes": "MIN",
	"quarter": "Q", "quarters": "Q", "century": "CE", "centuries": "CE"}

// year reads a four-digit year from 1900 to 2099.
func year(w string) (int, bool) {
	w = strings.TrimPrefix(w, "'")
	if len(w) != 4 || w[0] < '1' || w[0] > '2' {
		return 0, false
	}
	y, err := strconv.Atoi(w)
	return y, err == nil && y >= 1900 && y <= 2099
}

// yearAt reads a year at word i, written in digits or spoken as in
// broadcast transcripts ("nineteen ninety-six"); it returns the next word.
func yearAt(ws []word, i int) (int, int, bool) {
	if y, ok := year(peek(ws, i)); ok {
		return y, i + 1, true
	}
	if peek(ws, i) != "nineteen" {
		return 0, i, false
	}
	n, ok := number(peek(ws, i+1))
	if !ok || n < 10 || n > 99 {
		return 0, i, false
	}
	if _, isTens := tens[peek(ws, i+1)]; isTens {
		if u, ok := numbers[peek(ws, i+2)]; ok && u > 0 && u < 10 {
			return 1900 + n + u, i + 3, true
		}
	}
	return 1900 + n, i + 2, true
}

func day(w string) (int, bool) {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return 0, false
	}
	for _, suffix := range []string{"th", "st", "nd", "rd"} {
		w = strings.TrimSuffix(w, suffix)
	}
	d, err := strconv.Atoi(w)
	return d, err == nil && d >= 1 && d <= 31
}

func peek(ws []word, i int) string {
	if i < 0 || i >= len(ws) {
		return ""
	}
	return ws[i].lower
}

func isCapital(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }
