package source

import "unicode/utf8"

// decodeAt is utf8.DecodeRuneInString(s[i:]) with the three-byte runes of
// Chinese text decoded inline: the library's slow path, taken for every
// non-ASCII rune, was most of the time of the scans over each line
// (isTrad, runesUpTo, t2s). The same as extract's nextRune.
func decodeAt(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	// E1–EC and EE–EF lead a valid rune whenever two continuation bytes
	// follow (E0 and ED have narrower second bytes: left to the library).
	if c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) {
		c1, c2 := s[i+1], s[i+2]
		if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}
