package input

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/hostile"
)

// fuzzLimit keeps fuzzed inputs small enough to cross the size limit.
const fuzzLimit = 4096

func addSeeds(f *testing.F, patterns ...string) [][]byte {
	f.Helper()
	seeds, err := hostile.Seeds(patterns...)
	if err != nil {
		f.Fatal(err)
	}
	return seeds
}

// FuzzDecode: whatever the bytes and the declared charset, decoded text is
// valid UTF-8 in NFC without NUL, and decoding it again changes nothing.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("Café"), "")
	f.Add([]byte{0xFF, 0xFE, 'a', 0}, "")
	f.Add([]byte{0xCC, 0xE8, 0xED}, "")
	f.Add([]byte(`<meta charset="koi8-r">текст`), "")
	for _, s := range addSeeds(f, "*.txt", "*.html") {
		f.Add(s, "")
	}
	f.Fuzz(func(t *testing.T, raw []byte, hint string) {
		text, enc, err := Decode(raw, hint)
		if err != nil {
			return
		}
		checkText(t, text)
		if strings.ContainsRune(text, 0) {
			t.Fatalf("decoded text holds NUL: %q", text)
		}
		if enc == "" {
			t.Fatal("decoded without naming the encoding")
		}
		again, _, err := Decode([]byte(text), "")
		if err != nil && !errors.Is(err, errEmpty) {
			t.Fatalf("decoded %s text %q is refused when decoded again: %v", enc, text, err)
		}
		if err == nil && again != text {
			t.Fatalf("decoding is not idempotent: %q then %q", text, again)
		}
	})
}

// FuzzStdin reads anything piped in, sniffed as JSON, JSONL, a web archive,
// a page or text: every input comes out as usable text or as an error
// naming it, and the walk itself never fails.
func FuzzStdin(f *testing.F) {
	for _, s := range addSeeds(f, "*") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Walk(context.Background(), []string{"-"}, Options{MaxBytes: fuzzLimit, Stdin: bytes.NewReader(data)},
			func(in *storyline.Input, err error) error {
				checkYield(t, in, err)
				return nil
			})
		if err != nil {
			t.Fatalf("walk failed: %v", err)
		}
	})
}

// FuzzJSONL: every non-blank line of a JSONL stream is one input or one
// error naming its line, however the lines are broken.
func FuzzJSONL(f *testing.F) {
	for _, s := range addSeeds(f, "*.jsonl", "*.json", "*.ndjson") {
		f.Add(s)
	}
	f.Add([]byte("{\"id\":\"a\",\"text\":\"One.\"}\r\n\n  \n{\"text\":5}\n\ufeff{}\n{\"html\":\"<p>x</p>\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const limit = 256
		yields := 0
		err := readJSONL(context.Background(), bytes.NewReader(data), "f.jsonl", "g", Options{MaxBytes: limit},
			func(in *storyline.Input, err error) error {
				yields++
				checkYield(t, in, err)
				if in != nil && err == nil && in.ID == "" && !strings.HasPrefix(in.Source, "f.jsonl#L") {
					t.Fatalf("line without an id named %q", in.Source)
				}
				return nil
			})
		if err != nil {
			t.Fatalf("reading failed: %v", err)
		}
		// A stream without a line of content is reported once, as empty.
		if want := max(1, linesWithContent(data, limit)); yields != want {
			t.Fatalf("%d inputs or errors for %d lines with content", yields, want)
		}
	})
}

// linesWithContent counts the lines readJSONL must yield something for:
// those with content, and those too long to look at.
func linesWithContent(data []byte, limit int) int {
	n := 0
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line = data[:i+1]
		}
		data = data[len(line):]
		if len(line) > limit || len(bytes.TrimSpace(line)) > 0 {
			n++
		}
	}
	return n
}

// fuzzNames are the file names FuzzFile writes its data under, one for
// every way a file is read.
var fuzzNames = []string{"a.txt", "a.html", "a.json", "a.jsonl", "a.warc", "noext", "a.txt.gz", "a.jsonl.gz", "a.warc.gz"}

