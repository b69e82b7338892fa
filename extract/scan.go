package extract

import (
	"math"
	"slices"
	"strings"
	"unicode"
)

// span is one figure found in a line: rune offsets of its quote, and its
// parsed value. Offsets index the line's runes, which are the same in the
// original and the simplified text.
type span struct {
	start, end int
	numStart   int // where the first number begins (after a prefix qualifier)
	value      float64
	max        *float64
	measure    string
	qualifier  string
}

// number is one parsed numeral with its own approximation word and multiplier.
type number struct {
	start, end int
	d          decimal
	chinese    bool
	bare       bool // only units (千, 百): a figure only with an approximation word
	exp        int  // multiplier power of ten (万 = 4)
	hasMult    bool
	qualifier  string
	plus       float64 // a lower part written after the multiplier (1亿2000万: 2000万)
	// An estimate written with two neighbouring last digits (十五六万,
	// 二十七八个, 一百二三十) is a range: d is its lower end, upper its upper.
	upper    decimal
	hasUpper bool
}

func (n number) value() float64 { return n.d.shift(n.exp) + n.plus }

// prefixQualifiers stand before a number; longest first.
var prefixQualifiers = [][]rune{
	[]rune("不少于"), []rune("不低于"), []rune("不超过"), []rune("不足"), []rune("不到"),
	[]rune("超过"), []rune("突破"), []rune("将近"), []rune("接近"), []rune("大约"),
	[]rune("超"), []rune("逾"), []rune("近"), []rune("约"), []rune("过"),
}

// approxWord is string(r) for 余 or 多, without allocating.
func approxWord(r rune) string {
	if r == '余' {
		return "余"
	}
	return "多"
}

// prefixQualifierWords are prefixQualifiers as strings, made once: a figure
// takes one without allocating.
var prefixQualifierWords = func() []string {
	ws := make([]string, len(prefixQualifiers))
	for i, q := range prefixQualifiers {
		ws[i] = string(q)
	}
	return ws
}()

// notQualifierBefore lists characters that, standing before a one-character
// qualifier, make it part of another word (通过, 签约, 附近, 最近).
var notQualifierBefore = map[rune]string{
	'过': "通经超度越跨错路不难走跑看做办去到来用听见历参学读吃住干当",
	'约': "签制节公契预邀相履合条大集违特婚",
	'近': "最附接将靠邻贴亲",
	'超': "赶高",
}

// suffixQualifiers follow the measure; longest first.
var suffixQualifiers = [][]rune{[]rune("以上"), []rune("左右"), []rune("以下"), []rune("以内"), []rune("余"), []rune("多")}

func isDigitRune(r rune) bool { _, ok := digitOf(r); return ok }

func isChineseNumeralStart(r rune) bool {
	if _, ok := chineseDigit(r); ok {
		return true
	}
	_, ok := smallUnit(r)
	return ok
}

func isASCIILetter(r rune) bool {
	return r < 128 && (unicode.IsLetter(r) || r == '_')
}

// quoteMask marks the runes inside quotation marks that name something
// (“12355”模式, “三支队伍”, 《条例》): numbers there are names, not figures.
// Long quotations with clause punctuation are speech and stay unmasked.
//
// openers are the places of rs's opening quotes (quoteOpeners), which
// scanSpans lists with the runes that may start a figure, in one pass.
//
// buf, when it has room, holds the mask (the caller reuses it from line to
// line); a line without a quoted name gets nil.
func quoteMask(rs []rune, openers []int32, buf []bool) []bool {
	var mask []bool
	next := 0 // the walk goes on here: the runes of a quote open nothing
	for _, o := range openers {
		i := int(o)
		if i < next {
			continue
		}
		closer, _ := closingQuote(rs[i])
		straight := rs[i] == '"'
		if straight {
			closer = '"'
		}
		j := i + 1
		for j < len(rs) && rs[j] != closer && j-i <= 60 {
			j++
		}
		if j >= len(rs) || rs[j] != closer {
			continue
		}
		inner := rs[i+1 : j]
		name := rs[i] == '《' || rs[i] == '〈' || isNameLike(inner)
		if !name && !straight {
			// Speech: its figures count, but a title or a short name
			// quoted inside it (《条例》, ‘三个一’) is still a name.
			continue
		}
		if name {
			if mask == nil {
				if cap(buf) >= len(rs) {
					mask = buf[:len(rs)]
					clear(mask)
				} else {
					mask = make([]bool, len(rs))
				}
			}
			for k := i; k <= j; k++ {
				mask[k] = true
			}
		}
		next = j + 1
	}
	return mask
}

// startOrQuote has two bits per BMP rune, at 2*(r%32) of word r/32: the
// low one set where mayStartFigure has r, the high one where quoteOpeners
// has it, so that one load per rune gives both.
var startOrQuote = func() *[0x10000 / 32]uint64 {
	var t [0x10000 / 32]uint64
	for r := rune(0); r < 0x10000; r++ {
		if mayStartFigure.has(r) {
			t[r/32] |= 1 << (r % 32 * 2)
		}
		if quoteOpeners.has(r) {
			t[r/32] |= 2 << (r % 32 * 2)
		}
	}
	return &t
}()

