// Package cluster groups articles into events (the same happening reported
// by several outlets, usually within days) and events into storylines (one
// subject followed over years), incrementally: a new article joins an
// event or opens one, and its event joins a storyline or opens one,
// without recomputing the corpus. Candidates come from an inverted index
// over salient terms and entities, restricted in time for events, so the
// cost of one article stays flat as the corpus grows.
package cluster

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/storyline-news/storyline"
)

// Options tune the clusterer; zero values take the defaults measured on
// half A of the event sets (see cluster/testdata/README.md).
type Options struct {
	EventThreshold float64 // least similarity to join an event, headline only [0.07]
	// Full texts share far more campaign-wide vocabulary than headlines,
	// so joining an event on them needs a higher similarity [0.1].
	TextEventThreshold float64
	StorylineThreshold float64 // least similarity to join a storyline [0.05]
	EventWindow        time.Duration
	MaxCandidates      int // events scored per article [200]

	// headlineDecay is the days over which a headline's similarity to an
	// event falls by a factor e [1.5]. A headline names no day of its own,
	// so nearness in publication is the only time evidence it has; a full
	// text names the days it speaks of, and those are terms.
	headlineDecay float64

	// quoteBonus is added to the similarity of an article and an event
	// whose members quote the same words (quoteFull shingles or more give
	// the whole bonus) [0.05, 3]: the same quoted words are the same
	// statement, which outlets report in the days after it is made.
	quoteBonus float64
	quoteFull  int
}

// Clusterer holds the events and storylines built so far.
type Clusterer struct {
	opts       Options
	df         map[string]int // documents per term
	docs       int
	events     []*event
	byID       map[string]*event
	byArticle  map[string]*event   // article id -> its event, for copies of it
	postings   map[string][]*event // term -> events holding it, newest last
	storylines []*story
	storyPost  map[string][]*story
	live       []*event  // events still open to new articles
	latest     time.Time // latest article day seen
	adds       int       // articles placed so far, the clock of event recency
	changedEv  map[*event]bool
	changedSt  map[*story]bool
}

type event struct {
	ev  storyline.Event
	day time.Time // earliest member day: the window is anchored there
	// touched is the Clusterer's adds when an article last joined.
	touched int
	// last is the latest member day, which a headline's similarity decays from.
	last time.Time
	// centroid is the IDF-weighted mean of the members, which storylines
	// gather; raw is the mean before IDF, which new articles are compared
	// with under the IDF terms have now, not the guess of the stream's
	// first hours when early members joined.
	centroid, raw map[string]float64
	core          map[string]float64 // raw under the IDF of coreDocs, unit length
	coreDocs      int                // 0: core is stale
	story         *story
	titleSim      float64        // similarity of the current title's article to the event
	entities      map[string]int // members mentioning each entity
	// quotes are the word shingles of the members' direct quotes: two
	// reports quoting the same words report the same statement.
	quotes map[uint64]bool
}

type story struct {
	st       storyline.Storyline
	centroid map[string]float64
	norm     float64 // of centroid, kept so that scoring a storyline reads only the event's terms
	entities map[string]int
	names    map[string]string
}

// New returns an empty clusterer.
func New(opts Options) *Clusterer {
	if opts.EventThreshold == 0 {
		opts.EventThreshold = 0.07
	}
	if opts.TextEventThreshold == 0 {
		opts.TextEventThreshold = 0.1
	}
	if opts.headlineDecay == 0 {
		opts.headlineDecay = 1.5
	}
	if opts.StorylineThreshold == 0 {
		opts.StorylineThreshold = 0.05
	}
	if opts.EventWindow == 0 {
		opts.EventWindow = 4 * 24 * time.Hour
	}
	if opts.MaxCandidates == 0 {
		opts.MaxCandidates = 200
	}
	if opts.quoteBonus == 0 {
		opts.quoteBonus = 0.05
	}
	if opts.quoteFull == 0 {
		opts.quoteFull = 3
	}
	return &Clusterer{opts: opts, df: map[string]int{}, byID: map[string]*event{}, byArticle: map[string]*event{}, postings: map[string][]*event{},
		storyPost: map[string][]*story{}, changedEv: map[*event]bool{}, changedSt: map[*story]bool{}}
}

