package hostile

import (
	"fmt"
	"strings"
)

// The prose hostile inputs are built around: news sentences in the demo
// corpus's fictional world, with the quotes, names and dates the
// annotators look for, so that a hostile page also exercises them.
var (
	speakers = []string{"Dmitri Volkov", "Amira Haddad", "Jana Petrova", "Oleg Marchenko", "Lena Sorokina",
		"Karim Nassar", "Ingrid Holm", "Tomasz Wrona", "Yusuf Demir", "Marta Quell"}
	roles  = []string{"Defence Minister", "President", "spokeswoman", "Foreign Minister", "harbour master", "senator"}
	places = []string{"Port Anselm", "Norvask", "Maravia", "the capital", "Lenzburg", "the northern coast"}
	days   = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	months = []string{"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December"}
	claims = []string{
		"our ships will stay in %s for as long as necessary",
		"the talks on %s will resume next week",
		"nobody has asked us to leave %s",
		"the new pier at %s will be finished by the end of the year",
		"we will not discuss %s with journalists",
		"the lease of %s is not up for discussion",
		"the fleet has served %s since 1971",
		"the agreement on %s was signed in good faith",
	}
)

// prose writes paragraphs of plausible news text. Every article made from
// it carries its case number, so no two generated inputs are the same.
func (g *gen) prose(paragraphs int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (Hostile Wire %d) — ", strings.ToUpper(g.pick(places)), g.index)
	for p := range paragraphs {
		if p > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(g.paragraph())
	}
	return b.String()
}

func (g *gen) paragraph() string {
	who := g.pick(speakers)
	claim := fmt.Sprintf(g.pick(claims), g.pick(places))
	switch g.r.Intn(4) {
	case 0:
		return fmt.Sprintf("%s %s said on %s that %s.", g.pick(roles), who, g.pick(days), claim)
	case 1:
		return fmt.Sprintf("\"%s,\" %s told reporters on %d %s %d.", capitalise(claim), who,
			1+g.r.Intn(28), g.pick(months), 1990+g.r.Intn(35))
	case 2:
		return fmt.Sprintf("According to %s, %s. The %s declined to comment in %s %d.", who, claim,
			g.pick(roles), g.pick(months), 2000+g.r.Intn(25))
	}
	return fmt.Sprintf("%s, the %s, said: \"%s.\" Case %d, item %d.", who, g.pick(roles), capitalise(claim),
		g.index, g.r.Intn(1_000_000))
}

func (g *gen) pick(list []string) string { return list[g.r.Intn(len(list))] }

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
