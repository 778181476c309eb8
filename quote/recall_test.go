package quote

import (
	"strings"
	"testing"
	"time"
)

// A quotation closing on a question or exclamation mark is split from its
// attribution by the sentence splitter; the attribution still belongs to it.
func TestAttributionCutOffAfterQuestionMark(t *testing.T) {
	check(t, "“Who would ever sign a lease like that one?” Volkov asked. The port stayed shut.",
		want{"direct", "Who would ever sign a lease like that one?", "Volkov", "", "asked", ""})
	check(t, "“We have won the whole coast back tonight!” said Karim Nassar.",
		want{"direct", "We have won the whole coast back tonight!", "Karim Nassar", "", "said", ""})
	// A sentence that reports a clause of its own is no attribution of the
	// quotation before it.
	check(t, "“The lease is dead,” Laila Mansour said. “Who would ever sign a lease like that one?” She said the talks were over.",
		want{"direct", "The lease is dead, … Who would ever sign a lease like that one?", "Laila Mansour", "", "said", ""},
		want{"indirect", "the talks were over", "Laila Mansour", "She", "said", ""})
}

// "according to" reports its source's account of the clause around it,
// beside any statement inside that clause, and in two parts when it is set
// inside the clause.
func TestAccordingToAroundTheClause(t *testing.T) {
	check(t, "Volkov said the port would stay shut, according to two guests.",
		want{"indirect", "Volkov said the port would stay shut", "two guests", "", "according to", ""},
		want{"indirect", "the port would stay shut", "Volkov", "", "said", ""})
	check(t, "Donations to the party, according to its treasurer, have doubled since the spring.",
		want{"indirect", "Donations to the party … have doubled since the spring", "its treasurer", "", "according to", ""})
	check(t, "The port reopened (the harbour had been closed for a month, according to the Levant Wire) on Monday.",
		want{"indirect", "the harbour had been closed for a month", "Levant Wire", "", "according to", "Levant Wire"})
}

// "continued" reports only next to a quotation or a colon; "continued to
// push" reports nothing.
func TestContinuedIntroducesAQuotation(t *testing.T) {
	check(t, "Karim Nassar continued, “The lease will never be signed by this government.”",
		want{"direct", "The lease will never be signed by this government.", "Karim Nassar", "", "continued", ""})
	check(t, "“The lease will never be signed by this government,” Karim Nassar continued.",
		want{"direct", "The lease will never be signed by this government,", "Karim Nassar", "", "continued", ""})
	check(t, "Karim Nassar continued to oppose the lease through the winter.")
}

// A participle cue after a quoted phrase whose comma sits inside the
// closing mark still takes the subject of the sentence.
func TestParticipleAfterQuotedPhrase(t *testing.T) {
	check(t, "Laila Mansour gave a spirited defence of “coastal values,” saying the harbour towns had carried the country.",
		want{"indirect", "the harbour towns had carried the country", "Laila Mansour", "", "saying", ""})
}

// A report set inside its clause reports both parts when the first is the
// subject the second goes on from.
func TestReportSetInsideItsClause(t *testing.T) {
	check(t, "The new lease, Volkov said, would never pass the parliament.",
		want{"indirect", "The new lease … would never pass the parliament", "Volkov", "", "said", ""})
	// An opening phrase of time is not part of the statement.
	check(t, "In the long run, Volkov said, the lease would never pass the parliament.",
		want{"indirect", "the lease would never pass the parliament", "Volkov", "", "said", ""})
}

// "called X Y" with a quoted judgement reports it; a quoted name after
// "the" is a nickname.
func TestCalledWithAQuotedJudgement(t *testing.T) {
	check(t, "Laila Mansour called the harbour deal “reckless.”",
		want{"mixed", "the harbour deal “reckless.”", "Laila Mansour", "", "called", ""})
	check(t, "Karim Nassar called it \"shameful\".",
		want{"mixed", "it \"shameful\"", "Karim Nassar", "", "called", ""})
	check(t, "Fishermen call it the \"iron pier\" these days.")
}

// "hard to say" and "little to say" report no statement.
func TestNothingSaid(t *testing.T) {
	check(t, "It is still too soon to say whether the lease will pass.")
	check(t, "Reached by phone, the minister had little to say about the lease.")
}