// Add places an article in an event and returns the event's id; a nil
// article, or one with neither title nor body, belongs to no event ("").
func (c *Clusterer) Add(a *storyline.Article) string {
	if a == nil || strings.TrimSpace(a.Title) == "" && strings.TrimSpace(a.Body) == "" {
		return ""
	}
	if orig := c.byArticle[a.DuplicateOf]; orig != nil && a.DuplicateOf != "" {
		return c.addCopy(orig, a)
	}
	terms := c.terms(a)
	vec := c.weigh(terms)
	day := articleDay(a)
	ev := evidence{vec: vec, day: day, headline: isHeadline(a), quotes: quoteShingles(a)}
	best, bestSim := c.bestEvent(ev)
	if best == nil || bestSim < c.eventThreshold(a) {
		best, bestSim = c.newEvent(a, day), 1
	}
	best.ev.Articles = append(best.ev.Articles, a.ID)
	c.byArticle[a.ID] = best
	mergeInto(best.centroid, storyTerms(vec), len(best.ev.Articles))
	mergeInto(best.raw, c.unweighted(terms), len(best.ev.Articles))
	pruneCentroid(best.centroid, maxStoryTerms)
	pruneCentroid(best.raw, maxStoryTerms)
	best.coreDocs = 0
	best.addQuotes(ev.quotes)
	best.touched = c.adds
	best.note(a, day, bestSim)
	best.noteEntities(a)
	c.freezeOld(day)
	for t := range vec {
		c.postings[t] = appendBounded(c.postings[t], best, c.opts.MaxCandidates)
	}
	c.changedEv[best] = true
	c.placeInStory(best, a)
	return best.ev.ID
}

// addCopy puts a syndicated or near-duplicate copy (a.DuplicateOf, as
// dedup marks it) in its original's event whatever its new headline or
// footer, without letting the copy count twice in the event's profile or
// in the terms' document frequencies.
func (c *Clusterer) addCopy(e *event, a *storyline.Article) string {
	e.ev.Articles = append(e.ev.Articles, a.ID)
	c.byArticle[a.ID] = e
	e.note(a, articleDay(a), 0)
	e.noteEntities(a)
	c.changedEv[e] = true
	c.placeInStory(e, a)
	return e.ev.ID
}

// storyTerms leaves out the days an article speaks of: they tell one
// happening from another, and a storyline spans many.
func storyTerms(vec map[string]float64) map[string]float64 {
	out := make(map[string]float64, len(vec))
	for t, w := range vec {
		if !strings.HasPrefix(t, dayPrefix) {
			out[t] = w
		}
	}
	return out
}

// isHeadline tells an item that is only a headline (or repeats it as its
// body) from an article with a text of its own.
func isHeadline(a *storyline.Article) bool {
	body := strings.TrimSpace(a.Body)
	return body == "" || body == strings.TrimSpace(a.Title)
}

func (c *Clusterer) eventThreshold(a *storyline.Article) float64 {
	if isHeadline(a) {
		return c.opts.EventThreshold
	}
	return c.opts.TextEventThreshold
}

// note keeps the event's date the earliest member's and its title the one
// of the member most similar to the event when it joined.
func (e *event) note(a *storyline.Article, day time.Time, sim float64) {
	if day.IsZero() {
		return
	}
	if d := day.Format("2006-01-02"); e.ev.Date == "" || d < e.ev.Date {
		e.ev.Date = d
	}
	if e.day.IsZero() || day.Before(e.day) {
		e.day = day
	}
	if day.After(e.last) {
		e.last = day
	}
	if a.Title != "" && len(e.ev.Articles) > 1 && sim > e.titleSim {
		e.ev.Title, e.titleSim = a.Title, sim
	}
}

// noteEntities keeps as the event's key entities the three that most of
// its members mention.
func (e *event) noteEntities(a *storyline.Article) {
	if e.entities == nil {
		e.entities = map[string]int{}
	}
	for _, en := range keyEntities(a) {
		e.entities[en.ID]++
	}
	e.ev.Entities = mostFrequent(e.entities, 3)
}

// mostFrequent lists the n keys counted most, ties in key order.
func mostFrequent(counts map[string]int, n int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return counts[keys[i]] > counts[keys[j]] || counts[keys[i]] == counts[keys[j]] && keys[i] < keys[j]
	})
	return keys[:min(n, len(keys))]
}

