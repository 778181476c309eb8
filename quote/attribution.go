package quote

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// attribution is who a sentence says said something, and how.
type attribution struct {
	cue                      string
	speakerStart, speakerEnd int // the words naming the speaker
	nameStart, nameEnd       int // what a relative pronoun speaker stands for, if set
	medium                   string
	contentStart, contentEnd int // the reported clause, for indirect speech
	resumeStart, resumeEnd   int // where the clause goes on after an attribution set inside it, if it does
	inherit                  *storyline.Speaker
}

// reach is where the reported words end, after any part resumed past
// the attribution.
func (a *attribution) reach() int {
	return max(a.contentEnd, a.resumeEnd)
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
	if toks, ok := d.tokenCache[s]; ok {
		return toks
	}
	toks := d.tokenize(s)
	d.tokenCache[s] = toks
	return toks
}

func (d *document) tokenize(s storyline.Span) []tok {
	out := make([]tok, 0, (s.End-s.Start)/5)
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
				if !(unicode.IsLetter(r2) || unicode.IsDigit(r2) || r2 == '’' || r2 == '-' || r2 == '%' && j > i && isDigitByte(d.body[j-1]) ||
					(r2 == '\'' && !strings.HasPrefix(d.body[j:], "''")) ||
					(r2 == '.' && j+sz < s.End && isLetterAt(d.body, j+sz))) {
					break
				}
				j += sz
			}
			if j < s.End && d.body[j] == '.' && abbreviation(d.body[i:j]) {
				j++ // "Mr. Schmidt" and "George W. Bush" are one phrase
			}
			w := d.body[i:j]
			if k := contractionAt(w); k > 0 {
				// "who’ve said", "he's said": the auxiliary is a word of its own.
				out = append(out, tok{start: i, end: i + k, text: w[:k], lower: lowerWord(w[:k]), quoted: d.inQuote(i)})
				i += k
				w = w[k:]
			}
			out = append(out, tok{start: i, end: j, text: w, lower: lowerWord(w), quoted: d.inQuote(i)})
			i = j
		default:
			p := d.body[i : i+size]
			out = append(out, tok{start: i, end: i + size, text: p, lower: p, punct: true, quoted: d.inQuote(i)})
			i += size
		}
	}
	return out
}

// contractionAt returns where an auxiliary contracted onto a word
// begins ("who’ve", "they're", "she'd", and "he's" after a pronoun,
// where "'s" is no possessive), or 0.
func contractionAt(w string) int {
	// Only the last bytes can hold one; most words have no apostrophe.
	apostrophe := false
	for k := max(0, len(w)-5); k < len(w)-1; k++ {
		if c := w[k]; c == '\'' || c == 0xE2 {
			apostrophe = true
			break
		}
	}
	if !apostrophe {
		return 0
	}
	for _, suf := range contractedAuxiliaries {
		if len(w) > len(suf) && strings.EqualFold(w[len(w)-len(suf):], suf) {
			stem := w[:len(w)-len(suf)]
			if strings.HasSuffix(suf, "s") && !pronouns[lowerWord(stem)] && !relativePronouns[lowerWord(stem)] {
				return 0
			}
			return len(stem)
		}
	}
	return 0
}

var contractedAuxiliaries = []string{"'ve", "’ve", "'re", "’re", "'ll", "’ll", "'d", "’d", "'s", "’s"}

// contractedAux holds the same, as tokens: a clause goes on after them,
// so a speaker's name never holds one.
var contractedAux = set(strings.Join(contractedAuxiliaries, ","))

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// lowerWord lowercases a word, without allocating for one already lower.
func lowerWord(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(w)
		}
	}
	return w
}

// abbreviation reports whether a word followed by a full stop is a title
// or an initial, so that the stop does not end a speaker's name.
func abbreviation(w string) bool {
	if len(w) == 1 {
		return w[0] >= 'A' && w[0] <= 'Z'
	}
	return titleAbbreviations[w]
}

var titleAbbreviations = set(`Mr,Mrs,Ms,Dr,Sen,Rep,Gov,Gen,Lt,Col,Sgt,Capt,Adm,Prof,Rev,Sr,Jr,St,Pres,Amb,Maj,Cmdr,Supt,Det,Insp`)

// participleSubject reads "Sanders defended his plan, saying (that) ...":
// the speaker is the subject that opens the sentence.
func (d *document) participleSubject(s storyline.Span, toks []tok, cue, cueEnd int) *attribution {
	start := openingAdverbial(toks[:cue]) // "In 2016, Mrs. Schlafly endorsed Trump, saying"
	end := start + leadingSubject(toks[start:cue])
	if end-start > 3 && prepositions[toks[end-1].lower] && toks[end-2].text == toks[end-2].lower {
		end -= 2 // "The businessman began by talking ..., saying": the verb and its preposition
	}
	if end == start || !looksLikeSpeaker(toks[start:end]) {
		// The sentence opens with something else ("“...,” Trump told
		// reporters, before insisting", "In a debate, while others ...,
		// Trump hewed to the plan, noting"): the subject is the nearest
		// one opening a clause after a comma or a quotation.
		start, end = d.clauseSubject(toks, cue)
		if start < 0 {
			return nil
		}
	}
	a := &attribution{cue: cueText(toks, cue, cueEnd), speakerStart: toks[start].start, speakerEnd: toks[end-1].end, medium: d.medium(s)}
	a.contentStart, a.contentEnd = d.contentAfter(s, toks, cue, cueEnd)
	return a
}

// clauseSubject finds, going back from the participle at cue, the
// nearest clause opening after a comma or a closing quotation mark with a
// speaker followed by its verb. It returns the speaker's token span, or -1.
func (d *document) clauseSubject(toks []tok, cue int) (int, int) {
	// A clause's subject stands within a long sentence's reach of its
	// participle; looking further would make a sentence of many
	// participles quadratic.
	for k := cue - 2; k > 0 && k > cue-60; k-- {
		t := toks[k-1]
		if t.quoted || !(t.text == "," || t.text == "”" || t.text == "\"" || t.text == "'") {
			continue
		}
		end := k + leadingSubject(toks[k:cue])
		if end > k && end < cue-1 && !toks[end].punct && toks[end].text == toks[end].lower && looksLikeSpeaker(toks[k:end]) &&
			!hasVerb(toks[k:end]) && !clauseWords[toks[k].lower] {
			return k, end
		}
	}
	return -1, -1
}

// commaBefore reports whether a comma stands before token i, also one
// that American style puts inside a closing quotation mark: "a defence of
// “New York values,” saying ...".
func commaBefore(toks []tok, i int) bool {
	if i > 0 && (toks[i-1].text == "," || toks[i-1].text == "—" || toks[i-1].text == "–") {
		return true // "flipped his choice – saying ..." sets the participle off with a dash too
	}
	return i > 1 && (toks[i-1].text == "”" || toks[i-1].text == "\"" || toks[i-1].text == "'") && toks[i-2].text == ","
}

// openingAdverbial returns where a sentence's subject starts after a
// phrase of time or place set off by a comma ("In 2016, ..."), or 0.
func openingAdverbial(toks []tok) int {
	if len(toks) == 0 || !(prepositions[toks[0].lower] || temporalWords[toks[0].lower] || isAdverb(toks[0]) ||
		toks[0].lower == "here" || toks[0].lower == "there") {
		return 0
	}
	for i := 1; i < len(toks) && i < 9; i++ {
		if toks[i].text == "," {
			return i + 1
		}
		if toks[i].punct {
			return 0
		}
	}
	return 0
}

// leadingSubject returns the end of the noun phrase opening a sentence:
// a pronoun, a name, or a determiner and the words up to the verb.
func leadingSubject(toks []tok) int {
	if len(toks) > 0 && determiners[toks[0].lower] {
		end := 1
		for end < len(toks) && end < 6 && !toks[end].punct && !auxiliaries[toks[end].lower] && !strings.HasSuffix(toks[end].lower, "ed") &&
			!(isCue(toks[end].lower) && toks[end].text == toks[end].lower) && !participle(toks[end].lower) {
			end++
		}
		return end
	}
	return leadingName(toks)
}

// headline reads "Sanders: Brexit's message could draw Trump support",
// a name and a colon opening a sentence, as headlines attribute.
func (d *document) headline(s storyline.Span, toks []tok) *attribution {
	end := leadingName(toks)
	if end == 0 || end > 4 || end+4 > len(toks) || toks[end].text != ":" || notSpeakers[toks[0].lower] || !headlineSpeaker(toks[:end]) {
		return d.creditedHeadline(s, toks)
	}
	if d.placeAt(toks[0].start) || nameList(toks[end+1:]) {
		return nil // "Iowa: Tim Albrecht, Brad Anderson, ..." lists, it says nothing
	}
	return &attribution{cue: ":", speakerStart: toks[0].start, speakerEnd: toks[end-1].end,
		contentStart: toks[end].end, contentEnd: s.End}
}

// placeAt reports whether the entity mentioned at byte i is a place.
func (d *document) placeAt(i int) bool {
	for _, e := range d.resolver.ents {
		for _, m := range e.Mentions {
			if m.Start <= i && i < m.End {
				return e.Type == storyline.EntityPlace
			}
		}
	}
	return false
}

// nameList reports whether words are a list of names: "Tim Albrecht,
// Brad Anderson, Rob Barron, ...".
func nameList(ts []tok) bool {
	commas, words, upper := 0, 0, 0
	for _, t := range ts {
		switch {
		case t.text == ",":
			commas++
		case !t.punct:
			words++
			if startsUpper(t.text) {
				upper++
			}
		}
	}
	return commas >= 3 && upper*10 >= words*8
}

