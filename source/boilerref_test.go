package source

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// boilerplateReference is boilerplate before its fast paths: the runes
// counted up to the largest limit and every anchored rule's keys looked
// for in any head holding the first rune of an anchored key.
func boilerplateReference(line string) string {
	n := runesUpTo(line, boilerMaxRunes+1)
	sentence := n > 60 && containsAny(line, sentencePunct)
	if !sentence && onlyNumbersReference(line) {
		return "numbers"
	}
	head := line[:min(len(line), headBytes)]
	headKeys := false
	for _, r := range head {
		if r >= 1<<16 || anchoredFirstsReference[r>>6]&(1<<(r&63)) != 0 {
			headKeys = true
			break
		}
	}
	for _, r := range boilerRules {
		if (sentence && !r.anyLen) || (r.maxRunes > 0 && n > r.maxRunes) {
			continue
		}
		scope := line
		if r.anchored {
			if !headKeys {
				continue
			}
			scope = head
		}
		if !containsAny(scope, r.keys) {
			continue
		}
		if r.re.MatchString(line) {
			return r.name
		}
	}
	return ""
}

var anchoredFirstsReference = func() *[1 << 16 / 64]uint64 {
	var set [1 << 16 / 64]uint64
	for _, r := range boilerRules {
		for _, k := range r.keys {
			if c, _ := utf8.DecodeRuneInString(k); r.anchored && c < 1<<16 {
				set[c>>6] |= 1 << (c & 63)
			}
		}
	}
	return &set
}()

// furnitureLines are lines each rule drops, and near misses.
var furnitureLines = []string{"上一篇", "上一篇：慈溪市召开党建工作会议", "下一篇 2023年6月13日 上午10:25", "相关推荐", "【相关阅读】",
	"版权声明:本文内容由互联网用户自发贡献,该文观点仅代表作者本人。本站仅提供信息存储空间服务,不拥有所有权,不承担相关法律责任。",
	"免责声明：本站部分内容来源于网络", "版权所有：中共某某市委组织部", "Copyright © 2024 www.example.com", "(c) 2024", "©2024",
	"主办单位:中共湖南省委组织部", "技术支持：湖南红网新媒体集团", "承办：市委组织部信息中心", "网站标识码4300000012", "承办全市基层党建现场观摩会",
	"ICP备案号:湘ICP备17016663号-1", "京ICP证030173号 京公网安备11000002000001号", "icp 许可", "您是第 位来访者", "您是第12345位访问者",
	"浏览次数：1024", "阅读量:12", "欢迎您访问红星网", "放大+ \u00a0缩小- \u00a0 默认o", "字号：大 中 小", "字体 [大]", "责任编辑：王五",
	"编辑：张三 审核：李四", "（审核：李四）", "编辑出版党员教育读本3本，发放12000册", "图片", "图", "点击查看大图", "点击放大",
	"分享到：微信 微博 QQ空间", "分享：", "分享经验做法12条", "【打印本页】【关闭窗口】", "返回顶部", "收藏 纠错", "第 2 页 共 5 页", "共 3 页",
	"1", "(0)", "……", "- 12 -", "2024年", "/enpproperty-->", "黄合 唐翀/文", "■ 本报记者 林金彦", "2024-05-21 ——会议侧记"}

// TestBoilerplateMatchesReference: boilerplate drops what it dropped
// before its fast paths, on every line of the reports (and of their
// traditional copies, simplified), furniture alone and inside or after
// prose, cut anywhere, and random mixed text.
func TestBoilerplateMatchesReference(t *testing.T) {
	_, texts := corpusTexts(t)
	var lines []string
	for _, text := range texts {
		for _, l := range strings.Split(text, "\n") {
			lines = append(lines, l, Simplify(l))
		}
	}
	prose := []string{"", "全市", "全市共有党员16.5万名，", strings.Repeat("持续深化党建引领基层治理", 6), "。"}
	for _, f := range furnitureLines {
		for _, p := range prose {
			lines = append(lines, f, p+f, f+p, p+f+p)
		}
	}
	r := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		s := randomMixed(r, r.IntN(20))
		if r.IntN(2) == 0 {
			s += furnitureLines[r.IntN(len(furnitureLines))]
		}
		lines = append(lines, s)
	}
	seen := map[string]bool{}
	drops := 0
	for _, l := range lines {
		for _, s := range []string{l, l[:len(l)/2], l[len(l)/3:], l[:min(len(l), 4*boilerMaxRunes+2)]} {
			if seen[s] {
				continue
			}
			seen[s] = true
			got, want := boilerplate(s), boilerplateReference(s)
			if got != want {
				t.Fatalf("boilerplate(%q) = %q, want %q", s, got, want)
			}
			if valid := utf8.ValidString(s); valid {
				if got := boilerplateOf(s, valid); got != want {
					t.Fatalf("boilerplateOf(%q, valid) = %q, want %q", s, got, want)
				}
			}
			if got != "" {
				drops++
			}
		}
	}
	if drops < len(furnitureLines) {
		t.Fatalf("only %d lines dropped", drops)
	}
}

// TestKeyRules: a rule whose key is in a text has its bit in keyRules, for
// every rule, on random text around furniture cut anywhere.
func TestKeyRules(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		s := randomMixed(r, r.IntN(8)) + furnitureLines[r.IntN(len(furnitureLines))] + randomMixed(r, r.IntN(4))
		for _, c := range []string{s, s[r.IntN(len(s)):], s[:r.IntN(len(s)+1)]} {
			m := keyRules(c)
			for i, rule := range boilerRules {
				if containsAny(c, rule.keys) && m&(1<<i) == 0 {
					t.Fatalf("%q holds a key of %s, bit not set", c, rule.name)
				}
			}
		}
	}
}

// onlyNumbersReference is onlyNumbers without its shortcut for ideographs.
func onlyNumbersReference(s string) bool {
	for _, r := range s {
		if !unicode.IsNumber(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r) && !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// TestOnlyNumbersIdeographs: no rune of the block onlyNumbers stops at
// unlooked is a number, punctuation, a symbol or a space.
func TestOnlyNumbersIdeographs(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if unicode.IsNumber(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r) {
			t.Fatalf("%U", r)
		}
		if s := "12" + string(r); onlyNumbers(s) != onlyNumbersReference(s) {
			t.Fatalf("%q", s)
		}
	}
}

// TestKeyHash: keyHash is the multiplier keyHashFor finds for the first
// runes of the keys, and keyFirsts holds each of them.
func TestKeyHash(t *testing.T) {
	seen := map[uint32]bool{}
	var codes []uint32
	for _, r := range boilerRules {
		for _, k := range r.keys {
			_, n := utf8.DecodeRuneInString(k)
			if c := runeCode(k[:n]); !seen[c] {
				seen[c] = true
				codes = append(codes, c)
			}
		}
	}
	if m := keyHashFor(codes); m != keyHash {
		t.Fatalf("keyHash %#x, want %#x", keyHash, m)
	}
	for _, c := range codes {
		if keyFirsts[(c*keyHash)>>(32-keyBits)].code != c {
			t.Fatalf("%#x not in keyFirsts", c)
		}
	}
}
