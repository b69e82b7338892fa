package source

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// decodeCases are strings at the edges of UTF-8: the lead bytes left to the
// library (E0, ED, F0…), cut and overlong sequences, surrogates.
var decodeCases = []string{"", "a", "党建", "\xe4\xb8", "\xe4", "\xe0\xa0\x80", "\xe0\x80\x80", "\xed\x9f\xbf",
	"\xed\xa0\x80", "\xef\xbf\xbd", "\xef\xbf\xbf", "\xe1\x80\x80", "\xf0\x9f\x98\x80", "\xc3\xa9", "\xff\xfe",
	"\xe4\xb8\xe4\xb8\xad", "平涼市基層黨組織1075個"}

// checkDecodeAt: decodeAt decodes every position of s as the library does.
func checkDecodeAt(t *testing.T, s string) {
	t.Helper()
	for i := 0; i < len(s); i++ {
		r, n := decodeAt(s, i)
		wr, wn := utf8.DecodeRuneInString(s[i:])
		if r != wr || n != wn {
			t.Fatalf("%q at %d: %U %d, want %U %d", s, i, r, n, wr, wn)
		}
	}
}

func TestDecodeAtMatchesLibrary(t *testing.T) {
	for _, s := range append(decodeCases, sample) {
		checkDecodeAt(t, s)
	}
	// Every three-byte sequence whose lead is E0–EF, good or bad.
	b := []byte{0, 0, 0}
	for c := 0xE0; c <= 0xEF; c++ {
		for c1 := 0; c1 < 256; c1 += 3 {
			for _, c2 := range []byte{0x00, 0x7F, 0x80, 0xA5, 0xBF, 0xC0} {
				b[0], b[1], b[2] = byte(c), byte(c1), c2
				checkDecodeAt(t, string(b))
			}
		}
	}
}

func FuzzDecodeAt(f *testing.F) {
	for _, s := range decodeCases {
		f.Add(s)
	}
	f.Fuzz(checkDecodeAt)
}

// TestCleanLineUnchanged: the table of control lead bytes stops cleanLine
// where the comparisons did, for every pair of bytes inside text.
func TestCleanLineUnchanged(t *testing.T) {
	old := func(s string) string {
		s = strings.TrimFunc(s, isSpace)
		for i := 0; i < len(s); i++ {
			c := s[i]
			if (c < 0x20 && c != '\t') || c == 0x7F || (c == 0xC2 && i+1 < len(s) && s[i+1] < 0xA0) {
				return strings.TrimFunc(strings.Map(blankControl, s), isSpace)
			}
		}
		return s
	}
	for a := 0; a < 256; a++ {
		for b := 0; b < 256; b++ {
			for _, s := range []string{"党" + string([]byte{byte(a), byte(b)}) + "建", "党" + string([]byte{byte(a)}), string([]byte{byte(b), byte(a)})} {
				if got, want := cleanLine(s), old(s); got != want {
					t.Fatalf("%q: %q, want %q", s, got, want)
				}
			}
		}
	}
}

// TestControlByteUnchanged: the table counts the bytes the comparisons
// counted.
func TestControlByteUnchanged(t *testing.T) {
	for b := 0; b < 256; b++ {
		old := (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\v' && b != 0x1A) || b == 0x7F
		if (controlByte[b] == 1) != old || controlByte[b] > 1 {
			t.Fatalf("%#x: %d, want %v", b, controlByte[b], old)
		}
	}
}

// TestSentencePunctMatchesContainsAny: a strings.Contains per mark finds
// what strings.ContainsAny found.
func TestSentencePunctMatchesContainsAny(t *testing.T) {
	if got := strings.Join(sentencePunct, ""); got != "，。；！？,;" {
		t.Fatalf("sentencePunct %q", got)
	}
	for _, l := range append(strings.Split(sample, "\n"), "", "\xef\xbc", "\xe4，", "标题\xff", "全市；", "a;b", "没有标点的长行") {
		if got, want := containsAny(l, sentencePunct), strings.ContainsAny(l, "，。；！？,;"); got != want {
			t.Fatalf("%q: %v, want %v", l, got, want)
		}
	}
}

// TestMayHoldKeyKeepsMatches: every head in which some anchored rule's key
// is found passes mayHoldKey, on the seed reports' lines and on made-up
// furniture.
func TestMayHoldKeyKeepsMatches(t *testing.T) {
	lines := []string{"上一篇：党建", "【版权声明】", "Copyright 2024", "©2024", "(c) 网站", "主办单位：", "编辑：王五", "  审核", "图",
		"打印本页", "第3页", "浏览次数：12", "欢迎访问", "\xff上一", "字号：大", "分享到", "全市共有党员", ""}
	for _, data := range seeds(t) {
		lines = append(lines, strings.Split(string(data), "\n")...)
	}
	found := 0
	for _, l := range lines {
		head := l[:min(len(l), headBytes)]
		for _, r := range boilerRules {
			if r.anchored && containsAny(head, r.keys) {
				found++
				if !mayHoldKey(head) {
					t.Fatalf("%q holds a key of %s, filtered out", head, r.name)
				}
			}
		}
	}
	if found < 10 {
		t.Fatalf("only %d heads hold a key", found)
	}
}
