// Package storyline holds the domain of storyline: articles recovered from
// scraped news, the entities and quotes found in them, the dates they carry,
// and the events and storylines they are grouped into. Subpackages provide
// each concern (cleaning, quotes, time, clustering) and each dependency
// (SQLite, PostgreSQL, HTTP); cmd/storyline wires them together.
package storyline

import (
	"encoding/json"
	"time"
)

// Schema is the version of the public JSON shapes (see shared/contract).
const Schema = 1

// Input is one document as read from a file, a JSONL line, stdin, a feed or
// an archive, before any cleaning. Raw is kept verbatim for provenance.
type Input struct {
	// ID is the input's own id (a JSONL "id"); empty means derive one from Raw.
	ID     string
	Source string // path or URL as given, with "#line" for JSONL lines
	Format Format
	Raw    []byte // bytes exactly as read
	// Text is the decoded UTF-8 NFC content: the text, or the HTML source.
	Text string
	// Encoding names the detected source encoding (utf-8, utf-16le, windows-1251...).
	Encoding string
	// Metadata given with the input (JSONL fields, feed items, WARC headers).
	URL       string
	Title     string
	Outlet    string
	Published string // YYYY-MM-DD or an RFC 3339 time as given
	// Group names the batch family an input belongs to (its outlet, host or
	// folder); the plain-text cleaner learns repeated junk lines per group.
	Group string
}

// Format says how an input's Text must be cleaned.
type Format string

// Input formats.
const (
	FormatText Format = "text"
	FormatHTML Format = "html"
)

// Article is one cleaned, annotated news article: the per-article JSON of
// the contract. All offsets are UTF-8 byte offsets into Body, half-open.
type Article struct {
	ID        string       `json:"id"`
	Source    string       `json:"source"`
	URL       string       `json:"url,omitempty"`
	Title     string       `json:"title"`
	Outlet    string       `json:"outlet"`
	Byline    string       `json:"byline"`
	Dateline  string       `json:"dateline"`
	Language  string       `json:"language"`
	Published Published    `json:"published"`
	Body      string       `json:"body"`
	Removed   []Removed    `json:"removed"`
	Entities  []Entity     `json:"entities"`
	Quotes    []Quote      `json:"quotes"`
	Timexes   []Timex      `json:"timexes"`
	Events    []DatedEvent `json:"events"`

	// Stored alongside, not part of the per-article contract.
	DuplicateOf string    `json:"duplicate_of,omitempty"`
	BodyHash    string    `json:"-"` // hex SHA-256 of the normalised body
	SimHash     uint64    `json:"-"` // near-duplicate fingerprint of the body
	Ingested    time.Time `json:"-"`
}

// Published is the publication date with its uncertainty and the evidence
// it rests on; Earliest..Latest must contain the truth.
type Published struct {
	Date     string `json:"date"` // YYYY-MM-DD, "" when unknown
	Earliest string `json:"earliest"`
	Latest   string `json:"latest"`
	Method   string `json:"method"` // DateMetadata, DateText, DateInferred, DateUnknown
	Evidence string `json:"evidence"`
}

// Publication date methods, in order of trust.
const (
	DateMetadata = "metadata"
	DateText     = "text"
	DateInferred = "inferred"
	DateUnknown  = "unknown"
)

// Removed is a line or block the cleaner took out of the text, and why.
type Removed struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Reasons for removing text.
const (
	RemovedNavigation  = "navigation"
	RemovedTitleRepeat = "title-repeat"
	RemovedCaption     = "caption"
	RemovedTeaser      = "teaser"
	RemovedWidget      = "widget"
	RemovedTags        = "tags"
	RemovedOther       = "other"
)

// Span is a half-open byte range into an article's Body.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Mention is one occurrence of an entity in the body.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Entity types.
const (
	EntityPerson       = "person"
	EntityOrganization = "organization"
	EntityPlace        = "place"
	EntityGroup        = "group"
	EntityOther        = "other"
)

// Entity is a person, organisation, place or group. ID is canonical: the
// same real-world entity gets the same ID in every article and every run.
type Entity struct {
	ID       string    `json:"id"`
	Name     string    `json:"name"`
	Type     string    `json:"type"`
	Aliases  []string  `json:"aliases"`
	Roles    []string  `json:"roles"`
	Mentions []Mention `json:"mentions"`
}

// Quote kinds.
const (
	QuoteDirect   = "direct"
	QuoteIndirect = "indirect"
	QuoteMixed    = "mixed"
)

