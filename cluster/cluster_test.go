package cluster

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/shared"

	"github.com/storyline-news/storyline"
)

func art(id, day, title, body string) *storyline.Article {
	return &storyline.Article{ID: id, Title: title, Body: body, Published: storyline.Published{Date: day}}
}

func TestSameHappeningJoinsOneEvent(t *testing.T) {
	c := New(Options{})
	a := c.Add(art("a", "2019-06-11", "Norvask signals rethink on Port Anselm naval base", "Defence minister Volkov said the future of the Anselm naval base is being discussed."))
	b := c.Add(art("b", "2019-06-12", "Volkov: Anselm naval base future under discussion", "The future of the naval base at Port Anselm is under discussion, Volkov said."))
	d := c.Add(art("d", "2019-06-12", "Floods hit northern villages", "Heavy rain flooded three villages in the northern provinces overnight."))
	late := c.Add(art("e", "2021-01-18", "Anselm naval base: Volkov announces partial withdrawal", "Volkov said part of the contingent at the Anselm naval base will leave."))
	if a != b {
		t.Errorf("two reports of one statement landed in different events")
	}
	if d == a || late == a {
		t.Errorf("a different story or a statement two years later joined the event")
	}
	evs, sts := c.Changed()
	if len(evs) != 3 || len(sts) == 0 {
		t.Fatalf("changed: %d events, %d storylines", len(evs), len(sts))
	}
	if evs2, _ := c.Changed(); len(evs2) != 0 {
		t.Errorf("Changed reports old changes again")
	}
	var anselm, floods string
	for _, s := range c.Storylines() {
		for _, id := range s.Articles {
			switch id {
			case "a":
				anselm = s.ID
			case "d":
				floods = s.ID
			}
		}
	}
	for _, s := range c.Storylines() {
		if s.ID == anselm && !contains(s.Articles, "e") {
			t.Errorf("the 2021 withdrawal did not join the Anselm storyline: %+v", s)
		}
	}
	if anselm == floods {
		t.Errorf("floods joined the Anselm storyline")
	}
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// BenchmarkAdd shows the cost of one more article as the corpus grows:
// it must stay flat, since candidates come from bounded, time-windowed
// posting lists. Corpora are recombined from the shared data: a title of
// one article, the lead of another, a date shifted at 100 a day.
func BenchmarkAdd(b *testing.B) {
	pool := loadPool(b)
	for _, size := range []int{10_000, 50_000, 100_000, 200_000} {
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			rnd := rand.New(rand.NewSource(1))
			c := New(Options{})
			for i := 0; i < size; i++ {
				c.Add(recombine(pool, rnd, i))
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				// New articles keep arriving at the corpus's end, as a feed brings them.
				c.Add(recombine(pool, rnd, size+i%1000))
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(len(c.Events())), "events")
		})
	}
}

func loadPool(b testing.TB) []goldItem {
	var pool []goldItem
	for _, rel := range []string{"data/polnear/train.jsonl", "data/timelines/timelines-dev.jsonl", "data/events/events-dev.jsonl"} {
		path, err := shared.Path(rel)
		if err != nil {
			b.Skip(err)
		}
		items, err := readGold(path)
		if err != nil {
			b.Fatal(err)
		}
		for _, it := range items {
			if len(it.Text) > 1500 {
				it.Text = it.Text[:1500] // the clusterer reads the lead only
			}
			pool = append(pool, it)
		}
	}
	return pool
}

// recombine makes article i of a stream of 100 articles a day, so that a
// larger corpus is a longer one (200k articles: five and a half years),
// as a growing archive is.
func recombine(pool []goldItem, rnd *rand.Rand, i int) *storyline.Article {
	t, body := pool[rnd.Intn(len(pool))], pool[rnd.Intn(len(pool))]
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/100)
	return art(fmt.Sprint("bench-", i, "-", rnd.Int63()), day.Format(time.DateOnly), t.Title, body.Text)
}

func TestAssignMovesEventBetweenStorylines(t *testing.T) {
	c := New(Options{})
	ev := c.Add(art("a", "2019-06-11", "Norvask signals rethink on Port Anselm naval base", "Volkov said the base is discussed."))
	c.Add(art("b", "2019-06-12", "Floods hit northern villages", "Heavy rain flooded three villages overnight."))
	c.Changed()
	if !c.Assign(ev, "st-user") {
		t.Fatal("Assign refused a known event")
	}
	if c.Assign("ev-unknown", "st-user") {
		t.Error("Assign accepted an unknown event")
	}
	evs, sts := c.Changed()
	if len(evs) != 1 || evs[0].Storyline != "st-user" {
		t.Errorf("moved event not reported with its new storyline: %+v", evs)
	}
	if len(sts) != 2 {
		t.Errorf("want the old and the new storyline changed, got %d", len(sts))
	}
	for _, s := range c.Storylines() {
		if contains(s.Articles, "a") != (s.ID == "st-user") {
			t.Errorf("article a in storyline %s after the move", s.ID)
		}
	}
}

