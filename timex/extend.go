package timex

// approximators may open a duration's extent: "nearly two months".
var approximators = map[string]bool{"about": true, "around": true, "nearly": true, "almost": true,
	"approximately": true, "roughly": true, "some": true, "over": true, "only": true}

// twoWordApproximators: "more than four hours", "at least 20 more years".
var twoWordApproximators = map[[2]string]bool{{"more", "than"}: true, {"less", "than"}: true, {"fewer", "than"}: true,
	{"at", "least"}: true, {"up", "to"}: true, {"at", "most"}: true}

// dateModifiers may open a date's extent: "early November", "late last week".
var dateModifiers = map[string]bool{"early": true, "late": true, "mid": true, "earlier": true, "later": true,
	"around": true, "about": true, "fiscal": true, "right": true, "more": true}

// extend widens a match over the modifiers TimeML counts as part of it,
// keeping its value: "nearly two months", "the end of November", "the
// next year or so".
func extend(ws []word, m match) match {
	for {
		i := m.i
		m.i = extendLeft(ws, m)
		if m.i == i {
			break
		}
	}
	if peek(ws, m.j) == "or" && peek(ws, m.j+1) == "so" {
		m.j += 2
	}
	return m
}

func extendLeft(ws []word, m match) int {
	i, prev := m.i, peek(ws, m.i-1)
	if m.typ == typeDuration {
		switch {
		case approximators[prev] && ws[m.i].lower != "the" && (prev != "over" || isNumberWord(ws[m.i].lower)):
			return i - 1
		case twoWordApproximators[[2]string{peek(ws, i-2), prev}]:
			if peek(ws, i-3) == "no" {
				return i - 3
			}
			return i - 2
		}
		return i
	}
	switch {
	case dateModifiers[prev] && !(prev == "right" && ws[i].lower != "now") && !(prev == "more" && ws[i].lower != "recently"):
		return i - 1
	case prev == "of" && edgeWords[peek(ws, i-2)] && peek(ws, i-3) == "the":
		return i - 3
	case prev == "the" && isRelative(ws[i].lower):
		return i - 1
	}
	return i
}

func isRelative(w string) bool {
	_, ok := relatives[w]
	return ok && w != "this"
}
