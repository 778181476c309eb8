package textclean

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// Line patterns, compiled once. Each names a kind of page furniture that
// scraped text carries; they match whole lines, never words in sentences.
var (
	widgetRe = regexp.MustCompile(`(?i)^(` +
		`subscribe( now| today| to [\w ]+)?|sign ?up( for [\w ]+)?|newsletter|log ?in|sign in|register|log in or register.*|` +
		`comments? (are|is) closed\.?|loading (facebook )?comments.*|leave a (comment|reply)|post a comment|add comment|` +
		`\d+ comments?|show comments|view comments|comments|join the (discussion|conversation).*|` +
		`share( this( article| story)?)?( on \w+)?|tweet|email|print|whatsapp|telegram|facebook|twitter|linkedin|reddit|` +
		`follow us( on [\w ,&]+)?|like us on facebook|font size:?.*|(de|in)crease font.*|enlarge font|a\+ a-|a- a\+|` +
		`advertisement|sponsored( content)?|ad|skip to (main )?content|back to top|menu|search|close|` +
		`(we use )?cookies?.*(accept|consent|policy).*|accept( all)?( cookies)?|got it|` +
		`(all rights reserved|terms of (use|service)|privacy policy|contact us|about us)\.?|` +
		`listen to (this|the) (article|story)|\d+ min(ute)? read|reading time.*|` +
		`click here.*|tap here.*|download (our|the) app.*|get the app|related (articles|stories|news|topics)|` +
		`more from [\w .]+|you (may|might) also like|most (read|popular|viewed)|trending( now)?|latest news|top stories|` +
		`recommended( for you)?|editor'?s picks?|don'?t miss|watch( live)?|video|photos?|gallery` +
		`)[.!:]?$`)
	copyrightRe = regexp.MustCompile(`(?i)^(©|\(c\)|copyright\b)`)
	captionRe   = regexp.MustCompile(`(?i)^(\(?(photo|image|picture|file photo|caption|credit|pictured|illustration)s?\b[:/)]|` +
		`.{0,120}\b(ap photo|reuters|afp|getty images|epa|sputnik|tass|ria novosti|shutterstock|file photo)\s*(/[^.]{0,60})?\)?$|` +
		`© [\w .,/-]{2,60}$)`)
	teaserRe = regexp.MustCompile(`(?i)^(read more|read also|also read|see also|related|more|recommended|watch|listen|` +
		`read|opinion|analysis|explainer|live|breaking)\s*[:>»|-]\s*\S|^(►|▶|»|•|>>)\s*\S`)
	tagsRe  = regexp.MustCompile(`(?i)^(tags?|topics?|filed under|keywords?|categories|category|related topics)\s*:`)
	navSeps = regexp.MustCompile(`\s(\||»|›|>|/|•|·|::)\s`)
	navWord = regexp.MustCompile(`(?i)^(home|news|world|politics|business|economy|sport|sports|opinion|culture|` +
		`science|tech|technology|video|videos|photos|multimedia|live|latest|russia|us|uk|europe|middle east|asia|` +
		`africa|americas|analysis|features|society|defense|defence|military|lifestyle|health|weather|contact|about|` +
		`more|all news|in depth|podcasts|newsletters|search|menu|main|region|regions|local)$`)
	bylineRe = regexp.MustCompile(`^(?i:by|written by|author:|posted by|reporting by)\s+([A-Z][\p{L}.'-]+(?:\s+(?:[A-Z][\p{L}.'-]+|and|&|de|van|von|al-\p{L}+))*)` +
		`(?:\s*[,|-]\s*.{0,60})?$`)
	staffBylineRe = regexp.MustCompile(`^([A-Z][\p{L}.'-]+(?:\s+[A-Z][\p{L}.'-]+){1,3}),\s*(?i:staff (writer|reporter)|correspondent|` +
		`special correspondent|political (editor|reporter)|senior (writer|editor|reporter)|reporter|editor)\b.{0,40}$`)
	datelineRe      = regexp.MustCompile(`^([A-Z][A-Z.'-]+(?:[ -][A-Z][A-Z.'-]+){0,3})(?:,\s*[A-Z][\p{L}. ]{1,30})?\s*(?:\(([\p{L}. ]{2,30})\))?\s*(?:—|–|--|-)\s+\S`)
	outletSuffixRe  = regexp.MustCompile(`^(.{12,}?)\s+(?:[|–—-]|::)\s+([\p{Lu}][\p{L}&'. ]{1,40})$`)
	mastheadRe      = regexp.MustCompile(`(?i)^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]?\s*(?:\d{4})?\s*)?([\p{Lu}][\p{L}&'. ]{1,40}?)(?:\.|,|\s+all rights reserved|\s*$)`)
	corporateSuffix = regexp.MustCompile(`(?i)[ ,]+(ltd|limited|inc|llc|plc|gmbh|s\.?a|media group|group|broadcasting|corporation|corp)\.?$`)
	tailRe          = regexp.MustCompile(`(?i)^(comments?|\d+ comments?|leave a (comment|reply)|join the (discussion|conversation)|` +
		`loading (facebook )?comments|comments are closed|show comments|discussion|related (articles|stories|news)|` +
		`you (may|might) also like|more (from|on) [\w .]+|most (read|popular)|recommended( for you)?)\b.{0,40}$`)
	headerDateRe = regexp.MustCompile(`(?i)^(?:(?:published|updated|posted|last updated|date)\s*:?\s*(?:on\s+)?)?` +
		`(.{6,40}?)\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?\s*(?:gmt|utc|msk|est|edt|cet|[+-]\d{2}:?\d{2})?)?\s*(?:\(updated.*\))?$`)
)

