package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// segment is a stretch of text between quotation marks: [start, end) is
// the content without the marks.
type segment struct {
	start, end int
	closed     bool // the closing mark was found
}

// quotedSegments finds double-quoted stretches in body. Curly and straight
// marks both count, and so do the paired apostrophes of some newspaper
// archives; a quote left open at the end of a paragraph runs on into the
// next paragraph only if that one reopens it, as news style has it;
// otherwise it ends with its paragraph, so an unbalanced mark never
// swallows the article.
func quotedSegments(body string) []segment {
	var segs []segment
	open, openedBy := -1, ""
	for i := 0; i < len(body); {
		if body[i] == '\n' {
			if open >= 0 {
				segs = append(segs, segment{start: open, end: trimEnd(body, open, i)})
				open = -1
				if m := reopening(body, i); m != "" {
					j := skipSpaceAndNewlines(body, i)
					open, openedBy = j+len(m), m
					i = open
					continue
				}
			}
			i++
			continue
		}
		mark := markAt(body, i)
		switch {
		case mark == "":
			_, size := utf8.DecodeRuneInString(body[i:])
			i += size
		case open >= 0 && closes(openedBy, mark):
			end := i
			if mark == "''" && strings.HasPrefix(body[i+2:], "'") {
				end++ // in ",'''" a single mark closes first, then the double
			}
			segs = append(segs, segment{start: open, end: end, closed: true})
			open = -1
			i = end + len(mark)
		case open < 0 && (mark == "“" || (mark != "”" && opensAt(body, i, len(mark)))):
			open, openedBy = i+len(mark), mark
			i = open
		default:
			i += len(mark)
		}
	}
	if open >= 0 {
		segs = append(segs, segment{start: open, end: trimEnd(body, open, len(body))})
	}
	return mergeContinued(body, segs)
}

// markAt returns the double quotation mark at i, if any.
func markAt(body string, i int) string {
	switch {
	case strings.HasPrefix(body[i:], "“"):
		return "“"
	case strings.HasPrefix(body[i:], "”"):
		return "”"
	case body[i] == '"':
		return `"`
	case strings.HasPrefix(body[i:], "''"):
		return "''"
	}
	return ""
}

// closes reports whether mark ends a quote opened by opener: curly and
// straight marks are mixed freely in scraped text, apostrophe pairs not.
func closes(opener, mark string) bool {
	if opener == "''" || mark == "''" {
		return opener == mark
	}
	return mark != "“"
}

// opensAt reports whether a straight mark (or apostrophe pair) of width
// bytes at i opens a quote: it follows a space, a line start or an opening
// bracket, and a word follows it.
func opensAt(body string, i, width int) bool {
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(body[:i])
		if !unicode.IsSpace(prev) && !strings.ContainsRune("([—–-:", prev) {
			return false
		}
	}
	if i+width >= len(body) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(body[i+width:])
	return !unicode.IsSpace(next)
}

// reopening returns the mark opening the paragraph after the line break
// at nl, if one does.
func reopening(body string, nl int) string {
	j := skipSpaceAndNewlines(body, nl)
	if j >= len(body) {
		return ""
	}
	if m := markAt(body, j); m == "“" || (m != "" && m != "”" && opensAt(body, j, len(m))) {
		return m
	}
	return ""
}

func skipSpaceAndNewlines(body string, i int) int {
	for i < len(body) && (body[i] == '\n' || body[i] == ' ' || body[i] == '\t' || body[i] == '\r') {
		i++
	}
	return i
}

func trimEnd(body string, start, end int) int {
	for end > start && (body[end-1] == ' ' || body[end-1] == '\n' || body[end-1] == '\r') {
		end--
	}
	return end
}

// mergeContinued joins the pieces of a quote carried over paragraph
// breaks, so that a speech quoted over three paragraphs is one quote.
func mergeContinued(body string, segs []segment) []segment {
	var out []segment
	for _, s := range segs {
		if n := len(out); n > 0 && !out[n-1].closed && strings.TrimSpace(strings.Trim(body[out[n-1].end:s.start], "\"“'")) == "" {
			out[n-1].end, out[n-1].closed = s.end, s.closed
			continue
		}
		if s.end > s.start {
			out = append(out, s)
		}
	}
	return out
}
