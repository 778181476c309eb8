// Package http serves storyline over HTTP: a JSON API mirroring the CLI in
// the contract's shapes, and server-rendered pages for people. Article text
// is hostile, so every page is rendered through html/template and sent with
// a strict Content-Security-Policy that allows no inline script.
package http

import (
	"cmp"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

//go:embed openapi.json
var openAPI []byte

// Options configure a Server.
type Options struct {
	// ReadOnly refuses every request that would change the store.
	ReadOnly bool
	// Token, when set, is required on every request: as a Bearer token, a
	// "token" query parameter (which also sets a cookie for the pages), or
	// that cookie. It lets a user share a server beyond loopback.
	Token  string
	Logger *slog.Logger
	// CacheBytes bounds the rendered responses kept between writes to a
	// store that tells its generation (0: 64 MiB; negative: keep none).
	CacheBytes int
}

// Server is the HTTP face of a store.
type Server struct {
	store storyline.Store
	opts  Options
	pages *template.Template
	mux   *http.ServeMux
	gens  Generational   // nil: nothing is kept
	cache *responseCache // of responses rendered in the current generation
}

// NewServer builds a server over st.
func NewServer(st storyline.Store, opts Options) (*Server, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	pages, err := template.New("").Funcs(templateFuncs).ParseFS(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("parsing page templates: %w", err)
	}
	s := &Server{store: st, opts: opts, pages: pages, mux: http.NewServeMux()}
	if g, ok := st.(Generational); ok && opts.CacheBytes >= 0 {
		s.gens, s.cache = g, newResponseCache(cmp.Or(opts.CacheBytes, defaultCacheBytes))
	}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	static, _ := fs.Sub(staticFS, "static")
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	s.mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openAPI)
	})
	s.apiRoutes()
	s.pageRoutes()
}

// ServeHTTP applies the security headers and the token check to every
// request, then routes it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	if !s.authorised(w, r) {
		writeError(w, http.StatusUnauthorized, "a valid token is required")
		return
	}
	if s.opts.ReadOnly && r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeError(w, http.StatusForbidden, "this server is read-only")
		return
	}
	if s.gens != nil && cacheable(r) {
		s.serveCached(w, r, s.gens)
	} else {
		s.mux.ServeHTTP(w, r)
	}
	s.opts.Logger.Debug("request", "method", r.Method, "path", r.URL.Path, "took", time.Since(start))
}

func (s *Server) authorised(w http.ResponseWriter, r *http.Request) bool {
	if s.opts.Token == "" {
		return true
	}
	given := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if q := r.URL.Query().Get("token"); q != "" {
		given = q
		http.SetCookie(w, &http.Cookie{Name: "storyline_token", Value: q, Path: "/", HttpOnly: true,
			SameSite: http.SameSiteStrictMode})
	} else if c, err := r.Cookie("storyline_token"); err == nil && given == "" {
		given = c.Value
	}
	return subtle.ConstantTimeCompare([]byte(given), []byte(s.opts.Token)) == 1
}

// apiError is an error with the HTTP status it deserves.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &apiError{status: http.StatusBadRequest, msg: fmt.Sprintf(format, args...)}
}

// statusOf maps an error to its status and the message a client may see.
func statusOf(err error) (int, string) {
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		return ae.status, ae.msg
	case errors.Is(err, storyline.ErrNotFound):
		return http.StatusNotFound, "not found"
	}
	return http.StatusInternalServerError, "internal error"
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// params reads and validates the query parameters every list shares.
type params struct {
	r *http.Request
}

func (p params) str(name string) string { return strings.TrimSpace(p.r.URL.Query().Get(name)) }

func (p params) date(name string) (string, error) {
	v := p.str(name)
	if v == "" {
		return "", nil
	}
	if _, err := time.Parse("2006-01-02", v); err != nil {
		return "", badRequest("%s=%q is not a date (YYYY-MM-DD)", name, v)
	}
	return v, nil
}

// count reads a non-negative number, def when absent.
func (p params) count(name string, def int) (int, error) {
	v := p.str(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, badRequest("%s=%q must be a number of 0 or more", name, v)
	}
	return n, nil
}

func (p params) paging(defLimit int) (limit, offset int, err error) {
	limit, offset = defLimit, 0
	if v := p.str("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 1000 {
			return 0, 0, badRequest("limit=%q must be a number from 1 to 1000", v)
		}
	}
	if v := p.str("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, badRequest("offset=%q must be a number of 0 or more", v)
		}
	}
	return limit, offset, nil
}
