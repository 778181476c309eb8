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

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/storyline-news/storyline"
)

type result struct {
	ins  []*storyline.Input
	errs []*storyline.InputError
}

func walk(t *testing.T, opts Options, paths ...string) result {
	t.Helper()
	var r result
	err := Walk(context.Background(), paths, opts, func(in *storyline.Input, err error) error {
		if err != nil {
			var ie *storyline.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error is not an InputError: %v", err)
			}
			r.errs = append(r.errs, ie)
			return nil
		}
		r.ins = append(r.ins, in)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const russian = "Министр иностранных дел Дмитрий Волков заявил, что база останется."

func TestEncodings(t *testing.T) {
	dir := t.TempDir()
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("Café talks “resumed”."))
	utf16be, _ := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte("Café talks resumed."))
	cp1251, _ := charmap.Windows1251.NewEncoder().Bytes([]byte(russian))
	cp1252, _ := charmap.Windows1252.NewEncoder().Bytes([]byte("Le ministre a déclaré à l’agence que la base resterait – “définitivement”."))
	latin1, _ := charmap.ISO8859_1.NewEncoder().Bytes([]byte("São Paulo, Zürich and Málaga."))
	cases := []struct {
		name, wantEnc, wantPrefix string
		data                      []byte
	}{
		{"utf8.txt", "utf-8", "Café", []byte("Café talks resumed.")},
		{"bom.txt", "utf-8", "Café", append([]byte{0xEF, 0xBB, 0xBF}, "Café talks resumed."...)},
		{"le.txt", "utf-16le", "Café talks “resumed”", utf16le},
		{"be.txt", "utf-16be", "Café", utf16be},
		{"ru.txt", "windows-1251", "Министр", cp1251},
		{"fr.txt", "windows-1252", "Le ministre a déclaré", cp1252},
		{"latin1.txt", "windows-1252", "São Paulo, Zürich", latin1},
		{"meta.html", "windows-1251", "<html>", append([]byte(`<html><head><meta charset="windows-1251"></head><body><p>`), append(cp1251, "</p></body></html>"...)...)},
		{"nfc.txt", "utf-8", "Café", []byte("Cafe\u0301 talks.")},
	}
	for _, c := range cases {
		r := walk(t, Options{}, write(t, dir, c.name, c.data))
		if len(r.errs) > 0 || len(r.ins) != 1 {
			t.Errorf("%s: %d inputs, errors %v", c.name, len(r.ins), r.errs)
			continue
		}
		in := r.ins[0]
		if in.Encoding != c.wantEnc || !strings.HasPrefix(in.Text, c.wantPrefix) {
			t.Errorf("%s: encoding %s text %q; want %s, prefix %q", c.name, in.Encoding, in.Text, c.wantEnc, c.wantPrefix)
		}
		if !bytes.Equal(in.Raw, c.data) {
			t.Errorf("%s: raw bytes not kept verbatim", c.name)
		}
	}
	r := walk(t, Options{}, write(t, dir, "meta2.html", []byte(`<html><head><meta charset="windows-1251"></head><body><p>`+russian+`</p></body></html>`)))
	if len(r.ins) != 1 || !strings.Contains(r.ins[0].Text, "Министр") {
		t.Errorf("a page declaring cp1251 but written in UTF-8 was mangled: %v", r)
	}
}

