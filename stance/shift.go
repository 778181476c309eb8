package stance

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline"
)

// Change is how a position moved between two readings, how sure we are,
// and why.
type Change struct {
	Kind       string // reversal, opened, settled, reframed
	Confidence float64
	Why        string
}

// Compare decides whether the position moved from a to b. Only moves with
// clear evidence count: a change of certainty alone ("will" to "may") does
// not, because reporters paraphrase modality freely.
func Compare(a, b Reading) (Change, bool) {
	switch {
	case a.Direction != 0 && b.Direction != 0 && a.Direction != b.Direction &&
		a.Certainty != Open && b.Certainty != Open && !a.Assumed && !b.Assumed:
		c := Change{Kind: "reversal", Confidence: 0.9,
			Why: fmt.Sprintf("direction flipped: %s then %s", directionWord(a.Direction), directionWord(b.Direction))}
		if a.Certainty == Possible || b.Certainty == Possible {
			c.Confidence = 0.7
			c.Why += " (one side only possible)"
		}
		return c, true
	case a.Certainty != Open && a.Direction != 0 && b.Certainty == Open:
		return Change{Kind: "opened", Confidence: 0.7,
			Why: fmt.Sprintf("a %s position became open to discussion", a.Certainty)}, true
	case a.Certainty == Open && b.Certainty != Open && b.Direction != 0:
		return Change{Kind: "settled", Confidence: 0.7,
			Why: fmt.Sprintf("an open question was settled: %s", directionWord(b.Direction))}, true
	}
	return compareFrames(a, b)
}

// compareFrames catches a position kept in direction but changed in its
// terms: permanent to limited, or unconditional to conditional.
func compareFrames(a, b Reading) (Change, bool) {
	if a.Frame == b.Frame || a.Direction*b.Direction < 0 {
		return Change{}, false
	}
	timeFrames := map[string]bool{FramePermanent: true, FrameLimited: true, FrameConditional: true}
	if timeFrames[a.Frame] && timeFrames[b.Frame] && (a.Frame == FramePermanent || b.Frame == FramePermanent) {
		return Change{Kind: "reframed", Confidence: 0.65,
			Why: fmt.Sprintf("from %s to %s", a.Frame, b.Frame)}, true
	}
	sameWay := a.Direction != 0 && a.Direction == b.Direction
	if sameWay && (a.Frame == FrameNone) != (b.Frame == FrameNone) &&
		(a.Frame == FrameConditional || b.Frame == FrameConditional) {
		return Change{Kind: "reframed", Confidence: 0.55,
			Why: fmt.Sprintf("from %s to %s", frameWord(a.Frame), frameWord(b.Frame))}, true
	}
	return Change{}, false
}

func frameWord(f string) string {
	if f == FrameNone {
		return "unconditional"
	}
	return f
}

// MinConfidence is the default floor under which shifts are not reported.
const MinConfidence = 0.5

// Detect finds, for every speaker, the points where their position on a
// topic moved: statements are taken in date order, grouped by topic
// (shared salient words), and each is compared with the speaker's previous
// statement on the same topic.
func Detect(quotes []storyline.QuoteRecord, minConfidence float64) []storyline.Shift {
	return DetectIn(quotes, nil, minConfidence)
}

// DetectIn is Detect knowing the storyline of each article: two statements
// in one storyline need share only one salient word to be on one topic, if
// it is not one the speaker uses all the time ("ships will stay ... not up
// for discussion" and "the future of the facility is being discussed").
func DetectIn(quotes []storyline.QuoteRecord, storylineOf map[string]string, minConfidence float64) []storyline.Shift {
	bySpeaker := map[string][]statement{}
	for _, q := range quotes {
		key := speakerKey(q)
		if key == "" || q.Kind == "" {
			continue
		}
		date := q.Date
		if date == "" {
			date = q.Published
		}
		if date == "" {
			continue // a shift without dates is not a shift a person can check
		}
		bySpeaker[key] = append(bySpeaker[key], statement{q: q, date: date, reading: Read(q.Text), topic: topicWords(q.Text, q.Speaker.Name),
			names: capitalisedWords(q.Text), storyline: storylineOf[q.Article]})
	}
	var shifts []storyline.Shift
	for _, key := range sortedKeys(bySpeaker) {
		shifts = append(shifts, detectSpeaker(bySpeaker[key], minConfidence)...)
	}
	return shifts
}

type statement struct {
	q         storyline.QuoteRecord
	date      string
	reading   Reading
	topic     map[string]bool
	names     map[string]bool // topic words the text capitalises: places and names set a scene
	storyline string
}

// takesPosition reports whether a reading says anything a later statement
// could move from: a direction or an open question.
func (s statement) takesPosition() bool {
	return s.reading.Direction != 0 || s.reading.Certainty == Open
}

func detectSpeaker(ss []statement, minConfidence float64) []storyline.Shift {
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].date < ss[j].date })
	background := backgroundWords(ss)
	var shifts []storyline.Shift
	for j := 1; j < len(ss); j++ {
		i, shared := previousOnTopic(ss, j, background)
		if i < 0 || ss[i].date == ss[j].date {
			continue
		}
		ch, ok := Compare(ss[i].reading, ss[j].reading)
		if !ok || ch.Confidence < minConfidence {
			continue
		}
		shifts = append(shifts, newShift(ss[i], ss[j], shared, ch))
	}
	return shifts
}

