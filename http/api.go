package http

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/storyline-news/storyline"
)

// apiHandler is a JSON endpoint: it returns the value to send or an error.
type apiHandler func(r *http.Request) (any, error)

func (s *Server) api(pattern string, h apiHandler) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		v, err := h(r)
		if err != nil {
			status, msg := statusOf(err)
			if status == http.StatusInternalServerError {
				s.opts.Logger.Error("api", "path", r.URL.Path, "err", err)
			}
			writeError(w, status, msg)
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
}

func (s *Server) apiRoutes() {
	s.api("GET /api/search", s.apiSearch)
	s.api("GET /api/articles/{id}", func(r *http.Request) (any, error) {
		return s.store.Article(r.Context(), r.PathValue("id"))
	})
	s.mux.HandleFunc("GET /api/articles/{id}/raw", s.apiRaw)
	s.api("GET /api/quotes", s.apiQuotes)
	s.api("GET /api/entities", s.apiEntities)
	s.api("GET /api/entities/{id}", s.apiEntity)
	s.api("GET /api/attention", func(r *http.Request) (any, error) {
		weeks, err := s.store.Attention(r.Context(), params{r}.str("entity"))
		return map[string]any{"schema": storyline.Schema, "total": len(weeks), "weeks": orEmpty(weeks)}, err
	})
	s.api("GET /api/stories", s.apiStories)
	s.api("GET /api/stories/{id}", func(r *http.Request) (any, error) {
		st, err := s.store.Storyline(r.Context(), r.PathValue("id"))
		if err != nil {
			return nil, err
		}
		return map[string]any{"schema": storyline.Schema, "storyline": st}, nil
	})
	s.api("GET /api/shifts", func(r *http.Request) (any, error) {
		shifts, err := s.store.Shifts(r.Context(), params{r}.str("speaker"))
		return map[string]any{"schema": storyline.Schema, "total": len(shifts), "shifts": orEmpty(shifts)}, err
	})
	s.api("GET /api/timeline", s.apiTimeline)
	s.api("GET /api/stats", func(r *http.Request) (any, error) {
		st, err := s.store.Stats(r.Context())
		st.Schema = storyline.Schema
		return st, err
	})
	s.api("POST /api/decisions", s.apiDecide)
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
	})
}

func (s *Server) apiSearch(r *http.Request) (any, error) {
	q, err := searchQuery(r)
	if err != nil {
		return nil, err
	}
	res, err := s.store.Search(r.Context(), q)
	if err != nil {
		return nil, err
	}
	return map[string]any{"schema": storyline.Schema, "total": res.Total, "results": orEmpty(res.Results)}, nil
}

func searchQuery(r *http.Request) (storyline.SearchQuery, error) {
	p := params{r}
	q := storyline.SearchQuery{Text: p.str("q"), Outlet: p.str("outlet"), Speaker: p.str("speaker"), Entity: p.str("entity")}
	var err error
	if q.From, err = p.date("from"); err != nil {
		return q, err
	}
	if q.To, err = p.date("to"); err != nil {
		return q, err
	}
	q.Limit, q.Offset, err = p.paging(20)
	return q, err
}

func (s *Server) apiRaw(w http.ResponseWriter, r *http.Request) {
	raw, err := s.store.Raw(r.Context(), r.PathValue("id"))
	if err != nil {
		status, msg := statusOf(err)
		writeError(w, status, msg)
		return
	}
	// Served as an attachment in plain text, never rendered: it is hostile.
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Disposition", "attachment; filename=\""+safeFilename(r.PathValue("id"))+".raw\"")
	_, _ = w.Write(raw)
}

func quoteFilter(r *http.Request) (storyline.QuoteFilter, error) {
	p := params{r}
	f := storyline.QuoteFilter{Speaker: p.str("speaker"), Query: p.str("q"), Article: p.str("article")}
	var err error
	if f.From, err = p.date("from"); err != nil {
		return f, err
	}
	if f.To, err = p.date("to"); err != nil {
		return f, err
	}
	f.Limit, f.Offset, err = p.paging(50)
	return f, err
}

