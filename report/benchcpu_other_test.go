//go:build !unix

package report

import "testing"

// cpuMark: without getrusage, benchmarks report wall time only.
type cpuMark struct{}

func startCPU() cpuMark { return cpuMark{} }

func (cpuMark) report(*testing.B) {}
