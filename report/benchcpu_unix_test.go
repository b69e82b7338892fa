//go:build unix

package report

import (
	"syscall"
	"testing"
	"time"
)

// cpuMark is the process's CPU time (user and system, all threads) at a
// benchmark's start.
type cpuMark struct{ t time.Duration }

func cpuNow() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuMark { return cpuMark{cpuNow()} }

// report adds the CPU time per iteration since the mark to b's results.
func (m cpuMark) report(b *testing.B) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuNow()-m.t)/float64(b.N), "cpu-ns/op")
	}
}
