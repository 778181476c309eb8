package quote

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// attribution is who a sentence says said something, and how.
type attribution struct {
	cue                      string
	speakerStart, speakerEnd int // the words naming the speaker
	medium                   string
	contentStart, contentEnd int // the reported clause, for indirect speech
	inherit                  *storyline.Speaker
}

// tok is a word or punctuation mark of a sentence.
type tok struct {
	start, end int
	text       string
	lower      string
	quoted     bool // inside quotation marks
	punct      bool
}

func (d *document) tokens(s storyline.Span) []tok {
	var out []tok
	for i := s.Start; i < s.End; {
		r, size := utf8.DecodeRuneInString(d.body[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i
			for j < s.End {
				r2, sz := utf8.DecodeRuneInString(d.body[j:])
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '\'' || r2 == '’' || r2 == '-' ||
					(r2 == '.' && j+sz < s.End && isLetterAt(d.body, j+sz))) {
					break
				}
				j += sz
			}
			w := d.body[i:j]
			out = append(out, tok{start: i, end: j, text: w, lower: strings.ToLower(w), quoted: d.inQuote(i)})
			i = j
		default:
			out = append(out, tok{start: i, end: i + size, text: string(r), lower: string(r), punct: true, quoted: d.inQuote(i)})
			i += size
		}
	}
	return out
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

func (d *document) inQuote(i int) bool {
	for _, seg := range d.segments {
		if i >= seg.start && i < seg.end {
			return true
		}
	}
	return false
}

// findAttribution reads a sentence for a speech cue with its speaker:
// "X said (that) ...", "..., X said", "\"...,\" said X", "according to X".
func (d *document) findAttribution(s storyline.Span, segs []int) *attribution {
	toks := d.tokens(s)
	for i, t := range toks {
		if t.quoted || t.punct || !isCue(t.lower) {
			continue
		}
		cueEnd := i + 1
		if t.lower == "pointed" && cueEnd < len(toks) && toks[cueEnd].lower == "out" {
			cueEnd++
		}
		if a := d.subjectBefore(s, toks, i, cueEnd); a != nil {
			return a
		}
		if a := d.speakerAfter(s, toks, i, cueEnd); a != nil {
			return a
		}
	}
	return d.accordingTo(s, toks)
}

// subjectBefore reads "SPEAKER [adverb] CUE ..." and "NAME, ROLE, CUE ...".
func (d *document) subjectBefore(s storyline.Span, toks []tok, cue, cueEnd int) *attribution {
	if cue > 0 && toks[cue-1].text == "," {
		if a := d.appositiveSubject(s, toks, cue, cueEnd); a != nil {
			return a
		}
	}
	j := cue - 1
	for j >= 0 && (auxiliaries[toks[j].lower] || strings.HasSuffix(toks[j].lower, "ly") && !toks[j].punct && j < cue-0) {
		j--
	}
	end := j + 1
	for j >= 0 && !toks[j].punct && !toks[j].quoted && !clauseWords[toks[j].lower] {
		j--
	}
	start := j + 1
	if start >= end || end-start > 9 || !looksLikeSpeaker(toks[start:end]) {
		return nil
	}
	a := &attribution{cue: cueText(toks, cue, cueEnd), speakerStart: toks[start].start, speakerEnd: toks[end-1].end}
	a.medium = d.medium(s)
	if start > 0 && (toks[start-1].text == "," || toks[start-1].quoted || toks[start-1].text == "”" || toks[start-1].text == "\"") && d.tailCue(toks, cueEnd) {
		// "CONTENT, Volkov said." reports what came before.
		a.contentStart, a.contentEnd = s.Start, toks[start-1].start
		return a
	}
	a.contentStart, a.contentEnd = d.contentAfter(s, toks, cue, cueEnd)
	return a
}

// appositiveSubject reads "Karim Nassar, the leader of the party, said"
// and "Norvask's defence minister, Dmitry Volkov, said": of the two
// phrases between commas, the name is the speaker.
func (d *document) appositiveSubject(s storyline.Span, toks []tok, cue, cueEnd int) *attribution {
	mid := cue - 2
	for mid >= 0 && toks[mid].text != "," && !toks[mid].quoted && cue-mid < 16 {
		mid--
	}
	if mid < 1 || toks[mid].text != "," {
		return nil
	}
	head := mid - 1
	for head >= 0 && !toks[head].punct && !toks[head].quoted && !clauseWords[toks[head].lower] {
		head--
	}
	first, second := toks[head+1:mid], toks[mid+1:cue-1]
	speaker := first
	if isName(second) && !isName(first) {
		speaker = second
	}
	if len(speaker) == 0 || len(speaker) > 9 || !looksLikeSpeaker(speaker) {
		return nil
	}
	a := &attribution{cue: cueText(toks, cue, cueEnd), speakerStart: speaker[0].start, speakerEnd: speaker[len(speaker)-1].end,
		medium: d.medium(s)}
	a.contentStart, a.contentEnd = d.contentAfter(s, toks, cue, cueEnd)
	return a
}

// isName reports whether every word of a phrase is capitalised.
func isName(ts []tok) bool {
	if len(ts) == 0 || len(ts) > 5 {
		return false
	}
	for _, t := range ts {
		r, _ := utf8.DecodeRuneInString(t.text)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// tailCue reports whether nothing but a time or place follows the cue:
// "..., he said on Monday."
func (d *document) tailCue(toks []tok, cueEnd int) bool {
	rest := 0
	for _, t := range toks[cueEnd:] {
		if !t.punct {
			rest++
		}
	}
	return rest <= 6
}

// speakerAfter reads "\"...,\" said Volkov" and "..., said the minister".
func (d *document) speakerAfter(s storyline.Span, toks []tok, cue, cueEnd int) *attribution {
	if cue == 0 || !(toks[cue-1].text == "," || toks[cue-1].quoted || toks[cue-1].text == "”" || toks[cue-1].text == "\"") {
		return nil
	}
	end := cueEnd
	for end < len(toks) && !toks[end].punct && !toks[end].quoted && end-cueEnd < 8 {
		end++
	}
	// "said the minister." ends the sentence or its clause: a cue followed
	// by a long clause reports that clause and is read the other way.
	if end == cueEnd || (end < len(toks) && !toks[end].punct) || !looksLikeSpeaker(toks[cueEnd:end]) {
		return nil
	}
	a := &attribution{cue: cueText(toks, cue, cueEnd), speakerStart: toks[cueEnd].start, speakerEnd: toks[end-1].end,
		medium: d.medium(s), contentStart: s.Start, contentEnd: toks[cue-1].start}
	return a
}

// contentAfter finds the reported clause after a cue, skipping the
// listener of "told reporters (that)" and a trailing attribution.
func (d *document) contentAfter(s storyline.Span, toks []tok, cue, cueEnd int) (int, int) {
	i := cueEnd
	if tellCues[toks[cue].lower] {
		for i < len(toks) && toks[i].lower != "that" && !toks[i].punct && i-cueEnd < 8 {
			i++
		}
	}
	// "said on Friday that ...": the clause starts after "that".
	for k := i; k < len(toks) && k < i+7 && !toks[k].punct && !toks[k].quoted; k++ {
		if toks[k].lower == "that" {
			i = k + 1
			break
		}
	}
	if i < len(toks) && (toks[i].text == ":" || toks[i].text == ",") {
		i++
	}
	if i >= len(toks) {
		return s.End, s.End
	}
	end := s.End
	for k := i; k < len(toks)-1; k++ {
		if toks[k].text == "," && !toks[k].quoted && toks[k+1].lower == "according" {
			end = toks[k].start
			break
		}
	}
	return toks[i].start, end
}

// accordingTo reads "According to X, ..." and "..., according to X."
func (d *document) accordingTo(s storyline.Span, toks []tok) *attribution {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].lower != "according" || toks[i+1].lower != "to" || toks[i].quoted {
			continue
		}
		end := i + 2
		for end < len(toks) && !toks[end].punct && end-i < 10 {
			end++
		}
		if end == i+2 {
			return nil
		}
		a := &attribution{cue: "according to", speakerStart: toks[i+2].start, speakerEnd: toks[end-1].end}
		a.medium = d.medium(s)
		if i == 0 {
			if end < len(toks) {
				a.contentStart, a.contentEnd = toks[end].end, s.End
			}
		} else {
			a.contentStart, a.contentEnd = s.Start, toks[i].start
		}
		return a
	}
	return nil
}

func cueText(toks []tok, start, end int) string {
	parts := make([]string, 0, end-start)
	for _, t := range toks[start:end] {
		parts = append(parts, t.text)
	}
	return strings.Join(parts, " ")
}

// looksLikeSpeaker accepts a name, a pronoun, or a noun phrase with a
// determiner ("the minister", "two officials", "Trump's campaign").
func looksLikeSpeaker(ts []tok) bool {
	if len(ts) == 0 || ts[0].quoted {
		return false
	}
	if len(ts) == 1 && pronouns[ts[0].lower] {
		return true
	}
	first := ts[0]
	if determiners[first.lower] || strings.HasSuffix(first.lower, "'s") || strings.HasSuffix(first.lower, "’s") {
		return len(ts) >= 2
	}
	for _, t := range ts {
		r, _ := utf8.DecodeRuneInString(t.text)
		if unicode.IsUpper(r) && !nonSpeakers[t.lower] {
			return true
		}
	}
	return len(ts) <= 4 && groupNouns[ts[len(ts)-1].lower]
}

var mediumRes = []*regexp.Regexp{
	regexp.MustCompile(`\b(?:told|telling|tells)\s+(?:the\s+)?((?:[A-Z][\p{L}&.'-]*\s?){1,5})`),
	regexp.MustCompile(`\b(?:in an? (?:interview|statement|comments?|remarks|op-ed|letter|post) (?:with|to|for|on|in)|speaking (?:to|with)|talking to|in remarks to|writing in|wrote in)\s+(?:the\s+)?((?:[a-z-]+\s)?(?:[A-Z][\p{L}&.'-]*\s?){1,6})`),
	regexp.MustCompile(`\b(?:on|via|in a post on)\s+(Twitter|Facebook|Instagram|Telegram|X|YouTube|TikTok|Truth Social)\b`),
	regexp.MustCompile(`\bin an? (tweet|television interview|radio interview|press conference|news conference|statement)\b`),
	regexp.MustCompile(`\baccording to\s+(?:the\s+)?((?:[A-Z][\p{L}&.'-]*\s?){1,5})`),
}

// medium finds where a statement was given: "told Sputnik", "in an
// interview with the Argentine newspaper Clarin", "on Twitter".
func (d *document) medium(s storyline.Span) string {
	text := d.body[s.Start:s.End]
	for _, re := range mediumRes {
		if m := re.FindStringSubmatch(text); m != nil {
			return strings.TrimRight(strings.TrimSpace(m[1]), ".,;:")
		}
	}
	return ""
}
