package sentence

import (
	"reflect"
	"testing"
)

func texts(s string) []string {
	var out []string
	for _, sp := range Split(s) {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

func TestSplit(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Lavrov spoke. He left.", []string{"Lavrov spoke.", "He left."}},
		{"Mr. Smith met Gen. Jones on Jan. 5. They talked.", []string{"Mr. Smith met Gen. Jones on Jan. 5.", "They talked."}},
		{"J. R. Smith said so. Then he went.", []string{"J. R. Smith said so.", "Then he went."}},
		{`"We will stay," he said. "Always."`, []string{`"We will stay," he said.`, `"Always."`}},
		{"“It is over.” She agreed.", []string{"“It is over.”", "She agreed."}},
		{"Troops left the U.S. The base closed.", []string{"Troops left the U.S.", "The base closed."}},
		{"The U.S. Navy said no. Why? Nobody knows!", []string{"The U.S. Navy said no.", "Why?", "Nobody knows!"}},
		{"First paragraph\n\nSecond one. Third.\n", []string{"First paragraph", "Second one.", "Third."}},
		{"It rose 3.5 percent. Analysts cheered.", []string{"It rose 3.5 percent.", "Analysts cheered."}},
		{"version 2.0 is out", []string{"version 2.0 is out"}},
		{"", nil},
		{"  \n \n", nil},
	}
	for _, c := range cases {
		if got := texts(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Split(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
