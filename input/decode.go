package input

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// Decode turns raw bytes into UTF-8 NFC text and names the encoding it
// found. The order of trust: a byte-order mark, a charset the page or the
// server declared (hint), valid UTF-8, then a guess between the Cyrillic
// and Western single-byte code pages by which one yields more letters.
// NUL bytes and other control characters mean the input is not text.
func Decode(raw []byte, hint string) (text, enc string, err error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return "", "", errEmpty
	}
	if text, enc, ok := decodeBOM(raw); ok {
		return finish(text, enc)
	}
	if looksBinary(raw) {
		return "", "", errBinary
	}
	// Valid UTF-8 with any non-ASCII byte is almost never an accident, while
	// pages that declare the wrong charset are common: trust the bytes.
	if utf8.Valid(raw) {
		return finish(string(raw), "utf-8")
	}
	if hint == "" {
		hint = declaredCharset(raw)
	}
	if e := lookup(hint); e != nil {
		if text, err := e.NewDecoder().Bytes(raw); err == nil {
			return finish(string(text), strings.ToLower(hint))
		}
	}
	return guessSingleByte(raw)
}

var (
	errEmpty  = errors.New("no content")
	errBinary = errors.New("binary content (NUL or control bytes), not text")
)

func finish(text, enc string) (string, string, error) {
	if !utf8.ValidString(text) {
		return "", "", fmt.Errorf("invalid %s text", enc)
	}
	// The text passes the test its raw bytes had to pass, as it will be
	// stored: a UTF-16 file of control characters is not text either, and
	// normalising must not tip the balance (both found by FuzzDecode).
	text = norm.NFC.String(strings.TrimLeft(text, "\ufeff"))
	if strings.ContainsRune(text, 0) || looksBinary(text) {
		return "", "", errBinary
	}
	return text, enc, nil
}

func decodeBOM(raw []byte) (string, string, bool) {
	var e encoding.Encoding
	var name string
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		return string(raw[3:]), "utf-8", true
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		e, name = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		e, name = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	default:
		return "", "", false
	}
	text, err := e.NewDecoder().Bytes(raw)
	if err != nil {
		return "", "", false
	}
	return string(text), name, true
}

// looksBinary spots content that is not text in any single-byte or UTF-8
// encoding: NUL bytes, or many C0 control bytes, in the first 8 KiB.
func looksBinary[T string | []byte](raw T) bool {
	head := raw[:min(len(raw), 8192)]
	controls := 0
	for i := range len(head) {
		switch b := head[i]; {
		case b == 0:
			return true
		case b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b:
			controls++
		}
	}
	return controls*100 > len(head) // over 1% control bytes
}

var charsetRe = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)`)

// declaredCharset reads a charset an HTML page declares in its head.
func declaredCharset(raw []byte) string {
	head := raw[:min(len(raw), 4096)]
	if m := charsetRe.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

func lookup(name string) encoding.Encoding {
	if name == "" {
		return nil
	}
	e, err := htmlindex.Get(name)
	if err != nil {
		return nil
	}
	return e
}

// guessSingleByte decodes text that is not UTF-8 and declares nothing:
// windows-1251 if most high bytes are Cyrillic letters there, otherwise
// windows-1252 (a superset of latin-1 for printable text).
func guessSingleByte(raw []byte) (string, string, error) {
	high, cyr := 0, 0
	for _, b := range raw {
		if b >= 0x80 {
			high++
			if b >= 0xC0 || b == 0xA8 || b == 0xB8 { // А-я, Ё, ё in windows-1251
				cyr++
			}
		}
	}
	enc, name := encoding.Encoding(charmap.Windows1252), "windows-1252"
	if high > 0 && cyr*10 >= high*8 && cyrillicWords(raw) {
		enc, name = charmap.Windows1251, "windows-1251"
	}
	text, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return "", "", fmt.Errorf("undecodable bytes: %w", err)
	}
	return finish(string(text), name)
}

// cyrillicWords reports whether high bytes come in runs, as letters of
// Cyrillic words do, rather than scattered, as accented Latin letters do.
func cyrillicWords(raw []byte) bool {
	runs, singles := 0, 0
	for i := 0; i < len(raw); i++ {
		if raw[i] < 0xC0 {
			continue
		}
		j := i
		for j < len(raw) && raw[j] >= 0xC0 {
			j++
		}
		if j-i >= 3 {
			runs++
		} else {
			singles++
		}
		i = j
	}
	return runs >= singles
}
