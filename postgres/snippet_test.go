package postgres

import (
	"strings"
	"testing"
)

func TestSnippetMarksTheBestStretch(t *testing.T) {
	filler := strings.Repeat("nothing to see here today. ", 20)
	body := filler + "The naval base at Tartus stays, the minister said of the bases. " + filler
	got := snippet(body, queryTerms(`naval bases -tartus`))
	for _, want := range []string{"[naval]", "[base]", "[bases].", "… ", " …"} {
		if !strings.Contains(got, want) {
			t.Errorf("snippet %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "[Tartus]") || len(strings.Fields(got)) > snippetWords+2 {
		t.Errorf("snippet %q marks a negated word or runs long", got)
	}
	if got := snippet("Ünïcode "+strings.Repeat("é", 300), nil); len(got) > 240 || !strings.HasPrefix(got, "Ünïcode") {
		t.Errorf("snippet without terms: %q", got)
	}
}
