package extract

import "strings"

// subjectStops end a subject phrase: verbs and particles that follow the
// counted noun (3472名党员集中观展 -> 党员).
var subjectStops = []string{
	"的", "在", "进", "参", "担任", "开展", "到", "为", "实现", "完成", "集中", "常态", "活跃",
	"承担", "亮", "建立", "组建", "联系", "参与", "返乡", "回", "毕业", "入选", "得到", "被", "和", "及", "与",
	"等", "中", "里", "均", "已", "共", "累计", "分别", "达", "全覆盖", "覆盖",
}

// subjectVerbsBefore are dropped from the end of a subject taken from the
// text before the number (接收预备党员1810名 keeps 预备党员).
var subjectLeads = []string{
	"达到", "达", "共", "累计", "分别", "为", "有", "超过", "约", "近", "超", "过", "逾", "计", "新增", "增加", "合计", "总数",
}

// subjectOf picks what a figure counts: the noun phrase after its measure,
// or, when none follows, the phrase before its number.
func subjectOf(rs []rune, s span) string {
	// After: up to a clause mark, at most 8 runes, cut at a stop word.
	j := s.end
	k := j
	for k < len(rs) && k-j < 10 && isHan(rs[k]) {
		k++
	}
	after := string(rs[j:k])
	for _, w := range subjectStops {
		if idx := strings.Index(after, w); idx >= 0 {
			after = after[:idx]
		}
	}
	if len([]rune(after)) >= 2 {
		return after
	}
	// Before: back to a clause mark or another figure, at most 10 runes.
	b := s.start
	a := b
	for a > 0 && b-a < 12 && (isHan(rs[a-1]) || rs[a-1] == '“' || rs[a-1] == '”') && rs[a-1] != '、' {
		a--
	}
	before := strings.Trim(string(rs[a:b]), "“”")
	for changed := true; changed; {
		changed = false
		for _, w := range subjectLeads {
			if strings.HasSuffix(before, w) {
				before = strings.TrimSuffix(before, w)
				changed = true
			}
		}
	}
	if len([]rune(before)) > 8 {
		r := []rune(before)
		before = string(r[len(r)-8:])
	}
	if before == "" {
		return after
	}
	return before
}

func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x9fff || r >= 0xf900 && r <= 0xfaff
}
