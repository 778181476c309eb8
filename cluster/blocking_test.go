package cluster

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/shared"
)

// The blocking below proposes the article pairs a person then judges by
// hand when labelling the PolNeAR event set (testdata/README.md). It is
// deliberately independent of the clusterer: no TF-IDF, no stemming, no
// entity package, only capitalised names in the lead, title bigrams, their
// rarity across the set, and the publication days.
const (
	blockDays        = 3    // at most this many days apart
	blockLeadBytes   = 1200 // names are read from the title and this much of the body
	blockRareName    = 12   // a name is rare in at most this many articles
	blockRareBigram  = 5    // a title bigram is rare in at most this many titles
	blockLongNameLen = 2    // names of this many words or more count on their own
	// Three shared names of moderate rarity also propose a pair: a primary
	// night or a debate is told with names that recur all year.
	blockCommonName = 40
	blockCommonMany = 3
)

type candidatePair struct {
	a, b   int
	shared []string
}

func blockingPairs(items []goldItem) []candidatePair {
	keys := make([]map[string]bool, len(items))
	df := map[string]int{}
	for i, it := range items {
		keys[i] = blockingKeys(it)
		for k := range keys[i] {
			df[k]++
		}
	}
	var out []candidatePair
	for i := range items {
		di, err := time.Parse(time.DateOnly, items[i].Published)
		if err != nil {
			continue
		}
		for j := i + 1; j < len(items); j++ {
			dj, err := time.Parse(time.DateOnly, items[j].Published)
			if err != nil || absDays(di, dj) > blockDays {
				continue
			}
			var shared, common []string
			for k := range keys[i] {
				switch {
				case !keys[j][k]:
				case df[k] <= rareLimit(k):
					shared = append(shared, k)
				case strings.HasPrefix(k, "name:") && df[k] <= blockCommonName:
					common = append(common, k)
				}
			}
			if len(common) >= blockCommonMany {
				shared = append(shared, common...)
			}
			if len(shared) > 0 {
				sort.Strings(shared)
				out = append(out, candidatePair{i, j, shared})
			}
		}
	}
	return out
}

func absDays(a, b time.Time) int {
	d := int(a.Sub(b).Hours() / 24)
	if d < 0 {
		return -d
	}
	return d
}

func rareLimit(key string) int {
	if strings.HasPrefix(key, "title:") {
		return blockRareBigram
	}
	return blockRareName
}

// blockingKeys are an article's names ("name:hillary clinton") and title
// bigrams ("title:deportation force").
func blockingKeys(it goldItem) map[string]bool {
	keys := map[string]bool{}
	// The body opens with the title again; its capitals are headline
	// style, not names.
	lead := strings.TrimPrefix(strings.TrimSpace(it.Text), strings.TrimSpace(it.Title))
	if len(lead) > blockLeadBytes {
		lead = lead[:blockLeadBytes]
	}
	for _, n := range capitalisedNames(lead) {
		keys["name:"+n] = true
	}
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(it.Title), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !blockStop[w] {
			words = append(words, w)
		}
	}
	for i := 1; i < len(words); i++ {
		keys["title:"+words[i-1]+" "+words[i]] = true
	}
	return keys
}

// capitalisedNames finds runs of capitalised words in running text; a
// single word counts only away from the start of a sentence, where a
// capital says "name" rather than "sentence". Runs of two words or more
// count whole, and so does each of their words, so that "Kelly Ayotte"
// meets a later "Ayotte".
func capitalisedNames(text string) []string {
	var out, run []string
	atStart, runAtStart := true, false
	flush := func() {
		switch {
		case len(run) >= blockLongNameLen:
			out = append(out, strings.ToLower(strings.Join(run, " ")))
			for _, w := range run {
				if len(w) >= 4 {
					out = append(out, strings.ToLower(w))
				}
			}
		case len(run) == 1 && !runAtStart:
			out = append(out, strings.ToLower(run[0]))
		}
		run = run[:0]
	}
	for _, f := range strings.Fields(text) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		r, _ := utf8.DecodeRuneInString(w)
		if w != "" && unicode.IsUpper(r) && !blockStop[strings.ToLower(w)] {
			if len(run) == 0 {
				runAtStart = atStart
			}
			run = append(run, w)
		} else {
			flush()
		}
		atStart = false
		if strings.ContainsAny(f[len(f)-1:], ".!?:\"”") {
			flush()
			atStart = true
		}
	}
	flush()
	return out
}

