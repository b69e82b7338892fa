package source

import (
	"strings"
	"testing"
)

// cleanLineReference is cleanLine as it was before its table and word
// skips: a byte comparison at a time.
func cleanLineReference(s string) string {
	s = strings.TrimFunc(s, isSpace)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\t') || c == 0x7F || (c == 0xC2 && i+1 < len(s) && s[i+1] < 0xA0) {
			return strings.TrimFunc(strings.Map(blankControl, s), isSpace)
		}
	}
	return s
}

// TestCleanLineUnchanged: the table of control lead bytes stops cleanLine
// where the comparisons did, for every pair of bytes inside text.
func TestCleanLineUnchanged(t *testing.T) {
	old := cleanLineReference
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

// TestCleanLineWords: cleanLine passes eight bytes at a time (skipPlain); a control at
// any place of a longer line, in and across words, is still found.
func TestCleanLineWords(t *testing.T) {
	old := cleanLineReference
	base := "全市共有党员16.5万名，“共富工坊”120个ab"
	for _, ins := range []string{"\x01", "\t", "\x7f", "\xc2\x85", "\xc2\xa0", "\xc2", "\x1f", "\x20", "\x80", "\xff", "\t\x01"} {
		for i := 0; i <= len(base); i++ {
			for _, s := range []string{base[:i] + ins + base[i:], "x" + base[:i] + ins, ins + base[i:] + "y"} {
				if got, want := cleanLine(s), old(s); got != want {
					t.Fatalf("%q: %q, want %q", s, got, want)
				}
			}
		}
	}
	for b := 0; b < 256; b++ {
		w := strings.Repeat("a", 7) + string([]byte{byte(b)})
		for k := 0; k < 8; k++ {
			w2 := w[8-k:] + w[:8-k] // the byte at each place of a word
			stops := skipPlain(w2, 0) == 0
			if controlLead[b] && !stops {
				t.Fatalf("skipPlain(%q) passes %#x", w2, b)
			}
			if b >= 0x20 && b != 0x7F && b != 0xC2 && stops {
				t.Fatalf("skipPlain(%q) stops for %#x", w2, b)
			}
		}
	}
}

// TestTrimSpace: the edge shortcut trims as strings.TrimFunc does, with
// every rune of the BMP (and bad bytes) at either end of a line.
func TestTrimSpace(t *testing.T) {
	check := func(s string) {
		if got, want := trimSpace(s), strings.TrimFunc(s, isSpace); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
	for r := rune(0); r < 0x10000; r++ {
		c := string(r)
		check(c + "党建" + c)
		check(c + "党建")
		check("党建" + c)
		check("a" + c)
		check(c + "a")
	}
	for _, s := range []string{"", "a", "ab", "abc", " a ", "\xe3\x80\x80党\xe3\x80\x80", "\xff党\xff", "党\xbf", "\x80\x80党", "党\xe4\xb8", "\U0001F600党\U0001F600", "\ufeff党\ufeff"} {
		check(s)
	}
}
