package extract

import (
	"iter"
	"sort"
	"strings"
	"unicode/utf8"

	"djreport/internal/cjkutf8"
)

// What a figure counts is a noun phrase next to it: after the measure
// (3472名党员集中观展 -> 党员) or, when nothing follows, before the number
// (接收预备党员1810名 -> 预备党员). Without a parser the phrase is cut by
// small word lists; they describe the genre's grammar, not any one report.

// subjectStops end a phrase taken after the measure (verbs and particles
// that follow the counted noun). They count only after the phrase's first
// two characters, so nouns that begin like them (在职党员) stay whole.
var subjectStops = []string{
	"的", "在", "进", "参", "担任", "开展", "到", "为", "实现", "完成", "集中", "常态", "活跃",
	"承担", "亮", "建立", "组建", "联系", "参与", "返乡", "回", "毕业", "入选", "得到", "被", "和", "及", "与",
	"等", "中", "里", "均", "已", "共", "累计", "分别", "达", "全覆盖", "覆盖", "几", "下沉", "进驻", "正",
	"赴", "走访", "走进", "走入", "深入", "发挥", "开设", "纳入", "实施", "提供", "参加", "分拣", "活动", "就业", "务工",
}

// subjectPredicates end the phrase before a number and are dropped from it
// (经营性收入增加1.2亿元, 调解率分别达到98.6%).
var subjectPredicates = []string{
	"达到", "达", "为", "是", "有", "共", "计", "累计", "分别", "合计", "增加", "增长", "增加到", "提高到", "提高",
	"提升", "下降", "减少", "压减至", "压减", "稳定在", "均在", "在", "占", "超过", "约", "近", "超", "过", "逾",
	"新增", "增至", "达至", "突破", "已", "已有", "现有", "同比", "较上年", "比上届", "的",
}

// subjectVerbs are actions that stand before a counted noun (培育“强社公司”8家):
// the subject is what follows the last of them, when at least two
// characters follow.
var subjectVerbs = []string{
	"培育", "组建", "建成", "建立", "打造", "推进", "选派", "招聘", "招录", "接收", "培养", "储备", "摸排",
	"确定", "设立", "成立", "开展", "举办", "召开", "解决", "化解", "带动", "实现", "完成", "发放",
	"促成", "吸纳", "推选", "明确", "选配", "消除", "推动", "引导", "新建", "改扩建", "调整", "清理",
	"梳理", "表彰", "颁发", "慰问", "反馈", "下辖", "领办", "流转", "托管", "整顿", "整合", "争取", "申请",
	"列支", "拍摄制作", "招考", "帮办", "提供", "链接", "招募", "撤销", "督促", "汇聚", "新安装", "安装",
	"发布", "划分", "配备", "选聘", "受理", "落实", "投入", "开发", "发展", "吸引", "回引", "联办", "评选",
	"走访", "取消", "精简", "覆盖", "惠及", "接待", "种植", "举行", "设置", "挂牌", "聘请", "选树", "选拔",
}

// subjectScopes open a phrase without being what is counted (全市2045个).
var subjectScopes = []string{"全市", "全县", "全区", "全省", "全镇", "全乡", "其中", "目前", "截至目前", "迄今", "现", "共", "累计", "另", "年内", "全年"}

var (
	stopIndex = newWordSet(subjectStops)
	verbIndex = newWordSet(subjectVerbs)
)

// subjectOf picks what a figure counts.
func subjectOf(rl runeLine, s span) string {
	rs := rl.rs
	after := subjectAfter(rl, s.end)
	// 总投资超千万元的项目: a figure followed by 的 qualifies what follows;
	// what it measures stands before it.
	attributive := s.end < len(rs) && rs[s.end] == '的'
	if utf8.RuneCountInString(after) >= 2 && !attributive {
		return after
	}
	if before := subjectBefore(rl, s.start); utf8.RuneCountInString(before) >= 2 {
		return before
	}
	return strings.TrimPrefix(after, "的")
}

