package extract

import "math"

// This file holds the number grammar: Arabic numerals (with thousands
// separators, decimals and full-width digits) and Chinese numerals
// (三, 两, 十八, 一万二千), producing exact values where the text is exact.

// digitOf maps ASCII and full-width digits to their value.
func digitOf(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '０' && r <= '９':
		return int(r - '０'), true
	}
	return 0, false
}

func isDecimalPoint(r rune) bool { return r == '.' || r == '．' }

// chineseDigit gives the value of a Chinese digit character.
func chineseDigit(r rune) (int, bool) {
	switch r {
	case '零', '〇':
		return 0, true
	case '一', '壹':
		return 1, true
	case '二', '两', '贰', '兩':
		return 2, true
	case '三', '叁':
		return 3, true
	case '四', '肆':
		return 4, true
	case '五', '伍':
		return 5, true
	case '六', '陆':
		return 6, true
	case '七', '柒':
		return 7, true
	case '八', '捌':
		return 8, true
	case '九', '玖':
		return 9, true
	}
	return 0, false
}

// smallUnit is a Chinese positional unit inside a section of four digits.
func smallUnit(r rune) (int, bool) {
	switch r {
	case '十', '拾':
		return 10, true
	case '百', '佰':
		return 100, true
	case '千', '仟':
		return 1000, true
	}
	return 0, false
}

// bigUnit is a multiplier that closes a section (万, 亿).
func bigUnit(r rune) (int, bool) {
	switch r {
	case '万', '萬':
		return 4, true
	case '亿', '億':
		return 8, true
	}
	return 0, false
}

// decimal is an exact decimal: mant × 10^-scale.
type decimal struct {
	mant  int64
	scale int
}

func (d decimal) float() float64 {
	return float64(d.mant) / math.Pow10(d.scale)
}

// shift multiplies by 10^n, staying exact while it can.
func (d decimal) shift(n int) float64 {
	e := n - d.scale
	if e >= 0 && e <= 18 {
		p := int64(1)
		for i := 0; i < e; i++ {
			p *= 10
		}
		if d.mant == 0 || (d.mant*p)/p == d.mant {
			return float64(d.mant * p)
		}
	}
	if e < 0 {
		return float64(d.mant) / math.Pow10(-e) // correctly rounded: 778/10 = 77.8
	}
	return float64(d.mant) * math.Pow10(e)
}

// arabicAt parses an Arabic number starting at i: digits, optional thousands
// separators (only in groups of exactly three), optional decimal part.
// It returns the number, the index after it, and whether one was found.
func arabicAt(rs []rune, i int) (decimal, int, bool) {
	var d decimal
	j := i
	n := 0
	for j < len(rs) {
		v, ok := digitOf(rs[j])
		if ok {
			if d.mant > math.MaxInt64/10-10 {
				return d, j, false // absurdly long: not a figure
			}
			d.mant = d.mant*10 + int64(v)
			n++
			j++
			continue
		}
		// 1,582 and 12,000,000: a comma followed by exactly three digits.
		if (rs[j] == ',' || rs[j] == '，') && n > 0 && n <= 3+3*100 && j+3 < len(rs)+1 && groupOfThree(rs, j+1) {
			if rs[j] == '，' {
				break // a Chinese comma separates clauses, never digits
			}
			j++
			continue
		}
		break
	}
	if n == 0 {
		return d, i, false
	}
	if j+1 < len(rs) && isDecimalPoint(rs[j]) {
		if _, ok := digitOf(rs[j+1]); ok {
			j++
			for j < len(rs) {
				v, ok := digitOf(rs[j])
				if !ok || d.scale >= 12 || d.mant > math.MaxInt64/10-10 {
					break
				}
				d.mant = d.mant*10 + int64(v)
				d.scale++
				j++
			}
		}
	}
	return d, j, true
}

// groupOfThree reports whether rs[k:k+3] are digits not followed by a fourth.
func groupOfThree(rs []rune, k int) bool {
	if k+3 > len(rs) {
		return false
	}
	for m := k; m < k+3; m++ {
		if _, ok := digitOf(rs[m]); !ok {
			return false
		}
	}
	if k+3 < len(rs) {
		if _, ok := digitOf(rs[k+3]); ok {
			return false
		}
	}
	return true
}

// chineseAt parses a Chinese numeral starting at i, such as 三, 十八, 二十三,
// 一百零五, 一万二千, 一亿二千万. A big unit (万, 亿) is consumed inside the
// numeral when more numeral follows it (一万二千) or when it closes a lower
// part after a larger big unit (一亿二千万); otherwise a trailing 万 or 亿 is
// left for the multiplier stage, so that 三万 and 3万 go through the same path.
// Digits written one after another (二〇二四, 三四) are not a positional
// numeral: the reading stops after the first of them. Units must decrease
// (千 > 百 > 十, 亿 > 万), which also keeps the value far from overflow.
// bare reports a numeral made only of units (百, 千), which is a figure only
// with an approximation word.
func chineseAt(rs []rune, i int) (value int64, end int, bare bool, ok bool) {
	var total, section, digit int64
	hasDigit := false  // a digit is waiting for its unit
	zeroLead := false  // the waiting digit is a 零 written after a unit (一百零五)
	afterUnit := false // the previous character was a unit
	sawDigitChar := false
	lastSmall := int64(10000) // small units decrease inside a section
	lastBig := 99             // big units decrease across the numeral
	j := i
	lastEnd := i
	var lastTotal int64
	for j < len(rs) {
		r := rs[j]
		if v, isD := chineseDigit(r); isD {
			if hasDigit && !(digit == 0 && zeroLead && v != 0) {
				break // 三四, 二〇二四: not a positional numeral
			}
			zeroLead = v == 0 && afterUnit
			digit = int64(v)
			hasDigit, afterUnit, sawDigitChar = true, false, true
			j++
			lastTotal, lastEnd = total+section+digit, j
			continue
		}
		if u, isU := smallUnit(r); isU {
			if int64(u) >= lastSmall {
				break // 十十, 百千: not a numeral
			}
			if !hasDigit {
				if u == 10 {
					digit = 1 // 十八, 一百十: a 十 without digit means one ten
					sawDigitChar = true
				} else if section == 0 && total == 0 {
					digit = 1 // bare 百, 千
				} else {
					break
				}
			}
			section += digit * int64(u)
			digit, hasDigit, zeroLead, afterUnit = 0, false, false, true
			lastSmall = int64(u)
			j++
			lastTotal, lastEnd = total+section, j
			continue
		}
		if e, isB := bigUnit(r); isB {
			part := section + digit
			if e >= lastBig || part == 0 {
				break
			}
			more := false
			if j+1 < len(rs) {
				_, more = chineseDigit(rs[j+1])
			}
			// 一万二千: more numeral follows; 一亿二千万: the 万 closes the
			// part below the 亿 and cannot be a multiplier of the whole.
			if !more && total == 0 {
				break
			}
			mult := int64(1)
			for k := 0; k < e; k++ {
				mult *= 10
			}
			total += part * mult
			section, digit, hasDigit, zeroLead, afterUnit = 0, 0, false, false, true
			lastSmall, lastBig = 10000, e
			j++
			if !more {
				lastTotal, lastEnd = total, j
			}
			continue
		}
		break
	}
	if lastEnd == i {
		return 0, i, false, false
	}
	return lastTotal, lastEnd, !sawDigitChar, true
}