// Contracted auxiliaries are words of their own: "who’ve said", "He’s
// toured the port and says".
func TestContractedAuxiliaries(t *testing.T) {
	check(t, "The delegates, who’ve said they back Mansour, will meet in Anselm.",
		want{"indirect", "they back Mansour", "delegates", "who", "said", ""})
	check(t, "Karim Nassar didn’t say whether the lease would be signed.",
		want{"indirect", "whether the lease would be signed", "Karim Nassar", "", "say", ""})
	check(t, "He’s toured the port twice and says the lease is a mistake.",
		want{"indirect", "the lease is a mistake", "He", "He", "says", ""})
}

// A participle after a quotation's attribution reports more of the same
// speaker's words.
func TestParticipleAfterAQuotation(t *testing.T) {
	check(t, "“The harbour is ours,” Laila Mansour said of the port, adding the fleet would stay all winter.",
		want{"indirect", "the fleet would stay all winter", "Laila Mansour", "", "adding", ""},
		want{"direct", "The harbour is ours,", "Laila Mansour", "", "said", ""})
}

// A headline in title case reports with a capitalised cue; a capitalised
// cue word inside an ordinary sentence is part of a name.
func TestTitleCaseHeadlineCue(t *testing.T) {
	check(t, "Karim Nassar Says The Lease Will Never Pass.",
		want{"indirect", "The Lease Will Never Pass", "Karim Nassar", "", "Says", ""})
	check(t, "She bought the Anselm Says Column at the kiosk every week.")
}

// "..., said NAME, ROLE." names its speaker after the cue even when the
// clause before holds a gloss between commas.
func TestSpeakerAfterTheCueOverAGloss(t *testing.T) {
	check(t, "The firm lobbied for the port, the fleet and the harbour lease, said lawyer Anna Brandt, a former partner.",
		want{"indirect", "The firm lobbied for the port, the fleet and the harbour lease", "Anna Brandt", "", "said", ""})
}

// A semicolon closes a report that ends in its attribution.
func TestSemicolonClosesATailAttribution(t *testing.T) {
	check(t, "The lease needs two thirds of the parliament, analysts say; in the spring it had half.",
		want{"indirect", "The lease needs two thirds of the parliament", "analysts", "", "say", ""})
}

// A capitalised adverb or gerund opening a sentence makes no name.
func TestOpeningGerundIsNoSpeaker(t *testing.T) {
	check(t, "Quietly casting doubt on the lease may work better than a campaign.")
}

// A report inside an opening subordinate clause ends where the main
// clause's subject comes.
func TestReportInsideAnOpeningSubordinateClause(t *testing.T) {
	check(t, "Though Volkov said the lease was dead, the parliament voted for it on Monday.",
		want{"indirect", "the lease was dead", "Volkov", "", "said", ""})
}

// "..., as X said." reports the clause before it; "And yet, X say, Y"
// reports Y, the opening words being the writer's.
func TestAsSaidAndOpeningWords(t *testing.T) {
	check(t, "The lease will fail in the parliament, as Volkov predicted.",
		want{"indirect", "The lease will fail in the parliament", "Volkov", "", "predicted", ""})
	check(t, "And yet, her advisers say, the harbour remains her first concern.",
		want{"indirect", "the harbour remains her first concern", "her advisers", "", "say", ""})
}

// A report before a standalone quotation keeps the fragment quoted in it
// as a mixed quote.
func TestMixedReportBeforeAQuotation(t *testing.T) {
	check(t, "Laila Mansour backed the plan, saying Volkov “never understood the coast” and adding: “The fleet must go home.”",
		want{"mixed", "Volkov “never understood the coast”", "Laila Mansour", "", "saying", ""},
		want{"direct", "The fleet must go home.", "Laila Mansour", "", "adding", ""})
}

// A participle after the attribution of a quotation that ran over several
// sentences reports more of the same speaker.
func TestParticipleAfterALongQuotation(t *testing.T) {
	check(t, "“We stay. The port is ours,” Volkov said, repeating his claim that the lease was signed.",
		want{"indirect", "his claim that the lease was signed", "Volkov", "", "repeating", ""},
		want{"direct", "We stay. The port is ours,", "Volkov", "", "said", ""})
}

// A sentence opening with a participle cue is reported by its main
// clause's subject.
func TestOpeningParticiple(t *testing.T) {
	check(t, "Conceding that the vote would be close, Mansour urged her allies to stay in the capital.",
		want{"indirect", "the vote would be close", "Mansour", "", "conceding", ""},
		want{"indirect", "her allies to stay in the capital", "Mansour", "", "urged", ""})
}

