// Package quote finds who said what in an article: direct quotes in
// quotation marks, indirect (reported) speech, and mixed quotes that
// report speech holding a quoted fragment; each with its content's byte
// offsets, its cue ("said", "according to"), the medium it was given to
// ("told Sputnik"), and a speaker resolved to an entity through names,
// surnames, pronouns and role descriptions ("the minister").
package quote

import (
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/sentence"
)

// Extractor finds quotes. It holds no state between articles.
type Extractor struct{}

// New returns an extractor.
func New() *Extractor { return &Extractor{} }

// Annotate fills a.Quotes; it reads a.Entities (filled before it runs) to
// resolve speakers, and works without them too.
func (x *Extractor) Annotate(ctx context.Context, a *storyline.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	doc := newDocument(a)
	for i := 0; i < len(doc.sentences); i++ {
		i = doc.readSentence(i)
	}
	a.Quotes = doc.quotes
	return nil
}

// document is one article being read, sentence by sentence.
type document struct {
	body      string
	sentences []storyline.Span
	segments  []segment
	resolver  *resolver
	quotes    []storyline.Quote
	used      []bool // segments already part of a quote

	// Sentences are read more than once (for direct and reported
	// speech, alone and with their neighbours): their tokens and media
	// are kept for the article.
	tokenCache  map[storyline.Span][]tok
	mediumCache map[storyline.Span]string
}

func newDocument(a *storyline.Article) *document {
	d := &document{body: a.Body, sentences: sentence.Split(a.Body), segments: quotedSegments(a.Body)}
	d.used = make([]bool, len(d.segments))
	d.tokenCache, d.mediumCache = map[storyline.Span][]tok{}, map[storyline.Span]string{}
	d.resolver = newResolver(a)
	return d
}

// segmentsIn lists the quoted segments that start inside a sentence.
func (d *document) segmentsIn(s storyline.Span) []int {
	var out []int
	// Segments are in text order: start at the first one past s.Start.
	for i := sort.Search(len(d.segments), func(k int) bool { return d.segments[k].start > s.Start }); i < len(d.segments) && d.segments[i].start < s.End; i++ {
		if !d.used[i] {
			out = append(out, i)
		}
	}
	return out
}

// readSentence finds the quote sentence i holds, if any: a direct quote
// when it carries a real quotation, else reported speech. A quotation may
// run over several sentences; its attribution is looked for in all of
// them and in the sentence that closes it. It returns the last sentence read.
func (d *document) readSentence(i int) int {
	s := d.sentences[i]
	segs := d.segmentsIn(s)
	long := d.standalone(s, longSegments(d.body, d.segments, segs, d.reply))
	if len(long) > 0 {
		last := i
		for end := d.segments[long[len(long)-1]].end; last+1 < len(d.sentences) && d.sentences[last].End < end; {
			last++
		}
		span := storyline.Span{Start: s.Start, End: d.sentences[last].End}
		attr := d.findAttribution(span, long)
		if attr == nil && last+1 < len(d.sentences) && d.closesSentence(d.segments[long[len(long)-1]], d.sentences[last]) {
			// "“Why not?” Bush said." is split after the question mark,
			// which leaves the attribution a sentence of its own.
			if attr = d.trailing(d.sentences[last+1]); attr != nil {
				last++
			}
		}
		if attr == nil && last+1 < len(d.sentences) && d.endsWith(d.segments[long[len(long)-1]], d.sentences[last]) {
			// "“...”\n\n—Michelle Marks, Philadelphia.": a credit line.
			if attr = d.credit(d.sentences[last+1]); attr != nil {
				last++
			}
		}
		if attr == nil && i > 0 {
			attr = d.announcing(d.sentences[i-1])
		}
		if attr == nil && i > 0 {
			attr = d.beat(d.sentences[i-1], s)
		}
		// Reported speech before the quotation in the same sentence is a
		// statement of its own: "X said there was no call, adding: \"...\"".
		// A fragment quoted inside it makes it a mixed quote.
		first := d.segments[long[0]].start
		for _, attr := range d.findAttributions(s) {
			if attr.contentEnd <= first-1 {
				d.indirect(attr, segs)
			}
		}
		if k, cue := d.splitByParticiple(span, long); attr != nil && k > 0 {
			// "“A,” she said, adding, “B.”" makes two statements, the
			// first attributed by the cue nearest to it.
			first := attr
			if a := d.findAttribution(span, long[:k]); a != nil && a.cue != cue {
				first = a
			}
			d.direct(span, long[:k], first)
			again := *first
			again.cue = cue
			d.direct(span, long[k:], &again)
		} else {
			d.direct(span, long, attr)
		}
		if attr != nil {
			d.participleAfter(d.sentences[last], long, attr, segs)
		}
		return last
	}
	for _, attr := range d.findAttributions(s) {
		d.indirect(attr, segs)
	}
	return i
}