// creditedHeadline reads a digest's item, "IOWA POLLS NOT WRONG - Mark
// Blumenthal and Jon Cohen: “...”": the names between the dash and the
// colon say what follows.
func (d *document) creditedHeadline(s storyline.Span, toks []tok) *attribution {
	for c := 2; c < len(toks)-2 && c < 30; c++ {
		if toks[c].quoted {
			return nil
		}
		if toks[c].text != ":" {
			continue
		}
		k := c - 1
		for k > 0 && c-k <= 7 && !toks[k].punct && (startsUpper(toks[k].text) || toks[k].lower == "and") {
			k--
		}
		if k == c-1 || (toks[k].text != "-" && toks[k].text != "—" && toks[k].text != "–") || !startsUpper(toks[k+1].text) ||
			!startsUpper(toks[c-1].text) {
			return nil
		}
		return &attribution{cue: ":", speakerStart: toks[k+1].start, speakerEnd: toks[c-1].end, contentStart: toks[c].end, contentEnd: s.End}
	}
	return nil
}

// headlineSpeaker rejects the labels that also open lines with a colon:
// an interview's "Q:" and "A:", a shouted "UN:", a rubric ("The Latest:",
// "Poll:", "Revealed:").
func headlineSpeaker(ts []tok) bool {
	// A transcript names its speakers in capitals ("KATE BOLDUAN:"); one
	// capitalised word is a rubric or an acronym ("UN:").
	for _, t := range ts {
		if len(ts) == 1 && len(t.text) > 1 && t.text == strings.ToUpper(t.text) && !strings.HasSuffix(t.text, ".") {
			return false
		}
	}
	// Names hold no capitalised preposition or verb: "Big Win For
	// Bernie:" and "FIX IS IN:" are headlines.
	for _, t := range ts[1:] {
		if prepositions[t.lower] || beForms[t.lower] {
			return false
		}
	}
	return !(len(ts) == 1 && (len(ts[0].text) == 1 || rubrics[ts[0].lower])) && !(len(ts) >= 2 && rubrics[ts[len(ts)-1].lower])
}

// leadingName returns the end of the name or pronoun opening a sentence.
func leadingName(toks []tok) int {
	if len(toks) > 0 && pronouns[toks[0].lower] {
		return 1
	}
	end := 0
	for end < len(toks) && !toks[end].punct && isName(toks[end:end+1]) {
		end++
	}
	return end
}

// isAdverb reports whether a word is an -ly adverb ("repeatedly said");
// a capitalised one is a name ("Jolly said").
func isAdverb(t tok) bool {
	return !t.punct && strings.HasSuffix(t.text, "ly") && t.text != "" && t.text[0] >= 'a' && t.text[0] <= 'z'
}

// endsQuoteOrClause reports whether a token closes a quotation or a
// clause, after which an attribution may follow: "...," he said.
func endsQuoteOrClause(t tok) bool {
	switch t.text {
	case ",", "”", "\"", "'":
		return true
	}
	return t.quoted
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r)
}

// inQuote reports whether byte i lies inside a quotation; segments are
// in text order and do not overlap, so a binary search finds it.
func (d *document) inQuote(i int) bool {
	k := sort.Search(len(d.segments), func(k int) bool { return d.segments[k].end > i })
	return k < len(d.segments) && d.segments[k].start <= i
}

// findAttribution reads a sentence for a speech cue with its speaker:
// "X said (that) ...", "..., X said", "\"...,\" said X", "according to X".
func (d *document) findAttribution(s storyline.Span, segs []int) *attribution {
	toks := d.tokens(s)
	var best *attribution
	bestDist := 0
	for from := 0; from < len(toks); {
		a, next := d.attributionFrom(s, toks, from)
		if a == nil {
			break
		}
		// Of several cues the one next to the quotation introduces it:
		// in "X refused to answer but said ..., adding: \"...\"" it is
		// "adding".
		if dist := d.distanceToSegments(toks[next-1], segs); best == nil || dist < bestDist {
			best, bestDist = a, dist
		}
		from = next
	}
	if best != nil {
		return best
	}
	if a := d.accordingTo(s, toks); a != nil {
		return a
	}
	return d.creditedHeadline(s, toks)
}

// distanceToSegments is how many bytes lie between a token and the
// nearest of the quotations.
func (d *document) distanceToSegments(t tok, segs []int) int {
	best := -1
	for _, i := range segs {
		seg := d.segments[i]
		dist := 0
		switch {
		case t.end <= seg.start:
			dist = seg.start - t.end
		case t.start >= seg.end:
			dist = t.start - seg.end
		}
		if best < 0 || dist < best {
			best = dist
		}
	}
	return best
}

// findAttributions reads every attribution of a sentence, in order and
// without overlap: "Beck said X, but he said Y" reports two statements.
func (d *document) findAttributions(s storyline.Span) []*attribution {
	toks := d.tokens(s)
	if a := d.closingAttribution(s, toks); a != nil {
		return []*attribution{a}
	}
	var out []*attribution
	for from := 0; from < len(toks); {
		a, next := d.attributionFrom(s, toks, from)
		if a == nil {
			break
		}
		out = append(out, a)
		from = next
		// An attribution that reports nothing ("echoed that promise on
		// Monday") leaves the rest of the sentence to read.
		for from < len(toks) && toks[from].start < a.reach() && a.contentEnd > a.contentStart {
			from++
		}
		// "criticised the plan and said allies ...": the second cue shares
		// the subject of the first.
		for from < len(toks) {
			b := d.coordinated(s, toks, from, a)
			if b == nil {
				break
			}
			out, a = append(out, b), b
			for from < len(toks) && toks[from].start < b.reach() {
				from++
			}
		}
	}
	if a := d.openingParticiple(s, toks); a != nil && !sameContent(out, a) {
		out = append(out, a)
	}
	// "X said Y, according to Z" reports Z's account of the whole
	// clause as well as X's statement inside it.
	if a := d.accordingTo(s, toks); a != nil && !sameContent(out, a) {
		out = append(out, a)
	} else if len(out) == 0 {
		if a := d.inView(s, toks); a != nil {
			out = append(out, a)
		} else if a := d.headline(s, toks); a != nil {
			out = append(out, a)
		}
	}
	for _, n := range d.nominals(s, toks) {
		if !sameContent(out, n) {
			out = append(out, n)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].contentStart < out[j].contentStart })
	return out
}

// openingParticiple reads a sentence that opens with a participle cue,
// "Conceding that a deal would come, he warned ...", "Noting he had
// studied law, Allen said ...": the main clause's subject reports the
// participle's clause.
func (d *document) openingParticiple(s storyline.Span, toks []tok) *attribution {
	if len(toks) < 6 || !strings.HasSuffix(toks[0].lower, "ing") || !freeCues[toks[0].lower] || !cueAt(toks, 0) {
		return nil
	}
	comma := 1
	for comma < len(toks) && comma < 40 && (toks[comma].text != "," || toks[comma].quoted) {
		comma++
	}
	if comma >= len(toks)-2 || comma < 3 {
		return nil
	}
	from := comma + 1
	end := from + leadingSubject(toks[from:])
	if end == from || end >= len(toks) || !looksLikeSpeaker(toks[from:end]) || hasVerb(toks[from:end]) || toks[end].punct {
		return nil
	}
	a := &attribution{cue: toks[0].lower, speakerStart: toks[from].start, speakerEnd: toks[end-1].end, medium: d.medium(s)}
	a.contentStart, a.contentEnd = d.contentAfter(s, toks[:comma], 0, 1)
	if a.contentEnd > toks[comma].start {
		a.contentEnd = toks[comma].start
	}
	if a.contentEnd <= a.contentStart {
		return nil
	}
	return a
}

// datelinePattern matches a wire dateline opening a sentence, "ANSELM
// (Levant Wire) — ", which is no part of what anyone said.
var datelinePattern = regexp.MustCompile(`^\p{Lu}[\p{Lu} .,'-]*(?:\s*\([^)]{1,40}\))?\s*[—–-]+\s*`)

// openingOf is where a sentence's own words begin, after any dateline.
func (d *document) openingOf(s storyline.Span) int {
	if m := datelinePattern.FindStringIndex(d.body[s.Start:s.End]); m != nil && m[1] < s.End-s.Start {
		return s.Start + m[1]
	}
	return s.Start
}

// closingAttribution reads a sentence that ends in its attribution,
// "Talks are ongoing and Maravia hopes for a deal, Mansour said on
// Wednesday": what comes before is Mansour's, cues inside it included.
func (d *document) closingAttribution(s storyline.Span, toks []tok) *attribution {
	for i := len(toks) - 1; i > 0 && len(toks)-i <= 16; i-- {
		if !cueAt(toks, i) {
			continue
		}
		cueEnd := i + 1
		// "..., said lobbyist Charlie Black, a former partner.": a name
		// closing the sentence after the cue is the speaker, whatever
		// glosses stand before the comma.
		if toks[i-1].text == "," && invertingCues[toks[i].lower] && cueEnd < len(toks) && !subjectPronouns[toks[cueEnd].lower] &&
			toks[cueEnd].lower != "that" {
			k := cueEnd
			for k < len(toks) && !toks[k].punct {
				k++
			}
			closes := k == len(toks) || toks[k].text == "," || toks[k].text == "." || toks[k].text == ";"
			if a := d.speakerAfter(s, toks, i, cueEnd); a != nil && closes && a.contentEnd > s.Start && !hasFiniteVerb(toks[cueEnd:k]) {
				return a
			}
		}
		if a := d.subjectBefore(s, toks, i, cueEnd); a != nil {
			if a.contentStart == d.openingOf(s) && a.contentEnd > a.contentStart {
				return a
			}
			return nil
		}
		if a := d.speakerAfter(s, toks, i, cueEnd); a != nil && a.contentEnd > s.Start {
			return a
		}
		return nil
	}
	return nil
}

