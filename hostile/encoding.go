package hostile

import (
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

const (
	russianNews = "Министр обороны Дмитрий Волков заявил в понедельник, что база в порту Ансельм останется. «Мы не уйдём», — сказал он журналистам."
	frenchNews  = "Le ministre a déclaré lundi à Genève que la base navale resterait « aussi longtemps que nécessaire », a précisé l'agence."
)

func encodingKinds() []kind {
	return []kind{
		document("windows-1251", ".txt", ingestedOr(), func(g *gen) []byte {
			return encode(charmap.Windows1251, strings.Repeat(russianNews+"\n\n", 1+g.r.Intn(5)))
		}),
		document("latin-1", ".txt", ingestedOr(), func(g *gen) []byte {
			return encode(charmap.ISO8859_1, strings.Repeat(frenchNews+"\n\n", 1+g.r.Intn(5)))
		}),
		document("mixed-encodings", ".txt", ingestedOr(), func(g *gen) []byte {
			b := []byte(g.prose(2) + "\n\n" + russianNews + "\n\n")
			b = append(b, encode(charmap.Windows1251, russianNews+"\n\n")...)
			return append(b, encode(charmap.ISO8859_1, frenchNews+"\n\n")...)
		}),
		document("invalid-utf8", ".txt", ingestedOr(), func(g *gen) []byte {
			b := []byte(g.prose(4))
			for range 1 + g.r.Intn(20) {
				i := g.r.Intn(len(b))
				b = append(b[:i], append([]byte{byte(0x80 + g.r.Intn(0x80))}, b[i:]...)...)
			}
			return b
		}),
		document("overlong-and-surrogates", ".txt", ingestedOr(), func(g *gen) []byte {
			// Overlong slash, encoded surrogates, bytes never valid in UTF-8,
			// a sequence cut short, and a code point past U+10FFFF.
			return []byte(g.prose(2) + "\xc0\xaf \xe0\x80\xaf \xed\xa0\x80\xed\xbf\xbf \xf5\x80\x80\x80 \xfe\xff \xe2\x82 \xf4\x90\x80\x80\n" + g.prose(1))
		}),
		document("utf8-bom", ".txt", ingestedOr(), func(g *gen) []byte { return []byte("\ufeff" + g.prose(3)) }),
		document("bom-twice-and-inside", ".txt", ingestedOr(), func(g *gen) []byte {
			return []byte("\ufeff\ufeff" + strings.ReplaceAll(g.prose(3), " ", " \ufeff"))
		}),
		document("utf16le-bom", ".txt", ingestedOr(), func(g *gen) []byte {
			return encode(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), g.prose(3)+"\n"+russianNews)
		}),
		document("utf16be-bom", ".txt", ingestedOr(), func(g *gen) []byte {
			return encode(unicode.UTF16(unicode.BigEndian, unicode.UseBOM), g.prose(3))
		}),
		document("utf16-no-bom", ".txt", quarantined("binary"), func(g *gen) []byte {
			return encode(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), g.prose(3))
		}),
		document("utf16-odd-length", ".txt", ingestedOr("bad-encoding", "binary"), func(g *gen) []byte {
			b := encode(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), g.prose(2))
			return b[:len(b)-1]
		}),
		document("utf16-lone-surrogates", ".txt", ingestedOr("bad-encoding", "binary"), func(g *gen) []byte {
			b := encode(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), g.prose(2))
			return append(b, 0x00, 0xd8, 'a', 0, 0x00, 0xdc, '\n', 0)
		}),
		document("utf16-bom-then-nothing", ".txt", quarantined("empty", "binary", "no-text"), func(g *gen) []byte {
			return []byte{0xff, 0xfe}
		}),
		document("utf32-bom", ".txt", quarantined("binary", "bad-encoding"), func(g *gen) []byte {
			return encode(utf32.UTF32(utf32.LittleEndian, utf32.UseBOM), g.prose(2))
		}),
	}
}

func encode(e encoding.Encoding, s string) []byte {
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		// Unencodable runes: keep what can be written, as a careless
		// exporter would.
		b, _ = encoding.ReplaceUnsupported(e.NewEncoder()).Bytes([]byte(s))
	}
	return b
}
