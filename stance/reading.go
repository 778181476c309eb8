// Package stance reads the position a statement takes and finds the points
// where a speaker's position on a topic moved.
//
// A reading is deliberately shallow and explainable: the direction the
// statement pushes its subject (it goes on, happens, is supported / it
// ends, is refused, is opposed), how certain it is (definite, possible,
// open to discussion), and its frame (permanent, limited in time,
// conditional). Each part keeps the words it rests on, so a person can check
// every flag. Precision matters more than recall: a flagged shift must be
// real, so anything ambiguous reads as "unknown" and is never compared.
package stance

import (
	"strings"
	"unicode"
)

// Certainty of a statement.
const (
	Definite = "definite"
	Possible = "possible"
	Open     = "open" // under discussion, no decision
)

// Frames of a statement.
const (
	FrameNone        = ""
	FramePermanent   = "permanent"
	FrameLimited     = "limited"
	FrameConditional = "conditional"
)

// Reading is the stance of one statement, with the words it rests on.
type Reading struct {
	Direction int // +1 goes on / is supported, -1 ends / is refused, 0 unknown
	Certainty string
	Frame     string
	Evidence  []string // the cue words, in text order
	// Assumed: the direction rests only on a commitment to an act the
	// lexicon does not know ("we will host"): enough to see it opened, not
	// to call it reversed.
	Assumed bool
}

// String renders the reading for people: "affirms; definite; permanent".
func (r Reading) String() string {
	parts := []string{directionWord(r.Direction), r.Certainty}
	if r.Frame != FrameNone {
		parts = append(parts, r.Frame)
	}
	return strings.Join(parts, "; ")
}

func directionWord(d int) string {
	switch {
	case d > 0:
		return "affirms"
	case d < 0:
		return "rejects"
	}
	return "neutral"
}

// Read gives the reading of one statement.
func Read(text string) Reading {
	r := Reading{Certainty: Definite}
	sum, open, lexical := 0, false, false
	for _, clause := range clauses(text) {
		d, o, assumed := readClause(clause, &r)
		sum += d
		open = open || o
		lexical = lexical || d != 0 && !assumed
	}
	r.Direction = sign(sum)
	r.Assumed = r.Direction != 0 && !lexical
	if sum == 0 && r.Frame == FramePermanent {
		r.Direction = 1 // "a permanent feature": permanence is continuation
	}
	if open && r.Direction >= 0 {
		r.Certainty = Open
	}
	return r
}

// readClause scores one clause. Its action words compose: a verb acting
// on an action named as a noun, or a verb of will before another verb,
// multiply their senses ("oppose the agreement" ends it, "the withdrawal
// was halted" goes on, "refuse to negotiate" refuses), and a negator
// anywhere in the clause flips the result.
func readClause(words []string, r *Reading) (dir int, open, assumed bool) {
	negated, denied, pendingNegated, pending := false, false, false, ""
	var acts []act
	for i := 0; i < len(words); i++ {
		w := words[i]
		if n := phraseAt(words, i, predicateNegators); n > 0 {
			denied = true
			r.Evidence = append(r.Evidence, strings.Join(words[i:i+n], " "))
			i += n - 1
			continue
		}
		// Longest phrase wins: "no decision" is open, "no plans to" negates.
		nNeg, nOpen := phraseAt(words, i, negatorPhrases), phraseAt(words, i, openPhrases)
		nFrame, frame := framePhraseAt(words, i)
		switch {
		case nOpen > 0 && nOpen >= nNeg && nOpen >= nFrame:
			if !negated {
				open = true
				r.Evidence = append(r.Evidence, strings.Join(words[i:i+nOpen], " "))
			}
			i += nOpen - 1
			continue
		case nNeg > 0 && nNeg >= nFrame:
			negated = !negated
			r.Evidence = append(r.Evidence, strings.Join(words[i:i+nNeg], " "))
			i += nNeg - 1
			continue
		case nFrame > 0:
			r.Frame = strongerFrame(r.Frame, frame)
			r.Evidence = append(r.Evidence, strings.Join(words[i:i+nFrame], " "))
			i += nFrame - 1
			continue
		}
		if c, ok := certaintyWords[w]; ok && c == Possible && r.Certainty == Definite {
			r.Certainty = Possible
			r.Evidence = append(r.Evidence, w)
			continue
		}
		if i+1 < len(words) {
			if d, ok := particleVerb(w, words[i+1]); ok {
				acts = append(acts, act{d, i, i + 2, isNominal(words, i), negated})
				r.Evidence = append(r.Evidence, w+" "+words[i+1])
				i++
				continue
			}
		}
		if d, ok := actionDirection(w); ok {
			acts = append(acts, act{d, i, i + 1, isNominal(words, i), negated})
			r.Evidence = append(r.Evidence, w)
			continue
		}
		if n := phraseAt(words, i, commitments); n > 0 && pending == "" {
			pending, pendingNegated = committedVerb(words, i+n, negated)
		}
	}
	if len(acts) == 0 {
		if open || pending == "" {
			return 0, open, false
		}
		// "we will host the summit": a commitment to an act the lexicon
		// does not know; good for telling it from an open question, not
		// for a reversal.
		r.Evidence = append(r.Evidence, pending)
		return polarity(1, pendingNegated), open, true
	}
	return polarity(compose(words, acts), denied), open, false
}

