// Package warc reads web archives (WARC and WARC.gz, as news crawls are
// distributed) into storyline inputs: one input per archived HTML or text
// page, with its URL. It streams: records are read one at a time.
package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/nlnwa/gowarc"

	"github.com/storyline-news/storyline"
)

// Read calls fn for every archived page in r: a response record holding an
// HTML or plain-text payload with status 200. Input.Text is left empty: the
// caller decodes Raw, as it does for files. A record that cannot be read
// is passed to fn as an *storyline.InputError and reading goes on when the
// archive's framing allows it. maxBytes bounds one payload.
func Read(ctx context.Context, r io.Reader, source string, maxBytes int64, fn func(*storyline.Input, error) error) error {
	stream, err := uncompressed(r)
	if err != nil {
		return fn(nil, &storyline.InputError{Source: source, Reason: "bad-warc", Err: err})
	}
	wf, err := gowarc.NewWarcFileReaderFromStream(stream, 0, gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore), gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore))
	if err != nil {
		return fmt.Errorf("%s: opening web archive: %w", source, err)
	}
	defer wf.Close()
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, offset, err := next(wf)
		if errors.Is(err, io.EOF) && stream.err != nil {
			return fn(nil, &storyline.InputError{Source: fmt.Sprintf("%s@%d", source, offset), Reason: "bad-warc", Err: stream.err})
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			// The framing is lost: nothing after this point can be trusted.
			return fn(nil, &storyline.InputError{Source: fmt.Sprintf("%s@%d", source, offset), Reason: "bad-warc", Err: err})
		}
		in, err := page(rec, fmt.Sprintf("%s@%d", source, offset), maxBytes)
		if in == nil && err == nil {
			continue
		}
		if err := fn(in, err); err != nil {
			return err
		}
	}
}

// uncompressed undoes the gzip compression of a .warc.gz here rather than
// in gowarc: gowarc, told to ignore syntax errors, reads a failing gzip
// stream again and again for ever (found by FuzzRead). Offsets in names
// are then positions in the uncompressed archive.
func uncompressed(r io.Reader) (*stopAtError, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); !bytes.Equal(magic, gzipMagic) {
		return &stopAtError{r: &withoutGzipMagic{r: br}}, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("reading the compressed archive: %w", err)
	}
	return &stopAtError{r: &withoutGzipMagic{r: zr}}, nil
}

var gzipMagic = []byte{0x1f, 0x8b}

// withoutGzipMagic breaks every gzip signature in an uncompressed stream,
// so that gowarc, skipping junk to the next record, never starts a gzip
// reader of its own on a member buried in the junk (FuzzRead found that
// hang too). Lengths are kept, so the framing is untouched; what is
// changed was binary and never a page storyline reads.
type withoutGzipMagic struct {
	r    io.Reader
	last byte
}

func (w *withoutGzipMagic) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	for i := range n {
		if p[i] == gzipMagic[1] && w.last == gzipMagic[0] {
			p[i] = 0
		}
		w.last = p[i]
	}
	return n, err
}

// stopAtError ends the stream at its first read error, which it keeps to
// be reported, so that a reader that retries never sees the error twice.
type stopAtError struct {
	r   io.Reader
	err error
}

func (s *stopAtError) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, io.EOF
	}
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		s.err, err = err, io.EOF
	}
	return n, err
}

// next reads one record. gowarc panics on some malformed archives (found by
// FuzzRead), so a panic is turned into an error for this archive alone.
func next(wf *gowarc.WarcFileReader) (rec gowarc.WarcRecord, offset int64, err error) {
	defer func() {
		if r := recover(); r != nil {
			rec, err = nil, fmt.Errorf("malformed record: %v", r)
		}
	}()
	rec, offset, _, err = wf.Next()
	return rec, offset, err
}

// page turns a response record into an input, or nil for records that are
// not archived pages (requests, metadata, redirects, images).
func page(rec gowarc.WarcRecord, source string, maxBytes int64) (in *storyline.Input, err error) {
	defer func() {
		if r := recover(); r != nil {
			in, err = nil, &storyline.InputError{Source: source, Reason: "bad-warc", Err: fmt.Errorf("malformed record: %v", r)}
		}
	}()
	if rec.Type() != gowarc.Response {
		return nil, nil
	}
	block, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok || block.HttpStatusCode() != 200 {
		return nil, nil
	}
	format, ok := formatOf(block.HttpHeader().Get("Content-Type"))
	if !ok {
		return nil, nil
	}
	uri := rec.WarcHeader().Get(gowarc.WarcTargetURI)
	if uri != "" {
		source = uri
	}
	payload, perr := block.PayloadBytes()
	if perr != nil {
		return nil, &storyline.InputError{Source: source, Reason: "bad-warc", Err: perr}
	}
	raw, err := io.ReadAll(io.LimitReader(payload, maxBytes+1))
	if err != nil {
		return nil, &storyline.InputError{Source: source, Reason: "bad-warc", Err: err}
	}
	if int64(len(raw)) > maxBytes {
		return nil, &storyline.InputError{Source: source, Reason: "too-large",
			Err: fmt.Errorf("archived page is over %d bytes", maxBytes)}
	}
	return &storyline.Input{Source: source, URL: uri, Format: format, Raw: raw,
		Encoding: charsetOf(block.HttpHeader().Get("Content-Type"))}, nil
}

func formatOf(contentType string) (storyline.Format, bool) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return storyline.FormatHTML, true
	case "text/plain":
		return storyline.FormatText, true
	}
	return "", false
}

// charsetOf returns the charset the server declared, as a hint for decoding.
func charsetOf(contentType string) string {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.ToLower(params["charset"])
}
