package hostile

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"strings"
)

func compressedKinds() []kind {
	return []kind{
		document("gzip-article", ".txt.gz", ingestedOr(), func(g *gen) []byte { return gz([]byte(g.prose(5))) }),
		{name: "gzip-bomb-zeros", ext: ".txt.gz", most: 2, expect: quarantined("too-large"),
			write: func(g *gen, f *os.File) (int, error) { return 1, gzipTo(f, "\x00", g.opts.Huge) }},
		{name: "gzip-bomb-text", ext: ".html.gz", most: 2, expect: quarantined("too-large"),
			write: func(g *gen, f *os.File) (int, error) {
				return 1, gzipTo(f, "<div><p>"+g.prose(3)+"</p>", g.opts.Huge)
			}},
		{name: "gzip-bomb-jsonl-line", ext: ".jsonl.gz", most: 2, expect: quarantined("too-large"),
			write: func(g *gen, f *os.File) (int, error) {
				return 1, gzipTo(f, `{"id":"bomb","text":"`+strings.Repeat("a", 4096), g.opts.Huge)
			}},
		{name: "gzip-bomb-blank-lines", ext: ".jsonl.gz", most: 2, expect: quarantined("empty", "too-large"),
			write: func(g *gen, f *os.File) (int, error) { return 0, gzipTo(f, "\n", g.opts.Huge) }},
		document("gzip-truncated", ".txt.gz", quarantined("bad-gzip"), func(g *gen) []byte {
			b := gz([]byte(g.prose(40)))
			return b[:len(b)/2]
		}),
		document("gzip-bad-checksum", ".txt.gz", quarantined("bad-gzip"), func(g *gen) []byte {
			b := gz([]byte(g.prose(5)))
			b[len(b)-6] ^= 0xff
			return b
		}),
		document("gzip-header-only", ".txt.gz", quarantined("bad-gzip"), func(g *gen) []byte {
			return []byte{0x1f, 0x8b, 0x08, 0x00}
		}),
		document("gzip-of-nothing", ".txt.gz", quarantined("empty"), func(g *gen) []byte { return gz(nil) }),
		document("gzip-nested", ".txt.gz", quarantined("binary"), func(g *gen) []byte { return gz(gz([]byte(g.prose(5)))) }),
		document("gzip-multistream", ".txt.gz", ingestedOr(), func(g *gen) []byte {
			return append(gz([]byte(g.prose(2)+"\n")), gz([]byte(g.prose(2)))...)
		}),
		document("gzip-trailing-garbage", ".txt.gz", quarantined("bad-gzip"), func(g *gen) []byte {
			return append(gz([]byte(g.prose(3))), "trailing junk after the stream"...)
		}),
		document("not-gzip-named-gz", ".txt.gz", ingestedOr(), func(g *gen) []byte { return []byte(g.prose(3)) }),
		{name: "gzip-jsonl", ext: ".jsonl.gz", expect: ingestedOr(), write: func(g *gen, f *os.File) (int, error) {
			_, err := f.Write(gz([]byte(g.jsonLines(5, true))))
			return 5, err
		}},
		{name: "zip-bomb", ext: ".zip", most: 2, expect: quarantined("binary"),
			write: func(g *gen, f *os.File) (int, error) {
				zw := zip.NewWriter(f)
				w, err := zw.Create("bomb.txt")
				if err != nil {
					return 1, err
				}
				if err := repeatTo(w, strings.Repeat("\x00", 4096), g.opts.Huge); err != nil {
					return 1, err
				}
				return 1, zw.Close()
			}},
		document("zip-of-articles", ".zip", quarantined("binary"), func(g *gen) []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for i := range 3 {
				w, _ := zw.Create(strings.Repeat("a/", i) + "article.txt")
				_, _ = io.WriteString(w, g.prose(3))
			}
			_ = zw.Close()
			return buf.Bytes()
		}),
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}

// gzipTo writes unit repeated to size bytes, compressed, into w: a small
// file that expands without end.
func gzipTo(w io.Writer, unit string, size int64) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := repeatTo(zw, strings.Repeat(unit, max(1, 65536/len(unit))), size); err != nil {
		return err
	}
	return zw.Close()
}
