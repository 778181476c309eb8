//go:build !linux

package main

import "time"

// memory is unknown here: bench reports 0.
func memory(int) (peak, anon int64) { return 0, 0 }

// processTreeCPU is unknown here: bench reports no server CPU.
func processTreeCPU(int) time.Duration { return 0 }
