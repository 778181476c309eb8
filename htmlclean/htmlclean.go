// Package htmlclean recovers an article from a web page: its body with
// paragraph breaks kept, and its title, outlet, byline, language and
// publication date from the page's metadata. It builds on go-trafilatura
// (with its readability and DOM-distiller fallbacks) and go-htmldate.
package htmlclean

import (
	"context"
	"errors"
	"fmt"
	nurl "net/url"
	"strings"
	"time"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"

	"github.com/storyline-news/storyline"
)

// Extractor cleans HTML pages. One value serves many goroutines.
type Extractor struct {
	// Fallback runs readability and DOM distiller beside trafilatura and
	// keeps the best candidate: measured better on real news pages (see
	// EvaluateExtraction), at some cost in speed.
	Fallback bool
	// Focus trades recall for precision; see EvaluateExtraction.
	Focus trafilatura.ExtractionFocus
}

// New returns an extractor with the settings measured best.
func New() *Extractor { return &Extractor{Fallback: true, Focus: trafilatura.FavorPrecision} }

// Clean extracts the article of an HTML input.
func (x *Extractor) Clean(ctx context.Context, in *storyline.Input) (a *storyline.Article, err error) {
	defer func() {
		// A parser library must not take the batch down with one hostile page.
		if r := recover(); r != nil {
			a, err = nil, fmt.Errorf("%s: extractor failed on malformed HTML: %v", in.Source, r)
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res, err := trafilatura.Extract(strings.NewReader(in.Text), x.options(in.URL))
	if err != nil || res == nil || res.ContentNode == nil {
		if err == nil {
			err = errors.New("no article text found")
		}
		return nil, fmt.Errorf("%s: %w", in.Source, err)
	}
	body := Paragraphs(res.ContentNode)
	if strings.TrimSpace(body) == "" {
		return nil, fmt.Errorf("%s: no article text found", in.Source)
	}
	m := res.Metadata
	body = dropLeadingTitle(body, clean(m.Title))
	a = &storyline.Article{Body: body, Title: clean(m.Title), Byline: clean(m.Author), Language: m.Language,
		Outlet: outletOf(m)}
	if !m.Date.IsZero() {
		day := m.Date.Format(time.DateOnly)
		a.Published = storyline.Published{Date: day, Earliest: day, Latest: day, Method: storyline.DateMetadata,
			Evidence: "page metadata (htmldate): " + m.Date.Format(time.RFC3339)}
	}
	return a, nil
}

func (x *Extractor) options(rawURL string) trafilatura.Options {
	opts := trafilatura.Options{EnableFallback: x.Fallback, Focus: x.Focus, ExcludeComments: true, Deduplicate: true,
		HtmlDateMode: trafilatura.Extensive, MaxTreeSize: 200000}
	if u, err := nurl.Parse(rawURL); err == nil && u.Host != "" {
		opts.OriginalURL = u
	}
	return opts
}

// outletOf names the publication: the site's own name, else its host
// without "www.".
func outletOf(m trafilatura.Metadata) string {
	if s := clean(m.Sitename); s != "" {
		return s
	}
	return strings.TrimPrefix(strings.ToLower(m.Hostname), "www.")
}

// dropLeadingTitle removes the headline when the extracted text opens
// with it: the title is kept once, in Title.
func dropLeadingTitle(body, title string) string {
	first, rest, found := strings.Cut(body, "\n\n")
	if found && title != "" && strings.EqualFold(strings.TrimSpace(first), title) {
		return rest
	}
	return body
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// blocks are the elements that start a paragraph of their own.
var blocks = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "blockquote": true, "pre": true, "tr": true, "table": true, "ul": true, "ol": true,
	"section": true, "article": true, "header": true, "footer": true, "figure": true, "figcaption": true,
	"dd": true, "dt": true, "head": true, "item": true, "list": true, "quote": true,
}

// Paragraphs renders a content tree as text with one paragraph per block
// element, joined by blank lines: trafilatura's ContentText loses these
// breaks, and sentence and quote finding need them.
func Paragraphs(n *html.Node) string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		if p := clean(cur.String()); p != "" {
			paras = append(paras, p)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			case "br":
				cur.WriteString(" ")
				return
			}
		}
		block := n.Type == html.ElementNode && blocks[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return strings.Join(paras, "\n\n")
}
