package report

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chinese line breaking (禁则). gofpdf's MultiCell and SplitText lose a
// character at every automatic break of Chinese text, so the brief breaks
// its lines itself and prints them one by one.

// lineNoStart may not begin a line: the character before is carried down.
const lineNoStart = "，。、；：？！）》」』”’％〕】〉｝］…·,.;:?!)%]}"

// lineNoEnd may not end a line: it is carried down with the next character.
const lineNoEnd = "（《「『“‘〔【〈｛［([{"

// lineMeasures are the counting words that stay with their number, longest
// first so that 人次 wins over 人 and 个百分点 over 个.
var lineMeasures = []string{
	"个百分点", "平方公里", "平方米", "百分点", "人次", "批次", "场次", "户次", "公里", "千米",
	"小时", "年度", "季度", "元", "名", "个", "人", "户", "件", "次", "家", "项", "%", "％",
	"批", "场", "期", "支", "处", "所", "条", "份", "米", "亩", "年", "月", "日", "天", "轮",
	"座", "间", "套", "台", "吨", "倍", "位", "篇", "节", "张", "本", "册", "类", "组", "届",
	"村", "岁", "周", "分", "只", "辆", "栋", "幢", "层",
}

// lineMultipliers follow a number: 1.2亿, 2.1万, 30余万.
var lineMultipliers = []string{"万亿", "亿", "万", "千", "百", "十"}

const lineCNDigits = "零〇一二两三四五六七八九十百千万亿"

func lineIsDigit(r rune) bool {
	return (r >= '0' && r <= '9') || (r >= '０' && r <= '９')
}

func lineIsLatin(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// breakLines breaks text into lines no wider than width as measure sees
// them, keeping explicit newlines. ASCII spaces at a break are dropped; a
// single unit wider than width (a very long number or word) is cut by
// character as a last resort.
func breakLines(text string, width float64, measure func(string) float64) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, lineBreakPara(para, width, measure)...)
	}
	return out
}

// lineUnit is a piece of text that is never broken inside.
type lineUnit struct {
	text  string
	space bool
}

