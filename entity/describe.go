package entity

import (
	"strings"

	"github.com/storyline-news/storyline"
)

// Describes reports whether a description the text uses for someone ("the
// minister", "Russia's top diplomat", "the Syrian politician") fits one of
// the entity's roles. The description's head noun must be a role's head
// or a broader word for it (a foreign minister is a diplomat and a
// politician), and every other word must appear in that role, where
// "Russia's" matches "Russian". Quote attribution uses it to pick, among
// the people an article names, the one a description points back to.
func Describes(e storyline.Entity, description string) bool {
	words := descriptionWords(description)
	if len(words) == 0 {
		return false
	}
	for _, role := range e.Roles {
		if fits(words, strings.Fields(strings.ToLower(role))) {
			return true
		}
	}
	return false
}

func descriptionWords(d string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(d)) {
		w = strings.TrimSuffix(strings.TrimSuffix(strings.Trim(w, ",.;:\"“”"), "'s"), "’s")
		if w != "" && !determiners[w] {
			out = append(out, w)
		}
	}
	return out
}

var determiners = set(`the,a,an,this,that,these,those,his,her,its,their,our,country,country's,nation,nation's`)

// fits: the head names the role (or a class it belongs to) and each
// modifier is a word of the role, compared by stem ("russia" ~ "russian").
func fits(desc, role []string) bool {
	if len(role) == 0 {
		return false
	}
	head := desc[len(desc)-1]
	if !sameStem(head, role[len(role)-1]) && !broader(head, role) {
		return false
	}
	for _, m := range desc[:len(desc)-1] {
		if !anyStem(m, role) && !(intensifiers[m] && broader(head, role)) {
			return false
		}
	}
	return true
}

func anyStem(w string, role []string) bool {
	for _, r := range role {
		if sameStem(w, r) {
			return true
		}
	}
	return false
}

// sameStem compares words by a shared stem of at least five letters, or
// exactly for shorter words.
func sameStem(a, b string) bool {
	if a == b {
		return true
	}
	n := min(len(a), len(b))
	return n >= 5 && a[:n-1] == b[:n-1] && (strings.HasPrefix(a, b[:n-1]) || strings.HasPrefix(b, a[:n-1]))
}

// broader maps a description's head to role words it covers.
func broader(head string, role []string) bool {
	for _, r := range broaderThan[head] {
		if anyStem(r, role) {
			return true
		}
	}
	return false
}

// intensifiers qualify a broader head without naming a role of their
// own: "Russia's top diplomat" is its foreign minister.
var intensifiers = set(`top,senior,leading,chief`)

var broaderThan = map[string][]string{
	"diplomat":   {"foreign", "ambassador", "envoy", "diplomat"},
	"politician": {"minister", "senator", "president", "governor", "mayor", "lawmaker", "representative", "mp", "chancellor", "leader"},
	"lawmaker":   {"senator", "representative", "mp", "congressman", "congresswoman"},
	"leader":     {"president", "prime", "chancellor", "king", "head", "chief", "leader", "chairman"},
	"official":   {"minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "director", "official", "head", "chief", "deputy", "envoy", "ambassador"},
	"spokesman":  {"spokeswoman", "spokesperson"},
	"general":    {"gen.", "commander"},
	"commander":  {"gen.", "general", "commander"},
}