// junkReason says why a line is page furniture, or "" for article text.
func junkReason(s string) string {
	words := wordCount(s)
	switch {
	case tagsRe.MatchString(s):
		return storyline.RemovedTags
	case words <= 12 && teaserRe.MatchString(s):
		return storyline.RemovedTeaser
	case words <= 10 && widgetRe.MatchString(s):
		return storyline.RemovedWidget
	case words <= 25 && copyrightRe.MatchString(s):
		return storyline.RemovedWidget
	case words <= 30 && !endsSentence(s) && captionRe.MatchString(s):
		return storyline.RemovedCaption
	case isNavigation(s):
		return storyline.RemovedNavigation
	case isForeignUI(s):
		return storyline.RemovedNavigation
	case !hasLetters(s):
		return storyline.RemovedOther
	}
	return ""
}

func endsSentence(s string) bool {
	r := lastRune(s)
	return (r == '.' || r == '!' || r == '?') && wordCount(s) > 12
}

// isNavigation spots breadcrumbs and menus: short items between separators,
// or a line made only of section names.
func isNavigation(s string) bool {
	// Splitting costs; a line without any separator can only be a menu of
	// section names.
	if !hasNavSeparator(s) {
		return isSectionList(s)
	}
	if parts := navSeps.Split(s, -1); len(parts) >= 3 {
		short := 0
		for _, p := range parts {
			if wordCount(p) <= 3 {
				short++
			}
		}
		return short*10 >= len(parts)*8
	}
	return isSectionList(s)
}

// hasNavSeparator reports whether navSeps would split s, at the cost of
// one pass over its bytes: most lines hold a colon or a slash, few a
// separator between spaces.
func hasNavSeparator(s string) bool {
	space := func(i int) bool {
		return i >= 0 && i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r')
	}
	for i, r := range s {
		if !space(i - 1) {
			continue
		}
		switch r {
		case '|', '»', '›', '>', '/', '•', '·':
			if space(i + utf8.RuneLen(r)) {
				return true
			}
		case ':':
			if strings.HasPrefix(s[i:], "::") && space(i+2) {
				return true
			}
		}
	}
	return false
}

func isSectionList(s string) bool {
	if wordCount(s) > 12 {
		return false // spares splitting every paragraph into its words
	}
	fields := strings.Fields(s)
	if len(fields) == 0 || len(fields) > 12 {
		return false
	}
	nav := 0
	for _, f := range fields {
		if navWord.MatchString(strings.Trim(f, "|»›>•·,")) {
			nav++
		}
	}
	return len(fields) >= 2 && nav == len(fields)
}

// isForeignUI spots short lines in another script within an article in a
// Latin script: menus and buttons of the site's home-language interface.
func isForeignUI(s string) bool {
	if wordCount(s) > 8 {
		return false
	}
	latin, other := 0, 0
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	return other > 0 && other > 3*latin
}

func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func isTailMarker(s string) bool { return wordCount(s) <= 8 && tailRe.MatchString(s) }

// byline reads "By Jane Roe", "By Jane Roe and John Doe, Reuters" or
// "Jane Roe, Staff Writer".
func byline(s string) (string, bool) {
	if wordCount(s) > 14 {
		return "", false
	}
	if m := bylineRe.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1]), true
	}
	if m := staffBylineRe.FindStringSubmatch(s); m != nil {
		return strings.TrimSpace(m[1]), true
	}
	return "", false
}

var dateLayouts = []string{
	"January 2, 2006", "Jan 2, 2006", "Jan. 2, 2006", "2 January 2006", "2 Jan 2006", "Monday, January 2, 2006",
	"Monday, 2 January 2006", "Mon, 2 Jan 2006", "2006-01-02", "02.01.2006", "2.1.2006", "01/02/2006", "1/2/2006",
	"2006/01/02", "January 2 2006", "02 January 2006",
}

// headerDate reads a date line above an article: "Published: December 11,
// 2017 10:32 GMT", "11.12.2017", "Updated 2017-12-11".
func headerDate(s string) (string, bool) {
	if wordCount(s) > 9 {
		return "", false
	}
	m := headerDateRe.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	cand := strings.TrimRight(strings.TrimSpace(m[1]), ",|-–— ")
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, cand); err == nil && t.Year() > 1900 {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

// dateline reads "MOSCOW (Sputnik) —" or "DAMASCUS, Syria —" at the start
// of the first paragraph. The paragraph stays whole in the body.
func dateline(s string) (place, agency string) {
	m := datelineRe.FindStringSubmatch(s)
	if m == nil || len(m[1]) < 3 {
		return "", ""
	}
	return m[1], strings.TrimSpace(m[2])
}

// splitOutletSuffix splits "Headline - Outlet Name".
func splitOutletSuffix(s string) (title, outlet string, ok bool) {
	m := outletSuffixRe.FindStringSubmatch(s)
	if m == nil || wordCount(m[2]) > 5 {
		return s, "", false
	}
	return strings.TrimSpace(m[1]), strings.TrimSpace(m[2]), true
}

// outletFromLines finds the outlet a page names in a masthead or footer.
func outletFromLines(lines []line) string {
	for _, l := range lines {
		if m := mastheadRe.FindStringSubmatch(l.text); m != nil && wordCount(l.text) <= 12 {
			name := corporateSuffix.ReplaceAllString(strings.TrimSpace(m[1]), "")
			if name != "" && !strings.EqualFold(name, "all rights reserved") {
				return name
			}
		}
	}
	for _, l := range lines {
		if l.blank {
			continue
		}
		if _, agency := dateline(l.text); agency != "" {
			return agency
		}
	}
	return ""
}
