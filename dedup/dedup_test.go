package dedup

import (
	"bufio"
	"encoding/json"
	"hash/fnv"
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
		if err := json.Unmarshal(sc.Bytes(), &doc); err == nil && len(strings.Fields(doc.Text)) > 150 && len(paragraphs(doc.Text)) >= 4 {
			texts = append(texts, doc.Text)
		}
	}
	return texts
}

// syndicatedEdits are the changes a second outlet makes when it runs a
// wire story, applied to already-cleaned text: each must stay a near copy.
// maxMissed is the share of copies each edit may push beyond NearDistance:
// a rewritten lede or a cut paragraph is a large part of a short article.
var maxMissed = map[string]float64{"byline+footer": 0.02, "new headline": 0.02, "new first paragraph": 0.08, "last paragraph cut": 0.05}

var syndicatedEdits = map[string]func(string) string{
	"byline+footer": func(text string) string {
		return "By Staff Reporter, Caspian Daily\n" + text + "\nCopyright 2016 Caspian Daily. All rights reserved."
	},
	"new headline": func(text string) string {
		paras := paragraphs(text)
		paras[0] = "Officials respond as the story develops further today"
		return strings.Join(paras, "\n\n")
	},
	"new first paragraph": func(text string) string {
		paras := paragraphs(text)
		paras[1] = "Our correspondent reports from the capital, where the news was received with surprise on Monday."
		return strings.Join(paras, "\n\n")
	},
	"last paragraph cut": func(text string) string {
		paras := paragraphs(text)
		return strings.Join(paras[:len(paras)-1], "\n\n")
	},
}

func paragraphs(text string) []string {
	return strings.Split(strings.TrimSpace(text), "\n\n")
}

// TestNearDistanceSeparatesCopiesFromOthers measures SimHash distances on
// real news: syndicated copies must nearly all be within NearDistance, and
// almost no pair of different articles.
func TestNearDistanceSeparatesCopiesFromOthers(t *testing.T) {
	texts := polnearTexts(t, 300)
	hashes := make([]uint64, len(texts))
	for i, text := range texts {
		_, hashes[i] = Fingerprint(text)
	}
	names := make([]string, 0, len(syndicatedEdits))
	for name := range syndicatedEdits {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		edit := syndicatedEdits[name]
		var copies []int
		for i, text := range texts {
			_, c := Fingerprint(edit(text))
			copies = append(copies, Distance(hashes[i], c))
		}
		sort.Ints(copies)
		missed := countAbove(copies, NearDistance)
		t.Logf("%-20s median %d, p95 %d, max %d; %d/%d beyond %d", name,
			copies[len(copies)/2], copies[len(copies)*95/100], copies[len(copies)-1], missed, len(copies), NearDistance)
		if rate := float64(missed) / float64(len(copies)); rate > maxMissed[name] {
			t.Errorf("%s: %.1f%% of syndicated copies are further than %d bits", name, 100*rate, NearDistance)
		}
	}
	var others []int
	for i := range hashes {
		for j := i + 1; j < len(hashes); j++ {
			others = append(others, Distance(hashes[i], hashes[j]))
		}
	}
	sort.Ints(others)
	near := len(others) - countAbove(others, NearDistance)
	t.Logf("different articles:  min %d, p0.1 %d, p1 %d, median %d; %d/%d pairs within %d",
		others[0], others[len(others)/1000], others[len(others)/100], others[len(others)/2], near, len(others), NearDistance)
	if rate := float64(near) / float64(len(others)); rate > 0.0002 {
		t.Errorf("%.3f%% of different-article pairs are within %d bits", 100*rate, NearDistance)
	}
}

func countAbove(sorted []int, limit int) int {
	return len(sorted) - sort.SearchInts(sorted, limit+1)
}

func BenchmarkFingerprint(b *testing.B) {
	text := strings.Repeat("The minister said the base would stay as long as necessary. ", 80)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Fingerprint(text)
	}
}

// TestShingleHashIsFNV keeps stored SimHashes comparable with new ones:
// the hand-written hash must equal FNV-1a over the words and separators.
func TestShingleHashIsFNV(t *testing.T) {
	for _, ws := range [][]string{{"port", "anselm", "base"}, {"Ünïcode", "", "words"}, {}} {
		h := fnv.New64a()
		for _, w := range ws {
			_, _ = h.Write([]byte(w))
			_, _ = h.Write([]byte{0})
		}
		if got, want := fnvWords(ws), h.Sum64(); got != want {
			t.Errorf("%q: %x, want %x", ws, got, want)
		}
	}
}
