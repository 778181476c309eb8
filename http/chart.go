package http

import (
	"fmt"
	"html/template"
	"sort"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// series counts items per week, for the attention chart.
type series struct {
	Name   string
	Class  string
	Counts map[string]int
}

func newSeries(name, class string) *series {
	return &series{Name: name, Class: class, Counts: map[string]int{}}
}

func (s *series) add(day string) {
	if w, ok := corpus.WeekOf(day); ok {
		s.Counts[w]++
	}
}

// weeklySeries turns a store's counts per week into the chart's two
// series: quotes as bars, articles as a line.
func weeklySeries(weeks []storyline.WeekCount, quotesName string) []*series {
	quotes, articles := newSeries(quotesName, "bar-quotes"), newSeries("articles", "line-articles")
	for _, w := range weeks {
		quotes.Counts[w.Week] += w.Quotes
		articles.Counts[w.Week] += w.Articles
	}
	return []*series{quotes, articles}
}

// attentionChart draws weekly counts as an inline SVG: bars for the first
// series, a line for the second, years marked below. Server-side, so it
// needs no script and passes the strict CSP; the numbers are in <title>
// elements for readers. Empty weeks draw nothing, which keeps a chart of
// ten years of weeks small.
func attentionChart(all ...*series) template.HTML {
	weeks := map[string]bool{}
	peaks := make([]int, len(all))
	for i, s := range all {
		peaks[i] = 1
		for w, n := range s.Counts {
			if n > 0 {
				weeks[w] = true
				peaks[i] = max(peaks[i], n)
			}
		}
	}
	if len(weeks) == 0 {
		return ""
	}
	ordered := fillWeeks(weeks)
	const width, height, pad = 720.0, 160.0, 24.0
	step := (width - 2*pad) / float64(len(ordered))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-label="attention per week">`, width, height)
	var peakNote []string
	for si, s := range all {
		// Each series on its own scale: a corpus has many more quotes than
		// articles, and one scale would flatten the articles' line.
		y := func(n int) float64 { return height - pad - (height-2*pad)*float64(n)/float64(peaks[si]) }
		peakNote = append(peakNote, fmt.Sprintf("%d %s", peaks[si], s.Name))
		var line []string
		for i, w := range ordered {
			n := s.Counts[w]
			x := pad + float64(i)*step
			switch {
			case si > 0:
				line = append(line, fmt.Sprintf("%.1f,%.1f", x+step/2, y(n)))
			case n > 0:
				fmt.Fprintf(&b, `<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>week of %s: %d %s</title></rect>`,
					s.Class, x, y(n), max(step*0.85, 0.8), height-pad-y(n), w, n, template.HTMLEscapeString(s.Name))
			}
		}
		if len(line) > 1 {
			fmt.Fprintf(&b, `<polyline class="%s" points="%s"><title>%s per week</title></polyline>`,
				s.Class, strings.Join(line, " "), template.HTMLEscapeString(s.Name))
		}
	}
	axis(&b, ordered, pad, step, height)
	fmt.Fprintf(&b, `<text x="%.0f" y="14" class="axis">peak a week: %s</text></svg>`, pad, template.HTMLEscapeString(strings.Join(peakNote, ", ")))
	return template.HTML(b.String())
}

// axis labels the weeks: a tick and the year where a year begins, or the
// first and last week when the chart spans less than two years.
func axis(b *strings.Builder, weeks []string, pad, step, height float64) {
	var years []int
	for i := range weeks {
		if i == 0 || weeks[i][:4] != weeks[i-1][:4] {
			years = append(years, i)
		}
	}
	if len(years) < 3 || len(years) > 30 {
		fmt.Fprintf(b, `<text x="%.0f" y="%.0f" class="axis">%s</text><text x="%.0f" y="%.0f" class="axis" text-anchor="end">%s</text>`,
			pad, height-4, weeks[0], pad+step*float64(len(weeks)), height-4, weeks[len(weeks)-1])
		return
	}
	lastLabel := -100.0
	for _, i := range years[1:] {
		x := pad + step*float64(i)
		if x-lastLabel < 34 { // a year label is about 30 units wide
			continue
		}
		lastLabel = x
		fmt.Fprintf(b, `<line class="tick" x1="%.1f" y1="%.0f" x2="%.1f" y2="%.0f"></line><text x="%.1f" y="%.0f" class="axis" text-anchor="middle">%s</text>`,
			x, height-pad, x, height-pad+5, x, height-6, weeks[i][:4])
	}
}

// maxFilledWeeks bounds a chart drawn week by week (about twenty years);
// beyond it a stray date far off would squeeze the rest into a line, so
// only the weeks with something in them are drawn.
const maxFilledWeeks = 1100

// fillWeeks lists every week from the first to the last, so quiet weeks
// show as gaps.
func fillWeeks(weeks map[string]bool) []string {
	keys := make([]string, 0, len(weeks))
	for w := range weeks {
		keys = append(keys, w)
	}
	sort.Strings(keys)
	first, _ := time.Parse("2006-01-02", keys[0])
	last, _ := time.Parse("2006-01-02", keys[len(keys)-1])
	if last.Sub(first) > maxFilledWeeks*7*24*time.Hour {
		return keys
	}
	var out []string
	for t := first; !t.After(last); t = t.AddDate(0, 0, 7) {
		out = append(out, t.Format("2006-01-02"))
	}
	return out
}
