//go:build !linux

package main

import (
	"os"
	"time"
)

// maxRSS is unknown here: bench reports 0.
func maxRSS(*os.ProcessState) int64 { return 0 }

// processTreeCPU is unknown here: bench reports no server CPU.
func processTreeCPU(int) time.Duration { return 0 }