// cueAt reports whether token i is a reporting verb. A cue word after a
// determiner, a possessive or a number is a noun ("his remarks", "the
// report", "two shows"), and a capitalised one inside a sentence is part
// of a name or title ("The Tonight Show").
func cueAt(toks []tok, i int) bool {
	t := toks[i]
	if t.quoted || t.punct {
		return false
	}
	if !isCue(t.lower) {
		// "“This is fantastic!” beamed Hartley", "the Saudis state"
		return quotationCues[t.lower] && t.text == t.lower && afterQuotation(toks, i)
	}
	if callForms[t.lower] && !appeals(toks, i) {
		return false
	}
	if !freeCues[t.lower] && !inFrame(toks, i) {
		return false
	}
	if goOnForms[t.lower] && i+1 < len(toks) {
		if n := toks[i+1]; !(n.quoted || n.text == "," || n.text == ":" || n.text == "." || n.text == "“" || n.text == "\"") {
			return false
		}
	}
	if clauseOnly[t.lower] && i+1 < len(toks) {
		if n := toks[i+1]; !(n.punct || n.quoted || n.lower == "that" || subjectPronouns[n.lower] || tailWords[n.lower]) {
			return false
		}
	}
	if strings.HasPrefix(t.lower, "claim") && i+2 < len(toks) && (determiners[toks[i+1].lower] && winnings[toks[i+2].lower] ||
		winnings[toks[i+1].lower]) {
		return false // "to claim the nomination"
	}
	if strings.HasPrefix(t.lower, "post") && !postsWords(toks, i) {
		return false // "posted a victory", "posted messages": not a statement quoted or reported
	}
	if strings.HasPrefix(t.lower, "report") && i+1 < len(toks) &&
		(financialNouns[toks[i+1].lower] || i+2 < len(toks) && determiners[toks[i+1].lower] && financialNouns[toks[i+2].lower]) {
		return false // "reported earnings of $8.42 a share"
	}
	if i+1 < len(toks) && (particles[toks[i+1].lower] || compounds[t.lower+" "+toks[i+1].lower]) {
		return false // "added up to", "think tank"
	}
	if i+1 < len(toks) && reflexives[toks[i+1].lower] && (findForms[t.lower] || showForms[t.lower]) {
		return false // "found himself embroiled", "showed itself"
	}
	if i == 0 {
		return true
	}
	prev := toks[i-1]
	if compounds[prev.lower+" "+t.lower] {
		return false // "talk show", "in order to"
	}
	if nominalCues[t.lower] && i+1 < len(toks) && nounFollowers[toks[i+1].lower] && ownedNoun(toks, i) {
		return false // "one of the central claims of", "the government's only hope at this point"
	}
	if prev.lower == "to" && i > 1 && t.lower == "say" && judgementsToSay[toks[i-2].lower] {
		return false // "it is hard to say", "had little to say": nobody says anything
	}
	if t.text != t.lower && !prev.punct && !headlineCue(toks, i) {
		return false
	}
	return !nounMarkers[prev.lower] && !strings.HasSuffix(prev.lower, "'s") && !strings.HasSuffix(prev.lower, "’s") && !isDigits(prev.text)
}

// ownedNoun reports whether a determiner or an owner stands before the
// word at i across one or two modifiers: "the central claims", "the
// government's only hope".
func ownedNoun(toks []tok, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t := toks[k]
		if nounMarkers[t.lower] || strings.HasSuffix(t.lower, "'s") || strings.HasSuffix(t.lower, "’s") {
			return k < i-1
		}
		if t.punct || t.quoted || !isAdjectiveLike(t) {
			return false
		}
	}
	return false
}

var closingMarks = set(`”,",''`)

// participle reports whether a lowercase word is an -ing form, which ends
// a subject phrase: "The minister began by thanking".
func participle(w string) bool {
	return len(w) > 5 && strings.HasSuffix(w, "ing") && w != "during" && w != "including" && !strings.HasSuffix(w, "thing")
}

// postsWords reports whether "posted" at i reports what was posted: a
// clause, a colon or a quotation after it, or a quotation before.
func postsWords(toks []tok, i int) bool {
	if afterQuotation(toks, i) || i+1 >= len(toks) {
		return true
	}
	n := toks[i+1]
	return n.lower == "that" || n.text == ":" || n.text == "," || n.quoted || n.text == "“" || n.text == "\""
}

// afterQuotation reports whether a quotation closes just before token i,
// with at most a short subject between: "“...,” she laughed", "“...”
// beamed Hartley", "“...,” the Saudis state".
func afterQuotation(toks []tok, i int) bool {
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		switch t := toks[k]; {
		case t.quoted || t.text == "”" || t.text == "\"" || t.text == "'":
			return true
		case t.punct && t.text != ",":
			return false
		}
	}
	return false
}

// headlineCue reports whether a capitalised cue at i reports in a
// headline written in title case, "Glenn Beck Says Trump Poses A Threat":
// a present-tense cue between capitalised words.
func headlineCue(toks []tok, i int) bool {
	if i < 1 || i+2 >= len(toks) || !strings.HasSuffix(toks[i].lower, "s") || !freeCues[toks[i].lower] {
		return false
	}
	for _, k := range []int{i - 1, i + 1, i + 2} {
		if t := toks[k]; !t.punct && !startsUpper(t.text) {
			return false
		}
	}
	return startsUpper(toks[i-1].text) && (startsUpper(toks[i+1].text) || toks[i+1].punct)
}

// inFrame reports whether a verb that reports only in some frames stands
// in one at i: "wants to", "wants Congress to"; "knows that", "sees
// (that) he"; "spoke about"; "sees the deal as".
func inFrame(toks []tok, i int) bool {
	w := toks[i].lower
	next := ""
	if i+1 < len(toks) {
		next = toks[i+1].lower
	}
	if infinitiveCues[w] {
		for j := i + 1; j < len(toks) && j <= i+4 && !toks[j].punct; j++ {
			if toks[j].lower == "to" {
				return true
			}
		}
	}
	if clauseCues[w] && (next == "that" || next == "whether" || next == "if" || subjectPronouns[next] || whWords[next]) {
		return true
	}
	if toCues[w] && next == "to" {
		return true // "referring to the resorts", "alluding to his rival"
	}
	if aboutCues[w] && (next == "about" || next == "of" || next == "on" || next == "against") {
		return true
	}
	if asCues[w] {
		for j := i + 1; j < len(toks) && j <= i+6 && !toks[j].punct; j++ {
			if toks[j].lower == "as" {
				return true
			}
		}
	}
	return false
}

// appeals reports whether "call" at i reports a demand or a judgement,
// "called for a ban", "called on Congress to act", "called the plan a
// disgrace", rather than a telephone call ("called Trump") or a name
// given in scare quotes ("call it the \"forever base\""), which the
// nickname rule keeps out of the quotes.
func appeals(toks []tok, i int) bool {
	if i+1 >= len(toks) {
		return false
	}
	switch toks[i+1].lower {
	case "for", "on", "upon", "to":
		return true
	}
	if n := leadingName(toks[i+1:]); n > 0 && !pronouns[toks[i+1].lower] {
		// "called Trump a liar" judges; "called Northern Star", "called
		// Clara Powers" name or telephone.
		k := i + 1 + n
		return k < len(toks) && (toks[k].lower == "a" || toks[k].lower == "an" || toks[k].punct && k+1 < len(toks) && toks[k+1].quoted)
	}
	j := i + 1
	for j < len(toks) && j <= i+4 && !toks[j].punct && !toks[j].quoted {
		if toks[j].lower == "a" || toks[j].lower == "an" {
			return true
		}
		j++
	}
	obj := toks[i+1 : j]
	if j+1 < len(toks) && toks[j].punct && toks[j+1].quoted {
		j++ // the opening mark
	}
	if j >= len(toks) || !toks[j].quoted {
		return len(obj) > 0 && !isName(obj)
	}
	// A quoted name closing the clause: "call it the 'forever base'";
	// but a quoted judgement, "called it \"shameful\"", "called the deal
	// \"a disaster\"", reports what was said.
	k := j
	for k < len(toks) && toks[k].quoted {
		k++
	}
	first := j
	for first < k && toks[first].punct {
		first++
	}
	named := j - 1 // the word before the opening mark
	for named > i && toks[named].punct {
		named--
	}
	if first < k && toks[named].lower != "the" && (toks[first].lower == "a" || toks[first].lower == "an" ||
		toks[first].text == toks[first].lower && toks[first].lower != "the") {
		return true
	}
	return countWords(toks[j:k]) > 3
}

func countWords(ts []tok) int {
	n := 0
	for _, t := range ts {
		if !t.punct {
			n++
		}
	}
	return n
}

// attributionFrom finds the first attribution whose cue is at or after
// token from, and the token after its cue.
func (d *document) attributionFrom(s storyline.Span, toks []tok, from int) (*attribution, int) {
	for i := from; i < len(toks); i++ {
		t := toks[i]
		if !cueAt(toks, i) {
			continue
		}
		cueEnd := i + 1
		if t.lower == "pointed" && cueEnd < len(toks) && toks[cueEnd].lower == "out" {
			cueEnd++
		}
		// "X defended the lease, saying ...": a participle's subject opens
		// the sentence, before any report already read.
		participial := (commaBefore(toks, i) || i > 0 && toks[i-1].lower == "and") && strings.HasSuffix(t.lower, "ing")
		if a := d.subjectBefore(s, toks, i, cueEnd); a != nil && (a.speakerStart >= toks[from].start || participial) {
			return a, cueEnd
		}
		if a := d.speakerAfter(s, toks, i, cueEnd); a != nil && a.contentStart >= toks[from].start {
			return a, cueEnd
		}
	}
	return nil, len(toks)
}

