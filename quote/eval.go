package quote

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

// goldArticle is one line of a gold file (shared/contract/eval.md).
type goldArticle struct {
	ID        string      `json:"id"`
	Outlet    string      `json:"outlet"`
	Published string      `json:"published"`
	Title     string      `json:"title"`
	Text      string      `json:"text"`
	Quotes    []goldQuote `json:"quotes"`
}

type goldQuote struct {
	Content struct {
		Text string `json:"text"`
	} `json:"content"`
	Source *struct {
		Text string `json:"text"`
	} `json:"source"`
	Cue *struct {
		Text string `json:"text"`
	} `json:"cue"`
	Speaker string `json:"speaker"`
}

// Report holds the figures eval.md defines.
type Report struct {
	Articles, Gold, System, Matched int
	Precision, Recall, F1           float64
	DirectGold, DirectFound         int
	DirectRecall                    float64
	SpeakerChecked, SpeakerRight    int
	SpeakerAccuracy                 float64
	Took                            time.Duration
}

func (r Report) String() string {
	return fmt.Sprintf("quote attribution on %d articles (%d gold, %d found, %d matched) in %s\n"+
		"  precision %.3f  recall %.3f  F1 %.3f\n  direct-quote recall %.3f (%d of %d)\n"+
		"  speaker accuracy %.3f (%d of %d matched quotes with a gold source)\n",
		r.Articles, r.Gold, r.System, r.Matched, r.Took.Round(time.Millisecond), r.Precision, r.Recall, r.F1,
		r.DirectRecall, r.DirectFound, r.DirectGold, r.SpeakerAccuracy, r.SpeakerRight, r.SpeakerChecked)
}

// Evaluate runs annotate over every gold article (its text as the body,
// with its title, outlet and date) and scores the quotes it finds.
func Evaluate(ctx context.Context, goldPath string, annotate func(context.Context, *storyline.Article) error) (Report, error) {
	start := time.Now()
	f, err := os.Open(goldPath)
	if err != nil {
		return Report{}, err
	}
	defer f.Close()
	var r Report
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		var g goldArticle
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return r, fmt.Errorf("%s: %w", goldPath, err)
		}
		a := &storyline.Article{ID: g.ID, Body: g.Text, Title: g.Title, Outlet: g.Outlet,
			Published: storyline.Published{Date: g.Published}}
		if err := annotate(ctx, a); err != nil {
			return r, fmt.Errorf("%s: %w", g.ID, err)
		}
		r.score(g, a.Quotes)
	}
	if err := sc.Err(); err != nil {
		return r, err
	}
	r.finish()
	r.Took = time.Since(start)
	return r, nil
}

var wordRe = regexp.MustCompile(`[\p{L}\p{N}]+`)

func words(s string) map[string]int {
	m := map[string]int{}
	for _, w := range wordRe.FindAllString(strings.ToLower(s), -1) {
		m[w]++
	}
	return m
}

func size(m map[string]int) int {
	n := 0
	for _, c := range m {
		n += c
	}
	return n
}

func overlap(a, b map[string]int) int {
	n := 0
	for w, c := range a {
		n += min(c, b[w])
	}
	return n
}

// matchedPair ties gold quote g to system quote s.
type matchedPair struct{ g, s int }

// match pairs system quotes with gold contents one to one, best overlap
// first: a match shares at least half of the gold's words and half of
// the system's.
func match(g goldArticle, found []storyline.Quote) []matchedPair {
	gw := make([]map[string]int, len(g.Quotes))
	for i, q := range g.Quotes {
		gw[i] = words(q.Content.Text)
	}
	type pair struct {
		matchedPair
		score float64
	}
	var pairs []pair
	for si, q := range found {
		sw := words(q.Text)
		for gi := range g.Quotes {
			o := overlap(gw[gi], sw)
			if o*2 >= size(gw[gi]) && o*2 >= size(sw) && o > 0 {
				pairs = append(pairs, pair{matchedPair{gi, si}, float64(o) / float64(size(gw[gi])+size(sw))})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].score > pairs[j].score })
	usedG, usedS := map[int]bool{}, map[int]bool{}
	var out []matchedPair
	for _, p := range pairs {
		if usedG[p.g] || usedS[p.s] {
			continue
		}
		usedG[p.g], usedS[p.s] = true, true
		out = append(out, p.matchedPair)
	}
	return out
}

func isDirectGold(q goldQuote) bool {
	t := strings.TrimSpace(q.Content.Text)
	return strings.HasPrefix(t, "\"") || strings.HasPrefix(t, "“")
}

// score adds an article's matches to the report.
func (r *Report) score(g goldArticle, found []storyline.Quote) {
	r.Articles++
	r.Gold += len(g.Quotes)
	r.System += len(found)
	for _, q := range g.Quotes {
		if isDirectGold(q) {
			r.DirectGold++
		}
	}
	for _, p := range match(g, found) {
		r.Matched++
		gq := g.Quotes[p.g]
		if isDirectGold(gq) {
			r.DirectFound++
		}
		if gq.Source != nil && gq.Source.Text != "" {
			r.SpeakerChecked++
			if speakerRight(gq, found[p.s].Speaker) {
				r.SpeakerRight++
			}
		}
	}
}

// speakerRight: the system's name or mention shares a word with the gold
// source; where the gold resolves the speaker, the canonical name must
// share a word with it. Function words do not count as shared.
func speakerRight(g goldQuote, sp storyline.Speaker) bool {
	src := contentWords(g.Source.Text)
	sys := contentWords(sp.Name + " " + sp.Mention)
	if !shares(src, sys) {
		return false
	}
	if g.Speaker != "" {
		return shares(contentWords(g.Speaker), contentWords(sp.Name))
	}
	return true
}

var functionWords = map[string]bool{"the": true, "a": true, "an": true, "of": true, "s": true, "and": true, "in": true, "to": true}

func contentWords(s string) map[string]int {
	m := words(s)
	for w := range m {
		if functionWords[w] {
			delete(m, w)
		}
	}
	return m
}

func shares(a, b map[string]int) bool {
	for w := range a {
		if b[w] > 0 {
			return true
		}
	}
	return false
}

func (r *Report) finish() {
	if r.System > 0 {
		r.Precision = float64(r.Matched) / float64(r.System)
	}
	if r.Gold > 0 {
		r.Recall = float64(r.Matched) / float64(r.Gold)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	if r.DirectGold > 0 {
		r.DirectRecall = float64(r.DirectFound) / float64(r.DirectGold)
	}
	if r.SpeakerChecked > 0 {
		r.SpeakerAccuracy = float64(r.SpeakerRight) / float64(r.SpeakerChecked)
	}
}