func TestBadInputsAreNamedAndTheBatchGoesOn(t *testing.T) {
	dir := t.TempDir()
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	_, _ = zw.Write(bytes.Repeat([]byte("a"), 4<<20))
	_ = zw.Close()
	write(t, dir, "a-empty.txt", nil)
	write(t, dir, "b-blank.txt", []byte("  \n\t\n"))
	write(t, dir, "c-binary.txt", []byte("GIF89a\x00\x01\x02\x03 not text"))
	write(t, dir, "d-image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	write(t, dir, "e-big.txt", bytes.Repeat([]byte("word "), 3000))
	write(t, dir, "f-bomb.txt.gz", bomb.Bytes())
	var small bytes.Buffer
	zw = gzip.NewWriter(&small)
	_, _ = zw.Write([]byte("A short article that was cut off in transit, as downloads sometimes are."))
	_ = zw.Close()
	write(t, dir, "g-truncated.txt.gz", small.Bytes()[:small.Len()-6])
	write(t, dir, "h-good.txt", []byte("The minister said the base would stay."))
	r := walk(t, Options{MaxBytes: 10000}, dir)
	want := map[string]string{"a-empty.txt": "empty", "b-blank.txt": "empty", "c-binary.txt": "binary",
		"d-image.png": "binary", "e-big.txt": "too-large", "f-bomb.txt.gz": "too-large", "g-truncated.txt.gz": "bad-gzip"}
	got := map[string]string{}
	for _, e := range r.errs {
		got[filepath.Base(e.Source)] = e.Reason
		if !strings.Contains(e.Error(), e.Source) {
			t.Errorf("error does not name its input: %v", e)
		}
	}
	for name, reason := range want {
		if got[name] != reason {
			t.Errorf("%s: reason %q, want %q", name, got[name], reason)
		}
	}
	if len(r.ins) != 1 || filepath.Base(r.ins[0].Source) != "h-good.txt" {
		t.Fatalf("the good file did not come through: %d inputs", len(r.ins))
	}
}

func TestJSONLWithABrokenLineInTheMiddle(t *testing.T) {
	dir := t.TempDir()
	data := `{"id": "a1", "text": "First article.", "outlet": "Levant Wire", "published": "2017-12-11", "title": "One"}
{"id": "a2", "text": "Second article
not json at all
{"id": 3, "html": "<p>Third.</p>", "url": "https://x.example/3"}

{"id": "a4"}
{"id": "a5", "text": "Fifth. Café"}
`
	r := walk(t, Options{}, write(t, dir, "gold.jsonl", []byte(data)))
	if len(r.ins) != 3 || len(r.errs) != 3 {
		t.Fatalf("got %d inputs and %d errors, want 3 and 3: %v", len(r.ins), len(r.errs), r.errs)
	}
	a1 := r.ins[0]
	if a1.ID != "a1" || a1.Source != "a1" || a1.Group != "Levant Wire" || string(a1.Raw) != strings.SplitN(data, "\n", 2)[0] || a1.Outlet != "Levant Wire" || a1.Published != "2017-12-11" || a1.Title != "One" || a1.Format != storyline.FormatText {
		t.Errorf("first line: %+v", a1)
	}
	if r.ins[2].Group != filepath.Base(dir) {
		t.Errorf("a line without an outlet should fall back to the folder: group %q", r.ins[2].Group)
	}
	if r.ins[1].ID != "3" || r.ins[1].Format != storyline.FormatHTML || r.ins[1].URL != "https://x.example/3" {
		t.Errorf("numeric id / html line: %+v", r.ins[1])
	}
	reasons := []string{r.errs[0].Reason, r.errs[1].Reason, r.errs[2].Reason}
	if strings.Join(reasons, ",") != "bad-json,bad-json,no-text" || !strings.HasSuffix(r.errs[0].Source, "gold.jsonl#L2") {
		t.Errorf("errors: %v", r.errs)
	}
}

func TestJSONArrayAndFolderOrder(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "b/2.json", []byte(`[{"id":"x1","text":"One."},{"id":"x2","html":"<p>Two.</p>"}]`))
	write(t, dir, "a/1.htm", []byte(`<html><body><p>Page.</p></body></html>`))
	write(t, dir, ".hidden/skip.txt", []byte("hidden"))
	write(t, dir, "corpus.db", []byte("SQLite format 3\x00"))
	write(t, dir, "c/noext", []byte("Plain words without an extension."))
	r := walk(t, Options{}, dir)
	if len(r.errs) > 0 {
		t.Fatal(r.errs)
	}
	var got []string
	for _, in := range r.ins {
		got = append(got, filepath.Base(in.Source)+":"+string(in.Format))
	}
	if strings.Join(got, " ") != "1.htm:html x1:text x2:html noext:text" {
		t.Fatalf("order or formats: %v", got)
	}
	if r.ins[0].Group != "a" {
		t.Errorf("group of a folder's file = %q", r.ins[0].Group)
	}
}

