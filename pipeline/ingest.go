package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/bits"
	"runtime"
	"sync"
	"time"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
	"github.com/storyline-news/storyline/dedup"
	"github.com/storyline-news/storyline/entity"
)

// Clusterer groups stored articles into events and storylines as they
// arrive, and reports what changed so it can be saved.
type Clusterer interface {
	Add(a *storyline.Article) string
	Changed() ([]storyline.Event, []storyline.Storyline)
}

// WalkFunc yields inputs, or the error that made one unreadable, to fn.
type WalkFunc func(ctx context.Context, fn func(*storyline.Input, error) error) error

// Outcome statuses.
const (
	Ingested    = "ingested"
	Duplicate   = "duplicate"
	Skipped     = "skipped" // given before: ingest is idempotent
	Quarantined = "quarantined"
)

// Outcome is what became of one input.
type Outcome struct {
	Source      string
	ID          string
	Status      string
	DuplicateOf string
	Reason      string // quarantine reason class
	Detail      string // the one-line error
	Bytes       int    // size of the raw input, for progress
}

// Summary counts the outcomes of one ingest.
type Summary struct {
	Inputs      int
	Ingested    int
	Duplicates  int
	Skipped     int
	Quarantined map[string]int // by reason
}

// QuarantinedTotal sums quarantined inputs over all reasons.
func (s Summary) QuarantinedTotal() int {
	n := 0
	for _, c := range s.Quarantined {
		n += c
	}
	return n
}

// Ingester runs a batch of inputs through the pipeline into a store.
type Ingester struct {
	Pipeline *Pipeline
	Store    storyline.Store
	Cluster  Clusterer // nil: no clustering
	// People links the bare surnames and initialled names of each article
	// to the full-named people of the articles stored before it, as a
	// reader of the whole pile would, and learns the article's own; nil:
	// every article is read alone. Linking happens in input order, so the
	// result does not depend on the scheduling of the workers.
	People *entity.Directory
	// Workers processing inputs in parallel; 0 means GOMAXPROCS.
	Workers int
	// Window is how many inputs are read ahead, so the text cleaner can
	// learn the batch's repeated lines before cleaning; 0 means 256.
	Window int
	// WindowBytes bounds the bytes held by the inputs read ahead, so that
	// a window of large inputs stays within memory; 0 means 64 MiB.
	WindowBytes int
	// NearDistance is the SimHash distance under which bodies are near
	// duplicates; 0 means dedup.NearDistance.
	NearDistance int
	// Batch bounds the articles stored in one write (Store.SaveArticles),
	// which costs a store much less per article than one write each; 0
	// means 64. Whatever the bound, a window's articles are all stored
	// before the next window is read.
	Batch int
	// BatchDelay bounds how long a processed article waits for the others
	// of its batch; 0 means 200ms.
	BatchDelay time.Duration
	// OnOutcome is told of every input as it is settled, in input order:
	// once it is stored, for an article.
	OnOutcome func(Outcome)
}

type item struct {
	source  string
	in      *storyline.Input
	readErr error
	rawHash string
	article *storyline.Article
	err     error
}

// Ingest reads every input walk yields and settles each one as ingested,
// duplicate, skipped or quarantined. Inputs are processed in parallel but
// stored in input order, so the first of two duplicates is the original
// whatever the scheduling.
func (g *Ingester) Ingest(ctx context.Context, walk WalkFunc) (Summary, error) {
	sum := Summary{Quarantined: map[string]int{}}
	window := g.Window
	if window <= 0 {
		window = 256
	}
	windowBytes := g.WindowBytes
	if windowBytes <= 0 {
		windowBytes = 64 << 20
	}
	batch := make([]*item, 0, window)
	held := 0
	flush := func() error {
		err := g.settle(ctx, batch, &sum)
		clear(batch) // let the settled inputs go before the next window fills
		batch, held = batch[:0], 0
		return err
	}
	err := walk(ctx, func(in *storyline.Input, readErr error) error {
		it := &item{in: in, readErr: readErr}
		if in != nil {
			it.source = in.Source
			held += len(in.Raw) + len(in.Text)
		}
		batch = append(batch, it)
		if len(batch) < window && held < windowBytes {
			return nil
		}
		return flush()
	})
	if err == nil {
		err = flush()
	}
	if err == nil {
		err = g.saveClusters(ctx)
	}
	return sum, err
}