// freezeOld drops the term profiles of events no new article is likely to
// reach any more, which keeps memory proportional to the window rather
// than to the corpus: events older than two windows before the newest day
// that no article joined or opened in the last recentAdds. The second
// condition is what lets an archive given out of date order (a folder
// walked outlet by outlet, each in date order) still join one outlet's
// report to another's event: with the day alone, every event behind the
// newest day seen would freeze as soon as it opened. At most maxLive
// events stay open, the least recently joined frozen first. The live
// list is swept every sweepEvery articles, so the cost per article stays
// flat.
func (c *Clusterer) freezeOld(day time.Time) {
	if day.After(c.latest) {
		c.latest = day
	}
	c.adds++
	if c.adds%sweepEvery != 0 && len(c.live) <= maxLive {
		return
	}
	horizon := c.latest.Add(-2 * c.opts.EventWindow)
	keep := c.live[:0:0]
	for _, e := range c.live {
		old := !e.day.IsZero() && e.day.Before(horizon) && c.adds-e.touched > recentAdds
		if old {
			e.centroid, e.raw, e.core, e.quotes = nil, nil, nil, nil
			continue
		}
		keep = append(keep, e)
	}
	if len(keep) > maxLive {
		slices.SortStableFunc(keep, func(a, b *event) int { return cmp.Compare(a.touched, b.touched) })
		for _, e := range keep[:len(keep)-maxLive] {
			e.centroid, e.raw, e.core, e.quotes = nil, nil, nil, nil
		}
		keep = keep[len(keep)-maxLive:]
	}
	c.live = keep
}

// appendBounded adds an event or storyline to a posting list (newest last)
// and forgets the oldest half once it grows past twice the bound, so
// memory and lookups stay flat while old events freeze.
func appendBounded[T comparable](p []T, x T, bound int) []T {
	if len(p) > 0 && p[len(p)-1] == x {
		return p
	}
	if len(p) >= 2*bound {
		p = append(p[:0:0], p[len(p)-bound:]...)
	}
	return append(p, x)
}

// narrowRange is the widest inferred publication range whose best day is
// trusted as the article's day: within it the day errs by less than an
// event's window, beyond it the article is treated as undated.
const narrowRange = 3 * 24 * time.Hour

// articleDay is the day an article was published, or zero when it is not
// known well enough to place it in time: an inferred date counts only when
// its range is narrow, and a range's bounds never stand in for the day
// (an unknown date's range starts in 1900, which would anchor the article
// in a window no other article shares).
func articleDay(a *storyline.Article) time.Time {
	p := a.Published
	if p.Method == storyline.DateUnknown {
		return time.Time{}
	}
	day, err := time.Parse(time.DateOnly, p.Date)
	if err != nil {
		return time.Time{}
	}
	if p.Method == storyline.DateInferred {
		lo, err1 := time.Parse(time.DateOnly, p.Earliest)
		hi, err2 := time.Parse(time.DateOnly, p.Latest)
		if err1 != nil || err2 != nil || hi.Sub(lo) > narrowRange {
			return time.Time{}
		}
	}
	return day
}

// candidateTerms are the n heaviest terms of an article that some event
// already holds. The heaviest of all are often words no earlier article
// used (their IDF is the highest there is), and those find no event: a
// long lead could fill its whole quota with them and never meet the
// event it reports.
func (c *Clusterer) candidateTerms(vec map[string]float64, n int) []string {
	held := make(map[string]float64, len(vec))
	for t, w := range vec {
		if len(c.postings[t]) > 0 {
			held[t] = w
		}
	}
	return topTerms(held, n)
}

// bestEvent scores the recent events sharing terms with the article.
func (c *Clusterer) bestEvent(ev evidence) (*event, float64) {
	vec, day, headline := ev.vec, ev.day, ev.headline
	seen := map[*event]bool{}
	var best *event
	bestSim := 0.0
	for _, t := range c.candidateTerms(vec, candidateTerms) {
		p := c.postings[t]
		for k := len(p) - 1; k >= 0 && k >= len(p)-c.opts.MaxCandidates/4; k-- {
			e := p[k]
			if seen[e] || !withinWindow(e.day, day, c.opts.EventWindow) {
				continue
			}
			seen[e] = true
			s := c.similarity(vec, e)
			if headline && !day.IsZero() && !e.last.IsZero() {
				s *= math.Exp(-math.Abs(day.Sub(e.last).Hours()/24) / c.opts.headlineDecay)
			}
			if n := sharedQuotes(ev.quotes, e.quotes); n > 0 {
				s += c.opts.quoteBonus * min(1, float64(n)/float64(c.opts.quoteFull))
			}
			if s > bestSim {
				best, bestSim = e, s
			}
			if len(seen) >= c.opts.MaxCandidates {
				return best, bestSim
			}
		}
	}
	return best, bestSim
}

