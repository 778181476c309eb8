//go:build !linux

package main

import "time"

// peakRSS is unknown here: bench reports 0.
func peakRSS(int) int64 { return 0 }

// processTreeCPU is unknown here: bench reports no server CPU.
func processTreeCPU(int) time.Duration { return 0 }
