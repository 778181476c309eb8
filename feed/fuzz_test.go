package feed

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/fetch"
	"github.com/storyline-news/storyline/hostile"
)

// FuzzPoll serves any bytes as a feed and polls it through the real
// fetch client: the poll ends with an error naming the feed or with items
// that are each an input with a name or an error naming the item; items
// link to the test server only, as this process has no business on the
// network.
func FuzzPoll(f *testing.F) {
	seeds, err := hostile.Seeds("*.rss", "*.atom", "*.xml")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Add([]byte(`<rss version="2.0"><channel><title>T</title><item><title>A</title><link>` + hostile.FeedHost +
		`/a</link><guid>g</guid><pubDate>Mon, 11 Dec 2017 10:00:00 GMT</pubDate></item><item><description>&lt;p&gt;x</description></item></channel></rss>`))
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/feed" {
			_, _ = w.Write(body)
			return
		}
		_, _ = w.Write([]byte("<html><body><article><p>Page " + r.URL.Path + ".</p></article></body></html>"))
	}))
	defer srv.Close()
	client := fetch.New(fetch.Options{AllowPrivate: true, PerHost: time.Nanosecond, MaxBytes: 1 << 16, Timeout: 5 * time.Second})
	f.Fuzz(func(t *testing.T, data []byte) {
		data = []byte(strings.ReplaceAll(string(data), hostile.FeedHost, srv.URL))
		if !linksStayHome(data, srv.URL) {
			return
		}
		body = data
		w := &Watcher{Client: client}
		err := w.Poll(context.Background(), srv.URL+"/feed", func(in *storyline.Input, err error) error {
			if err != nil {
				var ie *storyline.InputError
				if !errors.As(err, &ie) || ie.Source == "" || ie.Reason == "" {
					t.Fatalf("item error without a name or a reason: %v", err)
				}
				return nil
			}
			if in == nil || in.Source == "" || len(in.Raw) > 1<<16 {
				t.Fatalf("item input without a name or over the limit: %+v", in)
			}
			return nil
		})
		if err != nil && !strings.Contains(err.Error(), srv.URL+"/feed") {
			t.Fatalf("failed poll does not name the feed: %v", err)
		}
	})
}

// linksStayHome reports whether every item of a parsable feed links to
// the test server, or nowhere.
func linksStayHome(data []byte, home string) bool {
	parsed, err := gofeed.NewParser().ParseString(string(data))
	if err != nil {
		return true // Poll reports it without following anything
	}
	for _, item := range parsed.Items {
		if item.Link != "" && !strings.HasPrefix(item.Link, home+"/") {
			return false
		}
	}
	return true
}
