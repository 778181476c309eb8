package dedup

import (
	"bufio"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/shared"
)

func TestExactHashIgnoresTypography(t *testing.T) {
	a, _ := Fingerprint("The minister said: “We will stay.”\n\nNothing more.")
	b, _ := Fingerprint("the minister said  \"we will stay\"  nothing more")
	c, _ := Fingerprint("The minister said: “We will leave.”")
	if a != b || a == c {
		t.Fatalf("exact hash: typography should not count, words should")
	}
}

func TestRawIDIsStable(t *testing.T) {
	first, again := RawID([]byte("x")), RawID([]byte("x"))
	if first != again || len(first) != 16 || first == RawID([]byte("y")) {
		t.Fatal("RawID is not a stable 16-hex id of the bytes")
	}
}

// polnearTexts reads real article texts to measure distances on.
func polnearTexts(t *testing.T, n int) []string {
	path, err := shared.Path("data/polnear/train.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() && len(texts) < n {
		var doc struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err == nil && len(strings.Fields(doc.Text)) > 150 {
			texts = append(texts, doc.Text)
		}
	}
	return texts
}

// syndicate makes the copy a second outlet would run after cleaning: its
// own byline line and a footer the cleaner did not catch.
func syndicate(text string) string {
	return "By Staff Reporter, Caspian Daily\n" + strings.TrimSpace(text) +
		"\nCopyright 2016 Caspian Daily. All rights reserved."
}

// TestNearDistanceSeparatesCopiesFromOthers measures SimHash distances on
// real news: every syndicated copy must be within NearDistance, and almost
// no pair of different articles.
func TestNearDistanceSeparatesCopiesFromOthers(t *testing.T) {
	texts := polnearTexts(t, 300)
	var copies, others []int
	hashes := make([]uint64, len(texts))
	for i, text := range texts {
		_, hashes[i] = Fingerprint(text)
		_, c := Fingerprint(syndicate(text))
		copies = append(copies, Distance(hashes[i], c))
	}
	for i := range hashes {
		for j := i + 1; j < len(hashes); j++ {
			others = append(others, Distance(hashes[i], hashes[j]))
		}
	}
	sort.Ints(copies)
	sort.Ints(others)
	missed, false_ := 0, 0
	for _, d := range copies {
		if d > NearDistance {
			missed++
		}
	}
	for _, d := range others {
		if d <= NearDistance {
			false_++
		}
	}
	t.Logf("copies: median %d, p95 %d, max %d; different articles: min %d, p1 %d, median %d (%d pairs)",
		copies[len(copies)/2], copies[len(copies)*95/100], copies[len(copies)-1],
		others[0], others[len(others)/100], others[len(others)/2], len(others))
	if rate := float64(missed) / float64(len(copies)); rate > 0.05 {
		t.Errorf("%.1f%% of syndicated copies are further than %d bits", 100*rate, NearDistance)
	}
	if rate := float64(false_) / float64(len(others)); rate > 0.001 {
		t.Errorf("%.3f%% of different-article pairs are within %d bits", 100*rate, NearDistance)
	}
}

func BenchmarkFingerprint(b *testing.B) {
	text := strings.Repeat("The minister said the base would stay as long as necessary. ", 80)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Fingerprint(text)
	}
}