// similarity is the cosine of a unit article vector and an event's raw
// profile under the current IDF. The weighted profile is rebuilt when the
// event changed or the corpus grew by a tenth since, as IDF drifts slowly.
func (c *Clusterer) similarity(vec map[string]float64, e *event) float64 {
	if e.coreDocs == 0 || c.docs > e.coreDocs+e.coreDocs/10 {
		e.core = make(map[string]float64, len(e.raw))
		for t, w := range e.raw {
			e.core[t] = w * c.idf(t)
		}
		e.core, e.coreDocs = unit(e.core), max(c.docs, 1)
	}
	dot := 0.0
	for t, w := range vec {
		dot += w * e.core[t]
	}
	return dot
}

func withinWindow(a, b time.Time, w time.Duration) bool {
	if a.IsZero() || b.IsZero() {
		return true
	}
	d := a.Sub(b)
	return d <= w && d >= -w
}

func (c *Clusterer) newEvent(a *storyline.Article, day time.Time) *event {
	e := &event{ev: storyline.Event{ID: stableID("ev-", a.ID), Title: a.Title}, day: day, centroid: map[string]float64{}, raw: map[string]float64{}}
	if e.ev.Title == "" {
		e.ev.Title = firstWords(a.Body, 12)
	}
	c.events = append(c.events, e)
	c.live = append(c.live, e)
	c.byID[e.ev.ID] = e
	return e
}

// placeInStory links an event to the storyline closest to it in entities
// and terms, or opens one.
func (c *Clusterer) placeInStory(e *event, a *storyline.Article) {
	ents := keyEntities(a)
	if e.story == nil {
		best, bestSim := c.bestStory(e, ents)
		if best == nil || bestSim < c.opts.StorylineThreshold {
			best = newStory(stableID("st-", e.ev.ID))
			c.storylines = append(c.storylines, best)
		}
		e.story = best
		e.ev.Storyline = best.st.ID
		best.st.Events = append(best.st.Events, storyline.Event{ID: e.ev.ID})
	}
	s := e.story
	mergeInto(s.centroid, e.centroid, len(s.st.Articles)+1)
	pruneCentroid(s.centroid, maxStoryTerms)
	s.norm = norm(s.centroid)
	s.st.Articles = append(s.st.Articles, a.ID)
	for _, en := range ents {
		s.entities[en.ID]++
		s.names[en.ID] = en.Name
	}
	for _, t := range append(entityTerms(ents), topTerms(e.centroid, 60)...) {
		c.storyPost[t] = appendBounded(c.storyPost[t], s, storyCandidates)
	}
	c.changedSt[s] = true
}

const (
	dayPrefix       = "day:" // a term for a day the lead speaks of
	storyCandidates = 64     // storylines scored per term of a new event
	maxStoryTerms   = 1000   // a storyline's profile keeps its heaviest terms
	maxLive         = 50_000
	recentAdds      = 5_000 // articles after which an event behind the horizon freezes
	sweepEvery      = 64    // articles between sweeps of the live events
	candidateTerms  = 12    // terms of an article whose events are scored
)

// pruneCentroid keeps a long storyline's profile to its heaviest terms so
// that comparing against it costs the same in year five as in week one.
func pruneCentroid(c map[string]float64, n int) {
	if len(c) <= 2*n {
		return
	}
	weights := make([]float64, 0, len(c))
	for _, w := range c {
		weights = append(weights, w)
	}
	slices.Sort(weights)
	floor := weights[len(weights)-n]
	for t, w := range c {
		if w < floor {
			delete(c, t)
		}
	}
}

// Assign moves an event to a storyline, as a user's merge or split
// decision says; an unknown storyline id opens a storyline with that id.
// It reports false when the event is unknown.
func (c *Clusterer) Assign(eventID, storylineID string) bool {
	e := c.byID[eventID]
	if e == nil {
		return false
	}
	target := c.storyByID(storylineID)
	if e.story == target {
		return true
	}
	if old := e.story; old != nil {
		old.st.Events = removeEvent(old.st.Events, eventID)
		old.st.Articles = removeAll(old.st.Articles, e.ev.Articles)
		c.changedSt[old] = true
	}
	e.story, e.ev.Storyline = target, target.st.ID
	target.st.Events = append(target.st.Events, storyline.Event{ID: eventID})
	target.st.Articles = append(target.st.Articles, e.ev.Articles...)
	mergeInto(target.centroid, e.centroid, len(target.st.Articles))
	target.norm = norm(target.centroid)
	for _, t := range topTerms(e.centroid, 20) {
		c.storyPost[t] = appendBounded(c.storyPost[t], target, storyCandidates)
	}
	c.changedEv[e], c.changedSt[target] = true, true
	return true
}

