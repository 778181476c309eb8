package stance

import "testing"

// Each construction the reading composes, with the direction it must give.
func TestReadComposesActions(t *testing.T) {
	for _, c := range []struct {
		text string
		dir  int
	}{
		{"We will withdraw part of the contingent.", -1},
		{"There are no plans to withdraw our forces.", 1},
		{"We refuse to negotiate with the rebels.", -1},
		{"We have agreed to sell our stake.", -1},
		{"We will not agree to sell our stake.", 1},
		{"We now oppose the agreement.", -1},
		{"The signing of the lease has been postponed.", -1},
		{"The withdrawal was halted.", 1},
		{"Selling our stake is out of the question.", 1},
		{"We are shutting down the refinery.", -1},
		{"The agreement must be ratified without amendments.", 1},
		{"We are closing the mine at the end of the year.", -1},
	} {
		if r := Read(c.text); r.Direction != c.dir {
			t.Errorf("%q: direction %d, want %d (%v)", c.text, r.Direction, c.dir, r.Evidence)
		}
	}
}

// A commitment to an act the lexicon does not know sets a direction that
// can open or settle, but never reverse.
func TestAssumedCommitmentsNeverReverse(t *testing.T) {
	host, discuss := Read("We will repaint the bridge."), Read("Whether we repaint the bridge is still under discussion.")
	if host.Direction != 1 || !host.Assumed {
		t.Fatalf("will repaint: %+v", host)
	}
	if ch, ok := Compare(host, discuss); !ok || ch.Kind != "opened" {
		t.Errorf("a commitment that became open: %+v %v", ch, ok)
	}
	if _, ok := Compare(host, Read("We will not repaint the bridge.")); ok {
		t.Errorf("an assumed commitment was called reversed")
	}
}
