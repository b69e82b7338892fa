// Command djreport turns a quarter's Party-organisation work reports into the
// standard summary workbooks and printed briefs. This package only parses
// flags and wires the source, extract, mapping and report packages together.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	// A soft memory limit makes the collector work harder before the heap
	// doubles, which keeps a run over a huge source near its live data.
	// GOMEMLIMIT, when set, wins.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
	os.Exit(execute(os.Args[1:], os.Stdout, os.Stderr))
}
