package measure

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Write prints the figures of a run, and every input that needs a look.
func (r *Report) Write(w io.Writer) {
	fmt.Fprintf(w, "%d files, %d inputs\n", r.Files, r.Inputs)
	fmt.Fprintf(w, "  ingested            %6d (of which %d as duplicates)\n", r.Ingested, r.Duplicates)
	fmt.Fprintf(w, "  quarantined         %6d\n", total(r.Quarantined))
	reasons := make([]string, 0, len(r.Quarantined))
	for reason := range r.Quarantined {
		reasons = append(reasons, reason)
	}
	sort.Strings(reasons)
	for _, reason := range reasons {
		fmt.Fprintf(w, "    %-17s %6d\n", reason, r.Quarantined[reason])
	}
	fmt.Fprintf(w, "  same bytes as another input, stored once %d\n", r.Repeats)
	fmt.Fprintf(w, "  neither (lost)      %6d\n", len(r.Lost))
	fmt.Fprintf(w, "  panics              %6d\n", len(r.Panics))
	fmt.Fprintf(w, "  timeouts            %6d\n", len(r.Timeouts))
	fmt.Fprintf(w, "  broken articles     %6d\n", len(r.Broken))
	exit := "exited cleanly"
	if r.Exit != "" {
		exit = "failed: " + r.Exit
	}
	fmt.Fprintf(w, "ingest process: %s in %s, peak RSS %s\n", exit, r.Wall.Round(time.Millisecond), mib(r.PeakRSS))
	if r.Crash != "" {
		fmt.Fprintf(w, "  it printed: %s\n", r.Crash)
	}
	if len(r.Slowest) > 0 {
		fmt.Fprintln(w, "slowest inputs, each on its own (read + process):")
		for _, t := range r.Slowest {
			fmt.Fprintf(w, "  %9s = %9s + %9s  %-14s %s\n", t.Total().Round(time.Millisecond), t.Read.Round(time.Millisecond),
				t.Process.Round(time.Millisecond), t.Outcome, t.Source)
		}
	}
	list(w, "lost (neither ingested nor quarantined)", r.Lost)
	list(w, "panics", r.Panics)
	list(w, "timeouts", r.Timeouts)
	list(w, "broken articles", r.Broken)
	list(w, "quarantine messages that do not name their input", r.Unnamed)
	overs := make([]string, len(r.OverDeadline))
	for i, t := range r.OverDeadline {
		overs[i] = fmt.Sprintf("%s: processing took %s", t.Source, t.Process.Round(time.Millisecond))
	}
	list(w, "over the deadline", overs)
	list(w, "outcomes the generator did not expect", r.Unexpected)
	list(w, "files read as another number of inputs than they hold", r.Miscounted)
}

// String is Write to a string.
func (r *Report) String() string {
	var b strings.Builder
	r.Write(&b)
	return b.String()
}

func list(w io.Writer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "%s (%d):\n", title, len(items))
	for i, it := range items {
		if i == 20 {
			fmt.Fprintf(w, "  ... and %d more\n", len(items)-i)
			return
		}
		fmt.Fprintf(w, "  %s\n", it)
	}
}

func total(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }
