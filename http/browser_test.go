package http

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// EnvRequireBrowser makes a missing Chromium a failure, not a skip; the
// project's test script sets it after installing Debian's chromium.
const EnvRequireBrowser = "STORYLINE_REQUIRE_BROWSER"

func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv(EnvRequireBrowser) != "" {
		t.Fatal("Chromium is not installed (apt-get install chromium)")
	}
	t.Skip("Chromium is not installed")
	return ""
}

// browse loads a page in real headless Chromium and returns the DOM after
// its scripts ran; with shot set it also saves a screenshot there.
func browse(t *testing.T, bin, pageURL, shot string) string {
	t.Helper()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--virtual-time-budget=3000", "--window-size=1280,1800"}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if shot != "" {
		if out, err := exec.CommandContext(ctx, bin, append(args, "--screenshot="+shot, pageURL)...).CombinedOutput(); err != nil {
			t.Fatalf("screenshot of %s: %v\n%s", pageURL, err, out)
		}
	}
	out, err := exec.CommandContext(ctx, bin, append(args, "--dump-dom", pageURL)...).Output()
	if err != nil {
		t.Fatalf("loading %s: %v", pageURL, err)
	}
	return string(out)
}

func screenshotDir(t *testing.T) string {
	if d := os.Getenv("STORYLINE_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err == nil {
			return d
		}
	}
	return t.TempDir()
}

var hrefRe = regexp.MustCompile(`class="speaker-link" href="([^"]+)"`)

// TestBrowserJourney searches, opens an article, follows a quote to its
// speaker's page, and checks a hostile article renders as text.
func TestBrowserJourney(t *testing.T) {
	bin := chromium(t)
	ts := startServer(t, Options{})
	shots := screenshotDir(t)

	home := browse(t, bin, ts.URL+"/", filepath.Join(shots, "home.png"))
	if !strings.Contains(home, "Attention over time") || !strings.Contains(home, "<svg") {
		t.Errorf("home page lacks the attention chart")
	}

	results := browse(t, bin, ts.URL+"/search?q=naval+base", filepath.Join(shots, "search.png"))
	if !strings.Contains(results, "<mark>") {
		t.Errorf("search snippets not highlighted (the page script did not run)")
	}
	m := regexp.MustCompile(`class="result-title" href="(/articles/[^"]+)"`).FindStringSubmatch(results)
	if m == nil {
		t.Fatal("no search result to open")
	}

	article := browse(t, bin, ts.URL+m[1], filepath.Join(shots, "article.png"))
	if !strings.Contains(article, `class="quote`) || !strings.Contains(article, "raw input") {
		t.Errorf("article page lacks highlighted quotes or the raw-input link")
	}
	sm := hrefRe.FindStringSubmatch(article)
	if sm == nil {
		t.Fatal("no quote with a speaker link on the article page")
	}
	speaker := browse(t, bin, ts.URL+strings.ReplaceAll(sm[1], "&amp;", "&"), filepath.Join(shots, "speaker.png"))
	if !strings.Contains(speaker, "Statements in date order") || !strings.Contains(speaker, `class="claim"`) {
		t.Errorf("speaker page lacks statements linked to their sentences")
	}
	// Every claim links to its sentence: the anchor exists on the article page.
	if cm := regexp.MustCompile(`class="claim" href="(/articles/[^"#]+)#(q-\d+-\d+)"`).FindStringSubmatch(speaker); cm != nil {
		target := browse(t, bin, ts.URL+cm[1], "")
		if !strings.Contains(target, `id="`+cm[2]+`"`) {
			t.Errorf("claim link %s#%s points at no sentence", cm[1], cm[2])
		}
	} else {
		t.Error("no claim link on the speaker page")
	}

	search := browse(t, bin, ts.URL+"/search?q="+url.QueryEscape("hostile page"), "")
	hm := regexp.MustCompile(`class="result-title" href="(/articles/[^"]+)"`).FindStringSubmatch(search)
	if hm == nil {
		t.Fatal("hostile article not found")
	}
	hostilePage := browse(t, bin, ts.URL+hm[1], filepath.Join(shots, "hostile.png"))
	if strings.Contains(hostilePage, "<script>alert") || strings.Contains(hostilePage, "<img src=\"x\"") ||
		!strings.Contains(hostilePage, "&lt;script&gt;alert") {
		t.Errorf("hostile text was not rendered as text")
	}
	home = browse(t, bin, ts.URL+"/stories", "")
	stm := regexp.MustCompile(`href="(/stories/[^"]+)"`).FindStringSubmatch(home)
	if stm == nil {
		t.Fatal("no storyline listed")
	}
	story := browse(t, bin, ts.URL+stm[1], filepath.Join(shots, "story.png"))
	if !strings.Contains(story, `class="timeline"`) || !regexp.MustCompile(`<ul class="headlines"><li><a href="/articles/[^"]+">[^<]+</a>`).MatchString(story) {
		t.Errorf("storyline page lacks a timeline of events with their headlines")
	}
	people := browse(t, bin, ts.URL+"/entities?type=person", filepath.Join(shots, "people.png"))
	if n := strings.Count(people, `class="entity-link"`); n < 5 {
		t.Errorf("people page lists %d people", n)
	}
	shifts := browse(t, bin, ts.URL+"/shifts", filepath.Join(shots, "shifts.png"))
	if !strings.Contains(shifts, `class="shift"`) || !strings.Contains(shifts, `class="speaker-link" href="/entities/`) {
		t.Errorf("shifts page lacks shifts linked to their speakers")
	}
	t.Logf("screenshots in %s", shots)
}