// settle processes one window of inputs and stores the results in order.
func (g *Ingester) settle(ctx context.Context, batch []*item, sum *Summary) error {
	if len(batch) == 0 {
		return nil
	}
	if err := g.markSeen(ctx, batch); err != nil {
		return err
	}
	g.learn(batch)
	g.process(ctx, batch)
	w := g.newWrites(sum)
	seenInBatch := map[string]bool{}
	for _, it := range batch {
		if err := ctx.Err(); err != nil {
			return err // the articles not yet written are redone by the next run
		}
		if it.rawHash != "" {
			if seenInBatch[it.rawHash] { // a second copy in one window: settled with the first
				it.in, it.article, it.err, it.readErr = nil, nil, nil, nil
			}
			seenInBatch[it.rawHash] = true
		}
		if err := g.store(ctx, it, w); err != nil {
			return err
		}
	}
	if err := w.flush(ctx); err != nil {
		return err
	}
	return g.saveClusters(ctx)
}

// markSeen hashes each input and drops the work for inputs given before,
// including inputs quarantined before.
func (g *Ingester) markSeen(ctx context.Context, batch []*item) error {
	for _, it := range batch {
		it.rawHash = inputHash(it)
		if it.rawHash == "" {
			continue
		}
		seen, err := g.Store.Seen(ctx, it.rawHash)
		if err != nil {
			return fmt.Errorf("checking %s: %w", it.source, err)
		}
		if seen {
			it.in, it.readErr = nil, nil
		}
	}
	return nil
}

// inputHash identifies an input: its raw bytes, or for an input that could
// not even be read, its name and what was wrong.
func inputHash(it *item) string {
	if it.in != nil {
		return dedup.RawHash(it.in.Raw)
	}
	var ie *storyline.InputError
	if errors.As(it.readErr, &ie) {
		if it.source == "" {
			it.source = ie.Source
		}
		return unreadHash(ie.Source, ie.Reason)
	}
	return ""
}

// unreadHash identifies an input that could not be read by its name and
// what was wrong, so that giving it again is recognised.
func unreadHash(source, reason string) string {
	return dedup.RawHash([]byte("unread\x00" + source + "\x00" + reason))
}

func (g *Ingester) learn(batch []*item) {
	if g.Pipeline.Learn == nil {
		return
	}
	for _, it := range batch {
		if it.in != nil && it.readErr == nil && it.in.Format == storyline.FormatText {
			g.Pipeline.Learn(it.in.Group, it.in.Text)
		}
	}
}

func (g *Ingester) process(ctx context.Context, batch []*item) {
	workers := g.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan *item)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := range next {
				it.article, it.err = g.Pipeline.Process(ctx, it.in)
			}
		}()
	}
	for _, it := range batch {
		if it.in != nil && it.readErr == nil {
			next <- it
		}
	}
	close(next)
	wg.Wait()
}

// store settles one processed input: an article joins the batch being
// written, any other outcome is told in its turn.
func (g *Ingester) store(ctx context.Context, it *item, w *writes) error {
	switch {
	case it.readErr != nil:
		return g.quarantine(ctx, it, it.readErr, w)
	case it.in == nil:
		w.settle(Outcome{Source: it.source, Status: Skipped}, -1)
		return nil
	case it.err != nil:
		return g.quarantine(ctx, it, it.err, w)
	}
	a := it.article
	stored, taken, err := g.idTaken(ctx, it.in, w)
	if err != nil {
		return err
	}
	if taken != nil {
		return g.quarantine(ctx, it, taken, w)
	}
	near := g.NearDistance
	if near <= 0 {
		near = dedup.NearDistance
	}
	orig, exact, err := g.Store.FindDuplicate(ctx, a.BodyHash, a.SimHash, near)
	if err != nil {
		return fmt.Errorf("finding duplicates of %s: %w", it.in.Source, err)
	}
	// The batch's articles are not in the store yet, and come after all
	// that is: an exact copy among them comes before a near one stored.
	if !exact {
		if id := w.exactCopy(a.BodyHash); id != "" {
			orig = id
		} else if orig == "" {
			orig = w.nearCopy(a.SimHash, near)
		}
	}
	out := Outcome{Source: it.in.Source, ID: a.ID, Status: Ingested, Bytes: len(it.in.Raw)}
	if orig != "" && orig != a.ID {
		a.DuplicateOf = orig
		out.Status, out.DuplicateOf = Duplicate, orig
	} else if g.People != nil {
		g.People.Link(a)
		g.People.LearnArticle(a)
	}
	w.add(storyline.StoredArticle{Article: a, Raw: it.in.Raw, RawHash: it.rawHash}, out)
	// An article replacing a stored one is written at once: the next
	// articles' duplicates are looked for in the store, which must hold
	// it rather than the one it replaces.
	if stored || w.full() {
		return w.flush(ctx)
	}
	return nil
}

