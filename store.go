package storyline

import (
	"context"
	"time"
)

// Store persists articles and everything derived from them. SQLite is the
// embedded default; PostgreSQL serves teams. Both pass one shared test suite.
//
// Writes are atomic per call: a crash never leaves half an article stored.
type Store interface {
	ArticleStore
	QuoteStore
	EntityStore
	StoryStore
	// Stats counts what the store holds.
	Stats(ctx context.Context) (Stats, error)
	Close() error
}

// ArticleStore keeps articles, their raw inputs and quarantined inputs.
type ArticleStore interface {
	// SaveArticle stores a (possibly duplicate) article with its raw input,
	// its quotes, entities, timexes and events, replacing any article with
	// the same ID. rawHash is the hex SHA-256 of raw.
	SaveArticle(ctx context.Context, a *Article, raw []byte, rawHash string) error
	// SaveArticles stores articles in order as SaveArticle would, in one
	// write: all of them or, on an error (which names the article that
	// failed), none, and a crash likewise leaves all or none. Storing a
	// batch costs a store much less per article than an article at a time.
	SaveArticles(ctx context.Context, batch []StoredArticle) error
	// Quarantine keeps an input that could not be processed.
	Quarantine(ctx context.Context, q Quarantined) error
	// Seen reports whether an input with this raw hash was already given
	// (stored as an article, a duplicate, or quarantined).
	Seen(ctx context.Context, rawHash string) (bool, error)
	// FindDuplicate returns the id of a stored original whose body hash is
	// bodyHash (exact) or whose SimHash is within maxDistance bits (near).
	// It returns "" when there is none.
	FindDuplicate(ctx context.Context, bodyHash string, simhash uint64, maxDistance int) (id string, exact bool, err error)
	// Article returns a stored article, or ErrNotFound.
	Article(ctx context.Context, id string) (*Article, error)
	// Raw returns the input exactly as it was given.
	Raw(ctx context.Context, id string) ([]byte, error)
	// Headlines gives the id, title, outlet and day of stored articles in
	// the order asked for (no snippet), leaving out ids not stored: what a
	// list of articles shows, without reading the articles.
	Headlines(ctx context.Context, ids []string) ([]SearchHit, error)
	// EachArticle streams stored originals (not duplicates) in ingest order.
	EachArticle(ctx context.Context, fn func(*Article) error) error
	// Search finds articles by full-text query and filters.
	Search(ctx context.Context, q SearchQuery) (SearchResult, error)
	// Quarantined lists quarantined inputs.
	Quarantined(ctx context.Context, limit, offset int) ([]Quarantined, int, error)
}

// StoredArticle is an article given to SaveArticles with its raw input
// and the hex SHA-256 of that input.
type StoredArticle struct {
	Article *Article
	Raw     []byte
	RawHash string
}

// QuoteStore lists quotes and dated material across the corpus.
type QuoteStore interface {
	Quotes(ctx context.Context, f QuoteFilter) ([]QuoteRecord, int, error)
	Timeline(ctx context.Context, f TimelineFilter) ([]TimelineEntry, int, error)
	// Attention counts articles and quotes per week, oldest first: across
	// the corpus, or, given an entity id, the articles mentioning that
	// entity and the quotes it said.
	Attention(ctx context.Context, entity string) ([]WeekCount, error)
	// QuotedSpeakers lists the speakers quoted in the given articles, as
	// the quotes give them (entity id and name written).
	QuotedSpeakers(ctx context.Context, articles []string) ([]Speaker, error)
	// QuotesBySpeakers lists, in date order as Quotes does, the quotes said
	// by one of the given entities, or, resolved to no entity, under one of
	// the given names (lower-case): what shifts are recomputed from, for
	// thousands of speakers at a time after a large ingest.
	QuotesBySpeakers(ctx context.Context, entities, names []string) ([]QuoteRecord, error)
}

// EntityStore lists entities merged across the corpus and keeps the user's
// merge and split decisions, which survive re-ingest.
type EntityStore interface {
	Entities(ctx context.Context, f EntityFilter) ([]EntityRecord, int, error)
	Entity(ctx context.Context, id string) (*EntityRecord, error)
	SaveDecision(ctx context.Context, d Decision) error
	Decisions(ctx context.Context) ([]Decision, error)
}

// StoryStore keeps events, storylines and position shifts.
type StoryStore interface {
	// SaveEvents upserts events with their article lists and storyline.
	SaveEvents(ctx context.Context, events []Event) error
	// SaveStorylines upserts storyline titles and key entities.
	SaveStorylines(ctx context.Context, s []Storyline) error
	// Storylines lists storylines with their events, newest first.
	Storylines(ctx context.Context, limit, offset int) ([]Storyline, int, error)
	Storyline(ctx context.Context, id string) (*Storyline, error)
	// ReplaceShifts replaces every stored shift (they are recomputed whole).
	ReplaceShifts(ctx context.Context, shifts []Shift) error
	Shifts(ctx context.Context, speaker string) ([]Shift, error)
}

// SearchQuery selects articles. Dates are YYYY-MM-DD and inclusive.
type SearchQuery struct {
	Text    string
	Outlet  string
	Speaker string // name or entity id of someone quoted in the article
	Entity  string // name or entity id mentioned in the article
	From    string
	To      string
	Limit   int
	Offset  int
}

// SearchHit is one article found, with a highlighted snippet ([...] marks).
type SearchHit struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"`
	Snippet   string `json:"snippet"`
}

// SearchResult is a page of hits and the total count.
type SearchResult struct {
	Total   int         `json:"total"`
	Results []SearchHit `json:"results"`
}

// QuoteFilter selects quotes. Speaker matches a name, alias or entity id.
type QuoteFilter struct {
	Speaker string
	Query   string
	From    string
	To      string
	Article string
	Limit   int
	Offset  int
}

// EntityFilter selects entities by id, name or alias.
type EntityFilter struct {
	ID    string // this entity only (a merged-away id finds the one it joined)
	Query string
	Type  string
	// MaxArticles caps the article ids listed per entity (0 lists all):
	// a prolific speaker is mentioned in most of a large corpus.
	MaxArticles int
	Limit       int
	Offset      int
}

// TimelineFilter selects dated events and quotes about an entity or a query.
type TimelineFilter struct {
	Entity string
	Query  string
	From   string
	To     string
	Limit  int
	Offset int
}

// TimelineEntry is a dated event or a dated quote, with its provenance.
type TimelineEntry struct {
	Date        string `json:"date"`
	Granularity string `json:"granularity"`
	Kind        string `json:"kind"` // "event" or "quote"
	Text        string `json:"text"`
	Speaker     string `json:"speaker,omitempty"`
	Article     string `json:"article"`
	Outlet      string `json:"outlet,omitempty"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
}

// Decision kinds: a user's correction of entities or storylines.
const (
	DecisionMergeEntities   = "merge-entities"   // Subject is merged into Object
	DecisionSplitEntity     = "split-entity"     // alias Object no longer belongs to Subject
	DecisionMergeStorylines = "merge-storylines" // Subject is merged into Object
	DecisionSplitStoryline  = "split-storyline"  // event Object leaves storyline Subject
)

// Decision is recorded, applied at query time, and survives re-ingest.
type Decision struct {
	Kind    string    `json:"kind"`
	Subject string    `json:"subject"`
	Object  string    `json:"object"`
	Created time.Time `json:"created"`
}