// subjectAfter is the noun phrase right after the figure, a quoted name
// included (100余家“共富工坊” -> 共富工坊).
func subjectAfter(rl runeLine, j int) string {
	rs := rl.rs
	if j < len(rs) && rs[j] == '“' {
		if k := indexRune(rs[j+1:], '”'); k > 0 && k <= 12 {
			return rl.cut(j+1, j+1+k)
		}
	}
	k := j
	for k < len(rs) && k-j < 10 && (isHan(rs[k]) || (k > j && (rs[k] == '(' || rs[k] == ')' || rs[k] == '（' || rs[k] == '）'))) {
		k++
	}
	// Stops count from the third character on. rs[j:k] holds only Han
	// and brackets, so its string's runes are rs[j:k] again: the phrase is
	// cut on rs without converting back and forth.
	if k-j > 2 {
		tail := rl.cut(j+2, k)
		if idx := stopIndex.first(tail); idx >= 0 {
			if rl.offs != nil {
				// The two runes and the tail are one piece of the text.
				return trimBrackets(rl.text[rl.offs[j] : int(rl.offs[j+2])+idx])
			}
			return trimBrackets(string(rs[j:j+2]) + tail[:idx])
		}
	}
	return trimBrackets(rl.cut(j, k))
}

// subjectBefore is the phrase before the number, back to the clause mark,
// without its predicate, scope words and leading actions.
func subjectBefore(rl runeLine, start int) string {
	rs := rl.rs
	a := start
	for a > 0 && start-a < 24 && !isClauseEnd(rs[a-1]) && rs[a-1] != '、' && !isDigitRune(rs[a-1]) {
		a--
	}
	before := rl.cut(a, start)
	if q := trailingQuoted(before); q != "" {
		return q
	}
	before = trimPredicates(trimBrackets(before))
	// After the last action verb that leaves a phrase of two or more
	// characters: the verbs are found in one walk, and the last that
	// starts before the one tried is taken from them (lastBefore walked the
	// phrase again for each).
	var buf [16]wordAt
	occ := verbIndex.all(before, buf[:0])
	for i := len(before); i > 0; {
		end, begin := -1, -1
		for _, o := range occ {
			if o.start < i && o.end > end {
				begin, end = o.start, o.end
			}
		}
		if end < 0 {
			break
		}
		if utf8.RuneCountInString(before[end:]) >= 2 {
			before = before[end:]
			break
		}
		i = begin
	}
	before = trimBrackets(trimScopes(before))
	return lastRunes(before, 10)
}

// trimPredicates drops, again and again, the predicate that ends the
// phrase (the longest, when several do), unless it is all of it.
func trimPredicates(before string) string {
	for {
		r, _ := utf8.DecodeLastRuneInString(before)
		cut := 0
		for _, w := range predicateEnds.value(r) { // longest first
			if strings.HasSuffix(before, w) {
				cut = len(w)
				break
			}
		}
		if cut == 0 || cut == len(before) {
			return before
		}
		before = before[:len(before)-cut]
	}
}

// predicateEnds are subjectPredicates by their last rune, longest first.
var predicateEnds = func() *probeTable[rune, []string] {
	m := map[rune][]string{}
	for _, w := range subjectPredicates {
		r, _ := utf8.DecodeLastRuneInString(w)
		m[r] = append(m[r], w)
	}
	for _, ws := range m {
		sort.SliceStable(ws, func(i, j int) bool { return len(ws[i]) > len(ws[j]) })
	}
	return newRuneTable(m)
}()

// trimScopes drops the scope words that open the phrase while at least
// two characters follow them; a phrase whose first rune opens no scope
// word, most of them, is passed over without trying each.
func trimScopes(before string) string {
	for changed := true; changed; {
		changed = false
		if r, _ := utf8.DecodeRuneInString(before); !scopeStarts.has(r) {
			return before
		}
		for _, w := range subjectScopes {
			if strings.HasPrefix(before, w) && utf8.RuneCountInString(before) > utf8.RuneCountInString(w)+1 {
				before, changed = before[len(w):], true
			}
		}
	}
	return before
}

// scopeStarts are the first runes of subjectScopes.
var scopeStarts = func() *runeSet {
	var s runeSet
	for _, w := range subjectScopes {
		r, _ := utf8.DecodeRuneInString(w)
		s.add(r)
	}
	return &s
}()

// lastRunes is string([]rune(s)[len-n:]) when s has more than n runes, s
// otherwise: cut from s when the runes it steps back over are valid.
func lastRunes(s string, n int) string {
	// Each rune of valid UTF-8 has one byte that is no continuation byte:
	// counting those back gives the cut without decoding, and the cut is
	// the decoder's exactly when what it keeps is valid (else a bad byte
	// stands in it, U+FFFD in runes).
	i := len(s)
	for k := 0; k < n && i > 0; {
		if i--; s[i]&0xC0 != 0x80 {
			k++
		}
	}
	if !utf8.ValidString(s[i:]) {
		return lastRunesOf(s, n)
	}
	return s[i:]
}

