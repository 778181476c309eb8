package entity

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/storyline-news/storyline"
	"github.com/storyline-news/storyline/internal/shared"
)

func annotate(t *testing.T, body string) []storyline.Entity {
	t.Helper()
	r, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := &storyline.Article{Body: body}
	if err := r.Annotate(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	for _, e := range a.Entities {
		for _, m := range e.Mentions {
			if body[m.Start:m.End] != m.Text {
				t.Fatalf("mention offsets wrong: %+v", m)
			}
		}
	}
	return a.Entities
}

func find(ents []storyline.Entity, name string) *storyline.Entity {
	for i := range ents {
		if ents[i].Name == name {
			return &ents[i]
		}
	}
	return nil
}

func TestFailureModes(t *testing.T) {
	ents := annotate(t, "WASHINGTON — Senator Elizabeth Warren said Treasury Secretary Janet Yellen spoke at Georgetown University. Warren agreed.")
	if e := find(ents, "Elizabeth Warren"); e == nil || e.Type != "person" || e.Roles[0] != "Senator" || len(e.Mentions) != 2 {
		t.Errorf("dateline glued to a titled name: %+v", ents)
	}
	if e := find(ents, "Janet Yellen"); e == nil || e.Roles[0] != "Treasury Secretary" {
		t.Errorf("title kept inside the name: %+v", ents)
	}
	if e := find(ents, "Georgetown University"); e == nil || e.Type != "organization" {
		t.Errorf("Georgetown University: %+v", e)
	}
	if find(ents, "WASHINGTON") != nil {
		t.Errorf("the dateline became an entity")
	}
}

func TestRolesAndAcronyms(t *testing.T) {
	ents := annotate(t, "Hassan Sakr, the head of foreign affairs at the Syrian Social Nationalist Party (SSNP), said the SSNP disagreed. "+
		"Russian Foreign Minister Sergei Lavrov met Prime Minister Netanyahu. Lavrov's aide said the Syrian Democratic Forces (SDF) would attend, and the SDF did.")
	if e := find(ents, "Hassan Sakr"); e == nil || len(e.Roles) == 0 || e.Roles[0] != "head of foreign affairs at the Syrian Social Nationalist Party" {
		t.Errorf("appositive role: %+v", e)
	}
	if e := find(ents, "Syrian Social Nationalist Party"); e == nil || len(e.Mentions) != 3 {
		t.Errorf("acronym defined in text: %+v", e)
	}
	if e := find(ents, "Sergei Lavrov"); e == nil || e.Roles[0] != "Russian Foreign Minister" || len(e.Mentions) != 2 {
		t.Errorf("Lavrov: %+v", e)
	}
	if e := find(ents, "Netanyahu"); e == nil || e.Roles[0] != "Prime Minister" || e.Type != "person" {
		t.Errorf("Netanyahu: %+v", e)
	}
	if e := find(ents, "Syrian Democratic Forces"); e == nil || e.Type != "group" || len(e.Mentions) != 3 {
		t.Errorf("SDF: %+v", e)
	}
}

func TestAliasesAcrossSpellings(t *testing.T) {
	same := [][2]string{{"Sergei Lavrov", "Sergey Lavrov"}, {"Khmeimim", "Hmeymim"}, {"Hmeimim", "Khmeimim"},
		{"Tartus", "Tartous"}, {"Ahmad al-Sharaa", "Ahmed al-Sharaa"}, {"al-Sharaa", "Sharaa"}, {"el-Sisi", "al-Sisi"},
		{"Yelena Sorokina", "Elena Sorokina"}, {"Yevgeny Prigozhin", "Evgeny Prigozhin"}}
	for _, p := range same {
		if Key(p[0]) != Key(p[1]) {
			t.Errorf("%q and %q have different keys %q, %q", p[0], p[1], Key(p[0]), Key(p[1]))
		}
	}
	for _, p := range [][2]string{{"Sergei Lavrov", "Sergei Shoigu"}, {"Tartus", "Latakia"}} {
		if Key(p[0]) == Key(p[1]) {
			t.Errorf("%q and %q share a key", p[0], p[1])
		}
	}
	ents := annotate(t, "Daesh fighters attacked. ISIL later retreated, and Islamic State lost ground.")
	if e := find(ents, "Islamic State"); e == nil || e.Type != "group" || len(e.Mentions) != 3 {
		t.Errorf("alias file: %+v", ents)
	}
	if ID("person", "Sergei Lavrov") != ID("person", "Sergey Lavrov") || ID("person", "Sergei Lavrov") == ID("place", "Sergei Lavrov") {
		t.Error("ids not stable across spellings, or not distinct across types")
	}
}

func TestPolNeARNamedSpeakers(t *testing.T) {
	path, err := shared.Path("data/polnear/dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	rep, err := EvaluatePolNeAR(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(rep)
	if float64(rep.Found) < 0.85*float64(rep.Named) {
		t.Errorf("found %d of %d named speakers: under the floor 0.85", rep.Found, rep.Named)
	}
	if p := 1 - ratio(rep.Suspect, rep.People); p < 0.85 {
		t.Errorf("person precision proxy %.3f under the floor 0.85", p)
	}
}

func TestGold(t *testing.T) {
	rep, err := EvaluateGold(context.Background(), "testdata/gold.txt")
	if err != nil {
		t.Fatal(err)
	}
	t.Log(rep)
	p, r := ratio(rep.Exact, rep.System), ratio(rep.Exact, rep.Gold)
	if f := f1(p, r); f < 0.9 {
		t.Errorf("mention F1 %.3f under the floor 0.9", f)
	}
	if a := ratio(rep.RoleRight, rep.Roles); a < 0.85 {
		t.Errorf("role accuracy %.3f under the floor 0.85", a)
	}
	if a := ratio(rep.SameRight, rep.SamePairs); a < 0.9 {
		t.Errorf("alias merge %.3f under the floor 0.9", a)
	}
	if a := ratio(rep.TypeRight, rep.Exact); a < 0.9 {
		t.Errorf("type accuracy %.3f under the floor 0.9", a)
	}
}

func TestDescribes(t *testing.T) {
	lavrov := storyline.Entity{Type: "person", Roles: []string{"Russian Foreign Minister"}}
	for _, d := range []string{"the minister", "Russia's top diplomat", "the Russian politician", "the foreign minister"} {
		if !Describes(lavrov, d) {
			t.Errorf("%q should describe %v", d, lavrov.Roles)
		}
	}
	for _, d := range []string{"the Syrian minister", "the senator", "the spokesman", "the defence minister", ""} {
		if Describes(lavrov, d) {
			t.Errorf("%q should not describe %v", d, lavrov.Roles)
		}
	}
	diplomat := storyline.Entity{Roles: []string{"top diplomat"}}
	if Describes(diplomat, "Russia's top diplomat") || !Describes(diplomat, "the top diplomat") {
		t.Error("a modifier missing from the role must block the match, and only then")
	}
}

func TestBadInputNeverPanics(t *testing.T) {
	for _, body := range []string{"", "(", "A (B", "\xff\xfe Lavrov's", "MOSCOW —", "Al-", "'s", "U.S.", strings.Repeat("Ab ", 5000)} {
		annotate(t, body)
	}
	if _, err := New(Options{AliasFile: "testdata/missing.txt"}); err == nil {
		t.Error("a missing alias file must be an error")
	}
}

func BenchmarkAnnotate(b *testing.B) {
	path, err := shared.Path("data/polnear/dev.jsonl")
	if err != nil {
		b.Skip(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	var bodies []string
	for _, line := range bytes.Split(raw, []byte("\n")) {
		var g struct{ Text string }
		if json.Unmarshal(line, &g) == nil && g.Text != "" {
			bodies = append(bodies, g.Text)
		}
	}
	r, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := &storyline.Article{Body: bodies[i%len(bodies)]}
		if err := r.Annotate(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func TestGazetteerAndWeekdays(t *testing.T) {
	ents := annotate(t, "Governor Chris Christie left New Jersey for Florida Friday. Voters in New Mexico were not asked.")
	for _, place := range []string{"New Jersey", "Florida", "New Mexico"} {
		if e := find(ents, place); e == nil || e.Type != storyline.EntityPlace {
			t.Errorf("%s is not a place: %+v", place, e)
		}
	}
	if e := find(ents, "Florida Friday"); e != nil {
		t.Errorf("a weekday was glued to a name: %+v", e)
	}
}

// Headlines and kickers capitalise every word, and shouting lines every
// letter: their capitals are no evidence of a name, but the names in them
// still count.
func TestHeadlineCapitalsAreNotNames(t *testing.T) {
	body := "Houseguest Who Won’t Leave Takes Over Trump Tower\n\nPOSSIBLE SUSPECT: A VAN DRIVER\n\n" +
		"Follow Michelle Moons on Twitter. The guest, said Donald Trump, stayed a week."
	ents := annotate(t, body)
	for _, e := range ents {
		if e.Type == storyline.EntityPerson && e.Name != "Donald Trump" && e.Name != "Michelle Moons" {
			t.Errorf("a headline or imperative made the person %q", e.Name)
		}
	}
	if e := find(ents, "Michelle Moons"); e == nil || e.Type != storyline.EntityPerson {
		t.Errorf("the name after an imperative was lost: %+v", ents)
	}
	if e := find(ents, "Donald Trump"); e == nil || len(e.Mentions) < 1 {
		t.Errorf("Donald Trump: %+v", e)
	}
}

func TestPossessivesHyphensAndTitlesInsideRuns(t *testing.T) {
	body := "CNN’s Jake Tapper asked Reuters’ Luciana Lopez about Jeb Bush-spent money. " +
		"Maryland Gov. Martin O’Malley and Idaho Republican Sens. Mike Crapo met Mr. Tribe at the Federal Reserve. " +
		"The Republican mayor spoke; Scheiderman, a Democrat whose office is in Albany, did not."
	ents := annotate(t, body)
	for name, typ := range map[string]string{"CNN": "organization", "Jake Tapper": "person", "Reuters": "organization",
		"Luciana Lopez": "person", "Jeb Bush": "person", "Martin O’Malley": "person", "Mike Crapo": "person",
		"Tribe": "person", "Federal Reserve": "organization", "Democrat": "group"} {
		if e := find(ents, name); e == nil || e.Type != typ {
			t.Errorf("%s: want a %s, got %+v", name, typ, e)
		}
	}
	if e := find(ents, "Martin O’Malley"); e != nil && (len(e.Roles) == 0 || e.Roles[0] != "Maryland Gov.") {
		t.Errorf("the place before a title belongs to the role: %+v", e)
	}
	if find(ents, "Republican") != nil {
		t.Errorf("a party adjective became an entity: %+v", ents)
	}
}

// One sense per article: a bare surname that speaks once is a person
// everywhere, and links to the full name wherever that appears.
func TestOneSensePerArticle(t *testing.T) {
	body := "It is strange that Trump would denounce the plan. Trump told Newsmax he was right. " +
		"Months later Donald Trump repeated it, and in August Trump said it again. Theresa May did not comment."
	ents := annotate(t, body)
	e := find(ents, "Donald Trump")
	if e == nil || e.Type != storyline.EntityPerson || len(e.Mentions) != 4 {
		t.Fatalf("bare surnames were not linked to the full name: %+v", ents)
	}
	if m := find(ents, "Theresa May"); m == nil || m.Type != storyline.EntityPerson {
		t.Errorf("a name ending in a month was cut: %+v", m)
	}
}

func TestCalendarWordsAndToponymsStayOut(t *testing.T) {
	ents := annotate(t, "On Monday Dmitri Volkov spoke. Last October the Norvaskian defence minister said it again. "+
		"The pipeline from Anselm to Tell Rafa passes Qasr Hamed.")
	if e := find(ents, "Dmitri Volkov"); e == nil || len(e.Roles) > 0 {
		t.Errorf("a weekday became a role: %+v", e)
	}
	for _, place := range []string{"Tell Rafa", "Qasr Hamed"} {
		if e := find(ents, place); e == nil || e.Type != storyline.EntityPlace {
			t.Errorf("%s is not a place: %+v", place, e)
		}
	}
	for _, e := range ents {
		if strings.Contains(e.Name, "October") || strings.Contains(e.Name, "Norvaskian") {
			t.Errorf("a month or an adjective made the entity %+v", e)
		}
	}
}

func TestAgencyArmsAreOrganisations(t *testing.T) {
	ents := annotate(t, "Speaking to Interfax-Norvask, Volkov said the talks would end. NTV-Norvask showed the ships.")
	for _, name := range []string{"Interfax-Norvask", "NTV-Norvask"} {
		if e := find(ents, name); e == nil || e.Type != storyline.EntityOrganization {
			t.Errorf("%s: %+v", name, e)
		}
	}
}

func TestAbbreviationsGroupsAndCities(t *testing.T) {
	ents := annotate(t, "Mr. King said the U.S. and the E.U. disagree. Latino voters and Muslims in Seattle, Calif., and on Capitol Hill listened. "+
		"Matthew Prince, chief executive of CloudFlare, spoke in Spanish. Sen. Marco Rubio (R-Fla.) and Ban Ki-moon were not there.")
	want := map[string]string{"King": "person", "United States": "place", "European Union": "organization", "Muslims": "group", "Seattle": "place",
		"Calif.": "place", "Capitol Hill": "place", "CloudFlare": "organization", "Ban Ki-moon": "person", "Marco Rubio": "person"}
	for name, typ := range want {
		if e := find(ents, name); e == nil || e.Type != typ {
			t.Errorf("%s: want a %s, got %+v", name, typ, e)
		}
	}
	for _, no := range []string{"Latino", "Spanish", "R-Fla"} {
		if e := find(ents, no); e != nil {
			t.Errorf("%q is no entity here: %+v", no, e)
		}
	}
	if e := find(ents, "United States"); e == nil || e.Mentions[0].Text != "U.S." {
		t.Errorf("a dotted abbreviation lost its last full stop: %+v", e)
	}
}

func TestRolesNamePlacesAndCompanies(t *testing.T) {
	ents := annotate(t, "Texas Senator Ted Cruz met Fiorina, the former Hewlett-Packard CEO, at Valeant Pharmaceuticals International. So, How does it end?")
	for name, typ := range map[string]string{"Texas": "place", "Ted Cruz": "person", "Hewlett-Packard": "organization",
		"Valeant Pharmaceuticals International": "organization"} {
		if e := find(ents, name); e == nil || e.Type != typ {
			t.Errorf("%s: want a %s, got %+v", name, typ, e)
		}
	}
	if find(ents, "How") != nil {
		t.Errorf("a question word after a comma became a name: %+v", ents)
	}
}

func TestSpeakersAndClausesAfterNames(t *testing.T) {
	ents := annotate(t, "Speaking to Interfax, the minister said the ships would stay until spring. Jolly said the plan was sound, but he said little else.")
	if e := find(ents, "Interfax"); e == nil || len(e.Roles) > 0 {
		t.Errorf("a clause after a name was read as its role: %+v", e)
	}
	if e := find(ents, "Jolly"); e == nil || e.Type != storyline.EntityPerson {
		t.Errorf("an ordinary word that speaks is a name: %+v", ents)
	}
}
