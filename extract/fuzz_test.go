package extract

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// Seeds for the fuzzers live in testdata/fuzz/<FuzzName>/; the few below
// make the targets useful even without that corpus.

// FuzzScanLine: scanLine never panics, and every span it returns lies inside
// the line, covers its number, does not overlap the span before it, and
// carries a finite non-negative value (and max) and a known measure.
func FuzzScanLine(f *testing.F) {
	for _, c := range scanCases {
		f.Add(c.in)
	}
	f.Add("百分之")
	f.Add("超万万万万万万万万万万万万万元")
	f.Add("一亿一亿一亿一亿一亿一亿一亿一亿名")
	f.Add("99999999999999999.99999999999亿元")
	f.Add("第1、2、3、4批")
	f.Add("“”《》“")
	f.Add("十五六七八九十万元")
	f.Add("3万两千五百元3万两千万亿元")
	f.Add("突破突破3000万元")
	f.Add("二级二十届三中全会2023届连续三届")
	f.Add("一日三餐三天两头1对1一对一")
	f.Add("6亩多的多的")
	f.Add("一百二三十人九十九十万")
	known := map[string]bool{}
	for _, m := range measureForms {
		known[m] = true
	}
	f.Fuzz(func(t *testing.T, line string) {
		if !utf8.ValidString(line) {
			return
		}
		rs := []rune(line)
		prevEnd := 0
		for _, s := range scanLine(rs) {
			if s.start < 0 || s.start >= s.end || s.end > len(rs) {
				t.Fatalf("%q: span [%d, %d) outside [0, %d]", line, s.start, s.end, len(rs))
			}
			if s.numStart < s.start || s.numStart >= s.end {
				t.Fatalf("%q: number at %d outside its span [%d, %d)", line, s.numStart, s.start, s.end)
			}
			if s.start < prevEnd {
				t.Fatalf("%q: span [%d, %d) overlaps the one ending at %d", line, s.start, s.end, prevEnd)
			}
			prevEnd = s.end
			if math.IsNaN(s.value) || math.IsInf(s.value, 0) || s.value < 0 {
				t.Fatalf("%q: value %v", line, s.value)
			}
			if s.max != nil && (math.IsNaN(*s.max) || math.IsInf(*s.max, 0) || *s.max < 0) {
				t.Fatalf("%q: max %v", line, *s.max)
			}
			if s.measure == "" || !known[s.measure] {
				t.Fatalf("%q: measure %q", line, s.measure)
			}
		}
	})
}

// FuzzArabic: arabicAt never panics, stays inside the text, and when the
// number is small enough to be exact its value is the float64 nearest to
// what is written, as strconv reads the same digits.
func FuzzArabic(f *testing.F) {
	for _, c := range arabicCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		rs := []rune(s)
		for i := range rs {
			d, end, ok := arabicAt(rs, i)
			if !ok {
				continue
			}
			if end <= i || end > len(rs) {
				t.Fatalf("%q at %d: end %d", s, i, end)
			}
			if d.mant < 0 || d.scale < 0 || d.scale > 12 {
				t.Fatalf("%q at %d: decimal %+v", s, i, d)
			}
			v := d.float()
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				t.Fatalf("%q at %d: value %v", s, i, v)
			}
			written := asciiNumber(rs[i:end])
			if d.mant < 1<<53 {
				want, err := strconv.ParseFloat(written, 64)
				if err != nil {
					t.Fatalf("%q at %d: read %q: %v", s, i, written, err)
				}
				if v != want {
					t.Fatalf("%q at %d: %q = %.17g, want %.17g", s, i, written, v, want)
				}
				// A multiplier keeps the value exact as well (1.3427亿).
				for _, exp := range []int{2, 3, 4, 8, 12} {
					want, _ := strconv.ParseFloat(written+"e"+strconv.Itoa(exp), 64)
					if got := d.shift(exp); got != want {
						t.Fatalf("%q at %d: %q × 10^%d = %.17g, want %.17g", s, i, written, exp, got, want)
					}
				}
			}
		}
	})
}