func (s *Server) apiQuotes(r *http.Request) (any, error) {
	f, err := quoteFilter(r)
	if err != nil {
		return nil, err
	}
	qs, total, err := s.store.Quotes(r.Context(), f)
	return map[string]any{"schema": storyline.Schema, "total": total, "quotes": orEmpty(qs)}, err
}

// listedArticles is how many article ids an entity in a list carries
// unless ?articles= says otherwise: article_count always counts them all.
const listedArticles = 20

func (s *Server) apiEntities(r *http.Request) (any, error) {
	p := params{r}
	f := storyline.EntityFilter{Query: p.str("q"), Type: p.str("type")}
	var err error
	if f.Limit, f.Offset, err = p.paging(50); err != nil {
		return nil, err
	}
	if f.MaxArticles, err = p.count("articles", listedArticles); err != nil {
		return nil, err
	}
	es, total, err := s.store.Entities(r.Context(), f)
	return map[string]any{"schema": storyline.Schema, "total": total, "entities": orEmpty(es)}, err
}

// apiEntity returns one entity with every article id, or the first
// ?articles= of them.
func (s *Server) apiEntity(r *http.Request) (any, error) {
	limit, err := params{r}.count("articles", 0)
	if err != nil {
		return nil, err
	}
	es, _, err := s.store.Entities(r.Context(), storyline.EntityFilter{ID: r.PathValue("id"), Limit: 1, MaxArticles: limit})
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, storyline.ErrNotFound
	}
	return es[0], nil
}

func (s *Server) apiStories(r *http.Request) (any, error) {
	limit, offset, err := params{r}.paging(50)
	if err != nil {
		return nil, err
	}
	ss, total, err := s.store.Storylines(r.Context(), limit, offset)
	return map[string]any{"schema": storyline.Schema, "total": total, "storylines": orEmpty(ss)}, err
}

func timelineFilter(r *http.Request) (storyline.TimelineFilter, error) {
	p := params{r}
	f := storyline.TimelineFilter{Entity: p.str("entity"), Query: p.str("q")}
	var err error
	if f.From, err = p.date("from"); err != nil {
		return f, err
	}
	if f.To, err = p.date("to"); err != nil {
		return f, err
	}
	f.Limit, f.Offset, err = p.paging(100)
	return f, err
}

func (s *Server) apiTimeline(r *http.Request) (any, error) {
	f, err := timelineFilter(r)
	if err != nil {
		return nil, err
	}
	entries, total, err := s.store.Timeline(r.Context(), f)
	return map[string]any{"schema": storyline.Schema, "total": total, "timeline": orEmpty(entries)}, err
}

// apiDecide records a user's merge or split of entities or storylines.
func (s *Server) apiDecide(r *http.Request) (any, error) {
	var d storyline.Decision
	if err := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<16)).Decode(&d); err != nil {
		return nil, badRequest("body must be a JSON decision: %v", err)
	}
	switch d.Kind {
	case storyline.DecisionMergeEntities, storyline.DecisionSplitEntity,
		storyline.DecisionMergeStorylines, storyline.DecisionSplitStoryline:
	default:
		return nil, badRequest("unknown decision kind %q", d.Kind)
	}
	if d.Subject == "" || d.Object == "" {
		return nil, badRequest("a decision needs a subject and an object")
	}
	d.Created = time.Now().UTC()
	if err := s.store.SaveDecision(r.Context(), d); err != nil {
		return nil, err
	}
	return map[string]any{"schema": storyline.Schema, "decision": d}, nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func safeFilename(s string) string {
	out := []rune{}
	for _, r := range s {
		if r == '-' || r == '_' || r == '.' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') {
			out = append(out, r)
		}
	}
	return string(out)
}
