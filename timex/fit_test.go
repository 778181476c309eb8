package timex

import (
	"context"
	"fmt"
	"go/format"
	"math"
	"math/rand"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/shared"
)

// TestFitDayModel refits daymodel.go on PolNeAR train when TIMEX_FIT=1:
// the weights of the features that place a publication day among its clues.
func TestFitDayModel(t *testing.T) {
	if os.Getenv("TIMEX_FIT") != "1" {
		t.Skip("set TIMEX_FIT=1 to refit daymodel.go on PolNeAR train")
	}
	path, err := shared.Path("data/polnear/train.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	samples, err := fitSamples(context.Background(), path, time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	m := fitModel(samples, 300, 3e-3, func(it int, obj float64) {
		if it%50 == 0 {
			t.Logf("iteration %d: mean log-likelihood %.4f", it, obj)
		}
	})
	src, err := format.Source([]byte(modelSource(&m, "PolNeAR train")))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("daymodel.go", src, 0o644); err != nil {
		t.Fatal(err)
	}
}

// sample is an article's features over its domain and its true day.
type sample struct {
	runs          []run
	lo, hi, truth int
}

// run is a feature that holds over days [from, to].
type run struct{ g, side, bin, from, to int32 }

func fitSamples(ctx context.Context, path string, now time.Time) ([]sample, error) {
	var out []sample
	outside := 0
	defer func() { fmt.Printf("%d samples, %d with the truth outside their domain\n", len(out), outside) }()
	err := eachPubDate(ctx, path, -1, func(d pubDateDoc, truth time.Time) {
		if _, ok := headerDate(d.Text); ok {
			return // dated by its header, not by inference
		}
		clues := collectClues(d.Text)
		if !dated(clues) {
			return // the range is all of time
		}
		lo, hi := domain(clues, dayNumber(now))
		n := dayNumber(truth)
		if n < lo || n > hi {
			outside++
			return
		}
		s := sample{lo: lo, hi: hi, truth: n}
		eachFeature(clues, lo, hi, func(g, side, bin, from, to int) {
			s.runs = append(s.runs, run{int32(g), int32(side), int32(bin), int32(from), int32(to)})
		})
		out = append(out, s)
	})
	return out, err
}

// fitModel maximises the mean log-likelihood of the true days under the
// model, less an L2 penalty, by Adam over the parameters.
func fitModel(samples []sample, iterations int, l2 float64, progress func(int, float64)) params {
	const n = 7
	var w, m1, m2 [groupCount][n]float64
	const rate, beta1, beta2 = 0.05, 0.9, 0.999
	var p params
	for g := range w {
		w[g] = tensePrior(g)
	}
	for it := 1; it <= iterations; it++ {
		for g := range p {
			p[g] = fromVector(w[g])
		}
		m := p.model()
		grad, obj := gradients(samples, &m)
		count := float64(len(samples))
		pg := paramGradient(&grad)
		for g := range w {
			gv := pg[g].vector()
			for k := range gv {
				x := gv[k]/count - l2*(w[g][k]-tensePrior(g)[k])
				m1[g][k] = beta1*m1[g][k] + (1-beta1)*x
				m2[g][k] = beta2*m2[g][k] + (1-beta2)*x*x
				mh := m1[g][k] / (1 - math.Pow(beta1, float64(it)))
				vh := m2[g][k] / (1 - math.Pow(beta2, float64(it)))
				w[g][k] += rate * mh / (math.Sqrt(vh) + 1e-8)
			}
		}
		progress(it, obj/count)
	}
	for g := range p {
		p[g] = fromVector(w[g])
	}
	return p
}

// gradients sums the samples' gradients and log-likelihoods on two cores.
func gradients(samples []sample, m *model) (model, float64) {
	var grads [2]model
	var objs [2]float64
	var wg sync.WaitGroup
	for part := range grads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := part; i < len(samples); i += len(grads) {
				objs[part] += samples[i].gradient(m, &grads[part])
			}
		}()
	}
	wg.Wait()
	for g := range grads[0] {
		for side := range grads[0][g] {
			for b := range grads[0][g][side] {
				grads[0][g][side][b] += grads[1][g][side][b]
			}
		}
	}
	return grads[0], objs[0] + objs[1]
}

// tensePrior is what the penalty pulls a group's parameters toward: no
// weight, except that a day before what is told as past, or after what
// is looked forward to, starts two nats down. Where PolNeAR says little
// (few dates are told in the future there) the rule of grammar holds.
func tensePrior(g int) [7]float64 {
	dir := unknown
	switch {
	case g < groupDated:
		dir = g%3 - 1
	case g == groupDatedPast || g == groupFinePast:
		dir = past
	case g == groupDatedFuture || g == groupFineFuture:
		dir = future
	}
	switch dir {
	case past:
		return [7]float64{4: 1, 5: -1} // nothing named after the day; named after it at a lag
	case future:
		return [7]float64{1: 1, 2: -1} // nothing named before the day; named before it at a lag
	}
	return [7]float64{}
}