// writes is the batch of articles a window is storing: they are written
// together, and the outcomes of the window's inputs are told, in input
// order, once the articles before them are stored.
type writes struct {
	g       *Ingester
	sum     *Summary
	batch   []storyline.StoredArticle
	waiting []waiting
	ids     map[string][]byte // the raw input of each article in the batch, by id
	since   time.Time         // when the first article of the batch joined it
}

type waiting struct {
	out     Outcome
	article int // index in batch, or -1
}

func (g *Ingester) newWrites(sum *Summary) *writes {
	return &writes{g: g, sum: sum, ids: map[string][]byte{}}
}

func (w *writes) add(s storyline.StoredArticle, out Outcome) {
	if len(w.batch) == 0 {
		w.since = time.Now()
	}
	w.ids[s.Article.ID] = s.Raw
	w.batch = append(w.batch, s)
	w.settle(out, len(w.batch)-1)
}

// settle queues an outcome behind the articles before it.
func (w *writes) settle(out Outcome, article int) {
	w.waiting = append(w.waiting, waiting{out: out, article: article})
}

func (w *writes) full() bool {
	size, delay := w.g.Batch, w.g.BatchDelay
	if size <= 0 {
		size = 64
	}
	if delay <= 0 {
		delay = 200 * time.Millisecond
	}
	return len(w.batch) >= size || time.Since(w.since) >= delay
}

// flush stores the batch and tells the outcomes waiting for it. When the
// batch cannot be stored, its articles are stored one by one, so that
// those before the one that fails are kept and told, as without batches;
// the error of that one ends the ingest, and the inputs after it are
// neither stored nor marked, so the next run does them.
func (w *writes) flush(ctx context.Context) error {
	defer w.reset()
	if len(w.batch) > 0 {
		if err := w.g.Store.SaveArticles(ctx, w.batch); err != nil {
			return w.oneByOne(ctx)
		}
	}
	for _, wt := range w.waiting {
		w.tell(wt)
	}
	return nil
}

func (w *writes) oneByOne(ctx context.Context) error {
	for _, wt := range w.waiting {
		if wt.article >= 0 {
			s := w.batch[wt.article]
			if err := w.g.Store.SaveArticle(ctx, s.Article, s.Raw, s.RawHash); err != nil {
				return fmt.Errorf("storing %s: %w", wt.out.Source, err)
			}
		}
		w.tell(wt)
	}
	return nil
}

func (w *writes) tell(wt waiting) {
	if wt.out.Status == Ingested && wt.article >= 0 && w.g.Cluster != nil {
		w.g.Cluster.Add(w.batch[wt.article].Article)
	}
	count(w.sum, wt.out)
	if w.g.OnOutcome != nil {
		w.g.OnOutcome(wt.out)
	}
}

func (w *writes) reset() {
	clear(w.batch)
	w.batch, w.waiting = w.batch[:0], w.waiting[:0]
	clear(w.ids)
}

// exactCopy returns the first original in the batch with this body, as
// Store.FindDuplicate would once the batch is stored.
func (w *writes) exactCopy(bodyHash string) string {
	for _, s := range w.batch {
		if s.Article.DuplicateOf == "" && s.Article.BodyHash == bodyHash {
			return s.Article.ID
		}
	}
	return ""
}

