package main

import (
	"os"
	"runtime/debug"
)

// serverGCPercent is the garbage collector's target for the long-running
// commands. zugong's live heap is small and its allocation rate per request
// high, so collecting less often trades a little memory for CPU.
const serverGCPercent = 400

// serverMemoryLimit is the soft memory limit that keeps that trade bounded:
// near it the collector works harder instead of letting the heap grow, so a
// large import stays within a few hundred megabytes. GOGC and GOMEMLIMIT,
// when set, win.
const serverMemoryLimit = 320 << 20

func tuneRuntime() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serverGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serverMemoryLimit)
	}
}