// act is one action word (or particle verb) of a clause: its sense, where
// it stands, and whether it is used as a noun.
type act struct {
	dir        int
	start, end int
	nominal    bool
	negated    bool // a negator stands before it in the clause
}

// compose reads a clause's action words. Linked actions multiply their
// senses: a verb of will before another ("refuse to negotiate", "agreed to
// sell"), a verb and the action noun it takes as object ("oppose the
// agreement", "delay the withdrawal"), an action noun as subject and what
// is done to it ("the signing of the lease has been postponed"). A chain
// is negated once, by the negators before its last word ("will not agree
// to sell", "agreed not to sell"). Unlinked chains add up.
func compose(words []string, acts []act) int {
	sum := 0
	for k := 0; k < len(acts); {
		chain, end := acts[k].dir, k+1
		for end < len(acts) && linked(words, acts[end-1], acts[end]) {
			chain *= acts[end].dir
			end++
		}
		sum += polarity(chain, acts[end-1].negated)
		k = end
	}
	return sum
}

func linked(words []string, a, b act) bool {
	between := words[a.end:b.start]
	switch {
	case !a.nominal && len(between) >= 1 && len(between) <= 2 && between[len(between)-1] == "to":
		return true // "refuse to negotiate", "ready to accept"
	case !a.nominal && b.nominal && len(between) <= 3 && !hasAny(between, prepositions):
		return true // "oppose the agreement"
	case a.nominal && !b.nominal && len(between) > 0 && auxiliaries[between[len(between)-1]]:
		return true // "the reopening of the airport has been delayed"
	}
	return false
}

