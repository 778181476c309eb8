package synth

import (
	"fmt"
	"hash/fnv"
	"html"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// renamer moves an event to other people and other years: every first name
// and surname the pool knows is replaced by another of its kind (the same
// one everywhere in the event, so "Hillary Clinton" and "Clinton" stay one
// person), and every year is shifted, so that dates in the text agree with
// the article's date.
type renamer struct {
	pool  *Pool
	seed  uint64 // 0 keeps the names
	years int
}

func (n renamer) apply(text string) string {
	if n.seed == 0 && n.years == 0 {
		return text
	}
	var b strings.Builder
	b.Grow(len(text) + 16)
	for i := 0; i < len(text); {
		c, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			b.WriteString(text[i : i+size])
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			c, size := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
				break
			}
			j += size
		}
		b.WriteString(n.word(text[i:j]))
		i = j
	}
	return b.String()
}

func (n renamer) word(w string) string {
	if len(w) == 4 && n.years != 0 {
		if y, err := strconv.Atoi(w); err == nil && y >= 1950 && y < 2040 {
			return strconv.Itoa(y + n.years)
		}
	}
	if n.seed == 0 {
		return w
	}
	var list []string
	switch n.pool.nameClass[w] {
	case firstName:
		list = n.pool.firsts
	case lastName:
		list = n.pool.lasts
	default:
		return w
	}
	h := fnv.New64a()
	_, _ = h.Write([]byte(w))
	return list[(h.Sum64()^n.seed)%uint64(len(list))]
}

// furniture is what a site sets around its articles: navigation, byline,
// share buttons, teasers for other stories, a footer. Each outlet has its
// own, the same on all its pages, as the text cleaner expects.
type furniture struct {
	nav     string
	byline  string
	share   string
	related string
	footer  []string
}

var (
	navs = []string{
		"Home | World | Politics | Business | Tech | Opinion | Sport",
		"Skip to main content",
		"Menu  Search  Subscribe  Sign in",
		"News  Video  Live  Podcasts  Newsletters",
	}
	shares = []string{
		"Share on Facebook  Share on Twitter  Email",
		"Share this article",
		"Advertisement",
		"Click to share on WhatsApp (Opens in new window)",
	}
	footers = [][]string{
		{"© %d %s. All rights reserved.", "Terms of Use | Privacy Policy | Cookie Settings"},
		{"Sign up for our daily newsletter", "Copyright %d %s"},
		{"Follow us on Twitter and Facebook", "© %d %s"},
	}
)

func furnitureOf(p *Pool, a *Article, r *rand.Rand) furniture {
	h := fnv.New32a()
	_, _ = h.Write([]byte(a.Outlet))
	site := int(h.Sum32())
	year := 2017
	if len(a.Published) >= 4 {
		year, _ = strconv.Atoi(a.Published[:4])
	}
	f := furniture{nav: navs[site%len(navs)], share: shares[site/7%len(shares)],
		related: "Related: " + p.headlines[r.IntN(len(p.headlines))]}
	for _, line := range footers[site/31%len(footers)] {
		if strings.Contains(line, "%d") {
			line = fmt.Sprintf(line, year, a.Outlet)
		}
		f.footer = append(f.footer, line)
	}
	if r.IntN(2) == 0 {
		f.byline = "By " + p.firsts[r.IntN(len(p.firsts))] + " " + p.lasts[r.IntN(len(p.lasts))]
	}
	return f
}

// text lays the body out as a scraper saves a page: furniture lines
// around and between the paragraphs.
func (f furniture) text(body []string) string {
	var b strings.Builder
	b.WriteString(f.nav + "\n\n")
	if f.byline != "" {
		b.WriteString(f.byline + "\n\n")
	}
	for k, para := range body {
		b.WriteString(para + "\n\n")
		switch k {
		case 0:
			b.WriteString(f.share + "\n\n")
		case len(body) / 2:
			b.WriteString(f.related + "\n\n")
		}
	}
	b.WriteString(strings.Join(f.footer, "\n"))
	return b.String()
}

// page lays the body out as an HTML article page.
func (f furniture) page(a *Article, body []string) string {
	var b strings.Builder
	esc := html.EscapeString
	b.WriteString(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>` + esc(a.Title) + " | " + esc(a.Outlet) + "</title>\n")
	b.WriteString(`<meta property="og:site_name" content="` + esc(a.Outlet) + "\">\n")
	if a.Published != "" {
		b.WriteString(`<meta property="article:published_time" content="` + a.Published + "T08:00:00Z\">\n")
	}
	b.WriteString("</head><body>\n<header><nav>")
	for _, item := range strings.Split(f.nav, "|") {
		b.WriteString(`<a href="/">` + esc(strings.TrimSpace(item)) + "</a> ")
	}
	b.WriteString("</nav></header>\n<main><article>\n<h1>" + esc(a.Title) + "</h1>\n")
	if f.byline != "" {
		b.WriteString(`<p class="byline">` + esc(f.byline) + "</p>\n")
	}
	for k, para := range body {
		b.WriteString("<p>" + esc(para) + "</p>\n")
		if k == len(body)/2 {
			b.WriteString(`<aside class="related"><a href="/">` + esc(f.related) + "</a></aside>\n")
		}
	}
	b.WriteString(`<div class="share">` + esc(f.share) + "</div>\n</article></main>\n<footer>")
	for _, line := range f.footer {
		b.WriteString("<p>" + esc(line) + "</p>")
	}
	b.WriteString("</footer>\n</body></html>\n")
	return b.String()
}