// subjectBefore reads "SPEAKER [adverb] CUE ..." and "NAME, ROLE, CUE ...".
func (d *document) subjectBefore(s storyline.Span, toks []tok, cue, cueEnd int) *attribution {
	if cue > 0 && strings.HasSuffix(toks[cue].lower, "ing") && (commaBefore(toks, cue) || participleLinks[toks[cue-1].lower] ||
		statementNouns[toks[cue-1].lower]) {
		// "..., saying", "while saying", "released a statement saying"
		return d.participleSubject(s, toks, cue, cueEnd)
	}
	if cue > 1 && strings.HasSuffix(toks[cue].lower, "ing") {
		// "with three in 10 saying they ...": the phrase after "with" speaks.
		for k := cue - 1; k >= 0 && k >= cue-7 && !toks[k].punct && !toks[k].quoted; k-- {
			if toks[k].lower == "with" {
				if k+1 < cue && looksLikeSpeaker(toks[k+1:cue]) && !hasVerb(toks[k+1:cue]) {
					a := &attribution{cue: toks[cue].lower, speakerStart: toks[k+1].start, speakerEnd: toks[cue-1].end, medium: d.medium(s)}
					a.contentStart, a.contentEnd = d.contentAfter(s, toks, cue, cueEnd)
					return a
				}
				break
			}
		}
	}
	if cue > 0 && toks[cue-1].text == "," {
		if a := d.appositiveSubject(s, toks, cue, cueEnd); a != nil {
			return a
		}
		if a := d.longAppositive(s, toks, cue, cue, cueEnd); a != nil {
			return a
		}
	}
	j := cue - 1
	for j >= 0 && (auxiliaries[toks[j].lower] || isAdverb(toks[j]) ||
		toks[j].lower == "since" && j > 0 && (toks[j-1].lower == "has" || toks[j-1].lower == "have" || toks[j-1].lower == "had")) {
		j-- // "has since said"
	}
	if passive(toks, j+1, cue) {
		return d.passiveAgent(s, toks, cue, cueEnd, len(toks))
	}
	if j >= 0 && (toks[j].lower == "when" || toks[j].lower == "after" || toks[j].lower == "if" || toks[j].text == ",") &&
		strings.HasSuffix(toks[cue].lower, "ed") && cueEnd < len(toks) && toks[cueEnd].lower == "by" {
		// "When asked by a reporter whether ...": a participle's agent speaks.
		limit := len(toks)
		if subordinators[toks[j].lower] {
			limit = mainClauseAt(toks, cueEnd)
		}
		if a := d.passiveAgent(s, toks, cue, cueEnd, limit); a != nil {
			return a
		}
	}
	if j >= 0 && j < cue-1 && toks[j].text == "," {
		// "Republican lawmakers, who are close to the industry, have
		// vowed": the appositive closes before the auxiliary.
		if a := d.longAppositive(s, toks, j+1, cue, cueEnd); a != nil {
			return a
		}
	}
	j = skipParenthesis(toks, j) // "Sen. Ted Cruz (R-Tex.) said"
	if j >= 0 && relativePronouns[toks[j].lower] {
		return d.relativeSubject(s, toks, j, cue, cueEnd)
	}
	end := j + 1
	// The subject ends at a clause word or at another cue: in "what
	// Bradley said she anticipated" she anticipated.
	for j >= 0 && !toks[j].punct && !toks[j].quoted && !clauseWords[toks[j].lower] &&
		!(toks[j].text == toks[j].lower && freeCues[toks[j].lower] && !nominalCues[toks[j].lower] && !personNouns[toks[j].lower]) {
		j--
	}
	start := skipTemporal(toks, j+1, end)
	if start < end && j > 0 && (toks[j].lower == "and" || toks[j].lower == "or") {
		start = conjoinedSubject(toks, j, start, end) // "Clinton and Sanders said"
	}
	for start < end-1 && (focusWords[toks[start].lower] || contractedAux[toks[start].lower] || toks[start].lower == "why") {
		start++ // "even some technologists say", "that’s why he said"
	}
	if start == end && j > 0 && (toks[j].lower == "and" || toks[j].lower == "but") {
		// "Wealth-X keeps its finances secret but says ...": the cue
		// shares the subject that opens the sentence.
		start = openingAdverbial(toks[:j]) // "By the end of the day, Mr. Trump ... and said"
		end = start + leadingName(toks[start:j])
	}
	if start < end && (prepositions[toks[end-1].lower] || toks[end-1].lower == "to") {
		// "He continues to insist", "Limbaugh began by crediting": the
		// cue completes a verb whose subject opens the phrase.
		end = start + leadingName(toks[start:end])
	}
	for k := start + 1; k < end; k++ {
		if perfectAuxiliaries[toks[k].lower] {
			end = k // "The minister has lately started saying": the subject ends at its auxiliary
			break
		}
	}
	if start < end && (end-start > 9 || hasVerb(toks[start:end])) && start == openingAdverbial(toks[:cue]) {
		// "Republican activists clamoring to block Trump say": a long
		// subject opening the sentence speaks through its head.
		end = start + subjectHead(toks[start:end])
	}
	if start >= end || end-start > 9 || !looksLikeSpeaker(toks[start:end]) || hasVerb(toks[start:end]) {
		return nil
	}
	a := &attribution{cue: cueText(toks, cue, cueEnd), speakerStart: toks[start].start, speakerEnd: toks[end-1].end}
	a.medium = d.medium(s)
	if start > 1 && toks[start-1].lower == "as" && toks[start-2].text == "," && d.tailCue(toks, cueEnd) {
		// "CONTENT, as Volkov said." reports what came before.
		a.contentStart, a.contentEnd = d.openingOf(s), toks[start-2].start
		return a
	}
	if start > 0 && endsQuoteOrClause(toks[start-1]) && d.tailCue(toks, cueEnd) {
		// "CONTENT, Volkov said." reports what came before.
		a.contentStart, a.contentEnd = d.openingOf(s), toks[start-1].start
		if toks[start-1].text == "," && cueEnd+1 < len(toks) && toks[cueEnd].text == "," {
			after := storyline.Span{}
			after.Start, after.End = d.clauseFrom(s, toks, cueEnd+1)
			switch {
			case d.goesOn(s, toks, start, cueEnd):
				a.resumeStart, a.resumeEnd = after.Start, after.End
			case !d.glossAt(toks, cueEnd) && (d.adverbialOpening(s, toks, start) ||
				wordsIn(d.body[after.Start:after.End]) > wordsIn(d.body[a.contentStart:a.contentEnd])):
				// "And yet, her aides say, Syria remains a priority", "When
				// asked why, Tyler said, \"...\"": the opening words are the writer's.
				a.contentStart, a.contentEnd = after.Start, after.End
			}
		}
		return a
	}
	if !reportsClause(toks, cue, cueEnd) {
		return nil
	}
	if start > 0 && subordinators[toks[start-1].lower] && (start == 1 || toks[start-2].text == ",") {
		// "Though Grassley has expressed no wish to hold hearings, Obama
		// should ...": a report inside an opening subordinate clause ends
		// with the clause.
		limit := mainClauseAt(toks, cueEnd)
		a.contentStart, a.contentEnd = d.contentAfter(within(s, toks, limit), toks[:limit], cue, cueEnd)
	} else {
		a.contentStart, a.contentEnd = d.contentAfter(s, toks, cue, cueEnd)
	}
	if start > 0 && toks[start-1].text == "," && cueEnd < len(toks) && toks[cueEnd].text == "," {
		// "In a general election, those Democrats argued, black voters
		// would turn out": a report set inside its clause. Of the two
		// parts the longer holds what was said, unless the first is a
		// subject the second goes on from ("No change, he said, hides
		// what it is" is one statement in two parts) or the writer's
		// opening phrase.
		before := storyline.Span{Start: d.openingOf(s), End: toks[start-1].start}
		if d.goesOn(s, toks, start, cueEnd) {
			a.resumeStart, a.resumeEnd = a.contentStart, a.contentEnd
			a.contentStart, a.contentEnd = before.Start, before.End
		} else if !d.adverbialOpening(s, toks, start) && wordsIn(d.body[before.Start:before.End]) > wordsIn(d.body[a.contentStart:a.contentEnd]) {
			a.contentStart, a.contentEnd = before.Start, before.End
		}
	}
	return a
}

// goesOn reports whether a report set inside its clause, between the
// commas before token start and at cueEnd, splits one statement in two:
// "The lease, Volkov said, would never pass" does; "In the long run, he
// said, ..." opens with the writer's phrase, "..., he said, on Monday"
// closes with one, and quotations around it are read as such.
func (d *document) goesOn(s storyline.Span, toks []tok, start, cueEnd int) bool {
	opening := d.openingOf(s)
	first := 0
	for first < start && toks[first].end <= opening {
		first++
	}
	if first >= start-1 {
		return false
	}
	w := toks[first].lower
	return !(openers[w] && !determiners[w]) && !prepositions[w] && !clauseWords[w] && !strings.HasSuffix(w, "ing") && !strings.HasSuffix(w, "ed") &&
		!d.overlapsSegment(opening, toks[start-1].start) && !d.overlapsSegment(toks[cueEnd].end, s.End) && !d.glossAt(toks, cueEnd)
}

// adverbialOpening reports whether the words opening the sentence before
// an attribution at start are the writer's phrase of time, place or
// circumstance: "When asked why, ...", "In the long run, ...", "And yet, ...".
func (d *document) adverbialOpening(s storyline.Span, toks []tok, start int) bool {
	opening := d.openingOf(s)
	first := 0
	for first < start && toks[first].end <= opening {
		first++
	}
	if first >= start {
		return false
	}
	w := toks[first].lower
	return subordinators[w] || prepositions[w] || (openers[w] && !determiners[w]) || w == "asked"
}

// glossAt reports whether the words after a cue and its comma are the
// writer's ("..., he said, on condition of anonymity", "..., she said,
// including ...") rather than the rest of the statement.
func (d *document) glossAt(toks []tok, cueEnd int) bool {
	k := cueEnd
	for k < len(toks) && toks[k].punct {
		k++
	}
	return k >= len(toks) || prepositions[toks[k].lower] || circumstancePrepositions[toks[k].lower] || strings.HasSuffix(toks[k].lower, "ing")
}