// FuzzFile reads the data as a file of each kind, gzip-compressed or not.
func FuzzFile(f *testing.F) {
	for i, s := range addSeeds(f, "*") {
		f.Add(s, uint8(i))
	}
	f.Fuzz(func(t *testing.T, data []byte, name uint8) {
		path := filepath.Join(t.TempDir(), fuzzNames[int(name)%len(fuzzNames)])
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		err := Walk(context.Background(), []string{path}, Options{MaxBytes: fuzzLimit}, func(in *storyline.Input, err error) error {
			checkYield(t, in, err)
			return nil
		})
		if err != nil {
			t.Fatalf("walk failed: %v", err)
		}
	})
}

// checkYield holds what input.Walk promises for each thing it yields.
func checkYield(t *testing.T, in *storyline.Input, err error) {
	t.Helper()
	if err != nil {
		var ie *storyline.InputError
		if !errors.As(err, &ie) || ie.Source == "" || ie.Reason == "" {
			t.Fatalf("error does not name its input and reason: %v", err)
		}
		return
	}
	if in == nil || in.Source == "" {
		t.Fatalf("input without a name: %+v", in)
	}
	if in.Format != storyline.FormatText && in.Format != storyline.FormatHTML {
		t.Fatalf("%s: format %q", in.Source, in.Format)
	}
	if len(in.Raw) > fuzzLimit {
		t.Fatalf("%s: %d raw bytes passed a %d-byte limit", in.Source, len(in.Raw), fuzzLimit)
	}
	checkText(t, in.Text)
}

func checkText(t *testing.T, text string) {
	t.Helper()
	if !utf8.ValidString(text) {
		t.Fatalf("text is not valid UTF-8: %q", text)
	}
	if !norm.NFC.IsNormalString(text) {
		t.Fatalf("text is not in NFC: %q", text)
	}
}

// TestNoInputVanishes: files that hold no input at all (blank JSONL, an
// empty array, an archive without pages) are reported, not passed over in
// silence, and a BOM does not cost a JSONL file its first line.
func TestNoInputVanishes(t *testing.T) {
	dir := t.TempDir()
	page := "WARC/1.0\r\nWARC-Type: request\r\nWARC-Target-URI: https://x.example/\r\nContent-Length: 4\r\n\r\nGET \r\n\r\n"
	cases := map[string]string{
		"blank.jsonl": "\n \n\t\r\n", "empty.json": " [ ] ", "requests.warc": page,
		"bom.jsonl": "\ufeff{\"id\":\"b1\",\"text\":\"One.\"}\n{\"id\":\"b2\",\"text\":\"Two.\"}\n",
	}
	want := map[string]string{"blank.jsonl": "empty", "empty.json": "empty", "requests.warc": "no-text", "bom.jsonl": ""}
	for name, data := range cases {
		r := walk(t, Options{}, write(t, dir, name, []byte(data)))
		switch {
		case want[name] == "" && (len(r.errs) > 0 || len(r.ins) != 2):
			t.Errorf("%s: %d inputs, errors %v", name, len(r.ins), r.errs)
		case want[name] != "" && (len(r.errs) != 1 || r.errs[0].Reason != want[name] || len(r.ins) > 0):
			t.Errorf("%s: %d inputs, errors %v; want one %s error", name, len(r.ins), r.errs, want[name])
		}
	}
}

// TestCompressionBombStops: a small gzip file of endless blank JSONL
// lines is cut off as too large, not read to its end.
func TestCompressionBombStops(t *testing.T) {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	blank := bytes.Repeat([]byte("\n"), 1<<20)
	for range 8 {
		_, _ = zw.Write(blank)
	}
	_ = zw.Close()
	r := walk(t, Options{}, write(t, t.TempDir(), "bomb.jsonl.gz", buf.Bytes()))
	if len(r.ins) > 0 || len(r.errs) != 1 || r.errs[0].Reason != "too-large" || !strings.Contains(r.errs[0].Error(), "compression bomb") {
		t.Fatalf("a %d-byte file of 8 MiB blank lines: %d inputs, errors %v", buf.Len(), len(r.ins), r.errs)
	}
}
