// Package input reads what users point storyline at: files, folders
// (recursively), stdin, JSON and JSONL in the gold format, web archives
// and URLs, each gzip-compressed or not. It streams: a corpus is never held
// in memory, and a bad input is reported, named, and passed over.
package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/fetch"
	"github.com/storyline-news/storyline/warc"
)

// Options bound what is read.
type Options struct {
	// MaxBytes bounds one input: a file, a decompressed file, a JSONL line
	// or an archived page. 0 means 50 MiB.
	MaxBytes int64
	// Fetch fetches URLs given as inputs; nil refuses them.
	Fetch *fetch.Client
	// Stdin is what "-" reads; nil means os.Stdin.
	Stdin io.Reader
	// MaxExpansion bounds how many times its size a compressed file may
	// grow once past its first MiB: a compression bomb of blank JSONL lines
	// or tiny records would otherwise be read for hours. 0 means 200.
	MaxExpansion int64
}

func (o Options) maxExpansion() int64 {
	if o.MaxExpansion <= 0 {
		return 200
	}
	return o.MaxExpansion
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return 50 << 20
	}
	return o.MaxBytes
}

// Yield receives each input, or the error that made one unusable. An error
// it returns stops the walk.
type Yield func(*storyline.Input, error) error

// Walk reads every input under paths in a stable order and yields it.
// Problems with one input are yielded as *storyline.InputError and the
// walk goes on; only ctx, or an error from yield, stops it.
func Walk(ctx context.Context, paths []string, opts Options, yield Yield) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch {
		case p == "-":
			err = readStdin(ctx, opts, yield)
		case strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://"):
			err = readURL(ctx, p, opts, yield)
		default:
			err = walkPath(ctx, p, opts, yield)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func walkPath(ctx context.Context, root string, opts Options, yield Yield) error {
	info, err := os.Stat(root)
	if err != nil {
		return yield(nil, bad(root, "unreadable", err))
	}
	if !info.IsDir() {
		return readFile(ctx, root, opts, yield)
	}
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return yield(nil, bad(path, "unreadable", err))
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		name := d.Name()
		if path != root && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() || isOwnFile(name) {
			return nil
		}
		return readFile(ctx, path, opts, yield)
	})
}

// isOwnFile spots storyline's own databases, which a user may keep beside
// the corpus.
func isOwnFile(name string) bool {
	for _, suffix := range []string{".db", ".db-wal", ".db-shm", ".db-journal", ".sqlite"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}

func bad(source, reason string, err error) *storyline.InputError {
	return &storyline.InputError{Source: source, Reason: reason, Err: err}
}

func readFile(ctx context.Context, path string, opts Options, yield Yield) error {
	info, err := os.Stat(path)
	if err != nil {
		return yield(nil, bad(path, "unreadable", err))
	}
	limit := opts.maxBytes()
	kind := kindOf(path)
	if info.Size() > limit && kind != "jsonl" && kind != "warc" {
		return yield(nil, bad(path, "too-large", fmt.Errorf("%d bytes, over the %d-byte limit (--max-bytes)", info.Size(), limit)))
	}
	f, err := os.Open(path)
	if err != nil {
		return yield(nil, bad(path, "unreadable", err))
	}
	defer f.Close()
	r, err := maybeGunzip(f, opts.maxExpansion())
	if err != nil {
		return yield(nil, bad(path, "bad-gzip", err))
	}
	switch kind {
	case "jsonl":
		return readJSONL(ctx, r, path, filepath.Base(filepath.Dir(path)), opts, yield)
	case "warc":
		return readWARC(ctx, r, path, limit, yield)
	}
	raw, err := readAtMost(r, limit)
	if err != nil {
		return yield(nil, inputErr(path, err))
	}
	return yieldDocument(ctx, raw, path, kind, filepath.Base(filepath.Dir(path)), yield)
}

// kindOf names how a file is read, from its name: jsonl, json, warc, html,
// text, or "" to sniff the content.
func kindOf(path string) string {
	name := strings.ToLower(strings.TrimSuffix(strings.ToLower(path), ".gz"))
	switch filepath.Ext(name) {
	case ".jsonl", ".ndjson":
		return "jsonl"
	case ".json":
		return "json"
	case ".warc", ".arc":
		return "warc"
	case ".html", ".htm", ".xhtml", ".shtml":
		return "html"
	case ".txt", ".text", ".md":
		return "text"
	}
	return ""
}

// maybeGunzip decompresses a gzip file, whatever its name says, within
// the expansion bound.
func maybeGunzip(f *os.File, maxExpansion int64) (io.Reader, error) {
	counted := &countingReader{r: f}
	br := bufio.NewReader(counted)
	magic, _ := br.Peek(2)
	if !bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		return br, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, err
	}
	return &expansionGuard{r: zr, compressed: counted, ratio: maxExpansion}, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// expansionGuard stops a decompressed stream that outgrows its compressed
// size ratio times, once past a first MiB that any small file may fill.
type expansionGuard struct {
	r          io.Reader
	compressed *countingReader
	ratio, out int64
}

var errBomb = errors.New("a compression bomb")

func (g *expansionGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.out += int64(n)
	if g.out > 1<<20 && g.out > g.ratio*g.compressed.n {
		return n, fmt.Errorf("%w: %d bytes from %d compressed, over %d times (--max-expansion)", errBomb, g.out, g.compressed.n, g.ratio)
	}
	return n, err
}

var errTooLarge = errors.New("over the size limit (--max-bytes)")

// readAtMost reads r whole unless it holds more than limit bytes, which
// also stops decompression bombs.
func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(raw)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", errTooLarge, limit)
	}
	return raw, nil
}