// mainClauseAt returns the token where a sentence's main clause comes
// after a subordinate clause holding a report: the comma before its
// subject, "When asked whether the lease was dead, Volkov smiled", or the
// end. The report is read only up to it, so that a sentence of many such
// clauses is read once, not once per clause.
func mainClauseAt(toks []tok, from int) int {
	for k := from + 1; k+1 < len(toks) && k < from+200; k++ {
		if n := toks[k+1]; toks[k].text == "," && !toks[k].quoted && !n.quoted &&
			(startsUpper(n.text) || determiners[n.lower] || subjectPronouns[n.lower]) {
			return k
		}
	}
	return len(toks)
}

// within is the part of a sentence before token limit.
func within(s storyline.Span, toks []tok, limit int) storyline.Span {
	if limit < len(toks) {
		s.End = toks[limit].start
	}
	return s
}

// subjectHead returns the end of the noun phrase heading a long subject,
// before what qualifies it: "officials whose laws were struck down",
// "activists clamoring to block him", "veterans interviewed at rallies".
// It returns 0 when the head is not a phrase that speaks.
func subjectHead(ts []tok) int {
	k := 0
	for k < len(ts) && k < 6 && !ts[k].punct && !prepositions[ts[k].lower] && ts[k].lower != "whose" && ts[k].lower != "to" &&
		!(k > 0 && ts[k].text == ts[k].lower && (strings.HasSuffix(ts[k].lower, "ing") || strings.HasSuffix(ts[k].lower, "ed"))) {
		k++
	}
	if k == 0 || k == len(ts) || !(nounHeaded(ts[:k]) || isName(ts[:k])) {
		return 0
	}
	return k
}

func wordsIn(s string) int { return len(strings.Fields(s)) }

// relativeSubject reads "Barkley, who said ...", "a poll that found ...":
// the relative pronoun at rel is the speaker as written, and the phrase it
// follows names who that is.
func (d *document) relativeSubject(s storyline.Span, toks []tok, rel, cue, cueEnd int) *attribution {
	end := rel
	if end > 0 && toks[end-1].text == "," {
		end--
	}
	start := end
	for start > 0 && end-start < 6 && !toks[start-1].punct && !toks[start-1].quoted && !clauseWords[toks[start-1].lower] &&
		!prepositions[toks[start-1].lower] && !isCue(toks[start-1].lower) {
		start--
	}
	if start < end && (hasVerb(toks[start:end]) || end-start > 1 && pronouns[toks[start].lower]) {
		// "Trump was out-brutalizing Ted Cruz, who said": the name just
		// before the relative pronoun is what it stands for; "He echoed
		// that promise" holds none.
		k := end
		for k > start && isName(toks[k-1:k]) && !pronouns[toks[k-1].lower] {
			k--
		}
		start = k
	}
	if start == end || !looksLikeSpeaker(toks[start:end]) || hasVerb(toks[start:end]) || !reportsClause(toks, cue, cueEnd) {
		return nil
	}
	a := &attribution{cue: cueText(toks, cue, cueEnd), speakerStart: toks[rel].start, speakerEnd: toks[rel].end,
		nameStart: toks[start].start, nameEnd: toks[end-1].end, medium: d.medium(s)}
	a.contentStart, a.contentEnd = d.contentAfter(s, toks, cue, cueEnd)
	if rel > 0 && toks[rel-1].text == "," {
		// "The delegates, who said they back her, will meet": the
		// relative clause closes at the comma before the main verb.
		for k := cueEnd; k+1 < len(toks) && toks[k].start < a.contentEnd; k++ {
			if n := toks[k+1]; toks[k].text == "," && !toks[k].quoted && n.text == n.lower &&
				(auxiliaries[n.lower] || modals[n.lower] || beForms[n.lower] || strings.HasSuffix(n.lower, "ed")) {
				a.contentEnd = toks[k].start
				break
			}
		}
	}
	return a
}

// passiveAgent reads "it was reported by Interfax that ...": a passive
// cue whose agent is named and which reports a clause. Without a clause
// ("was first announced by Volkov in October") nothing was said.
func (d *document) passiveAgent(s storyline.Span, toks []tok, cue, cueEnd, limit int) *attribution {
	if cueEnd >= len(toks) || toks[cueEnd].lower != "by" {
		return nil
	}
	// "was asked by a caller why ...": a question reports its clause too.
	asks := strings.HasPrefix(toks[cue].lower, "ask")
	opens := func(w string) bool { return w == "that" || asks && (w == "whether" || w == "if" || whWords[w]) }
	end := cueEnd + 1
	for end < len(toks) && end-cueEnd < 8 && !toks[end].punct && !toks[end].quoted && !opens(toks[end].lower) {
		end++
	}
	if end >= len(toks) || end == cueEnd+1 || !opens(toks[end].lower) || !looksLikeSpeaker(toks[cueEnd+1:end]) {
		return nil
	}
	a := &attribution{cue: cueText(toks, cue, cueEnd), speakerStart: toks[cueEnd+1].start, speakerEnd: toks[end-1].end, medium: d.medium(s)}
	from := end
	if toks[end].lower == "that" {
		from = end + 1
	}
	a.contentStart, a.contentEnd = d.clauseFrom(within(s, toks, limit), toks[:limit], from)
	return a
}

// skipParenthesis returns the token before a short parenthesis closing
// at j, such as a party and state, or j itself.
func skipParenthesis(toks []tok, j int) int {
	if j < 0 || toks[j].text != ")" {
		return j
	}
	for k := j - 1; k >= 0 && j-k <= 8; k-- {
		if toks[k].text == "(" {
			return k - 1
		}
	}
	return j
}

// conjoinedSubject extends the subject phrase [start, end) that follows
// the conjunction at and over the conjunct before it, when that conjunct
// is a name or a noun phrase that can speak: "Clinton and Sanders",
// "Politicians and even some technologists". It returns the new start.
func conjoinedSubject(toks []tok, and, start, end int) int {
	left := and
	for left > 0 && and-left < 5 && !toks[left-1].punct && !toks[left-1].quoted && !clauseWords[toks[left-1].lower] &&
		!prepositions[toks[left-1].lower] && !isCue(toks[left-1].lower) {
		left--
	}
	conj := toks[left:and]
	if len(conj) == 0 || hasVerb(conj) || !(isName(conj) || looksLikeSpeaker(conj) && nounHeaded(conj)) {
		return start
	}
	return left
}