// quoteOpeners are the runes closingQuote closes, and '"'.
var quoteOpeners = func() *runeSet {
	var s runeSet
	for r := rune(0); r < 0x10000; r++ {
		if _, ok := closingQuote(r); ok || r == '"' {
			s.add(r)
		}
	}
	return &s
}()

func closingQuote(r rune) (rune, bool) {
	switch r {
	case '“':
		return '”', true
	case '「':
		return '」', true
	case '『':
		return '』', true
	case '《':
		return '》', true
	case '‘':
		return '’', true
	case '〈':
		return '〉', true
	}
	return 0, false
}

// isNameLike: short, without the punctuation of a spoken clause.
func isNameLike(inner []rune) bool {
	if len(inner) > 16 {
		return false
	}
	for _, r := range inner {
		switch r {
		case '，', '。', '！', '？', '；', ',', '…', '!', '?', ';':
			return false
		}
	}
	return true
}

// readNumber parses the numeral at i with its multiplier and approximation
// words (30余万元: 30, 余, 万; 4万余名: 4, 万, 余).
func readNumber(rs []rune, i int, allowBareBig bool) (number, bool) {
	n := number{start: i}
	j := i
	switch {
	case isDigitRune(rs[i]):
		d, e, ok := arabicAt(rs, i)
		if !ok {
			return n, false
		}
		n.d, j = d, e
	case isChineseNumeralStart(rs[i]):
		v, e, bare, ok := chineseAt(rs, i)
		if !ok {
			return n, false
		}
		n.d, j, n.chinese, n.bare = decimal{mant: v}, e, true, bare
		// A Chinese decimal: 三点五亿元, 百分之七点二.
		if !bare && j+1 < len(rs) && rs[j] == '点' {
			k := j + 1
			d := n.d
			for k < len(rs) && d.scale < 6 {
				dv, isD := chineseDigit(rs[k])
				if !isD || rs[k] == '两' {
					break
				}
				d.mant = d.mant*10 + int64(dv)
				d.scale++
				k++
			}
			if k > j+1 {
				n.d, j = d, k
			}
		}
		if !bare && n.d.scale == 0 {
			j = n.readEstimatePair(rs, i, j)
		}
	default:
		if _, big := bigUnit(rs[i]); big && allowBareBig {
			n.d, n.chinese, n.bare = decimal{mant: 1}, true, true
		} else {
			return n, false
		}
	}
	if j < len(rs) && (rs[j] == '余' || rs[j] == '多') {
		n.qualifier = approxWord(rs[j])
		j++
	} else if j < len(rs) && rs[j] == '来' && j > i && isRoundEnd(rs[j-1]) {
		// 十来位, 二十来个, 30来人: 来 after a round number is "about", like 余;
		// elsewhere 来 is a verb or 以来 (三年来).
		if m, _ := measureAt(rs, j+1); m != "" {
			n.qualifier = "来"
			j++
		}
	}
	exp, e := multiplierAt(rs, j)
	if exp > 0 {
		n.exp, n.hasMult, j = exp, true, e
		if n.qualifier == "" {
			j = n.readLowerPart(rs, j)
		}
		if n.qualifier == "" && j < len(rs) && (rs[j] == '余' || rs[j] == '多') {
			n.qualifier = approxWord(rs[j])
			j++
		}
	}
	n.end = j
	return n, true
}

// readEstimatePair reads the second of two neighbouring last digits of a
// Chinese numeral (十五六万: 15–16万; 一百二三十: 120–130). Only a digit
// that follows a unit qualifies: leading pairs (三四名, 二三十名) stay vague
// amounts, as before. The estimate is reported as a range without a
// qualifier, as 3—5万元 is.
func (n *number) readEstimatePair(rs []rune, i, j int) int {
	if j >= len(rs) || j-2 < i {
		return j
	}
	d, ok := chineseDigit(rs[j-1])
	if !ok || d == 0 || rs[j] == '两' {
		return j
	}
	next, ok := chineseDigit(rs[j])
	if !ok || next != d+1 {
		return j
	}
	prevUnit, small := smallUnit(rs[j-2])
	if !small {
		if _, big := bigUnit(rs[j-2]); !big {
			return j
		}
		prevUnit = 10000
	}
	k, u := j+1, int64(1)
	if k < len(rs) {
		if su, ok := smallUnit(rs[k]); ok && su < prevUnit {
			u, k = int64(su), k+1
		}
	}
	if u == 1 && small && prevUnit > 10 {
		return j // 一百二三: without a unit the pair is not a range of ones
	}
	base := n.d.mant - int64(d)
	n.d = decimal{mant: base + int64(d)*u}
	n.upper, n.hasUpper = decimal{mant: base + int64(next)*u}, true
	return k
}