// Quote is a statement attributed to a speaker. Text is the content only;
// Start..End locate it in the body.
type Quote struct {
	Kind    string  `json:"kind"`
	Text    string  `json:"text"`
	Start   int     `json:"start"`
	End     int     `json:"end"`
	Speaker Speaker `json:"speaker"`
	Cue     string  `json:"cue"`
	Medium  string  `json:"medium"`
	Date    string  `json:"date"`
	// Parts are the quoted pieces of one statement its attribution
	// interrupts ("A," he said, "B."): Start and End run from the first
	// piece to the last, and Text joins the pieces with PartSeparator.
	// A statement in one piece has no Parts.
	Parts []Span `json:"parts,omitempty"`
}

// PartSeparator joins the pieces of an interrupted quotation in its Text.
const PartSeparator = " … "

// Pieces are the spans of the quoted words: the parts, or the one span.
func (q Quote) Pieces() []Span {
	if len(q.Parts) == 0 {
		return []Span{{Start: q.Start, End: q.End}}
	}
	return q.Parts
}

// Quoted reports whether [start, end) overlaps the quoted words
// themselves rather than an attribution between them.
func (q Quote) Quoted(start, end int) bool {
	for _, p := range q.Pieces() {
		if start < p.End && end > p.Start {
			return true
		}
	}
	return false
}

// Speaker is who a quote is attributed to: the resolved entity where there
// is one, and the words the text used for them.
type Speaker struct {
	Entity  string `json:"entity"`
	Name    string `json:"name"`
	Mention string `json:"mention"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// Granularities of dates and temporal expressions.
const (
	GranularityDay    = "day"
	GranularityWeek   = "week"
	GranularityMonth  = "month"
	GranularitySeason = "season"
	GranularityYear   = "year"
	GranularityDecade = "decade"
)

// Timex is a temporal expression normalised against the publication date.
// Value follows TIMEX3 (2017-11-14, 2017-11, 2015-FA, 2017, 201X, P2M ...).
type Timex struct {
	Text        string `json:"text"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
	Value       string `json:"value"`
	Granularity string `json:"granularity"`
	Type        string `json:"type,omitempty"` // DATE, TIME, DURATION, SET
}

// DatedEvent is a clause of an article that a temporal expression dates.
type DatedEvent struct {
	Date        string `json:"date"`
	Granularity string `json:"granularity"`
	Text        string `json:"text"`
	Start       int    `json:"start"`
	End         int    `json:"end"`
}

// MarshalJSON writes the contract's shape: absent strings become null and
// absent lists become [] so that consumers never see a missing key.
func (a Article) MarshalJSON() ([]byte, error) {
	type plain Article
	out := struct {
		Schema int `json:"schema"`
		plain
		Title    *string `json:"title"`
		Outlet   *string `json:"outlet"`
		Byline   *string `json:"byline"`
		Dateline *string `json:"dateline"`
	}{Schema: Schema, plain: plain(a),
		Title: nullable(a.Title), Outlet: nullable(a.Outlet),
		Byline: nullable(a.Byline), Dateline: nullable(a.Dateline)}
	if out.Removed == nil {
		out.Removed = []Removed{}
	}
	if out.Entities == nil {
		out.Entities = []Entity{}
	}
	if out.Quotes == nil {
		out.Quotes = []Quote{}
	}
	if out.Timexes == nil {
		out.Timexes = []Timex{}
	}
	if out.Events == nil {
		out.Events = []DatedEvent{}
	}
	return json.Marshal(out)
}

// MarshalJSON writes null for an unknown day.
func (p Published) MarshalJSON() ([]byte, error) {
	type plain Published
	return json.Marshal(struct {
		plain
		Date *string `json:"date"`
	}{plain(p), nullable(p.Date)})
}

// MarshalJSON writes null for what the text does not tell.
func (q Quote) MarshalJSON() ([]byte, error) {
	type plain Quote
	return json.Marshal(struct {
		plain
		Medium *string `json:"medium"`
		Date   *string `json:"date"`
	}{plain(q), nullable(q.Medium), nullable(q.Date)})
}

// MarshalJSON writes null for an unresolved speaker.
func (s Speaker) MarshalJSON() ([]byte, error) {
	type plain Speaker
	return json.Marshal(struct {
		plain
		Entity *string `json:"entity"`
	}{plain(s), nullable(s.Entity)})
}

// MarshalJSON keeps lists as [] rather than null.
func (e Entity) MarshalJSON() ([]byte, error) {
	type plain Entity
	p := plain(e)
	if p.Aliases == nil {
		p.Aliases = []string{}
	}
	if p.Roles == nil {
		p.Roles = []string{}
	}
	if p.Mentions == nil {
		p.Mentions = []Mention{}
	}
	return json.Marshal(p)
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