// nearCopy returns the first original in the batch sharing a SimHash band
// with simhash and within maxDistance bits of it, as Store.FindDuplicate
// would once the batch is stored.
func (w *writes) nearCopy(simhash uint64, maxDistance int) string {
	bands := corpus.Bands(simhash)
	for _, s := range w.batch {
		a := s.Article
		if a.DuplicateOf != "" || bits.OnesCount64(a.SimHash^simhash) > maxDistance {
			continue
		}
		theirs := corpus.Bands(a.SimHash)
		for i := range bands {
			if bands[i] == theirs[i] {
				return a.ID
			}
		}
	}
	return ""
}

// idTaken reports an input whose own id already names another input,
// stored or in the batch: storing it would silently replace that one, as
// when two scrapers' dumps both number their lines from 1. stored reports
// that the id names a stored article of the same input, which storing
// replaces.
func (g *Ingester) idTaken(ctx context.Context, in *storyline.Input, w *writes) (stored bool, taken *storyline.InputError, err error) {
	if in.ID == "" {
		return false, nil, nil // ids derived from the raw bytes differ with them
	}
	raw, pending := w.ids[in.ID]
	if !pending {
		raw, err = g.Store.Raw(ctx, in.ID)
		if errors.Is(err, storyline.ErrNotFound) {
			return false, nil, nil
		}
		if err != nil {
			return false, nil, fmt.Errorf("checking the id of %s: %w", in.Source, err)
		}
	}
	if bytes.Equal(raw, in.Raw) {
		return !pending, nil, nil
	}
	return false, &storyline.InputError{Source: in.Source, Reason: "id-conflict",
		Err: fmt.Errorf("id %q already names another stored input; give every input its own id", in.ID)}, nil
}

// quarantine keeps a failed input, after the articles before it are
// stored, and tells its outcome.
func (g *Ingester) quarantine(ctx context.Context, it *item, cause error, w *writes) error {
	if err := w.flush(ctx); err != nil {
		return err
	}
	q := QuarantineOf(it.in, cause, it.rawHash)
	if err := g.Store.Quarantine(ctx, q); err != nil {
		return fmt.Errorf("quarantining %s: %w", q.Source, err)
	}
	w.settle(Outcome{Source: q.Source, Status: Quarantined, Reason: q.Reason, Detail: q.Detail}, -1)
	return w.flush(ctx)
}

// QuarantineOf is what a store keeps of an input that failed: its name,
// the reason class and the one-line error, and its raw bytes when it was
// read at all. rawHash is their hash; "" computes it, from the bytes or,
// for an input never read, from its name and what was wrong.
func QuarantineOf(in *storyline.Input, cause error, rawHash string) storyline.Quarantined {
	q := storyline.Quarantined{Reason: "unreadable", Detail: cause.Error()}
	var ie *storyline.InputError
	if errors.As(cause, &ie) {
		q.Source, q.Reason = ie.Source, ie.Reason
	}
	if in != nil {
		q.Raw = in.Raw
		if q.Source == "" {
			q.Source = in.Source
		}
	}
	q.Hash = rawHash
	switch {
	case q.Hash == "" && in != nil:
		q.Hash = dedup.RawHash(in.Raw)
	case q.Hash == "" && ie != nil:
		q.Hash = unreadHash(q.Source, q.Reason)
	case q.Hash == "":
		q.Hash = unreadHash(q.Source, q.Detail)
	}
	return q
}

func (g *Ingester) saveClusters(ctx context.Context) error {
	if g.Cluster == nil {
		return nil
	}
	events, storylines := g.Cluster.Changed()
	if len(storylines) > 0 {
		if err := g.Store.SaveStorylines(ctx, storylines); err != nil {
			return fmt.Errorf("saving storylines: %w", err)
		}
	}
	if len(events) > 0 {
		if err := g.Store.SaveEvents(ctx, events); err != nil {
			return fmt.Errorf("saving events: %w", err)
		}
	}
	return nil
}

func count(sum *Summary, out Outcome) {
	sum.Inputs++
	switch out.Status {
	case Ingested:
		sum.Ingested++
	case Duplicate:
		sum.Duplicates++
	case Skipped:
		sum.Skipped++
	case Quarantined:
		sum.Quarantined[out.Reason]++
	}
}
