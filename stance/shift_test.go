package stance

import (
	"testing"

	"github.com/storyline-news/storyline"
)

// Two statements of one storyline that share only a calendar word ("the
// summer") are on two topics: no shift between a timetable for works and
// a withdrawal. Sharing what they are about ("the contingent") is one.
func TestCalendarWordsAreNoTopic(t *testing.T) {
	said := func(article, date, text string) storyline.QuoteRecord {
		return storyline.QuoteRecord{Quote: storyline.Quote{Kind: storyline.QuoteIndirect, Text: text, Date: date,
			Speaker: storyline.Speaker{Entity: "per-volkov", Name: "Dmitri Volkov"}}, Article: article}
	}
	story := map[string]string{"a1": "s1", "a2": "s1", "a3": "s1"}
	works := said("a1", "2018-02-12", "the works would start this summer and take two years")
	withdraw := said("a2", "2021-01-18", "Norvask would withdraw part of the contingent from the base by the summer")
	// Other statements of the speaker's, so that the words of two are not
	// the speaker's usual setting.
	others := []storyline.QuoteRecord{said("a1", "2017-05-02", "the talks with the delegation were useful"),
		said("a2", "2019-09-20", "trade figures improved in the port"), said("a3", "2020-03-03", "the new hospital opened its doors"),
		said("a1", "2020-06-01", "the fishing fleet had a good catch"), said("a2", "2020-07-01", "the school reform was popular"),
		said("a3", "2020-08-01", "the railway line was electrified")}
	if got := DetectIn(append([]storyline.QuoteRecord{works, withdraw}, others...), story, 0.5); len(got) != 0 {
		t.Errorf("a shift through the summer alone: %+v", got)
	}
	stay := said("a3", "2016-03-14", "the contingent will stay at the base permanently")
	if got := DetectIn(append([]storyline.QuoteRecord{stay, withdraw}, others...), story, 0.5); len(got) != 1 {
		t.Errorf("staying then withdrawing the contingent: %d shifts, want 1", len(got))
	}
}
