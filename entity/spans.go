package entity

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/sentence"
)

// token is a word of the body with its byte range.
type token struct {
	start, end int
	text       string
	lower      string   // text in lower case, asked of every word many times
	sentStart  bool     // first word of its sentence
	afterComma bool     // a comma stands before it: "asking, How does"
	line       lineKind // the shape of its line
}

func tokenize(body string) []token {
	toks := make([]token, 0, len(body)/6) // English words average under six bytes with their space
	lines := lineKinds(body)
	l := 0
	for _, s := range sentence.Split(body) {
		first, prevEnd := true, s.Start
		for i := s.Start; i < s.End; {
			r, size := utf8.DecodeRuneInString(body[i:])
			if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
				i += size
				continue
			}
			// A colon, dash, bracket or quote mark opens a clause as a
			// sentence start does: "he said: It was".
			first = first || strings.ContainsAny(body[prevEnd:i], ":;—–“\"‘'([…")
			w, j := wordAt(body[:s.End], i)
			w, j = cutLowerTail(w, j)
			for l < len(lines)-1 && lines[l].end < i {
				l++
			}
			toks = append(toks, token{start: i, end: j, text: w, lower: strings.ToLower(w), sentStart: first, line: lines[l].kind,
				afterComma: strings.ContainsRune(body[prevEnd:i], ',')})
			first, prevEnd = false, j
			i = max(j, i+size)
		}
	}
	return toks
}

// cutLowerTail ends a name at a hyphen before a lower-case word: "Jeb
// Bush-spent $100 million", "a Clinton-era law". "Seitz-Wald" and
// "al-Assad" stay whole.
func cutLowerTail(w string, end int) (string, int) {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return w, end
	}
	for k := 3; k < len(w)-1; k++ { // "Ban Ki-moon" keeps its short syllable
		if w[k] == '-' {
			if next, _ := utf8.DecodeRuneInString(w[k+1:]); unicode.IsLower(next) {
				return w[:k], end - (len(w) - k)
			}
		}
	}
	return w, end
}

