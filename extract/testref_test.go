package extract

import (
	"strings"
	"unicode/utf8"

	"djreport/internal/cjkutf8"
)

// Code the extraction no longer calls, kept for the tests that check its
// fast paths against it.

// mayOpenDateline: whether datelineOpen may match s, by its first runes
// (past one bracket): the regexp on every line was most of articleStarts,
// which asks it of the lines' runes (mayOpenDatelineRunes).
func mayOpenDateline(s string) bool {
	if s == "" {
		return false
	}
	// One bracket, then 本, 新, 中 or 人: the runes, read once.
	r, n := cjkutf8.Decode(s, 0)
	if r == '（' || r == '(' || r == '【' {
		if s = s[n:]; s == "" {
			return false
		}
		r, _ = cjkutf8.Decode(s, 0)
	}
	return r == '本' || r == '新' || r == '中' || r == '人'
}

// marks has bit i set when the i-th set is in rs (runeWords.in), in a
// walk of its own: the place scan finds the same in its walk over a
// line's runes (scanMarked), as the tests check.
func (rm *runeMarks) marks(rs []rune) uint8 {
	var m uint8
	for i, r := range rs {
		if r >= 0 && rm.first.has(r) {
			m |= rm.at(rs, i)
		}
	}
	return m
}

// isUnitHeading: a short line that is a place name, possibly with a colon
// (株洲市：) or a title after the colon (宁波市：发挥党建统领作用).
func isUnitHeading(line string) bool {
	t := strings.TrimSpace(line)
	if !moreRunesThan(t, 8) {
		return true
	}
	i := 0 // in runes, as the string's runes were counted before
	for _, r := range t {
		if i > 10 {
			break
		}
		if r == '：' || r == ':' {
			return true
		}
		i++
	}
	return false
}

// runeAt is cjkutf8.Decode that gives utf8.RuneError, 0 at the end of s, as
// utf8.DecodeRuneInString does for "".
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	return cjkutf8.Decode(s, i)
}

// gazAccept applies the context rules to a candidate match; after is the
// text following it. The scan asks gazAcceptAt of its runes; the tests'
// scan of the bytes asks this.
func gazAccept(k *gazKey, prev rune, after string) bool {
	next, _ := utf8.DecodeRuneInString(after)
	return gazAcceptAt(k, prev, next, func(s string) bool { return strings.HasPrefix(after, s) })
}

// last returns the end and start of the occurrence that ends last.
func (ws wordSet) last(s string) (end, start int) { return ws.lastBefore(s, len(s)) }

// lastBefore is last among the occurrences that start before limit, as
// subjectBefore found them before wordSet.all: the reference its tests
// check all against.
func (ws wordSet) lastBefore(s string, limit int) (end, start int) {
	end, start = -1, -1
	for i, r := range s {
		if i >= limit {
			break
		}
		for _, w := range ws.at(r) {
			if strings.HasPrefix(s[i:], w) && i+len(w) > end {
				start, end = i, i+len(w)
			}
		}
	}
	return end, start
}
