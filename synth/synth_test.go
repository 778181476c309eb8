package synth

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/dedup"
	"github.com/storyline-news/storyline/htmlclean"
	"github.com/storyline-news/storyline/input"
	"github.com/storyline-news/storyline/internal/shared"
	"github.com/storyline-news/storyline/pipeline"
	"github.com/storyline-news/storyline/textclean"
)

var (
	poolOnce sync.Once
	pool     *Pool
	poolErr  error
)

func testPool(t *testing.T) *Pool {
	t.Helper()
	poolOnce.Do(func() {
		dir, err := shared.Dir()
		if err != nil {
			poolErr = err
			return
		}
		pool, poolErr = Load(context.Background(), filepath.Join(dir, "data"))
	})
	if poolErr != nil {
		t.Fatal(poolErr)
	}
	return pool
}

func corpus(t *testing.T, opts Options, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := New(testPool(t), opts).WriteJSONL(context.Background(), &buf, n); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPoolHoldsRealMaterial(t *testing.T) {
	p := testPool(t)
	if len(p.bases) < 1000 || len(p.families) < 4 || len(p.outlets) < 500 || len(p.lasts) < 30 {
		t.Fatalf("pool too small: %d bases, %d topics, %d outlets, %d surnames", len(p.bases), len(p.families), len(p.outlets), len(p.lasts))
	}
	for _, group := range []string{"Republicans", "Watch", "News"} {
		if p.nameClass[group] == lastName {
			t.Errorf("%q taken for a surname", group)
		}
	}
	if p.nameClass["Clinton"] != lastName || p.nameClass["Hillary"] != firstName {
		t.Errorf("PolNeAR's most quoted person is not in the name pool")
	}
}

func TestSameSeedSameCorpus(t *testing.T) {
	opts := DefaultOptions(7)
	a, b := corpus(t, opts, 300), corpus(t, opts, 300)
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with one seed differ")
	}
	opts.Seed = 8
	if bytes.Equal(a, corpus(t, opts, 300)) {
		t.Fatal("another seed gives the same corpus")
	}
	// Random access: article i alone is the i-th line of the stream.
	lines := bytes.Split(bytes.TrimSpace(a), []byte("\n"))
	g := New(testPool(t), DefaultOptions(7))
	for _, i := range []int{0, 1, 150, 299} {
		var got Article
		if err := json.Unmarshal(lines[i], &got); err != nil {
			t.Fatal(err)
		}
		if want := g.Article(i); got != want {
			t.Errorf("article %d alone differs from the stream's", i)
		}
	}
}

func TestCorpusReadsAsInput(t *testing.T) {
	data := corpus(t, DefaultOptions(3), 200)
	path := filepath.Join(t.TempDir(), "c.jsonl")
	g := New(testPool(t), DefaultOptions(3))
	if err := g.Write(context.Background(), path+".gz", nil, 200); err != nil {
		t.Fatal(err)
	}
	if err := g.Write(context.Background(), filepath.Join(t.TempDir(), "dir"), nil, 20); err != nil {
		t.Fatal(err)
	}
	n, html, undated := 0, 0, 0
	err := input.Walk(context.Background(), []string{path + ".gz"}, input.Options{}, func(in *storyline.Input, err error) error {
		if err != nil {
			t.Errorf("generated input unreadable: %v", err)
			return nil
		}
		n++
		if in.Format == storyline.FormatHTML {
			html++
		}
		if in.Published == "" {
			undated++
		}
		return nil
	})
	if err != nil || n != 200 {
		t.Fatalf("read %d of 200 articles: %v", n, err)
	}
	if html == 0 || undated == 0 || html == n {
		t.Errorf("no mix of formats and dates: %d html, %d undated of %d", html, undated, n)
	}
	if bytes.Count(data, []byte("\n")) != 200 {
		t.Error("not one article a line")
	}
}

