package quote

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/internal/shared"
)

// TestDumpErrors writes, for error study, every gold attribution and every
// system quote of a PolNeAR split with whether it matched, one JSON object
// a line: QUOTE_DUMP=/tmp/train-errors.jsonl QUOTE_SPLIT=train go test
// -run DumpErrors ./quote. Study train, never dev.
func TestDumpErrors(t *testing.T) {
	out := os.Getenv("QUOTE_DUMP")
	if out == "" {
		t.Skip("set QUOTE_DUMP to a file to write")
	}
	split := os.Getenv("QUOTE_SPLIT")
	if split == "" {
		split = "train"
	}
	path, err := shared.Path("data/polnear/" + split + ".jsonl")
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	w, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	enc := json.NewEncoder(w)
	annotate := annotator(t)
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var g goldArticle
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		a := &storyline.Article{ID: g.ID, Body: g.Text, Title: g.Title}
		if err := annotate(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		gm, sm := map[int]int{}, map[int]int{}
		for _, p := range match(g, a.Quotes) {
			gm[p.g], sm[p.s] = p.s, p.g
		}
		for i, q := range g.Quotes {
			rec := map[string]any{"article": g.ID, "side": "gold", "content": q.Content.Text, "speaker": q.Speaker}
			if q.Source != nil {
				rec["source"] = q.Source.Text
			}
			if q.Cue != nil {
				rec["cue"] = q.Cue.Text
			}
			if s, ok := gm[i]; ok {
				rec["matched"], rec["system"] = true, a.Quotes[s].Text
				rec["speaker_right"] = q.Source == nil || q.Source.Text == "" || speakerRight(q, a.Quotes[s].Speaker)
				rec["system_speaker"] = a.Quotes[s].Speaker
			}
			if err := enc.Encode(rec); err != nil {
				t.Fatal(err)
			}
		}
		for i, q := range a.Quotes {
			rec := map[string]any{"article": g.ID, "side": "system", "content": q.Text, "kind": q.Kind, "cue": q.Cue,
				"mention": q.Speaker.Mention, "name": q.Speaker.Name, "start": q.Start, "end": q.End, "sstart": q.Speaker.Start,
				"context": g.Text[max(0, min(q.Start, q.Speaker.Start)-150):min(len(g.Text), max(q.End, q.Speaker.End)+30)]}
			if gi, ok := sm[i]; ok {
				rec["matched"], rec["gold"] = true, g.Quotes[gi].Content.Text
			}
			if err := enc.Encode(rec); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestEvaluateFile prints the figures on any gold file, for study:
// QUOTE_EVAL=../shared/data/polnear/train.jsonl go test -run EvaluateFile -v ./quote
func TestEvaluateFile(t *testing.T) {
	path := os.Getenv("QUOTE_EVAL")
	if path == "" {
		t.Skip("set QUOTE_EVAL to a gold file")
	}
	r, err := Evaluate(context.Background(), path, annotator(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s:\n%s", path, r)
}

// TestShowQuotes prints the quotes found in QUOTE_TEXT, for study.
func TestShowQuotes(t *testing.T) {
	body := os.Getenv("QUOTE_TEXT")
	if body == "" {
		t.Skip("set QUOTE_TEXT to a text")
	}
	a := &storyline.Article{Body: body}
	if err := annotator(t)(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	for _, e := range a.Entities {
		t.Logf("entity %s %s %q roles %q", e.ID, e.Type, e.Name, e.Roles)
	}
	for _, q := range a.Quotes {
		t.Logf("%s | %s | %s / %s | %s | %s", q.Kind, q.Text, q.Speaker.Name, q.Speaker.Mention, q.Cue, q.Medium)
	}
}
