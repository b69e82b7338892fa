package source

import (
	"math/bits"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"djreport/internal/cjkutf8"
)

// boilerRule is one kind of page furniture that reports saved from web
// pages carry. Rules match the simplified twin of a trimmed line.
type boilerRule struct {
	name string
	re   *regexp.Regexp
	// keys gate the regexp cheaply: it runs only on lines holding one of
	// them, within the first headBytes bytes when the rule is anchored.
	keys     []string
	anchored bool
	maxRunes int  // 0: any length
	anyLen   bool // a labelled notice is furniture even as a long sentence
}

// headBytes covers an opening bracket and a four-character label.
const headBytes = 18

// boilerRules: keep each pattern narrow; a dropped line with a figure in it
// is a silent loss, while a kept footer line costs nothing downstream.
var boilerRules = []boilerRule{
	{name: "nav", re: regexp.MustCompile(`^[【\[]?(上一篇|下一篇|上一条|下一条|上一页|下一页|相关推荐|相关阅读|相关新闻|相关文章|相关链接)`),
		keys: []string{"上一", "下一", "相关"}, anchored: true, maxRunes: 80},
	{name: "notice", re: regexp.MustCompile(`^[【\[]?(版权声明|免责声明|版权所有|网站声明)\s*[】\]]?\s*[:：]`),
		keys: []string{"声明", "版权所有"}, anchored: true, anyLen: true},
	{name: "notice", re: regexp.MustCompile(`^[【\[]?(版权声明|免责声明|版权所有|网站声明)`),
		keys: []string{"声明", "版权所有"}, anchored: true},
	{name: "copyright", re: regexp.MustCompile(`(?i)^(copyright|\(c\)|©)`),
		keys: []string{"opyright", "OPYRIGHT", "©", "(c)", "(C)"}, anchored: true},
	{name: "sponsor", re: regexp.MustCompile(`^(主办单位|技术支持|网站标识码|运营维护|网站维护)|^(主办|承办|协办)(单位)?\s*([:：]|$)`),
		keys: []string{"主办", "技术支持", "网站标识码", "承办", "协办", "维护"}, anchored: true, maxRunes: 80},
	{name: "icp", re: regexp.MustCompile(`(?i)ICP\s*(备|证|许可)|公网安备`),
		keys: []string{"ICP", "icp", "Icp", "公网安备"}},
	{name: "visitors", re: regexp.MustCompile(`您是第.{0,20}?位(访问者|来访者|访客|浏览者)`),
		keys: []string{"您是第"}},
	{name: "counter", re: regexp.MustCompile(`^[【\[]?(浏览次数|阅读次数|点击次数|访问次数|浏览量|阅读量|点击量|访问量|点击数|阅读数)\s*[:：]`),
		keys: []string{"浏览", "阅读", "点击", "访问"}, anchored: true, maxRunes: 30},
	{name: "welcome", re: regexp.MustCompile(`^欢迎(您)?(访问|光临|来到)`),
		keys: []string{"欢迎"}, anchored: true, maxRunes: 30},
	{name: "fontsize", re: regexp.MustCompile(`放大\s*[+＋]?.{0,8}?缩小|^[【\[]?(字号|字体)\s*[:：]?\s*[【\[]?[大中小]`),
		keys: []string{"缩小", "字号", "字体"}, maxRunes: 30},
	{name: "editor", re: regexp.MustCompile(`^[【\[（(]?\s*(责任编辑|编辑|审核|审校|校对|责编|终审|初审|复审|值班编辑|来源审核|编审|签发)\s*[:：|｜]`),
		keys: []string{"编", "审", "校对", "签发"}, anchored: true, maxRunes: 40},
	{name: "image", re: regexp.MustCompile(`^(图片|图|点击查看大图|点击图片查看大图|查看大图|点击放大)$`),
		keys: []string{"图", "点击放大"}, anchored: true},
	{name: "share", re: regexp.MustCompile(`^[【\[]?(分享到|分享至|一键分享|分享\s*[:：])`),
		keys: []string{"分享"}, anchored: true, maxRunes: 60},
	{name: "tools", re: regexp.MustCompile(`^([【\[]?(打印本页|打印|关闭窗口|关闭|返回顶部|返回首页|收藏本页|加入收藏|收藏|纠错)[】\]]?\s*)+$`),
		keys: []string{"打印", "关闭", "返回", "收藏", "纠错"}, anchored: true, maxRunes: 40},
	{name: "pageno", re: regexp.MustCompile(`^第\s*\d+\s*页(\s*[/，,]?\s*共\s*\d+\s*页)?$|^共\s*\d+\s*页$`),
		keys: []string{"页"}, maxRunes: 20},
	// Founder CMS leaves its page properties behind as text.
	{name: "cms", re: regexp.MustCompile(`enpproperty`), keys: []string{"enpproperty"}},
}

