package extract

import "sort"

// measures are the counting words a figure may end in, with the form the
// JSON reports. Longer forms are tried first (个百分点 before 个, 人次 before 人).
var measureForms = map[string]string{
	"个百分点": "个百分点",
	"人(次)": "人次", "人（次）": "人次", "人次": "人次",
	"场次": "场次", "批次": "批次", "轮次": "轮次", "个月": "个月",
	"平方公里": "平方公里", "平方米": "平方米", "公里": "公里", "公顷": "公顷",
	"小时": "小时", "分钟": "分钟",
	"元": "元", "名": "名", "人": "人", "个": "个", "家": "家", "件": "件",
	"次": "次", "场": "场", "户": "户", "亩": "亩", "项": "项", "条": "条",
	"批": "批", "期": "期", "枚": "枚", "部": "部", "支": "支", "盏": "盏",
	"处": "处", "%": "%", "％": "%", "倍": "倍", "年": "年", "天": "天",
	"种": "种", "类": "类", "级": "级", "岗": "岗", "笔": "笔", "成": "成",
	"岁": "岁", "步": "步", "所": "所", "座": "座", "间": "间", "套": "套",
	"台": "台", "辆": "辆", "吨": "吨", "位": "位", "篇": "篇", "份": "份",
	"册": "册", "本": "本", "张": "张", "栋": "栋", "幢": "幢", "队": "队",
	"组": "组", "轮": "轮", "宗": "宗", "块": "块",
	// A noun that counts itself: 500多商户 counts households.
	"商户": "户", "农户": "户",
}

// measureList holds the forms as rune slices, longest first.
var measureList = func() [][]rune {
	var out [][]rune
	for k := range measureForms {
		out = append(out, []rune(k))
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return string(out[i]) < string(out[j])
	})
	return out
}()

// measureAt returns the measure starting at i (normalised) and its end.
func measureAt(rs []rune, i int) (string, int) {
	for _, m := range measureList {
		if hasPrefixAt(rs, i, m) {
			return measureForms[string(m)], i + len(m)
		}
	}
	return "", i
}

func hasPrefixAt(rs []rune, i int, p []rune) bool {
	if i+len(p) > len(rs) {
		return false
	}
	for k, r := range p {
		if rs[i+k] != r {
			return false
		}
	}
	return true
}

// multiplierAt reads a chain of multipliers (万, 亿, 千, 百, and 千万, 百亿,
// 万亿 …) and returns the power of ten they add. A chain only grows: a small
// unit (百, 千) may be followed by a big one (万, 亿) and 万 by 亿; 万万 or
// 百千 stop after their first unit.
func multiplierAt(rs []rune, i int) (int, int) {
	exp, prev := 0, 0
	j := i
	for j < len(rs) {
		e := multiplierExp(rs[j])
		if e == 0 {
			break
		}
		if prev != 0 && (e <= prev || e < 4) {
			break
		}
		exp, prev = exp+e, e
		j++
	}
	return exp, j
}

// multiplierExp is the power of ten of one multiplier character, or 0.
func multiplierExp(r rune) int {
	switch r {
	case '百':
		return 2
	case '千':
		return 3
	case '万', '萬':
		return 4
	case '亿', '億':
		return 8
	}
	return 0
}

// Measures lists, sorted, every measure a figure can carry (人(次) is
// reported as 人次), so later stages can check the measures they name.
func Measures() []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range measureForms {
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	sort.Strings(out)
	return out
}
