package cjkutf8

import (
	"testing"
	"unicode/utf8"
)

// FuzzDecode: Decode is utf8.DecodeRuneInString at every offset.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"全市发展党员1,810名。", "\xed\xa0\x80", "\xe0\x80\xaf", "\xef\xbf\xbd", "\xe4\xb8", "a\xff中"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); i++ {
			r, n := Decode(s, i)
			wr, wn := utf8.DecodeRuneInString(s[i:])
			if r != wr || n != wn {
				t.Fatalf("%q at %d: %U %d, want %U %d", s, i, r, n, wr, wn)
			}
			if IsThree(s, i) && (wn != 3 || Three(s, i) != wr) {
				t.Fatalf("%q at %d: IsThree but the library reads %U %d", s, i, wr, wn)
			}
		}
	})
}

// decodeCases are strings at the edges of UTF-8: the lead bytes left to the
// library (E0, ED, F0…), cut and overlong sequences, surrogates.
var decodeCases = []string{"", "a", "党建", "\xe4\xb8", "\xe4", "\xe0\xa0\x80", "\xe0\x80\x80", "\xed\x9f\xbf",
	"\xed\xa0\x80", "\xef\xbf\xbd", "\xef\xbf\xbf", "\xe1\x80\x80", "\xf0\x9f\x98\x80", "\xc3\xa9", "\xff\xfe",
	"\xe4\xb8\xe4\xb8\xad", "平涼市基層黨組織1075個"}

// checkDecode: Decode decodes every position of s as the library does.
func checkDecode(t *testing.T, s string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		r, n := Decode(s, i)
		wr, wn := utf8.DecodeRuneInString(s[i:])
		if r != wr || n != wn {
			t.Fatalf("%q at %d: %U %d, want %U %d", s, i, r, n, wr, wn)
		}
	}
}

func TestDecodeMatchesLibrary(t *testing.T) {
	for _, s := range decodeCases {
		checkDecode(t, s)
	}
	// Every three-byte sequence whose lead is E0–EF, good or bad.
	b := []byte{0, 0, 0}
	for c := 0xE0; c <= 0xEF; c++ {
		for c1 := 0; c1 < 256; c1 += 3 {
			for _, c2 := range []byte{0x00, 0x7F, 0x80, 0xA5, 0xBF, 0xC0} {
				b[0], b[1], b[2] = byte(c), byte(c1), c2
				checkDecode(t, string(b))
			}
		}
	}
}

func FuzzDecodeCases(f *testing.F) {
	for _, s := range decodeCases {
		f.Add(s)
	}
	f.Fuzz(checkDecode)
}