// announcing reads a sentence that announces the quotation after it,
// "Cruz continued:", "Reporter Jomana Karadsheh says:", whose speaker
// the quotation takes.
func (d *document) announcing(s storyline.Span) *attribution {
	if !strings.HasSuffix(strings.TrimSpace(d.body[s.Start:s.End]), ":") {
		return nil
	}
	toks := d.tokens(s)
	for from := 0; from < len(toks); {
		a, next := d.attributionFrom(s, toks, from)
		if a == nil {
			break
		}
		if next >= len(toks)-3 { // the cue closes the sentence
			return a
		}
		from = next
	}
	// "Cruz continued:", "Continued Stone:", "He went on:"
	if n := len(toks); n >= 3 && n <= 6 && toks[n-1].text == ":" {
		verb, name := n-2, 0
		if toks[n-2].lower == "on" && n >= 4 {
			verb = n - 3
		}
		if quotingVerbs[toks[verb].lower] || toks[verb].lower == "went" {
			name = leadingName(toks[:verb])
			if name == verb {
				return &attribution{cue: toks[verb].lower, speakerStart: toks[0].start, speakerEnd: toks[name-1].end}
			}
		}
		if quotingVerbs[toks[0].lower] && leadingName(toks[1:n-1]) == n-2 {
			return &attribution{cue: toks[0].lower, speakerStart: toks[1].start, speakerEnd: toks[n-2].end}
		}
	}
	return d.headline(s, toks)
}

// participleAfter reads a report that goes on after a quotation in a
// participle of its attribution: "“They have a plan,” he said, adding the
// country must have one too." The participle's speaker is the quotation's.
func (d *document) participleAfter(s storyline.Span, long []int, attr *attribution, segs []int) {
	toks := d.tokens(s)
	after := d.segments[long[len(long)-1]].end
	for k, t := range toks {
		// After a quotation "adding" reports even without "that".
		if t.start <= after || !strings.HasSuffix(t.lower, "ing") || !commaBefore(toks, k) || !(cueAt(toks, k) || t.lower == "adding") {
			continue
		}
		a := &attribution{cue: t.lower, speakerStart: attr.speakerStart, speakerEnd: attr.speakerEnd, nameStart: attr.nameStart,
			nameEnd: attr.nameEnd, medium: attr.medium, inherit: attr.inherit}
		a.contentStart, a.contentEnd = d.contentAfter(s, toks, k, k+1)
		if a.contentEnd <= a.contentStart || d.overlapsAny(a.contentStart, a.contentEnd, long) {
			return // a quotation after the participle is read as one
		}
		d.indirectBefore(a, segs)
		return
	}
	// "“...,” said Priebus, though he added that ...": a report of its own
	// after the quotation's attribution.
	from := 0
	for from < len(toks) && toks[from].start <= after {
		from++
	}
	for from < len(toks) {
		a, next := d.attributionFrom(s, toks, from)
		if a == nil {
			return
		}
		if a.speakerStart > after && a.speakerStart > attr.speakerEnd && a.contentStart > after && a.contentEnd > a.contentStart &&
			!d.overlapsAny(a.contentStart, a.reach(), long) {
			d.indirectBefore(a, segs)
			return
		}
		from = next
	}
}

