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
	sum, open := 0, false
	for _, clause := range clauses(text) {
		s, o := readClause(clause, &r)
		sum += s
		open = open || o
	}
	r.Direction = sign(sum)
	if sum == 0 && r.Frame == FramePermanent {
		r.Direction = 1 // "a permanent feature": permanence is continuation
	}
	if open && r.Direction >= 0 {
		r.Certainty = Open
	}
	return r
}

// readClause scores one clause: action words push a direction, a negator
// earlier in the clause flips every action word after it.
func readClause(words []string, r *Reading) (sum int, open bool) {
	negated := false
	for i := 0; i < len(words); i++ {
		w := words[i]
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
		if d, ok := actionDirection(w); ok {
			if negated {
				d = -d
			}
			sum += d
			r.Evidence = append(r.Evidence, w)
		}
	}
	return sum, open
}

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
		if w == "and" || w == "but" || w == "while" || w == "whereas" {
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
	if d, ok := actions[w]; ok {
		return d, true
	}
	for _, suffix := range []string{"ing", "ed", "es", "s", "al", "ment", "d"} {
		if stem, ok := strings.CutSuffix(w, suffix); ok && len(stem) > 2 {
			if d, ok := actions[stem]; ok {
				return d, true
			}
			if d, ok := actions[stem+"e"]; ok { // closing -> close
				return d, true
			}
			if n := len(stem); n > 3 && stem[n-1] == stem[n-2] { // cancelled -> cancel
				if d, ok := actions[stem[:n-1]]; ok {
					return d, true
				}
			}
		}
	}
	return 0, false
}
