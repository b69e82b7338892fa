package extract

import (
	"strings"
	"unicode/utf8"
)

// subjectStops end a subject phrase taken after the measure: verbs and
// particles that follow the counted noun (3472名党员集中观展 -> 党员).
var subjectStops = []string{
	"的", "在", "进", "参", "担任", "开展", "到", "为", "实现", "完成", "集中", "常态", "活跃",
	"承担", "亮", "建立", "组建", "联系", "参与", "返乡", "回", "毕业", "入选", "得到", "被", "和", "及", "与",
	"等", "中", "里", "均", "已", "共", "累计", "分别", "达", "全覆盖", "覆盖", "几", "下沉", "进驻", "建设",
}

// subjectVerbs are actions that stand before a counted noun in this genre
// (培育“强社公司”8家, 接收预备党员1810名): the subject is what follows them.
var subjectVerbs = []string{
	"培育", "组建", "建成", "建立", "打造", "推进", "选派", "招聘", "招录", "接收", "培养", "储备", "摸排",
	"确定", "设立", "成立", "开展", "举办", "召开", "解决", "化解", "带动", "增加", "实现", "完成", "发放",
	"促成", "吸纳", "推选", "明确", "选配", "消除", "推动", "引导", "提升", "新建", "改扩建", "调整", "清理",
	"梳理", "表彰", "颁发", "慰问", "反馈", "组织", "达到", "达", "有", "为", "共", "累计", "下辖", "领办",
	"流转", "托管", "服务", "联系", "整顿", "整合", "争取", "申请", "列支", "拍摄制作", "招考", "指导",
	"帮办", "提供", "链接", "招募", "撤销", "督促", "建设", "覆盖", "汇聚", "新安装", "安装", "发布", "整合为",
}

// subjectOf picks what a figure counts: the noun phrase after its measure,
// or, when none follows, the phrase before its number.
func subjectOf(rs []rune, s span) string {
	j := s.end
	k := j
	for k < len(rs) && k-j < 10 && isHan(rs[k]) {
		k++
	}
	after := string(rs[j:k])
	if idx := stopIndex.first(after); idx >= 0 {
		after = after[:idx]
	}
	if len([]rune(after)) >= 2 {
		return after
	}
	// Before: back to a clause mark, then after the last action verb.
	a := s.start
	for a > 0 && s.start-a < 24 && !isClauseEnd(rs[a-1]) && rs[a-1] != '、' && !isDigitRune(rs[a-1]) {
		a--
	}
	before := string(rs[a:s.start])
	if q := trailingQuoted(before); q != "" {
		return q
	}
	before = strings.Trim(before, "“”\"（）() ")
	// Take what follows the last action verb; when a verb ends the phrase
	// (经营性收入增加1.2亿元), take what stands between it and the verb before.
	for range 2 {
		cut, prev := lastVerb(before)
		if cut < 0 {
			break
		}
		if rest := before[cut:]; len([]rune(rest)) >= 2 {
			before = rest
			break
		}
		before = before[:prev]
	}
	before = strings.Trim(before, "“”\"（）() ")
	if r := []rune(before); len(r) > 10 {
		before = string(r[len(r)-10:])
	}
	if before == "" {
		return after
	}
	return before
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

// lastVerb finds the subject verb that ends last in s: its end and start.
func lastVerb(s string) (end, start int) { return verbIndex.last(s) }

// wordSet finds any of a list of words in a short text in one pass.
type wordSet map[rune][]string

func newWordSet(words []string) wordSet {
	ws := wordSet{}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		ws[r] = append(ws[r], w)
	}
	return ws
}

var (
	stopIndex = newWordSet(subjectStops)
	verbIndex = newWordSet(subjectVerbs)
)

// first returns the byte offset of the earliest word occurrence, or -1.
func (ws wordSet) first(s string) int {
	for i, r := range s {
		for _, w := range ws[r] {
			if strings.HasPrefix(s[i:], w) {
				return i
			}
		}
	}
	return -1
}

// last returns the end and start of the occurrence that ends last.
func (ws wordSet) last(s string) (end, start int) {
	end, start = -1, -1
	for i, r := range s {
		for _, w := range ws[r] {
			if strings.HasPrefix(s[i:], w) && i+len(w) > end {
				start, end = i, i+len(w)
			}
		}
	}
	return end, start
}