func (c *Clusterer) storyByID(id string) *story {
	for _, s := range c.storylines {
		if s.st.ID == id {
			return s
		}
	}
	s := newStory(id)
	c.storylines = append(c.storylines, s)
	return s
}

func newStory(id string) *story {
	return &story{st: storyline.Storyline{ID: id}, centroid: map[string]float64{},
		entities: map[string]int{}, names: map[string]string{}}
}

func removeEvent(l []storyline.Event, id string) []storyline.Event {
	out := l[:0:0] // fresh: callers may hold the old slice
	for _, e := range l {
		if e.ID != id {
			out = append(out, e)
		}
	}
	return out
}

func removeAll(l, drop []string) []string {
	gone := map[string]bool{}
	for _, id := range drop {
		gone[id] = true
	}
	out := l[:0:0] // fresh: callers may hold the old slice
	for _, id := range l {
		if !gone[id] {
			out = append(out, id)
		}
	}
	return out
}

// bestStory scores the storylines recently fed by the event's entities
// and heaviest terms, at most MaxCandidates of them.
func (c *Clusterer) bestStory(e *event, ents []storyline.Entity) (*story, float64) {
	seen := map[*story]bool{}
	var best *story
	bestSim := 0.0
	en := norm(e.centroid)
	if en == 0 {
		return nil, 0
	}
	for _, t := range append(entityTerms(ents), topTerms(e.centroid, 30)...) {
		p := c.storyPost[t]
		for k := len(p) - 1; k >= 0 && k >= len(p)-storyCandidates; k-- {
			s := p[k]
			if seen[s] {
				continue
			}
			seen[s] = true
			if s.norm == 0 {
				continue
			}
			small, large := e.centroid, s.centroid
			if len(small) > len(large) {
				small, large = large, small
			}
			dot := 0.0
			for t, w := range small {
				dot += w * large[t]
			}
			if sim := dot / (en * s.norm); sim > bestSim {
				best, bestSim = s, sim
			}
			if len(seen) >= c.opts.MaxCandidates {
				return best, bestSim
			}
		}
	}
	return best, bestSim
}

// Changed returns the events and storylines changed since the last call.
func (c *Clusterer) Changed() ([]storyline.Event, []storyline.Storyline) {
	var evs []storyline.Event
	for e := range c.changedEv {
		evs = append(evs, e.ev)
	}
	var sts []storyline.Storyline
	for s := range c.changedSt {
		sts = append(sts, c.storylineOf(s))
	}
	sort.Slice(evs, func(i, j int) bool { return evs[i].ID < evs[j].ID })
	sort.Slice(sts, func(i, j int) bool { return sts[i].ID < sts[j].ID })
	c.changedEv, c.changedSt = map[*event]bool{}, map[*story]bool{}
	return evs, sts
}

// Events lists every event.
func (c *Clusterer) Events() []storyline.Event {
	out := make([]storyline.Event, len(c.events))
	for i, e := range c.events {
		out[i] = e.ev
	}
	return out
}

// Storylines lists every storyline with its events.
func (c *Clusterer) Storylines() []storyline.Storyline {
	out := make([]storyline.Storyline, 0, len(c.storylines))
	for _, s := range c.storylines {
		st := c.storylineOf(s)
		st.Events = nil
		for _, ref := range s.st.Events {
			st.Events = append(st.Events, c.byID[ref.ID].ev)
		}
		out = append(out, st)
	}
	return out
}

// storylineOf gives a storyline its title and key entities: the names it
// is about and the words its events share.
func (c *Clusterer) storylineOf(s *story) storyline.Storyline {
	st := s.st
	st.Entities = mostFrequent(s.entities, 3)
	var names []string
	for _, id := range st.Entities {
		names = append(names, s.names[id])
	}
	words := []string{}
	for _, t := range topTerms(s.centroid, 8) {
		if !strings.HasPrefix(t, "ent:") && len(words) < 3 {
			words = append(words, t)
		}
	}
	st.Title = strings.Join(names, ", ")
	if len(words) > 0 {
		if st.Title != "" {
			st.Title += ": "
		}
		st.Title += strings.Join(words, ", ")
	}
	return st
}

