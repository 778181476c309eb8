package cluster

import (
	"fmt"
	"math/rand"
	"os"
	"strconv"
	"testing"
	"time"
)

// EnvScale is the largest corpus TestAddCostStaysFlat grows to:
// STORYLINE_CLUSTER_SCALE=200000 measures the cost of new articles at
// 10k, 50k, 100k and 200k.
const EnvScale = "STORYLINE_CLUSTER_SCALE"

// TestAddCostStaysFlat grows one stream of articles (recombined from the
// shared data, 100 a day, as BenchmarkAdd makes them) and times a block of
// new articles each time the corpus reaches a size, printing articles/s.
// The cost is the process's CPU time per article (wall time where that is
// not measured), which other work on a shared machine does not inflate;
// articles/s is printed from both. The test fails when an article costs
// more than twice as much in the largest corpus as in the smallest.
func TestAddCostStaysFlat(t *testing.T) {
	max, _ := strconv.Atoi(os.Getenv(EnvScale))
	if max == 0 {
		t.Skip("set " + EnvScale + "=200000 to time clustering as the corpus grows (a few minutes)")
	}
	pool := loadPool(t)
	rnd := rand.New(rand.NewSource(1))
	c := New(Options{})
	const block = 5000
	var costs []time.Duration
	i := 0
	for _, size := range []int{10_000, 50_000, 100_000, 200_000, 500_000, 1_000_000} {
		if size > max {
			break
		}
		for ; i < size; i++ {
			c.Add(recombine(pool, rnd, i))
		}
		start := time.Now()
		cpu0, measured := cpuTime()
		for j := 0; j < block; j++ {
			c.Add(recombine(pool, rnd, i+j))
		}
		i += block
		wall := time.Since(start)
		cpu1, _ := cpuTime()
		cost := wall / block
		if measured {
			cost = (cpu1 - cpu0) / block
		}
		costs = append(costs, cost)
		fmt.Printf("cluster: %7d articles: %6.0f new articles/s wall, %6.0f per CPU second, %4d µs CPU each (%d events, %d open)\n",
			size, block/wall.Seconds(), 1/cost.Seconds(), cost.Microseconds(), len(c.events), len(c.live))
	}
	if len(costs) > 1 && costs[len(costs)-1] > 2*costs[0] {
		t.Errorf("the cost of an article grew from %v to %v as the corpus grew", costs[0], costs[len(costs)-1])
	}
}
