// Package textclean recovers a news article from plain text as a scraper
// saved it: the body, with every real sentence kept, and the title,
// outlet, dateline, byline and header date; every line it takes out is
// listed with a reason. Junk is recognised line by line (navigation,
// widgets, captions, teasers, tags, repeated headlines) and, across a
// batch, by repetition: a line many articles of one outlet share is
// boilerplate.
package textclean

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// Cleaner cleans plain-text inputs. It holds compiled rules and the
// batch's line statistics, and serves many goroutines.
type Cleaner struct {
	stats *LineStats
}

// New returns a cleaner; stats may be nil when no batch evidence is kept.
func New(stats *LineStats) *Cleaner { return &Cleaner{stats: stats} }

// line is one line of the input and what the cleaner made of it.
type line struct {
	text   string // trimmed
	blank  bool
	reason string // "" keeps the line in the body
}

// Clean recovers the article in a plain-text input.
func (c *Cleaner) Clean(ctx context.Context, in *storyline.Input) (*storyline.Article, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	lines := splitLines(in.Text)
	a := &storyline.Article{}
	title := c.findTitle(lines, in.Title, a)
	c.classify(lines, title, in.Group, a)
	a.Body = joinBody(lines)
	if strings.TrimSpace(a.Body) == "" && title != "" {
		// A text of one sentence is an article, not a headline without one;
		// so is a feed's teaser whose text only repeats the title it was
		// given, which keeps it as its title too.
		if repeated := restoreTitleLines(lines, title); repeated || in.Title == "" {
			a.Body = title
		}
		if in.Title == "" {
			a.Title = ""
		}
	}
	if strings.TrimSpace(a.Body) == "" {
		return nil, fmt.Errorf("%s: %w", in.Source, ErrNoArticle)
	}
	if a.Dateline == "" {
		a.Dateline, _ = dateline(firstBodyLine(lines))
	}
	for _, l := range lines {
		if l.reason != "" {
			a.Removed = append(a.Removed, storyline.Removed{Text: l.text, Reason: l.reason})
		}
	}
	return a, nil
}

// ErrNoArticle is returned when nothing article-like remains.
var ErrNoArticle = errors.New("no article text found: every line looks like page furniture")

// restoreTitleLines keeps the first line removed as a repeat of the
// title, and says whether there was one.
func restoreTitleLines(lines []line, title string) bool {
	for i := range lines {
		if lines[i].reason == storyline.RemovedTitleRepeat && lines[i].text == title {
			lines[i].reason = ""
			return true
		}
	}
	return false
}

func splitLines(text string) []line {
	raw := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	out := make([]line, 0, len(raw))
	for _, r := range raw {
		t := strings.TrimSpace(strings.Map(func(r rune) rune {
			if r == '\u00a0' || r == '\t' {
				return ' '
			}
			return r
		}, r))
		out = append(out, line{text: t, blank: t == ""})
	}
	return out
}

// classify decides, line by line, what stays in the body.
func (c *Cleaner) classify(lines []line, title, group string, a *storyline.Article) {
	titleKey := normKey(title)
	tail := tailStart(lines)
	seenContent := false
	for i := range lines {
		l := &lines[i]
		if l.blank || l.reason != "" {
			continue
		}
		switch {
		case i >= tail:
			l.reason = storyline.RemovedWidget
		case titleKey != "" && isTitleRepeat(l.text, titleKey):
			l.reason = storyline.RemovedTitleRepeat
		case !seenContent && c.headerLine(l, a):
			// a byline, a date line or an outlet masthead above the article
		default:
			l.reason = junkReason(l.text)
			if l.reason == "" && c.stats.isBoilerplate(group, l.text) {
				l.reason = storyline.RemovedOther
			}
		}
		if l.reason == "" && wordCount(l.text) >= 8 {
			seenContent = true
		}
	}
}

// headerLine takes metadata lines off the top: bylines, dates, mastheads.
func (c *Cleaner) headerLine(l *line, a *storyline.Article) bool {
	if b, ok := byline(l.text); ok {
		if a.Byline == "" {
			a.Byline = b
		}
		l.reason = storyline.RemovedOther
		return true
	}
	if day, ok := headerDate(l.text); ok {
		if a.Published.Date == "" {
			a.Published = storyline.Published{Date: day, Earliest: day, Latest: day,
				Method: storyline.DateText, Evidence: l.text}
		}
		l.reason = storyline.RemovedOther
		return true
	}
	return false
}

// findTitle picks the headline: the input's own, or the first line that
// reads like one. Everything above that line is the page's header
// (menus, masthead, tagline) and is removed; a masthead names the outlet,
// as does a "Headline - Outlet" suffix.
func (c *Cleaner) findTitle(lines []line, given string, a *storyline.Article) string {
	title := strings.TrimSpace(given)
	idx, masthead := -1, ""
	if title == "" {
		idx, masthead = headlineIndex(lines)
		if idx >= 0 {
			title = lines[idx].text
			for i := 0; i < idx; i++ {
				if !lines[i].blank && lines[i].reason == "" && junkReason(lines[i].text) == "" {
					lines[i].reason = storyline.RemovedNavigation
				}
			}
		}
	}
	if t, outlet, ok := splitOutletSuffix(title); ok {
		title, a.Outlet = t, outlet
	}
	if idx >= 0 {
		lines[idx].reason = storyline.RemovedTitleRepeat
	}
	a.Title = title
	if a.Outlet == "" {
		a.Outlet = masthead
	}
	if a.Outlet == "" {
		a.Outlet = outletFromLines(lines)
	}
	return title
}