// indirectBefore records reported speech read after a quotation while the
// quotation stays the last quote, so that the next sentence's
// unattributed quotation goes on from it.
func (d *document) indirectBefore(a *attribution, segs []int) {
	n := len(d.quotes)
	d.indirect(a, segs)
	if len(d.quotes) > n && n > 0 {
		q := d.quotes[n-1]
		copy(d.quotes[n-1:], d.quotes[n:])
		d.quotes[len(d.quotes)-1] = q
	}
}

// overlapsAny reports whether a stretch of the body overlaps one of the
// quotations idx.
func (d *document) overlapsAny(start, end int, idx []int) bool {
	for _, i := range idx {
		if d.segments[i].start < end && d.segments[i].end > start {
			return true
		}
	}
	return false
}

// splitByParticiple finds a participle cue between two of a sentence's
// quotations, "“A,” she said, adding, “B.”", and returns the index of the
// quotation it introduces and the cue, or 0.
func (d *document) splitByParticiple(span storyline.Span, long []int) (int, string) {
	if len(long) < 2 {
		return 0, ""
	}
	toks := d.tokens(span)
	t := 0
	for k := 1; k < len(long); k++ {
		from, to := d.segments[long[k-1]].end, d.segments[long[k]].start
		for t < len(toks) && toks[t].start < from {
			t++
		}
		for ; t < len(toks) && toks[t].start < to; t++ {
			if strings.HasSuffix(toks[t].lower, "ing") && commaBefore(toks, t) && cueAt(toks, t) {
				return k, toks[t].lower
			}
		}
	}
	return 0, ""
}

// beat reads the sentence before an unattributed quotation for the
// person it shows acting, as news writes a speaker in: "Betsy Ebeling
// shook her head. “Tom is much better about it than I am.”" The sentence
// holds no quotation, names its subject first and is in the quotation's
// paragraph.
func (d *document) beat(prev, s storyline.Span) *attribution {
	if strings.Contains(d.body[prev.End:s.Start], "\n") || d.overlapsSegment(prev.Start, prev.End) ||
		!strings.HasSuffix(strings.TrimSpace(d.body[prev.Start:prev.End]), ".") {
		return nil
	}
	toks := d.tokens(prev)
	n := leadingName(toks)
	if n == 0 || n > 4 || n >= len(toks)-1 || toks[n].punct || toks[n].text != toks[n].lower || !d.personAt(toks, 0) {
		return nil // only a person the entities know acts: "The crowd ...", "While ..." name nobody
	}
	for _, t := range toks[n:] {
		if isCue(t.lower) {
			return nil // a report of its own, read as such
		}
	}
	return &attribution{speakerStart: toks[0].start, speakerEnd: toks[n-1].end}
}

// endsWith reports whether a quotation ends its sentence.
func (d *document) endsWith(seg segment, s storyline.Span) bool {
	return seg.end <= s.End && seg.end > seg.start && strings.Trim(d.body[seg.end:s.End], "”\"' ") == ""
}

// credit reads a line that credits the quotation before it with a dash
// and a name, as collections of quotes print them: "—Michelle Marks,
// Philadelphia.", "- President Obama, tweeting after the speech."
func (d *document) credit(s storyline.Span) *attribution {
	if c := d.body[s.Start]; c != '-' && c != 0xE2 { // "-", or the first byte of "—" and "–"
		return nil
	}
	toks := d.tokens(s)
	if len(toks) < 2 || (toks[0].text != "-" && toks[0].text != "—" && toks[0].text != "–") {
		return nil
	}
	end := 1 + leadingName(toks[1:])
	if end == 1 || end-1 > 6 || pronouns[toks[1].lower] || (end < len(toks) && !toks[end].punct) {
		return nil
	}
	return &attribution{cue: toks[0].text, speakerStart: toks[1].start, speakerEnd: toks[end-1].end, medium: d.medium(s)}
}

