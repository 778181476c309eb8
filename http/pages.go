package http

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// page is the data every page template gets.
type page struct {
	Title string
	Query url.Values
	Data  any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name, title string, data any, err error) {
	if err != nil {
		status, msg := statusOf(err)
		if status == http.StatusInternalServerError {
			s.opts.Logger.Error("page", "path", r.URL.Path, "err", err)
		}
		w.WriteHeader(status)
		name, title, data = "error.html", msg, msg
	}
	var buf bytes.Buffer
	if err := s.pages.ExecuteTemplate(&buf, name, page{Title: title, Query: r.URL.Query(), Data: data}); err != nil {
		s.opts.Logger.Error("template", "name", name, "err", err)
		http.Error(w, "page could not be rendered", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = buf.WriteTo(w)
}

func (s *Server) pageRoutes() {
	s.mux.HandleFunc("GET /{$}", s.pageHome)
	s.mux.HandleFunc("GET /search", s.pageSearch)
	s.mux.HandleFunc("GET /articles/{id}", s.pageArticle)
	s.mux.HandleFunc("GET /entities", s.pageEntities)
	s.mux.HandleFunc("GET /entities/{id}", s.pageEntity)
	s.mux.HandleFunc("GET /stories", s.pageStories)
	s.mux.HandleFunc("GET /stories/{id}", s.pageStory)
	s.mux.HandleFunc("GET /shifts", s.pageShifts)
}

type homeData struct {
	Stats      storyline.Stats
	Storylines []storyline.Storyline
	Speakers   []storyline.EntityRecord
	Chart      template.HTML
}

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var d homeData
	var err error
	if d.Stats, err = s.store.Stats(ctx); err == nil {
		d.Storylines, _, err = s.store.Storylines(ctx, 12, 0)
	}
	if err == nil {
		d.Speakers, _, err = s.store.Entities(ctx, storyline.EntityFilter{Type: storyline.EntityPerson, Limit: 15, MaxArticles: 1})
	}
	var weeks []storyline.WeekCount
	if err == nil {
		weeks, err = s.store.Attention(ctx, "")
		d.Chart = attentionChart(weeklySeries(weeks, "quotes")...)
	}
	s.render(w, r, "home.html", "storyline", d, err)
}

type searchData struct {
	Result storyline.SearchResult
	Query  storyline.SearchQuery
	Next   int
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	q, err := searchQuery(r)
	var d searchData
	if err == nil {
		d.Query = q
		d.Result, err = s.store.Search(r.Context(), q)
		if q.Offset+len(d.Result.Results) < d.Result.Total {
			d.Next = q.Offset + q.Limit
		}
	}
	s.render(w, r, "search.html", "Search", d, err)
}

type articleData struct {
	Article  *storyline.Article
	Segments []Segment
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.store.Article(r.Context(), r.PathValue("id"))
	var d articleData
	title := "Article"
	if err == nil {
		d = articleData{Article: a, Segments: segments(a)}
		title = a.Title
	}
	s.render(w, r, "article.html", title, d, err)
}

type entityData struct {
	Entity *storyline.EntityRecord
	Quotes []storyline.QuoteRecord
	Total  int
	Shifts []storyline.Shift
	Chart  template.HTML
	Next   int
}

// statementsPage is how many statements a speaker page shows at a time:
// a page of a prolific speaker is read often, and each statement links to
// its sentence, so a short page is quick to read and to serve.
const statementsPage = 50

func (s *Server) pageEntity(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var d entityData
	var err error
	d.Entity, err = s.entitySummary(ctx, r.PathValue("id"))
	limit, offset := statementsPage, 0
	if err == nil {
		limit, offset, err = params{r}.paging(statementsPage)
	}
	if err == nil {
		d.Quotes, d.Total, err = s.store.Quotes(ctx, storyline.QuoteFilter{Speaker: d.Entity.ID, Limit: limit, Offset: offset})
		if offset+len(d.Quotes) < d.Total {
			d.Next = offset + limit
		}
	}
	if err == nil {
		d.Shifts, err = s.store.Shifts(ctx, d.Entity.ID)
	}
	var weeks []storyline.WeekCount
	if err == nil {
		weeks, err = s.store.Attention(ctx, d.Entity.ID)
		d.Chart = attentionChart(weeklySeries(weeks, "statements")...)
	}
	title := "Entity"
	if d.Entity != nil {
		title = d.Entity.Name
	}
	s.render(w, r, "entity.html", title, d, err)
}

// entitySummary finds an entity without listing every article mentioning
// it: a page shows how many there are and links to the search for them.
func (s *Server) entitySummary(ctx context.Context, id string) (*storyline.EntityRecord, error) {
	es, _, err := s.store.Entities(ctx, storyline.EntityFilter{ID: id, Limit: 1, MaxArticles: 1})
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, fmt.Errorf("entity %s: %w", id, storyline.ErrNotFound)
	}
	return &es[0], nil
}

