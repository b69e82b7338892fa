package report

import (
	"math"
	"strconv"
	"strings"
)

// Numbers as officials write them (2860万元, 21.76亿元, 1.3万余人次, 30余万元):
// no thousands separators, 万 and 亿 for large amounts, the qualifier where
// a writer puts it. The brief prints a figure's own wording from the source
// wherever it has one; this is for the values it has no wording for, such as
// a value a reviewer corrected (人工核定).

// officialBig are measures whose large values officials give in 万 or 亿 even
// when rounded: money and areas. Counts of people and things switch to 万
// only when that is exact (13000人次 -> 1.3万人次, 12345人 stays).
var officialBig = map[string]bool{"元": true, "亩": true, "平方米": true, "吨": true}

// FormatOfficial writes v (in base units of measure) with its measure and
// qualifier in official style.
func FormatOfficial(v float64, measure, qualifier string) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	num, mag := officialNumber(v, measure)
	pre, post, inner := "", "", ""
	switch qualifier {
	case "":
	case "余", "多":
		inner = qualifier
	case "以上", "左右", "以下", "以内":
		post = qualifier
	default:
		pre = qualifier
	}
	if inner != "" && mag != "" && strings.Contains(num, ".") {
		// 1.3万余人次, but 30余万元.
		return pre + num + mag + inner + measure + post
	}
	return pre + num + inner + mag + measure + post
}

// officialNumber splits v into the digits and the magnitude word (万, 亿 or "").
func officialNumber(v float64, measure string) (string, string) {
	if measure == "%" || measure == "％" || measure == "个百分点" || measure == "倍" {
		return officialDigits(v, 2), ""
	}
	a := math.Abs(v)
	for _, m := range []struct {
		word string
		unit float64
	}{{"亿", 1e8}, {"万", 1e4}} {
		if a >= m.unit && exactTo(v/m.unit, 2) {
			return officialDigits(v/m.unit, 2), m.word
		}
	}
	if officialBig[measure] {
		switch {
		case a >= 1e8:
			return officialDigits(v/1e8, 2), "亿"
		case a >= 1e4:
			return officialDigits(v/1e4, 2), "万"
		}
	}
	return officialDigits(v, 2), ""
}

// exactTo reports whether v has at most d decimals (to rounding noise).
func exactTo(v float64, d int) bool {
	p := math.Pow(10, float64(d))
	return math.Abs(v*p-math.Round(v*p)) < 1e-9*math.Max(1, math.Abs(v*p))
}

// officialDigits writes v with at most d decimals, no trailing zeros and no
// separators.
func officialDigits(v float64, d int) string {
	s := strconv.FormatFloat(v, 'f', d, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(s, "0")
		s = strings.TrimSuffix(s, ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}
