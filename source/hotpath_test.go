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

// TestLineRunesOver: the length shortcuts and the capped count answer as
// the full count does, for every limit boilerplate uses and around them,
// on the reports' lines, made-up lines and bad UTF-8; and so does the
// count by bytes of the valid ones (validRunes).
func TestLineRunesOver(t *testing.T) {
	_, texts := corpusTexts(t)
	lines := []string{"", "a", "\xff\xfe", "\xe4\xb8", strings.Repeat("\xff", 61), strings.Repeat("党", 200), strings.Repeat("ab", 50),
		strings.Repeat("\U0001F600", 21), strings.Repeat("\U0001F600", 20) + "a", strings.Repeat("党", 60) + "a", strings.Repeat("党", 61)}
	for _, text := range texts {
		lines = append(lines, strings.Split(text, "\n")...)
	}
	seen := map[string]bool{}
	for _, l := range lines {
		if seen[l] {
			continue
		}
		seen[l] = true
		// Every cut up to past 4 * boilerMaxRunes bytes, where the
		// shortcuts end.
		for i := 0; i <= len(l) && i <= 4*boilerMaxRunes+8; i++ {
			s := l[:i]
			want := utf8.RuneCountInString(s)
			valid := utf8.ValidString(s)
			c := lineRunes{s: s, n: -1}
			v := lineRunes{s: s, n: -1, valid: true}
			for k := 1; k <= boilerMaxRunes; k++ {
				if got := c.over(k); got != (want > k) {
					t.Fatalf("%q over %d: %v, has %d runes", s, k, got, want)
				}
				if got := v.over(k); valid && got != (want > k) {
					t.Fatalf("%q (valid) over %d: %v, has %d runes", s, k, got, want)
				}
			}
			if valid && validRunes(s) != want {
				t.Fatalf("validRunes(%q) = %d, want %d", s, validRunes(s), want)
			}
		}
	}
}
