package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/sqlite"
	"github.com/storyline-news/storyline/stance"
)

// shiftsSpeakerBySpeaker is what recomputeShifts does, the plain way:
// every speaker's quotes read with the Quotes a user's query uses.
func shiftsSpeakerBySpeaker(ctx context.Context, st storyline.Store, articles []string) ([]storyline.Shift, error) {
	speakers := map[string]bool{}
	for _, id := range articles {
		quotes, err := allQuotes(ctx, st, storyline.QuoteFilter{Article: id})
		if err != nil {
			return nil, err
		}
		for _, q := range quotes {
			if key := quoteSpeaker(q.Quote); key != "" {
				speakers[key] = true
			}
		}
	}
	storylineOf, err := storylinesByArticle(ctx, st)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(speakers))
	for k := range speakers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var shifts []storyline.Shift
	for _, key := range keys {
		quotes, err := allQuotes(ctx, st, storyline.QuoteFilter{Speaker: key})
		if err != nil {
			return nil, err
		}
		for _, s := range stance.DetectIn(quotes, storylineOf, stance.MinConfidence) {
			if shiftSpeaker(s) == key { // a name filter may bring others' quotes along
				shifts = append(shifts, s)
			}
		}
	}
	return shifts, nil
}

func allQuotes(ctx context.Context, st storyline.Store, f storyline.QuoteFilter) ([]storyline.QuoteRecord, error) {
	var quotes []storyline.QuoteRecord
	f.Limit = 1000
	for f.Offset = 0; ; f.Offset += f.Limit {
		page, _, err := st.Quotes(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("reading quotes: %w", err)
		}
		quotes = append(quotes, page...)
		if len(page) < f.Limit {
			return quotes, nil
		}
	}
}

// sameShiftsAsSpeakerBySpeaker checks that the shifts recomputed over the
// whole corpus a chunk of speakers at a time are those found speaker by
// speaker.
func sameShiftsAsSpeakerBySpeaker(t *testing.T, st storyline.Store) {
	t.Helper()
	ctx := context.Background()
	var ids []string
	if err := st.EachArticle(ctx, func(a *storyline.Article) error { ids = append(ids, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	bulk, _, err := recomputeShifts(ctx, st, ids)
	if err != nil {
		t.Fatal(err)
	}
	each, err := shiftsSpeakerBySpeaker(ctx, st, ids)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(bulk)
	b, _ := json.Marshal(each)
	if len(bulk) == 0 || string(a) != string(b) {
		t.Errorf("shifts recomputed at once (%d) differ from those recomputed speaker by speaker (%d):\n%s\n%s",
			len(bulk), len(each), a, b)
	}
}

func TestShiftsRecomputedInChunksOnSQLite(t *testing.T) {
	db := filepath.Join(t.TempDir(), "shifts.db")
	if _, _, err := run(t, "ingest", "--db", db, "-q", "../../demo"); err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sameShiftsAsSpeakerBySpeaker(t, st)
	quoted, err := st.QuotedSpeakers(context.Background(), []string{"no-such-article"})
	if err != nil || len(quoted) != 0 {
		t.Errorf("speakers of an article not stored: %v %v", quoted, err)
	}
	if shifts, _ := st.Shifts(context.Background(), ""); !strings.Contains(fmt.Sprint(shifts), "withdraw") {
		t.Errorf("the demo's shifts: %+v", shifts)
	}
}