// boilerplate reports which rule drops the line, or "" to keep it.
func boilerplate(line string) string {
	return boilerplateOf(line, false)
}

// boilerplateOf is boilerplate for a line known to be valid UTF-8 when
// valid is set, whose runes are then counted by its bytes.
func boilerplateOf(line string, valid bool) string {
	n := lineRunes{s: line, n: -1, valid: valid}
	sentence := n.over(60) && containsAny(line, sentencePunct)
	if !sentence && onlyNumbers(line) {
		return "numbers"
	}
	head := line[:min(len(line), headBytes)]
	// The rules that may match: an anchored one if a key of it may be in
	// the head, another if one may be in the line (keyRules: where the
	// first rune of one of its keys is), only those that take sentences
	// for one (none that is not anchored does: the line is not read for
	// them). One pass over the runes in place of a strings.Contains per
	// key of every rule; the rules are tried in their order.
	cands := keyRules(head) & anchoredRules
	if !sentence || anyLenRules&^anchoredRules != 0 {
		cands |= keyRules(line) &^ anchoredRules
	}
	if sentence {
		cands &= anyLenRules
	}
	for cands != 0 {
		r := &boilerRules[bits.TrailingZeros64(cands)]
		cands &= cands - 1
		if r.maxRunes > 0 && n.over(r.maxRunes) {
			continue
		}
		scope := line
		if r.anchored {
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

// keyFirsts is a table of the first rune of every key of every rule, each
// by its UTF-8 bytes read as a little-endian number (runeCode), with the
// bits (by index in boilerRules) of the rules having a key starting with
// it, at slot (code*keyHash)>>(32-keyBits), no two runes in one slot.
// anchoredRules and anyLenRules have the bits of the anchored rules and of
// those with anyLen.
var keyFirsts, anchoredRules, anyLenRules = func() (t [keySlots]keyFirst, anchored, anyLen uint64) {
	if len(boilerRules) > 64 {
		panic("source: more boilerplate rules than bits")
	}
	for i, r := range boilerRules {
		for _, k := range r.keys {
			_, n := utf8.DecodeRuneInString(k)
			c := runeCode(k[:n])
			e := &t[(c*keyHash)>>(32-keyBits)]
			if e.code != 0 && e.code != c {
				// Another keyHash, from keyHashFor, is needed.
				panic("source: two first runes of boilerplate keys in one slot")
			}
			e.code = c
			e.rules |= 1 << i
		}
		if r.anchored {
			anchored |= 1 << i
		}
		if r.anyLen {
			anyLen |= 1 << i
		}
	}
	return t, anchored, anyLen
}()

// keyHash is keyHashFor(the first runes of boilerRules' keys), a constant
// for keyRules' loop (TestKeyHash).
const keyHash = 0x9e3779dd

// keyHashFor is the first multiplier, from a fixed sequence, that puts
// each of codes in a slot of its own.
func keyHashFor(codes []uint32) uint32 {
	for m := uint32(0x9E3779B1); ; m += 2 {
		var used [keySlots]bool
		ok := true
		for _, c := range codes {
			if used[(c*m)>>(32-keyBits)] {
				ok = false
				break
			}
			used[(c*m)>>(32-keyBits)] = true
		}
		if ok {
			return m
		}
	}
}

const (
	keyBits  = 7
	keySlots = 1 << keyBits
)

type keyFirst struct {
	code  uint32 // 0 in an empty slot (no key starts with NUL)
	rules uint64
}

// runeCode is the bytes of one rune (at most four) as a little-endian
// number.
func runeCode(r string) uint32 {
	var c uint32
	for i := len(r) - 1; i >= 0; i-- {
		c = c<<8 | uint32(r[i])
	}
	return c
}

// keyRules is the bits of the rules some key of which may be in s: a key
// is in s only if its first rune is among s's runes (a key's first byte
// is never inside another rune, even after a bad byte, which decodes
// alone), so a rule without its bit needs none of its strings.Contains.
// It runs over most lines, so ASCII and the three-byte runes (checked as
// cjkutf8.IsThree does), two at a time where there are, are read from
// words and looked up by their bytes, with no decoding and no call; the
// others are decoded.
func keyRules(s string) uint64 {
	var m uint64
	d := s // sliced as it is read, as in scanRun
	mask, want, bad := pairPattern[0], pairPattern[1], pairPattern[2]
	for len(d) > 0 {
		var c uint32
		n := 1
		if len(d) >= 8 {
			x := load64(d)
			if x&mask == want && (bad>>(x&0x0F))&1 == 0 && (bad>>((x>>24)&0x0F))&1 == 0 {
				c1, c2 := uint32(x)&0xFFFFFF, uint32(x>>24)&0xFFFFFF
				if e := &keyFirsts[(c1*keyHash)>>(32-keyBits)]; e.code == c1 {
					m |= e.rules
				}
				if e := &keyFirsts[(c2*keyHash)>>(32-keyBits)]; e.code == c2 {
					m |= e.rules
				}
				d = d[6:]
				continue
			}
		}
		if len(d) >= 3 {
			// threeAt does not look at a fourth byte: none is read, so
			// that a head's last rune needs no decoding.
			x := uint32(d[0]) | uint32(d[1])<<8 | uint32(d[2])<<16
			if x&0x80 == 0 {
				c = x & 0x7F
			} else if threeAt(x) {
				c, n = x, 3
			}
		}
		if c == 0 {
			var r rune
			if r, n = utf8.DecodeRuneInString(d); r != utf8.RuneError || n > 1 {
				c = runeCode(d[:n])
			}
		}
		if e := &keyFirsts[(c*keyHash)>>(32-keyBits)]; e.code == c {
			m |= e.rules
		}
		d = d[n:]
	}
	return m
}

// mayHoldKey reports whether head holds the first rune of some anchored
// rule's key, without which no anchored rule needs a look at it.
func mayHoldKey(head string) bool {
	return keyRules(head)&anchoredRules != 0
}

// sentencePunct are the marks of a sentence, commonest first: a
// strings.Contains per mark, with the first usually found at once, is
// strings.ContainsAny(line, "，。；！？,;") without a look-up per rune.
var sentencePunct = []string{"，", "。", "；", "！", "？", ",", ";"}

// boilerMaxRunes is the largest maxRunes of boilerRules, and above 60.
var boilerMaxRunes = func() int {
	m := 60
	for _, r := range boilerRules {
		m = max(m, r.maxRunes)
	}
	return m
}()

// lineRunes says whether a line has more than k runes, k at most
// boilerMaxRunes, for boilerplate's limits (60 and the rules' maxRunes).
// A rune takes one to four bytes (a bad byte is a rune of one), so most
// lines are decided by their length in bytes: short ones, and paragraphs
// longer than 4k bytes. The others are counted once, up to the largest
// limit, not to the end of a long line.
type lineRunes struct {
	s     string
	n     int  // runesUpTo(s, boilerMaxRunes+1), or -1 until counted
	valid bool // s is valid UTF-8
}

func (c *lineRunes) over(k int) bool {
	switch {
	case len(c.s) <= k:
		return false
	case len(c.s) > 4*k:
		return true
	}
	return c.count() > k
}

func (c *lineRunes) count() int {
	if c.n < 0 {
		if c.valid {
			c.n = min(validRunes(c.s), boilerMaxRunes+1)
		} else {
			c.n = runesUpTo(c.s, boilerMaxRunes+1)
		}
	}
	return c.n
}

// validRunes is utf8.RuneCountInString(s) for valid UTF-8: its bytes but
// the continuation bytes (10xxxxxx), counted eight at a time.
func validRunes(s string) int {
	cont := 0
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		// Bit 7 of each byte where it is 1 and bit 6 is 0.
		cont += bits.OnesCount64(x &^ (x << 1) & 0x8080808080808080)
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			cont++
		}
	}
	return len(s) - cont
}

// runesUpTo is utf8.RuneCountInString(s), or limit when that is more.
func runesUpTo(s string, limit int) int {
	n := 0
	d := s // sliced as it is read, as in scanRun
	for n < limit && len(d) > 0 {
		// Two three-byte runes at once where there are (see scanRun).
		if len(d) >= 8 && n+2 <= limit {
			x := load64(d)
			if x&0xC0C0F0C0C0F0 == 0x8080E08080E0 && (0x2001>>(x&0x0F))&1 == 0 && (0x2001>>((x>>24)&0x0F))&1 == 0 {
				n += 2
				d = d[6:]
				continue
			}
		}
		// A valid three-byte rune is skipped inline: a call per rune of
		// every line cost more than the counting.
		n++
		if c := d[0]; c < utf8.RuneSelf {
			d = d[1:]
		} else if cjkutf8.IsThree(d, 0) {
			d = d[3:]
		} else {
			_, size := cjkutf8.Decode(d, 0)
			d = d[size:]
		}
	}
	return n
}

// onlyNumbers: page numbers, "(0)" like counters, "……" separators.
func onlyNumbers(s string) bool {
	for _, r := range s {
		if r >= 0x4E00 && r <= 0x9FFF {
			return false // an ideograph (a letter, Lo), the usual first rune: no table search
		}
		if !unicode.IsNumber(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r) && !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func containsAny(s string, keys []string) bool {
	for _, k := range keys {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}