// readLowerPart reads the lower part of an Arabic amount written in two
// parts (1亿2000万元, 3万5千元): digits right after a closing 万 or 亿,
// with a multiplier of their own that keeps them below that unit.
func (n *number) readLowerPart(rs []rune, j int) int {
	if n.chinese || j >= len(rs) || !(isDigitRune(rs[j]) || isChineseNumeralStart(rs[j])) {
		return j
	}
	unit := multiplierExp(rs[j-1])
	if unit < 4 {
		return j
	}
	// 3万两千元: the lower part in Chinese numerals, ending in a unit of its
	// own (两千, 五百) or followed by a multiplier (1亿两千万).
	if !isDigitRune(rs[j]) {
		v, e, bare, ok := chineseAt(rs, j)
		if !ok || bare {
			return j
		}
		exp, e2 := multiplierAt(rs, e)
		if _, endsInUnit := smallUnit(rs[e-1]); !endsInUnit && exp == 0 {
			return j
		}
		lower := decimal{mant: v}.shift(exp)
		if lower <= 0 || lower >= math.Pow10(unit) {
			return j
		}
		n.plus = lower
		return e2
	}
	d, e, ok := arabicAt(rs, j)
	if !ok || d.scale != 0 {
		return j
	}
	exp, e2 := multiplierAt(rs, e)
	if exp == 0 || exp >= unit {
		return j
	}
	lower := d.shift(exp)
	if lower <= 0 || lower >= math.Pow10(unit) {
		return j
	}
	n.plus = lower
	return e2
}

// rangeSepAt reports a range separator (5—15, 5至15) at j and its end.
func rangeSepAt(rs []rune, j int) (int, bool) {
	if j >= len(rs) {
		return j, false
	}
	switch rs[j] {
	case '—', '–', '－', '-', '~', '～', '至', '到':
		k := j + 1
		if rs[j] == '—' && k < len(rs) && rs[k] == '—' {
			k++
		}
		return k, true
	}
	return j, false
}

// scanLine finds every figure of one line of simplified text.
func scanLine(rs []rune) []span {
	var b scanBuf
	return b.line(rs)
}

// scanBuf is scanLine's memory, reused from line to line of a document
// and from document to document (figures copy what they keep of a span):
// growing a slice of spans per line was a tenth of extraction's bytes.
type scanBuf struct {
	spans  []span
	mask   []bool
	cand   []int32 // the runes of a line that may start a figure
	quotes []int32 // and its opening quotes
}

// line is scanLine appending to b.spans; the spans it returns stay valid
// until b is reused by another document, and their slice is capped, so an
// append to it never writes over the next line's.
func (b *scanBuf) line(rs []rune) []span {
	if cap(b.mask) < len(rs) {
		b.mask = make([]bool, 0, max(len(rs), 256))
	}
	start := len(b.spans)
	b.spans = scanSpans(b.spans, rs, b)
	spans := dropStagePlans(rs, b.spans[start:])
	b.spans = b.spans[:start+len(spans)]
	return b.spans[start:len(b.spans):len(b.spans)]
}

// stageYears are the steps of a plan's timetable (一年打基础、两年见成效、
// 三年上台阶): the years name its stages, they count nothing.
var stageYears = [][]rune{[]rune("一年"), []rune("两年"), []rune("二年"), []rune("三年")}

// dropStagePlans removes the Chinese-numeral years of a staged timetable: a
// 一年 followed within a few clauses by 两年/二年 and 三年.
func dropStagePlans(rs []rune, spans []span) []span {
	// Only years are dropped: a line with none is not searched.
	years := false
	for i := range spans {
		years = years || spans[i].measure == "年"
	}
	if !years {
		return spans
	}
	at := func(w []rune, from, to int) int {
		for i := from; i+len(w) <= min(to, len(rs)); i++ {
			if hasPrefixAt(rs, i, w) {
				return i
			}
		}
		return -1
	}
	var stages [][2]int // [start, end) of each timetable
	for i := 0; i < len(rs); i++ {
		if !hasPrefixAt(rs, i, stageYears[0]) {
			continue
		}
		two := at(stageYears[1], i+2, i+20)
		if two < 0 {
			two = at(stageYears[2], i+2, i+20)
		}
		if two < 0 {
			continue
		}
		if three := at(stageYears[3], two+2, two+20); three >= 0 {
			stages = append(stages, [2]int{i, three + 2})
			i = three + 1
		}
	}
	if len(stages) == 0 {
		return spans
	}
	kept := spans[:0]
	for _, s := range spans {
		inside := false
		for _, st := range stages {
			if s.measure == "年" && s.start >= st[0] && s.end <= st[1] {
				inside = true
			}
		}
		if !inside {
			kept = append(kept, s)
		}
	}
	return kept
}

// percentRunes is 百分之, made once, not at every rune.
var percentRunes = []rune("百分之")

// mayStartFigure holds every BMP rune scanSpans looks further at (a digit,
// a Chinese numeral, 万 and 亿, the 百 of 百分之): most runes of a line are
// passed over after one bit test instead of four switches.
var mayStartFigure = func() *runeSet {
	var s runeSet
	for r := rune(0); r < 0x10000; r++ {
		_, big := bigUnit(r)
		if isDigitRune(r) || isChineseNumeralStart(r) || big || r == percentRunes[0] {
			s.add(r)
		}
	}
	return &s
}()