// A long subject opening the sentence speaks through its head.
func TestLongSubjectSpeaksThroughItsHead(t *testing.T) {
	check(t, "Fishermen waiting outside the harbour office on the old coast road say the lease will ruin them.",
		want{"indirect", "the lease will ruin them", "Fishermen", "", "say", ""})
	check(t, "Mansour has since said she would vote for the lease.",
		want{"indirect", "she would vote for the lease", "Mansour", "", "said", ""})
}

// "..., said a handful of officials who ..." names the officials.
func TestSpeakerAfterTheCueBeforeARelativeClause(t *testing.T) {
	check(t, "The lease is dead, said a handful of deputies who voted against it.",
		want{"indirect", "The lease is dead", "a handful of deputies", "", "said", ""})
}

// A determiner may open a statement split by its attribution; a share
// of those polled speaks.
func TestSplitStatementAndShares(t *testing.T) {
	check(t, "This lease, he says, is different.",
		want{"indirect", "This lease … is different", "he", "he", "says", ""})
	check(t, "In the north, 47% say the lease should be signed.",
		want{"indirect", "the lease should be signed", "47%", "", "say", ""})
}

// Whom a request is addressed to is part of it when an infinitive
// follows; "but" with no subject goes on with the same clause.
func TestRequestKeepsItsAddresseeAndButGoesOn(t *testing.T) {
	check(t, "Mansour asked the deputies to vote against the lease.",
		want{"indirect", "the deputies to vote against the lease", "Mansour", "", "asked", ""})
	check(t, "Volkov said the vote was fair, but required a second reading.",
		want{"indirect", "the vote was fair, but required a second reading", "Volkov", "", "said", ""})
}

// Verbs of manner report right after a quotation, and only there.
func TestMannerVerbsAfterAQuotation(t *testing.T) {
	check(t, "“This is the best day for the coast!” beamed Karim Nassar.",
		want{"direct", "This is the best day for the coast!", "Karim Nassar", "", "beamed", ""})
	check(t, "“The lease is signed and sealed,” the ministry states in its report.",
		want{"direct", "The lease is signed and sealed,", "ministry", "", "states", ""})
	check(t, "Karim Nassar beamed with pride at the harbour on Monday.")
}

// A credit line with a dash names the speaker of the quotation before it.
func TestDashCreditLine(t *testing.T) {
	check(t, "“The harbour belongs to the people who work it.”\n\n—Karim Nassar, Anselm.",
		want{"direct", "The harbour belongs to the people who work it.", "Karim Nassar", "", "—", ""})
}

// The writer's opening phrase before an attribution set inside the
// sentence is not what was said.
func TestWritersOpeningBeforeAnInsetAttribution(t *testing.T) {
	check(t, "When asked about the vote, Mansour said, “We will win it” before the summer.",
		want{"mixed", "“We will win it” before the summer", "Mansour", "", "said", ""})
}

// A digest's item credits its quotation between a dash and a colon; a
// subject read back from its cue ends at its auxiliary.
func TestCreditedDigestItem(t *testing.T) {
	check(t, "Intro.\n\nTHE PORT IS NOT LOST - Anna Brandt and Karim Nassar: “The harbour will reopen before the winter storms.”",
		want{"direct", "The harbour will reopen before the winter storms.", "Karim Nassar", "Anna Brandt and Karim Nassar", ":", ""})
	check(t, "The minister has lately started saying the lease is a surrender.",
		want{"indirect", "the lease is a surrender", "minister", "The minister", "saying", ""})
}

// Cue words in compounds and owned nouns report nothing: "a roll call
// vote", "the central claims of the speech".
func TestCueWordsAsNouns(t *testing.T) {
	check(t, "The deputies held a roll call vote on the lease in the spring.")
	check(t, "One of the central claims of the speech does not hold up.")
}

// A participle takes the subject of its own clause when the sentence opens
// with something else; "with X saying" makes X the speaker; a dash sets a
// participle off like a comma.
func TestParticipleSubjects(t *testing.T) {
	check(t, "At the harbour, while the crowd waited, Mansour spoke for an hour, insisting the lease was dead.",
		want{"indirect", "the lease was dead", "Mansour", "", "insisting", ""})
	check(t, "Most deputies backed the plan, with three in ten saying they would vote against it.",
		want{"indirect", "they would vote against it", "three in ten", "", "saying", ""})
	check(t, "Volkov changed his mind on the spot – saying the port would stay open.",
		want{"indirect", "the port would stay open", "Volkov", "", "saying", ""})
}

// "“A,” she said, adding, “B.”" is two statements.
func TestQuotationsSplitByAParticiple(t *testing.T) {
	check(t, "“The lease is dead,” Laila Mansour said, adding, “The fleet will leave by spring.”",
		want{"direct", "The lease is dead,", "Laila Mansour", "", "said", ""},
		want{"direct", "The fleet will leave by spring.", "Laila Mansour", "", "adding", ""})
}

