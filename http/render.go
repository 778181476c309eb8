package http

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/storyline-news/storyline"
)

// Segment is a run of article text with the annotations covering it.
type Segment struct {
	Text      string
	Classes   string   // css classes: quote, entity-person, timex ...
	QuoteID   string   // anchor of the claim (quote or dated clause) that starts here, if any
	Anchors   []string // more claims starting here: each needs an anchor too
	Entity    string   // entity id to link to, if the run is a mention
	Title     string   // tooltip: speaker, entity name or date value
	Paragraph bool     // a paragraph break precedes this run
}

type span struct {
	start, end int
	class      string
	quoteID    string
	entity     string
	title      string
}

// segments cuts the body at every annotation boundary, so overlapping
// quotes, mentions and dates all show without nesting markup.
func segments(a *storyline.Article) []Segment {
	spans := annotationSpans(a)
	cuts := map[int]bool{0: true, len(a.Body): true}
	for _, s := range spans {
		cuts[s.start], cuts[s.end] = true, true
	}
	for i := 0; i+1 < len(a.Body); i++ {
		if a.Body[i] == '\n' {
			cuts[i] = true
			cuts[i+1] = true
		}
	}
	points := make([]int, 0, len(cuts))
	for c := range cuts {
		points = append(points, c)
	}
	sort.Ints(points)
	var out []Segment
	paragraph := false
	for i := 0; i+1 < len(points); i++ {
		from, to := points[i], points[i+1]
		text := a.Body[from:to]
		if strings.TrimSpace(text) == "" && strings.Contains(text, "\n") {
			paragraph = true
			continue
		}
		seg := Segment{Text: text, Paragraph: paragraph}
		paragraph = false
		var classes []string
		for _, s := range spans {
			if s.start <= from && to <= s.end {
				classes = append(classes, s.class)
				if s.entity != "" && seg.Entity == "" {
					seg.Entity = s.entity
				}
				if s.title != "" {
					seg.Title = s.title
				}
				if s.quoteID != "" && s.start == from && s.quoteID != seg.QuoteID && !slices.Contains(seg.Anchors, s.quoteID) {
					if seg.QuoteID == "" {
						seg.QuoteID = s.quoteID
					} else {
						seg.Anchors = append(seg.Anchors, s.quoteID)
					}
				}
			}
		}
		seg.Classes = strings.Join(classes, " ")
		out = append(out, seg)
	}
	return out
}

func annotationSpans(a *storyline.Article) []span {
	var spans []span
	valid := func(s, e int) bool { return s >= 0 && e <= len(a.Body) && s < e }
	// Dated clauses first: a later span's tooltip wins, and the more
	// specific quote, mention or date should.
	for _, e := range a.Events {
		if valid(e.Start, e.End) {
			spans = append(spans, span{start: e.Start, end: e.End, class: "dated", quoteID: quoteAnchor(e.Start, e.End),
				title: e.Date})
		}
	}
	for _, q := range a.Quotes {
		// Each piece of an interrupted statement is marked; the anchor
		// that claims link to stands on the first.
		for k, p := range q.Pieces() {
			if valid(p.Start, p.End) {
				s := span{start: p.Start, end: p.End, class: "quote quote-" + q.Kind, title: q.Speaker.Name + " " + q.Cue}
				if k == 0 {
					s.quoteID = quoteAnchor(q.Start, q.End)
				}
				spans = append(spans, s)
			}
		}
		if valid(q.Speaker.Start, q.Speaker.End) {
			spans = append(spans, span{start: q.Speaker.Start, end: q.Speaker.End, class: "speaker",
				entity: q.Speaker.Entity, title: q.Speaker.Name})
		}
	}
	for _, e := range a.Entities {
		for _, m := range e.Mentions {
			if valid(m.Start, m.End) {
				spans = append(spans, span{start: m.Start, end: m.End, class: "entity entity-" + e.Type,
					entity: e.ID, title: e.Name + " (" + e.Type + ")"})
			}
		}
	}
	for _, t := range a.Timexes {
		if valid(t.Start, t.End) {
			spans = append(spans, span{start: t.Start, end: t.End, class: "timex", title: t.Value})
		}
	}
	return spans
}

func quoteAnchor(start, end int) string { return fmt.Sprintf("q-%d-%d", start, end) }

// claimLink points at the sentence a claim rests on.
func claimLink(article string, start, end int) string {
	return "/articles/" + url.PathEscape(article) + "#" + quoteAnchor(start, end)
}

var templateFuncs = template.FuncMap{
	"claimLink": claimLink,
	"entityLink": func(id string) string {
		return "/entities/" + url.PathEscape(id)
	},
	"articleLink": func(id string) string { return "/articles/" + url.PathEscape(id) },
	"storyLink":   func(id string) string { return "/stories/" + url.PathEscape(id) },
	"orDash": func(s string) string {
		if s == "" {
			return "—"
		}
		return s
	},
	"add":   func(a, b int) int { return a + b },
	"count": thousands,
	// head and tail split a long list: the first n shown, the rest folded.
	"head": func(n int, list []string) []string { return list[:min(n, len(list))] },
	"tail": func(n int, list []string) []string { return list[min(n, len(list)):] },
	"entityTypes": func() []string {
		return []string{storyline.EntityPerson, storyline.EntityOrganization, storyline.EntityPlace, storyline.EntityGroup, storyline.EntityOther}
	},
	"quoteDate": func(q storyline.QuoteRecord) string {
		if q.Date != "" {
			return q.Date
		}
		return q.Published
	},
	"pageURL": func(base url.Values, path string, offset int) string {
		v := url.Values{}
		for k, vs := range base {
			v[k] = vs
		}
		v.Set("offset", fmt.Sprint(offset))
		return path + "?" + v.Encode()
	},
}

// thousands writes n with a comma between thousands: 1,398,063 quotes.
func thousands(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