// scanSpans appends the spans of rs to out; b lends its mask buffer.
func scanSpans(out []span, rs []rune, b *scanBuf) []span {
	var pending []number // numbers of a list waiting for the shared unit (14、15个百分点)
	// The runes that may start a figure are listed first, each written
	// and kept by a count that grows by 0 or 1, as lineHits lists words:
	// a branch per rune on a numeral, common and in no pattern, was often
	// mispredicted. The loop then goes from one to the next at or after
	// where it stands. The opening quotes are listed in the same pass, for
	// quoteMask.
	cand := slices.Grow(b.cand[:0], len(rs))[:len(rs)]
	quotes := slices.Grow(b.quotes[:0], len(rs))[:len(rs)]
	nc, nq := spanCands(rs, cand, quotes)
	b.cand, cand = cand, cand[:nc]
	b.quotes = quotes
	mask := quoteMask(rs, quotes[:nq], b.mask)
	ci := 0
	for i := 0; i < len(rs); i++ {
		for ci < len(cand) && int(cand[ci]) < i {
			ci++
		}
		if ci == len(cand) {
			break
		}
		i = int(cand[ci])
		r := rs[i]
		percentWord := hasPrefixAt(rs, i, percentRunes)
		_, big := bigUnit(r)
		if !isDigitRune(r) && !isChineseNumeralStart(r) && !percentWord && !big {
			continue
		}
		if mask != nil && mask[i] {
			continue
		}
		qual, qstart := prefixQualifierBefore(rs, i)
		if qual == "" && isBareMagnitudeUp(rs, i) {
			qual, qstart = "上", i-1 // 上千亩, 上千万元: at least that many, like 超千万元
		}
		bareBig := big && (qual != "" || (i+1 < len(rs) && (rs[i+1] == '余' || rs[i+1] == '多')))
		if big && !isDigitRune(r) && !bareBig {
			continue
		}
		if skipByContext(rs, i) {
			i = skipOrdinalChain(rs, i, skipNumeral(rs, i))
			pending = nil
			continue
		}
		if percentWord {
			if i+3 >= len(rs) {
				break
			}
			n, ok := readNumber(rs, i+3, false)
			if !ok {
				i += 2
				continue
			}
			s := span{start: i, end: n.end, numStart: i, value: n.value(), measure: "%", qualifier: qual}
			if qual != "" {
				s.start = qstart
			}
			if n.qualifier != "" {
				s.qualifier = n.qualifier
			}
			if sq, e := suffixQualifierAt(rs, s.end); sq != "" && s.qualifier == "" {
				s.qualifier, s.end = sq, e
			}
			out = append(out, s)
			i = s.end - 1
			pending = nil
			continue
		}
		n, ok := readNumber(rs, i, bareBig)
		if !ok {
			continue
		}
		// The numeral must not continue a Latin token (5A级, v2, content_50650).
		if n.end < len(rs) && isASCIILetter(rs[n.end]) && !n.hasMult {
			i = n.end - 1
			pending = nil
			continue
		}
		j := n.end
		var hi *number
		if k, ok := rangeSepAt(rs, j); ok && k < len(rs) && (isDigitRune(rs[k]) || (n.chinese && isChineseNumeralStart(rs[k]))) {
			if m, ok := readNumber(rs, k, false); ok && m.chinese == n.chinese {
				hi = &m
				j = m.end
			}
		}
		measure, mend := measureAt(rs, j)
		// 680 名: a space between digits and their counting word, as text
		// pasted from a form or a PDF has it (not after a code with leading
		// zeros: an e-paper's 00015 版).
		if measure == "" && !n.chinese && rs[n.start] != '0' && j+1 < len(rs) && (rs[j] == ' ' || rs[j] == '\u00a0') && isHanRune(rs[j+1]) {
			if m, e := measureAt(rs, j+1); m != "" && m != "年" && m != "月" {
				measure, mend = m, e
			}
		}
		// 7大片区, 4大类: with Arabic digits the 大 is emphasis and the measure
		// follows it (六大攻坚, in Chinese numerals, stays a slogan).
		if measure == "" && !n.chinese && j < len(rs) && rs[j] == '大' {
			if m, e := measureAt(rs, j+1); m != "" {
				measure, mend = m, e
			}
		}
		// 十四五期间: 期间 is "during", not a count of periods.
		if measure == "期" && mend < len(rs) && rs[mend] == '间' {
			measure, mend = "", j
		}
		// 3个多月: the approximation word stands inside 个月.
		if measure == "个" && mend+1 < len(rs) && (rs[mend] == '多' || rs[mend] == '余') && rs[mend+1] == '月' && n.qualifier == "" {
			n.qualifier = string(rs[mend])
			measure, mend = "个月", mend+2
		}
		// 48万农民, 6万多移民: a noun for people right after the number
		// counts itself, as 人 (3.2万群众 is not a count of 群).
		for _, w := range peopleNouns {
			if hasPrefixAt(rs, j, w) {
				measure, mend = "人", j+len(w)
				break
			}
		}
		if measure == "" {
			// A list member without its own unit: wait for the next member.
			if hi == nil && j < len(rs) && (rs[j] == '、' || rs[j] == '和' || rs[j] == '及') && j+1 < len(rs) && isDigitRune(rs[j+1]) && !n.chinese {
				pending = append(pending, n)
			} else {
				pending = nil
			}
			i = j - 1
			continue
		}
		// Bare units (千, 百) are figures only when approximated (超千万元).
		if n.bare && qual == "" && n.qualifier == "" {
			i = mend - 1
			pending = nil
			continue
		}
		s := span{start: n.start, end: mend, numStart: n.start, measure: measure}
		if qual != "" {
			s.start, s.qualifier = qstart, qual
		}
		if n.qualifier != "" {
			s.qualifier = n.qualifier
		}
		if hi == nil && (s.start == 0 || rs[s.start-1] != '从') {
			// 20%—30%, 3万元—5万元: a range whose ends both carry the
			// measure (从3个到10个 is a change, not a range).
			if k, ok := rangeSepAt(rs, mend); ok && k < len(rs) && (isDigitRune(rs[k]) || (n.chinese && isChineseNumeralStart(rs[k]))) {
				if m, ok := readNumber(rs, k, false); ok && m.chinese == n.chinese && m.qualifier == "" {
					if m2, e := measureAt(rs, m.end); m2 == measure && m.value() > n.value() {
						hi, mend = &m, e
						s.end = e
					}
				}
			}
		}
		if hi != nil {
			if !n.hasMult && hi.hasMult {
				n.exp = hi.exp
			}
			v := hi.value()
			s.max = &v
			if hi.qualifier != "" {
				s.qualifier = hi.qualifier
			}
		}
		if hi == nil && n.hasUpper {
			v := n.upper.shift(n.exp)
			s.max = &v
		}
		s.value = n.value()
		end := mend
		if sq, e := suffixQualifierAt(rs, end); sq != "" && s.qualifier == "" && suffixFits(rs, measure, sq, e) {
			s.qualifier, end = sq, e
		}
		s.end = end
		if !keepFigure(rs, n, s) {
			i = end - 1
			pending = nil
			continue
		}
		for _, p := range pending {
			if !p.hasMult {
				p.exp = n.exp
			}
			out = append(out, span{start: p.start, end: p.end, numStart: p.start, value: p.value(), measure: measure, qualifier: p.qualifier})
		}
		pending = nil
		out = append(out, s)
		i = end - 1
	}
	return out
}

