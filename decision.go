package storyline

// Merges maps every id merged away by decisions of the given kind to the id
// it now belongs to, following chains (a into b, b into c: a maps to c) and
// ignoring cycles. Stores apply it at query time, so decisions survive
// re-ingest and can be taken back.
func Merges(decisions []Decision, kind string) map[string]string {
	into := map[string]string{}
	for _, d := range decisions {
		if d.Kind == kind && d.Subject != d.Object {
			into[d.Subject] = d.Object
		}
	}
	resolved := make(map[string]string, len(into))
	for from := range into {
		to, seen := from, map[string]bool{from: true}
		for next, ok := into[to]; ok && !seen[next]; next, ok = into[to] {
			seen[next] = true
			to = next
		}
		if to != from {
			resolved[from] = to
		}
	}
	return resolved
}

// Canonical gives the id an entity or storyline answers to after merges.
func Canonical(merges map[string]string, id string) string {
	if to, ok := merges[id]; ok {
		return to
	}
	return id
}

// MergedFrom lists id and every id merged into it.
func MergedFrom(merges map[string]string, id string) []string {
	out := []string{id}
	for from, to := range merges {
		if to == id {
			out = append(out, from)
		}
	}
	return out
}

// SplitID is the id of the entity made when a user splits alias off
// entity: stable, so the split survives re-ingest.
func SplitID(entity, alias string) string {
	return entity + "~" + alias
}
