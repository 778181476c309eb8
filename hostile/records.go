package hostile

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"golang.org/x/text/encoding/unicode"
)

// record is one line in the gold format, written with every field set.
func (g *gen) record(i int, withID bool) map[string]any {
	rec := map[string]any{"url": fmt.Sprintf("https://hostile.example/%d/%d", g.index, i),
		"title": "Talks on the port resume", "outlet": "Hostile Wire", "published": "2017-12-11"}
	if withID {
		rec["id"] = fmt.Sprintf("hostile-%d-%d", g.index, i)
	}
	if i%3 == 2 {
		rec["html"] = g.page("", g.paragraphsHTML(3))
	} else {
		rec["text"] = g.prose(3)
	}
	return rec
}

func (g *gen) jsonLines(n int, withIDs bool) string {
	var b strings.Builder
	for i := range n {
		line, _ := json.Marshal(g.record(i, withIDs))
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// lines is a kind of JSONL file whose every line is one input.
func lines(name string, expect []string, build func(g *gen) []string) kind {
	return kind{name: name, ext: ".jsonl", expect: expect, write: func(g *gen, f *os.File) (int, error) {
		ls := build(g)
		_, err := f.WriteString(strings.Join(ls, "\n") + "\n")
		return len(ls), err
	}}
}

func (g *gen) goodLines(n int) []string {
	return strings.Split(strings.TrimSuffix(g.jsonLines(n, g.r.Intn(2) == 0), "\n"), "\n")
}

func recordKinds() []kind {
	return []kind{
		lines("jsonl", ingestedOr(), func(g *gen) []string { return g.goodLines(3 + g.r.Intn(10)) }),
		{name: "jsonl-endless-line", ext: ".jsonl", most: 2, expect: ingestedOr("too-large"),
			write: func(g *gen, f *os.File) (int, error) {
				return 3, writeText(f, func(w *bufio.Writer) error {
					w.WriteString(g.jsonLines(1, true) + `{"id":"endless","text":"`)
					if err := repeatTo(w, g.words(64<<10), g.opts.Huge); err != nil {
						return err
					}
					_, err := w.WriteString("\"}\n" + g.jsonLines(1, false))
					return err
				})
			}},
		lines("jsonl-broken-lines", ingestedOr("bad-json", "no-text"), func(g *gen) []string {
			return append(g.goodLines(1), `{not json`, `[]`, `"a string"`, `123`, `null`, `{"text": 5}`, `{"html": ["a"]}`,
				`{"title": {}, "text": "x"}`, `{"text": "\ud800 lone surrogate and \udfff"}`, `{"text": "bad escape \q"}`,
				`{"text": "unterminated`, `{"text": "raw`+"\x00\x01"+`control"}`, `{"text":"dup","text":"keys twice, the last wins"}`,
				"{\"text\": \"invalid \xff\xfe utf-8 \xc0\xaf\"}", `{"text": "`+strings.Repeat("\\u0000", 50)+`"}`,
				`{}`, `{"id": null, "text": "   "}`, `{"html": "<html><body></body></html>"}`,
				`{"text": "x"} trailing`, strings.Repeat("[", 20000)+strings.Repeat("]", 20000))
		}),
		lines("jsonl-hostile-ids", ingestedOr("bad-json", "no-text", "id-conflict"), func(g *gen) []string {
			ids := []string{`"` + strings.Repeat("i", 100<<10) + `"`, `"../../etc/passwd"`, `"a\nb\tc"`, `""`, `1e400`,
				`{"a":1}`, `["x"]`, `true`, `"📰🇳🇴"`, `"\u202etxt.exe"`, `-0`, `12345678901234567890123`}
			out := make([]string, len(ids))
			for i, id := range ids {
				out[i] = fmt.Sprintf(`{"id": %s, "text": %q}`, id, g.prose(1))
			}
			return out
		}),
		lines("jsonl-colliding-ids", ingestedOr("id-conflict"), func(g *gen) []string {
			id := fmt.Sprintf("collision-%d", g.index)
			return []string{fmt.Sprintf(`{"id": %q, "text": %q}`, id, g.prose(3)), fmt.Sprintf(`{"id": %q, "text": %q}`, id, g.prose(3))}
		}),
		lines("jsonl-junk-metadata", ingestedOr(), func(g *gen) []string {
			dates := []string{"99999-99-99", "2017-02-30", "0000-01-01", "yesterday", strings.Repeat("2017", 10000), "2017-12-11T25:61:61Z", "-1"}
			out := make([]string, len(dates))
			for i, d := range dates {
				out[i] = fmt.Sprintf(`{"published": %q, "url": %q, "outlet": %q, "title": %q, "text": %q}`, d,
					"javascript:alert(1)//"+strings.Repeat("/", i*1000), strings.Repeat("O", i*3000), "\u202e"+strings.Repeat("T", i*2000), g.prose(2))
			}
			return out
		}),
		lines("jsonl-hostile-html", ingestedOr("no-text"), func(g *gen) []string {
			html := []string{g.nested("<div>", "</div>", g.big(20000*5)/5, false), strings.Repeat("<b><i>", g.big(5000*6)/6),
				"<p>" + strings.Repeat("&amp;", g.big(20000*5)/5) + "</p>"}
			out := make([]string, len(html))
			for i, h := range html {
				b, _ := json.Marshal(map[string]string{"html": h + g.paragraphsHTML(2)})
				out[i] = string(b)
			}
			return out
		}),
		lines("jsonl-crlf", ingestedOr(), func(g *gen) []string {
			ls := g.goodLines(4)
			for i := range ls {
				ls[i] += "\r"
			}
			return ls
		}),
		lines("jsonl-utf8-bom", ingestedOr(), func(g *gen) []string {
			ls := g.goodLines(3)
			ls[0] = "\ufeff" + ls[0]
			return ls
		}),
		{name: "jsonl-utf16", ext: ".jsonl", expect: ingestedOr("bad-json"), write: func(g *gen, f *os.File) (int, error) {
			_, err := f.Write(encode(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), g.jsonLines(3, true)))
			return 0, err // read as bytes, its NULs make lines of their own
		}},
		document("jsonl-blank-lines-only", ".jsonl", quarantined("empty"), func(g *gen) []byte {
			return []byte(strings.Repeat("\n  \t\r\n", 1+g.r.Intn(1000)))
		}),
		{name: "ndjson", ext: ".ndjson", expect: ingestedOr(), write: func(g *gen, f *os.File) (int, error) {
			_, err := f.WriteString(g.jsonLines(4, true))
			return 4, err
		}},
		{name: "json-array", ext: ".json", expect: ingestedOr(), write: func(g *gen, f *os.File) (int, error) {
			n := 2 + g.r.Intn(6)
			recs := make([]map[string]any, n)
			for i := range recs {
				recs[i] = g.record(i, g.r.Intn(2) == 0)
			}
			b, _ := json.Marshal(recs)
			_, err := f.Write(b)
			return n, err
		}},
		document("json-empty-array", ".json", quarantined("empty"), func(g *gen) []byte { return []byte(" [ ] ") }),
		{name: "json-array-of-junk", ext: ".json", expect: ingestedOr("bad-json", "no-text"), write: func(g *gen, f *os.File) (int, error) {
			_, err := fmt.Fprintf(f, `[1, "x", null, {}, [], {"text": %q}, true]`, g.prose(2))
			return 7, err
		}},
		document("json-truncated", ".json", quarantined("bad-json"), func(g *gen) []byte {
			b, _ := json.Marshal(g.record(0, true))
			return b[:len(b)/2]
		}),
		document("json-not-an-object", ".json", quarantined("bad-json"), func(g *gen) []byte { return []byte(`"just a string"`) }),
		document("json-deep", ".json", quarantined("bad-json"), func(g *gen) []byte {
			return []byte(`{"text": "x", "extra": ` + strings.Repeat(`{"a":`, 20000) + "1" + strings.Repeat("}", 20000) + "}")
		}),
		{name: "jsonl-without-extension", expect: ingestedOr(), write: func(g *gen, f *os.File) (int, error) {
			_, err := f.WriteString(g.jsonLines(3, true))
			return 3, err
		}},
	}
}
