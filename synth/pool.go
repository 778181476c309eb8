package synth

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/entity"
)

// Pool is the real material articles are recombined from: paragraphs of
// the PolNeAR and Timeline17 articles grouped by topic, the outlets of the
// UCI news slice with their real frequencies, and the people PolNeAR quotes.
// It is read once and never changes, so one Pool serves many generators.
type Pool struct {
	paragraphs []string
	bases      []base
	families   []family
	headlines  []string
	outlets    []string
	outletCum  []int // cumulative headline counts: outlets are drawn as often as they publish
	firsts     []string
	lasts      []string
	nameClass  map[string]nameKind
}

// base is a real article an event is modelled on.
type base struct {
	family     int
	title      string
	published  string // YYYY-MM-DD
	paragraphs []int32
}

// family is a topic (the 2016 election, the BP oil spill...): fillers of
// an article come from its own topic, as a reporter's background would.
type family struct {
	name       string
	paragraphs []int32
}

type nameKind uint8

const (
	firstName nameKind = iota + 1
	lastName
)

// minParagraphs keeps short articles out of the bases: an event's articles
// pick subsets of its base, and a short base has too few subsets to keep
// them apart as near duplicates.
const minParagraphs = 6

// Load reads the pool from the shared data folder (shared/data).
func Load(ctx context.Context, dataDir string) (*Pool, error) {
	p := &Pool{nameClass: map[string]nameKind{}}
	families := map[string]int{}
	for _, f := range []string{"polnear/train.jsonl", "polnear/dev.jsonl", "timelines/timelines-dev.jsonl"} {
		if err := p.readArticles(ctx, filepath.Join(dataDir, f), families); err != nil {
			return nil, err
		}
	}
	if err := p.readOutlets(filepath.Join(dataDir, "events/events-dev.jsonl")); err != nil {
		return nil, err
	}
	names, err := quotedPeople(ctx, filepath.Join(dataDir, "polnear"))
	if err != nil {
		return nil, err
	}
	p.addNames(names)
	if len(p.bases) == 0 || len(p.outlets) == 0 || len(p.lasts) == 0 {
		return nil, fmt.Errorf("synth pool from %s: no articles, outlets or names found", dataDir)
	}
	return p, nil
}

