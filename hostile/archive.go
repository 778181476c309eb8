package hostile

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// warcRecord writes one WARC record around an HTTP message.
func warcRecord(typ, uri, block string) string {
	return fmt.Sprintf("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2017-12-11T10:00:00Z\r\n"+
		"WARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http; msgtype=%s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, uri, uuidOf(uri+typ), typ, len(block), block)
}

// httpResponse is an archived server answer.
func httpResponse(status int, contentType, body string) string {
	return fmt.Sprintf("HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, contentType, len(body), body)
}

// uuidOf makes a stable record id from a string.
func uuidOf(s string) string {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", uint32(h), uint16(h>>32), uint16(h>>48)&0xfff, uint16(h>>20)&0xfff, h&0xffffffffffff)
}

func (g *gen) uri(i int) string {
	return fmt.Sprintf("https://hostile.example/archive/%d/%d", g.index, i)
}

// archivedPages writes n archived pages, with request and not-found
// records between them that hold no page.
func (g *gen) archivedPages(n int) string { return strings.Join(g.pageRecords(n), "") }

func (g *gen) pageRecords(n int) []string {
	var recs []string
	for i := range n {
		recs = append(recs, warcRecord("request", g.uri(i), "GET / HTTP/1.1\r\nHost: hostile.example\r\n\r\n"))
		body, ct := g.page("", g.paragraphsHTML(3)), "text/html; charset=utf-8"
		if i%2 == 1 {
			body, ct = g.prose(3), "text/plain"
		}
		recs = append(recs, warcRecord("response", g.uri(i), httpResponse(200, ct, body)))
	}
	return append(recs, warcRecord("response", g.uri(n), httpResponse(404, "text/html", "<p>not found</p>")))
}

// warcFile is a kind of archive holding pages inputs, 0 when its damage
// makes the count unknowable.
func warcFile(name, ext string, pages int, expect []string, build func(g *gen) []byte) kind {
	return kind{name: name, ext: ext, expect: expect, write: func(g *gen, f *os.File) (int, error) {
		_, err := f.Write(build(g))
		return pages, err
	}}
}

func archiveKinds() []kind {
	return []kind{
		warcFile("warc", ".warc", 3, ingestedOr(), func(g *gen) []byte { return []byte(g.archivedPages(3)) }),
		warcFile("warc-gz", ".warc.gz", 3, ingestedOr(), func(g *gen) []byte {
			var out []byte
			for _, rec := range g.pageRecords(3) {
				out = append(out, gz([]byte(rec))...) // one gzip member per record, as crawlers write
			}
			return out
		}),
		warcFile("warc-truncated", ".warc", 0, ingestedOr("bad-warc", "no-text"), func(g *gen) []byte {
			b := []byte(g.archivedPages(3))
			return b[:len(b)/2+g.r.Intn(len(b)/2)]
		}),
		warcFile("warc-gz-truncated", ".warc.gz", 0, ingestedOr("bad-warc"), func(g *gen) []byte {
			b := gz([]byte(g.archivedPages(3)))
			return b[:len(b)/2]
		}),
		warcFile("warc-bad-lengths", ".warc", 0, ingestedOr("bad-warc", "no-text"), func(g *gen) []byte {
			rec := warcRecord("response", g.uri(0), httpResponse(200, "text/html", g.page("", g.paragraphsHTML(2))))
			lengths := []string{"99999999", "-5", "abc", "", "1e3", "18446744073709551616"}
			return []byte(strings.Replace(rec, "Content-Length: ", "Content-Length: "+g.pick(lengths)+"0", 1))
		}),
		warcFile("warc-garbage-after", ".warc", 0, ingestedOr("bad-warc"), func(g *gen) []byte {
			return append([]byte(g.archivedPages(1)), g.randomBytes(4096)...)
		}),
		warcFile("warc-without-pages", ".warc", 0, quarantined("no-text"), func(g *gen) []byte {
			return []byte(warcRecord("warcinfo", "", "software: hostile\r\n") + warcRecord("request", g.uri(0), "GET / HTTP/1.1\r\n\r\n") +
				warcRecord("response", g.uri(1), httpResponse(404, "text/html", "<p>gone</p>")) +
				warcRecord("response", g.uri(2), httpResponse(200, "image/png", "\x89PNG\r\n")) +
				warcRecord("response", g.uri(3), httpResponse(301, "text/html", "")))
		}),
		{name: "warc-endless-record", ext: ".warc", most: 2, expect: ingestedOr("too-large"),
			write: func(g *gen, f *os.File) (int, error) {
				body := g.opts.MaxBytes + 1
				head := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n", body)
				_, err := fmt.Fprintf(f, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\nWARC-Date: 2017-12-11T10:00:00Z\r\n"+
					"WARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s",
					g.uri(0), uuidOf(g.uri(0)), int64(len(head))+body, head)
				if err == nil {
					err = repeatTo(f, g.words(64<<10), body)
				}
				if err == nil {
					_, err = io.WriteString(f, "\r\n\r\n"+g.archivedPages(1))
				}
				return 0, err
			}},
		warcFile("warc-binary-payload", ".warc", 1, quarantined("binary", "bad-encoding"), func(g *gen) []byte {
			return []byte(warcRecord("response", g.uri(0), httpResponse(200, "text/html", string(g.randomBytes(2048)))))
		}),
		warcFile("warc-windows-1251", ".warc", 1, ingestedOr(), func(g *gen) []byte {
			page := string(encode(charmap.Windows1251, "<html><body><article><p>"+russianNews+"</p><p>"+russianNews+"</p></article></body></html>"))
			return []byte(warcRecord("response", g.uri(0), httpResponse(200, "text/html; charset=windows-1251", page)))
		}),
		warcFile("warc-huge-header", ".warc", 0, ingestedOr("bad-warc"), func(g *gen) []byte {
			return []byte(strings.Replace(g.archivedPages(1), "WARC-Date:", "X-Junk: "+strings.Repeat("h", g.big(1<<20))+"\r\nWARC-Date:", 1))
		}),
		warcFile("warc-unknown-version", ".warc", 0, ingestedOr("bad-warc"), func(g *gen) []byte {
			return []byte(strings.ReplaceAll(g.archivedPages(2), "WARC/1.0", "WARC/9.9"))
		}),
		warcFile("warc-chunked-payload", ".warc", 1, ingestedOr("bad-warc"), func(g *gen) []byte {
			body := g.page("", g.paragraphsHTML(2))
			msg := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n", len(body), body)
			return []byte(warcRecord("response", g.uri(0), msg))
		}),
		warcFile("warc-duplicate-uri", ".warc", 2, ingestedOr(), func(g *gen) []byte {
			return []byte(warcRecord("response", g.uri(0), httpResponse(200, "text/plain", g.prose(3))) +
				warcRecord("response", g.uri(0), httpResponse(200, "text/plain", g.prose(3))))
		}),
	}
}