// An attribution that reports nothing leaves the rest of its sentence to
// read; a participle after a quotation may report a quoted judgement; a
// subject that began by doing something still speaks.
func TestParticiplesAfterEmptyReportsAndQuotations(t *testing.T) {
	check(t, "She echoed that promise on Monday, saying the fleet would leave by spring.",
		want{"indirect", "the fleet would leave by spring", "She", "She", "saying", ""})
	check(t, "“We did what we had to do,” Karim Nassar said, calling the lease “shameful.”",
		want{"mixed", "the lease “shameful.”", "Karim Nassar", "", "calling", ""},
		want{"direct", "We did what we had to do,", "Karim Nassar", "", "said", ""})
	check(t, "The old minister began by thanking the fishermen, saying the harbour was theirs.",
		want{"indirect", "the harbour was theirs", "old minister", "The old minister", "saying", ""})
}

// "referring to X", "pointed to X" report what they point at; "point" in
// other frames reports nothing.
func TestReferringAndPointingTo(t *testing.T) {
	check(t, "“It will not last,” Volkov said, referring to the harbour lease.",
		want{"indirect", "the harbour lease", "Volkov", "", "referring", ""},
		want{"direct", "It will not last,", "Volkov", "", "said", ""})
	check(t, "Mansour pointed to the empty docks along the coast.",
		want{"indirect", "the empty docks along the coast", "Mansour", "", "pointed", ""})
	check(t, "Mansour reached the point where the coast road ends.")
}

// A question's asker named after "by" reports the question.
func TestQuestionAskedByAnAgent(t *testing.T) {
	check(t, "Volkov was asked by a caller why the fleet had stayed in the port.",
		want{"indirect", "why the fleet had stayed in the port", "a caller", "", "asked", ""})
	check(t, "When asked by a reporter whether the lease was dead, Volkov smiled.",
		want{"indirect", "whether the lease was dead", "a reporter", "", "asked", ""})
}

// A colon after a place or a headline's phrase, or before a list of
// names, reports nothing.
func TestColonsThatReportNothing(t *testing.T) {
	check(t, "Big Win For Fishermen: Parliament Holds Off On The Lease.")
	check(t, "Editor’s Note: The following is the second of three excerpts from the book.")
	check(t, "Mansour: The lease will never pass in this parliament.",
		want{"indirect", "The lease will never pass in this parliament", "Mansour", "", ":", ""})
}

// A report ends before the writer's gloss: ", where ...", ", though ...",
// "— a ..."; "said in Anselm, on the coast, that" reads its clause after
// "that"; ", and when ..." opens another clause.
func TestReportEndsBeforeTheWritersGloss(t *testing.T) {
	check(t, "Mansour said she would visit the coast, where the storm had destroyed the docks.",
		want{"indirect", "she would visit the coast", "Mansour", "", "said", ""})
	check(t, "Volkov said the fleet would stay, even though the lease had run out.",
		want{"indirect", "the fleet would stay", "Volkov", "", "said", ""})
	check(t, "Volkov said he would meet the “anchor man” — a jibe at the harbour master.",
		want{"mixed", "he would meet the “anchor man”", "Volkov", "", "said", ""})
	check(t, "Mansour said in Anselm, on the coast, that the lease was dead.",
		want{"indirect", "the lease was dead", "Mansour", "", "said", ""})
}

// A comma inside a closing mark ends a clause; a coordinated cue takes the
// subject after an opening phrase; a relative pronoun stands for the name
// just before it; a report after a quotation's attribution is its own.
func TestCommasInsideMarksAndLaterReports(t *testing.T) {
	check(t, "Volkov said the two deputies are “errand boys of the port,” but he praised the mayor.",
		want{"mixed", "the two deputies are “errand boys of the port", "Volkov", "", "said", ""})
	check(t, "By the end of the day, Volkov was forced into a retreat and said that his words had been twisted.",
		want{"indirect", "his words had been twisted", "Volkov", "", "said", ""})
	check(t, "Mansour was outflanking Karim Nassar, who said he would keep the lease for one more year.",
		want{"indirect", "he would keep the lease for one more year", "Karim Nassar", "who", "said", ""})
	check(t, "“The storm cost us a season,” said Karim Nassar, though he added that the fleet would recover.",
		want{"indirect", "the fleet would recover", "Karim Nassar", "he", "added", ""},
		want{"direct", "The storm cost us a season,", "Karim Nassar", "", "said", ""})
}

