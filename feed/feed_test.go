package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/fetch"
)

func feedServer(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/rss", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"1"`)
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Levant Wire</title>
<item><title>Talks on the port resume</title><link>%[1]s/a/1</link><guid>a1</guid><pubDate>Mon, 11 Dec 2017 10:00:00 GMT</pubDate></item>
<item><title>Minister visits harbour</title><link>%[1]s/a/2</link><guid>a2</guid></item>
</channel></rss>`, srv.URL)
	})
	mux.HandleFunc("/atom", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Caspian Daily</title>
<entry><title>Base lease signed</title><id>urn:c1</id><link href="%s/a/3"/><updated>2019-06-11T08:00:00Z</updated></entry></feed>`, srv.URL)
	})
	mux.HandleFunc("/bad", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("<html>not a feed")) })
	mux.HandleFunc("/a/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "<html><body><article><p>Page %s.</p></article></body></html>", r.URL.Path)
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func newWatcher() *Watcher {
	return &Watcher{Client: fetch.New(fetch.Options{AllowPrivate: true, PerHost: time.Millisecond})}
}

func poll(t *testing.T, w *Watcher, url string) ([]*storyline.Input, error) {
	var ins []*storyline.Input
	err := w.Poll(context.Background(), url, func(in *storyline.Input, err error) error {
		if err != nil {
			t.Errorf("item error: %v", err)
			return nil
		}
		ins = append(ins, in)
		return nil
	})
	return ins, err
}

func TestPollRSSYieldsEachNewItemOnce(t *testing.T) {
	srv := feedServer(t)
	w := newWatcher()
	ins, err := poll(t, w, srv.URL+"/rss")
	if err != nil || len(ins) != 2 {
		t.Fatalf("first poll: %d inputs, %v", len(ins), err)
	}
	first := ins[0]
	if first.Title != "Talks on the port resume" || first.Outlet != "Levant Wire" || !strings.HasPrefix(first.Published, "2017-12-11") {
		t.Errorf("item metadata lost: %+v", first)
	}
	if !strings.Contains(string(first.Raw), "Page /a/1.") || first.URL != srv.URL+"/a/1" {
		t.Errorf("page not fetched: %q", first.Raw)
	}
	if again, err := poll(t, w, srv.URL+"/rss"); err != nil || len(again) != 0 {
		t.Fatalf("unchanged feed yielded %d inputs, %v", len(again), err)
	}
}

func TestPollAtom(t *testing.T) {
	srv := feedServer(t)
	ins, err := poll(t, newWatcher(), srv.URL+"/atom")
	if err != nil || len(ins) != 1 || ins[0].Title != "Base lease signed" || ins[0].Outlet != "Caspian Daily" {
		t.Fatalf("atom: %+v, %v", ins, err)
	}
}

func TestPollBadFeed(t *testing.T) {
	srv := feedServer(t)
	_, err := poll(t, newWatcher(), srv.URL+"/bad")
	var ie *storyline.InputError
	if !errors.As(err, &ie) || ie.Reason != "bad-feed" || !strings.Contains(err.Error(), "/bad") {
		t.Fatalf("bad feed error = %v", err)
	}
}

func TestBackoffGrowsAndHonoursRetryAfter(t *testing.T) {
	prev := time.Duration(0)
	for failures := 1; failures <= 4; failures++ {
		d := backoff(time.Minute, time.Hour, failures, errors.New("x"))
		if d <= prev {
			t.Errorf("backoff after %d failures = %v, not above %v", failures, d, prev)
		}
		prev = d
	}
	if d := backoff(time.Minute, time.Hour, 30, errors.New("x")); d != time.Hour {
		t.Errorf("backoff not capped: %v", d)
	}
	se := &fetch.StatusError{Status: 429, RetryAfter: 50 * time.Minute}
	if d := backoff(time.Minute, time.Hour, 1, se); d != 50*time.Minute {
		t.Errorf("Retry-After ignored: %v", d)
	}
}