// TestStreamsInConstantMemory generates ten times more articles and
// checks the heap did not grow with them: nothing is kept per article.
func TestStreamsInConstantMemory(t *testing.T) {
	g := New(testPool(t), DefaultOptions(1))
	heap := func(n int) uint64 {
		if err := g.WriteJSONL(context.Background(), io.Discard, n); err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	small := heap(300)
	large := heap(3000) // about 12 MB of articles
	if large > small+4<<20 {
		t.Fatalf("heap grew from %d to %d bytes with 10x the articles", small, large)
	}
}

// TestCopiesAtTheirRates checks the planted copies through the real text
// and HTML cleaners (having learnt each outlet's repeated lines, as ingest
// does) and the real fingerprints: every exact copy has its original's
// body, nearly every syndicated copy is within near distance of it, and
// originals do not collapse into each other.
func TestCopiesAtTheirRates(t *testing.T) {
	const n = 1000
	opts := DefaultOptions(11)
	g := New(testPool(t), opts)
	stats := textclean.NewLineStats()
	p := &pipeline.Pipeline{Text: textclean.New(stats), HTML: htmlclean.New()}
	var inputs []*storyline.Input
	var arts []Article
	err := g.Each(context.Background(), n, func(i int, a *Article) error {
		in := &storyline.Input{ID: a.ID, Source: a.ID, Outlet: a.Outlet, Title: a.Title, URL: a.URL, Published: a.Published,
			Format: storyline.FormatText, Text: a.Text, Group: a.Outlet}
		if a.HTML != "" {
			in.Format, in.Text = storyline.FormatHTML, a.HTML
		} else {
			stats.Add(in.Group, in.Text)
		}
		inputs, arts = append(inputs, in), append(arts, *a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	type print struct {
		hash string
		sim  uint64
	}
	byID := map[string]print{}
	var originals []print
	counts := map[string]int{}
	missed := 0
	for i, in := range inputs {
		art, err := p.Process(context.Background(), in)
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		a, pr := arts[i], print{art.BodyHash, art.SimHash}
		byID[a.ID] = pr
		counts[a.Copy]++
		if a.CopyOf == "" {
			originals = append(originals, pr)
			continue
		}
		orig, ok := byID[a.CopyOf]
		if !ok || arts[indexOf(a.CopyOf)].CopyOf != "" {
			t.Fatalf("%s copies %s, not an earlier original", a.ID, a.CopyOf)
		}
		d := dedup.Distance(orig.sim, pr.sim)
		if a.Copy == CopyExact && orig.hash != pr.hash {
			t.Errorf("exact copy %s of %s has another body (%d bits apart)", a.ID, a.CopyOf, d)
		}
		if d > dedup.NearDistance {
			missed++
		}
	}
	near := 0
	for k, a := range originals {
		for _, b := range originals[:k] {
			if dedup.Distance(a.sim, b.sim) <= dedup.NearDistance {
				near++
				break
			}
		}
	}
	t.Logf("%d articles: %d exact copies, %d syndicated (%d beyond near distance), %d originals near an earlier original",
		n, counts[CopyExact], counts[CopySyndicated], missed, near)
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"exact", float64(counts[CopyExact]) / n, opts.Exact}, {"syndicated", float64(counts[CopySyndicated]) / n, opts.Syndicated}} {
		if c.got < c.want*0.6 || c.got > c.want*1.4 {
			t.Errorf("%s copies: %.3f of articles, want about %.3f", c.name, c.got, c.want)
		}
	}
	if missed*20 > counts[CopySyndicated] {
		t.Errorf("%d of %d syndicated copies too far from their original to be found", missed, counts[CopySyndicated])
	}
	if rate := float64(near) / float64(len(originals)); rate > 0.015 {
		t.Errorf("%.1f%% of originals collapse as near duplicates of another", 100*rate)
	}
	if strings.Contains(string(corpus(t, opts, 50)), "-LRB-") {
		t.Error("Timeline17 tokens left in the text")
	}
}

// indexOf reads the index back from a generated id.
func indexOf(id string) int {
	i, _ := strconv.Atoi(id[strings.LastIndexByte(id, '-')+1:])
	return i
}