type entitiesData struct {
	Entities []storyline.EntityRecord
	Total    int
	Next     int
}

func (s *Server) pageEntities(w http.ResponseWriter, r *http.Request) {
	p := params{r}
	f := storyline.EntityFilter{Query: p.str("q"), Type: p.str("type"), MaxArticles: 1}
	var d entitiesData
	var err error
	if f.Limit, f.Offset, err = p.paging(50); err == nil {
		d.Entities, d.Total, err = s.store.Entities(r.Context(), f)
		if f.Offset+len(d.Entities) < d.Total {
			d.Next = f.Offset + f.Limit
		}
	}
	s.render(w, r, "entities.html", "People and organisations", d, err)
}

func (s *Server) pageStories(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := params{r}.paging(100)
	var ss []storyline.Storyline
	if err == nil {
		ss, _, err = s.store.Storylines(r.Context(), limit, offset)
	}
	s.render(w, r, "stories.html", "Storylines", ss, err)
}

type storyData struct {
	Story  *storyline.Storyline
	Events []storyEvent
	Chart  template.HTML
}

// storyEvent is an event on a storyline page, with the headlines of the
// first of its articles.
type storyEvent struct {
	storyline.Event
	Headlines []storyline.SearchHit
	More      int // articles not listed
}

// eventArticles is how many articles an event lists on a storyline page.
const eventArticles = 8

func (s *Server) pageStory(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	st, err := s.store.Storyline(ctx, r.PathValue("id"))
	var d storyData
	title := "Storyline"
	if err == nil {
		d.Story, title = st, st.Title
		d.Events, err = s.storyEvents(ctx, st.Events)
		articles := newSeries("articles", "bar-articles")
		for _, e := range st.Events {
			for range e.Articles {
				articles.add(e.Date)
			}
		}
		d.Chart = attentionChart(articles)
	}
	s.render(w, r, "story.html", title, d, err)
}

// storyEvents looks up the headlines every event lists, in one read.
func (s *Server) storyEvents(ctx context.Context, events []storyline.Event) ([]storyEvent, error) {
	var ids []string
	for _, e := range events {
		ids = append(ids, e.Articles[:min(len(e.Articles), eventArticles)]...)
	}
	hs, err := s.store.Headlines(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[string]storyline.SearchHit{}
	for _, h := range hs {
		byID[h.ID] = h
	}
	out := make([]storyEvent, len(events))
	for i, e := range events {
		shown := e.Articles[:min(len(e.Articles), eventArticles)]
		out[i] = storyEvent{Event: e, Headlines: corpus.InOrder(shown, byID), More: len(e.Articles) - len(shown)}
	}
	return out, nil
}

func (s *Server) pageShifts(w http.ResponseWriter, r *http.Request) {
	shifts, err := s.store.Shifts(r.Context(), params{r}.str("speaker"))
	s.render(w, r, "shifts.html", "Position shifts", shifts, err)
}