// capitalised reports whether w starts a name; "al-Sharaa" does, through
// its Arabic article.
func capitalised(w string) bool {
	if w != "" && w[0] >= 'A' && w[0] <= 'Z' {
		return true
	}
	for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "bin-", "ibn-"} {
		if rest, ok := strings.CutPrefix(w, p); ok {
			w = rest
			break
		}
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// findSpans reads capitalised runs as names, takes titles off their front
// as roles, drops datelines and sentence-initial function words, and notes
// acronyms defined in brackets.
func findSpans(body string) []span {
	toks := tokenize(body)
	confirmed := confirmedCapitals(toks)
	var spans []span
	for i := 0; i < len(toks); {
		if !capitalised(toks[i].text) || toks[i].line == shouting || isDatelineWord(body, toks, i) ||
			(toks[i].sentStart || toks[i].line == titleCase) && plainWord(toks[i].text, confirmed) && !speaks(body, toks[i].end) ||
			toks[i].afterComma && functionWords[toks[i].lower] {
			i++
			continue
		}
		j := runEnd(body, toks, i, confirmed)
		spans = append(spans, makeSpans(body, toks, i, j)...)
		i = j
	}
	return linkAcronyms(body, spans)
}

// runEnd extends a run of capitalised words, across connectors ("of",
// "al-", "bin") only when a capitalised word follows. In a title-case line
// an ordinary word ends the run: "Trump Takes Iowa" names two.
func runEnd(body string, toks []token, i int, confirmed map[string]bool) int {
	j := i + 1
	for j < len(toks) && adjacent(body, toks[j-1], toks[j]) {
		w := toks[j].text
		switch {
		case toks[j].line == titleCase && plainWord(w, confirmed):
			return j
		case capitalised(w) && !toks[j].sentStart:
		case connectors[strings.ToLower(w)] && j+1 < len(toks) && capitalised(toks[j+1].text) && adjacent(body, toks[j], toks[j+1]) &&
			joinsAcross(toks[j-1].text, w):
		default:
			return j
		}
		j++
	}
	return j
}

// adjacent reports whether only spaces separate two tokens.
func adjacent(body string, a, b token) bool {
	gap := body[a.end:b.start]
	_, owns := possessor(a.text)
	return strings.TrimSpace(gap) == "" && !strings.Contains(gap, "\n") && !owns
}

// possessor takes the possessive off a word: "Lavrov's", "CNN’s",
// "Reuters’". A possessive ends a name: "CNN’s Jake Tapper" is two.
func possessor(w string) (string, bool) {
	for _, suf := range []string{"'s", "’s", "s'", "s’"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && stem != "" {
			if suf[0] == 's' {
				stem += "s"
			}
			return stem, true
		}
	}
	return w, false
}

// joinsAcross decides whether a connector continues a name: "Ministry of
// Defence", "Bank of England" and "Center for Security Policy" go on, but
// "Amira Haddad of Maravia" is a person from a place and "left New Jersey
// for Florida" two places, so "of" and "for" end a run after a name.
func joinsAcross(prev, connector string) bool {
	if c := strings.ToLower(connector); c != "of" && c != "for" {
		return true
	}
	p := strings.ToLower(strings.TrimSuffix(prev, "."))
	return orgWords[p] || titleWords[p] || placeWords[p] || groupWords[p]
}

var connectors = map[string]bool{"of": true, "the": true, "de": true, "del": true, "bin": true, "ibn": true,
	"al": true, "van": true, "von": true, "for": true, "&": true, "la": true, "le": true, "da": true}

// isDatelineWord spots "MOSCOW" in "MOSCOW (Sputnik) —" at a paragraph start.
func isDatelineWord(body string, toks []token, i int) bool {
	w := toks[i].text
	if len(w) < 2 || strings.ToUpper(w) != w || !toks[i].sentStart && !(i > 0 && strings.ToUpper(toks[i-1].text) == toks[i-1].text && isDatelineWord(body, toks, i-1)) {
		return false
	}
	lineStart := strings.LastIndexByte(body[:toks[i].start], '\n') + 1
	return datelinePrefix.MatchString(body[lineStart:min(len(body), lineStart+80)])
}

var datelinePrefix = regexp.MustCompile(`^[A-Z][A-Z .'-]+(?:,\s*[A-Z][\p{L} .]+)?\s*(?:\([^)]{1,40}\))?\s*(?:—|–|--|-)\s`)

// makeSpans turns tokens [i, j) into a name, after taking off a leading
// function word, a title (kept as the role) and a possessive.
func makeSpans(body string, toks []token, i, j int) []span {
	for i < j && (toks[i].sentStart && functionWords[toks[i].lower] || calendarWord(toks[i].text)) {
		i++ // "On Monday Dmitri Volkov", "Last October the minister"
	}
	roleStart := i
	if i = afterRole(toks, i, j); i > roleStart && allOrdinary(toks[i:j]) && !personalTitle(toks[roleStart:i]) {
		i = roleStart // "National Convention", "Federal Reserve": an institution, not a titled person
	}
	var out []span
	if i > roleStart {
		out = placesInRole(body, toks[roleStart:i]) // "Texas Senator Ted Cruz" names Texas too
	}
	for i < j && connectors[toks[i].lower] {
		i++ // "Rally for Carson" less its title word
	}
	for j > i && connectors[toks[j-1].lower] {
		j--
	}
	employer := j-i > 1 && (toks[j-1].text == "CEO" || roleNouns[toks[j-1].lower]) && !namesInstitution(toks, i, j-1) && !personalTitle(toks[j-1:j])
	if employer {
		j-- // "the former Hewlett-Packard CEO": the company, then its role noun
	}
	// "Florida Friday", "Monday Trump", "August Trump": a weekday or month
	// is glued on by the sentence, not part of a name, but "Theresa May"
	// ends in one.
	for j > i && (weekdays[toks[j-1].lower] || months[toks[j-1].lower] && !(j-2 >= i && givenNames()[toks[j-2].lower])) {
		j--
	}
	for i < j && calendarWord(toks[i].text) {
		i++
	}
	if i >= j {
		return nil
	}
	if titleWords[toks[i].lower] && i+1 < j && strings.EqualFold(toks[i+1].text, "of") && !namesInstitution(toks, i+2, j) {
		return nil // "Governor of Arkansas" describes a person without naming one
	}
	role := ""
	if i > roleStart {
		role = body[toks[roleStart].start:toks[i-1].end]
	}
	start, end := toks[i].start, toks[j-1].end
	text := body[start:end]
	if stem, ok := possessor(text); ok {
		text, end = stem, start+len(stem)
	}
	if text == "" || stopNames[strings.ToLower(text)] || contraction(toks[i].lower) || partyMarker(text) || j-i == 1 && (toks[i].sentStart && functionWords[strings.ToLower(text)] ||
		adjectival(body, text, end) || titleWords[strings.ToLower(strings.TrimSuffix(text, "."))] && !personalTitle(toks[roleStart:i])) {
		return nil // "Mr. King" keeps his name, a bare "King" is a title
	}
	if role == "" {
		role = roleBefore(body[:start])
	}
	if role == "" && !places[strings.ToLower(text)] {
		role = appositiveRole(body[end:]) // "the state of Pennsylvania, the vice president said" is no role
	}
	role = cleanRole(role)
	typ := classify(body, text, role, start)
	if typ == storyline.EntityOther && j-i == 1 {
		typ = classifySingle(body, text, end)
		if typ == storyline.EntityGroup && toks[i].sentStart && strings.HasPrefix(body[end:], " of ") {
			return nil // "Fighters of ...": a plural noun opening a sentence
		}
	}
	if typ == storyline.EntityOther && employer {
		typ = storyline.EntityOrganization
	}
	if typ == storyline.EntityOther && j-i == 1 && isDemonym(text) && !demonyms[text] {
		if !articleBefore(body[:start]) {
			return nil // "in Spanish", "he is Russian": a language or an adjective
		}
		typ = storyline.EntityGroup // "an Israeli": one of a people
	}
	if typ == storyline.EntityPlace && end < toks[j-1].end && !places[strings.ToLower(text)] {
		typ = storyline.EntityPerson // "Obama's word": a possessive is rarely a place's
	}
	return append(out, span{start: start, end: end, text: text, role: role, typ: typ, acronymOf: -1})
}

// placesInRole finds the places that lead a title, one or two words long.
func placesInRole(body string, toks []token) []span {
	var out []span
	for k := 0; k < len(toks); k++ {
		n := 1
		if k+1 < len(toks) && places[toks[k].lower+" "+toks[k+1].lower] {
			n = 2
		} else if !places[toks[k].lower] {
			continue
		}
		start, end := toks[k].start, toks[k+n-1].end
		out = append(out, span{start: start, end: end, text: body[start:end], typ: storyline.EntityPlace, acronymOf: -1})
		k += n - 1
	}
	return out
}

// roleBefore reads a lower-case role written just before a name:
// "Norvask's defence minister, Dmitry Volkov" or "the spokeswoman Yelena
// Sorokina". A backwards scan over words: a regexp anchored at the end
// would try every position of the text.
func roleBefore(before string) string {
	tail := strings.TrimRight(before[max(0, len(before)-80):], " ,")
	words := strings.Fields(tail)
	n := len(words)
	if n == 0 || !roleNouns[words[n-1]] {
		return ""
	}
	i := n - 1
	for k := 0; k < 3 && i > 0 && isModifier(words[i-1]); k++ {
		i--
	}
	for k := 0; k < 4 && i > 0 && capitalised(words[i-1]) && !strings.HasSuffix(words[i-1], "'s") && !functionWords[strings.ToLower(words[i-1])]; k++ {
		i--
	}
	if i > 0 && (words[i-1] == "the" || (strings.HasSuffix(words[i-1], "'s") && capitalised(words[i-1]))) {
		i--
	}
	return strings.Join(words[i:], " ")
}

func isModifier(w string) bool {
	for _, r := range w {
		if !(unicode.IsLower(r) || r == '-') {
			return false
		}
	}
	return !functionWords[w] && !strings.HasSuffix(w, "ed") && w != "said" && w != "says"
}

var roleNouns = set(`minister,president,spokeswoman,spokesman,spokesperson,leader,secretary,chief,head,ambassador,general,
commander,official,analyst,envoy,senator,governor,mayor,chairman,chairwoman,director,diplomat,adviser,advisor,prosecutor,
judge,candidate,nominee,founder,editor,correspondent`)

// appositiveRole reads ", the head of foreign affairs at the Syrian Social
// Nationalist Party (SSNP)," after a name.
func appositiveRole(after string) string {
	m := appositiveRe.FindStringSubmatch(after[:min(len(after), 200)])
	if m == nil {
		return ""
	}
	for _, w := range strings.Fields(m[1]) {
		if speechVerbs[strings.ToLower(strings.Trim(w, ",.;:"))] {
			return "" // "Speaking to Interfax, the minister said ...": a new clause's subject, not an apposition
		}
	}
	return strings.TrimSpace(m[1])
}

var appositiveRe = regexp.MustCompile(`^,\s+((?:the|a|an|[A-Z][\p{L}]+'s)\s+(?:[\p{L}'-]+\s+){0,4}(?i:minister|president|spokeswoman|spokesman|spokesperson|leader|secretary|chief|head|ambassador|general|commander|official|analyst|envoy|senator|governor|mayor|chairman|chairwoman|director|diplomat|adviser|advisor|founder|editor|professor|expert|researcher|member)\b[^,.;:"“]{0,90})`)

func isDemonym(w string) bool {
	if demonyms[w] {
		return true
	}
	for _, suf := range []string{"ian", "ean", "ese", "ish", "ic", "i"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 && capitalised(w) {
			return true
		}
	}
	return false
}

// classify decides the type of a name from its words, its role and what
// precedes it.
func classify(body, text, role string, start int) string {
	words := strings.Fields(text)
	lt := strings.ToLower(text)
	last := strings.ToLower(strings.Trim(words[len(words)-1], ".,"))
	first := strings.ToLower(words[0])
	switch {
	case groupWords[last]:
		return storyline.EntityGroup
	case orgWords[last] || orgWords[first] || outlets[lt] || isAcronym(text) && len(text) > 2 || dotted(text) && len(text) > 4 || institutionOf(words) ||
		outlets[strings.ToLower(strings.Split(first, "-")[0])]: // "Interfax-Norvask", "NTV-Norvask": an agency's local arm
		return storyline.EntityOrganization
	case role != "" && !orgRole(role):
		return storyline.EntityPerson
	case knownOrgs[lt]:
		return storyline.EntityOrganization
	case places[lt] || placeWords[last] || len(words) > 1 && (placePrefixes[first] || compass[first] && places[last]):
		return storyline.EntityPlace // "Capitol Hill", "Western Europe"
	case len(words) == 1 && groupNouns[strings.TrimSuffix(lt, "s")]:
		return storyline.EntityGroup // "Latinos", "the Texan"
	}
	before := strings.ToLower(body[max(0, start-24):start])
	if len(words) == 1 && orgContext(before, body[start+len(text):min(len(body), start+len(text)+24)]) {
		return storyline.EntityOrganization // "chief executive of CloudFlare", "Valeant shares"
	}
	if len(words) == 1 && !isDemonym(text) && !strings.HasSuffix(before, "according to ") && (strings.HasSuffix(before, " in ") || strings.HasSuffix(before, " to ") || strings.HasSuffix(before, " at ") || strings.HasSuffix(before, " from ")) {
		return storyline.EntityPlace // but "in Spanish" is a language
	}
	if len(words) >= 2 && len(words) <= 4 && (!ordinary(last) || givenNames()[first] || isInitial(words[0]) || speaks(body, start+len(text))) {
		return storyline.EntityPerson // "Criminal Justice", "Stockholm Syndrome" end in ordinary words
	}
	return storyline.EntityOther
}

// personalTitle reports whether a role holds a title only people bear:
// "Mr. Tribe" is a person whatever his surname means.
func personalTitle(toks []token) bool {
	for _, t := range toks {
		l := strings.TrimSuffix(t.lower, ".")
		if abbreviations[l] || personTitles[l] {
			return true
		}
	}
	return false
}

// institutionOf spots "United Federation of Teachers": an institution
// word before "of".
func institutionOf(words []string) bool {
	for k := 1; k < len(words)-1; k++ {
		if strings.EqualFold(words[k], "of") && orgWords[strings.ToLower(words[k-1])] {
			return true
		}
	}
	return false
}

// allOrdinary reports whether every token is an ordinary word.
func allOrdinary(toks []token) bool {
	for _, t := range toks {
		if !ordinary(t.lower) {
			return false
		}
	}
	return true
}

// speaks reports whether a speech verb follows a name: "Pence said".
func speaks(body string, end int) bool {
	next := strings.Fields(body[end:min(len(body), end+20)])
	return len(next) > 0 && (speechVerbs[strings.Trim(next[0], ",.;:")] || singularCues[next[0]])
}

// classifySingle types a one-word name by what follows it: a speech verb
// makes a person ("Brafman said"), a plural of people a group
// ("Republicans", "Iranians").
func classifySingle(body, text string, end int) string {
	lower := strings.ToLower(text)
	if next := strings.Fields(body[end:min(len(body), end+20)]); len(next) > 0 && singularCues[next[0]] {
		return storyline.EntityPerson // "Sanders says": a surname, not a plural
	}
	if parties[lower] {
		return storyline.EntityGroup // "a Democrat whose office": a party's member, as a noun
	}
	for _, suf := range []string{"ans", "ers", "ists", "ites", "ese"} {
		if strings.HasSuffix(lower, suf) && len(lower) > len(suf)+2 {
			return storyline.EntityGroup
		}
	}
	next := strings.Fields(body[end:min(len(body), end+40)])
	for i := 0; i < len(next) && i < 2; i++ {
		w := strings.ToLower(strings.Trim(next[i], ",.;:“”\"'"))
		if speechVerbs[w] {
			return storyline.EntityPerson
		}
		if !(w == "has" || w == "had" || w == "also" || w == "then" || w == "later") {
			break
		}
	}
	return storyline.EntityOther
}

var singularCues = set(`says,tells,adds,argues,writes,tweets,claims,insists,stresses,warns,explains,believes,thinks,has,is,was,does`)

var speechVerbs = set(`said,says,told,tells,added,noted,argued,asked,wrote,tweeted,claimed,insisted,stressed,warned,explained,
continued,concluded,recalled,replied,responded,believes,thinks,announced,declared,admitted,acknowledged,denied,urged`)

func orgRole(role string) bool {
	l := strings.ToLower(role)
	return strings.Contains(l, "ministry") || strings.Contains(l, "party") || strings.Contains(l, "agency")
}

// linkAcronyms notes "Syrian Democratic Forces (SDF)": the acronym becomes
// a mention of the span before it.
func linkAcronyms(body string, spans []span) []span {
	for i := 1; i < len(spans); i++ {
		s, prev := &spans[i], spans[i-1]
		if isAcronym(s.text) && strings.TrimSpace(body[prev.end:s.start]) == "(" && strings.HasPrefix(body[s.end:], ")") {
			s.acronymOf = i - 1
			s.typ = prev.typ
		}
	}
	return spans
}

// namesInstitution reports whether tokens [i, j) name an institution
// whose first words only look like titles: "Ministry of Defence",
// "National Guard", "Defence Ministry".
func namesInstitution(toks []token, i, j int) bool {
	last := toks[j-1].lower
	if orgWords[last] || groupWords[last] || placeWords[last] {
		return true
	}
	return i+1 < j && strings.EqualFold(toks[i+1].text, "of")
}

func calendarWord(w string) bool {
	l := strings.ToLower(w)
	return weekdays[l] || months[l]
}

// afterRole skips the title words that open tokens [i, j) and returns
// where the name starts. Titles may be led by a nationality, a place or a
// party: "Russian Foreign Minister", "Maryland Gov.", "Idaho Republican
// Sens.".
func afterRole(toks []token, i, j int) int {
	isTitle := func(k int) bool { return titleWords[strings.TrimSuffix(toks[k].lower, ".")] }
	for i < j-1 && !namesInstitution(toks, i, j) {
		if isTitle(i) {
			i++
			continue
		}
		k := i
		for k < j-1 && roleModifier(toks, k) {
			k++
		}
		if k == i || k >= j-1 || !isTitle(k) {
			break
		}
		i = k
	}
	return i
}

// roleModifier reports whether token k can lead a title: a nationality, a
// place or a party.
func roleModifier(toks []token, k int) bool {
	l := toks[k].lower
	return isDemonym(toks[k].text) || places[l] || parties[l] || placeWords[l] ||
		k+1 < len(toks) && places[l+" "+toks[k+1].lower] || k > 0 && places[toks[k-1].lower+" "+l]
}

// orgContext reads the words around a one-word name for a company or
// institution: "chief executive of X", "shares of X", "X shares".
func orgContext(before, after string) bool {
	for _, p := range []string{"chief executive of ", "ceo of ", "shares of ", "stake in ", "executives at ", "employees of ",
		"chairman of ", "president of ", "founder of ", "co-founder of ", "analyst at ", "analysts at ", "economist at "} {
		if strings.HasSuffix(before, p) {
			return true
		}
	}
	next := strings.Fields(after)
	if len(next) == 0 {
		return false
	}
	w := strings.ToLower(strings.Trim(next[0], ",.;:"))
	return w == "shares" || w == "stock" || w == "shareholders" || w == "stockholders" || w == "subsidiary" || w == "headquarters" || w == "inc"
}

func articleBefore(before string) bool {
	before = strings.ToLower(before[max(0, len(before)-5):])
	return strings.HasSuffix(before, " a ") || strings.HasSuffix(before, " an ") || strings.HasSuffix(before, " the ")
}

// partyMarker spots "R-Fla" and "D-N.Y.": a party and a state, no name.
func partyMarker(text string) bool {
	return len(text) > 2 && strings.ContainsRune("RDI", rune(text[0])) && text[1] == '-'
}

// adjectival spots a lone demonym, party or group used as an adjective:
// "Russian jets", "the Republican mayor", "Latino voters".
func adjectival(body, text string, end int) bool {
	if (parties[strings.ToLower(text)] || groupNouns[strings.ToLower(text)]) && !isAcronym(text) {
		next := strings.Fields(body[end:min(len(body), end+30)])
		if len(next) == 0 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(next[0])
		return unicode.IsLower(r) && !functionWords[next[0]] && next[0] != "whose" // "a Democrat whose office", "Democrat of California"
	}
	if !isDemonym(text) || isAcronym(strings.ReplaceAll(text, ".", "")) {
		return false // "UN", "U.S." name bodies and countries even before a noun
	}
	rest := strings.TrimLeft(body[end:], " ")
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLower(r)
}

// cleanRole keeps the role phrase only: no leading article, no acronym
// in brackets, so that descriptions ("the minister") match it.
func cleanRole(role string) string {
	for _, det := range []string{"the ", "a ", "an ", "The ", "A ", "An "} {
		role = strings.TrimPrefix(role, det)
	}
	if k := strings.LastIndex(role, " ("); k > 0 && strings.HasSuffix(role, ")") {
		role = role[:k]
	}
	return strings.TrimSpace(role)
}
