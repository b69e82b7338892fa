package source

import (
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"
)

func TestSimplify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"平涼市基層黨組織", "平凉市基层党组织"},
		{"一目瞭然的成績", "一目了然的成绩"},
		{"乾坤未定", "乾坤未定"}, // 乾 stays in this phrase
		{"头发和發展", "头发和发展"},
		{"𠮷野家的隻", "𠮷野家的只"},
	}
	for _, tt := range tests {
		lines := []Line{{No: 1, Text: tt.in}}
		if _, err := simplifyLines(lines, textScan{}); err != nil {
			t.Fatal(err)
		}
		if lines[0].Simplified != tt.want {
			t.Errorf("%q -> %q, want %q", tt.in, lines[0].Simplified, tt.want)
		}
	}
}

func TestSimplifiedShareText(t *testing.T) {
	lines := []Line{{No: 1, Text: "全市党员12万名，乾坤未定"}}
	changed, err := simplifyLines(lines, textScan{})
	if err != nil || changed {
		t.Fatalf("changed %v err %v", changed, err)
	}
	if unsafe.StringData(lines[0].Simplified) != unsafe.StringData(lines[0].Text) {
		t.Fatal("simplified line was copied")
	}
}

func TestSameLengthFallback(t *testing.T) {
	cc, err := converter()
	if err != nil {
		t.Fatal(err)
	}
	// Whatever opencc does with phrases, the result keeps the rune count.
	for _, s := range []string{"么麼的問題", "覆蓋範圍", "瞭解", strings.Repeat("黨", 100)} {
		if out := sameLength(cc, s); utf8.RuneCountInString(out) != utf8.RuneCountInString(s) {
			t.Errorf("%q -> %q changes length", s, out)
		}
	}
}