func lineBreakPara(para string, width float64, measure func(string) float64) []string {
	units := lineUnits(lineAtoms(para))
	var lines []string
	var cur strings.Builder
	curW := 0.0
	flush := func() {
		lines = append(lines, strings.TrimRight(cur.String(), " "))
		cur.Reset()
		curW = 0
	}
	const eps = 1e-9
	for _, u := range units {
		if u.space && cur.Len() == 0 {
			continue
		}
		w := measure(u.text)
		if curW+w <= width+eps {
			cur.WriteString(u.text)
			curW += w
			continue
		}
		if u.space {
			flush()
			continue
		}
		if cur.Len() > 0 && strings.TrimRight(cur.String(), " ") != "" {
			flush()
		} else {
			cur.Reset()
			curW = 0
		}
		if w <= width+eps {
			cur.WriteString(u.text)
			curW = w
			continue
		}
		// Too wide for any line: cut by character, still carrying a
		// character down with closing punctuation.
		rs := []rune(u.text)
		for i := 0; i < len(rs); i++ {
			rw := measure(string(rs[i]))
			if curW+rw > width+eps && cur.Len() > 0 {
				line := []rune(cur.String())
				k := len(line) - 1
				for k > 0 && strings.ContainsRune(lineNoStart, line[k]) {
					k--
				}
				if strings.ContainsRune(lineNoStart, rs[i]) && k > 0 {
					carry := string(line[k:])
					cur.Reset()
					cur.WriteString(string(line[:k]))
					flush()
					cur.WriteString(carry)
					curW = measure(carry)
				} else {
					flush()
				}
			}
			cur.WriteRune(rs[i])
			curW += rw
		}
	}
	if cur.Len() > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// lineUnits glues the atoms into unbreakable units: closing punctuation to
// the atom before it, opening punctuation to the atom after it.
func lineUnits(atoms []string) []lineUnit {
	var units []lineUnit
	pending := "" // opening punctuation waiting for its atom
	for _, a := range atoms {
		first, _ := utf8.DecodeRuneInString(a)
		switch {
		case a == " ":
			if pending != "" {
				pending += a
				continue
			}
			units = append(units, lineUnit{text: a, space: true})
		case pending == "" && len(units) > 0 && !units[len(units)-1].space &&
			(strings.ContainsRune(lineNoStart, first) || (a == "—" && strings.HasSuffix(units[len(units)-1].text, "—"))):
			units[len(units)-1].text += a
		case strings.ContainsRune(lineNoEnd, first) && utf8.RuneCountInString(a) == 1:
			pending += a
		default:
			units = append(units, lineUnit{text: pending + a})
			pending = ""
		}
	}
	if pending != "" {
		if len(units) > 0 && !units[len(units)-1].space {
			units[len(units)-1].text += pending
		} else {
			units = append(units, lineUnit{text: pending})
		}
	}
	return units
}

// lineAtoms splits a paragraph into atoms: a number with its unit, a Latin
// word, an ASCII space, or any other single character.
func lineAtoms(s string) []string {
	rs := []rune(s)
	var atoms []string
	for i := 0; i < len(rs); {
		if n := lineNumber(rs, i); n > i {
			atoms = append(atoms, string(rs[i:n]))
			i = n
			continue
		}
		r := rs[i]
		switch {
		case r == ' ':
			atoms = append(atoms, " ")
			i++
		case lineIsLatin(r):
			j := i + 1
			for j < len(rs) && (lineIsLatin(rs[j]) || (strings.ContainsRune("-_/.&'’", rs[j]) && j+1 < len(rs) && lineIsLatin(rs[j+1]))) {
				j++
			}
			atoms = append(atoms, string(rs[i:j]))
			i = j
		default:
			atoms = append(atoms, string(r))
			i++
		}
	}
	return atoms
}

// lineNumber returns the end of the number group starting at i (i when
// there is none): 第 + digits or Chinese numerals, ranges (5—15) and lists
// (14、15), 余/多, a multiplier and a counting word.
func lineNumber(rs []rune, i int) int {
	start := i
	if rs[i] == '第' && i+1 < len(rs) && (lineIsDigit(rs[i+1]) || strings.ContainsRune(lineCNDigits, rs[i+1])) {
		i++
	}
	j, arabic := lineNumeral(rs, i)
	if j == i {
		return start
	}
	for {
		// range or list: 5—15, 5-15, 5～15, 5至15, 14、15
		k := j
		for k < len(rs) && strings.ContainsRune("—–-~～至到、", rs[k]) && k-j < 2 {
			k++
		}
		if k == j || k >= len(rs) {
			break
		}
		if rs[j] == '、' && (!arabic || k-j != 1) {
			break
		}
		e, ar := lineNumeral(rs, k)
		if e == k || ar != arabic {
			break
		}
		j = e
	}
	j = lineTakeAny(rs, j, []string{"余", "多"})
	withMult := lineTakeAny(rs, j, lineMultipliers)
	if !arabic && withMult != j {
		withMult = j // Chinese numerals already hold their multipliers
	}
	j = withMult
	j = lineTakeAny(rs, j, []string{"余", "多"})
	m := lineTakeAny(rs, j, lineMeasures)
	if !arabic && m == j && start == i {
		// a bare Chinese numeral (一体, 三中全会) is not a number group
		return start
	}
	j = m
	if arabic {
		for j < len(rs) && lineIsLatin(rs[j]) { // 5G, 12355模式
			j++
		}
	}
	return j
}

// lineNumeral reads digits (with inner , and .) or Chinese numerals.
func lineNumeral(rs []rune, i int) (int, bool) {
	if i >= len(rs) {
		return i, false
	}
	if lineIsDigit(rs[i]) {
		j := i + 1
		for j < len(rs) && (lineIsDigit(rs[j]) || (strings.ContainsRune(",.．", rs[j]) && j+1 < len(rs) && lineIsDigit(rs[j+1]))) {
			j++
		}
		return j, true
	}
	j := i
	for j < len(rs) && strings.ContainsRune(lineCNDigits, rs[j]) {
		j++
	}
	return j, false
}

// lineTakeAny consumes the first of words that stands at i.
func lineTakeAny(rs []rune, i int, words []string) int {
	for _, w := range words {
		wr := []rune(w)
		if i+len(wr) <= len(rs) && string(rs[i:i+len(wr)]) == w {
			return i + len(wr)
		}
	}
	return i
}