// closesSentence reports whether a quotation ends its sentence on a
// question or exclamation mark: only those can leave the attribution
// after them cut off as a sentence of its own.
func (d *document) closesSentence(seg segment, s storyline.Span) bool {
	if seg.end > s.End || seg.end <= seg.start {
		return false
	}
	last := d.body[seg.end-1]
	return (last == '?' || last == '!') && strings.Trim(d.body[seg.end:s.End], "”\"' ") == ""
}

// trailing reads a sentence that is nothing but an attribution, "Bush
// said.", "she asked the crowd.", "said the senator.", which belongs to
// the quotation before it.
func (d *document) trailing(s storyline.Span) *attribution {
	toks := d.tokens(s)
	if len(toks) < 2 || len(toks) > 16 {
		return nil
	}
	for i := 0; i < len(toks) && i < 9; i++ {
		if !cueAt(toks, i) {
			continue
		}
		if i == 0 { // "Said Bush."
			end := 1
			for end < len(toks) && !toks[end].punct && end < 8 {
				end++
			}
			if end > 1 && end >= len(toks)-1 && looksLikeSpeaker(toks[1:end]) && !hasVerb(toks[1:end]) {
				return &attribution{cue: toks[0].lower, speakerStart: toks[1].start, speakerEnd: toks[end-1].end, medium: d.medium(s)}
			}
			return nil
		}
		j := i - 1
		for j >= 0 && (auxiliaries[toks[j].lower] || isAdverb(toks[j])) {
			j--
		}
		j = skipParenthesis(toks, j)
		if j < 0 || !looksLikeSpeaker(toks[:j+1]) || hasVerb(toks[:j+1]) || !d.tailCue(toks, i+1) {
			return nil
		}
		return &attribution{cue: toks[i].lower, speakerStart: toks[0].start, speakerEnd: toks[j].end, medium: d.medium(s)}
	}
	return nil
}

// longSegments keeps quotations long enough to be speech: scare quotes,
// nicknames and titles of works are one to three words.
func longSegments(body string, all []segment, idx []int, reply func(int) bool) []int {
	var out []int
	for _, i := range idx {
		text := body[all[i].start:all[i].end]
		if n := len(strings.Fields(text)); n >= 4 || (n >= 2 && endsWithPunct(text)) || n == 1 && endsWithPunct(text) && reply(i) {
			out = append(out, i)
		}
	}
	return out
}

// reply reports whether a one-word quotation is a reply of its own, as
// its attribution shows: "said, “No.”", "replied: “Absolutely!”",
// "“Really,” she added".
func (d *document) reply(i int) bool {
	seg := d.segments[i]
	before := strings.TrimRight(d.body[max(0, seg.start-40):seg.start], " “\"'")
	if strings.HasSuffix(before, ",") || strings.HasSuffix(before, ":") {
		f := strings.Fields(strings.TrimRight(before, ",:"))
		if len(f) > 0 && quotingVerbs[strings.ToLower(f[len(f)-1])] {
			return true
		}
	}
	if !seg.closed {
		return false
	}
	after := strings.TrimLeft(d.body[seg.end:min(len(d.body), seg.end+40)], "”\"' ")
	f := strings.Fields(after)
	for k := 0; k < len(f) && k < 4; k++ {
		w := strings.ToLower(strings.Trim(f[k], ".,;:!?"))
		if quotingVerbs[w] && k > 0 && (k == 1 && pronouns[strings.ToLower(f[0])] || startsUpper(f[0])) {
			return true // "“Really,” she added", "“No,” Volkov replied"
		}
		if strings.ContainsAny(f[k], ".,;:!?") {
			break
		}
	}
	return false
}