// spanCands is scanSpans' first pass, on its own so that its values stay
// in registers (in scanSpans they were spilled at every rune; it is kept
// from being inlined back, which cost 7% of BenchmarkScanSpans): it lists
// in cand the runes that may start a figure and in quotes the opening
// quotes, and returns how many of each.
//
//go:noinline
func spanCands(rs []rune, cand, quotes []int32) (nc, nq int) {
	cand, quotes = cand[:len(rs)], quotes[:len(rs)]
	for i, r := range rs {
		cand[nc], quotes[nq] = int32(i), int32(i)
		bits := uint64(1) // above the BMP: looked at further, as before
		if u := uint32(r); u < 0x10000 {
			bits = startOrQuote[u>>5] >> (u & 31 * 2)
		}
		nc += int(bits & 1)
		nq += int(bits >> 1 & 1)
	}
	return nc, nq
}

// isBareMagnitudeUp: 上 before a bare 百/千/万/亿 (上千亩, 上万人) says "reaching
// that many"; 成千上万 and 上百次 inside a set phrase stay vague.
func isBareMagnitudeUp(rs []rune, i int) bool {
	if i == 0 || rs[i-1] != '上' || !strings.ContainsRune("百千万亿", rs[i]) {
		return false
	}
	if i >= 2 && strings.ContainsRune("成千百数", rs[i-2]) {
		return false // 成千上万, 数以…: no number at all
	}
	return true
}

// prefixQualifierEnds holds the last rune of every prefix qualifier: most
// numbers follow none, and are passed over without trying each word.
var prefixQualifierEnds = func() *runeSet {
	var s runeSet
	for _, q := range prefixQualifiers {
		s.add(q[len(q)-1])
	}
	return &s
}()

