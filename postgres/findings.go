package postgres

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/corpus"
)

// queueFindings queues what an original article holds (SimHash bands,
// quotes, entity forms and names, dated events) as one statement per
// table, the rows passed as arrays: the server pays its fixed cost per
// statement five times per article instead of forty. Rows listed in
// ingest order read the article's number back from its row.
func queueFindings(batch *pgx.Batch, a *storyline.Article) {
	queueBands(batch, a)
	queueQuotes(batch, a)
	queueEntities(batch, a)
	queueEvents(batch, a)
}

func queueBands(batch *pgx.Batch, a *storyline.Article) {
	b := corpus.Bands(a.SimHash)
	batch.Queue(`INSERT INTO simhash_bands (article_id, band, value, simhash, seq)
		SELECT $1, t.band - 1, t.value, $3, a.seq FROM articles a, unnest($2::int[]) WITH ORDINALITY AS t(value, band)
		WHERE a.id = $1`, a.ID, b[:], int64(a.SimHash))
}

// queueQuotes stores quotes with their day (the day said, else the
// article's) and the article's ingest order, the keys they are listed by.
func queueQuotes(batch *pgx.Batch, a *storyline.Article) {
	if len(a.Quotes) == 0 {
		return
	}
	n := len(a.Quotes)
	idx, start, end := make([]int, n), make([]int, n), make([]int, n)
	kind, text, entity, name, mention := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	cue, medium, said, doc, day := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, q := range a.Quotes {
		d, _ := json.Marshal(q)
		idx[i], kind[i], text[i], start[i], end[i] = i, q.Kind, q.Text, q.Start, q.End
		entity[i], name[i], mention[i] = q.Speaker.Entity, q.Speaker.Name, q.Speaker.Mention
		cue[i], medium[i], said[i], doc[i], day[i] = q.Cue, q.Medium, q.Date, string(d), q.Date
		if day[i] == "" {
			day[i] = a.Published.Date
		}
	}
	batch.Queue(`INSERT INTO quotes (article_id, idx, kind, text, start_off, end_off, speaker_entity,
		speaker_name, speaker_mention, cue, medium, said, doc, day, seq)
		SELECT $1, t.idx, t.kind, t.text, t.s, t.e, t.entity, t.name, t.mention, t.cue, t.medium, t.said, t.doc::jsonb, t.day, a.seq
		FROM articles a, unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[],
			$10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
			AS t(idx, kind, text, s, e, entity, name, mention, cue, medium, said, doc, day)
		WHERE a.id = $1`,
		a.ID, idx, kind, text, start, end, entity, name, mention, cue, medium, said, doc, day)
}

// queueEntities stores one row per entity and surface form, and adds the
// names and forms not known yet to entity_names. Known ones are skipped
// before the insert is tried: an insert of a row another worker has just
// inserted would wait for that worker's transaction to end.
func queueEntities(batch *pgx.Batch, a *storyline.Article) {
	forms := corpus.Forms(a)
	if len(forms) == 0 {
		return
	}
	var ids, formText, names, types, roles []string
	var mentions []int
	seen := map[[2]string]bool{}
	var pairs [][2]string // (entity, name), each once
	for _, f := range forms {
		r, _ := json.Marshal(nonNil(f.Roles))
		ids, formText, names, types, roles = append(ids, f.ID), append(formText, f.Form), append(names, f.Name), append(types, f.Type), append(roles, string(r))
		mentions = append(mentions, f.Mentions)
		for _, name := range []string{f.Form, f.Name} {
			if k := [2]string{f.ID, name}; !seen[k] {
				seen[k] = true
				pairs = append(pairs, k)
			}
		}
	}
	// Other workers' articles add the same names to entity_names: inserted
	// in the order each article names them, two transactions can each hold
	// a name the other waits for, and deadlock; in one order for all, they
	// cannot.
	slices.SortFunc(pairs, func(a, b [2]string) int {
		return cmp.Or(strings.Compare(a[0], b[0]), strings.Compare(a[1], b[1]))
	})
	nameIDs, nameText := make([]string, len(pairs)), make([]string, len(pairs))
	for i, p := range pairs {
		nameIDs[i], nameText[i] = p[0], p[1]
	}
	batch.Queue(`INSERT INTO entity_forms (entity_id, article_id, form, name, type, roles, mentions)
		SELECT t.id, $1, t.form, t.name, t.type, ARRAY(SELECT jsonb_array_elements_text(t.roles::jsonb)), t.mentions
		FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[]) AS t(id, form, name, type, roles, mentions)
		ON CONFLICT DO NOTHING`, a.ID, ids, formText, names, types, roles, mentions)
	// The lateral probe keeps the check on the primary key: as an anti
	// join the planner may hash the whole table for each article.
	batch.Queue(`INSERT INTO entity_names (entity_id, name)
		SELECT t.entity_id, t.name FROM unnest($1::text[], $2::text[]) AS t(entity_id, name)
		LEFT JOIN LATERAL (SELECT true AS known FROM entity_names n WHERE n.entity_id = t.entity_id AND n.name = t.name LIMIT 1) k ON true
		WHERE k.known IS NULL
		ON CONFLICT DO NOTHING`, nameIDs, nameText)
}

func queueEvents(batch *pgx.Batch, a *storyline.Article) {
	if len(a.Events) == 0 {
		return
	}
	n := len(a.Events)
	idx, start, end := make([]int, n), make([]int, n), make([]int, n)
	date, gran, text := make([]string, n), make([]string, n), make([]string, n)
	for i, e := range a.Events {
		idx[i], date[i], gran[i], text[i], start[i], end[i] = i, e.Date, e.Granularity, e.Text, e.Start, e.End
	}
	batch.Queue(`INSERT INTO dated_events (article_id, idx, date, granularity, text, start_off, end_off)
		SELECT $1, t.* FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[])
			AS t(idx, date, granularity, text, s, e)`, a.ID, idx, date, gran, text, start, end)
}