// standalone keeps quotations that stand as speech of their own: at the
// start of a sentence, or after a colon, a comma or a cue. A fragment
// quoted inside a clause ("will \"compete vigorously\"") belongs to the
// reported speech around it, which makes a mixed quote.
func (d *document) standalone(s storyline.Span, idx []int) []int {
	var out []int
	for _, i := range idx {
		prefix := strings.TrimRight(d.body[s.Start:d.segments[i].start], " “\"'([")
		last := ""
		if f := strings.Fields(prefix); len(f) > 0 {
			last = strings.ToLower(strings.Trim(f[len(f)-1], ".,;:"))
			if len(f) > 1 && strings.EqualFold(f[len(f)-2], "to") {
				last = "" // "to counter \"...\"" quotes a phrase into the clause
			}
		}
		if (prefix == "" || strings.HasSuffix(prefix, ":") || strings.HasSuffix(prefix, ",") ||
			strings.HasSuffix(prefix, "—") || quotingVerbs[last] || len(out) > 0) && !d.continuesClause(s, i) {
			out = append(out, i)
		}
	}
	return out
}

// continuesClause reports whether a quotation is a fragment the writer's
// own clause goes on from: "\"I held and hugged\" grieving families, he
// said" is one reported statement holding a quoted fragment, while "\"We
// stay\" he said" and "\"We stay.\" The ships..." are quotations.
func (d *document) continuesClause(s storyline.Span, i int) bool {
	seg := d.segments[i]
	if !seg.closed || endsWithPunct(d.body[seg.start:seg.end]) {
		return false
	}
	rest := strings.TrimLeft(d.body[min(seg.end+len("”"), s.End):s.End], "”\"' ")
	f := strings.Fields(rest)
	if len(f) == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(f[0])
	if !unicode.IsLower(r) {
		return false
	}
	// "\"We stay\" the minister said" is followed by its attribution.
	for k := 0; k < len(f) && k < 5; k++ {
		if w := strings.ToLower(strings.Trim(f[k], ".,;:!?")); isCue(w) || quotationCues[w] {
			return false
		}
	}
	return true
}

// overlapsSegment reports whether a stretch of the body overlaps a
// quotation.
func (d *document) overlapsSegment(start, end int) bool {
	k := sort.Search(len(d.segments), func(k int) bool { return d.segments[k].end > start })
	return k < len(d.segments) && d.segments[k].start < end
}

func endsWithPunct(s string) bool {
	s = strings.TrimRight(s, " ")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, ",") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!")
}

// direct records the quotations of a sentence as one direct quote of the
// speaker: "\"A,\" he said, \"B.\"" is one statement in two parts, each
// exactly its span of the body, without the attribution between them. A
// quotation nobody is said to have said takes the speaker of the quote
// just before it, or is left out.
func (d *document) direct(s storyline.Span, segs []int, attr *attribution) {
	if len(segs) == 0 {
		return
	}
	if attr == nil {
		if prev := d.continued(s); prev != nil {
			d.addParts(prev, segs) // "\"A,\" he said. \"B.\"": one statement goes on
			return
		}
		if attr = d.inherited(s); attr == nil {
			return
		}
	}
	q := storyline.Quote{Kind: storyline.QuoteDirect}
	d.addParts(&q, segs)
	d.emit(q, attr)
}

// addParts adds quoted segments to q as its parts, in order.
func (d *document) addParts(q *storyline.Quote, segs []int) {
	if len(q.Parts) == 0 && q.End > q.Start {
		q.Parts = []storyline.Span{{Start: q.Start, End: q.End}}
	}
	for _, i := range segs {
		d.used[i] = true
		seg := d.segments[i]
		q.Parts = append(q.Parts, storyline.Span{Start: seg.start, End: seg.end})
	}
	texts := make([]string, len(q.Parts))
	for k, p := range q.Parts {
		texts[k] = d.body[p.Start:p.End]
	}
	q.Start, q.End = q.Parts[0].Start, q.Parts[len(q.Parts)-1].End
	q.Text = strings.Join(texts, storyline.PartSeparator)
	if len(q.Parts) == 1 {
		q.Parts = nil
	}
}

