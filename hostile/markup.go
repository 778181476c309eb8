package hostile

import (
	"fmt"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// page wraps paragraphs in the page furniture real news sites have.
func (g *gen) page(head, body string) string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Hostile Wire ` + fmt.Sprint(g.index) +
		`</title>` + head + `</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav><article><h1>Talks on the port resume</h1>` +
		body + `</article><footer>© Hostile Wire</footer></body></html>`
}

func (g *gen) paragraphsHTML(n int) string {
	var b strings.Builder
	for range n {
		b.WriteString("<p>")
		b.WriteString(g.paragraph())
		b.WriteString("</p>\n")
	}
	return b.String()
}

// nested writes depth open tags (and closes them when closed is set)
// around a paragraph.
func (g *gen) nested(open, close string, depth int, closed bool) string {
	inner := "<p>" + g.paragraph() + "</p>"
	if !closed {
		close = ""
	}
	return strings.Repeat(open, depth) + inner + strings.Repeat(close, depth)
}

func htmlKinds() []kind {
	return []kind{
		document("page", ".html", ingestedOr(), func(g *gen) []byte { return []byte(g.page("", g.paragraphsHTML(6))) }),
		document("deep-divs", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(g.page("", g.nested("<div>", "</div>", g.big(100000*5)/5, g.r.Intn(2) == 0)))
		}),
		document("deep-inline", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(g.page("", "<p>"+g.paragraph()+strings.Repeat("<span><b><i>", g.big(50000*12)/12)+g.paragraph()+"</p>"))
		}),
		document("misnested-formatting", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			// The adoption agency algorithm's worst case: formatting tags
			// closed out of order, again and again.
			return []byte(g.page("", strings.Repeat("<b><i><u><s><a href=x>"+g.paragraph()+"</b></i></a><p>", g.big(3000*140)/140)))
		}),
		document("deep-tables", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(g.page("", g.nested("<table><tr><td>", "</td></tr></table>", g.big(5000*15)/15, true)))
		}),
		document("ten-thousand-paragraphs-page", ".html", ingestedOr(), func(g *gen) []byte {
			return []byte(g.page("", g.paragraphsHTML(min(10000, g.big(10000*120)/120))))
		}),
		document("truncated", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			p := g.page(`<meta name="description" content="`+g.paragraph()+`">`, g.paragraphsHTML(5))
			return []byte(p[:g.r.Intn(len(p))])
		}),
		document("unclosed-script", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(g.page("<script>var a = '</scr' + 'ipt>'; /*", g.paragraphsHTML(3)))
		}),
		document("unclosed-comment", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(g.page("", g.paragraphsHTML(2)+"<!-- "+g.paragraphsHTML(3)))
		}),
		document("plaintext-tag", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(g.page("", "<plaintext>"+g.paragraphsHTML(3)))
		}),
		document("huge-attribute", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(g.page(`<meta name="x" content="`+strings.Repeat("&quot;<p>", g.big(1<<20)/9)+`">`, g.paragraphsHTML(3)))
		}),
		document("data-uri-image", ".html", ingestedOr(), func(g *gen) []byte {
			return []byte(g.page("", `<img src="data:image/png;base64,`+strings.Repeat("iVBORw0KGgo", g.big(1<<20)/11)+`">`+g.paragraphsHTML(3)))
		}),
		document("entity-storm", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(g.page("", "<p>"+strings.Repeat("&amp;&lt;&#x1F600;&#0;&#xD800;&#x110000;&#99999999999;&nbsp&notanentity; ", g.big(200<<10)/70)+
				"</p>"+g.paragraphsHTML(2)))
		}),
		document("charset-lie", ".html", ingestedOr(), func(g *gen) []byte {
			charsets := []string{"windows-1251", "utf-16", "x-user-defined", "no-such-charset", "utf-7", "koi8-r"}
			return []byte(strings.Replace(g.page("", g.paragraphsHTML(3)+"<p>"+russianNews+"</p>"),
				`charset="utf-8"`, `charset="`+g.pick(charsets)+`"`, 1))
		}),
		document("charset-declared-1251", ".html", ingestedOr(), func(g *gen) []byte {
			return encode(charmap.Windows1251, strings.Replace(g.page("", "<p>"+russianNews+"</p><p>"+russianNews+"</p>"),
				`charset="utf-8"`, `charset="windows-1251"`, 1))
		}),
		document("svg-and-math", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(g.page("", g.nested("<svg><foreignObject><math><mi>", "</mi></math></foreignObject></svg>", 2000, false)+g.paragraphsHTML(2)))
		}),
		document("template-and-select", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(g.page("", strings.Repeat("<template><select><option><table><template>", 3000)+g.paragraphsHTML(2)))
		}),
		document("frameset", ".html", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte("<html><frameset><frame src=a><noframes>" + g.paragraphsHTML(3) + "</noframes></frameset></html>")
		}),
		document("scripts-only", ".html", quarantined("no-text"), func(g *gen) []byte {
			return []byte("<html><head><script>" + strings.Repeat("var x=1;", 2000) + "</script><style>p{}</style></head><body><script>y()</script></body></html>")
		}),
		document("meta-dates-junk", ".html", ingestedOr(), func(g *gen) []byte {
			head := `<meta property="article:published_time" content="99999-99-99T99:99:99Z"><meta name="date" content="0000-00-00">` +
				`<meta name="pubdate" content="31 February 2017"><time datetime="-2017-13-45">yesterday</time>`
			return []byte(g.page(head, g.paragraphsHTML(3)))
		}),
		document("nul-in-page", ".html", quarantined("binary"), func(g *gen) []byte {
			return []byte(g.page("", g.paragraphsHTML(2)+"<p>\x00\x00\x00</p>"))
		}),
		document("binary-named-html", ".html", quarantined("binary", "bad-encoding"), func(g *gen) []byte {
			return append([]byte("<html>"), g.randomBytes(2048)...)
		}),
		document("doctype-bomb", ".xhtml", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
				`<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><html><body><p>&lol3;</p>` + g.paragraphsHTML(3) + `</body></html>`)
		}),
	}
}
