// Package corpus turns the per-article rows a store keeps into the
// corpus-level views users ask for: entities merged across articles,
// storylines assembled from their events, with the user's merge and split
// decisions applied at read time. Both stores share it, so SQLite and
// PostgreSQL answer the same.
package corpus

import (
	"fmt"
	"math/bits"
	"sort"
	"strings"
	"time"

	"github.com/storyline-news/storyline"
)

// EntityForm is one stored surface form of an entity in one article.
type EntityForm struct {
	ID, Article, Form, Name, Type string
	Roles                         []string
	Mentions                      int
}

// Entities merges forms into entities, most covered first: a form the user
// split off becomes its own entity, then merges are applied.
func Entities(rows []EntityForm, decisions []storyline.Decision) []storyline.EntityRecord {
	splits := map[[2]string]bool{}
	for _, d := range decisions {
		if d.Kind == storyline.DecisionSplitEntity {
			splits[[2]string{d.Subject, d.Object}] = true
		}
	}
	merges := storyline.Merges(decisions, storyline.DecisionMergeEntities)
	type acc struct {
		rec      storyline.EntityRecord
		names    map[string]int
		aliases  map[string]bool
		roles    map[string]bool
		articles map[string]bool
	}
	byID := map[string]*acc{}
	var order []string
	for _, r := range rows {
		id, name := storyline.Canonical(merges, r.ID), r.Name
		if splits[[2]string{r.ID, r.Form}] || splits[[2]string{id, r.Form}] {
			id, name = storyline.SplitID(id, r.Form), r.Form
		}
		a := byID[id]
		if a == nil {
			a = &acc{rec: storyline.EntityRecord{Entity: storyline.Entity{ID: id, Type: r.Type}},
				names: map[string]int{}, aliases: map[string]bool{}, roles: map[string]bool{}, articles: map[string]bool{}}
			byID[id] = a
			order = append(order, id)
		}
		a.names[name] += r.Mentions + 1
		a.aliases[r.Form] = true
		a.aliases[name] = true
		for _, role := range r.Roles {
			a.roles[role] = true
		}
		if !a.articles[r.Article] {
			a.articles[r.Article] = true
			a.rec.Articles = append(a.rec.Articles, r.Article)
		}
	}
	out := make([]storyline.EntityRecord, 0, len(order))
	for _, id := range order {
		a := byID[id]
		a.rec.Name = mostFrequent(a.names)
		a.rec.Aliases = sortedSet(a.aliases)
		a.rec.Roles = sortedSet(a.roles)
		a.rec.ArticleCount = len(a.rec.Articles)
		out = append(out, a.rec)
	}
	SortEntities(out)
	return out
}

// SortEntities orders entities most covered first, then by name and id,
// the order every listing of entities keeps.
func SortEntities(es []storyline.EntityRecord) {
	sort.Slice(es, func(i, j int) bool { return EntityBefore(es[i], es[j]) })
}

// EntityBefore reports whether a is listed before b.
func EntityBefore(a, b storyline.EntityRecord) bool {
	if a.ArticleCount != b.ArticleCount {
		return a.ArticleCount > b.ArticleCount
	}
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.ID < b.ID
}

// SelectEntities applies a filter to entities already merged (see
// Entities): the id, type and query, then the page, then the cap on
// article ids. It returns the page and the number of entities matching.
func SelectEntities(all []storyline.EntityRecord, decisions []storyline.Decision, f storyline.EntityFilter) ([]storyline.EntityRecord, int) {
	if f.ID != "" {
		e, err := FindEntity(all, decisions, f.ID)
		if err != nil {
			return nil, 0
		}
		all = []storyline.EntityRecord{*e}
	}
	out := FilterEntities(all, f.Query, f.Type)
	page := Page(out, f.Limit, f.Offset)
	if f.MaxArticles > 0 {
		capped := make([]storyline.EntityRecord, len(page))
		for i, e := range page {
			e.Articles = e.Articles[:min(len(e.Articles), f.MaxArticles)]
			capped[i] = e
		}
		page = capped
	}
	return page, len(out)
}

