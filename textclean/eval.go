package textclean

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/storyline-news/storyline"
)

// goldPage is the expected result for one junk-carrying page.
type goldPage struct {
	Title     string   `json:"title"`
	Outlet    string   `json:"outlet"`
	Dateline  string   `json:"dateline"`
	Byline    string   `json:"byline"`
	Published string   `json:"published"`
	BodyLines []string `json:"body_lines"`
	Part      string   `json:"part"` // dev, or heldout: written after the rules were frozen
}

// Report counts what the cleaner got right on a gold set.
type Report struct {
	Pages                               int
	JunkLines, JunkLeft                 int
	RealLines, RealLost                 int
	Titles, Outlets, Datelines, Bylines int
	Dates                               int
	Problems                            []string
}

func (r Report) String() string {
	share := func(n, of int) float64 { return float64(n) / float64(max(of, 1)) }
	var b strings.Builder
	fmt.Fprintf(&b, "  pages %d: junk lines left %d of %d (%.3f), real lines lost %d of %d (%.3f)\n",
		r.Pages, r.JunkLeft, r.JunkLines, share(r.JunkLeft, r.JunkLines), r.RealLost, r.RealLines, share(r.RealLost, r.RealLines))
	fmt.Fprintf(&b, "  titles right %d/%d, outlets %d/%d, datelines %d/%d, bylines %d/%d, header dates %d/%d\n",
		r.Titles, r.Pages, r.Outlets, r.Pages, r.Datelines, r.Pages, r.Bylines, r.Pages, r.Dates, r.Pages)
	return b.String()
}

// GoldReport holds the figures per part of the gold set.
type GoldReport struct {
	Dev, HeldOut Report
}

func (g GoldReport) String() string {
	return "plain-text cleaning, gold pages written for the project\n dev part:\n" + g.Dev.String() +
		" held-out part (site styles written after the rules were frozen):\n" + g.HeldOut.String()
}

// Evaluate cleans every NAME.txt in dir and compares it with NAME.json.
// Pages of one outlet form a group, as they would in a folder per site.
func Evaluate(ctx context.Context, dir string) (GoldReport, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return GoldReport{}, err
	}
	sort.Strings(names)
	type page struct {
		in   *storyline.Input
		gold goldPage
	}
	var pages []page
	stats := NewLineStats()
	for _, name := range names {
		text, err := os.ReadFile(name)
		if err != nil {
			return GoldReport{}, err
		}
		var g goldPage
		js, err := os.ReadFile(strings.TrimSuffix(name, ".txt") + ".json")
		if err != nil {
			return GoldReport{}, err
		}
		if err := json.Unmarshal(js, &g); err != nil {
			return GoldReport{}, fmt.Errorf("%s: %w", name, err)
		}
		in := &storyline.Input{Source: filepath.Base(name), Text: string(text), Group: g.Outlet}
		stats.Add(in.Group, in.Text)
		pages = append(pages, page{in, g})
	}
	c := New(stats)
	var out GoldReport
	for _, p := range pages {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		r := &out.Dev
		if p.gold.Part == "heldout" {
			r = &out.HeldOut
		}
		a, err := c.Clean(ctx, p.in)
		if err != nil {
			a = &storyline.Article{}
		}
		r.score(p.in, p.gold, a)
	}
	return out, nil
}

func (r *Report) score(in *storyline.Input, g goldPage, a *storyline.Article) {
	r.Pages++
	real := map[string]bool{}
	for _, l := range g.BodyLines {
		real[normKey(l)] = true
	}
	got := map[string]bool{}
	for _, l := range strings.Split(a.Body, "\n") {
		if k := normKey(l); k != "" {
			got[k] = true
		}
	}
	for _, l := range strings.Split(in.Text, "\n") {
		k := normKey(l)
		switch {
		case k == "":
		case real[k]:
			r.RealLines++
			if !got[k] {
				r.RealLost++
				r.Problems = append(r.Problems, in.Source+": lost: "+l)
			}
		default:
			r.JunkLines++
			if got[k] {
				r.JunkLeft++
				r.Problems = append(r.Problems, in.Source+": left: "+l)
			}
		}
	}
	count := func(n *int, want, have, what string) {
		if strings.EqualFold(strings.TrimSpace(want), strings.TrimSpace(have)) {
			*n++
		} else {
			r.Problems = append(r.Problems, fmt.Sprintf("%s: %s %q, want %q", in.Source, what, have, want))
		}
	}
	count(&r.Titles, g.Title, a.Title, "title")
	count(&r.Outlets, g.Outlet, a.Outlet, "outlet")
	count(&r.Datelines, g.Dateline, a.Dateline, "dateline")
	count(&r.Bylines, g.Byline, a.Byline, "byline")
	count(&r.Dates, g.Published, a.Published.Date, "header date")
}

// NoLossReport says how much of real, already clean article text the
// cleaner would have taken for junk.
type NoLossReport struct {
	Articles, Lines, Lost int
	Examples              []string
}

func (r NoLossReport) String() string {
	return fmt.Sprintf("real lines lost on clean news text: %d of %d (%.4f) over %d articles\n",
		r.Lost, r.Lines, float64(r.Lost)/float64(max(r.Lines, 1)), r.Articles)
}

// EvaluateNoLoss runs the cleaner over real article texts that carry no
// junk (the PolNeAR gold texts) and counts the real lines it removed.
func EvaluateNoLoss(ctx context.Context, jsonlPath string) (NoLossReport, error) {
	f, err := os.Open(jsonlPath)
	if err != nil {
		return NoLossReport{}, err
	}
	defer f.Close()
	var r NoLossReport
	c := New(nil)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		var doc struct{ ID, Text, Title string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			return r, err
		}
		r.Articles++
		a, err := c.Clean(ctx, &storyline.Input{Source: doc.ID, Text: doc.Text, Title: doc.Title})
		kept := map[string]bool{}
		if err == nil {
			for _, l := range strings.Split(a.Body, "\n") {
				kept[normKey(l)] = true
			}
		}
		for _, l := range strings.Split(doc.Text, "\n") {
			k := normKey(l)
			if k == "" || k == normKey(doc.Title) {
				continue
			}
			r.Lines++
			if !kept[k] {
				r.Lost++
				if len(r.Examples) < 30 {
					r.Examples = append(r.Examples, doc.ID+": "+l)
				}
			}
		}
	}
	return r, sc.Err()
}