// goldArticle is the part of a gold-format line the pool uses.
type goldArticle struct {
	Title     string `json:"title"`
	Text      string `json:"text"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Story     string `json:"story"`
	Quotes    []struct {
		Source *struct {
			Text string `json:"text"`
		} `json:"source"`
	} `json:"quotes"`
}

func eachGold(ctx context.Context, path string, fn func(*goldArticle) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("synth pool: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for line := 1; sc.Scan(); line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		var g goldArticle
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return fmt.Errorf("synth pool: %s line %d: %w", path, line, err)
		}
		if err := fn(&g); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("synth pool: reading %s: %w", path, err)
	}
	return nil
}

func (p *Pool) readArticles(ctx context.Context, path string, families map[string]int) error {
	return eachGold(ctx, path, func(g *goldArticle) error {
		name := g.Story
		if name == "" {
			name = "polnear"
		}
		fam, ok := families[name]
		if !ok {
			fam = len(p.families)
			families[name] = fam
			p.families = append(p.families, family{name: name})
		}
		paras := splitParagraphs(g.Text, g.Story != "")
		if len(paras) > 0 && sameText(paras[0], g.Title) {
			paras = paras[1:] // PolNeAR texts open with their headline
		}
		b := base{family: fam, title: g.Title, published: g.Published}
		if g.Story != "" {
			b.title = headlineOf(paras)
		}
		for _, para := range paras {
			id := int32(len(p.paragraphs))
			p.paragraphs = append(p.paragraphs, para)
			b.paragraphs = append(b.paragraphs, id)
			p.families[fam].paragraphs = append(p.families[fam].paragraphs, id)
		}
		if len(b.paragraphs) >= minParagraphs && validDay(b.published) {
			p.bases = append(p.bases, b)
		}
		return nil
	})
}

func (p *Pool) readOutlets(path string) error {
	counts := map[string]int{}
	err := eachGold(context.Background(), path, func(g *goldArticle) error {
		outlet := strings.ReplaceAll(strings.TrimSpace(g.Outlet), `\`, "")
		if outlet != "" {
			counts[outlet]++
		}
		if t := strings.TrimSpace(g.Title); t != "" {
			p.headlines = append(p.headlines, t)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for o := range counts {
		p.outlets = append(p.outlets, o)
	}
	sort.Slice(p.outlets, func(i, j int) bool {
		a, b := p.outlets[i], p.outlets[j]
		if counts[a] != counts[b] {
			return counts[a] > counts[b]
		}
		return a < b
	})
	total := 0
	for _, o := range p.outlets {
		total += counts[o]
		p.outletCum = append(p.outletCum, total)
	}
	return nil
}

var twoWordName = regexp.MustCompile(`^([A-Z][a-z]+) ([A-Z][a-z]+)$`)

// quotedPeople finds the people PolNeAR's annotators marked as speakers:
// two-word sources whose surname is also quoted alone ("Trump said"), is
// no plural of a word the texts use ("Republicans"), and that the
// project's recogniser takes for a person, so that groups ("House
// Republicans") and bodies ("Judicial Watch") are left out.
func quotedPeople(ctx context.Context, dir string) ([][2]string, error) {
	pairs := map[[2]string]bool{}
	alone := map[string]bool{}
	var texts []string
	for _, f := range []string{"train.jsonl", "dev.jsonl"} {
		err := eachGold(ctx, filepath.Join(dir, f), func(g *goldArticle) error {
			texts = append(texts, g.Text)
			for _, q := range g.Quotes {
				if q.Source == nil {
					continue
				}
				s := strings.TrimSpace(q.Source.Text)
				if m := twoWordName.FindStringSubmatch(s); m != nil {
					pairs[[2]string{m[1], m[2]}] = true
				} else if !strings.Contains(s, " ") {
					alone[s] = true
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	rec, err := entity.New(entity.Options{})
	if err != nil {
		return nil, err
	}
	words := capitalised(texts)
	var out [][2]string
	for pair := range pairs {
		if alone[pair[1]] && !isPlural(pair[1], words) && isPerson(ctx, rec, pair[0]+" "+pair[1]) {
			out = append(out, pair)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0]+out[i][1] < out[j][0]+out[j][1] })
	return out, nil
}

// isPlural reports whether w is the plural of a word the texts use.
func isPlural(w string, words map[string]bool) bool {
	singular, ok := strings.CutSuffix(w, "s")
	return ok && words[singular]
}

// capitalised collects the capitalised words of texts.
func capitalised(texts []string) map[string]bool {
	words := map[string]bool{}
	for _, t := range texts {
		for _, w := range strings.FieldsFunc(t, func(c rune) bool { return !unicode.IsLetter(c) }) {
			if c, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(c) {
				words[w] = true
			}
		}
	}
	return words
}

func isPerson(ctx context.Context, rec *entity.Recognizer, name string) bool {
	a := &storyline.Article{Body: "On Monday, " + name + " said the plan would work."}
	if err := rec.Annotate(ctx, a); err != nil {
		return false
	}
	for _, e := range a.Entities {
		if e.Type == storyline.EntityPerson && e.Name == name {
			return true
		}
	}
	return false
}

func (p *Pool) addNames(names [][2]string) {
	for _, n := range names {
		if p.nameClass[n[0]] == 0 {
			p.nameClass[n[0]] = firstName
			p.firsts = append(p.firsts, n[0])
		}
		if p.nameClass[n[1]] == 0 {
			p.nameClass[n[1]] = lastName
			p.lasts = append(p.lasts, n[1])
		}
	}
}

// ptb undoes the Penn Treebank tokenisation of the Timeline17 texts, so
// that they read like the scraped text they were.
var ptb = strings.NewReplacer(
	"-LRB- ", "(", " -RRB-", ")", "-LRB-", "(", "-RRB-", ")", "-LSB- ", "[", " -RSB-", "]",
	"`` ", "“", " ''", "”", "``", "“", "''", "”", " n't", "n't", " 's ", "'s ", " 're ", "'re ",
	" 've ", "'ve ", " 'll ", "'ll ", " 'd ", "'d ", " 'm ", "'m ", " ,", ",", " .", ".", " ;", ";",
	" :", ":", " ?", "?", " !", "!", " %", "%", "$ ", "$",
)

// splitParagraphs gives a text's paragraphs. Timeline17 texts hold one
// tokenised sentence a line: they are detokenised and grouped three
// sentences to a paragraph, as a news page would set them.
func splitParagraphs(text string, tokenised bool) []string {
	var out []string
	if !tokenised {
		for _, para := range strings.Split(text, "\n\n") {
			if para = strings.TrimSpace(para); para != "" {
				out = append(out, para)
			}
		}
		return out
	}
	var sentences []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(ptb.Replace(line)); line != "" {
			sentences = append(sentences, line)
		}
	}
	for i := 0; i < len(sentences); i += 3 {
		out = append(out, strings.Join(sentences[i:min(i+3, len(sentences))], " "))
	}
	return out
}

func sameText(a, b string) bool {
	return strings.TrimRight(strings.TrimSpace(a), ".") == strings.TrimRight(strings.TrimSpace(b), ".")
}

// headlineOf makes a headline of an article's first sentence.
func headlineOf(paras []string) string {
	if len(paras) == 0 {
		return ""
	}
	words := strings.Fields(paras[0])
	if len(words) > 14 {
		words = words[:14]
	}
	return strings.TrimRight(strings.Join(words, " "), ".,;:")
}

func validDay(s string) bool {
	return len(s) == 10 && s[4] == '-' && s[7] == '-'
}