// nounHeaded reports whether a phrase ends in a noun that speaks without
// being a name: "officials", "some technologists".
func nounHeaded(ts []tok) bool {
	head := ts[len(ts)-1].lower
	return groupNouns[head] || personNouns[head] || (len(head) > 4 && strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss"))
}

// reportsClause rejects "did not respond to a request for comment": an
// answer cue with a prepositional object reports that nothing was said.
// Other cues keep it, since "called for a ban" and "hopes for a deal"
// report a position.
func reportsClause(toks []tok, cue, cueEnd int) bool {
	return cueEnd >= len(toks) || !answerCues[toks[cue].lower] || !prepositions[toks[cueEnd].lower]
}

// skipTemporal drops a leading time from a speaker phrase: "Last October
// the minister said" is said by the minister.
func skipTemporal(toks []tok, start, end int) int {
	i := start
	for i < end-1 && (temporalWords[toks[i].lower] || isDigits(toks[i].text)) {
		i++
	}
	if i > start && i < end && toks[i].text == "," {
		i++
	}
	return i
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
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

// longAppositive reads "Wilcox, whose education was paid for by the
// military, said ...": a name opening the sentence, a comma, a gloss of
// any length and a comma before the cue.
func (d *document) longAppositive(s storyline.Span, toks []tok, verb, cue, cueEnd int) *attribution {
	n := 0
	for n < len(toks) && n < 7 && !toks[n].punct && !toks[n].quoted {
		n++
	}
	name := n
	if n < len(toks) && toks[n].text == "(" {
		// "State Rep. Wendy Nanney (R), a leader of ..., suggested"
		for n < len(toks) && n < name+8 && toks[n].text != ")" {
			n++
		}
		n++
	}
	if name == 0 || n >= verb-2 || toks[n].text != "," || pronouns[toks[0].lower] || !looksLikeSpeaker(toks[:name]) {
		return nil
	}
	for _, t := range toks[n+1 : verb-1] {
		if !t.quoted && (isCue(t.lower) || t.text == ";") {
			return nil
		}
	}
	a := &attribution{cue: cueText(toks, cue, cueEnd), speakerStart: toks[0].start, speakerEnd: toks[name-1].end, medium: d.medium(s)}
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
	// A semicolon closes the report: "..., analysts say; in 2012 ...".
	rest := 0
	for _, t := range toks[cueEnd:] {
		if t.text == ";" && !t.quoted {
			break
		}
		if !t.punct {
			rest++
		}
	}
	if rest == 0 {
		return true
	}
	// "..., polls suggest she shouldn't try": a clause after the cue is
	// what it reports; only a time, place or listener may follow a tail cue.
	next := toks[cueEnd]
	if tellCues[toks[cueEnd-1].lower] && !tailWords[next.lower] && !next.punct {
		// "..., he told reporters." closes, but "Clinton had asked Sullivan
		// to send it" reports what she asked.
		for _, t := range toks[cueEnd:] {
			if t.lower == "to" || t.lower == "that" || t.lower == "whether" || t.lower == "if" {
				return false
			}
		}
	}
	return rest <= 6 && (tailWords[next.lower] || next.punct || tellCues[toks[cueEnd-1].lower])
}

// passive reports whether the words between the speaker and the cue make
// it passive, "the case was argued", which reports no speech; "was
// saying" and "has said" do.
func passive(toks []tok, from, cue int) bool {
	if strings.HasSuffix(toks[cue].lower, "ing") {
		return false
	}
	for _, t := range toks[from:cue] {
		if beForms[t.lower] {
			return true
		}
	}
	return false
}

// hasVerb reports whether a would-be speaker phrase holds a modal verb or a
// form of "be", which makes it a clause, not a name: "could blunt
// Republican (claims)", "the pier was first (announced)".
func hasVerb(ts []tok) bool {
	for _, t := range ts {
		if modals[t.lower] || beForms[t.lower] {
			return true
		}
	}
	return false
}

// perfectAuxiliaries end a subject read back from its cue: "Mr. Trump
// has lately started (saying)".
var perfectAuxiliaries = set(`has,have,had`)

// speakerAfter reads "\"...,\" said Volkov" and "..., said the minister".
func (d *document) speakerAfter(s storyline.Span, toks []tok, cue, cueEnd int) *attribution {
	if cue == 0 || !endsQuoteOrClause(toks[cue-1]) {
		return nil
	}
	end := cueEnd
	for end < len(toks) && !toks[end].punct && !toks[end].quoted && end-cueEnd < 8 {
		end++
	}
	// "said the minister." ends the sentence or its clause: a cue followed
	// by a long clause reports that clause and is read the other way.
	for k := cueEnd + 1; k < end; k++ {
		if toks[k].lower == "who" {
			end = k // "..., said a handful of Democrats who point to ..."
			break
		}
	}
	if end == cueEnd || (end < len(toks) && !toks[end].punct && toks[end].lower != "who") || !looksLikeSpeaker(toks[cueEnd:end]) ||
		hasVerb(toks[cueEnd:end]) {
		return nil
	}
	a := &attribution{cue: cueText(toks, cue, cueEnd), speakerStart: toks[cueEnd].start, speakerEnd: toks[end-1].end,
		medium: d.medium(s), contentStart: d.openingOf(s), contentEnd: toks[cue-1].start}
	return a
}

// circumstance reports whether the words at i tell when, where or how
// something was said rather than what: "in Iowa", "on Thursday", "from
// prepared texts".
func circumstance(toks []tok, i int) bool {
	w := toks[i].lower
	if isAdverb(toks[i]) && i+1 < len(toks) && (prepositions[toks[i+1].lower] || particles[toks[i+1].lower]) {
		return true // "pleasantly into the phone", "warmly back to 2008"
	}
	if w == "on" || w == "over" {
		return i+1 < len(toks) && (temporalWords[toks[i+1].lower] || mediaWords[toks[i+1].lower] || determiners[toks[i+1].lower] && i+2 < len(toks) && mediaWords[toks[i+2].lower])
	}
	return circumstancePrepositions[w]
}

// hasFiniteVerb reports whether words hold a verb that makes them a
// clause: an auxiliary, a modal, a form of "be" or a past tense.
func hasFiniteVerb(ts []tok) bool {
	for i, t := range ts {
		if t.quoted || t.punct {
			continue
		}
		if auxiliaries[t.lower] && !isAdverb(t) && t.lower != "also" && t.lower != "then" || modals[t.lower] || beForms[t.lower] {
			return true
		}
		if strings.HasSuffix(t.lower, "ed") && t.text == t.lower && (i == 0 || !determiners[ts[i-1].lower]) {
			return true
		}
	}
	return false
}

// afterListener skips whom a cue was addressed to: "told reporters
// (that)", "asked her assistant to", "urged Congress to", "warned them
// the port would close". It returns where the reported words begin.
func afterListener(toks []tok, from int) int {
	for j := from; j < len(toks) && j < from+8 && !toks[j].punct && !toks[j].quoted; j++ {
		switch w := toks[j].lower; {
		case w == "that":
			return j // the that-clause is read by the caller
		case j > from && w == "to":
			// "urged Congress to act", "asked the woman to speak up": who
			// is to act is part of what was asked.
			if toks[from].lower == "on" || toks[from].lower == "upon" || toks[from].lower == "for" {
				return from + 1
			}
			return from
		case j > from && (w == "whether" || w == "if" || whWords[w]):
			return j
		}
	}
	// No clause marker: the listener is a pronoun or a short name or
	// noun phrase, and the clause follows it.
	if from < len(toks) && objectPronouns[toks[from].lower] {
		return from + 1
	}
	if n := leadingName(toks[from:]); n > 0 && n < 5 {
		return from + n
	}
	if from < len(toks) && (groupNouns[toks[from].lower] || personNouns[toks[from].lower]) {
		return from + 1
	}
	return from
}

// contentAfter finds the reported clause after a cue, skipping the
// listener of "told reporters (that)" and a trailing attribution.
func (d *document) contentAfter(s storyline.Span, toks []tok, cue, cueEnd int) (int, int) {
	i := cueEnd
	// "called it \"shameful\"": whom a judgement names is part of it.
	judges := callForms[toks[cue].lower] && cueEnd < len(toks) && !complementPrepositions[toks[cueEnd].lower] &&
		toks[cueEnd].lower != "on" && toks[cueEnd].lower != "upon"
	if tellCues[toks[cue].lower] && !judges {
		i = afterListener(toks, cueEnd)
	}
	// "said on Friday that ...": the clause starts after "that", unless
	// another clause or cue comes first ("says she agrees and argues that").
	reach, place := 7, false
	if i < len(toks) && (prepositions[toks[i].lower] || temporalWords[toks[i].lower]) {
		// "said in an interview with the newspaper Clarin that", "said in
		// Madison, Wisconsin, that": a phrase of place may hold commas.
		reach, place = 12, true
	}
	for k := i; k < len(toks) && k < i+reach && !(toks[k].punct && !(place && toks[k].text == ",")) && !toks[k].quoted; k++ {
		if toks[k].lower == "that" {
			i = k + 1
			if k+1 < len(toks) && (beForms[toks[k+1].lower] || modals[toks[k+1].lower] || toks[k+1].lower == "has" || contractedAux[toks[k+1].lower]) {
				i = k // "said that was a mistake": the demonstrative is the subject
			}
			break
		}
		if isCue(toks[k].lower) || clauseWords[toks[k].lower] {
			break
		}
	}
	if i < len(toks) && (toks[i].text == ":" || toks[i].text == ",") {
		i++
	}
	for i < len(toks)-1 && (weekdays[toks[i].lower] || toks[i].lower == "today" || toks[i].lower == "yesterday") {
		i++ // "insisted Thursday during a tour that ..."
	}
	if i >= len(toks) {
		return s.End, s.End
	}
	if (complementPrepositions[toks[i].lower] || toks[i].lower == "to" && toCues[toks[cue].lower]) && i+1 < len(toks) {
		i++ // "called for a ban", "warned of a crisis": what is reported is the object
	}
	end, stop := s.End, len(toks)
	// "said that if his son were serving, he would advise him": a clause
	// opening with a condition or a phrase goes on past its first comma.
	opening := i < len(toks) && (subordinators[toks[i].lower] || prepositions[toks[i].lower])
	for k := i + 1; k < len(toks)-1; k++ {
		if opening && toks[k].text == "," && !toks[k].quoted && subjectPronouns[toks[k+1].lower] {
			opening = false
			continue
		}
		if clauseBreak(toks, k) {
			end, stop = toks[k].start, k
			break
		}
	}
	if circumstance(toks, i) && !hasFiniteVerb(toks[i:stop]) {
		// "wrote on his blog", "said on Thursday" report no clause, but
		// "said that in a race between them, he would support Trump" opens
		// its clause with the circumstance.
		if stop >= len(toks)-1 || toks[stop].text != "," || !subjectPronouns[toks[stop+1].lower] && !isName(toks[stop+1:stop+2]) {
			return s.End, s.End
		}
		end = s.End
		for k := stop + 2; k < len(toks)-1; k++ {
			if clauseBreak(toks, k) {
				end = toks[k].start
				break
			}
		}
	}
	return toks[i].start, end
}

// sameContent reports whether an attribution already found reports the
// clause that a starts.
func sameContent(found []*attribution, a *attribution) bool {
	for _, f := range found {
		if f.contentStart == a.contentStart {
			return true
		}
	}
	return false
}

// nominals reads reports made by nouns: "Trump's claim that ...", "her
// promise to ...", "the report's finding that ...". The possessor speaks.
func (d *document) nominals(s storyline.Span, toks []tok) []*attribution {
	var out []*attribution
	for i := 1; i+2 < len(toks); i++ {
		t := toks[i]
		if t.quoted || !nominalCues[t.lower] {
			continue
		}
		next := toks[i+1].lower
		if next != "that" && !(next == "to" && infinitiveNouns[t.lower]) {
			continue
		}
		start, end := possessor(toks, i)
		if start < 0 {
			continue
		}
		a := &attribution{cue: t.text, speakerStart: toks[start].start, speakerEnd: toks[end].end, medium: d.medium(s)}
		if e := toks[end]; !possessivePronouns[e.lower] {
			a.speakerEnd = e.end - len("'s") // ’ is as wide as 's
			if strings.HasSuffix(e.text, "’s") {
				a.speakerEnd = e.end - len("’s")
			}
		}
		from := i + 2
		if next == "to" {
			from = i + 1
		}
		a.contentStart, a.contentEnd = d.clauseFrom(s, toks, from)
		out = append(out, a)
		i = from
	}
	return out
}

// possessor finds the owner of the noun at i, "his", "Trump's", "the
// report's", skipping up to two adjectives ("his repeated claim"); it
// returns the token span of the owner, or -1.
func possessor(toks []tok, i int) (int, int) {
	j := i - 1
	for k := 0; k < 2 && j > 0 && !toks[j].punct && !toks[j].quoted && isAdjectiveLike(toks[j]); k++ {
		j--
	}
	t := toks[j]
	if t.quoted || t.punct {
		return -1, -1
	}
	if possessivePronouns[t.lower] {
		return j, j
	}
	if !strings.HasSuffix(t.lower, "'s") && !strings.HasSuffix(t.lower, "’s") {
		return -1, -1
	}
	start := j
	for start > 0 && !toks[start-1].punct && !toks[start-1].quoted && start > j-5 &&
		(isName(toks[start-1:start]) || determiners[toks[start-1].lower]) && !clauseWords[toks[start-1].lower] {
		start--
		if determiners[toks[start].lower] {
			break
		}
	}
	if !looksLikeSpeaker(toks[start:j+1]) && !(start == j && isName(toks[j:j+1])) {
		return -1, -1
	}
	return start, j
}

// isAdjectiveLike accepts a lowercase word that may stand between an owner
// and a noun: "his repeated claim", "her earlier promise".
func isAdjectiveLike(t tok) bool {
	return t.text == t.lower && !clauseWords[t.lower] && !determiners[t.lower] && !possessivePronouns[t.lower] &&
		!prepositions[t.lower] && !auxiliaries[t.lower] && !strings.HasSuffix(t.lower, "'s") && !strings.HasSuffix(t.lower, "’s")
}

// clauseFrom is the reported clause that starts at token i and runs to
// the end of its sentence or to a clause break.
func (d *document) clauseFrom(s storyline.Span, toks []tok, i int) (int, int) {
	if i >= len(toks) {
		return s.End, s.End
	}
	end := s.End
	for k := i + 1; k < len(toks)-1; k++ {
		if clauseBreak(toks, k) {
			end = toks[k].start
			break
		}
	}
	return toks[i].start, end
}

// inView reads "In his view, ...", "In the minister's opinion, ...", "In
// the words of X, ...": the owner of the view holds the clause after it.
func (d *document) inView(s storyline.Span, toks []tok) *attribution {
	i := 0
	for i < len(toks) && toks[i].lower != "in" {
		i++
	}
	for ; i+3 < len(toks); i++ {
		if toks[i].lower != "in" || toks[i].quoted {
			continue
		}
		var start, end, comma, cueLast int
		switch {
		case (toks[i+1].lower == "the") && viewNouns[toks[i+2].lower] && toks[i+3].lower == "of":
			start, end, cueLast = i+4, i+4, i+3
			for end < len(toks) && end-start < 8 && !toks[end].punct {
				end++
			}
			comma = end
			end--
		default:
			k := i + 1
			for k < len(toks) && k < i+7 && !viewNouns[toks[k].lower] && !toks[k].punct {
				k++
			}
			if k >= len(toks) || !viewNouns[toks[k].lower] {
				continue
			}
			if start, end = possessor(toks, k); start < 0 || start != i+1 && !(start == i+2 && toks[i+1].lower == "the") {
				continue
			}
			comma, cueLast = k+1, k
		}
		if comma >= len(toks) || toks[comma].text != "," || end < start {
			continue
		}
		a := &attribution{cue: strings.ToLower(d.body[toks[i].start:toks[cueLast].end]), speakerStart: toks[start].start, speakerEnd: toks[end].end, medium: d.medium(s)}
		if e := toks[end]; strings.HasSuffix(e.lower, "'s") || strings.HasSuffix(e.lower, "’s") {
			a.speakerEnd = e.end - len("'s")
			if strings.HasSuffix(e.text, "’s") {
				a.speakerEnd = e.end - len("’s")
			}
		}
		a.contentStart, a.contentEnd = d.clauseFrom(s, toks, comma+1)
		return a
	}
	return nil
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
		switch {
		case i == 0:
			if end < len(toks) {
				a.contentStart, a.contentEnd = toks[end].end, s.End
			}
		case end+3 < len(toks) && toks[end].text == "," && toks[i-1].text == "," && !clauseWords[toks[end+1].lower] &&
			!strings.HasSuffix(toks[end+1].lower, "ing") && toks[end+1].lower != "compared":
			// "Fundraising, according to the campaign, has surged": the
			// account is the sentence around the phrase, in two parts.
			a.contentStart, a.contentEnd = d.openingOf(s), toks[i-1].start
			a.resumeStart, a.resumeEnd = d.clauseFrom(s, toks, end+1)
		default:
			a.contentStart, a.contentEnd = d.openingOf(s), toks[i].start
			// "(the number is closer to 15 percent, according to X)": the
			// account opens with its parenthesis; "Mormons, who make up a
			// majority, according to X" accounts for the relative clause
			// only, and "..., with $1.6 billion in profit, according to X"
			// for the figure.
			for k := i - 1; k >= 0; k-- {
				if toks[k].text == ")" || toks[k].quoted {
					break
				}
				if toks[k].text == "(" {
					a.contentStart = toks[k].end
					break
				}
				if k+1 < i-1 && toks[k].text == "," && (toks[k+1].lower == "who" || toks[k+1].lower == "which" || toks[k+1].lower == "with") {
					a.contentStart = toks[k+1].start
					if toks[k+1].lower == "with" {
						a.contentStart = toks[k+2].start
					}
					break
				}
			}
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

// nounPhrase rejects word runs that cannot be a speaker's name: a lone
// function word ("But", "What", "Back"), a run ending in a preposition or
// a determiner ("the GOP faces the prospect of"), or one where a new
// determiner starts without a preposition before it, which makes it a
// clause ("Mr. Biden expressed astonishment at").
func nounPhrase(ts []tok) bool {
	first, last := ts[0].lower, ts[len(ts)-1].lower
	if prepositions[first] || first == "to" || first == "like" || first == "unlike" || first == "than" {
		return false // "of Flint", "to Vargas'", "Like Corker"
	}
	if contractions[first] || len(ts) > 1 && (first == "no" || first == "any") && (ts[1].lower == "longer" || ts[1].lower == "more") {
		return false // "it's raising" is a clause, not an owner; "no longer aiming" has no subject
	}
	if len(ts) == 1 && len(ts[0].text) > 5 && ts[0].text == strings.ToUpper(ts[0].text) {
		return false // a dateline, "WASHINGTON"
	}
	if len(ts) == 1 && (openers[last] || clauseWords[last] || prepositions[last]) && !pronouns[last] && !quantifierSubjects[last] {
		return false
	}
	if prepositions[last] || (determiners[last] && len(ts) > 1 && !numberWords[last]) || last == "to" {
		return false
	}
	for i := 1; i < len(ts); i++ {
		t := ts[i]
		if (determiners[t.lower] || possessivePronouns[t.lower]) && !quantifierSubjects[t.lower] {
			prev := ts[i-1].lower
			if prev != "," && !prepositions[prev] && !quantifierSubjects[prev] && !phraseJoiners[prev] {
				return false
			}
		}
	}
	return true
}

// looksLikeSpeaker accepts a name, a pronoun, or a noun phrase with a
// determiner ("the minister", "two officials", "Trump's campaign").
func looksLikeSpeaker(ts []tok) bool {
	if len(ts) == 0 || ts[0].quoted || !nounPhrase(ts) {
		return false
	}
	if len(ts) == 1 && (pronouns[ts[0].lower] || quantifierSubjects[ts[0].lower] || strings.HasSuffix(ts[0].text, "%")) {
		return true // "47% say", a share of those polled
	}
	first := ts[0]
	if determiners[first.lower] || strings.HasSuffix(first.lower, "'s") || strings.HasSuffix(first.lower, "’s") {
		return len(ts) >= 2
	}
	for i, t := range ts {
		r, _ := utf8.DecodeRuneInString(t.text)
		// A sentence capitalises its first word: "Preemptively casting
		// doubt" holds no name.
		opening := i == 0 && len(ts) > 1 && ts[1].text == ts[1].lower && len(t.lower) > 5 &&
			(strings.HasSuffix(t.lower, "ly") || strings.HasSuffix(t.lower, "ing"))
		if unicode.IsUpper(r) && !nonSpeakers[t.lower] && !opening {
			return true
		}
	}
	// A description speaks through its head noun, the word before any
	// preposition: "proponents of more controls on hate speech".
	headAt := len(ts) - 1
	for i, t := range ts {
		if i > 0 && prepositions[t.lower] {
			headAt = i - 1
			break
		}
	}
	head := ts[headAt].lower
	if len(ts) <= 9 && nounHeaded(ts[:headAt+1]) {
		return true
	}
	return len(ts) <= 4 && (groupNouns[head] || personNouns[head] || (len(ts) == 1 && (head == "another" || head == "one")))
}

// findMedium reads where a statement was given from the words of its
// sentence: "told Sputnik", "in an interview with the Argentine newspaper
// Clarin", "speaking to Interfax", "on Twitter", "according to TASS".
func (d *document) findMedium(s storyline.Span) string {
	toks := d.tokens(s)
	for i := 0; i < len(toks); i++ {
		if toks[i].punct {
			continue
		}
		if m := mediumAt(d.body, toks, i); m != "" && !(toks[i].lower == "according" && d.personAt(toks, i+2)) {
			return m
		}
	}
	return ""
}

// personAt reports whether the words at token i (after an optional
// "the") name a person: "according to Karim Nassar" gives a source, not a
// medium, where "according to TASS" gives both.
func (d *document) personAt(toks []tok, i int) bool {
	if i < len(toks) && toks[i].lower == "the" {
		i++
	}
	if i >= len(toks) {
		return false
	}
	at := toks[i].start
	for _, e := range d.resolver.ents {
		for _, m := range e.Mentions {
			if m.Start <= at && at < m.End {
				return e.Type == storyline.EntityPerson
			}
		}
	}
	return false
}

// mediumAt reads a medium phrase opening at token i, if one does.
func mediumAt(body string, toks []tok, i int) string {
	w := toks[i].lower
	next := func(k int) string {
		if i+k < len(toks) {
			return toks[i+k].lower
		}
		return ""
	}
	switch {
	case tellForms[w]:
		return capitalRun(toks, i+1)
	case w == "according" && next(1) == "to":
		return capitalRun(toks, i+2)
	case (w == "on" || w == "via") && platforms[next(1)]:
		if next(1) == "truth" && next(2) == "social" {
			return "Truth Social"
		}
		return toks[i+1].text
	case (w == "speaking" || w == "talking") && (next(1) == "to" || next(1) == "with"),
		(w == "writing" || w == "wrote") && next(1) == "in":
		return outletAfter(body, toks, i+2)
	case w == "in" && (next(1) == "a" || next(1) == "an") && (statementNouns[next(2)] || broadcastKinds[next(2)]):
		if prep := next(3); prep == "with" || prep == "to" || prep == "for" || prep == "on" || prep == "in" {
			if prep == "on" && platforms[next(4)] {
				return toks[i+4].text
			}
			if m := outletAfter(body, toks, i+4); m != "" {
				return m
			}
		}
		if settings[next(2)] {
			return toks[i+2].text
		}
		if broadcastKinds[next(2)] && (next(3) == "interview" || next(3) == "conference") {
			return toks[i+2].lower + " " + toks[i+3].lower // "in a television interview"
		}
	}
	return ""
}

// capitalRun is the name of up to five capitalised words at i, after an
// optional "the": "told the Levant Wire in an interview" gives Levant Wire.
func capitalRun(toks []tok, i int) string {
	if i < len(toks) && toks[i].lower == "the" {
		i++
	}
	j := i
	for j < len(toks) && j-i < 5 && !toks[j].punct && startsUpper(toks[j].text) {
		j++
	}
	if j == i {
		return ""
	}
	parts := make([]string, 0, j-i)
	for _, t := range toks[i:j] {
		parts = append(parts, t.text)
	}
	return strings.Join(parts, " ")
}

// outletAfter names the outlet in the words at i: "the Argentine
// newspaper Clarin that ..." is Clarin.
func outletAfter(body string, toks []tok, i int) string {
	if i >= len(toks) {
		return ""
	}
	end := i
	for end < len(toks) && end-i < 7 && !toks[end].quoted && (!toks[end].punct || toks[end].text == "'" || toks[end].text == "’") {
		end++
	}
	if end == i {
		return ""
	}
	return mediumName(body[toks[i].start:toks[end-1].end])
}

// mediumName cuts the name of an outlet out of the words after "an
// interview with": "the Argentine newspaper Clarin that ..." is Clarin,
// "the Levant Wire on Monday" is Levant Wire.
func mediumName(words string) string {
	f := strings.Fields(words)
	for i, w := range f {
		if mediumStops[strings.ToLower(strings.Trim(w, ".,;:"))] {
			f = f[:i]
			break
		}
		if strings.ContainsAny(w, ",;:") {
			f = f[:i+1]
			break
		}
	}
	if len(f) > 0 && (strings.EqualFold(f[0], "the") || strings.EqualFold(f[0], "a") || strings.EqualFold(f[0], "an")) {
		f = f[1:]
	}
	for i := len(f) - 1; i >= 0; i-- {
		if mediaDescriptors[strings.ToLower(f[i])] && i+1 < len(f) {
			f = f[i+1:] // "Argentine newspaper Clarin": the name after the kind of outlet
			break
		}
	}
	for len(f) > 0 && !startsUpper(f[len(f)-1]) {
		f = f[:len(f)-1]
	}
	for len(f) > 0 && !startsUpper(f[0]) && !strings.Contains(f[0], "'") && !strings.Contains(f[0], "’") {
		f = f[1:]
	}
	return strings.TrimRight(strings.Join(f, " "), ".,;:")
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// medium finds where a statement was given: "told Sputnik", "in an
// interview with the Argentine newspaper Clarin", "on Twitter".
func (d *document) medium(s storyline.Span) string {
	if m, ok := d.mediumCache[s]; ok {
		return m
	}
	m := d.findMedium(s)
	d.mediumCache[s] = m
	return m
}

// opensAttribution reports whether another speaker's report begins at
// the comma or conjunction k: "..., and one in four said ...".
func opensAttribution(toks []tok, k int) bool {
	t := toks[k]
	if t.quoted || (t.text != "," && t.lower != "and" && t.lower != "but") {
		return false
	}
	from := k + 1
	if from < len(toks) && (toks[from].lower == "and" || toks[from].lower == "but") {
		from++
	}
	if from < len(toks) && (toks[from].lower == "that" || toks[from].lower == "if" || toks[from].lower == "whether") {
		return false // "said A, and that he wants B": the same report goes on
	}
	end := from
	for end < len(toks) && end-from < 7 && !toks[end].punct && !toks[end].quoted && !cueAt(toks, end) {
		end++
	}
	if end >= len(toks) || end == from || !cueAt(toks, end) || strings.HasSuffix(toks[end].lower, "ing") {
		return false
	}
	for end > from && (auxiliaries[toks[end-1].lower] || isAdverb(toks[end-1])) {
		end--
	}
	return end > from && looksLikeSpeaker(toks[from:end]) && !hasVerb(toks[from:end])
}

func commaAfter(toks []tok, k int) bool {
	for _, t := range toks[k:] {
		if t.text == "," && !t.quoted {
			return true
		}
	}
	return false
}

// coordinatedCue returns the cue of "and (has) said" opening at token k,
// the second verb of a subject that reports twice, or -1.
func coordinatedCue(toks []tok, k int) int {
	if k+1 < len(toks) && toks[k].text == "," {
		k++ // "praised the crews, but warned"
	}
	if k >= len(toks) || toks[k].quoted || (toks[k].lower != "and" && toks[k].lower != "but") {
		return -1
	}
	for j := k + 1; j < len(toks) && j <= k+4; j++ {
		switch t := toks[j]; {
		case t.quoted || t.punct:
			return -1
		case isCue(t.lower):
			return j
		case !auxiliaries[t.lower] && !isAdverb(t):
			return -1
		}
	}
	return -1
}

// coordinated reads the second report of a speaker, "and said ...", that
// opens at token k, after the attribution prev.
func (d *document) coordinated(s storyline.Span, toks []tok, k int, prev *attribution) *attribution {
	cue := coordinatedCue(toks, k)
	if cue < 0 || !reportsClause(toks, cue, cue+1) {
		return nil
	}
	a := &attribution{cue: cueText(toks, cue, cue+1), speakerStart: prev.speakerStart, speakerEnd: prev.speakerEnd, medium: prev.medium}
	a.contentStart, a.contentEnd = d.contentAfter(s, toks, cue, cue+1)
	if a.contentEnd <= a.contentStart {
		return nil
	}
	return a
}

// clauseBreak reports whether a reported clause ends at token k: at a
// semicolon, or at a comma opening another clause ("..., but he said",
// "..., adding that", "..., according to").
func clauseBreak(toks []tok, k int) bool {
	t := toks[k]
	if coordinatedCue(toks, k) >= 0 || opensAttribution(toks, k) {
		return true
	}
	if t.text == "," && t.quoted && k+2 < len(toks) && !toks[k+1].quoted && closingMarks[toks[k+1].text] && !toks[k+2].quoted {
		// "are “non-entities in the Senate,” but he gave ...": a comma
		// American style puts inside the closing mark ends the clause too.
		return clauseBreak(toks, k+1)
	}
	if closingMarks[t.text] && k > 0 && toks[k-1].text == "," && toks[k-1].quoted {
		t = tok{text: ",", punct: true}
	}
	if !t.quoted && (t.lower == "as" || t.lower == "while") && k+2 < len(toks) && subjectPronouns[toks[k+1].lower] &&
		!toks[k+2].punct && toks[k+2].lower != "well" {
		return true // "says he is excited as he faces a test": the writer's circumstance
	}
	if t.quoted || !t.punct {
		return false
	}
	if t.text == ";" {
		return true
	}
	if (t.text == "—" || t.text == "–") && k+1 < len(toks) && (toks[k+1].lower == "a" || toks[k+1].lower == "an") {
		return true // the writer's gloss after a dash: "— a play on words with ..."
	}
	if t.text != "," {
		return false
	}
	next := toks[k+1]
	switch {
	case next.lower == "but" && k+2 < len(toks) && toks[k+2].lower == "that":
		return false // "X, but that Y": a second clause of the same report
	case next.lower == "but" && k+2 < len(toks) && toks[k+2].text == toks[k+2].lower &&
		(strings.HasSuffix(toks[k+2].lower, "ed") || auxiliaries[toks[k+2].lower] || modals[toks[k+2].lower]):
		return false // "the process was fair, but required an effort": the same clause goes on
	case next.lower == "according" || next.lower == "but" || next.lower == "while" || next.lower == "whereas" || next.lower == "though" || next.lower == "although" || next.lower == "even" && k+2 < len(toks) && (toks[k+2].lower == "though" || toks[k+2].lower == "as" || toks[k+2].lower == "if"):
		return true
	case (next.lower == "a" || next.lower == "an" || next.lower == "the") && !hasFiniteVerb(toks[k+1:]) && !commaAfter(toks, k+1):
		return true // the writer's gloss closing the sentence: ", a modest boost for Obama"
	case next.lower == "who" || next.lower == "which" || next.lower == "where":
		// The writer's gloss on a name closing the sentence: ", who was
		// his chief of staff". One closed by a comma sits inside the clause.
		return !commaAfter(toks, k+1)
	case subjectPronouns[next.lower] && k+2 < len(toks) && !toks[k+2].punct:
		return true // another clause: "..., they also say"
	case strings.HasSuffix(next.lower, "ing") && isCue(next.lower):
		return true
	case next.lower == "and" && k+2 < len(toks):
		// "..., and he ...", "..., and when asked ...": another clause
		return pronouns[toks[k+2].lower] || subordinators[toks[k+2].lower]
	}
	return false
}