// isNominal reports whether an action word is a noun by its suffix:
// "withdrawal", "agreement", "deployment", "the signing".
func isNominal(words []string, i int) bool {
	w := words[i]
	if strings.HasSuffix(w, "ing") && i > 0 && determiners[words[i-1]] {
		return true
	}
	for _, suf := range []string{"ment", "al", "ion", "ure", "ance", "ence"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

func hasAny(ws []string, set map[string]bool) bool {
	for _, w := range ws {
		if set[w] {
			return true
		}
	}
	return false
}

var determiners = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "our": true, "his": true,
	"her": true, "this": true, "that": true, "any": true}

var prepositions = map[string]bool{"at": true, "before": true, "after": true, "by": true, "in": true, "on": true, "of": true,
	"for": true, "with": true, "until": true, "from": true, "to": true, "into": true, "during": true, "within": true,
	"without": true, "over": true, "under": true, "than": true}

func polarity(d int, negated bool) int {
	if negated {
		return -d
	}
	return d
}

// particleVerb reads "shut down" or "shutting down" as one action.
func particleVerb(w, particle string) (int, bool) {
	for _, stem := range stems(w) {
		if d, ok := particleVerbs[[2]string{stem, particle}]; ok {
			return d, true
		}
	}
	return 0, false
}

// committedVerb reads the verb a commitment governs ("will host", "will
// never recognise"), or nothing when it governs no act ("there will be").
func committedVerb(words []string, i int, negated bool) (string, bool) {
	start := i
	for i < len(words) && phraseAt(words, i, negatorPhrases) > 0 {
		negated = !negated
		i++
	}
	if i >= len(words) || auxiliaries[words[i]] || stopwords[words[i]] {
		return "", false
	}
	return strings.Join(words[max(0, start-1):i+1], " "), negated
}

// auxiliaries carry no act of their own: "there will be", "has been".
var auxiliaries = map[string]bool{"be": true, "been": true, "being": true, "is": true, "are": true, "was": true, "were": true,
	"have": true, "has": true, "had": true, "do": true, "get": true, "make": true, "see": true, "say": true, "tell": true,
	"talk": true, "discuss": true, "consider": true}

// strongerFrame keeps the frame that constrains most: a conditional or
// limited remark qualifies a permanent one in the same statement.
func strongerFrame(old, new string) string {
	rank := map[string]int{FrameNone: 0, FramePermanent: 1, FrameLimited: 2, FrameConditional: 3}
	if rank[new] > rank[old] {
		return new
	}
	return old
}

// clauses splits a statement into lower-cased word lists at clause
// boundaries (punctuation, "and", "but"), so a negator stays in its clause.
func clauses(text string) [][]string {
	var out [][]string
	var cur []string
	var word strings.Builder
	flushWord := func() {
		if word.Len() == 0 {
			return
		}
		w := word.String()
		word.Reset()
		if clauseWords[w] {
			out, cur = appendClause(out, cur), nil
			return
		}
		cur = append(cur, w)
	}
	for _, c := range strings.ToLower(text) {
		switch {
		case unicode.IsLetter(c) || unicode.IsDigit(c) || c == '\'' || c == '’' || c == '-':
			if c == '’' {
				c = '\''
			}
			word.WriteRune(c)
		case c == ',' || c == ';' || c == ':' || c == '.' || c == '!' || c == '?' || c == '—':
			flushWord()
			out, cur = appendClause(out, cur), nil
		default:
			flushWord()
		}
	}
	flushWord()
	return appendClause(out, cur)
}

// clauseWords open a new clause, where a negator no longer reaches: "we
// see no reason to change the terms | when the contract is renewed".
var clauseWords = map[string]bool{"and": true, "but": true, "while": true, "whereas": true, "when": true, "because": true,
	"although": true, "though": true, "after": true, "before": true, "since": true}

func appendClause(out [][]string, cur []string) [][]string {
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func sign(n int) int {
	switch {
	case n > 0:
		return 1
	case n < 0:
		return -1
	}
	return 0
}

// phraseAt returns the length of the longest phrase in set starting at i.
func phraseAt(words []string, i int, set [][]string) int {
	best := 0
	for _, p := range set {
		if len(p) > best && i+len(p) <= len(words) && equalWords(words[i:i+len(p)], p) {
			best = len(p)
		}
	}
	return best
}

func framePhraseAt(words []string, i int) (int, string) {
	best, frame := 0, FrameNone
	for f, set := range framePhrases {
		if n := phraseAt(words, i, set); n > best {
			best, frame = n, f
		}
	}
	return best, frame
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// actionDirection looks a word up by its stem, so "withdraws",
// "withdrawing" and "withdrawal" all count.
func actionDirection(w string) (int, bool) {
	for _, stem := range stems(w) {
		if d, ok := actions[stem]; ok {
			return d, true
		}
	}
	return 0, false
}

// stems lists the forms a word may be looked up by: itself, then without
// a common suffix ("closing" -> "clos", "close"; "cancelled" -> "cancel";
// "shutting" -> "shut").
func stems(w string) []string {
	out := []string{w}
	for _, suffix := range []string{"ing", "ed", "es", "s", "al", "ment", "d"} {
		if stem, ok := strings.CutSuffix(w, suffix); ok && len(stem) > 2 {
			out = append(out, stem, stem+"e")
			if n := len(stem); n > 3 && stem[n-1] == stem[n-2] {
				out = append(out, stem[:n-1])
			}
		}
	}
	return out
}
