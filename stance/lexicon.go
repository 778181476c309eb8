package stance

import "strings"

// actions push the statement's subject one way: +1 it goes on, happens,
// is kept or supported; -1 it ends, is stopped, refused or opposed. Stems
// are matched with common English suffixes (see actionDirection).
var actions = map[string]int{
	// continuation, realisation, support
	"stay": 1, "remain": 1, "keep": 1, "retain": 1, "maintain": 1, "preserve": 1, "continue": 1,
	"expand": 1, "strengthen": 1, "increase": 1, "raise": 1, "boost": 1, "build": 1, "deploy": 1,
	"support": 1, "back": 1, "endorse": 1, "approve": 1, "favour": 1, "favor": 1, "welcome": 1,
	"accept": 1, "agree": 1, "commit": 1, "committed": 1, "bound": 1, "hold": 1, "held": 1,
	"proceed": 1, "start": 1, "begin": 1, "launch": 1, "deliver": 1, "sign": 1, "ratify": 1,
	"negotiate": 1, "return": 1, "safe": 1, "safely": 1, "acknowledge": 1, "admit": 1,
	"confirm": 1, "extend": 1, "extension": 1, "guarantee": 1, "pledge": 1, "promise": 1,
	"ready": 1, "prepared": 1, "willing": 1, "ahead": 1, "place": 1, "working": 1,
	// ending, stopping, refusal, opposition
	"withdraw": -1, "withdrew": -1, "leave": -1, "left": -1, "exit": -1, "reduce": -1, "cut": -1,
	"close": -1, "closure": -1, "abandon": -1, "end": -1, "oppose": -1, "reject": -1,
	"refuse": -1, "veto": -1, "suspend": -1, "halt": -1, "stop": -1, "cancel": -1,
	"postpone": -1, "delay": -1, "collapse": -1, "lift": -1, "scrap": -1, "drop": -1,
	"deny": -1, "false": -1, "evacuate": -1, "dismantle": -1, "shrink": -1, "quit": -1,
	"terminate": -1, "freeze": -1, "downsize": -1, "unsafe": -1,
}

// negatorPhrases flip the direction of every action word after them in
// their clause. Longest match wins, so "no longer" is one negator.
var negatorPhrases = words(
	"not", "no", "never", "n't", "don't", "won't", "can't", "cannot", "didn't", "doesn't",
	"isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "wouldn't", "shouldn't",
	"no longer", "nothing", "nobody", "none", "neither", "nor", "without",
	"no plans to", "no intention of", "no intention to", "rule out", "ruled out",
)

// openPhrases mark a position still open: talks, discussion, no decision.
var openPhrases = words(
	"talks", "negotiations", "discussions", "consultations", "discussed", "discussing",
	"under discussion", "under consideration", "being considered", "considering",
	"no decision", "not decided", "undecided", "ongoing", "open question", "hope", "hopeful",
	"up for discussion",
)

// framePhrases say for how long or on what condition.
var framePhrases = map[string][][]string{
	FramePermanent: words("permanently", "permanent", "indefinitely", "forever", "for good",
		"long term", "long-term", "for decades", "for ever"),
	FrameLimited: words("temporary", "temporarily", "limited in time", "for now", "for the time being",
		"until", "only until", "for a limited", "interim"),
	FrameConditional: words("if", "only if", "unless", "provided", "provided that", "on condition",
		"under conditions", "under strict conditions", "conditions", "as long as", "depending on", "once"),
}

// certaintyWords lower a statement's certainty.
var certaintyWords = map[string]string{
	"may": Possible, "might": Possible, "could": Possible, "possibly": Possible, "perhaps": Possible,
	"maybe": Possible, "likely": Possible, "unlikely": Possible, "probably": Possible,
}

func words(phrases ...string) [][]string {
	out := make([][]string, len(phrases))
	for i, p := range phrases {
		out[i] = strings.Fields(p)
	}
	return out
}
