// Package synth generates large, realistic news corpora for benchmarks by
// recombining real articles: paragraphs of the PolNeAR and Timeline17
// texts are mixed across articles of one topic, people's names, years and
// outlets are varied, and exact and syndicated copies are planted at a
// realistic rate, so that near-duplicate detection keeps the originals
// apart and finds the copies.
//
// Generation is deterministic from a seed and random-access: article i is
// a pure function of (seed, i), and a copy regenerates its original rather
// than remembering it, so a corpus of any size streams in constant memory
// and anyone can reproduce a benchmark's corpus from its seed.
package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Options shape a corpus. The zero value of a rate means none; use
// DefaultOptions for the rates the benchmarks use.
type Options struct {
	Seed uint64
	// Exact is the share of articles that are exact copies of an earlier
	// one (a page scraped twice, a mirror): same text, another id and URL.
	Exact float64
	// Syndicated is the share that are wire copies of an earlier article
	// in another outlet, under another headline, with a credit line.
	Syndicated float64
	// HTML is the share of articles given as an HTML page instead of text.
	HTML float64
	// Junk is the share of text articles that keep their site's
	// navigation, share buttons and footer lines.
	Junk float64
	// Undated is the share of articles given without a publication date.
	Undated float64
}

// DefaultOptions are the rates of a scraped news crawl: a few pages
// fetched twice, wire stories syndicated across outlets, most text still
// carrying site furniture.
func DefaultOptions(seed uint64) Options {
	return Options{Seed: seed, Exact: 0.03, Syndicated: 0.06, HTML: 0.2, Junk: 0.6, Undated: 0.1}
}

// Article is one generated input in the gold format the ingester reads
// (contract/eval.md), with what the generator knows about it: its event,
// its topic, and for a planted copy, the article it copies.
type Article struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Published string `json:"published,omitempty"`
	Title     string `json:"title"`
	Text      string `json:"text,omitempty"`
	HTML      string `json:"html,omitempty"`
	Event     string `json:"event"`
	Story     string `json:"story"`
	CopyOf    string `json:"copy_of,omitempty"`
	Copy      string `json:"copy,omitempty"` // "exact" or "syndicated"
}

// Copy kinds.
const (
	CopyExact      = "exact"
	CopySyndicated = "syndicated"
)

// Generator makes articles from a pool.
type Generator struct {
	pool *Pool
	opts Options
}

// New returns a generator over pool.
func New(pool *Pool, opts Options) *Generator {
	return &Generator{pool: pool, opts: opts}
}

// Each yields articles 0..n-1 in order, with their index.
func (g *Generator) Each(ctx context.Context, n int, fn func(int, *Article) error) error {
	for i := range n {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		a := g.Article(i)
		if err := fn(i, &a); err != nil {
			return err
		}
	}
	return nil
}

// window is how many consecutive articles share a set of running events:
// a crawl reports the stories of its days, a few big ones many times.
const (
	window          = 256
	eventsPerWindow = 24
	copyReach       = 1000 // a copy's original is at most this many articles back
	maxCopyChain    = 8
)

// Article returns article i, the same for the same seed and options.
func (g *Generator) Article(i int) Article {
	a, _ := g.draft(i, 0)
	return a
}

// draft returns article i and its body paragraphs before dressing, which
// a syndicated copy republishes.
func (g *Generator) draft(i, depth int) (Article, []string) {
	r := g.rng(i)
	kind := r.Float64()
	if i > 0 && depth < maxCopyChain {
		switch {
		case kind < g.opts.Exact:
			return g.exactCopy(i, r, depth)
		case kind < g.opts.Exact+g.opts.Syndicated:
			return g.syndicated(i, r, depth)
		}
	}
	return g.original(i, r)
}

// rng gives the random stream of article i.
func (g *Generator) rng(i int) *rand.Rand {
	return rand.New(rand.NewPCG(g.opts.Seed, uint64(i)))
}

func (g *Generator) id(i int) string { return fmt.Sprintf("syn%d-%07d", g.opts.Seed, i) }

// event is a story several articles of one window report.
type event struct {
	key   string
	base  *base
	years int    // added to the base's years, in the text too
	days  int    // added to its publication day
	names uint64 // 0: the real names; else the seed of a renaming
}

func (g *Generator) event(i int, r *rand.Rand) event {
	w := i / window
	k := zipf(r, eventsPerWindow)
	er := rand.New(rand.NewPCG(g.opts.Seed^0x5eed, uint64(w)*eventsPerWindow+uint64(k)))
	e := event{key: fmt.Sprintf("syn%d:%d:%d", g.opts.Seed, w, k), base: &g.pool.bases[er.IntN(len(g.pool.bases))],
		years: er.IntN(22) - 12, days: er.IntN(60)}
	if er.Float64() < 0.6 { // most stories are about other people than the base's
		e.names = er.Uint64() | 1
	}
	return e
}

// original composes a new article of an event: part of the event's base
// article, part background from other articles of its topic, some
// sentences dropped, names, years and outlet varied.
func (g *Generator) original(i int, r *rand.Rand) (Article, []string) {
	p := g.pool
	e := g.event(i, r)
	fam := &p.families[e.base.family]
	paras := pickSubset(r, e.base.paragraphs, 0.3)
	for n := 3 + r.IntN(5); n > 0; n-- {
		at := 1 + r.IntN(len(paras))
		paras = append(paras[:at], append([]int32{fam.paragraphs[r.IntN(len(fam.paragraphs))]}, paras[at:]...)...)
	}
	ren := renamer{pool: p, seed: e.names, years: e.years}
	body := make([]string, 0, len(paras))
	for _, id := range paras {
		text := p.paragraphs[id]
		if r.Float64() < 0.5 {
			text = dropSentence(r, text)
		}
		body = append(body, ren.apply(text))
	}
	title := ren.apply(e.base.title)
	if r.Float64() < 0.4 {
		title = headlineOf(body)
	}
	day := shiftDay(e.base.published, e.years, e.days+r.IntN(4))
	a := Article{ID: g.id(i), Outlet: g.outlet(r), Published: day, Title: title, Event: e.key, Story: fam.name}
	a.URL = articleURL(a.Outlet, day, title, i)
	g.dress(&a, r, body)
	return a, body
}

