package timex

import "time"

// holiday is a day of the year the calendar names: news dates "the New
// Year message" or "Thanksgiving weekend" by it as readily as by "Jan. 1".
type holiday struct {
	words []string // lower-case words, the first written with a capital
	day   func(y int) (time.Time, bool)
	not   map[string]bool // words before it that make it another day ("Lunar New Year")
}

var otherNewYears = map[string]bool{"lunar": true, "chinese": true, "jewish": true, "persian": true,
	"iranian": true, "vietnamese": true, "islamic": true, "tamil": true, "orthodox": true}

// holidays are the common ones of English-language news; longer names first.
var holidays = []holiday{
	{words: []string{"new", "year", "'s", "eve"}, day: on(12, 31)},
	{words: []string{"new", "year", "'s", "day"}, day: on(1, 1)},
	{words: []string{"new", "year"}, day: on(1, 1), not: otherNewYears},
	{words: []string{"christmas", "eve"}, day: on(12, 24)},
	{words: []string{"christmas"}, day: on(12, 25), not: otherNewYears},
	{words: []string{"boxing", "day"}, day: on(12, 26)},
	{words: []string{"valentine", "'s", "day"}, day: on(2, 14)},
	{words: []string{"st.", "patrick", "'s", "day"}, day: on(3, 17)},
	{words: []string{"halloween"}, day: on(10, 31)},
	{words: []string{"veterans", "day"}, day: on(11, 11)},
	{words: []string{"fourth", "of", "july"}, day: on(7, 4)},
	{words: []string{"thanksgiving"}, day: nth(11, time.Thursday, 4, 0)},
	{words: []string{"black", "friday"}, day: nth(11, time.Thursday, 4, 1)},
	{words: []string{"labor", "day"}, day: nth(9, time.Monday, 1, 0)},
	{words: []string{"memorial", "day"}, day: nth(5, time.Monday, -1, 0)},
	{words: []string{"mother", "'s", "day"}, day: nth(5, time.Sunday, 2, 0)},
	{words: []string{"father", "'s", "day"}, day: nth(6, time.Sunday, 3, 0)},
	{words: []string{"election", "day"}, day: nth(11, time.Monday, 1, 1)},
	{words: []string{"inauguration", "day"}, day: inauguration},
	{words: []string{"good", "friday"}, day: easterOffset(-2)},
	{words: []string{"easter"}, day: easterOffset(0)},
}

func on(m, d int) func(int) (time.Time, bool) {
	return func(y int) (time.Time, bool) { return date(y, m, d), true }
}

// nth is the n-th weekday of a month (n = -1: the last), moved by a few days.
func nth(m int, wd time.Weekday, n, shift int) func(int) (time.Time, bool) {
	return func(y int) (time.Time, bool) {
		if n < 0 {
			t := date(y, m+1, 0)
			return t.AddDate(0, 0, -((int(t.Weekday())-int(wd)+7)%7)+shift), true
		}
		t := date(y, m, 1)
		return t.AddDate(0, 0, (int(wd)-int(t.Weekday())+7)%7+7*(n-1)+shift), true
	}
}

// inauguration is the day a US president takes office: January 20 of the
// year after an election, since 1937.
func inauguration(y int) (time.Time, bool) {
	return date(y, 1, 20), y%4 == 1 && y >= 1937
}

// easterOffset counts days from Western Easter (the anonymous Gregorian computus).
func easterOffset(days int) func(int) (time.Time, bool) {
	return func(y int) (time.Time, bool) {
		a, b, c := y%19, y/100, y%100
		d, e := b/4, b%4
		f := (b + 8) / 25
		g := (b - f + 1) / 3
		h := (19*a + b - d - g + 15) % 30
		i, k := c/4, c%4
		l := (32 + 2*e + 2*i - h - k) % 7
		m := (a + 11*h + 22*l) / 451
		month := (h + l - 7*m + 114) / 31
		day := (h+l-7*m+114)%31 + 1
		return date(y, month, day).AddDate(0, 0, days), true
	}
}

// holidayAt reads a holiday's name at word i and returns its day in any
// year and the word after the name.
func holidayAt(ws []word, i int) (func(int) (int, int, bool), int, bool) {
	if !isCapital(ws[i].text) {
		return nil, i, false
	}
	for _, h := range holidays {
		if h.not[peek(ws, i-1)] || !wordsAt(ws, i, h.words) {
			continue
		}
		rule := h.day
		return func(y int) (int, int, bool) {
			t, ok := rule(y)
			n := dayNumber(t)
			return n, n, ok
		}, i + len(h.words), true
	}
	return nil, i, false
}

func wordsAt(ws []word, i int, seq []string) bool {
	for k, w := range seq {
		if peek(ws, i+k) != w {
			return false
		}
	}
	return true
}