// "reported earnings", "a TV show", "believe me" report nothing.
func TestAccountsShowsAndDiscourseMarkers(t *testing.T) {
	check(t, "The harbour company reported earnings of two dollars a share for the quarter.")
	check(t, "The host of the TV show spent the summer on the coast with the fleet.")
	check(t, "And believe me, the harbour will never be the same again.")
}

// "according to" at the end of a relative clause accounts for that clause.
func TestAccordingToAfterARelativeClause(t *testing.T) {
	check(t, "The fleet stayed in Anselm, which lost a third of its trade, according to the harbour office.",
		want{"indirect", "which lost a third of its trade", "harbour office", "the harbour office", "according to", ""})
}

// A one-word reply is a quotation when its attribution shows it; a
// one-word scare quote is not.
func TestOneWordReplies(t *testing.T) {
	check(t, "Asked whether the lease would pass, Mansour replied, “Never.”",
		want{"direct", "Never.", "Mansour", "", "replied", ""})
	check(t, "“Absolutely,” Volkov said when asked about the fleet.",
		want{"direct", "Absolutely,", "Volkov", "", "said", ""})
	check(t, "The fishermen sailed past the “forbidden” reef on Monday.")
}

// A tell cue after an opening phrase reports its infinitive; "a simple
// call to the office" is a noun.
func TestTellCueAfterAnOpeningPhrase(t *testing.T) {
	check(t, "In two other cases, Mansour had asked her deputy to send the files.",
		want{"indirect", "her deputy to send the files", "Mansour", "", "asked", ""})
	check(t, "A simple call to the harbour office would have settled it.")
}

// "as she faces ..." after a report is the writer's circumstance.
func TestCircumstanceAfterAReport(t *testing.T) {
	check(t, "Mansour says she is ready for the vote as she faces the deputies on Monday.",
		want{"indirect", "she is ready for the vote", "Mansour", "", "says", ""})
}

// An unattributed quotation after a sentence showing a known person act
// is that person's: "Laila Mansour shook her head. “...”".
func TestActionBeatNamesTheSpeaker(t *testing.T) {
	check(t, "“The harbour will reopen,” Karim Nassar said. Laila Mansour shook her head. “Not before the storms end.”",
		want{"direct", "The harbour will reopen,", "Karim Nassar", "", "said", ""},
		want{"direct", "Not before the storms end.", "Laila Mansour", "", "", ""})
}

// "pledged delegates", "claim the nomination", "posted a victory" report
// nothing; "posted that ..." does.
func TestWinningAndPostingAreNoStatements(t *testing.T) {
	check(t, "Mansour has more pledged delegates than any rival on the coast.")
	check(t, "Mansour could claim the nomination before the summer.")
	check(t, "The fleet posted a record catch in the spring.")
	check(t, "Mansour posted that the lease was dead.",
		want{"indirect", "the lease was dead", "Mansour", "", "posted", ""})
}

// "said A, and that B" is one report going on, not a new speaker.
func TestSecondThatClauseGoesOn(t *testing.T) {
	check(t, "Volkov has suggested that he will fight the lease, and that he wants to chair the harbour committee.",
		want{"indirect", "he will fight the lease, and that he wants to chair the harbour committee", "Volkov", "", "suggested", ""})
}

// The constructions read here stay linear in a sentence holding thousands
// of them: a quadratic reading of 5,000 takes tens of seconds, a linear one
// milliseconds, so the generous bound only fails on the former.
func TestNewConstructionsStayLinear(t *testing.T) {
	for _, unit := range []string{"When asked by a reporter whether, ", "Though Volkov said the lease was dead, ",
		"with three in ten saying they ", "he said, though he added that ", "which, according to the office, ",
		"Mansour spoke, saying the port, ", "the lease, Volkov said, "} {
		body := strings.Repeat(unit, 5000) + "end."
		start := time.Now()
		quotes(t, body)
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("%q repeated 5,000 times took %s", unit, took)
		}
	}
}

// A reported clause opening with a condition or a phrase goes on past
// its first comma to its main clause.
func TestConditionInsideAReport(t *testing.T) {
	check(t, "Volkov said that if the storm returned, he would keep the fleet in port.",
		want{"indirect", "if the storm returned, he would keep the fleet in port", "Volkov", "", "said", ""})
	check(t, "Mansour said that on a trip to the coast next week, she would meet the fishermen.",
		want{"indirect", "on a trip to the coast next week, she would meet the fishermen", "Mansour", "", "said", ""})
}
