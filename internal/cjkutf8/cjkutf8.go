// Package cjkutf8 decodes UTF-8 with the three-byte runes of Chinese text
// (and its punctuation) decoded inline: utf8.DecodeRuneInString takes its
// slow path for every non-ASCII rune, and the per-rune scans of reading
// and extraction spent most of their time there. The functions are small
// enough for the compiler to inline into those loops.
package cjkutf8

import "unicode/utf8"

// IsThree reports whether s[i:] begins with a three-byte rune led by
// E1–EC or EE–EF and two continuation bytes: every such sequence is valid
// UTF-8 (E0 and ED have narrower second bytes and are left to the
// library). i must be in s.
func IsThree(s string, i int) bool {
	c := s[i]
	return c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80
}

// Three is the rune IsThree found at s[i].
func Three(s string, i int) rune {
	return rune(s[i]&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
}

// Decode is utf8.DecodeRuneInString(s[i:]), i in s.
func Decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	if IsThree(s, i) {
		return Three(s, i), 3
	}
	return utf8.DecodeRuneInString(s[i:])
}