func inputErr(source string, err error) *storyline.InputError {
	switch {
	case errors.Is(err, errTooLarge), errors.Is(err, errBomb):
		return bad(source, "too-large", err)
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader), errors.Is(err, io.ErrUnexpectedEOF):
		return bad(source, "bad-gzip", err)
	}
	return bad(source, "unreadable", err)
}

// yieldDocument yields one file's content: a JSON document (one article or
// an array of them), or a page or text, sniffed when its name does not say.
func yieldDocument(ctx context.Context, raw []byte, source, kind, group string, yield Yield) error {
	if kind == "" {
		kind = sniff(raw)
	}
	switch kind {
	case "json":
		return yieldJSON(raw, source, group, yield)
	case "jsonl":
		return readJSONL(ctx, bytes.NewReader(raw), source, group, Options{MaxBytes: int64(len(raw)) + 1}, yield)
	}
	in := &storyline.Input{Source: source, Raw: raw, Format: storyline.FormatText, Group: group}
	if kind == "html" {
		in.Format = storyline.FormatHTML
	}
	if err := decodeInput(in); err != nil {
		return yield(in, err) // the raw bytes go to quarantine with the reason
	}
	return yield(in, nil)
}

// decodeInput fills in.Text from in.Raw.
func decodeInput(in *storyline.Input) error {
	text, enc, err := Decode(in.Raw, in.Encoding)
	if err != nil {
		reason := "bad-encoding"
		switch {
		case errors.Is(err, errEmpty):
			reason = "empty"
		case errors.Is(err, errBinary):
			reason = "binary"
		}
		return bad(in.Source, reason, err)
	}
	in.Text, in.Encoding = text, enc
	return nil
}

// sniff guesses what a file without a telling name holds.
func sniff(raw []byte) string {
	head := bytes.TrimLeft(raw[:min(len(raw), 1024)], " \t\r\n\ufeff\xef\xbb\xbf")
	switch {
	case bytes.HasPrefix(head, []byte("[")):
		return "json"
	case bytes.HasPrefix(head, []byte("{")):
		if bytes.Count(bytes.TrimSpace(raw), []byte("\n{")) > 0 {
			return "jsonl"
		}
		return "json"
	case bytes.HasPrefix(head, []byte("WARC/")):
		return "warc"
	}
	lower := bytes.ToLower(head)
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.Contains(lower, []byte("<body")) || bytes.Contains(lower, []byte("<p>")) || bytes.Contains(lower, []byte("<div")) {
		return "html"
	}
	return "text"
}

func readStdin(ctx context.Context, opts Options, yield Yield) error {
	stdin := opts.Stdin
	if stdin == nil {
		stdin = os.Stdin
	}
	raw, err := readAtMost(stdin, opts.maxBytes())
	if err != nil {
		return yield(nil, inputErr("stdin", err))
	}
	if kind := sniff(raw); kind == "warc" {
		return readWARC(ctx, bytes.NewReader(raw), "stdin", opts.maxBytes(), yield)
	}
	return yieldDocument(ctx, raw, "stdin", "", "stdin", yield)
}

// readWARC yields every archived page, and reports an archive holding
// none: the user gave an input, and silence would lose it.
func readWARC(ctx context.Context, r io.Reader, source string, limit int64, yield Yield) error {
	yielded := false
	err := warc.Read(ctx, r, source, limit, func(in *storyline.Input, err error) error {
		yielded = true
		if err == nil {
			err = decodeInput(in)
		}
		if err != nil {
			return yield(nil, err)
		}
		return yield(in, nil)
	})
	if err == nil && !yielded {
		err = yield(nil, bad(source, "no-text", errors.New("the web archive holds no HTML or text page with status 200")))
	}
	return err
}

