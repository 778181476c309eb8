package cluster

import (
	"fmt"
	"math/rand"
	"testing"
	"time"

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
// it must stay flat, since candidates come from a bounded index.
func BenchmarkAdd(b *testing.B) {
	words := []string{"base", "port", "lease", "minister", "talks", "navy", "troops", "withdrawal", "election", "oil",
		"pipeline", "refugees", "border", "court", "vote", "budget", "strike", "protest", "summit", "ceasefire",
		"sanctions", "airbase", "fleet", "treaty", "parliament", "ministry", "embassy", "aid", "flood", "drought"}
	for _, size := range []int{10_000, 50_000, 200_000} {
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			rnd := rand.New(rand.NewSource(1))
			gen := func(i int) *storyline.Article {
				day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/60).Format("2006-01-02")
				title := ""
				for k := 0; k < 8; k++ {
					title += words[rnd.Intn(len(words))] + fmt.Sprint(rnd.Intn(40)) + " "
				}
				return art(fmt.Sprint(i), day, title, title)
			}
			c := New(Options{})
			for i := 0; i < size; i++ {
				c.Add(gen(i))
			}
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				c.Add(gen(size + i))
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
