package quote

import (
	"context"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
)

func quotes(t *testing.T, body string) []storyline.Quote {
	t.Helper()
	a := &storyline.Article{Body: body}
	if err := annotator(t)(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	for _, q := range a.Quotes {
		if q.Start < 0 || q.End > len(body) || q.Start > q.End {
			t.Fatalf("quote offsets outside the body: %+v", q)
		}
	}
	return a.Quotes
}

type want struct {
	kind, text, speaker, mention, cue, medium string
}

func check(t *testing.T, body string, wants ...want) {
	t.Helper()
	got := quotes(t, body)
	if len(got) != len(wants) {
		t.Fatalf("%q:\n got %d quotes %+v\nwant %d", body, len(got), got, len(wants))
	}
	for i, w := range wants {
		q := got[i]
		if q.Kind != w.kind || q.Text != w.text || q.Speaker.Name != w.speaker || (w.mention != "" && q.Speaker.Mention != w.mention) ||
			q.Cue != w.cue || q.Medium != w.medium {
			t.Errorf("%q quote %d:\n got %s %q by %q (%q) cue %q medium %q\nwant %s %q by %q (%q) cue %q medium %q", body, i,
				q.Kind, q.Text, q.Speaker.Name, q.Speaker.Mention, q.Cue, q.Medium, w.kind, w.text, w.speaker, w.mention, w.cue, w.medium)
		}
	}
}

func TestDirectQuotes(t *testing.T) {
	check(t, `"We will stay in the port as long as necessary," said Defence Minister Dmitri Volkov.`,
		want{"direct", "We will stay in the port as long as necessary,", "Dmitri Volkov", "", "said", ""})
	check(t, `Foreign Minister Laila Mansour said: “The talks are over and we have won.”`,
		want{"direct", "The talks are over and we have won.", "Laila Mansour", "", "said", ""})
	check(t, `Karim Nassar spoke last. "Our patience has ended for good," he told the crowd.`,
		want{"direct", "Our patience has ended for good,", "Karim Nassar", "he", "told", ""})
	check(t, "Dmitri Volkov said: “We will stay.\n\n“The base is a guarantee of stability for the whole coast.”",
		want{"direct", "We will stay. The base is a guarantee of stability for the whole coast.", "Dmitri Volkov", "", "said", ""})
}

func TestContinuationAndInheritance(t *testing.T) {
	check(t, `"We are not going anywhere," Dmitri Volkov said. "The base is a guarantee."`,
		want{"direct", "We are not going anywhere, The base is a guarantee.", "Dmitri Volkov", "", "said", ""})
	check(t, "\"We are not going anywhere at all,\" Dmitri Volkov said.\n\n\"The base is a guarantee for the region.\"",
		want{"direct", "We are not going anywhere at all,", "Dmitri Volkov", "", "said", ""},
		want{"direct", "The base is a guarantee for the region.", "Dmitri Volkov", "", "said", ""})
}

func TestIndirectAndMixed(t *testing.T) {
	check(t, `Norvaskian Defence Minister Dmitri Volkov said on Friday that the base would become permanent.`,
		want{"indirect", "the base would become permanent", "Dmitri Volkov", "", "said", ""})
	check(t, `The base will stay where it is, Dmitri Volkov said on Monday.`,
		want{"indirect", "The base will stay where it is", "Dmitri Volkov", "", "said", ""})
	check(t, `According to Karim Nassar, the lease was signed behind the backs of parliament.`,
		want{"indirect", "the lease was signed behind the backs of parliament", "Karim Nassar", "", "according to", ""})
	check(t, `Talks resumed in Geneva, according to the Levant Wire.`,
		want{"indirect", "Talks resumed in Geneva", "Levant Wire", "", "according to", "Levant Wire"})
	check(t, `Dmitri Volkov said the fleet would stay "as long as it is necessary" in the port.`,
		want{"mixed", `the fleet would stay "as long as it is necessary" in the port`, "Dmitri Volkov", "", "said", ""})
}

func TestSpeakersThroughDescriptionsAndMedia(t *testing.T) {
	body := "Norvaskian Defence Minister Dmitri Volkov visited the port on Friday. The minister stressed that the ships would stay for years."
	check(t, body, want{"indirect", "the ships would stay for years", "Dmitri Volkov", "The minister", "stressed", ""})
	check(t, `Amira Haddad told the Levant Wire in an interview that the lease was final.`,
		want{"indirect", "the lease was final", "Amira Haddad", "", "told", "Levant Wire"})
	check(t, `The Meridian Post reported that the base was half empty.`,
		want{"indirect", "the base was half empty", "Meridian Post", "The Meridian Post", "reported", ""})
}

func TestNotQuotes(t *testing.T) {
	for _, body := range []string{
		`Critics call it the "forever base" on the coast.`,
		`He starred in "Gone with the Wind" as a boy.`,
		`The minister, known as "the Bulldozer", arrived late.`,
		`The ships left the harbour at dawn.`,
	} {
		if got := quotes(t, body); len(got) != 0 {
			t.Errorf("%q: found quotes %+v", body, got)
		}
	}
}

func TestUnbalancedMarksNeverRunAway(t *testing.T) {
	body := "\"This quote never closes, said the minister\n\nThe next paragraph is plain reporting about the weather in the port city.\n\n\"Another one"
	for _, q := range quotes(t, body) {
		if strings.Contains(q.Text, "weather") {
			t.Errorf("an unbalanced mark swallowed the next paragraph: %+v", q)
		}
	}
	for _, b := range []string{`"`, `“`, `”`, `""`, `"a" "b" "c`, strings.Repeat(`"`, 1000), strings.Repeat("“x ", 500)} {
		quotes(t, b)
	}
}

func FuzzAnnotate(f *testing.F) {
	for _, s := range []string{`"We will stay," he said.`, "“A\n\n“B”", `According to X, y z w.`, `said said said "`} {
		f.Add(s)
	}
	x := New()
	f.Fuzz(func(t *testing.T, body string) {
		a := &storyline.Article{Body: body}
		if err := x.Annotate(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		for _, q := range a.Quotes {
			if q.Start < 0 || q.End > len(body) || q.Start > q.End || q.Speaker.Start < 0 || q.Speaker.End > len(body) {
				t.Fatalf("offsets outside the body: %+v", q)
			}
		}
	})
}

func TestAppositives(t *testing.T) {
	check(t, `Karim Nassar, the leader of the opposition party, said the lease was signed in secret.`,
		want{"indirect", "the lease was signed in secret", "Karim Nassar", "", "said", ""})
	check(t, `Norvask's defence minister, Dmitry Volkov, said on Monday that the base is permanent.`,
		want{"indirect", "the base is permanent", "Dmitry Volkov", "", "said", ""})
}
