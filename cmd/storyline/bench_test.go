package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// EnvBenchArticles sets the corpus size of the bench test, which runs
// only when it is set: it builds the binary and ingests the corpus five
// times (SQLite; PostgreSQL ingest and 1 and 2 workers).
const EnvBenchArticles = "STORYLINE_BENCH_ARTICLES"

var benchRow = regexp.MustCompile(`(?m)^(sqlite|postgres)\s+(ingest|work)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s`)

// TestBench runs the bench command end to end on a small generated
// corpus: every store settles every input, deduplication finds the planted
// copies, and every timed query answers.
func TestBench(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv(EnvBenchArticles))
	if n <= 0 {
		t.Skip("set " + EnvBenchArticles + " (e.g. 300) to run the bench end to end")
	}
	bin := filepath.Join(t.TempDir(), "storyline")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	// No --dir: a folder of its own, which the server's user can reach.
	out, err := exec.Command(bin, "bench", "--n", strconv.Itoa(n), "--stores", "sqlite,postgres", "--workers", "1,2",
		"--queries", "20", "--fast").CombinedOutput()
	t.Logf("%s", out)
	if err != nil {
		t.Fatal(err)
	}
	rows := benchRow.FindAllStringSubmatch(string(out), -1)
	if len(rows) != 4 {
		t.Fatalf("%d result rows, want 4", len(rows))
	}
	for _, r := range rows {
		settled := 0
		for _, f := range r[4:7] {
			k, _ := strconv.Atoi(f)
			settled += k
		}
		if settled != n {
			t.Errorf("%s %s x%s settled %d of %d inputs", r[1], r[2], r[3], settled, n)
		}
	}
	for _, m := range regexp.MustCompile(`(\d+) of (\d+) planted copies found`).FindAllStringSubmatch(string(out), -1) {
		found, planted := atoi(m[1]), atoi(m[2])
		if planted == 0 || found*10 < planted*9 {
			t.Errorf("deduplication found %d of %d planted copies", found, planted)
		}
	}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) > 2 && (strings.HasPrefix(line, "  search") || strings.HasPrefix(line, "  quotes") || strings.HasPrefix(line, "  entity")) {
			if f[len(f)-1] != "0" {
				t.Errorf("failed queries: %s", line)
			}
		}
	}
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
