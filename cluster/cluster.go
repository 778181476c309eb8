// Package cluster groups articles into events (the same happening reported
// by several outlets, usually within days) and events into storylines (one
// subject followed over years), incrementally: a new article joins an
// event or opens one, and its event joins a storyline or opens one,
// without recomputing the corpus. Candidates come from an inverted index
// over salient terms and entities, restricted in time for events, so the
// cost of one article stays flat as the corpus grows.
package cluster

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/storyline-news/storyline"
)

// Options tune the clusterer; zero values take measured defaults.
type Options struct {
	EventThreshold     float64 // least similarity to join an event [0.05]
	StorylineThreshold float64 // least similarity to join a storyline [0.05]
	EventWindow        time.Duration
	MaxCandidates      int // events scored per article [200]
}

// Clusterer holds the events and storylines built so far.
type Clusterer struct {
	opts       Options
	df         map[string]int // documents per term
	docs       int
	events     []*event
	byID       map[string]*event
	postings   map[string][]*event // term -> events holding it, newest last
	storylines []*story
	storyPost  map[string][]*story
	changedEv  map[*event]bool
	changedSt  map[*story]bool
}

type event struct {
	ev       storyline.Event
	day      time.Time
	centroid map[string]float64
	story    *story
}

type story struct {
	st       storyline.Storyline
	centroid map[string]float64
	entities map[string]int
	names    map[string]string
}

// New returns an empty clusterer.
func New(opts Options) *Clusterer {
	if opts.EventThreshold == 0 {
		opts.EventThreshold = 0.05
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
	return &Clusterer{opts: opts, df: map[string]int{}, byID: map[string]*event{}, postings: map[string][]*event{},
		storyPost: map[string][]*story{}, changedEv: map[*event]bool{}, changedSt: map[*story]bool{}}
}

// Add places an article in an event and returns the event's id.
func (c *Clusterer) Add(a *storyline.Article) string {
	terms := c.terms(a)
	vec := c.weigh(terms)
	day := articleDay(a)
	best, bestSim := c.bestEvent(vec, day)
	if best == nil || bestSim < c.opts.EventThreshold {
		best = c.newEvent(a, day)
	}
	best.ev.Articles = append(best.ev.Articles, a.ID)
	mergeInto(best.centroid, vec, len(best.ev.Articles))
	for t := range vec {
		if p := c.postings[t]; len(p) == 0 || p[len(p)-1] != best {
			c.postings[t] = append(p, best)
		}
	}
	c.changedEv[best] = true
	c.placeInStory(best, a)
	return best.ev.ID
}

func articleDay(a *storyline.Article) time.Time {
	for _, d := range []string{a.Published.Date, a.Published.Earliest} {
		if t, err := time.Parse("2006-01-02", d); err == nil {
			return t
		}
	}
	return time.Time{}
}

// bestEvent scores the recent events sharing terms with the article.
func (c *Clusterer) bestEvent(vec map[string]float64, day time.Time) (*event, float64) {
	seen := map[*event]bool{}
	var best *event
	bestSim := 0.0
	for _, t := range topTerms(vec, 12) {
		p := c.postings[t]
		for k := len(p) - 1; k >= 0 && k >= len(p)-c.opts.MaxCandidates/4; k-- {
			e := p[k]
			if seen[e] || !withinWindow(e.day, day, c.opts.EventWindow) {
				continue
			}
			seen[e] = true
			if s := cosine(vec, e.centroid); s > bestSim {
				best, bestSim = e, s
			}
			if len(seen) >= c.opts.MaxCandidates {
				return best, bestSim
			}
		}
	}
	return best, bestSim
}

func withinWindow(a, b time.Time, w time.Duration) bool {
	if a.IsZero() || b.IsZero() {
		return true
	}
	d := a.Sub(b)
	return d <= w && d >= -w
}

func (c *Clusterer) newEvent(a *storyline.Article, day time.Time) *event {
	e := &event{ev: storyline.Event{ID: stableID("ev-", a.ID), Title: a.Title}, day: day, centroid: map[string]float64{}}
	if !day.IsZero() {
		e.ev.Date = day.Format("2006-01-02")
	}
	if e.ev.Title == "" {
		e.ev.Title = firstWords(a.Body, 12)
	}
	c.events = append(c.events, e)
	c.byID[e.ev.ID] = e
	return e
}

// placeInStory links an event to the storyline closest to it in entities
// and terms, or opens one.
func (c *Clusterer) placeInStory(e *event, a *storyline.Article) {
	ents := keyEntities(a)
	if e.story == nil {
		seen := map[*story]bool{}
		var best *story
		bestSim := 0.0
		for _, t := range append(entityTerms(ents), topTerms(e.centroid, 10)...) {
			for _, s := range c.storyPost[t] {
				if seen[s] {
					continue
				}
				seen[s] = true
				if sim := cosine(e.centroid, s.centroid); sim > bestSim {
					best, bestSim = s, sim
				}
			}
		}
		if best == nil || bestSim < c.opts.StorylineThreshold {
			best = &story{st: storyline.Storyline{ID: stableID("st-", e.ev.ID)}, centroid: map[string]float64{},
				entities: map[string]int{}, names: map[string]string{}}
			c.storylines = append(c.storylines, best)
		}
		e.story = best
		e.ev.Storyline = best.st.ID
		best.st.Events = append(best.st.Events, storyline.Event{ID: e.ev.ID})
	}
	s := e.story
	mergeInto(s.centroid, e.centroid, len(s.st.Articles)+1)
	s.st.Articles = append(s.st.Articles, a.ID)
	for _, en := range ents {
		s.entities[en.ID]++
		s.names[en.ID] = en.Name
	}
	for t := range e.centroid {
		if p := c.storyPost[t]; len(p) == 0 || p[len(p)-1] != s {
			c.storyPost[t] = append(p, s)
		}
	}
	for _, t := range entityTerms(ents) {
		if p := c.storyPost[t]; len(p) == 0 || p[len(p)-1] != s {
			c.storyPost[t] = append(p, s)
		}
	}
	c.changedSt[s] = true
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
	type kv struct {
		id string
		n  int
	}
	var ents []kv
	for id, n := range s.entities {
		ents = append(ents, kv{id, n})
	}
	sort.Slice(ents, func(i, j int) bool { return ents[i].n > ents[j].n || ents[i].n == ents[j].n && ents[i].id < ents[j].id })
	var names []string
	st.Entities = nil
	for i := 0; i < len(ents) && i < 3; i++ {
		st.Entities = append(st.Entities, ents[i].id)
		names = append(names, s.names[ents[i].id])
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
// the body once) and its entities.
func (c *Clusterer) terms(a *storyline.Article) map[string]int {
	tf := map[string]int{}
	for _, w := range tokens(a.Title) {
		tf[w] += 2
	}
	for i, w := range tokens(a.Body) {
		if i >= 80 {
			break
		}
		tf[w]++
	}
	for _, e := range keyEntities(a) {
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
	norm := 0.0
	for t, n := range tf {
		w := (1 + math.Log(float64(n))) * math.Log(1+float64(c.docs)/float64(c.df[t]))
		vec[t] = w
		norm += w * w
	}
	norm = math.Sqrt(norm)
	for t := range vec {
		vec[t] /= norm
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
	sort.Slice(l, func(i, j int) bool { return l[i].w > l[j].w || l[i].w == l[j].w && l[i].t < l[j].t })
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

func cosine(a, b map[string]float64) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	dot, na, nb := 0.0, 0.0, 0.0
	for t, w := range a {
		dot += w * b[t]
		na += w * w
	}
	for _, w := range b {
		nb += w * w
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
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