// dress gives an article its final form: text with or without its site's
// furniture, or an HTML page, and maybe no date.
func (g *Generator) dress(a *Article, r *rand.Rand, body []string) {
	if r.Float64() < g.opts.Undated {
		a.Published = ""
		a.URL = articleURL(a.Outlet, "", a.Title, int(r.Uint32()))
	}
	f := furnitureOf(g.pool, a, r)
	switch {
	case r.Float64() < g.opts.HTML:
		a.HTML = f.page(a, body)
	case r.Float64() < g.opts.Junk:
		a.Text = f.text(body)
	default:
		a.Text = strings.Join(body, "\n\n")
	}
}

// exactCopy is an earlier article fetched again: the same page under a
// new id, with a tracking parameter in its URL. CopyOf always names the
// first original, the one a store should point the copy to.
func (g *Generator) exactCopy(i int, r *rand.Rand, depth int) (Article, []string) {
	a, body := g.draft(i-1-r.IntN(min(i, copyReach)), depth+1)
	if a.CopyOf == "" {
		a.CopyOf, a.Copy = a.ID, CopyExact
	} // a page syndicated once and fetched again stays a syndicated copy
	a.ID = g.id(i)
	a.URL += "?utm_source=feed&utm_medium=rss"
	return a, body
}

// syndicated is an earlier article's text republished by another outlet:
// the same body under another headline, with a credit line.
func (g *Generator) syndicated(i int, r *rand.Rand, depth int) (Article, []string) {
	orig, body := g.draft(i-1-r.IntN(min(i, copyReach)), depth+1)
	outlet := g.outlet(r)
	credit := fmt.Sprintf("This article first appeared in %s and is republished here with permission.", orig.Outlet)
	if r.IntN(2) == 0 {
		credit = fmt.Sprintf("Reporting by %s staff; editing by the %s desk.", orig.Outlet, outlet)
	}
	body = append(body[:len(body):len(body)], credit)
	title := orig.Title
	if r.IntN(2) == 0 {
		title += " - " + outlet
	}
	a := Article{ID: g.id(i), Outlet: outlet, Published: orig.Published, Title: title, Event: orig.Event,
		Story: orig.Story, CopyOf: orig.CopyOf, Copy: CopySyndicated}
	if a.CopyOf == "" {
		a.CopyOf = orig.ID
	}
	a.URL = articleURL(outlet, a.Published, title, i)
	g.dress(&a, r, body)
	return a, body
}

// outlet draws an outlet as often as it publishes in the UCI slice.
func (g *Generator) outlet(r *rand.Rand) string {
	cum := g.pool.outletCum
	n := r.IntN(cum[len(cum)-1])
	return g.pool.outlets[sort.SearchInts(cum, n+1)]
}

// zipf draws 0..n-1 with weight 1/(k+1): a few stories get most articles.
func zipf(r *rand.Rand, n int) int {
	total := 0.0
	for k := range n {
		total += 1 / float64(k+1)
	}
	x := r.Float64() * total
	for k := range n {
		if x -= 1 / float64(k+1); x < 0 {
			return k
		}
	}
	return n - 1
}

// pickSubset keeps each paragraph with probability keep, in order, and
// always the lede with high odds: reports of one story open alike.
func pickSubset(r *rand.Rand, ids []int32, keep float64) []int32 {
	out := make([]int32, 0, len(ids))
	for k, id := range ids {
		if (k == 0 && r.Float64() < 0.7) || r.Float64() < keep {
			out = append(out, id)
		}
	}
	if len(out) < 3 {
		out = append(out[:0], ids[:3]...)
	}
	return out
}

// dropSentence removes one sentence of a paragraph of several.
func dropSentence(r *rand.Rand, para string) string {
	var ends []int
	for k := 0; k+2 < len(para); k++ {
		if (para[k] == '.' || para[k] == '?' || para[k] == '!') && para[k+1] == ' ' && isUpperAt(para, k+2) {
			ends = append(ends, k+2)
		}
	}
	if len(ends) == 0 {
		return para
	}
	starts := append([]int{0}, ends...)
	k := r.IntN(len(starts))
	end := len(para)
	if k+1 < len(starts) {
		end = starts[k+1]
	}
	return strings.TrimSpace(para[:starts[k]] + para[end:])
}

func isUpperAt(s string, i int) bool {
	c, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsUpper(c)
}

// shiftDay moves a YYYY-MM-DD day by years and days.
func shiftDay(day string, years, days int) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return ""
	}
	return t.AddDate(years, 0, days).Format(time.DateOnly)
}

func articleURL(outlet, day, title string, i int) string {
	host := slug(outlet, 40)
	if host == "" {
		host = "news"
	}
	path := slug(title, 60) + "-" + strconv.Itoa(i)
	if day != "" {
		path = strings.ReplaceAll(day, "-", "/") + "/" + path
	}
	return "https://www." + host + ".com/" + path
}

// slug lower-cases s to letters, digits and dashes, at most n bytes.
func slug(s string, n int) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
		if b.Len() >= n {
			break
		}
	}
	return b.String()
}
