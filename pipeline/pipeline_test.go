package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"os"
	"sync/atomic"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/entity"
	"github.com/storyline-news/storyline/htmlclean"
	"github.com/storyline-news/storyline/internal/shared"
	"github.com/storyline-news/storyline/quote"
	"github.com/storyline-news/storyline/textclean"
	"github.com/storyline-news/storyline/timex"
)

func polnearInputs(tb testing.TB) ([]*storyline.Input, int) {
	return sharedInputs(tb, "data/polnear/dev.jsonl")
}

// sharedInputs reads a gold JSONL of ../shared as plain-text inputs, with
// their total text size.
func sharedInputs(tb testing.TB, rel string) ([]*storyline.Input, int) {
	path, err := shared.Path(rel)
	if err != nil {
		tb.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var ins []*storyline.Input
	size := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var d struct{ ID, Text, Title, Outlet, Published string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			tb.Fatal(err)
		}
		ins = append(ins, &storyline.Input{ID: d.ID, Source: d.ID, Text: d.Text, Title: d.Title, Outlet: d.Outlet,
			Published: d.Published, Format: storyline.FormatText, Raw: []byte(d.Text)})
		size += len(d.Text)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return ins, size
}

func newPipeline() *Pipeline {
	stats := textclean.NewLineStats()
	ents, err := entity.New(entity.Options{})
	if err != nil {
		panic(err)
	}
	return &Pipeline{Text: textclean.New(stats), HTML: htmlclean.New(), Learn: stats.Add,
		Annotators: []storyline.Annotator{ents, quote.New(), timex.New()}}
}

func TestProcessKeepsInputMetadata(t *testing.T) {
	ins, _ := polnearInputs(t)
	p := newPipeline()
	a, err := p.Process(context.Background(), ins[0])
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != ins[0].ID || a.Source != ins[0].ID || a.Title != ins[0].Title || a.Outlet != ins[0].Outlet ||
		a.Published.Method != storyline.DateMetadata || a.BodyHash == "" || a.SimHash == 0 {
		t.Fatalf("article lost the input's metadata: %+v", a.Published)
	}
}

func TestProcessTurnsPanicsIntoInputErrors(t *testing.T) {
	p := newPipeline()
	p.Annotators = []storyline.Annotator{storyline.AnnotatorFunc(func(context.Context, *storyline.Article) error {
		var stage []int
		_ = stage[len(stage)] // a bug in a stage must not stop the batch
		return nil
	})}
	_, err := p.Process(context.Background(), &storyline.Input{Source: "x.txt", Text: "A line of real article text that is long enough to keep."})
	ie, ok := err.(*storyline.InputError)
	if !ok || ie.Reason != "internal-error" || ie.Source != "x.txt" {
		t.Fatalf("panic not contained: %v", err)
	}
}

// BenchmarkExtract measures the per-article pipeline on the PolNeAR dev
// texts, as `storyline extract` runs it.
func BenchmarkExtract(b *testing.B) {
	ins, size := polnearInputs(b)
	p := newPipeline()
	ctx := context.Background()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, in := range ins {
			if _, err := p.Process(ctx, in); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(size)*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
}

// BenchmarkExtractParallel runs the pipeline on every core, as ingest does.
func BenchmarkExtractParallel(b *testing.B) {
	ins, _ := polnearInputs(b)
	p := newPipeline()
	ctx := context.Background()
	var done atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := p.Process(ctx, ins[i%len(ins)]); err != nil {
				b.Error(err)
			}
			i++
			done.Add(1)
		}
	})
	b.ReportMetric(float64(done.Load())/b.Elapsed().Seconds(), "articles/s")
}

func TestProcessDatesFromTheAddressWhenNothingElseDoes(t *testing.T) {
	body := "The minister said on Friday that the base would stay. The station has served ships since 1971.\n\n" +
		"Officials gave no further details about the plan or its cost to reporters."
	cases := []struct{ source, url, text, want, method string }{
		{"levant-wire/anselm-2015-10-02.txt", "", body, "2015-10-02", storyline.DateMetadata},
		{"crawl/page.txt", "https://example.com/world/2016/03/14/base-stays", body, "2016-03-14", storyline.DateMetadata},
		{"notes/2015-10-02.txt", "", "March 3, 2017\n\n" + body, "2017-03-03", storyline.DateText},
		{"crawl/story-20151002.txt", "", body, "", storyline.DateInferred},
	}
	p := newPipeline()
	for _, c := range cases {
		in := &storyline.Input{Source: c.source, URL: c.url, Text: c.text, Format: storyline.FormatText, Raw: []byte(c.text)}
		a, err := p.Process(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		if c.want != "" && (a.Published.Date != c.want || a.Published.Method != c.method) {
			t.Errorf("%s: published %+v, want %s by %s", c.source, a.Published, c.want, c.method)
		}
		if c.want == "" && a.Published.Method == storyline.DateMetadata {
			t.Errorf("%s: took %+v from an address without a separated date", c.source, a.Published)
		}
	}
}

// TestTimelineArticlesProcessWithoutInternalErrors runs every Timeline17
// dev article (years of news from many outlets, tokenised oddly: "“ It
// 's ... ”") through the pipeline: none may make an annotator panic,
// which would quarantine a good article. One did, in the quote reader.
func TestTimelineArticlesProcessWithoutInternalErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("2,286 articles")
	}
	ins, _ := sharedInputs(t, "data/timelines/timelines-dev.jsonl")
	if len(ins) < 2000 {
		t.Fatalf("read %d articles", len(ins))
	}
	p := newPipeline()
	for _, in := range ins {
		var ie *storyline.InputError
		if _, err := p.Process(context.Background(), in); errors.As(err, &ie) && ie.Reason != "no-text" || err != nil && ie == nil {
			t.Errorf("%s: %v", in.ID, err) // no-text: page furniture alone
		}
	}
}