func mostFrequent(counts map[string]int) string {
	best, bestN := "", -1
	for s, n := range counts {
		if n > bestN || (n == bestN && s < best) {
			best, bestN = s, n
		}
	}
	return best
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// Storylines groups events into their storylines after the user's
// decisions, the most recently active first: an event split off a
// storyline gets one of its own.
func Storylines(meta map[string]storyline.Storyline, events []storyline.Event, decisions []storyline.Decision) []storyline.Storyline {
	merges := storyline.Merges(decisions, storyline.DecisionMergeStorylines)
	splits := map[[2]string]bool{}
	for _, d := range decisions {
		if d.Kind == storyline.DecisionSplitStoryline {
			splits[[2]string{d.Subject, d.Object}] = true
		}
	}
	byID := map[string]*storyline.Storyline{}
	var order []string
	for _, e := range events {
		sid := e.Storyline
		if splits[[2]string{sid, e.ID}] {
			sid = storyline.SplitID(sid, e.ID)
		}
		sid = storyline.Canonical(merges, sid)
		s := byID[sid]
		if s == nil {
			m := meta[sid]
			s = &storyline.Storyline{ID: sid, Title: m.Title, Entities: m.Entities}
			if s.Title == "" {
				s.Title = e.Title
			}
			byID[sid] = s
			order = append(order, sid)
		}
		e.Storyline = sid
		s.Events = append(s.Events, e)
		s.Articles = append(s.Articles, e.Articles...)
	}
	out := make([]storyline.Storyline, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	sort.SliceStable(out, func(i, j int) bool {
		li, lj := lastDate(out[i]), lastDate(out[j])
		if li != lj {
			return li > lj
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func lastDate(s storyline.Storyline) string {
	last := ""
	for _, e := range s.Events {
		last = max(last, e.Date)
	}
	return last
}

// Bands splits a SimHash into eight 8-bit values. By the pigeonhole
// principle two hashes within 7 differing bits agree on at least one band,
// so near-duplicate candidates are found by index, not by scanning. Beyond
// that the index still finds most pairs (for bits spread at random: 99.6% at
// 8 bits, 95.6% at 10, 85.7% at 12); narrower bands would guarantee more but
// return a 32nd of a large corpus as candidates for every new article.
func Bands(h uint64) [8]int32 {
	var b [8]int32
	for i := range b {
		b[i] = int32(uint8(h >> (8 * i)))
	}
	return b
}

// LikePattern matches text anywhere, with LIKE's own marks escaped.
func LikePattern(s string) string {
	s = strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.ToLower(strings.TrimSpace(s)))
	return "%" + s + "%"
}

// Forms lists an article's entities by surface form, counting the mentions
// written each way, so a user can later split one form off an entity.
func Forms(a *storyline.Article) []EntityForm {
	var out []EntityForm
	for _, e := range a.Entities {
		forms := map[string]int{}
		for _, m := range e.Mentions {
			forms[m.Text]++
		}
		for _, alias := range e.Aliases {
			if _, ok := forms[alias]; !ok {
				forms[alias] = 0
			}
		}
		if len(forms) == 0 {
			forms[e.Name] = 0
		}
		roles := e.Roles
		if roles == nil {
			roles = []string{}
		}
		for _, form := range sortedSet(keys(forms)) {
			out = append(out, EntityForm{ID: e.ID, Article: a.ID, Form: form, Name: e.Name, Type: e.Type,
				Roles: roles, Mentions: forms[form]})
		}
	}
	return out
}

func keys(m map[string]int) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// ExpandIDs widens the entity ids a name matched to every id merged with
// them, both ways, so a merged entity answers to either name. The query
// itself is kept: it may be an id no form matched.
func ExpandIDs(query string, ids []string, decisions []storyline.Decision) []string {
	merges := storyline.Merges(decisions, storyline.DecisionMergeEntities)
	seen := map[string]bool{query: true}
	out := []string{query}
	for _, id := range append(ids, query) {
		for _, m := range storyline.MergedFrom(merges, storyline.Canonical(merges, id)) {
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
		}
	}
	return out
}

// FilterEntities keeps the entities of a type (any if empty) whose id,
// name or an alias contains query (case-insensitive).
func FilterEntities(all []storyline.EntityRecord, query, typ string) []storyline.EntityRecord {
	q := strings.ToLower(strings.TrimSpace(query))
	var out []storyline.EntityRecord
	for _, e := range all {
		if (typ == "" || e.Type == typ) && matchesEntity(e, q) {
			out = append(out, e)
		}
	}
	return out
}

func matchesEntity(e storyline.EntityRecord, q string) bool {
	if q == "" || strings.ToLower(e.ID) == q || strings.Contains(strings.ToLower(e.Name), q) {
		return true
	}
	for _, a := range e.Aliases {
		if strings.Contains(strings.ToLower(a), q) {
			return true
		}
	}
	return false
}

// FindEntity finds an entity by id, following merges from a merged-away id.
func FindEntity(all []storyline.EntityRecord, decisions []storyline.Decision, id string) (*storyline.EntityRecord, error) {
	id = storyline.Canonical(storyline.Merges(decisions, storyline.DecisionMergeEntities), id)
	for i := range all {
		if all[i].ID == id {
			return &all[i], nil
		}
	}
	return nil, fmt.Errorf("entity %s: %w", id, storyline.ErrNotFound)
}

// Page cuts a page out of a list: limit 0 or less means everything.
func Page[T any](all []T, limit, offset int) []T {
	total := len(all)
	if limit <= 0 {
		limit = total
	}
	start := min(max(offset, 0), total)
	return all[start:min(start+limit, total)]
}

// FindStoryline finds a storyline by id.
func FindStoryline(all []storyline.Storyline, id string) (*storyline.Storyline, error) {
	for i := range all {
		if all[i].ID == id {
			return &all[i], nil
		}
	}
	return nil, fmt.Errorf("storyline %s: %w", id, storyline.ErrNotFound)
}

// StoredIDs lists the ids whose stored rows can make up entity id: itself,
// the ids merged with it, and, for an entity split off another, the
// entity it was split from.
func StoredIDs(id string, decisions []storyline.Decision) []string {
	ids := ExpandIDs(id, nil, decisions)
	if base, ok := SplitFrom(id); ok {
		ids = append(ids, ExpandIDs(base, nil, decisions)...)
	}
	return ids
}

// SplitFrom gives the entity an id made by storyline.SplitID was split off.
func SplitFrom(id string) (string, bool) {
	base, _, ok := strings.Cut(id, "~")
	return base, ok
}

// Rows is what the result sets of both database drivers offer.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// FirstNear reads near-duplicate candidates (id, simhash, seq) in ingest
// order and returns the first whose SimHash is within maxDistance bits.
func FirstNear(rows Rows, simhash uint64, maxDistance int) (string, error) {
	for rows.Next() {
		var id string
		var h, seq int64
		if err := rows.Scan(&id, &h, &seq); err != nil {
			return "", err
		}
		if bits.OnesCount64(uint64(h)^simhash) <= maxDistance {
			return id, nil
		}
	}
	return "", rows.Err()
}

// WeekOf gives the Monday starting the week of day (YYYY-MM-DD, perhaps
// followed by a time), the unit of the attention charts.
func WeekOf(day string) (string, bool) {
	if len(day) < 10 {
		return "", false
	}
	t, err := time.Parse("2006-01-02", day[:10])
	if err != nil {
		return "", false
	}
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)).Format("2006-01-02"), true
}

// Weeks adds up counts per day into counts per week, oldest first.
func Weeks(articlesPerDay, quotesPerDay map[string]int) []storyline.WeekCount {
	byWeek := map[string]*storyline.WeekCount{}
	add := func(day string, articles, quotes int) {
		w, ok := WeekOf(day)
		if !ok {
			return
		}
		if byWeek[w] == nil {
			byWeek[w] = &storyline.WeekCount{Week: w}
		}
		byWeek[w].Articles += articles
		byWeek[w].Quotes += quotes
	}
	for day, n := range articlesPerDay {
		add(day, n, 0)
	}
	for day, n := range quotesPerDay {
		add(day, 0, n)
	}
	out := make([]storyline.WeekCount, 0, len(byWeek))
	for _, w := range byWeek {
		out = append(out, *w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Week < out[j].Week })
	return out
}

// InOrder lists the values of keys found in byKey, in the order of keys.
func InOrder[V any](keys []string, byKey map[string]V) []V {
	out := make([]V, 0, len(keys))
	for _, k := range keys {
		if v, ok := byKey[k]; ok {
			out = append(out, v)
		}
	}
	return out
}
