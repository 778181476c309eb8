package hostile

import (
	"fmt"
	"html"
	"strings"
)

// FeedHost is the host every item link in a generated feed points to. A
// test that serves the feeds rewrites it to its own address, so that
// polling them never leaves the machine.
const FeedHost = "http://feeds.hostile.invalid"

func (g *gen) rssItems(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "<item><title>Item %d of case %d</title><link>%s/item/%d/%d</link><guid>g-%d-%d</guid>"+
			"<pubDate>Mon, 11 Dec 2017 10:00:00 GMT</pubDate><description>%s</description></item>\n",
			i, g.index, FeedHost, g.index, i, g.index, i, html.EscapeString("<p>"+g.paragraph()+"</p>"))
	}
	return b.String()
}

func rss(items string) string {
	return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Hostile Wire</title>` + items + `</channel></rss>`
}

func feedKinds() []kind {
	return []kind{
		document("feed-rss", ".rss", ingestedOr("no-text"), func(g *gen) []byte { return []byte(rss(g.rssItems(5))) }),
		document("feed-atom", ".atom", ingestedOr("no-text"), func(g *gen) []byte {
			var b strings.Builder
			b.WriteString(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Hostile Daily</title>`)
			for i := range 4 {
				fmt.Fprintf(&b, `<entry><title>Entry %d</title><id>urn:h:%d:%d</id><link href="%s/item/%d/%d"/><updated>2019-06-11T08:00:00Z</updated>`+
					`<content type="html">%s</content></entry>`, i, g.index, i, FeedHost, g.index, i, html.EscapeString(g.paragraphsHTML(2)))
			}
			return []byte(b.String() + "</feed>")
		}),
		document("feed-entity-bomb", ".rss", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">` +
				`<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>` +
				`<rss version="2.0"><channel><title>&d;</title>` + g.rssItems(2) + `</channel></rss>`)
		}),
		document("feed-many-items", ".rss", ingestedOr("no-text", "too-large"), func(g *gen) []byte { return []byte(rss(g.rssItems(g.big(20000*300) / 300))) }),
		document("feed-deep-nesting", ".rss", ingestedOr("no-text"), func(g *gen) []byte {
			return []byte(rss(strings.Repeat("<item><description>", g.big(50000*25)/25)))
		}),
		document("feed-truncated", ".rss", ingestedOr("no-text"), func(g *gen) []byte {
			f := rss(g.rssItems(5))
			return []byte(f[:g.r.Intn(len(f))])
		}),
		document("feed-junk-items", ".xml", ingestedOr("no-text"), func(g *gen) []byte {
			items := `<item><title>` + strings.Repeat("T", g.big(1<<20)) + `</title></item>` +
				`<item><link>javascript:alert(1)</link><guid></guid></item><item><link>file:///etc/passwd</link></item>` +
				`<item><pubDate>Mon, 99 Foo 99999 99:99:99</pubDate><link>` + FeedHost + `/item/x</link><description><![CDATA[<p>` +
				g.paragraph() + `]]]]><![CDATA[>]]></description></item><item><guid>same</guid></item><item><guid>same</guid></item>`
			return []byte(rss(items))
		}),
	}
}