// prefixQualifierBefore finds an approximation word ending right before i.
func prefixQualifierBefore(rs []rune, i int) (string, int) {
	if i == 0 || i <= len(rs) && rs[i-1] < 0x10000 && !prefixQualifierEnds.has(rs[i-1]) {
		return "", i
	}
	for qi, q := range prefixQualifiers {
		k := i - len(q)
		if k < 0 || !hasPrefixAt(rs, k, q) {
			continue
		}
		if len(q) == 1 && k > 0 {
			if bad, ok := notQualifierBefore[q[0]]; ok && containsRune(bad, rs[k-1]) {
				continue
			}
		}
		return prefixQualifierWords[qi], k
	}
	return "", i
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

// suffixFits tells an approximation word after the measure (1年多, 3名以上)
// from the first character of the next word (5个多功能站, 3名多年): 余 and 多
// follow a measure of time, or stand last before punctuation.
func suffixFits(rs []rune, measure, q string, end int) bool {
	if q != "余" && q != "多" {
		return true
	}
	switch measure {
	case "年", "个月", "天", "小时", "分钟":
		return true
	}
	// 6亩多的耕地: 的 closes the figure as punctuation does.
	return end >= len(rs) || !isHanRune(rs[end]) || rs[end] == '的'
}

func isHanRune(r rune) bool {
	return r >= 0x3400 && r <= 0x9fff || r >= 0xf900 && r <= 0xfaff
}

// suffixQualifierWords are suffixQualifiers as strings, made once.
var suffixQualifierWords = func() []string {
	ws := make([]string, len(suffixQualifiers))
	for i, q := range suffixQualifiers {
		ws[i] = string(q)
	}
	return ws
}()

func suffixQualifierAt(rs []rune, i int) (string, int) {
	for qi, q := range suffixQualifiers {
		if hasPrefixAt(rs, i, q) {
			return suffixQualifierWords[qi], i + len(q)
		}
	}
	return "", i
}

// skipByContext rejects numerals whose left neighbour makes them ordinals
// (第三), rates per unit (每千户), weekdays (周二), parts of a Latin token or
// of a longer numeral run (ICP numbers, times).
func skipByContext(rs []rune, i int) bool {
	if i == 0 {
		return false
	}
	p := rs[i-1]
	switch {
	case p == '第' || p == '每' || p == '周' || p == '初':
		return true
	case i >= 2 && rs[i-2] == '共' && p == '印':
		return true // a brief's print run (共印60份) is page furniture
	case isASCIILetter(p) || p == '/' || p == '\\' || p == '#' || p == '.':
		return true
	case (p == ':' || p == '：') && i >= 2 && isDigitRune(rs[i-2]):
		return true
	case isDigitRune(p):
		return true
	}
	if i >= 2 && rs[i-2] == '星' && p == '期' {
		return true
	}
	// 几十年, 数百名, 十几个: vague amounts, not figures.
	if (p == '几' || p == '数') && !isDigitRune(rs[i]) {
		return true
	}
	// Chinese digits one after another: a year written digit by digit
	// (二〇二四年) or an estimate (三四名, 一两年). A lexical 一 before a
	// numeral (统一三项) does not start such a run.
	if _, d := chineseDigit(rs[i]); d {
		if _, pd := chineseDigit(p); pd {
			if p != '一' || rs[i] == '两' {
				return true
			}
			if i >= 2 {
				if _, ppd := chineseDigit(rs[i-2]); ppd {
					return true
				}
			}
		}
	}
	return false
}

// skipOrdinalChain extends a skip past the members of a list or range that
// share an ordinal's 第 (第1、2批, 第三至五届): end is the last rune skipped.
func skipOrdinalChain(rs []rune, i, end int) int {
	if i == 0 || rs[i-1] != '第' {
		return end
	}
	for {
		k := end + 1
		if k >= len(rs) {
			return end
		}
		if rs[k] == '、' || rs[k] == '和' || rs[k] == '及' {
			k++
		} else if k2, ok := rangeSepAt(rs, k); ok {
			k = k2
		} else {
			return end
		}
		if k >= len(rs) || !(isDigitRune(rs[k]) || isChineseNumeralStart(rs[k])) {
			return end
		}
		end = skipNumeral(rs, k)
	}
}

// skipNumeral moves past the numeral at i.
func skipNumeral(rs []rune, i int) int {
	j := i
	for j < len(rs) && (isDigitRune(rs[j]) || isChineseNumeralStart(rs[j]) || isDecimalPoint(rs[j]) || rs[j] == ',') {
		j++
	}
	if j == i {
		return i
	}
	return j - 1
}

// keepFigure applies the rules that tell a figure from a date, a time or a
// lexical numeral.
func keepFigure(rs []rune, n number, s span) bool {
	v := s.value
	// Years: 2024年, 2023届, 2023级 are dates.
	if (s.measure == "年" || s.measure == "届" || s.measure == "级") && !n.chinese && !n.hasMult && n.d.scale == 0 && v >= 1900 && v <= 2100 {
		return false
	}
	// 35岁以下的党员, 35岁及以下: an age bound describes whom the next figure
	// counts; it is not a figure (labelled optional or left out throughout
	// the corpus).
	if s.measure == "岁" && (s.qualifier == "以下" || s.qualifier == "以上") {
		return false
	}
	// A decade (20世纪80年代, 90年代初) dates, it counts nothing.
	if s.measure == "年" && s.end < len(rs) && rs[s.end] == '代' {
		return false
	}
	// A time of day: 10:09.
	if n.end < len(rs) && (rs[n.end] == ':' || rs[n.end] == '：') && n.end+1 < len(rs) && isDigitRune(rs[n.end+1]) {
		return false
	}
	// A time relative to now (三年前, 5天前) dates something; it counts nothing.
	if (s.measure == "年" || s.measure == "天" || s.measure == "个月") && s.end < len(rs) && (rs[s.end] == '前' || rs[s.end] == '后') {
		return false
	}
	// A level that names what follows (二级网格, 市县两级联动) is a name,
	// not a count; a count of levels stands last (薪酬等级十八级) or with an
	// approximation word. A term of a congress (二十届三中全会, 十四届人大)
	// is an ordinal written without 第; 连续三届获评 counts terms.
	if s.qualifier == "" && s.end < len(rs) && isHanRune(rs[s.end]) && rs[s.end] != '的' {
		if s.measure == "级" {
			return false
		}
		if s.measure == "届" && (v >= 10 || isChineseNumeralStart(rs[s.end])) {
			return false
		}
	}
	// 点击：198次, 阅读:3万次: a page's counter is page furniture.
	if afterPageCounter(rs, s.start) {
		return false
	}
	// 1对1帮扶, 一对一: a pairing, not a count of pairs.
	if s.measure == "对" && s.end < len(rs) && (isDigitRune(rs[s.end]) || isChineseNumeralStart(rs[s.end])) {
		return false
	}
	if n.chinese {
		// 零 alone is lexical (零件, 零距离, 零容忍).
		if v == 0 {
			return false
		}
		// 一 alone is lexical (一批, 一线, 一个个, 一年来), except an
		// approximate share (近一成, 一成左右; 一成不变 stays an idiom).
		if v == 1 && !(s.measure == "成" && s.qualifier != "") {
			return false
		}
		// A lone 二 before a measure is an ordinal or a name (二级, 二把手,
		// 二类): a count of two is written 两.
		if rs[n.start] == '二' && n.end == n.start+1 {
			return false
		}
		// A numeral next to another across one character is a set phrase
		// (三天两头, 三番五次, 四面八方, 五个一, 一日三餐, 两学一做); an
		// enumeration 一是 / 二是 opens a sentence and does not count.
		if s.end < len(rs) && isChineseNumeralStart(rs[s.end]) && s.max == nil {
			return false
		}
		if k := n.start; k >= 2 && isHanRune(rs[k-1]) && rs[k-1] != '是' && !isChineseNumeralStart(rs[k-1]) {
			if _, d := chineseDigit(rs[k-2]); d {
				return false
			}
		}
		// A small Chinese numeral (to 十) with 个 is usually a slogan (两个确立,
		// 四个意识, 三个代表, 十个注重), unless what follows names places or
		// bodies (五个片区, 三个乡镇, 两个工作组). With a counting word of kinds
		// or parts (三类人才, 三张清单, 三项标准, 四步法, 十种情形) it names a
		// set of categories, as gold/SCHEMA.md's 三支队伍 does: across the
		// corpus's gold such figures are at most optional, while the small
		// Chinese counts that are figures count people, places or bodies.
		if (s.measure == "个" || categoryMeasures[s.measure]) && v <= 10 && s.qualifier == "" && !countsPlacesOrBodies(rs, s.end) {
			return false
		}
		// A duration in a small Chinese numeral (三年行动, 五年计划, 这两年,
		// 连续三年) names a plan or dates something; the corpus's gold has it
		// optional throughout. With an approximation word (两年多) it stays.
		if s.measure == "年" && v <= 10 && s.qualifier == "" && s.max == nil {
			return false
		}
		// A small Chinese numeral with a counting word outside the genre's
		// usual ones is mostly a metaphor or a name (两把金钥匙, 三道防线,
		// 两股合力, 三道镇); reports write such counts in digits.
		if v <= 10 && s.qualifier == "" && s.max == nil && !smallChineseMeasures[s.measure] {
			return false
		}
		// A village named by a numeral and a measure (五家围, 四家子,
		// 三道沟): a place suffix follows directly.
		if v < 10 && s.measure != "个" && s.end < len(rs) && containsRune(placeSuffixes, rs[s.end]) {
			return false
		}
		// Set phrases that read like a count (两张皮, 两面人).
		if isSetPhrase(rs, n.start) {
			return false
		}
		// Reduplication: 一件件, 两个个.
		if s.end < len(rs) && s.end-1 >= 0 && rs[s.end-1] == rs[min(s.end, len(rs)-1)] {
			return false
		}
	}
	return true
}

// countedHeads end nouns that name places or bodies: a small Chinese numeral
// with 个 before them counts (五个片区, 三个乡镇, 两个示范村), where before
// an abstract noun it names a slogan (两个维护, 四个全面, 三个代表).
var countedHeads = []string{
	"区", "村", "镇", "乡", "街道", "社区", "组", "站", "点", "中心", "基地", "队", "所", "院", "园",
	"厂", "企业", "公司", "项目", "平台", "网格", "班", "室", "馆", "县", "市", "单位", "部门",
	"支部", "党委", "党组", "合作社", "协会", "驿站", "阵地", "车间", "工坊", "学校", "医院",
}

// countedHeadRunes are countedHeads in runes, made once: decoding each
// head again for every rune tried was a fifth of the test's cost.
var countedHeadRunes = func() (rs [][]rune) {
	for _, h := range countedHeads {
		rs = append(rs, []rune(h))
	}
	return rs
}()

// categoryMeasures count kinds or parts of something (类, 种, 项, 条, 步,
// 张, 部, 块): with a small Chinese numeral they name a set (三类人才) unless
// what follows names places or bodies.
var categoryMeasures = map[string]bool{"类": true, "种": true, "项": true, "条": true, "步": true, "张": true, "部": true, "块": true}

// abstractPoints are words ending in 点 (a counted head, as in 服务点) that
// name ideas, not places: 两个重点, 三个亮点.
var abstractPoints = []string{"重点", "要点", "特点", "亮点", "难点", "痛点", "堵点", "焦点", "观点", "热点", "节点", "起点", "支点", "着力点", "切入点", "结合点", "增长点", "落脚点", "出发点"}

// countsPlacesOrBodies reports whether one of countedHeads ends within the
// first four Han runes at j.
func countsPlacesOrBodies(rs []rune, j int) bool {
	k := j
	for k < len(rs) && k-j < 4 && isHanRune(rs[k]) {
		k++
		for hi, h := range countedHeads {
			hr := countedHeadRunes[hi]
			if k-len(hr) >= j && hasPrefixAt(rs, k-len(hr), hr) {
				if h == "点" && endsWithAny(rs[j:k], abstractPoints) {
					continue
				}
				if h == "队" && k < len(rs) && rs[k] == '伍' {
					continue // 三类人才队伍: 队伍 are ranks, not a team
				}
				return true
			}
		}
	}
	return false
}

// isRoundEnd reports whether r can end a round number: 十, 百, 千 or 0.
func isRoundEnd(r rune) bool { return r == '十' || r == '百' || r == '千' || r == '0' || r == '０' }

// endsWithAny reports whether rs ends with one of ws.
func endsWithAny(rs []rune, ws []string) bool {
	s := string(rs)
	for _, w := range ws {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// setPhrases are fixed expressions of party-building prose that begin with a
// numeral and a counting word but count nothing (the structural rules in
// keepFigure catch the rest).
var setPhrases = [][]rune{
	[]rune("两张皮"), // 党建业务“两张皮”: the gap between Party work and business
	[]rune("两面人"), // a double-dealer, in discipline reports
	[]rune("两条腿"), // 两条腿走路: a way of working
	[]rune("三驾马车"),
	[]rune("两口子"),
	[]rune("三包"),   // 门前三包: a shop's duties for the pavement in front
	[]rune("两节"),   // 两节期间: the New Year and Spring Festival
	[]rune("三轮车"),  // a vehicle type
	[]rune("八项规定"), // 中央八项规定: the Party's conduct rules
}

func isSetPhrase(rs []rune, i int) bool {
	for _, p := range setPhrases {
		if hasPrefixAt(rs, i, p) {
			return true
		}
	}
	return false
}

// groupDateWords close a number in print although they date rather than
// count (2024年度, 5月, 13日): the line breaker keeps them with the number.
var groupDateWords = [][]rune{[]rune("年度"), []rune("季度"), []rune("月份"), []rune("月"), []rune("日"), []rune("号"), []rune("时")}

// NumberGroupEnd returns the end (a rune index) of the number written at
// rs[i] with what belongs to it when text is laid out: an ordinal 第, the
// numeral as the figure grammar reads it (separators, decimals, 余/多,
// multipliers, a lower part, estimate pairs), further numerals of a range
// or list (5—15, 14、15), then a measure or a date word, and Latin letters
// glued to an Arabic number (5G). It returns i when no group starts there;
// a Chinese numeral with neither 第 nor a measure after it (一体, 三中全会)
// is not a group.
func NumberGroupEnd(rs []rune, i int) int {
	if i < 0 || i >= len(rs) {
		return i
	}
	start := i
	if rs[i] == '第' && i+1 < len(rs) && (isDigitRune(rs[i+1]) || isChineseNumeralStart(rs[i+1])) {
		i++
	}
	if !isDigitRune(rs[i]) && !isChineseNumeralStart(rs[i]) {
		return start
	}
	n, ok := readNumber(rs, i, false)
	if !ok {
		return start
	}
	j := n.end
	for j < len(rs) {
		k, ok := rangeSepAt(rs, j)
		if !ok && rs[j] == '、' && !n.chinese {
			k, ok = j+1, true
		}
		if !ok || k >= len(rs) || !(isDigitRune(rs[k]) || isChineseNumeralStart(rs[k])) {
			break
		}
		m, ok := readNumber(rs, k, false)
		if !ok || m.chinese != n.chinese {
			break
		}
		j = m.end
	}
	end := j
	if _, e := measureAt(rs, j); e > end {
		end = e
	}
	for _, w := range groupDateWords {
		if hasPrefixAt(rs, j, w) && j+len(w) > end {
			end = j + len(w)
		}
	}
	if n.chinese && end == j && start == i {
		return start
	}
	if !n.chinese {
		for end < len(rs) && isASCIILetter(rs[end]) {
			end++
		}
	}
	return end
}

// peopleNouns count themselves right after a number (48万农民, 6万多移民).
var peopleNouns = [][]rune{
	[]rune("农民"), []rune("移民"), []rune("群众"), []rune("村民"), []rune("居民"), []rune("市民"),
	[]rune("人口"), []rune("职工"), []rune("党员"), []rune("学生"), []rune("游客"), []rune("志愿者"),
}

// placeSuffixes end village and hamlet names that begin with a numeral and a
// measure (五家围, 四家子, 三道沟, 十里铺).
const placeSuffixes = "子围屯庄寨铺沟湾营堡店坝岔洼峪坪垭"

// pageCounters label a page's counters (点击：198次).
var pageCounters = [][]rune{
	[]rune("点击"), []rune("阅读"), []rune("浏览"), []rune("访问"), []rune("点击量"), []rune("阅读量"),
	[]rune("浏览量"), []rune("访问量"), []rune("点击数"), []rune("阅读数"), []rune("浏览次数"), []rune("点击率"),
}

// afterPageCounter reports whether a counter's label and a colon stand
// right before i (spaces allowed): 点击:198次, 浏览次数： 3021.
func afterPageCounter(rs []rune, i int) bool {
	k := i
	for k > 0 && rs[k-1] == ' ' {
		k--
	}
	if k == 0 || (rs[k-1] != ':' && rs[k-1] != '：') {
		return false
	}
	k--
	for _, w := range pageCounters {
		if k-len(w) >= 0 && hasPrefixAt(rs, k-len(w), w) {
			return true
		}
	}
	return false
}
