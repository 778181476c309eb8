package timex

import "strings"

// Tense directions: which way an unanchored "Tuesday" or "in January" points.
const (
	past    = -1
	unknown = 0
	future  = 1
)

// tenseNear reads the tense around word i of a sentence: the nearest cue
// wins, because a sentence often reports a past statement about a future
// act ("said on Monday he will travel on Friday").
func tenseNear(ws []word, i int) int {
	for d := 1; d <= 10; d++ {
		if t := tenseCue(ws, i-d); t != unknown {
			return t
		}
		if t := tenseCue(ws, i+d); t != unknown {
			return t
		}
	}
	return unknown
}

// clueTense is tenseNear for inferring the publication day, where a
// conditional is no future: "would", "could", "if" and "until" also
// frame what did not happen ("if Romney had won in 2012"), and on PolNeAR
// train the dates they frame lie before the article about as often as after.
func clueTense(ws []word, i int) int {
	for d := 1; d <= 10; d++ {
		for _, k := range [2]int{i - d, i + d} {
			if t := tenseCue(ws, k); t != unknown {
				if t == future && weakFuture[ws[k].lower] {
					return unknown
				}
				return t
			}
		}
	}
	return unknown
}

var weakFuture = map[string]bool{"would": true, "could": true, "might": true, "if": true, "unless": true, "until": true}

var futureCues = map[string]bool{"will": true, "'ll": true, "shall": true, "would": true, "upcoming": true,
	"scheduled": true, "expected": true, "expects": true, "planned": true, "plans": true, "plan": true,
	"intends": true, "tomorrow": true, "until": true, "next": true, "coming": true, "due": true,
	"begins": true, "starts": true, "meets": true, "opens": true, "resume": true, "aims": true,
	"if": true, "could": true, "might": true, "unless": true}

var pastCues = map[string]bool{"was": true, "were": true, "had": true, "did": true, "ago": true, "last": true,
	"since": true, "earlier": true, "previously": true, "yesterday": true, "said": true, "told": true,
	"began": true, "met": true, "took": true, "came": true, "went": true, "left": true, "made": true, "won": true,
	"lost": true, "gave": true, "spoke": true, "wrote": true, "sent": true, "held": true, "became": true, "fell": true,
	"rose": true, "saw": true, "led": true, "paid": true, "sold": true, "bought": true, "struck": true, "broke": true}

// pastPerfect tells a plan told as past: "had been scheduled", "previously planned".
func pastPerfect(ws []word, k int) bool {
	p := peek(ws, k-1)
	return p == "previously" || p == "had" || p == "been" && peek(ws, k-2) == "had"
}

// nounCues are future cues that are also nouns: "the plan was drafted".
var nounCues = map[string]bool{"plan": true, "plans": true, "starts": true, "opens": true, "aims": true, "coming": true}

var determiners = map[string]bool{"the": true, "a": true, "an": true, "its": true, "his": true, "her": true,
	"their": true, "our": true, "this": true, "that": true, "new": true, "whose": true, "my": true, "your": true}

// notPast are words ending in -ed that are not past-tense verbs.
var notPast = map[string]bool{"need": true, "needed": false, "indeed": true, "speed": true, "proceed": true,
	"hundred": true, "united": true, "red": true, "bed": true, "seed": true, "feed": true, "breed": true,
	"shed": true, "embed": true, "succeed": true, "exceed": true, "based": true, "limited": true, "related": true,
	"so-called": true, "fixed": true, "armed": true, "concerned": true, "interested": true, "supposed": true}

// modifiesNoun are words after which an -ed word is an adjective or a
// passive whose tense lies elsewhere ("a still unspecified date", "would be paid").
var modifiesNoun = map[string]bool{"a": true, "an": true, "the": true, "still": true, "be": true, "been": true,
	"being": true, "is": true, "are": true, "to": true, "not": true, "its": true, "their": true, "his": true,
	"her": true, "newly": true, "previously": true, "recently": true, "very": true}

// auxiliaries turn a past form into a passive or a modal whose tense lies
// in them: "will be held", "could have met".
var auxiliaries = map[string]bool{"be": true, "been": true, "being": true, "will": true, "would": true,
	"could": true, "should": true, "may": true, "might": true, "can": true, "must": true}

func tenseCue(ws []word, k int) int {
	if k < 0 || k >= len(ws) {
		return unknown
	}
	w := ws[k].lower
	switch {
	case futureCues[w] && pastPerfect(ws, k):
		return past // "had been due to expire Friday", "as previously planned"
	case futureCues[w] && !(nounCues[w] && determiners[peek(ws, k-1)]):
		return future
	case w == "set" || w == "going":
		if peek(ws, k+1) == "to" {
			return future
		}
	case pastCues[w] && !auxiliaries[peek(ws, k-1)]:
		return past
	case len(w) > 4 && strings.HasSuffix(w, "ed") && !notPast[w] && !isCapital(ws[k].text) && !modifiesNoun[peek(ws, k-1)] && !auxiliaries[peek(ws, k-1)]:
		return past
	}
	return unknown
}
