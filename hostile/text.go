package hostile

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// big is the size of inputs meant to be read and processed although they
// are far larger than any news article: at most a quarter of the limit.
func (g *gen) big(want int) int { return int(min(int64(want), g.opts.MaxBytes/4)) }

func textKinds() []kind {
	return []kind{
		document("article", ".txt", ingestedOr(), func(g *gen) []byte {
			return []byte("Home | World | Politics\nHostile Wire\n" + g.prose(6) + "\nShare this article\nComments\n")
		}),
		document("empty", ".txt", quarantined("empty"), func(g *gen) []byte { return nil }),
		document("whitespace", ".txt", quarantined("empty"), func(g *gen) []byte {
			return []byte(strings.Repeat(" \t\r\n\u00a0\u2003", 1+g.r.Intn(500)))
		}),
		document("junk-only", ".txt", quarantined("no-text"), func(g *gen) []byte {
			return []byte(fmt.Sprintf("Home | World | Sport\nSubscribe\nShare this article\nLog in\n© %d Hostile Wire\n", 1900+g.index))
		}),
		document("random-bytes", ".txt", quarantined("binary", "bad-encoding"), func(g *gen) []byte {
			return g.randomBytes(1 + g.r.Intn(64<<10))
		}),
		document("jpeg", ".jpg", quarantined("binary"), func(g *gen) []byte {
			return append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"), g.randomBytes(4096)...)
		}),
		document("elf", "", quarantined("binary"), func(g *gen) []byte {
			return append([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00"), g.randomBytes(2048)...)
		}),
		document("nul-early", ".txt", quarantined("binary"), func(g *gen) []byte {
			b := []byte(g.prose(4))
			b[g.r.Intn(min(len(b), 8000))] = 0
			return b
		}),
		document("nul-late", ".txt", quarantined("binary"), func(g *gen) []byte {
			return []byte(g.prose(400) + "\x00" + g.prose(2))
		}),
		document("control-bytes", ".txt", quarantined("binary"), func(g *gen) []byte {
			b := []byte(g.prose(8))
			for i := 0; i < len(b)/20; i++ {
				b[g.r.Intn(len(b))] = byte(1 + g.r.Intn(8))
			}
			return b
		}),
		document("few-control-bytes", ".txt", ingestedOr(), func(g *gen) []byte {
			b := []byte(g.prose(8))
			b[g.r.Intn(len(b))] = '\x07'
			return append(b, "\x1b[31mred\x1b[0m\x08\x0b\x0c"...)
		}),
		document("rtl", ".txt", ingestedOr(), func(g *gen) []byte {
			return []byte("\u202eالسلام عليكم\u202c\n" + g.prose(2) + "\n\u200fقال الوزير \"لن نغادر الميناء\" يوم الاثنين.\u200f\n" +
				"\u2067שלום עולם\u2069 \u202d" + g.prose(1) + "\u202c\nהשר אמר: \"הנמל יישאר\".\n")
		}),
		document("emoji", ".txt", ingestedOr(), func(g *gen) []byte {
			return []byte(strings.Repeat("👨‍👩‍👧‍👦🏳️‍🌈🇳🇴👍🏽1️⃣❤️ ", 1+g.r.Intn(50)) + "\n" + g.prose(3) +
				"\n\"We will stay 🚢⚓,\" Volkov said 😀.\n🤷‍♀️\n")
		}),
		document("zalgo", ".txt", ingestedOr("no-text"), func(g *gen) []byte {
			var b strings.Builder
			for _, r := range g.prose(2) {
				b.WriteRune(r)
				for range g.r.Intn(40) {
					b.WriteRune(rune(0x300 + g.r.Intn(0x70)))
				}
			}
			return []byte(b.String())
		}),
		document("decomposed", ".txt", ingestedOr(), func(g *gen) []byte {
			// NFD accents and conjoining Hangul jamo: NFC shortens them, so
			// offsets computed before normalising would be wrong.
			return []byte("Cafe\u0301 Ame\u0301lie and \u1100\u1161\u11a8 said on Monday that the pi\u0301er stays.\n" + g.prose(2))
		}),
		document("line-separators", ".txt", ingestedOr(), func(g *gen) []byte {
			return []byte(strings.NewReplacer(". ", ".\u2028", "\n\n", "\u2029\r\u0085\v\f").Replace(g.prose(5)))
		}),
		document("cr-only", ".txt", ingestedOr(), func(g *gen) []byte {
			return []byte(strings.ReplaceAll("Headline Of The Day Here\n"+g.prose(5), "\n", "\r"))
		}),
		document("endless-quote", ".txt", ingestedOr(), func(g *gen) []byte {
			return []byte(g.prose(1) + "\n\nVolkov said: “" + g.words(g.big(400<<10)))
		}),
		document("unbalanced-quotes", ".txt", ingestedOr(), func(g *gen) []byte {
			marks := []string{"“", "”", "\"", "'", "‘", "’", "«", "»", "„", "‹", "›", "「", "」"}
			var b strings.Builder
			for range g.big(3000) / 20 {
				b.WriteString(g.pick(marks))
				b.WriteString(g.pick(speakers))
				b.WriteString(" said ")
			}
			return []byte(g.prose(1) + "\n" + b.String() + "\n" + g.prose(1))
		}),
		document("quote-storm", ".txt", ingestedOr(), func(g *gen) []byte {
			return []byte(g.prose(1) + "\n" + strings.Repeat(`"We stay," he said. "We go," she said, "now." `, g.big(200<<10)/46))
		}),
		document("cue-storm", ".txt", ingestedOr(), func(g *gen) []byte {
			return []byte(strings.Repeat("Volkov said Haddad told Petrova according to Marchenko said that ", g.big(300<<10)/66) + ".")
		}),
		document("date-storm", ".txt", ingestedOr(), func(g *gen) []byte {
			return []byte(strings.Repeat("On Monday, 31 February 2017, at 3 p.m. last year, next week, in the 1990s, two months ago, by fall 2015 and Dec. 11, ",
				g.big(300<<10)/120) + "the talks resumed.")
		}),
		document("name-storm", ".txt", ingestedOr(), func(g *gen) []byte {
			var b strings.Builder
			for b.Len() < g.big(300<<10) {
				fmt.Fprintf(&b, "President %s of the %s Organisation (%s) met ", g.pick(speakers), g.pick(places),
					strings.ToUpper(g.pick(places)[:3]))
			}
			return []byte(b.String() + "nobody.")
		}),
		document("long-word", ".txt", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(g.prose(1) + "\n" + strings.Repeat("a", g.big(1<<20)) + "\n")
		}),
		document("many-short-lines", ".txt", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(strings.Repeat("a\n", g.big(1<<20)/2))
		}),
		document("ten-thousand-paragraphs", ".txt", ingestedOr("too-large"), func(g *gen) []byte {
			var b strings.Builder
			for i := 0; i < 10000 && b.Len() < g.big(4<<20); i++ {
				b.WriteString(g.paragraph())
				b.WriteString("\n\n")
			}
			return []byte(b.String())
		}),
		{name: "at-the-limit", ext: ".txt", most: 2, expect: ingestedOr("too-large", "no-text"),
			write: func(g *gen, f *os.File) (int, error) {
				return 1, writeText(f, func(w *bufio.Writer) error {
					return repeatTo(w, g.prose(20)+"\n", g.opts.MaxBytes)
				})
			}},
		{name: "over-the-limit", ext: ".txt", most: 2, expect: quarantined("too-large"),
			write: func(g *gen, f *os.File) (int, error) {
				return 1, repeatTo(f, g.prose(20)+"\n", g.opts.MaxBytes+1)
			}},
		{name: "endless-line", ext: ".txt", most: 2, expect: quarantined("too-large"),
			write: func(g *gen, f *os.File) (int, error) {
				return 1, repeatTo(f, g.words(64<<10), g.opts.Huge)
			}},
		{name: "sparse-terabyte", ext: ".txt", most: 3, expect: quarantined("too-large"),
			write: func(g *gen, f *os.File) (int, error) {
				return 1, f.Truncate(1 << 40) // holes: a terabyte that costs nothing on disk
			}},
	}
}

func (g *gen) randomBytes(n int) []byte {
	b := make([]byte, n)
	g.r.Read(b)
	return b
}
