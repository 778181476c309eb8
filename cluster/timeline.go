package cluster

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/sentence"
)

// TimelineDate is one key date of a storyline with a sentence saying what
// happened on it.
type TimelineDate struct {
	Date    string  `json:"date"`
	Score   float64 `json:"score"`
	Summary string  `json:"summary"`
	Article string  `json:"article"` // where the summary sentence comes from
}

// Timeline picks the k key dates of a storyline, as date-wise timeline
// summarisation does: a date matters when many articles appear on it and,
// above all, when many sentences refer to it. Articles outside the
// storyline are ignored. Dates come back in calendar order.
func Timeline(s storyline.Storyline, articles []*storyline.Article, k int) []TimelineDate {
	members := map[string]bool{}
	for _, id := range s.Articles {
		members[id] = true
	}
	var in []*storyline.Article
	for _, a := range articles {
		if a != nil && (len(members) == 0 || members[a.ID]) {
			in = append(in, a)
		}
	}
	return keyDates(collectDates(in), k)
}

// dateEvidence gathers what speaks for one date.
type dateEvidence struct {
	published, references float64
	sentences             []candidateSentence
}

type candidateSentence struct {
	text, article string
}

func collectDates(articles []*storyline.Article) map[string]*dateEvidence {
	dates := map[string]*dateEvidence{}
	get := func(d string) *dateEvidence {
		if dates[d] == nil {
			dates[d] = &dateEvidence{}
		}
		return dates[d]
	}
	for _, a := range articles {
		pub := articleDay(a)
		if !pub.IsZero() {
			ev := get(pub.Format(time.DateOnly))
			ev.published++
			if lead := leadSentence(a.Body); lead != "" {
				ev.sentences = append(ev.sentences, candidateSentence{lead, a.ID})
			}
		}
		for _, ref := range dateReferences(a, pub) {
			ev := get(ref.date)
			ev.references++
			ev.sentences = append(ev.sentences, candidateSentence{ref.sentence, a.ID})
		}
	}
	return dates
}

// keyDates ranks dates by evidence; a reference counts more than a
// publication, because later articles looking back at a day are what make
// it a key date rather than a busy news day.
func keyDates(dates map[string]*dateEvidence, k int) []TimelineDate {
	out := make([]TimelineDate, 0, len(dates))
	for d, ev := range dates {
		out = append(out, TimelineDate{Date: d, Score: ev.published + 2*ev.references})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Score > out[j].Score || out[i].Score == out[j].Score && out[i].Date < out[j].Date
	})
	if k >= 0 && len(out) > k {
		out = out[:k]
	}
	for i := range out {
		out[i].Summary, out[i].Article = centralSentence(dates[out[i].Date].sentences)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// centralSentence picks the sentence sharing most words with the other
// sentences about the same date: the one that says what they all say.
func centralSentence(cands []candidateSentence) (string, string) {
	freq := map[string]int{}
	words := make([][]string, len(cands))
	for i, c := range cands {
		seen := map[string]bool{}
		for _, w := range tokens(c.text) {
			if !seen[w] {
				seen[w] = true
				words[i] = append(words[i], w)
				freq[w]++
			}
		}
	}
	best, bestScore := -1, -1.0
	for i, ws := range words {
		score := 0.0
		for _, w := range ws {
			score += float64(freq[w] - 1)
		}
		// Long sentences would win on sheer size; normalise gently.
		score /= float64(len(ws)+5) / 10
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return "", ""
	}
	return cands[best].text, cands[best].article
}

func leadSentence(body string) string {
	for _, sp := range sentence.Split(body) {
		if s := cleanSentence(body[sp.Start:sp.End]); len(strings.Fields(s)) >= 6 {
			return s
		}
	}
	return ""
}

type dateRef struct{ date, sentence string }

// dateReferences lists the days an article's sentences refer to: from its
// Timexes when an annotator set them, otherwise from explicit dates
// ("April 20", "20 April 2010") resolved against the publication date.
func dateReferences(a *storyline.Article, pub time.Time) []dateRef {
	spans := sentence.Split(a.Body)
	sentenceAt := func(off int) string {
		for _, sp := range spans {
			if off >= sp.Start && off < sp.End {
				return cleanSentence(a.Body[sp.Start:sp.End])
			}
		}
		return ""
	}
	var out []dateRef
	if len(a.Timexes) > 0 {
		for _, tx := range a.Timexes {
			if len(tx.Value) == 10 && tx.Start >= 0 && tx.Start < len(a.Body) {
				if _, err := time.Parse(time.DateOnly, tx.Value); err == nil {
					out = append(out, dateRef{tx.Value, sentenceAt(tx.Start)})
				}
			}
		}
		return out
	}
	for _, m := range explicitDate.FindAllStringSubmatchIndex(a.Body, -1) {
		if d, ok := resolveDate(a.Body, m, pub); ok {
			out = append(out, dateRef{d, sentenceAt(m[0])})
		}
	}
	return out
}

var monthNames = map[string]time.Month{}

func init() {
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		monthNames[name] = m
		monthNames[name[:3]] = m
	}
	monthNames["sept"] = time.September
}

const monthRE = `(?i:(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)`

// explicitDate matches "April 20(, 2010)" or "20 April( 2010)".
var explicitDate = regexp.MustCompile(`\b(?:` + monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:\s*,?\s*(\d{4})\b)?|(\d{1,2})(?:st|nd|rd|th)?\s+` + monthRE + `(?:\s*,?\s*(\d{4})\b)?)`)

func resolveDate(text string, m []int, pub time.Time) (string, bool) {
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return text[m[2*i]:m[2*i+1]]
	}
	month, day, year := group(1), group(2), group(3)
	if month == "" {
		day, month, year = group(4), group(5), group(6)
	}
	mo, ok := monthNames[strings.ToLower(strings.TrimSuffix(month, "."))]
	d, err := strconv.Atoi(day)
	if !ok || err != nil || d < 1 || d > 31 {
		return "", false
	}
	y, err := strconv.Atoi(year)
	if err != nil {
		if pub.IsZero() {
			return "", false
		}
		// A bare "April 20" means the latest such day not far after publication.
		y = pub.Year()
		if t := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC); t.Sub(pub) > 60*24*time.Hour {
			y--
		}
	}
	t := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false // 31 April
	}
	return t.Format(time.DateOnly), true
}

// cleanSentence undoes Penn-Treebank tokenisation so summaries read as text.
func cleanSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return ptbUndo.Replace(s)
}

var ptbUndo = strings.NewReplacer("-LRB- ", "(", " -RRB-", ")", "-LSB- ", "[", " -RSB-", "]",
	" ,", ",", " .", ".", " ;", ";", " :", ":", " 's", "'s", " n't", "n't", "`` ", "\"", " ''", "\"", " ?", "?", " !", "!")
