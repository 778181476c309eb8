package warc

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

// record builds one WARC/1.1 record by hand, as crawlers write them.
func record(typ, uri, block string) string {
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2017-12-11T10:00:00Z\r\n"+
		"WARC-Target-URI: %s\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, "0a1b2c3d-0000-4000-8000-"+fmt.Sprintf("%012d", len(block)), uri, len(block), block)
}

func response(status, contentType, body string) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, contentType, len(body), body)
}

func archive() []string {
	return []string{
		record("response", "https://news.example/a", response("200 OK", "text/html; charset=windows-1251", "<html><p>Base talks resumed.</p></html>")),
		record("response", "https://news.example/logo.png", response("200 OK", "image/png", "\x89PNG")),
		record("response", "https://news.example/old", response("301 Moved Permanently", "text/html", "")),
		record("response", "https://news.example/b.txt", response("200 OK", "text/plain", "The minister said so.")),
	}
}

func collect(t *testing.T, data []byte, max int64) ([]*storyline.Input, []error) {
	t.Helper()
	var ins []*storyline.Input
	var errs []error
	err := Read(context.Background(), bytes.NewReader(data), "crawl.warc", max, func(in *storyline.Input, err error) error {
		if err != nil {
			errs = append(errs, err)
		} else {
			ins = append(ins, in)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ins, errs
}

func TestReadKeepsArchivedPages(t *testing.T) {
	ins, errs := collect(t, []byte(strings.Join(archive(), "")), 1<<20)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(ins) != 2 {
		t.Fatalf("got %d inputs, want the HTML and the text page", len(ins))
	}
	if ins[0].URL != "https://news.example/a" || ins[0].Format != storyline.FormatHTML || ins[0].Encoding != "windows-1251" {
		t.Errorf("first input = %+v", ins[0])
	}
	if string(ins[1].Raw) != "The minister said so." || ins[1].Format != storyline.FormatText {
		t.Errorf("second input = %q %s", ins[1].Raw, ins[1].Format)
	}
}

func TestReadGzipPerRecord(t *testing.T) {
	var buf bytes.Buffer
	for _, r := range archive() {
		zw := gzip.NewWriter(&buf)
		_, _ = zw.Write([]byte(r))
		_ = zw.Close()
	}
	ins, errs := collect(t, buf.Bytes(), 1<<20)
	if len(errs) > 0 || len(ins) != 2 {
		t.Fatalf("got %d inputs, errors %v", len(ins), errs)
	}
}

func TestReadRejectsOversizedPayload(t *testing.T) {
	ins, errs := collect(t, []byte(strings.Join(archive(), "")), 10)
	if len(ins) != 0 || len(errs) != 2 {
		t.Fatalf("got %d inputs and %d errors, want 0 and 2", len(ins), len(errs))
	}
	if !strings.Contains(errs[0].Error(), "too-large") || !strings.Contains(errs[0].Error(), "news.example/a") {
		t.Errorf("error does not name the page and reason: %v", errs[0])
	}
}

func TestReadGarbageNeverPanics(t *testing.T) {
	for _, data := range []string{"", "WARC/1.1\r\n", "not a warc at all", strings.Repeat("\x00", 100), archive()[0][:60]} {
		_ = Read(context.Background(), strings.NewReader(data), "bad.warc", 1<<20, func(*storyline.Input, error) error { return nil })
	}
}
