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
// marks both count; a quote left open at the end of a paragraph runs on
// into the next paragraph only if that one reopens it, as news style has
// it; otherwise it ends with its paragraph, so an unbalanced mark never
// swallows the article.
func quotedSegments(body string) []segment {
	var segs []segment
	open := -1
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRuneInString(body[i:])
		switch {
		case r == '\n':
			if open >= 0 && !reopens(body, i) {
				segs = append(segs, segment{start: open, end: trimEnd(body, open, i)})
				open = -1
			} else if open >= 0 {
				// The next paragraph reopens the quote: skip its opening mark.
				j := skipSpaceAndNewlines(body, i)
				_, msize := utf8.DecodeRuneInString(body[j:])
				segs = append(segs, segment{start: open, end: trimEnd(body, open, i)})
				open = j + msize
				i = j + msize
				continue
			}
		case r == '“' || (r == '"' && open < 0 && opensAt(body, i)):
			if open < 0 {
				open = i + size
			}
		case r == '”' || (r == '"' && open >= 0):
			if open >= 0 {
				segs = append(segs, segment{start: open, end: i, closed: true})
				open = -1
			}
		}
		i += size
	}
	if open >= 0 {
		segs = append(segs, segment{start: open, end: trimEnd(body, open, len(body))})
	}
	return mergeContinued(body, segs)
}

// opensAt reports whether a straight mark at i opens a quote: it follows a
// space, a line start or an opening bracket, and a word follows it.
func opensAt(body string, i int) bool {
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(body[:i])
		if !unicode.IsSpace(prev) && !strings.ContainsRune("([—–-:", prev) {
			return false
		}
	}
	next, _ := utf8.DecodeRuneInString(body[min(i+1, len(body)):])
	return i+1 < len(body) && !unicode.IsSpace(next)
}

func reopens(body string, nl int) bool {
	j := skipSpaceAndNewlines(body, nl)
	r, _ := utf8.DecodeRuneInString(body[j:])
	return j < len(body) && (r == '“' || r == '"')
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
		if n := len(out); n > 0 && !out[n-1].closed && strings.TrimSpace(strings.Trim(body[out[n-1].end:s.start], "\"“")) == "" {
			out[n-1].end, out[n-1].closed = s.end, s.closed
			continue
		}
		if s.end > s.start {
			out = append(out, s)
		}
	}
	return out
}
