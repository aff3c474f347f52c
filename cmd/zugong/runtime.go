package main

import (
	"os"
	"runtime/debug"
)

// serverGCPercent is the garbage collector's target for the long-running
// commands. zugong's live heap is small and its allocation rate per request
// high, so collecting less often trades a little memory for CPU; an
// operator's GOGC wins.
const serverGCPercent = 400

func tuneRuntime() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serverGCPercent)
	}
}
