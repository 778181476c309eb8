package export

import (
	"context"
	"encoding/json"
	"io"

	"github.com/storyline-news/storyline"
)

// ftmEntity is one FollowTheMoney entity as Aleph's and OpenSanctions'
// tools read them: an id, a schema name and multi-valued properties.
type ftmEntity struct {
	ID         string              `json:"id"`
	Schema     string              `json:"schema"`
	Properties map[string][]string `json:"properties"`
}

// ftmSchema maps our entity types to FollowTheMoney schemata; places have
// no fitting thing-schema and are exported as mentions only.
var ftmSchema = map[string]string{
	storyline.EntityPerson:       "Person",
	storyline.EntityOrganization: "Organization",
	storyline.EntityGroup:        "Organization",
	storyline.EntityOther:        "LegalEntity",
	storyline.EntityPlace:        "",
}

// FollowTheMoney writes entities as FtM JSON lines: an Article per source
// article, a Person or Organization per entity with its aliases and the
// articles that prove it as "proof", and a Mention per entity and article
// linking the two, so investigators can load storyline's findings in Aleph.
func FollowTheMoney(ctx context.Context, w io.Writer, st storyline.Store) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	articles := map[string]bool{}
	err := st.EachArticle(ctx, func(a *storyline.Article) error {
		articles[a.ID] = true
		return enc.Encode(ftmArticle(a))
	})
	if err != nil {
		return err
	}
	return EachEntity(ctx, st, storyline.EntityFilter{}, func(e storyline.EntityRecord) error {
		schema := ftmSchema[e.Type]
		if schema != "" {
			props := map[string][]string{"name": {e.Name}}
			if len(e.Aliases) > 0 {
				props["alias"] = e.Aliases
			}
			if len(e.Roles) > 0 {
				props["position"] = e.Roles
			}
			for _, id := range e.Articles {
				if articles[id] {
					props["proof"] = append(props["proof"], ftmID("article", id))
				}
			}
			if err := enc.Encode(ftmEntity{ID: ftmID("entity", e.ID), Schema: schema, Properties: props}); err != nil {
				return err
			}
		}
		for _, id := range e.Articles {
			if !articles[id] {
				continue
			}
			m := ftmEntity{ID: ftmID("mention", e.ID+"-"+id), Schema: "Mention", Properties: map[string][]string{
				"document": {ftmID("article", id)}, "name": append([]string{e.Name}, e.Aliases...),
				"detectedSchema": {orDefault(schema, "Address")}}}
			if schema != "" {
				m.Properties["resolved"] = []string{ftmID("entity", e.ID)}
			}
			if err := enc.Encode(m); err != nil {
				return err
			}
		}
		return nil
	})
}

func ftmArticle(a *storyline.Article) ftmEntity {
	props := map[string][]string{"title": {orDefault(a.Title, a.ID)}, "bodyText": {a.Body}}
	if a.Outlet != "" {
		props["publisher"] = []string{a.Outlet}
	}
	if a.Byline != "" {
		props["author"] = []string{a.Byline}
	}
	if a.Published.Date != "" {
		props["publishedAt"] = []string{a.Published.Date}
	}
	if a.URL != "" {
		props["sourceUrl"] = []string{a.URL}
	}
	return ftmEntity{ID: ftmID("article", a.ID), Schema: "Article", Properties: props}
}

func ftmID(kind, id string) string { return "storyline-" + kind + "-" + id }

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