// asciiNumber writes an Arabic number as strconv reads it: ASCII digits,
// no thousands separators.
func asciiNumber(rs []rune) string {
	var b strings.Builder
	for _, r := range rs {
		switch {
		case r == ',':
		case r == '．':
			b.WriteByte('.')
		case r >= '０' && r <= '９':
			b.WriteByte(byte('0' + r - '０'))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FuzzChineseNumeral: chineseAt never panics and reads only numeral
// characters; and any whole number below 10^12, written the standard way
// (一万二千, 一百零五, 一亿零五万), reads back as itself.
func FuzzChineseNumeral(f *testing.F) {
	for i, c := range chineseCases {
		f.Add(c.in, uint64(c.value)*uint64(i+1))
	}
	f.Add("十五六万", uint64(150000))
	f.Add("一百二三十", uint64(120))
	f.Add("一万五六千", uint64(15000))
	f.Fuzz(func(t *testing.T, s string, n uint64) {
		if utf8.ValidString(s) {
			rs := []rune(s)
			for i := range rs {
				v, end, _, ok := chineseAt(rs, i)
				if !ok {
					continue
				}
				if end <= i || end > len(rs) {
					t.Fatalf("%q at %d: end %d", s, i, end)
				}
				if v < 0 || v >= 1e13 {
					t.Fatalf("%q at %d: value %d", s, i, v)
				}
				for _, r := range rs[i:end] {
					_, d := chineseDigit(r)
					_, u := smallUnit(r)
					_, b := bigUnit(r)
					if !d && !u && !b {
						t.Fatalf("%q at %d: read %q as numeral", s, i, string(rs[i:end]))
					}
				}
			}
		}
		n %= 1_000_000_000_000
		w := chineseNumeral(int64(n))
		num, ok := readNumber([]rune(w), 0, false)
		if !ok || num.end != len([]rune(w)) || num.value() != float64(n) {
			t.Fatalf("%d written %q reads back as %v (%d of %d runes, ok %v)", n, w, num.value(), num.end, len([]rune(w)), ok)
		}
	})
}

// FuzzNumberGroupEnd: NumberGroupEnd never panics and ends inside the
// text, at or after where it starts; a group, once found, covers the number
// of every figure scanLine finds starting at the same place.
func FuzzNumberGroupEnd(f *testing.F) {
	for _, c := range scanCases {
		f.Add(c.in)
	}
	f.Add("第")
	f.Add("第十五六万元、")
	f.Add("14、15、个百分点")
	f.Fuzz(func(t *testing.T, line string) {
		if !utf8.ValidString(line) {
			return
		}
		rs := []rune(line)
		for i := 0; i <= len(rs); i++ {
			end := NumberGroupEnd(rs, i)
			if end < i || end > len(rs) || (i == len(rs) && end != i) {
				t.Fatalf("%q at %d: end %d", line, i, end)
			}
		}
	})
}

// chineseNumeral writes n (below 10^12) the standard way.
func chineseNumeral(n int64) string {
	if n == 0 {
		return "零"
	}
	digits := []rune("零一二三四五六七八九")
	units := []string{"", "十", "百", "千"}
	bigs := []string{"", "万", "亿"}
	var secs []int64 // sections of four digits, lowest first
	for n > 0 {
		secs = append(secs, n%10000)
		n /= 10000
	}
	var b strings.Builder
	needZero := false
	for k := len(secs) - 1; k >= 0; k-- {
		sec := secs[k]
		if sec == 0 {
			needZero = true
			continue
		}
		if needZero || (k < len(secs)-1 && sec < 1000) {
			b.WriteString("零")
		}
		needZero = false
		started, zero := false, false
		for p := 3; p >= 0; p-- {
			d := sec / int64(math.Pow10(p)) % 10
			if d == 0 {
				zero = started
				continue
			}
			if zero {
				b.WriteString("零")
				zero = false
			}
			// 十五 rather than 一十五 at the very start.
			if !(d == 1 && p == 1 && !started && k == len(secs)-1) {
				b.WriteRune(digits[d])
			}
			b.WriteString(units[p])
			started = true
		}
		b.WriteString(bigs[k])
	}
	return b.String()
}

func TestChineseNumeralRoundTrip(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{
		{3, "三"}, {10, "十"}, {18, "十八"}, {23, "二十三"}, {105, "一百零五"},
		{110, "一百一十"}, {1050, "一千零五十"}, {12000, "一万二千"},
		{10500, "一万零五百"}, {30000, "三万"}, {100000, "十万"},
		{100000005, "一亿零五"}, {100050000, "一亿零五万"}, {120000000, "一亿二千万"},
		{200005, "二十万零五"}, {999999999999, "九千九百九十九亿九千九百九十九万九千九百九十九"},
	} {
		if w := chineseNumeral(c.n); w != c.want {
			t.Errorf("chineseNumeral(%d) = %q, want %q", c.n, w, c.want)
		}
		num, ok := readNumber([]rune(c.want), 0, false)
		if !ok || num.value() != float64(c.n) || num.end != len([]rune(c.want)) {
			t.Errorf("readNumber(%q) = %v (%d runes), want %d", c.want, num.value(), num.end, c.n)
		}
	}
}
