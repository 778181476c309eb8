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
	// realisation and continuation, by semantic class: doing what was
	// announced, opening and restoring, allowing, joining, defending
	"recognise": 1, "recognize": 1, "host": 1, "renew": 1, "reopen": 1, "resume": 1, "restore": 1,
	"reinstate": 1, "implement": 1, "fulfil": 1, "fulfill": 1, "honour": 1, "honor": 1, "invest": 1,
	"allow": 1, "permit": 1, "grant": 1, "authorise": 1, "authorize": 1, "adopt": 1, "enact": 1,
	"join": 1, "attend": 1, "participate": 1, "establish": 1, "protect": 1, "defend": 1, "uphold": 1,
	"reaffirm": 1, "upgrade": 1, "reinforce": 1, "legalise": 1, "legalize": 1, "normalise": 1,
	"normalize": 1, "cooperate": 1, "embrace": 1,
	// ending and refusal, by semantic class: closing and removing, stopping
	// and breaking off, banning and revoking, reversing and abandoning
	"shut": -1, "ban": -1, "block": -1, "bar": -1, "prohibit": -1, "forbid": -1, "revoke": -1,
	"rescind": -1, "repeal": -1, "annul": -1, "abolish": -1, "reverse": -1, "retreat": -1,
	"retract": -1, "disband": -1, "dissolve": -1, "expel": -1, "sever": -1, "boycott": -1,
	"decline": -1, "resign": -1, "relinquish": -1, "surrender": -1, "concede": -1, "forgo": -1,
	"remove": -1, "eliminate": -1, "discontinue": -1, "sell": -1, "divest": -1, "downgrade": -1,
	"condemn": -1, "criticise": -1, "criticize": -1, "disavow": -1, "renounce": -1,
	"relocate": -1, "vacate": -1, "pullout": -1, "drawdown": -1, "lose": -1, "lost": -1, "unacceptable": -1,
}

// particleVerbs are actions of two words whose particle carries the sense:
// "shut down", "pull out", "call off". Read before the single words.
var particleVerbs = map[[2]string]int{
	{"shut", "down"}: -1, {"pull", "out"}: -1, {"pull", "back"}: -1, {"call", "off"}: -1, {"phase", "out"}: -1,
	{"wind", "down"}: -1, {"break", "off"}: -1, {"scale", "back"}: -1, {"cut", "off"}: -1, {"back", "down"}: -1,
	{"step", "down"}: -1, {"back", "out"}: -1, {"walk", "away"}: -1, {"give", "up"}: -1, {"hand", "over"}: -1,
	{"move", "out"}: -1, {"stand", "down"}: -1, {"drop", "out"}: -1, {"turn", "down"}: -1,
	{"go", "ahead"}: 1, {"carry", "on"}: 1, {"press", "ahead"}: 1, {"push", "ahead"}: 1, {"stand", "by"}: 1,
	{"build", "up"}: 1, {"set", "up"}: 1, {"sign", "up"}: 1, {"step", "up"}: 1, {"keep", "up"}: 1,
}

// commitments announce that the verb after them will be done: "will host",
// "decided to recognise". An action verb the lexicon does not know reads
// as going ahead with it.
var commitments = words("will", "shall", "going to", "plan to", "plans to", "intend to", "intends to",
	"decided to", "agreed to", "vowed to", "pledged to", "is to", "are to", "committed to", "set to")

// negatorPhrases flip the direction of every action word after them in
// their clause. Longest match wins, so "no longer" is one negator.
var negatorPhrases = words(
	"not", "no", "never", "n't", "don't", "won't", "can't", "cannot", "didn't", "doesn't",
	"isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "wouldn't", "shouldn't",
	"no longer", "nothing", "nobody", "none", "neither", "nor", "without",
	"no plans to", "no intention of", "no intention to", "rule out", "ruled out",
)

// predicateNegators deny what the clause names before them: "selling the
// stake is out of the question".
var predicateNegators = words("out of the question", "off the table", "not an option", "not on the table",
	"is ruled out", "are ruled out")

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