func (gp groupParams) vector() [7]float64 {
	return [7]float64{gp.Inside, gp.BackNone, gp.BackBase, gp.BackSlope, gp.AheadNone, gp.AheadBase, gp.AheadSlope}
}

func fromVector(v [7]float64) groupParams {
	return groupParams{v[0], v[1], v[2], v[3], v[4], v[5], v[6]}
}

// gradient adds the gradient of the sample's log-likelihood to grad and
// returns the log-likelihood: the features of the true day, less those
// expected under the model.
func (s sample) gradient(w, grad *model) float64 {
	score := make([]float64, s.hi-s.lo+2)
	for _, r := range s.runs {
		v := w[r.g][r.side][r.bin]
		score[int(r.from)-s.lo] += v
		score[int(r.to)+1-s.lo] -= v
	}
	for i := 1; i < len(score); i++ {
		score[i] += score[i-1]
	}
	score = score[:len(score)-1]
	top := math.Inf(-1)
	for _, v := range score {
		top = math.Max(top, v)
	}
	cum := make([]float64, len(score)+1)
	for i, v := range score {
		cum[i+1] = cum[i] + math.Exp(v-top)
	}
	z := cum[len(score)]
	for _, r := range s.runs {
		from, to := int(r.from), int(r.to)
		if from <= s.truth && s.truth <= to {
			grad[r.g][r.side][r.bin]++
		}
		grad[r.g][r.side][r.bin] -= (cum[to+1-s.lo] - cum[from-s.lo]) / z
	}
	return score[s.truth-s.lo] - top - math.Log(z)
}

func modelSource(p *params, origin string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "// Code generated by TestFitDayModel (TIMEX_FIT=1) on %s; DO NOT EDIT.\n\npackage timex\n\n", origin)
	b.WriteString("// dayParams weigh each group of clues (kind and tense): inside what it names,\n")
	b.WriteString("// with nothing named before or after, and by the lag back to the latest thing\n")
	b.WriteString("// named and ahead to the next.\n")
	b.WriteString("var dayParams = params{\n")
	for g, gp := range p {
		name := ""
		if g < groupDated {
			name = kindNames[g/3] + ", " + tenseNames[g%3]
		} else {
			name = groupNames[g-groupDated]
		}
		fmt.Fprintf(&b, "\t{%.3f, %.3f, %.3f, %.3f, %.3f, %.3f, %.3f}, // %s\n",
			gp.Inside, gp.BackNone, gp.BackBase, gp.BackSlope, gp.AheadNone, gp.AheadBase, gp.AheadSlope, name)
	}
	b.WriteString("}\n")
	return b.String()
}

// lagsAt is the plain reading of runs for one day: the back and ahead
// bins of day d among sorted disjoint intervals.
func lagsAt(occ []interval, d int) (back, ahead int) {
	back, ahead = lagNone, lagNone
	for _, o := range occ {
		switch {
		case o.from <= d && d <= o.to:
			back = 0
		case o.to < d:
			back = lagBin(d - o.to)
		case o.from > d && ahead == lagNone:
			ahead = lagBin(o.from - d)
		}
	}
	return back, ahead
}

func TestRunsMatchDays(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 300; trial++ {
		var occ []interval
		for d := rng.Intn(40) - 20; len(occ) < 1+rng.Intn(5); d += 2 + rng.Intn(50) {
			to := d + rng.Intn(3)*rng.Intn(20)
			occ = append(occ, interval{d, to})
			d = to
		}
		lo, hi := rng.Intn(30)-10, 60+rng.Intn(200)
		got := map[[2]int]int{}
		runs(occ, lo, hi, func(side, bin, from, to int) {
			for d := max(from, lo); d <= min(to, hi); d++ {
				if _, dup := got[[2]int{side, d}]; dup {
					t.Fatalf("%v: day %d side %d reported twice", occ, d, side)
				}
				got[[2]int{side, d}] = bin
			}
		})
		for d := lo; d <= hi; d++ {
			back, ahead := lagsAt(occ, d)
			if got[[2]int{sideBack, d}] != back || got[[2]int{sideAhead, d}] != ahead {
				t.Fatalf("%v day %d: runs say %d/%d, days say %d/%d", occ, d, got[[2]int{sideBack, d}], got[[2]int{sideAhead, d}], back, ahead)
			}
		}
	}
}
