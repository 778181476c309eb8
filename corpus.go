package storyline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Event is a happening reported by one or more articles, usually within days
// (the same statement, meeting, strike or decision), across outlets.
type Event struct {
	ID        string   `json:"id"`
	Date      string   `json:"date"`
	Title     string   `json:"title"`
	Articles  []string `json:"articles"`
	Storyline string   `json:"storyline,omitempty"`
	Entities  []string `json:"entities,omitempty"` // key entity ids
}

// Storyline links the events about one long-running subject.
type Storyline struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Articles []string `json:"articles"`
	Events   []Event  `json:"events"`
	Entities []string `json:"entities,omitempty"` // key entity ids
}

// StatementRef is one statement in a speaker's position history.
type StatementRef struct {
	Quote
	Article string `json:"article"`
	Outlet  string `json:"outlet,omitempty"`
	// Stance is the readable stance reading (e.g. "commitment, permanent").
	Stance string `json:"stance,omitempty"`
}

// Shift is a point where a speaker's position on a topic moved.
type Shift struct {
	Speaker    string       `json:"speaker"`
	SpeakerID  string       `json:"speaker_id,omitempty"`
	Topic      string       `json:"topic"`
	From       StatementRef `json:"from"`
	To         StatementRef `json:"to"`
	Summary    string       `json:"summary"`
	Confidence float64      `json:"confidence"`
	Why        string       `json:"why,omitempty"`
}

// QuoteRecord is a quote as listed across a corpus.
type QuoteRecord struct {
	Quote
	Article   string `json:"article"`
	Outlet    string `json:"outlet"`
	Published string `json:"published,omitempty"` // the article's best day
}

// EntityRecord is an entity merged across a corpus.
type EntityRecord struct {
	Entity
	// Articles lists the articles mentioning it, first stored first; a
	// listing may cap it (EntityFilter.MaxArticles), ArticleCount never.
	Articles     []string `json:"articles"`
	ArticleCount int      `json:"article_count"`
}

// WeekCount is the attention one week got: articles and quotes dated in
// the week that starts on Monday Week (YYYY-MM-DD).
type WeekCount struct {
	Week     string `json:"week"`
	Articles int    `json:"articles"`
	Quotes   int    `json:"quotes"`
}

// Quarantined is an input that could not be processed, kept with its reason.
type Quarantined struct {
	Source string `json:"source"`
	Reason string `json:"reason"` // short class: binary, empty, too-large, bad-json, ...
	Detail string `json:"detail"` // the one-line error a user reads
	Raw    []byte `json:"-"`
	Hash   string `json:"hash"` // hex SHA-256 of Raw, for idempotency
}

// Stats counts what a store holds. Every input ever given is counted once,
// as an article, a duplicate or quarantined.
type Stats struct {
	Schema      int            `json:"schema"`
	Articles    int            `json:"articles"`
	Duplicates  int            `json:"duplicates"`
	Quarantined int            `json:"quarantined"`
	Quotes      int            `json:"quotes"`
	Entities    int            `json:"entities"`
	Events      int            `json:"events"`
	Storylines  int            `json:"storylines"`
	ByReason    map[string]int `json:"quarantined_by_reason,omitempty"`
}

// InputError is a bad input: the rest of the batch goes on, and the input is
// quarantined with Reason.
type InputError struct {
	Source string
	Reason string // short class, e.g. "binary", "empty", "too-large", "bad-json"
	Err    error
}

func (e *InputError) Error() string {
	return fmt.Sprintf("%s: %s: %v", e.Source, e.Reason, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

// ErrNotFound is returned by stores when an id is unknown.
var ErrNotFound = errors.New("not found")

// Annotator adds one layer of understanding to a cleaned article (entities,
// quotes, dates). Annotators run in pipeline order and must keep every
// offset inside Body.
type Annotator interface {
	Annotate(ctx context.Context, a *Article) error
}

// AnnotatorFunc adapts a function to Annotator.
type AnnotatorFunc func(ctx context.Context, a *Article) error

// Annotate calls f.
func (f AnnotatorFunc) Annotate(ctx context.Context, a *Article) error { return f(ctx, a) }

// Cleaner recovers an article (body, title, outlet, dateline, byline,
// removed junk) from one input. There is one for plain text and one for HTML.
type Cleaner interface {
	Clean(ctx context.Context, in *Input) (*Article, error)
}

// MarshalJSON writes the quote's fields and where it was found; without
// it the embedded Quote's MarshalJSON would drop article and outlet.
func (q QuoteRecord) MarshalJSON() ([]byte, error) {
	return mergeJSON(q.Quote, struct {
		Article   string `json:"article"`
		Outlet    string `json:"outlet"`
		Published string `json:"published,omitempty"`
	}{q.Article, q.Outlet, q.Published})
}

// MarshalJSON writes the entity and the articles that mention it.
func (e EntityRecord) MarshalJSON() ([]byte, error) {
	articles := e.Articles
	if articles == nil {
		articles = []string{}
	}
	return mergeJSON(e.Entity, struct {
		Articles     []string `json:"articles"`
		ArticleCount int      `json:"article_count"`
	}{articles, e.ArticleCount})
}

// MarshalJSON writes the statement and its provenance.
func (s StatementRef) MarshalJSON() ([]byte, error) {
	return mergeJSON(s.Quote, struct {
		Article string `json:"article"`
		Outlet  string `json:"outlet,omitempty"`
		Stance  string `json:"stance,omitempty"`
	}{s.Article, s.Outlet, s.Stance})
}

// mergeJSON writes the fields of two objects as one object. The two never
// share a field name, so their encodings are spliced rather than decoded
// and encoded again: lists of quotes and entities are written this way.
func mergeJSON(a, b any) ([]byte, error) {
	first, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	second, err := json.Marshal(b)
	if err != nil {
		return nil, err
	}
	if len(first) < 2 || first[0] != '{' || len(second) < 2 || second[0] != '{' {
		return nil, fmt.Errorf("merging %T and %T: both must encode as objects", a, b)
	}
	if len(second) == 2 {
		return first, nil
	}
	if len(first) == 2 {
		return second, nil
	}
	out := append(first[:len(first)-1:len(first)-1], ',')
	return append(out, second[1:]...), nil
}
