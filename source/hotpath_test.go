package source

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestRunesUpTo: the capped count is the count, capped, on every line of
// the reports (long and short, traditional copies, bad UTF-8).
func TestRunesUpTo(t *testing.T) {
	_, texts := corpusTexts(t)
	lines := []string{"", "a", "\xff\xfe", strings.Repeat("党", 200), strings.Repeat("ab", 50)}
	for _, text := range texts {
		lines = append(lines, strings.Split(text, "\n")...)
	}
	for _, l := range lines {
		for _, limit := range []int{0, 1, 20, 61, boilerMaxRunes + 1, 1000} {
			if got, want := runesUpTo(l, limit), min(utf8.RuneCountInString(l), limit); got != want {
				t.Fatalf("runesUpTo(%q, %d) = %d, want %d", l, limit, got, want)
			}
		}
	}
}
