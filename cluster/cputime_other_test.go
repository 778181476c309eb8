//go:build !linux

package cluster

import "time"

// cpuTime is not measured here: callers fall back to wall time.
func cpuTime() (time.Duration, bool) { return 0, false }
