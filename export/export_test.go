package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/sqlite"
	"github.com/storyline-news/storyline/storetest"
)

func store(t *testing.T) *sqlite.DB {
	t.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	a := storetest.Article("a1", "Levant Wire", "2017-12-11", "Dmitri Volkov said on Monday at Port Anselm that the base stays.")
	a.Quotes[0].Text = "=HYPERLINK(\"http://evil\") | *not* markdown <b>"
	b := storetest.Article("a2", "Caspian Daily", "2019-06-11", "Talks on the harbour lease resumed on Tuesday in the capital.")
	for _, x := range []*storyline.Article{a, b} {
		if err := db.SaveArticle(ctx, x, []byte(x.Body), "r"+x.ID); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func TestQuotesCSVDefusesFormulas(t *testing.T) {
	var buf bytes.Buffer
	if err := QuotesCSV(context.Background(), &buf, store(t), storyline.QuoteFilter{}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "article" || rows[1][0] != "a1" || rows[1][5] != "Dmitri Volkov" {
		t.Fatalf("rows: %v", rows)
	}
	if !strings.HasPrefix(rows[1][10], "'=") {
		t.Errorf("a formula reached the spreadsheet: %q", rows[1][10])
	}
}

func TestJSONLAndEntitiesCSV(t *testing.T) {
	db := store(t)
	var buf bytes.Buffer
	if err := EntitiesJSONL(context.Background(), &buf, db, storyline.EntityFilter{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	var e map[string]any
	if len(lines) != 2 || json.Unmarshal([]byte(lines[0]), &e) != nil || e["articles"] == nil {
		t.Fatalf("entities JSONL: %q", buf.String())
	}
	buf.Reset()
	if err := ArticlesCSV(context.Background(), &buf, db); err != nil || strings.Count(buf.String(), "\n") != 3 {
		t.Errorf("articles CSV: %v %q", err, buf.String())
	}
}

func TestSpeakerReportEscapesMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := SpeakerReport(context.Background(), &buf, store(t), "Volkov", nil); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	if !strings.Contains(md, "# Statements of Volkov") || !strings.Contains(md, "`a1[50:80]`") {
		t.Errorf("report lacks its heading or its proof links:\n%s", md)
	}
	if strings.Contains(md, "<b>") || strings.Contains(md, "*not*") || strings.Contains(md, ") | *") {
		t.Errorf("hostile text became markup:\n%s", md)
	}
}

func TestFollowTheMoney(t *testing.T) {
	var buf bytes.Buffer
	if err := FollowTheMoney(context.Background(), &buf, store(t)); err != nil {
		t.Fatal(err)
	}
	schemas := map[string]int{}
	ids := map[string]bool{}
	var mentions []ftmEntity
	sc := bufio.NewScanner(&buf)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		var e ftmEntity
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		schemas[e.Schema]++
		ids[e.ID] = true
		if e.Schema == "Mention" {
			mentions = append(mentions, e)
		}
	}
	if schemas["Article"] != 2 || schemas["Person"] != 1 || schemas["Mention"] < 2 {
		t.Fatalf("schemas: %v", schemas)
	}
	for _, m := range mentions {
		for _, ref := range append(m.Properties["document"], m.Properties["resolved"]...) {
			if !ids[ref] {
				t.Errorf("mention points at %s, which is not exported", ref)
			}
		}
	}
}