var blockStop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but of in on at to for from by with as is are was were be been it its
	this that these those he she they we you i his her their our my your him them us me not no yes so if then than when what
	who whom which where why how all any some just now new says said say after before over into about up down out off more
	most also will would could should can may might must has have had do does did mr mrs ms dr`) {
		m[w] = true
	}
	return m
}()

func readPolNeAR(tb testing.TB) []goldItem {
	var items []goldItem
	for _, rel := range []string{"data/polnear/train.jsonl", "data/polnear/dev.jsonl"} {
		p, err := shared.Path(rel)
		if err != nil {
			tb.Skip(err)
		}
		its, err := readGold(p)
		if err != nil {
			tb.Fatal(err)
		}
		items = append(items, its...)
	}
	streamOrder(items)
	return items
}

// TestLabelsAreWholeEvents checks the labelled set against its own
// criteria: every PolNeAR article labelled, no event of one article, and
// no event spread over more days than a happening and its coverage take.
func TestLabelsAreWholeEvents(t *testing.T) {
	items := readPolNeAR(t)
	gold, err := readLabels("testdata/polnear-events.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != len(items) {
		t.Errorf("%d labels for %d articles", len(gold), len(items))
	}
	first, last, size := map[string]string{}, map[string]string{}, map[string]int{}
	for _, it := range items {
		g, ok := gold[it.ID]
		if !ok {
			t.Errorf("article %s has no label", it.ID)
			continue
		}
		size[g]++
		if first[g] == "" || it.Published < first[g] {
			first[g] = it.Published
		}
		last[g] = max(last[g], it.Published)
	}
	for g, n := range size {
		if strings.HasPrefix(g, "self:") {
			continue
		}
		if n < 2 {
			t.Errorf("event %s has a single article", g)
		}
		a, _ := time.Parse(time.DateOnly, first[g])
		b, _ := time.Parse(time.DateOnly, last[g])
		if days := absDays(a, b); days > 7 {
			t.Errorf("event %s spans %d days", g, days)
		}
	}
}

// TestPrintCandidatePairs writes the candidate pairs, with titles and
// leads, to the file named by STORYLINE_PAIRS, for a person to judge. The
// file holds article text: keep it out of the repository.
func TestPrintCandidatePairs(t *testing.T) {
	out := os.Getenv("STORYLINE_PAIRS")
	if out == "" {
		t.Skip("set STORYLINE_PAIRS=/tmp/pairs.txt to print the candidate pairs for labelling")
	}
	items := readPolNeAR(t)
	pairs := blockingPairs(items)
	var b strings.Builder
	for n, p := range pairs {
		fmt.Fprintf(&b, "## pair %d  shared: %s\n", n+1, strings.Join(p.shared, " | "))
		for _, i := range []int{p.a, p.b} {
			fmt.Fprintf(&b, "%s  %s\n  %s\n  %s\n", items[i].Published, items[i].ID, items[i].Title, leadOf(items[i].Text, 500))
		}
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d articles, %d candidate pairs written to %s", len(items), len(pairs), out)
}

func leadOf(text string, n int) string {
	s := strings.Join(strings.Fields(text), " ")
	for len(s) > n && !utf8.RuneStart(s[n]) {
		n--
	}
	if len(s) > n {
		s = s[:n]
	}
	return s
}