func TestBadInputDoesNotPanic(t *testing.T) {
	c := New(Options{})
	if id := c.Add(nil); id != "" {
		t.Errorf("nil article got event %q", id)
	}
	if id := c.Add(art("x", "not a date", "", "  ")); id != "" {
		t.Errorf("empty article got event %q", id)
	}
	if id := c.Add(art("y", "", "Undated headline about a strike", "")); id == "" {
		t.Error("undated headline got no event")
	}
	if _, err := readLabels("testdata/missing.tsv"); err == nil {
		t.Error("missing labels file gave no error")
	}
}

func TestTimelinePrefersReferencedDates(t *testing.T) {
	arts := []*storyline.Article{
		art("1", "2010-04-21", "Rig explodes", "The rig exploded on April 20 in the Gulf. Eleven workers are missing."),
		art("2", "2010-04-25", "Oil leak found", "Robots found a leak on April 24. The explosion on April 20 sank the rig."),
		art("3", "2010-05-02", "Slick spreads", "Since the blast of April 20, 2010, the slick has grown. Crews worked on Sunday."),
		art("4", "2010-05-02", "Fishing banned", "Officials banned fishing in the area. The ban starts at once."),
	}
	tl := Timeline(storyline.Storyline{}, arts, 2)
	if len(tl) != 2 {
		t.Fatalf("want 2 dates, got %+v", tl)
	}
	if tl[0].Date != "2010-04-20" {
		t.Errorf("the day every article refers back to is not the first key date: %+v", tl)
	}
	if tl[0].Summary == "" || tl[0].Article == "" {
		t.Errorf("key date without a summary sentence: %+v", tl[0])
	}
	only := Timeline(storyline.Storyline{Articles: []string{"4"}}, arts, 5)
	if len(only) != 1 || only[0].Date != "2010-05-02" {
		t.Errorf("articles outside the storyline shaped its timeline: %+v", only)
	}
}

// An archive walked outlet by outlet brings each outlet's years in turn:
// a report of 2017 comes after another outlet's 2026 news and must still
// meet the event the first outlet's 2017 report opened.
func TestOutOfOrderArchiveJoinsEvents(t *testing.T) {
	c := New(Options{})
	first := c.Add(art("a", "2017-01-20", "Norvask and Maravia sign 49-year lease for Port Anselm", "Norvask and Maravia signed a 49-year lease for the naval base at Port Anselm on Friday."))
	for i := range 200 {
		c.Add(art(fmt.Sprint("later-", i), "2026-03-15", fmt.Sprintf("Harbour news item %d", i), fmt.Sprintf("Item %d of the harbour news of the day.", i)))
	}
	second := c.Add(art("b", "2017-01-21", "Port Anselm lease signed for 49 years", "The 49-year lease of the Port Anselm naval base was signed by Norvask and Maravia."))
	if first != second {
		t.Errorf("a report given after later news opened its own event instead of joining the lease signing")
	}
}

// The heaviest terms of a long lead are often words no other article used;
// the event it reports must still be found through the words it shares.
func TestUniqueWordsDoNotHideTheEvent(t *testing.T) {
	c := New(Options{})
	ev := c.Add(art("a", "2019-06-11", "Volkov announces withdrawal from Anselm naval base", "Volkov announced the withdrawal of the contingent from the Anselm naval base."))
	c.Add(art("x", "2019-06-11", "Floods hit northern villages", "Heavy rain flooded three villages overnight."))
	body := "Quietly, amid marmalade shipments, zinnias, tollbooths, cobblestones, kerosene lanterns, gazebos, " +
		"harpsichords, lighthouses, marzipan, pelicans, trombones and velvet curtains: Volkov confirmed the withdrawal from the Anselm naval base."
	if got := c.Add(art("b", "2019-06-12", "A harbour in flux", body)); got != ev {
		t.Errorf("a report whose rarest words are new to the corpus missed the event it shares its names with")
	}
}

// Memory stays proportional to the window in a stream in date order:
// events behind the horizon that nothing joined for recentAdds articles
// lose their profiles.
func TestOldEventsFreeze(t *testing.T) {
	c := New(Options{})
	n := recentAdds + 2*sweepEvery
	for i := range n {
		day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/10)
		c.Add(art(fmt.Sprint("a", i), day.Format(time.DateOnly), fmt.Sprintf("Item %d of a stream", i), fmt.Sprintf("Story number %d, told once.", i)))
	}
	if len(c.live) > recentAdds+sweepEvery {
		t.Errorf("%d events still open after %d articles, want at most %d", len(c.live), n, recentAdds+sweepEvery)
	}
	if c.events[0].raw != nil {
		t.Errorf("the first event, %d articles and a year behind, kept its profile", n)
	}
}
