package quote

import (
	"context"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/hostile/invariant"
)

func quotes(t *testing.T, body string) []storyline.Quote {
	t.Helper()
	a := &storyline.Article{Body: body}
	if err := annotator(t)(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if err := invariant.Article(a); err != nil {
		t.Fatalf("quotes break the offset contract: %v", err)
	}
	for _, q := range a.Quotes {
		if q.Start < 0 || q.End > len(body) || q.Start > q.End {
			t.Fatalf("quote outside the body: %+v", q)
		}
		if sp := q.Speaker; sp.Mention != "" && body[sp.Start:sp.End] != sp.Mention {
			t.Fatalf("speaker mention is not its span of the body: %+v", sp)
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
		want{"direct", "We will stay.\n\n“The base is a guarantee of stability for the whole coast.", "Dmitri Volkov", "", "said", ""})
}

func TestContinuationAndInheritance(t *testing.T) {
	// A quotation that goes on after its attribution is one statement in
	// parts, in the same paragraph or the next.
	check(t, `"We are not going anywhere," Dmitri Volkov said. "The base is a guarantee."`,
		want{"direct", "We are not going anywhere, … The base is a guarantee.", "Dmitri Volkov", "", "said", ""})
	check(t, "\"We are not going anywhere at all,\" Dmitri Volkov said.\n\n\"The base is a guarantee for the region.\"",
		want{"direct", "We are not going anywhere at all, … The base is a guarantee for the region.", "Dmitri Volkov", "", "said", ""})
	// A quotation after a passage of narration inherits the speaker but is
	// a statement of its own.
	check(t, "\"We are not going anywhere at all,\" Dmitri Volkov said. The ministry has run the port since 1971, and the lease was renewed twice. "+
		"Ships come and go every week, the town lives from the base, and the navy has built a school, a clinic and two piers for its sailors. "+
		"\"The base is a guarantee for the region.\"",
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

// TestHostileInputsStayLinear reads inputs built to make a careless reader
// quadratic or make it run away: 100,000 unbalanced marks, a quotation that
// never closes over thousands of sentences, thousands of quoted sentences
// and cues without punctuation. Every quote must still be a span of the
// body, and an unclosed mark must not swallow the article.
func TestHostileInputsStayLinear(t *testing.T) {
	for name, body := range map[string]string{
		"marks":   strings.Repeat(`"`, 100000),
		"curly":   strings.Repeat("“x ", 30000),
		"endless": "“" + strings.Repeat("The port would stay open for years. ", 5000),
		"quotes":  strings.Repeat("\"A long quote is here,\" he said. ", 5000),
		"cues":    strings.Repeat("the minister said that the officials argued that ", 5000),
		"commas":  strings.Repeat("Volkov, ", 20000) + "said the base stays.",
	} {
		got := quotes(t, body)
		for _, q := range got {
			if q.Kind != storyline.QuoteDirect && len(q.Text) > maxReported {
				t.Errorf("%s: a quote ran away over %d bytes", name, len(q.Text))
				break
			}
		}
		if name == "quotes" && len(got) != 5000 {
			t.Errorf("%s: %d quotes, want one a sentence", name, len(got))
		}
	}
}

func TestAppositives(t *testing.T) {
	check(t, `Karim Nassar, the leader of the opposition party, said the lease was signed in secret.`,
		want{"indirect", "the lease was signed in secret", "Karim Nassar", "", "said", ""})
	check(t, `Norvask's defence minister, Dmitry Volkov, said on Monday that the base is permanent.`,
		want{"indirect", "the base is permanent", "Dmitry Volkov", "", "said", ""})
}

func TestApostropheMarksAndNesting(t *testing.T) {
	check(t, `''I would use the word 'old-school,''' said Gregory W. Slayton.`,
		want{"direct", "I would use the word 'old-school,'", "Gregory W. Slayton", "", "said", ""})
	check(t, `“He told me ‘we are staying’ and then left the room,” Amira Haddad said.`,
		want{"direct", "He told me ‘we are staying’ and then left the room,", "Amira Haddad", "", "said", ""})
}

func TestMediaAndOutletsAsSpeakers(t *testing.T) {
	check(t, `Speaking to Interfax, Dmitri Volkov said the ships would stay until spring.`,
		want{"indirect", "the ships would stay until spring", "Dmitri Volkov", "", "said", "Interfax"})
	check(t, `Amira Haddad wrote on Twitter that the lease was a disgrace.`,
		want{"indirect", "the lease was a disgrace", "Amira Haddad", "", "wrote", "Twitter"})
	check(t, `RBC reported that the contract had been signed in March.`,
		want{"indirect", "the contract had been signed in March", "RBC", "RBC", "reported", ""})
}

func TestPronounsFollowGender(t *testing.T) {
	body := "Laila Mansour met Karim Nassar in the capital on Monday. She said the talks had failed completely."
	check(t, body, want{"indirect", "the talks had failed completely", "Laila Mansour", "She", "said", ""})
	body = "Mrs. Haddad met Mr. Nassar in the capital on Monday. He said the talks had failed completely."
	check(t, body, want{"indirect", "the talks had failed completely", "Nassar", "He", "said", ""})
}

func TestSeveralStatementsInOneSentence(t *testing.T) {
	check(t, `Jolly said he has worked with both parties, but he said the bill would not pass this year.`,
		want{"indirect", "he has worked with both parties", "Jolly", "", "said", ""},
		want{"indirect", "the bill would not pass this year", "Jolly", "he", "said", ""})
}

func TestPassiveIsNoStatement(t *testing.T) {
	if got := quotes(t, `When the case was argued in December, the court was already divided on it.`); len(got) != 0 {
		t.Errorf("a passive cue gave quotes: %+v", got)
	}
}

func TestSubjectsSharedAndHeadlines(t *testing.T) {
	check(t, `Karim Nassar defended the lease, saying the port needed the money.`,
		want{"indirect", "the port needed the money", "Karim Nassar", "", "saying", ""})
	check(t, `The Levant Wire keeps its sources secret but says the deal was signed in May.`,
		want{"indirect", "the deal was signed in May", "Levant Wire", "", "says", ""})
	check(t, `Volkov: The fleet stays in the port for good.`,
		want{"indirect", "The fleet stays in the port for good", "Volkov", "", ":", ""})
	check(t, `The lease will be renewed next year, analyst says.`,
		want{"indirect", "The lease will be renewed next year", "analyst", "", "says", ""})
}

func TestClosingAttributionOwnsTheSentence(t *testing.T) {
	check(t, `ANSELM (Levant Wire) — Talks on the lease are ongoing and Maravia hopes for an agreement this year, Foreign Minister Laila Mansour said on Wednesday.`,
		want{"indirect", "Talks on the lease are ongoing and Maravia hopes for an agreement this year", "Laila Mansour", "Foreign Minister Laila Mansour", "said", ""})
	check(t, `Last October the Norvaskian minister Dmitri Volkov said the ships would stay.`,
		want{"indirect", "the ships would stay", "Dmitri Volkov", "the Norvaskian minister Dmitri Volkov", "said", ""})
}

func TestNonStatementsAreNoQuotes(t *testing.T) {
	for _, body := range []string{
		`Norvask did not respond to a request for comment.`,
		`The pier was first announced by Dmitri Volkov in October 2015.`,
	} {
		if got := quotes(t, body); len(got) != 0 {
			t.Errorf("%q gave quotes: %+v", body, got)
		}
	}
}

func TestCoordinatedCuesShareTheSubject(t *testing.T) {
	check(t, `Laila Mansour criticised the lease and said the port would be sold within a year.`,
		want{"indirect", "the port would be sold within a year", "Laila Mansour", "Laila Mansour", "said", ""})
	check(t, `Dmitri Volkov praised the crews, but warned that the winter storms would delay the repairs.`,
		want{"indirect", "the winter storms would delay the repairs", "Dmitri Volkov", "Dmitri Volkov", "warned", ""})
}

func TestBeliefAndCognitionVerbs(t *testing.T) {
	check(t, `Karim Nassar believes the lease will be cancelled before the election.`,
		want{"indirect", "the lease will be cancelled before the election", "Karim Nassar", "", "believes", ""})
	check(t, `Many in the port fear that the ships will never leave.`,
		want{"indirect", "the ships will never leave", "Many in the port", "", "fear", ""})
	check(t, `Amira Haddad knows that the vote will be close.`,
		want{"indirect", "the vote will be close", "Amira Haddad", "", "knows", ""})
	check(t, `Amira Haddad wants the parliament to reject the lease.`,
		want{"indirect", "the parliament to reject the lease", "Amira Haddad", "", "wants", ""})
	// Outside their frame these verbs report nothing.
	for _, body := range []string{
		`Amira Haddad knows the harbour master from school.`,
		`Karim Nassar wants a new car for the campaign.`,
		`The tanker called Northern Star left the port at dawn.`,
	} {
		if got := quotes(t, body); len(got) != 0 {
			t.Errorf("%q gave quotes: %+v", body, got)
		}
	}
}

func TestNominalCues(t *testing.T) {
	check(t, `Volkov's claim that the base is permanent angered the opposition.`,
		want{"indirect", "the base is permanent angered the opposition", "Volkov", "Volkov", "claim", ""})
	body := "Karim Nassar spoke in the square. His promise to cancel the lease drew a crowd of thousands."
	check(t, body, want{"indirect", "to cancel the lease drew a crowd of thousands", "Karim Nassar", "His", "promise", ""})
	// A noun without an owner or a clause reports nothing.
	if got := quotes(t, `The report was published on Monday by the port authority.`); len(got) != 0 {
		t.Errorf("a noun use of a cue gave quotes: %+v", got)
	}
}

func TestViewsAndPassiveAgents(t *testing.T) {
	body := "Dmitri Volkov toured the docks. In his view, the fleet should stay for another decade."
	check(t, body, want{"indirect", "the fleet should stay for another decade", "Dmitri Volkov", "his", "in his view", ""})
	check(t, `In the words of one diplomat, the talks are dead and buried.`,
		want{"indirect", "the talks are dead and buried", "one diplomat", "", "in the words of", ""})
	check(t, `It was reported by Interfax that the fleet had left the port.`,
		want{"indirect", "the fleet had left the port", "Interfax", "", "reported", ""})
}

func TestRelativeAndQuantifiedSpeakers(t *testing.T) {
	check(t, `The crowd cheered Karim Nassar, who said the lease would be torn up.`,
		want{"indirect", "the lease would be torn up", "Karim Nassar", "who", "said", ""})
	check(t, `Others argued that the port needed the money more than ever.`,
		want{"indirect", "the port needed the money more than ever", "Others", "", "argued", ""})
	check(t, `Sen. Laila Mansour (D-Anselm) has said that the deal is a disgrace.`,
		want{"indirect", "the deal is a disgrace", "Laila Mansour", "", "said", ""})
}

func TestMediaByName(t *testing.T) {
	check(t, `Dmitri Volkov said in an interview with the Argentine newspaper Clarin that the ships would stay.`,
		want{"indirect", "the ships would stay", "Dmitri Volkov", "", "said", "Clarin"})
	check(t, `The ships will stay until spring, Volkov said in a television interview.`,
		want{"indirect", "The ships will stay until spring", "Volkov", "", "said", "television interview"})
}

func TestClauseEndsAtAnotherReport(t *testing.T) {
	check(t, `Half of the voters said the lease was a mistake, and one in four said the port should be closed.`,
		want{"indirect", "the lease was a mistake", "Half of the voters", "", "said", ""},
		want{"indirect", "the port should be closed", "one in four", "", "said", ""})
}

func TestLabelsAreNoSpeakers(t *testing.T) {
	for _, body := range []string{
		"Q: Will the ships stay in the port for good?",
		"The Latest: Talks on the lease resume in Anselm on Monday.",
	} {
		if got := quotes(t, body); len(got) != 0 {
			t.Errorf("%q gave quotes: %+v", body, got)
		}
	}
}

func TestArchiveDoubleApostrophes(t *testing.T) {
	// ''...'' opens a new sentence after a full stop, as it does in the
	// archives that write quotation marks with two apostrophes.
	check(t, "The port was quiet on Monday. ''We are not leaving before the winter ends,'' said Dmitri Volkov.",
		want{"direct", "We are not leaving before the winter ends,", "Dmitri Volkov", "", "said", ""})
}

func TestQuotationAnnouncedBefore(t *testing.T) {
	check(t, "Karim Nassar continued:\n\n“We will not sign this lease, not this year and not the next.”",
		want{"direct", "We will not sign this lease, not this year and not the next.", "Karim Nassar", "", "continued", ""})
	check(t, `At the time, Amira Haddad released a statement saying, "The port has been sold behind our backs."`,
		want{"direct", "The port has been sold behind our backs.", "Amira Haddad", "", "saying", ""})
	check(t, `("We want our port back," wrote Laila Mansour, a teacher in Anselm.)`,
		want{"direct", "We want our port back,", "Laila Mansour", "", "wrote", ""})
}

func TestReportBeforeAQuotationInTheSameSentence(t *testing.T) {
	check(t, `The spokesman said there was no meeting planned with Volkov, adding: "If one is proposed we will consider it."`,
		want{"indirect", "there was no meeting planned with Volkov", "spokesman", "The spokesman", "said", ""},
		want{"direct", "If one is proposed we will consider it.", "spokesman", "The spokesman", "adding", ""})
}

func TestQuotedFragmentOpeningAClause(t *testing.T) {
	check(t, `"I held and hugged" the families before laying flowers at the harbour, Volkov said.`,
		want{"mixed", `"I held and hugged" the families before laying flowers at the harbour`, "Volkov", "", "said", ""})
}
