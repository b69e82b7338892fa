package main

import (
	"strings"
	"testing"
)

// FuzzParseLock: a lock file is read from disk and may hold anything (a
// half-written lock, another tool's file); parsing never panics and a pid
// is only taken from a "pid N" line.
func FuzzParseLock(f *testing.F) {
	inPackageDir(f)
	f.Add("pid 123\nhost box\nstarted 2026-01-01T00:00:00Z\n")
	f.Add("pid \n")
	f.Add("pid -5\r\nhost\n")
	f.Add("\x00\xff pid 9")
	f.Fuzz(func(t *testing.T, s string) {
		o := parseLock(s)
		if o.pid != 0 && !strings.Contains(s, "pid ") {
			t.Errorf("pid %d from %q", o.pid, s)
		}
	})
}

// FuzzCSVSafe: no cell leaves csvSafe starting with a formula character
// unless it is a plain number, and nothing but the quote is added.
func FuzzCSVSafe(f *testing.F) {
	inPackageDir(f)
	for _, s := range []string{"=1+1", "-3", "+1.5", "@SUM(A1)", "\tx", "\rx", "-Inf", "NaN", "普通文字", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := csvSafe(s)
		if got != s && got != "'"+s {
			t.Fatalf("csvSafe(%q) = %q", s, got)
		}
		if got != "" && strings.ContainsRune("=+-@\t\r", rune(got[0])) && strings.Trim(got, "0123456789.eE+-") != "" {
			t.Errorf("csvSafe(%q) = %q still starts with a formula character", s, got)
		}
	})
}
