package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/internal/shared"
	"github.com/storyline-news/storyline/sqlite"
)

// run executes the CLI in-process, as a user would from a shell.
func run(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	root := newRoot()
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(args)
	err = root.ExecuteContext(context.Background())
	return out.String(), errOut.String(), err
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const article1 = `Home | World | Middle East
Minister Says Naval Base Will Stay - Levant Wire
By Jana Petrova
MOSCOW (Levant Wire) — Defence Minister Dmitri Volkov said on Monday that the naval base at Port Anselm would stay for as long as necessary.
"We are not going anywhere," Volkov told reporters in the capital after the talks.
Subscribe
`

func TestIngestBadInputsAndIdempotency(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"good/a-one.txt":   article1,
		"good/b-copy.txt":  strings.Replace(article1, "Minister Says Naval Base Will Stay", "Base to Stay, Says Volkov", 1),
		"good/page.html":   `<html><head><title>Lease talks resume</title></head><body><article><p>Talks on the lease of the harbour at Port Anselm resumed on Tuesday in the capital, officials of both governments said in a joint statement.</p><p>The next round is planned for March.</p></article></body></html>`,
		"bad/empty.txt":    "",
		"bad/binary.txt":   "\x00\x01\x02\x03binary",
		"bad/broken.jsonl": "{\"id\": \"ok1\", \"text\": \"A good line about the harbour talks that resumed.\"}\n{not json\n",
		"bad/trunc.html":   "<html><body><div><p",
	})
	db := filepath.Join(t.TempDir(), "t.db")
	out, _, err := run(t, "ingest", dir, "--db", db, "-q")
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	if !strings.Contains(out, "8 inputs") || !strings.Contains(out, "1 duplicates") {
		t.Errorf("summary: %s", out)
	}
	stats := func() storyline.Stats {
		out, _, err := run(t, "stats", "--db", db, "--format", "json")
		if err != nil {
			t.Fatal(err)
		}
		var s storyline.Stats
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := stats()
	if s.Articles+s.Duplicates+s.Quarantined != 8 || s.Duplicates != 1 || s.Quarantined < 3 {
		t.Fatalf("every input must be counted once: %+v", s)
	}
	// Ingesting the same inputs again changes nothing.
	if out, _, err := run(t, "ingest", dir, "--db", db, "-q"); err != nil || !strings.Contains(out, "8 already stored") {
		t.Fatalf("second ingest: %v %s", err, out)
	}
	if s2 := stats(); s2.Articles != s.Articles || s2.Quarantined != s.Quarantined || s2.Duplicates != s.Duplicates {
		t.Fatalf("re-ingest changed the counts: %+v -> %+v", s, s2)
	}
	out, _, err = run(t, "quarantine", "--db", db)
	if err != nil || !strings.Contains(out, "binary") || !strings.Contains(out, "empty") || !strings.Contains(out, "bad-json") {
		t.Errorf("quarantine list: %v\n%s", err, out)
	}
	out, _, _ = run(t, "search", "naval base", "--db", db, "--format", "json")
	var res struct {
		Total   int
		Results []storyline.SearchHit
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Total != 1 || res.Results[0].Outlet != "Levant Wire" {
		t.Fatalf("search: %v %s", err, out)
	}
	show, _, err := run(t, "show", res.Results[0].ID, "--db", db)
	if err != nil || !strings.Contains(show, `"title": "Minister Says Naval Base Will Stay"`) || strings.Contains(show, "Subscribe\\n") {
		t.Errorf("show: %v %s", err, show)
	}
	raw, _, err := run(t, "show", res.Results[0].ID, "--raw", "--db", db)
	if err != nil || raw != article1 {
		t.Errorf("raw input not kept verbatim: %q", raw)
	}
}

func TestExtractPrintsContractJSON(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.txt": article1, "b.txt": ""})
	out, errOut, err := run(t, "extract", "--format", "jsonl", filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"))
	if err == nil || !strings.Contains(errOut, "b.txt") || !strings.Contains(errOut, "empty") {
		t.Errorf("a bad input must be named on stderr and set the exit status: %v %q", err, errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &doc); err != nil {
		t.Fatalf("not one JSON line: %v\n%s", err, out)
	}
	for _, key := range []string{"schema", "id", "source", "title", "outlet", "byline", "dateline", "language", "published",
		"body", "removed", "entities", "quotes", "timexes", "events"} {
		if _, ok := doc[key]; !ok {
			t.Errorf("contract field %q missing", key)
		}
	}
	if doc["outlet"] != "Levant Wire" || doc["dateline"] != "MOSCOW" || doc["byline"] != "Jana Petrova" {
		t.Errorf("metadata: %v %v %v", doc["outlet"], doc["dateline"], doc["byline"])
	}
}

// TestPolNeARDevAsACorpus ingests the real PolNeAR dev articles: every one
// is stored under its own id, none is lost, and search finds their words.
func TestPolNeARDevAsACorpus(t *testing.T) {
	path, err := shared.Path("data/polnear/dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	type gold struct{ ID, Text, Title string }
	var docs []gold
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var g gold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, g)
	}
	f.Close()
	db := filepath.Join(t.TempDir(), "polnear.db")
	if out, _, err := run(t, "ingest", path, "--db", db, "-q"); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, _ := st.Stats(context.Background())
	if s.Articles+s.Duplicates != len(docs) || s.Quarantined != 0 {
		t.Fatalf("%d gold articles, stored %+v", len(docs), s)
	}
	for _, g := range docs[:20] {
		a, err := st.Article(context.Background(), g.ID)
		if err != nil {
			t.Fatalf("article %s lost: %v", g.ID, err)
		}
		if a.Source != g.ID {
			t.Errorf("source of %s = %q, want the id echoed", g.ID, a.Source)
		}
		words := strings.Fields(g.Text)
		phrase := strings.Join(words[len(words)/2:len(words)/2+4], " ")
		res, err := st.Search(context.Background(), storyline.SearchQuery{Text: `"` + phrase + `"`, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, h := range res.Results {
			found = found || h.ID == g.ID || h.ID == a.DuplicateOf
		}
		if !found {
			t.Errorf("search for %q does not find %s", phrase, g.ID)
		}
	}
}

// TestCorpusCommandsOnTheDemo runs every corpus command over the demo
// corpus and checks the contract's JSON shapes.
func TestCorpusCommandsOnTheDemo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if out, _, err := run(t, "ingest", "../../demo", "--db", db, "-q"); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	list := func(args ...string) map[string]json.RawMessage {
		t.Helper()
		out, _, err := run(t, append(args, "--db", db, "--format", "json")...)
		if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatalf("%v: not JSON: %v\n%s", args, err, out)
		}
		if string(m["schema"]) != "1" {
			t.Errorf("%v: schema %s", args, m["schema"])
		}
		return m
	}
	var quotes []storyline.QuoteRecord
	if err := json.Unmarshal(list("quotes", "--speaker", "Volkov")["quotes"], &quotes); err != nil || len(quotes) == 0 || quotes[0].Article == "" {
		t.Errorf("quotes: %v %+v", err, quotes)
	}
	var ents []storyline.EntityRecord
	if err := json.Unmarshal(list("entities", "--query", "anselm")["entities"], &ents); err != nil || len(ents) == 0 || len(ents[0].Articles) == 0 {
		t.Errorf("entities: %v %+v", err, ents)
	}
	var stories []storyline.Storyline
	if err := json.Unmarshal(list("stories")["storylines"], &stories); err != nil || len(stories) == 0 || len(stories[0].Events) == 0 {
		t.Fatalf("stories: %v %+v", err, stories)
	}
	story := list("story", stories[0].ID, "--key-dates", "3")
	var dates []struct{ Date, Summary, Article string }
	if err := json.Unmarshal(story["key_dates"], &dates); err != nil || len(dates) != 3 || dates[0].Summary == "" || dates[0].Date > dates[2].Date {
		t.Errorf("story key dates: %v %s", err, story["key_dates"])
	}
	splitStoryAndMergeItBack(t, db, list, stories[0])
	var timeline []storyline.TimelineEntry
	if err := json.Unmarshal(list("timeline", "--entity", "Volkov")["timeline"], &timeline); err != nil || len(timeline) == 0 {
		t.Errorf("timeline: %v", err)
	}
	if _, ok := list("shifts")["shifts"]; !ok {
		t.Error("shifts: no list")
	}
	for _, format := range []string{"text", "jsonl"} {
		for _, cmd := range [][]string{{"quotes"}, {"entities"}, {"stories"}, {"timeline"}, {"shifts"}, {"quarantine"}} {
			if _, _, err := run(t, append(cmd, "--db", db, "--format", format)...); err != nil {
				t.Errorf("%v --format %s: %v", cmd, format, err)
			}
		}
	}
	if _, _, err := run(t, "quotes", "--db", db, "--from", "last week"); err == nil {
		t.Error("a bad date was accepted")
	}
	out, _, err := run(t, "export", "--format", "csv", "--what", "quotes", "--db", db)
	if err != nil || !strings.HasPrefix(out, "article,outlet,") {
		t.Errorf("export csv: %v %.80q", err, out)
	}
}

// splitStoryAndMergeItBack records a user's split of an event off a
// storyline, sees it as a storyline of its own, and merges it back.
func splitStoryAndMergeItBack(t *testing.T, db string, list func(...string) map[string]json.RawMessage, s storyline.Storyline) {
	t.Helper()
	ev := s.Events[len(s.Events)-1].ID
	if _, _, err := run(t, "stories", "split", s.ID, ev, "--db", db); err != nil {
		t.Fatal(err)
	}
	var after []storyline.Storyline
	_ = json.Unmarshal(list("stories")["storylines"], &after)
	split := storyline.SplitID(s.ID, ev)
	found := false
	for _, st := range after {
		found = found || st.ID == split && len(st.Events) == 1 && st.Events[0].ID == ev
	}
	if !found {
		t.Fatalf("after the split no storyline %s holds only %s: %+v", split, ev, after)
	}
	if _, _, err := run(t, "stories", "merge", split, s.ID, "--db", db); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal(list("stories")["storylines"], &after)
	for _, st := range after {
		if st.ID == split {
			t.Errorf("storyline %s still stands after merging it back", split)
		}
	}
}

// Shifts are recomputed for the speakers an ingest quotes, over all their
// statements: after two ingests they must be what a recomputation over the
// whole corpus gives, and the second ingest must have changed them.
func TestShiftsFollowIncrementalIngests(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "twice.db")
	shifts := func() string {
		t.Helper()
		out, _, err := run(t, "shifts", "--db", db, "--format", "json")
		if err != nil {
			t.Fatal(err)
		}
		var m struct{ Shifts []storyline.Shift }
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, s := range m.Shifts {
			keys = append(keys, s.Speaker+" "+s.From.Article+" "+s.To.Article)
		}
		sort.Strings(keys)
		return strings.Join(keys, "\n")
	}
	if _, _, err := run(t, "ingest", "--db", db, "-q", "../../demo/caspian-daily", "../../demo/anselm-notes-blog"); err != nil {
		t.Fatal(err)
	}
	first := shifts()
	if _, _, err := run(t, "ingest", "--db", db, "-q", "../../demo"); err != nil {
		t.Fatal(err)
	}
	incremental := shifts()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	if err := st.EachArticle(ctx, func(a *storyline.Article) error { all = append(all, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := updateShifts(ctx, st, all); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if whole := shifts(); incremental != whole || incremental == first {
		t.Errorf("after the first ingest:\n%s\nafter the second:\n%s\nrecomputed over the corpus:\n%s", first, incremental, whole)
	}
}

// TestPeopleLinkedAcrossIngests: a later ingest links a bare surname to
// the full-named person an earlier ingest stored.
func TestPeopleLinkedAcrossIngests(t *testing.T) {
	db := filepath.Join(t.TempDir(), "people.db")
	first := writeFiles(t, map[string]string{"first.txt": article1})
	later := writeFiles(t, map[string]string{"later.txt": "Volkov said the harbour would stay open to foreign ships for another year.\n"})
	for _, dir := range []string{first, later} {
		if _, _, err := run(t, "ingest", "--db", db, "-q", dir); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := run(t, "quotes", "--db", db, "--speaker", "Dmitri Volkov", "--format", "json")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "harbour would stay open") {
		t.Errorf("the later article's Volkov quote is not Dmitri Volkov's:\n%s", out)
	}
}