func readURL(ctx context.Context, url string, opts Options, yield Yield) error {
	if opts.Fetch == nil {
		return yield(nil, bad(url, "fetch-refused", errors.New("fetching URLs is not enabled here")))
	}
	in, err := opts.Fetch.Page(ctx, url)
	if err == nil {
		err = decodeInput(in)
	}
	if err != nil {
		return yield(nil, err)
	}
	return yield(in, nil)
}

// record is one article in the gold format of the evaluation data.
type record struct {
	ID        json.RawMessage `json:"id"`
	Text      *string         `json:"text"`
	HTML      *string         `json:"html"`
	URL       string          `json:"url"`
	Title     string          `json:"title"`
	Outlet    string          `json:"outlet"`
	Published string          `json:"published"`
}

// utf8BOM opens files some Windows tools write; JSON parsers refuse it.
var utf8BOM = []byte("\ufeff")

func yieldJSON(raw []byte, source, group string, yield Yield) error {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(raw, utf8BOM))
	if bytes.HasPrefix(trimmed, []byte("[")) {
		var items []json.RawMessage
		if err := json.Unmarshal(trimmed, &items); err != nil {
			return yield(nil, bad(source, "bad-json", err))
		}
		if len(items) == 0 {
			return yield(nil, bad(source, "empty", errors.New("an empty JSON array")))
		}
		for i, item := range items {
			if err := yieldRecord(item, fmt.Sprintf("%s#%d", source, i), group, yield); err != nil {
				return err
			}
		}
		return nil
	}
	return yieldRecord(trimmed, source, group, yield)
}

func readJSONL(ctx context.Context, r io.Reader, source, group string, opts Options, yield Yield) error {
	br := bufio.NewReaderSize(r, 64<<10)
	limit := opts.maxBytes()
	yielded := false
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := readLine(br, limit)
		if n == 1 {
			line = bytes.TrimPrefix(line, utf8BOM)
		}
		broken := err != nil && err != io.EOF // the line is cut short: only the error is news
		if !broken && (len(bytes.TrimSpace(line)) > 0 || tooLong) {
			yielded = true
			lineSource := fmt.Sprintf("%s#L%d", source, n)
			var yerr error
			if tooLong {
				yerr = yield(nil, bad(lineSource, "too-large", fmt.Errorf("line over %d bytes (--max-bytes)", limit)))
			} else {
				yerr = yieldRecord(bytes.TrimRight(line, "\r\n"), lineSource, group, yield)
			}
			if yerr != nil {
				return yerr
			}
		}
		if err == io.EOF && !yielded {
			return yield(nil, bad(source, "empty", errors.New("no line holds any content")))
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return yield(nil, inputErr(fmt.Sprintf("%s#L%d", source, n), err))
		}
	}
}

// readLine reads one line, keeping at most limit bytes: the rest of an
// over-long line is skipped, never held.
func readLine(br *bufio.Reader, limit int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > limit {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err != bufio.ErrBufferFull {
			return line, tooLong, err
		}
	}
}

func yieldRecord(raw []byte, source, group string, yield Yield) error {
	var rec record
	if err := json.Unmarshal(raw, &rec); err != nil {
		return yield(&storyline.Input{Source: source, Raw: raw, Group: group}, bad(source, "bad-json", errors.New(shortJSONError(err))))
	}
	in := &storyline.Input{ID: idString(rec.ID), Source: source, Raw: raw, URL: rec.URL, Title: rec.Title,
		Outlet: rec.Outlet, Published: rec.Published, Encoding: "utf-8", Group: group}
	if rec.Outlet != "" {
		in.Group = rec.Outlet
	}
	switch {
	case rec.HTML != nil && strings.TrimSpace(*rec.HTML) != "":
		in.Format, in.Text = storyline.FormatHTML, *rec.HTML
	case rec.Text != nil && strings.TrimSpace(*rec.Text) != "":
		in.Format, in.Text = storyline.FormatText, *rec.Text
	default:
		return yield(in, bad(source, "no-text", errors.New(`neither "text" nor "html" holds any content`)))
	}
	if in.ID != "" {
		// eval.md: a gold line's id is echoed as its source, so that scores
		// can be matched back; errors above still name the file and line.
		in.Source = in.ID
	}
	in.Text = norm.NFC.String(strings.ToValidUTF8(in.Text, "\ufffd"))
	return yield(in, nil)
}

// idString accepts an id written as a string or a number.
func idString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return strings.TrimSpace(string(raw))
}

func shortJSONError(err error) string {
	msg := err.Error()
	if len(msg) > 160 {
		msg = msg[:160] + "…"
	}
	return "not a JSON object: " + msg
}