// previousOnTopic finds the speaker's position before ss[j] on its topic:
// the latest earlier statement on it that takes one, so that a remark in
// between about the timetable does not hide the position it followed.
func previousOnTopic(ss []statement, j int, background map[string]bool) (int, []string) {
	if !ss[j].takesPosition() {
		return -1, nil
	}
	for i := j - 1; i >= 0; i-- {
		if !ss[i].takesPosition() {
			continue
		}
		shared := sharedWords(ss[i].topic, ss[j].topic)
		sameStory := ss[i].storyline != "" && ss[i].storyline == ss[j].storyline
		if len(shared) >= 2 || sameStory && distinctive(shared, background, ss[i].names, ss[j].names) {
			return i, shared
		}
	}
	return -1, nil
}

// backgroundWords are the words a speaker uses in more than a third of
// their statements ("Anselm" for the defence minister of the base): on
// their own they say the statements share a setting, not a topic.
func backgroundWords(ss []statement) map[string]bool {
	counts := map[string]int{}
	for _, s := range ss {
		for w := range s.topic {
			counts[w]++
		}
	}
	out := map[string]bool{}
	for w, n := range counts {
		if n >= 2 && n*3 > len(ss) {
			out[w] = true
		}
	}
	return out
}

// distinctive reports whether a shared word names what both statements
// are about: not the speaker's usual setting, not a place or a name.
func distinctive(words []string, background, namesA, namesB map[string]bool) bool {
	for _, w := range words {
		if !background[w] && !namesA[w] && !namesB[w] {
			return true
		}
	}
	return false
}

// capitalisedWords are the topic stems of the words a text capitalises
// after its first word.
func capitalisedWords(text string) map[string]bool {
	out := map[string]bool{}
	for i, w := range strings.Fields(text) {
		w = strings.Trim(w, `.,;:!?"'“”‘’()`)
		if i > 0 && w != "" && unicode.IsUpper([]rune(w)[0]) {
			w = strings.TrimSuffix(strings.TrimSuffix(strings.ToLower(w), "'s"), "s")
			out[topicStem(w)] = true
		}
	}
	return out
}

func newShift(from, to statement, topic []string, ch Change) storyline.Shift {
	ref := func(s statement) storyline.StatementRef {
		q := s.q.Quote
		if q.Date == "" {
			q.Date = s.date
		}
		return storyline.StatementRef{Quote: q, Article: s.q.Article, Outlet: s.q.Outlet, Stance: s.reading.String()}
	}
	return storyline.Shift{
		Speaker: from.q.Speaker.Name, SpeakerID: from.q.Speaker.Entity,
		Topic: strings.Join(topic, ", "),
		From:  ref(from), To: ref(to),
		Summary:    fmt.Sprintf("%s: %s (%s) -> %s (%s)", ch.Kind, from.reading, from.date, to.reading, to.date),
		Confidence: ch.Confidence,
		Why: fmt.Sprintf("%s; cues %q then %q", ch.Why, strings.Join(from.reading.Evidence, ", "),
			strings.Join(to.reading.Evidence, ", ")),
	}
}

func speakerKey(q storyline.QuoteRecord) string {
	if q.Speaker.Entity != "" {
		return q.Speaker.Entity
	}
	return strings.ToLower(q.Speaker.Name)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// topicWords are the salient words of a statement: not function words,
// not stance cues, not the speaker's own name.
func topicWords(text, speaker string) map[string]bool {
	skip := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(speaker)) {
		skip[w] = true
	}
	out := map[string]bool{}
	for _, clause := range clauses(text) {
		for _, w := range clause {
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "s")
			if len(w) < 3 || stopwords[w] || skip[w] {
				continue
			}
			if _, isAction := actionDirection(w); isAction {
				continue
			}
			out[topicStem(w)] = true
		}
	}
	return out
}

// topicStem folds a word's inflections: "discussion", "discussed" and
// "discussing" are one topic word.
func topicStem(w string) string {
	for _, suf := range []string{"ions", "ion", "ing", "ed", "es", "ity", "ities"} {
		if stem, ok := strings.CutSuffix(w, suf); ok && len(stem) >= 4 {
			return stem
		}
	}
	return w
}

func sharedWords(a, b map[string]bool) []string {
	var out []string
	for w := range a {
		if b[w] {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}

// stopwords say nothing of what a statement is about; calendar words among
// them say when, not what: two statements that name the summer are not on
// one topic.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and for are but not you all any can had her was one our out day get has him his how man new now old
	see two way who did its let put say she too use that with have this will your from they know want been good much some time very when come
	here just like long make many more only over such take than them well were what would there their which about could other into after
	also should these those then because while where being does said says told year years week weeks month months today yesterday tomorrow
	thi ha wa ye whether however must may might shall per cent percent people thing things part first last next since still even ever
	hour minute morning evening night weekend decade century season spring summer autumn winter
	january february march april june july august september october november december
	monday tuesday wednesday thursday friday saturday sunday`) {
		m[w] = true
	}
	return m
}()