func lastRunesOf(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[len(r)-n:])
	}
	return s
}

// trimBrackets is strings.Trim(s, "“”\"（）() 、"), the runes decoded
// inline: Trim with a cutset beyond ASCII looked each rune up in the
// cutset by a call, at every figure's subject.
func trimBrackets(s string) string {
	for len(s) > 0 {
		r, n := rune(s[0]), 1
		if r >= utf8.RuneSelf {
			if cjkutf8.IsThree(s, 0) {
				r, n = cjkutf8.Three(s, 0), 3
			} else {
				r, n = utf8.DecodeRuneInString(s)
			}
		}
		if !isBracket(r) {
			break
		}
		s = s[n:]
	}
	for len(s) > 0 {
		// The last rune as DecodeLastRuneInString finds it: a three-byte
		// rune IsThree accepts ends s exactly when it stands last.
		r, n := rune(s[len(s)-1]), 1
		if r >= utf8.RuneSelf {
			if len(s) >= 3 && cjkutf8.IsThree(s, len(s)-3) {
				r, n = cjkutf8.Three(s, len(s)-3), 3
			} else {
				r, n = utf8.DecodeLastRuneInString(s)
			}
		}
		if !isBracket(r) {
			break
		}
		s = s[:len(s)-n]
	}
	return s
}

// isBracket: r is one of the runes trimBrackets takes off.
func isBracket(r rune) bool {
	switch r {
	case '“', '”', '"', '（', '）', '(', ')', ' ', '、':
		return true
	}
	return false
}

func indexRune(rs []rune, r rune) int {
	for i, c := range rs {
		if c == r {
			return i
		}
	}
	return -1
}

// trailingQuoted returns the quoted name that ends a phrase (“强社公司”).
func trailingQuoted(s string) string {
	if !strings.HasSuffix(s, "”") {
		return ""
	}
	i := strings.LastIndex(s, "“")
	if i < 0 {
		return ""
	}
	return strings.TrimSuffix(s[i+len("“"):], "”")
}

func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x9fff || r >= 0xf900 && r <= 0xfaff
}

// wordSet finds any of a list of words in a short text in one pass.
type wordSet struct {
	// starts has every BMP rune a word begins with: the runes of a text
	// that begin none, most of them, cost a bit test, not a look-up.
	starts *runeSet
	words  *probeTable[rune, []string] // by first rune, in the list's order
}

func newWordSet(words []string) wordSet {
	ws := wordSet{starts: new(runeSet)}
	m := map[rune][]string{}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		m[r] = append(m[r], w)
		ws.starts.add(r)
	}
	ws.words = newRuneTable(m)
	return ws
}

// at is the words that begin with r.
func (ws wordSet) at(r rune) []string {
	if r < 0x10000 && !ws.starts.has(r) {
		return nil
	}
	return ws.words.value(r)
}

// occurrences yields the byte offset and the word of every occurrence of
// the words in s, by offset, then in the words' order.
func (ws wordSet) occurrences(s string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i := 0; i < len(s); {
			// The rune at i as range gives it, ASCII and the three-byte
			// runes of Chinese inline (cjkutf8): range called the
			// runtime's decoder for every rune, and a helper function is
			// too big to inline.
			r, n := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				if cjkutf8.IsThree(s, i) {
					r, n = cjkutf8.Three(s, i), 3
				} else {
					r, n = utf8.DecodeRuneInString(s[i:])
				}
			}
			for _, w := range ws.at(r) {
				if strings.HasPrefix(s[i:], w) && !yield(i, w) {
					return
				}
			}
			i += n
		}
	}
}

// first returns the byte offset of the earliest word occurrence, or -1.
func (ws wordSet) first(s string) int {
	for i := range ws.occurrences(s) {
		return i
	}
	return -1
}

// wordAt is an occurrence of a word: its byte offsets.
type wordAt struct{ start, end int }

// all appends to occ every occurrence of the words in s (occurrences).
func (ws wordSet) all(s string, occ []wordAt) []wordAt {
	for i, w := range ws.occurrences(s) {
		occ = append(occ, wordAt{i, i + len(w)})
	}
	return occ
}