// continued finds the direct quote an unattributed quotation goes on: the
// last quote, direct, in the same paragraph or the one after it, with
// nothing between them but its own attribution.
func (d *document) continued(s storyline.Span) *storyline.Quote {
	if len(d.quotes) == 0 {
		return nil
	}
	prev := &d.quotes[len(d.quotes)-1]
	if prev.Kind != storyline.QuoteDirect || prev.End > s.Start {
		return nil
	}
	between := d.body[prev.End:s.Start]
	if strings.Count(between, "\n\n") > 1 || strings.Count(between, "\n") > 2 || len(between) > 200 {
		return nil
	}
	return prev
}

// indirect records reported speech: the clause the cue reports.
func (d *document) indirect(attr *attribution, segs []int) {
	start, end := attr.contentStart, attr.contentEnd
	if start >= end || end > len(d.body) {
		return // a clause bounded by two constructions that disagree: nothing to report
	}
	start, end = trimSpan(d.body, start, end)
	q := storyline.Quote{Kind: storyline.QuoteIndirect, Text: d.body[start:end], Start: start, End: end}
	words := len(strings.Fields(q.Text))
	if attr.resumeEnd > attr.resumeStart && end > start {
		// The clause goes on after the attribution set inside it.
		rs, re := trimSpan(d.body, attr.resumeStart, attr.resumeEnd)
		if re > rs {
			q.Parts = []storyline.Span{{Start: start, End: end}, {Start: rs, End: re}}
			q.End, q.Text = re, d.body[start:end]+storyline.PartSeparator+d.body[rs:re]
			words += len(strings.Fields(d.body[rs:re]))
		}
	}
	// Text without full stops (a list, a scraped menu) makes sentences
	// no report runs to.
	// A judgement of two words holds a quotation: "called it \"shameful\"".
	if words == 2 && callForms[attr.cue] && d.overlapsSegment(q.Start, q.End) {
		words = 3
	}
	if q.End-q.Start < 8 || q.End-q.Start > maxReported || words < 3 {
		return
	}
	for _, i := range segs {
		// A fragment whose comma stays out of the report is inside it.
		if d.segments[i].start >= q.Start && d.segments[i].end <= q.End+1 {
			q.Kind = storyline.QuoteMixed
			d.used[i] = true
		}
	}
	d.emit(q, attr)
}

func (d *document) emit(q storyline.Quote, attr *attribution) {
	q.Cue = attr.cue
	q.Medium = attr.medium
	q.Speaker = d.resolver.resolve(attr, q.Start)
	d.quotes = append(d.quotes, q)
}

// inherited gives an unattributed quotation the speaker of the quote just
// before it, when it continues in the same or the next paragraph.
func (d *document) inherited(s storyline.Span) *attribution {
	if len(d.quotes) == 0 {
		return nil
	}
	prev := d.quotes[len(d.quotes)-1]
	between := ""
	if prev.End < s.Start { // a quote read in the same sentence may end after it starts
		between = d.body[prev.End:s.Start]
	}
	if strings.Count(between, "\n\n") > 1 || strings.Count(between, "\n") > 2 || len(between) > 400 {
		return nil
	}
	return &attribution{cue: prev.Cue, medium: prev.Medium, inherit: &prev.Speaker}
}

// maxReported is the longest reported clause, in bytes: ten times a long
// news sentence.
const maxReported = 3000

// trimSpan trims spaces, a leading "that" and closing punctuation.
func trimSpan(body string, start, end int) (int, int) {
	for start < end && strings.ContainsRune(" ,:;—–-", rune(body[start])) {
		start++
	}
	if f := strings.Fields(body[start:end]); len(f) > 1 && strings.EqualFold(f[0], "that") && !beForms[strings.ToLower(f[1])] &&
		!modals[strings.ToLower(f[1])] && !strings.EqualFold(f[1], "has") {
		start += 5
	}
	for end > start && strings.ContainsRune(" ,.;:!?", rune(body[end-1])) {
		end--
	}
	return start, end
}
