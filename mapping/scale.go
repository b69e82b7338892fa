package mapping

import (
	"strconv"
	"strings"
)

// Scales are the units a user's form may count money or people in, as
// staff write them (scale: 万元): the value is divided by the factor.
var Scales = map[string]float64{
	"千": 1e3, "千元": 1e3,
	"万": 1e4, "万元": 1e4, "万人": 1e4, "万户": 1e4,
	"十万": 1e5, "百万": 1e6, "百万元": 1e6, "千万": 1e7, "千万元": 1e7,
	"亿": 1e8, "亿元": 1e8,
}

// ParseScale reads a scale: a unit from Scales or a positive number
// (10000); ok is false for anything else.
func ParseScale(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if f, ok := Scales[s]; ok {
		return f, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !(f > 0) || f > 1e15 {
		return 0, false
	}
	return f, true
}

// scaleNames lists the Scales for messages, smallest first.
func scaleNames() string {
	return "千元 万元 十万 百万元 千万元 亿元（或 万、亿、万人、万户，或一个正数如 10000）"
}