func TestMissingPathAndRefusedURL(t *testing.T) {
	r := walk(t, Options{}, filepath.Join(t.TempDir(), "nope.txt"), "https://example.com/a")
	if len(r.errs) != 2 || r.errs[0].Reason != "unreadable" || r.errs[1].Reason != "fetch-refused" {
		t.Fatalf("errors: %v", r.errs)
	}
}

func TestStdinIsSniffed(t *testing.T) {
	cases := map[string]storyline.Format{
		"<!DOCTYPE html><html><body><p>Page.</p></body></html>":                         storyline.FormatHTML,
		"Just words from a pipe.\nAnother line.":                                        storyline.FormatText,
		"{\"id\":\"s1\",\"text\":\"One.\"}\n{\"id\":\"s2\",\"html\":\"<p>Two.</p>\"}\n": storyline.FormatText,
	}
	for data, first := range cases {
		r := walk(t, Options{Stdin: strings.NewReader(data)}, "-")
		if len(r.errs) > 0 || len(r.ins) == 0 || r.ins[0].Format != first {
			t.Errorf("stdin %.20q: %d inputs, errors %v", data, len(r.ins), r.errs)
		}
	}
	r := walk(t, Options{Stdin: strings.NewReader("{\"id\":\"s1\",\"text\":\"One.\"}\n{\"id\":\"s2\",\"html\":\"<p>Two.</p>\"}\n")}, "-")
	if len(r.ins) != 2 || r.ins[1].ID != "s2" || r.ins[1].Source != "s2" {
		t.Errorf("stdin JSONL not read line by line: %+v", r.ins)
	}
}

func TestGzipFilesAreReadTransparently(t *testing.T) {
	dir := t.TempDir()
	gz := func(data string) []byte {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write([]byte(data))
		_ = zw.Close()
		return buf.Bytes()
	}
	write(t, dir, "a.txt.gz", gz("The spokeswoman said talks would resume."))
	write(t, dir, "b.jsonl.gz", gz("{\"id\":\"g1\",\"text\":\"One.\"}\n{\"id\":\"g2\",\"text\":\"Two.\"}\n"))
	write(t, dir, "c.html.gz", gz("<html><body><p>Page.</p></body></html>"))
	r := walk(t, Options{}, dir)
	if len(r.errs) > 0 || len(r.ins) != 4 {
		t.Fatalf("%d inputs, errors %v", len(r.ins), r.errs)
	}
	if r.ins[0].Text != "The spokeswoman said talks would resume." || r.ins[2].ID != "g2" || r.ins[3].Format != storyline.FormatHTML {
		t.Errorf("gzip contents: %q, %q, %s", r.ins[0].Text, r.ins[2].ID, r.ins[3].Format)
	}
}

// TestDemoCorpus walks the shipped demo: every good file must come through
// and every file under demo/bad must be reported, none of them fatal.
func TestDemoCorpus(t *testing.T) {
	r := walk(t, Options{}, filepath.Join("..", "demo"))
	if len(r.ins) < 40 {
		t.Errorf("demo corpus yields %d articles, want at least 40", len(r.ins))
	}
	for _, e := range r.errs {
		if !strings.Contains(filepath.ToSlash(e.Source), "demo/bad/") {
			t.Errorf("a good demo file was rejected: %v", e)
		}
	}
	// truncated.html is readable text: cleaning, not reading, rejects it.
	if len(r.errs) < 3 {
		t.Errorf("only %d bad demo inputs were reported: %v", len(r.errs), r.errs)
	}
	encodings := map[string]bool{}
	for _, in := range r.ins {
		encodings[in.Encoding] = true
	}
	if !encodings["windows-1251"] || !encodings["utf-16le"] {
		t.Errorf("demo encodings %v lack windows-1251 or utf-16le", encodings)
	}
}

func TestJSONLLineWithoutIDIsNamedByLine(t *testing.T) {
	dir := t.TempDir()
	r := walk(t, Options{}, write(t, dir, "x.jsonl", []byte("{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n")))
	if len(r.ins) != 2 || !strings.HasSuffix(r.ins[1].Source, "x.jsonl#L2") || r.ins[1].ID != "" {
		t.Fatalf("lines without ids: %+v", r.ins)
	}
}