func stableID(prefix, seed string) string {
	sum := sha256.Sum256([]byte(seed))
	return prefix + hex.EncodeToString(sum[:5])
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// terms are an article's salient words (title counted twice, the lead of
// the body once), the days its lead speaks of, and the entities the lead
// (or the headline) mentions.
func (c *Clusterer) terms(a *storyline.Article) map[string]int {
	tf := map[string]int{}
	for _, w := range tokens(a.Title) {
		tf[w] += 2
	}
	text, end := lead(a.Title, a.Body)
	for i, w := range tokens(text) {
		if i >= leadTokens {
			break
		}
		tf[w]++
	}
	for _, d := range leadDays(text, articleDay(a)) {
		tf[dayPrefix+d]++
	}
	for _, e := range leadEntities(a, end) {
		tf["ent:"+e.ID] += 2
	}
	c.docs++
	for t := range tf {
		c.df[t]++
	}
	return tf
}

// weigh turns term counts into a unit TF-IDF vector.
func (c *Clusterer) weigh(tf map[string]int) map[string]float64 {
	vec := make(map[string]float64, len(tf))
	for t, n := range tf {
		vec[t] = (1 + math.Log(float64(n))) * c.idf(t)
	}
	return unit(vec)
}

// unweighted is weigh without the IDF: what an event keeps of a member.
func (c *Clusterer) unweighted(tf map[string]int) map[string]float64 {
	vec := make(map[string]float64, len(tf))
	for t, n := range tf {
		vec[t] = 1 + math.Log(float64(n))
	}
	return unit(vec)
}

func (c *Clusterer) idf(t string) float64 {
	return math.Log(1 + float64(c.docs)/float64(max(c.df[t], 1)))
}

func unit(vec map[string]float64) map[string]float64 {
	if n := norm(vec); n > 0 {
		for t := range vec {
			vec[t] /= n
		}
	}
	return vec
}

func keyEntities(a *storyline.Article) []storyline.Entity {
	var out []storyline.Entity
	for _, e := range a.Entities {
		if e.Type != storyline.EntityOther && len(e.Mentions) > 0 {
			out = append(out, e)
		}
	}
	return out
}

func entityTerms(ents []storyline.Entity) []string {
	out := make([]string, len(ents))
	for i, e := range ents {
		out[i] = "ent:" + e.ID
	}
	return out
}

func tokens(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) > 2 && !stopwords[w] && !isPTB(w) {
			out = append(out, stem(w))
		}
	}
	return out
}

// isPTB spots the bracket tokens of Penn-Treebank-tokenised text (-LRB-).
func isPTB(w string) bool { return w == "lrb" || w == "rrb" || w == "lsb" || w == "rsb" }

// stem folds plurals and common suffixes so that "talks" meets "talk".
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 4 {
			return strings.TrimSuffix(w, suf)
		}
	}
	return w
}

func topTerms(vec map[string]float64, n int) []string {
	type kv struct {
		t string
		w float64
	}
	l := make([]kv, 0, len(vec))
	for t, w := range vec {
		l = append(l, kv{t, w})
	}
	slices.SortFunc(l, func(a, b kv) int {
		if c := cmp.Compare(b.w, a.w); c != 0 {
			return c
		}
		return strings.Compare(a.t, b.t)
	})
	out := make([]string, 0, n)
	for i := 0; i < len(l) && i < n; i++ {
		out = append(out, l[i].t)
	}
	return out
}

// mergeInto moves a centroid toward a new member (running mean).
func mergeInto(centroid, vec map[string]float64, n int) {
	if n <= 1 {
		for t, w := range vec {
			centroid[t] = w
		}
		return
	}
	f := 1 / float64(n)
	for t := range centroid {
		centroid[t] *= 1 - f
	}
	for t, w := range vec {
		centroid[t] += w * f
	}
}

func norm(vec map[string]float64) float64 {
	n := 0.0
	for _, w := range vec {
		n += w * w
	}
	return math.Sqrt(n)
}

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and for are but not you all any can had her was one our out has him his how its new now
	two who did let say she too use that with have this will your from they been more said says than them then were what when
	which would about after also could other into over only some such their there these those while where just like being
	does most very even many much make made year years week told says saying according officials official percent people
	monday tuesday wednesday thursday friday saturday sunday today yesterday report reports news update updated video photo`) {
		m[w] = true
	}
	return m
}()