// headlineIndex finds the headline line and the masthead above it, if any.
// A short line is a masthead or a section name, unless the article's
// first paragraph follows it directly: then it is the headline.
func headlineIndex(lines []line) (idx int, masthead string) {
	short := -1
	for i, l := range lines {
		if l.blank || junkReason(l.text) != "" {
			continue
		}
		if _, ok := byline(l.text); ok {
			continue
		}
		if _, ok := headerDate(l.text); ok {
			continue
		}
		switch {
		case wordCount(l.text) < 4:
			if masthead == "" && isMasthead(l.text) {
				masthead = titleCase(l.text)
			}
			short = i
			continue
		case looksLikeHeadline(l.text):
			return i, masthead
		case short >= 0 && wordCount(lines[short].text) >= 2:
			if masthead == titleCase(lines[short].text) {
				masthead = ""
			}
			return short, masthead
		}
		return -1, masthead // the article began without a headline
	}
	return -1, masthead
}

// isMasthead spots a publication's name set alone on a line: one to four
// capitalised words.
func isMasthead(s string) bool {
	for _, w := range strings.Fields(s) {
		r := []rune(w)[0]
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && w != "of" && w != "the" && w != "and" {
			return false
		}
	}
	return !strings.ContainsAny(s, ".:!?") && hasLetters(s)
}

// titleCase turns an ALL-CAPS masthead into a name.
func titleCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

func looksLikeHeadline(s string) bool {
	n := wordCount(s)
	if n < 3 || n > 30 {
		return false
	}
	// Headlines do not end in a full stop; a line that does is a paragraph.
	return lastRune(s) != '.'
}

func isTitleRepeat(s, titleKey string) bool {
	if keyLetters(s) > len(titleKey)+60 {
		return false // the key is longer than any repeat below may be
	}
	k := normKey(s)
	if k == "" {
		return false
	}
	if k == titleKey {
		return true
	}
	// "Headline - Outlet", "Headline | Outlet" and "Outlet: Headline"
	// repeats; an outlet name is short, so a longer line is no repeat and
	// skips the costly pattern.
	if len(k) > len(titleKey)+60 {
		return false
	}
	if t, _, ok := splitOutletSuffix(s); ok && normKey(t) == titleKey {
		return true
	}
	return len(k) > 20 && (strings.HasPrefix(k, titleKey) || strings.HasSuffix(k, titleKey)) && len(k) < len(titleKey)+40
}

// tailStart finds where a comment section or site footer takes over: a
// strong marker in the last part of the page, after which nothing is article.
func tailStart(lines []line) int {
	content := 0
	for _, l := range lines {
		if !l.blank {
			content++
		}
	}
	seen := 0
	for i, l := range lines {
		if l.blank {
			continue
		}
		seen++
		if seen*10 >= content*5 && isTailMarker(l.text) {
			return i
		}
	}
	return len(lines)
}

func joinBody(lines []line) string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, l := range lines {
		switch {
		case l.blank:
			flush()
		case l.reason != "":
			flush() // removed junk splits paragraphs: what surrounds it was never one line
		default:
			// Scrapers mostly keep one paragraph a line: a line is a paragraph.
			cur = append(cur, l.text)
			flush()
		}
	}
	flush()
	return strings.Join(paras, "\n\n")
}

func firstBodyLine(lines []line) string {
	for _, l := range lines {
		if !l.blank && l.reason == "" {
			return l.text
		}
	}
	return ""
}

// wordCount is len(strings.Fields(s)) without the slice: every rule asks it
// of every line.
func wordCount(s string) int {
	n, inWord := 0, false
	for i := 0; i < len(s); {
		c := s[i]
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !inWord {
			n++
		}
		inWord = !space
	}
	return n
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func lastRune(s string) rune {
	s = strings.TrimRight(s, " \"'”’)")
	if s == "" {
		return 0
	}
	r := []rune(s)
	return r[len(r)-1]
}

// normKey folds a line for comparison: letters and digits, lower-cased.
func normKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	eachKeyRune(s, func(r rune) { b.WriteRune(r) })
	return b.String()
}

// eachKeyRune calls emit with each rune of normKey(s), in order, without
// building it: lower-cased letters and digits, one space between words.
func eachKeyRune(s string, emit func(rune)) {
	space, started := false, false
	for _, r := range s {
		r = unicode.ToLower(r)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && started {
			emit(' ')
		}
		emit(r)
		space, started = false, true
	}
}

// keyLetters counts the ASCII letters and digits of s: normKey(s) is at
// least that long, which rules out most lines before their key is built.
func keyLetters(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c >= 'a' && c <= 'z' || s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}
