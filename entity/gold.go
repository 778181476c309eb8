package entity

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/storyline-news/storyline"
)

// GoldReport scores the recogniser on a hand-written gold file
// (testdata/gold.txt describes the format).
type GoldReport struct {
	Articles             int
	Gold, System, Exact  int // mentions: gold, ours, ours with the exact gold offsets
	TypeRight            int // exact mentions with the gold type
	Roles, RoleRight     int // gold mentions with a role; their entity holds it
	SamePairs, SameRight int // gold mention pairs of one entity (also across articles) given one id
	DiffPairs, DiffRight int // pairs of different entities of one type kept apart
}

func (r GoldReport) String() string {
	p := ratio(r.Exact, r.System)
	rec := ratio(r.Exact, r.Gold)
	return fmt.Sprintf("entity gold: %d articles, %d gold mentions, %d ours\n"+
		"mentions P %.3f R %.3f F1 %.3f\n"+
		"type accuracy %.3f (%d/%d)\nrole accuracy %.3f (%d/%d)\n"+
		"alias merge: same entity, same id %.3f (%d/%d); different entities kept apart %.3f (%d/%d)\n",
		r.Articles, r.Gold, r.System, p, rec, f1(p, rec),
		ratio(r.TypeRight, r.Exact), r.TypeRight, r.Exact, ratio(r.RoleRight, r.Roles), r.RoleRight, r.Roles,
		ratio(r.SameRight, r.SamePairs), r.SameRight, r.SamePairs, ratio(r.DiffRight, r.DiffPairs), r.DiffRight, r.DiffPairs)
}

func ratio(a, b int) float64 { return float64(a) / float64(max(b, 1)) }

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// goldMention is one bracketed mention of the gold file.
type goldMention struct {
	start, end      int
	typ, name, role string
}

// goldArticle is one paragraph of the gold file, markup removed.
type goldArticle struct {
	body     string
	mentions []goldMention
}

// EvaluateGold runs a Recognizer with the shipped aliases over the gold
// file at path and scores mentions, types, roles and alias merging.
func EvaluateGold(ctx context.Context, path string) (GoldReport, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return GoldReport{}, fmt.Errorf("reading entity gold: %w", err)
	}
	arts, err := parseGold(string(b))
	if err != nil {
		return GoldReport{}, fmt.Errorf("%s: %w", path, err)
	}
	r, err := New(Options{})
	if err != nil {
		return GoldReport{}, err
	}
	var rep GoldReport
	var found []scoredMention
	for _, g := range arts {
		a := &storyline.Article{Body: g.body}
		if err := r.Annotate(ctx, a); err != nil {
			return rep, fmt.Errorf("%s: %w", path, err)
		}
		rep.Articles++
		found = append(found, scoreArticle(&rep, g, a.Entities)...)
	}
	scorePairs(&rep, found)
	return rep, nil
}

// scoredMention is a gold mention with the system entity found at its
// exact offsets (nil when missed), for the pairwise alias score.
type scoredMention struct {
	article int
	gold    goldMention
	ent     *storyline.Entity
}

func scoreArticle(rep *GoldReport, g goldArticle, ents []storyline.Entity) []scoredMention {
	at := map[[2]int]*storyline.Entity{}
	for i := range ents {
		for _, m := range ents[i].Mentions {
			at[[2]int{m.Start, m.End}] = &ents[i]
			rep.System++
		}
	}
	out := make([]scoredMention, 0, len(g.mentions))
	for _, gm := range g.mentions {
		rep.Gold++
		e := at[[2]int{gm.start, gm.end}]
		if e != nil {
			rep.Exact++
			if e.Type == gm.typ {
				rep.TypeRight++
			}
		}
		if gm.role != "" {
			rep.Roles++
			if e != nil && hasRole(e.Roles, gm.role) {
				rep.RoleRight++
			}
		}
		out = append(out, scoredMention{article: rep.Articles, gold: gm, ent: e})
	}
	return out
}

func hasRole(roles []string, want string) bool {
	for _, r := range roles {
		if strings.EqualFold(r, want) {
			return true
		}
	}
	return false
}

// scorePairs: mentions of one gold entity, in any article, must share an
// id; mentions of different gold entities of one type in one article
// must not. Missed mentions count as wrong.
func scorePairs(rep *GoldReport, ms []scoredMention) {
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			a, b := ms[i], ms[j]
			ok := a.ent != nil && b.ent != nil
			switch {
			case a.gold.name == b.gold.name && a.gold.typ == b.gold.typ:
				rep.SamePairs++
				if ok && a.ent.ID == b.ent.ID {
					rep.SameRight++
				}
			case a.article == b.article && a.gold.typ == b.gold.typ:
				rep.DiffPairs++
				if ok && a.ent.ID != b.ent.ID {
					rep.DiffRight++
				}
			}
		}
	}
}

// parseGold reads paragraphs of text with [surface|type|name|role] marks.
func parseGold(text string) ([]goldArticle, error) {
	var arts []goldArticle
	for n, para := range strings.Split(text, "\n\n") {
		var lines []string
		for _, l := range strings.Split(para, "\n") {
			if !strings.HasPrefix(l, "#") && strings.TrimSpace(l) != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) == 0 {
			continue
		}
		g, err := parseGoldArticle(strings.Join(lines, "\n"))
		if err != nil {
			return nil, fmt.Errorf("paragraph %d: %w", n+1, err)
		}
		arts = append(arts, g)
	}
	return arts, nil
}

func parseGoldArticle(marked string) (goldArticle, error) {
	var g goldArticle
	var body strings.Builder
	for {
		open := strings.IndexByte(marked, '[')
		if open < 0 {
			body.WriteString(marked)
			break
		}
		body.WriteString(marked[:open])
		closeAt := strings.IndexByte(marked[open:], ']')
		if closeAt < 0 {
			return g, fmt.Errorf("unclosed [ in %q", marked[open:min(len(marked), open+40)])
		}
		fields := strings.Split(marked[open+1:open+closeAt], "|")
		if len(fields) < 2 {
			return g, fmt.Errorf("mark %q wants surface|type", marked[open:open+closeAt+1])
		}
		m := goldMention{start: body.Len(), typ: fields[1], name: fields[0]}
		body.WriteString(fields[0])
		m.end = body.Len()
		if len(fields) > 2 && fields[2] != "" {
			m.name = fields[2]
		}
		if len(fields) > 3 {
			m.role = fields[3]
		}
		g.mentions = append(g.mentions, m)
		marked = marked[open+closeAt+1:]
	}
	g.body = body.String()
	return g, nil
}
