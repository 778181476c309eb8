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
// abbreviations ("Dec.", "a.m.") and goes otherwise.
func words(text string) []word {
	var out []word
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r2, sz := utf8.DecodeRuneInString(text[j:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) || ((r2 == '-' || r2 == '\'' || r2 == '/' || r2 == ':') && j+sz < len(text) && alnumAt(text, j+sz)) {
				j += sz
				continue
			}
			if r2 == '.' && j+sz < len(text) && (alnumAt(text, j+sz) || keepsDot(strings.ToLower(text[i:j]))) {
				j += sz
				continue
			}
			if r2 == '.' && keepsDot(strings.ToLower(text[i:j])) {
				j += sz
			}
			break
		}
		w := text[i:j]
		out = append(out, word{start: i, end: j, text: w, lower: strings.ToLower(w)})
		i = j
	}
	return out
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

// monthOf reads "December", "Dec.", "Dec" as a month.
func monthOf(w word) (int, bool) {
	l := strings.TrimSuffix(w.lower, ".")
	if m, ok := months[l]; ok {
		return m, true
	}
	m, ok := monthAbbrevs[l]
	return m, ok && unicode.IsUpper(rune(w.text[0]))
}

var weekdays = map[string]int{"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}

var numbers = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
	"fifty": 50, "hundred": 100, "several": -1, "few": -1, "many": -1, "couple": 2}

// number reads "three", "3" or "twenty" as a count; -1 for vague counts.
func number(w string) (int, bool) {
	if w != "" && w[0] >= '0' && w[0] <= '9' {
		n, err := strconv.Atoi(w)
		return n, err == nil && n > 0 && n < 1000
	}
	n, ok := numbers[w]
	return n, ok
}

var units = map[string]string{"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M",
	"year": "Y", "years": "Y", "decade": "DE", "decades": "DE", "hour": "H", "hours": "H", "minute": "MIN", "minutes": "MIN",
	"quarter": "Q", "quarters": "Q"}

// year reads a four-digit year from 1900 to 2099.
func year(w string) (int, bool) {
	w = strings.TrimSuffix(strings.TrimPrefix(w, "'"), ",")
	if len(w) != 4 || w[0] < '1' || w[0] > '2' {
		return 0, false
	}
	y, err := strconv.Atoi(w)
	return y, err == nil && y >= 1900 && y <= 2099
}

func day(w string) (int, bool) {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return 0, false
	}
	w = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(w, "th"), "st"), "nd"), "rd")
	d, err := strconv.Atoi(w)
	return d, err == nil && d >= 1 && d <= 31
}
