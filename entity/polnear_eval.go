package entity

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
)

// The PolNeAR entity gold (testdata/polnear-entities.tsv, described in
// testdata/README-polnear-entities.md) holds only article ids, byte
// offsets, types and cluster labels: the texts belong to their publishers
// and are read from the shared data at evaluation time. This file scores
// the recogniser through its exported API only (New, Annotate), so that it
// keeps measuring whatever the rules become.

// GoldMention is one hand-annotated mention: UTF-8 byte offsets into the
// PolNeAR text, half-open, its type and its within-article cluster.
type GoldMention struct {
	Start, End int
	Type       string
	Cluster    string
}

// ReadPolNeARGold reads the gold TSV: article_id, start, end, type, cluster.
// Mentions come back sorted by offset within each article.
func ReadPolNeARGold(path string) (map[string][]GoldMention, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading entity gold: %w", err)
	}
	defer f.Close()
	gold := map[string][]GoldMention{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 5 {
			return nil, fmt.Errorf("%s:%d: want 5 tab-separated columns, got %d", path, n, len(cols))
		}
		start, err1 := strconv.Atoi(cols[1])
		end, err2 := strconv.Atoi(cols[2])
		if err1 != nil || err2 != nil || start < 0 || end <= start {
			return nil, fmt.Errorf("%s:%d: bad offsets %q %q", path, n, cols[1], cols[2])
		}
		switch cols[3] {
		case storyline.EntityPerson, storyline.EntityOrganization, storyline.EntityPlace, storyline.EntityGroup:
		default:
			return nil, fmt.Errorf("%s:%d: unknown type %q", path, n, cols[3])
		}
		if cols[0] == "" || cols[4] == "" {
			return nil, fmt.Errorf("%s:%d: empty article id or cluster", path, n)
		}
		gold[cols[0]] = append(gold[cols[0]], GoldMention{Start: start, End: end, Type: cols[3], Cluster: cols[4]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, ms := range gold {
		sort.Slice(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
	}
	return gold, nil
}

// PolNeARArticle is one article of a PolNeAR JSONL file.
type PolNeARArticle struct {
	ID     string `json:"id"`
	Outlet string `json:"outlet"`
	Title  string `json:"title"`
	Text   string `json:"text"`
}

// ReadPolNeARArticles reads the articles of a PolNeAR JSONL file whose ids
// want holds (all of them when want is nil), in file order.
func ReadPolNeARArticles(path string, want map[string][]GoldMention) ([]PolNeARArticle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading PolNeAR articles: %w", err)
	}
	defer f.Close()
	var out []PolNeARArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for n := 1; sc.Scan(); n++ {
		var a PolNeARArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if _, ok := want[a.ID]; ok || want == nil {
			out = append(out, a)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// Counts is a precision/recall tally: matches against gold and system sizes.
type Counts struct {
	Gold, System, Match int
}

// P is precision, R recall, F1 their harmonic mean.
func (c Counts) P() float64 { return share(c.Match, c.System) }

// R is recall.
func (c Counts) R() float64 { return share(c.Match, c.Gold) }

// F1 is the harmonic mean of P and R.
func (c Counts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *Counts) add(o Counts) { c.Gold += o.Gold; c.System += o.System; c.Match += o.Match }

func (c Counts) String() string {
	return fmt.Sprintf("P %.3f R %.3f F1 %.3f (%d gold, %d ours, %d matched)", c.P(), c.R(), c.F1(), c.Gold, c.System, c.Match)
}

func share(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// EntityGoldReport scores one split of the PolNeAR entity gold.
type EntityGoldReport struct {
	Split    string
	Articles int
	// Exact and Overlap count span matches whatever the types; a system
	// mention is matched to at most one gold mention (largest overlap first).
	Exact, Overlap Counts
	// TypedExact and TypedOverlap also need the type right (CoNLL-style).
	TypedExact, TypedOverlap Counts
	// PerTypeExact and PerTypeOverlap hold the typed counts per type: Gold is the gold
	// mentions of that type, System ours of that type.
	PerTypeExact, PerTypeOverlap map[string]Counts
	// OtherSystem counts our mentions typed "other", which the gold has no
	// type for; they stay in System (a name the gold does not hold is noise
	// for a reader), and OtherUnmatched says how many of them overlap no
	// gold mention.
	OtherSystem, OtherUnmatched int
	// TypeRight of Overlap.Match mentions have our type equal to the gold's;
	// Confusion counts gold type -> our type over overlapping matches.
	TypeRight int
	Confusion map[[2]string]int
	// Clusters counts gold clusters of two or more mentions; Whole those
	// whose every mention we found, all in one of our entities; Unsplit
	// those of which we found two or more mentions, all in one entity,
	// out of FoundTwo clusters where we found two or more.
	Clusters, Whole, FoundTwo, Unsplit int
	// Links is pairwise coreference: Gold is same-cluster gold pairs, System
	// same-entity pairs of our mentions that both match gold mentions, Match
	// pairs that are both.
	Links Counts
	// Errors are the disagreements, classified for error study.
	Errors []EntityError
}

// EntityError is one disagreement between the recogniser and the gold.
type EntityError struct {
	Article string
	Kind    string
	Gold    string // the gold mention's text and type, or ""
	System  string // ours, or ""
	Context string // the words around it
}

// EvaluatePolNeARGold runs the recogniser on the gold articles found in
// each JSONL file (e.g. PolNeAR train and dev) and reports per file, the
// split named after the file. Every gold article must be in one of them.
func EvaluatePolNeARGold(ctx context.Context, goldPath string, jsonl ...string) ([]EntityGoldReport, error) {
	gold, err := ReadPolNeARGold(goldPath)
	if err != nil {
		return nil, err
	}
	rec, err := New(Options{})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var reps []EntityGoldReport
	for _, path := range jsonl {
		arts, err := ReadPolNeARArticles(path, gold)
		if err != nil {
			return reps, err
		}
		rep := newEntityGoldReport(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
		for _, g := range arts {
			if err := ctx.Err(); err != nil {
				return reps, err
			}
			if seen[g.ID] {
				return reps, fmt.Errorf("%s: article %s is in two files", path, g.ID)
			}
			seen[g.ID] = true
			// The gold text is the body as-is, as `storyline eval quotes`
			// does, so gold offsets need no mapping.
			a := &storyline.Article{ID: g.ID, Body: g.Text, Title: g.Title, Outlet: g.Outlet}
			if err := rec.Annotate(ctx, a); err != nil {
				return reps, fmt.Errorf("%s: %w", g.ID, err)
			}
			if err := rep.score(g.ID, g.Text, gold[g.ID], a.Entities); err != nil {
				return reps, fmt.Errorf("%s: %w", g.ID, err)
			}
		}
		reps = append(reps, rep)
	}
	for id := range gold {
		if !seen[id] {
			return reps, fmt.Errorf("%s: gold article %s is in none of %v", goldPath, id, jsonl)
		}
	}
	return reps, nil
}

func newEntityGoldReport(split string) EntityGoldReport {
	return EntityGoldReport{Split: split, PerTypeExact: map[string]Counts{}, PerTypeOverlap: map[string]Counts{}, Confusion: map[[2]string]int{}}
}

// sysMention is one of our mentions with the entity it belongs to.
type sysMention struct {
	start, end int
	typ        string
	entity     int
}

func (r *EntityGoldReport) score(id, body string, gold []GoldMention, ents []storyline.Entity) error {
	for _, g := range gold {
		if g.End > len(body) || !utf8.RuneStart(body[g.Start]) || g.End < len(body) && !utf8.RuneStart(body[g.End]) {
			return fmt.Errorf("gold mention [%d,%d) is not on rune boundaries of a %d-byte text", g.Start, g.End, len(body))
		}
	}
	var sys []sysMention
	seen := map[[2]int]bool{}
	for i, e := range ents {
		for _, m := range e.Mentions {
			// The same span in two entities would count twice against
			// precision for one reading; keep its first.
			if k := [2]int{m.Start, m.End}; !seen[k] {
				seen[k] = true
				sys = append(sys, sysMention{start: m.Start, end: m.End, typ: e.Type, entity: i})
			}
		}
	}
	sort.Slice(sys, func(i, j int) bool { return sys[i].start < sys[j].start })
	r.Articles++

	exact := map[int]int{} // gold index -> system index
	at := map[[2]int]int{}
	for j, s := range sys {
		at[[2]int{s.start, s.end}] = j
	}
	for i, g := range gold {
		if j, ok := at[[2]int{g.Start, g.End}]; ok {
			exact[i] = j
		}
	}
	over, sysOf := overlapMatch(gold, sys)

	r.Exact.add(Counts{Gold: len(gold), System: len(sys), Match: len(exact)})
	r.Overlap.add(Counts{Gold: len(gold), System: len(sys), Match: len(over)})
	te, to := Counts{Gold: len(gold), System: len(sys)}, Counts{Gold: len(gold), System: len(sys)}
	for _, g := range gold {
		c := r.PerTypeExact[g.Type]
		c.Gold++
		r.PerTypeExact[g.Type] = c
		c = r.PerTypeOverlap[g.Type]
		c.Gold++
		r.PerTypeOverlap[g.Type] = c
	}
	for _, s := range sys {
		c := r.PerTypeExact[s.typ]
		c.System++
		r.PerTypeExact[s.typ] = c
		c = r.PerTypeOverlap[s.typ]
		c.System++
		r.PerTypeOverlap[s.typ] = c
		if s.typ == storyline.EntityOther {
			r.OtherSystem++
		}
	}
	for i, j := range exact {
		if gold[i].Type == sys[j].typ {
			te.Match++
			c := r.PerTypeExact[gold[i].Type]
			c.Match++
			r.PerTypeExact[gold[i].Type] = c
		}
	}
	for i, j := range over {
		r.Confusion[[2]string{gold[i].Type, sys[j].typ}]++
		if gold[i].Type == sys[j].typ {
			r.TypeRight++
			to.Match++
			c := r.PerTypeOverlap[gold[i].Type]
			c.Match++
			r.PerTypeOverlap[gold[i].Type] = c
		}
	}
	r.TypedExact.add(te)
	r.TypedOverlap.add(to)
	for j, s := range sys {
		if _, ok := sysOf[j]; !ok && s.typ == storyline.EntityOther && !overlapsAny(s, gold) {
			r.OtherUnmatched++
		}
	}
	r.scoreClusters(gold, sys, over, sysOf)
	r.Errors = append(r.Errors, classifyErrors(id, body, gold, sys, exact, over)...)
	return nil
}

// overlapMatch pairs gold and system mentions one-to-one, the largest
// overlap first (ties: earlier gold first), so that "Sen. Ted Cruz" against
// gold "Ted Cruz" counts once and a system span over two names matches one.
func overlapMatch(gold []GoldMention, sys []sysMention) (map[int]int, map[int]int) {
	type pair struct{ g, s, n int }
	var pairs []pair
	for i, g := range gold {
		for j, s := range sys {
			if n := min(g.End, s.end) - max(g.Start, s.start); n > 0 {
				pairs = append(pairs, pair{i, j, n})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool {
		if pairs[a].n != pairs[b].n {
			return pairs[a].n > pairs[b].n
		}
		return pairs[a].g < pairs[b].g
	})
	byGold, bySys := map[int]int{}, map[int]int{}
	for _, p := range pairs {
		if _, ok := byGold[p.g]; ok {
			continue
		}
		if _, ok := bySys[p.s]; ok {
			continue
		}
		byGold[p.g], bySys[p.s] = p.s, p.g
	}
	return byGold, bySys
}

func overlapsAny(s sysMention, gold []GoldMention) bool {
	for _, g := range gold {
		if g.Start < s.end && s.start < g.End {
			return true
		}
	}
	return false
}

// scoreClusters measures within-article coreference over the overlap
// matching: a missed mention breaks its cluster and its links.
func (r *EntityGoldReport) scoreClusters(gold []GoldMention, sys []sysMention, over, sysOf map[int]int) {
	byCluster := map[string][]int{}
	for i, g := range gold {
		byCluster[g.Cluster] = append(byCluster[g.Cluster], i)
	}
	for _, ms := range byCluster {
		if len(ms) < 2 {
			continue
		}
		r.Clusters++
		ents := map[int]bool{}
		found := 0
		for _, i := range ms {
			if j, ok := over[i]; ok {
				found++
				ents[sys[j].entity] = true
			}
		}
		if found == len(ms) && len(ents) == 1 {
			r.Whole++
		}
		if found >= 2 {
			r.FoundTwo++
			if len(ents) == 1 {
				r.Unsplit++
			}
		}
	}
	for a := range gold {
		for b := a + 1; b < len(gold); b++ {
			if gold[a].Cluster != gold[b].Cluster {
				continue
			}
			r.Links.Gold++
			ja, oka := over[a]
			jb, okb := over[b]
			if oka && okb && sys[ja].entity == sys[jb].entity {
				r.Links.Match++
			}
		}
	}
	var matched []int
	for j := range sys {
		if _, ok := sysOf[j]; ok {
			matched = append(matched, j)
		}
	}
	for x := range matched {
		for y := x + 1; y < len(matched); y++ {
			ja, jb := matched[x], matched[y]
			if sys[ja].entity == sys[jb].entity {
				r.Links.System++
			}
		}
	}
}

// Error kinds, named for what the recogniser's owner would change.
const (
	errTitleGlued    = "title or capitalised word glued before a name"
	errTheGlued      = "'The' glued before a name"
	errPartyGlued    = "party letter glued to a state (R-Texas, D-Va.)"
	errTailGlued     = "word glued after a name (Camp, CEO, Age)"
	errPunctGlued    = "closing quote or punctuation kept in the span"
	errTwoNames      = "two gold names run into one span (Democrat Hillary Clinton, Cruz-Fiorina)"
	errAbbrevDot     = "final period of an abbreviation left off (U.S., Calif.)"
	errTruncated     = "name cut short (part of a gold name)"
	errSplitPiece    = "another piece of a gold name split in two spans"
	errLongOrgCut    = "long name cut at 'of', 'for', 'and', '&' or a comma (Office of Management and Budget)"
	errHeadline      = "spurious name in the title-case headline"
	errSentenceStart = "spurious capitalised word at a sentence start"
	errModifier      = "capitalised word before a lower-case noun taken as a name (Latino voters, Cadillac tax)"
	errSpurious      = "spurious name elsewhere"
	errOutOfScope    = "spurious run typed other, mostly laws, programmes, events and works the gold leaves out"
	errMissed        = "missed"
	errTyped         = "type wrong"
)

// classifyErrors names every disagreement once: boundary errors on
// overlapping pairs, then unmatched system spans, then unmatched gold
// mentions, then type errors on matched pairs.
func classifyErrors(id, body string, gold []GoldMention, sys []sysMention, exact, over map[int]int) []EntityError {
	var out []EntityError
	add := func(kind string, g *GoldMention, s *sysMention, at int) {
		e := EntityError{Article: id, Kind: kind, Context: contextAt(body, at)}
		if g != nil {
			e.Gold = body[g.Start:g.End] + " (" + g.Type + ")"
		}
		if s != nil {
			e.System = body[s.start:s.end] + " (" + s.typ + ")"
		}
		out = append(out, e)
	}
	// PolNeAR texts open with the headline on a line of its own; a body of
	// one line has none.
	headlineEnd := strings.IndexByte(body, '\n')
	sysOf := map[int]int{}
	for i, j := range over {
		sysOf[j] = i
	}
	for i := range gold {
		g := &gold[i]
		j, ok := over[i]
		if !ok {
			continue
		}
		s := &sys[j]
		if _, ok := exact[i]; !ok {
			add(boundaryKind(body, g, s, gold), g, s, s.start)
		}
		if s.typ != g.Type {
			add(errTyped+": "+g.Type+" as "+s.typ, g, s, s.start)
		}
	}
	for j := range sys {
		if _, ok := sysOf[j]; ok {
			continue
		}
		s := &sys[j]
		if overlapsAny(*s, gold) {
			// The gold name went to another of our spans: this one is
			// the rest of a split name.
			add(errSplitPiece, nil, s, s.start)
			continue
		}
		switch {
		case s.start < headlineEnd:
			add(errHeadline, nil, s, s.start)
		case atSentenceStart(body, s.start):
			add(errSentenceStart, nil, s, s.start)
		case modifiesNoun(body[s.start:s.end], body[s.end:]):
			add(errModifier, nil, s, s.start)
		case s.typ == storyline.EntityOther:
			add(errOutOfScope, nil, s, s.start)
		default:
			add(errSpurious+" ("+s.typ+")", nil, s, s.start)
		}
	}
	for i := range gold {
		if _, ok := over[i]; ok {
			continue
		}
		g := &gold[i]
		add(errMissed+" "+g.Type+" ("+missedForm(body, *g)+")", g, nil, g.Start)
	}
	return out
}

func coversTwo(s *sysMention, gold []GoldMention) bool {
	n := 0
	for _, g := range gold {
		if g.Start < s.end && s.start < g.End {
			n++
		}
	}
	return n > 1
}

// boundaryKind names how an overlapping span differs from the gold one.
func boundaryKind(body string, g *GoldMention, s *sysMention, gold []GoldMention) string {
	switch {
	case coversTwo(s, gold):
		return errTwoNames
	case s.start == g.Start && s.end == g.End-1 && body[s.end] == '.':
		return errAbbrevDot
	case s.start < g.Start && s.end >= g.End-1:
		switch w := body[s.start:g.Start]; {
		case strings.TrimSpace(w) == "The" || strings.TrimSpace(w) == "the":
			return errTheGlued
		case len(w) == 2 && w[1] == '-' && strings.ContainsRune("RDI", rune(w[0])):
			return errPartyGlued
		}
		return errTitleGlued
	case s.start >= g.Start && s.end > g.End:
		if strings.TrimFunc(body[g.End:s.end], func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }) == "" {
			return errPunctGlued
		}
		return errTailGlued
	}
	if w := body[g.Start:g.End]; strings.Contains(w, " of ") || strings.Contains(w, " for ") || strings.Contains(w, " and ") ||
		strings.Contains(w, " & ") || strings.Contains(w, " at ") || strings.Contains(w, ", ") {
		return errLongOrgCut
	}
	return errTruncated
}

// modifiesNoun: one capitalised word right before a lower-case word that
// is not a function word or a common verb, "Latino voters", "Muslim
// immigrants", "Cadillac tax" (not "How does", "Land of"). The gold takes
// nationality and party words only as nouns (guidelines), and programme
// or product names are not in its types.
func modifiesNoun(w, after string) bool {
	if strings.ContainsAny(w, " -") || !strings.HasPrefix(after, " ") {
		return false
	}
	next := after[1:]
	if i := strings.IndexFunc(next, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		next = next[:i]
	}
	r, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsLower(r) {
		return false
	}
	switch next {
	case "of", "the", "a", "an", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from", "as", "that", "which", "who",
		"is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could",
		"should", "may", "might", "must", "said", "says", "say", "told", "not":
		return false
	}
	return true
}

// atSentenceStart looks back over spaces and opening quotes for a text,
// line or sentence start; a period after a short capitalised word ("Mr.",
// "Sen.") ends a title, not a sentence.
func atSentenceStart(body string, at int) bool {
	before := strings.TrimRight(body[:at], " \t“‘\"'(")
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	if r == '.' && afterAbbreviation(before) {
		return false
	}
	return r == '\n' || r == '.' || r == '!' || r == '?' || r == ':' || r == '—'
}

// afterAbbreviation: text ends in a short capitalised word and a period.
func afterAbbreviation(before string) bool {
	w := before[:len(before)-1]
	w = w[strings.LastIndexAny(w, " \n(\"“")+1:]
	r, _ := utf8.DecodeRuneInString(w)
	return len(w) > 0 && len(w) <= 4 && unicode.IsUpper(r) && !strings.Contains(w, ".")
}

// missedForm says what a missed gold mention looks like, the usual
// reasons a capitalised-run recogniser passes one by.
func missedForm(body string, g GoldMention) string {
	w := body[g.Start:g.End]
	switch {
	case g.Start > 0 && body[g.Start-1] == '-' || g.End < len(body) && body[g.End] == '-':
		return "inside a hyphenated word"
	case strings.ToUpper(w) == w && strings.ContainsFunc(w, unicode.IsLetter) && len(w) > 4:
		return "all capitals"
	case atSentenceStart(body, g.Start):
		return "sentence start"
	case strings.HasSuffix(strings.TrimRight(body[:g.Start], " "), ".") && afterAbbreviation(strings.TrimRight(body[:g.Start], " ")):
		return "after an abbreviated title, Mr. or Sen."
	case !strings.Contains(w, " "):
		return "one word"
	default:
		return "several words"
	}
}

func contextAt(body string, at int) string {
	from, to := max(0, at-40), min(len(body), at+40)
	for from > 0 && !utf8.RuneStart(body[from]) {
		from--
	}
	for to < len(body) && !utf8.RuneStart(body[to]) {
		to++
	}
	return strings.ReplaceAll(body[from:to], "\n", " ")
}

// ErrorKinds counts errors by kind, most common first.
func (r EntityGoldReport) ErrorKinds() []KindCount {
	n := map[string]int{}
	for _, e := range r.Errors {
		n[e.Kind]++
	}
	out := make([]KindCount, 0, len(n))
	for k, c := range n {
		out = append(out, KindCount{k, c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// KindCount is one error kind and how often it happens.
type KindCount struct {
	Kind string
	N    int
}

func (r EntityGoldReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "entity gold, PolNeAR %s: %d articles\n", r.Split, r.Articles)
	fmt.Fprintf(&b, "  mentions, exact span:      %v\n", r.Exact)
	fmt.Fprintf(&b, "  mentions, overlap:         %v\n", r.Overlap)
	fmt.Fprintf(&b, "  typed, exact span:         %v\n", r.TypedExact)
	fmt.Fprintf(&b, "  typed, overlap:            %v\n", r.TypedOverlap)
	for _, t := range []string{storyline.EntityPerson, storyline.EntityOrganization, storyline.EntityPlace, storyline.EntityGroup} {
		fmt.Fprintf(&b, "    %-12s exact P %.3f R %.3f F1 %.3f | overlap P %.3f R %.3f F1 %.3f (%d gold, %d ours)\n", t,
			r.PerTypeExact[t].P(), r.PerTypeExact[t].R(), r.PerTypeExact[t].F1(),
			r.PerTypeOverlap[t].P(), r.PerTypeOverlap[t].R(), r.PerTypeOverlap[t].F1(),
			r.PerTypeOverlap[t].Gold, r.PerTypeOverlap[t].System)
	}
	fmt.Fprintf(&b, "  ours typed other: %d, %d of them overlapping no gold name; leaving those out, overlap P %.3f, exact P %.3f\n",
		r.OtherSystem, r.OtherUnmatched, share(r.Overlap.Match, r.Overlap.System-r.OtherUnmatched), share(r.Exact.Match, r.Exact.System-r.OtherUnmatched))
	fmt.Fprintf(&b, "  type accuracy on overlapping matches: %.3f (%d/%d)\n", share(r.TypeRight, r.Overlap.Match), r.TypeRight, r.Overlap.Match)
	var conf []string
	for k, n := range r.Confusion {
		if k[0] != k[1] {
			conf = append(conf, fmt.Sprintf("%s as %s %d", k[0], k[1], n))
		}
	}
	sort.Strings(conf)
	fmt.Fprintf(&b, "    confusions: %s\n", strings.Join(conf, ", "))
	fmt.Fprintf(&b, "  coreference: gold clusters of 2+ mentions %d, whole in one entity %.3f (%d); of %d with 2+ found, unsplit %.3f (%d)\n",
		r.Clusters, share(r.Whole, r.Clusters), r.Whole, r.FoundTwo, share(r.Unsplit, r.FoundTwo), r.Unsplit)
	fmt.Fprintf(&b, "  coreference links:         %v\n", r.Links)
	return b.String()
}

// WriteErrorKinds prints the n most common error kinds with a few
// examples each, for error study.
func (r EntityGoldReport) WriteErrorKinds(b *strings.Builder, n, examples int) {
	fmt.Fprintf(b, "error kinds, PolNeAR %s (%d errors):\n", r.Split, len(r.Errors))
	for i, k := range r.ErrorKinds() {
		if i == n {
			break
		}
		fmt.Fprintf(b, "  %4d  %s\n", k.N, k.Kind)
		shown := 0
		for _, e := range r.Errors {
			if e.Kind != k.Kind || shown == examples {
				continue
			}
			shown++
			fmt.Fprintf(b, "          gold %q ours %q: …%s…\n", e.Gold, e.System, e.Context)
		}
	}
}
