package extract

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// arabicCases: text, the value read, how many runes it takes, and whether a
// number stands there at all.
var arabicCases = []struct {
	in    string
	value float64
	n     int
	ok    bool
}{
	{"1582名", 1582, 4, true},
	{"1,582名", 1582, 5, true},
	{"12,000,000元", 12000000, 10, true},
	{"1365.39万元", 1365.39, 7, true},
	{"0.5亿元", 0.5, 3, true},
	{"77.8%", 77.8, 4, true},
	{"98.6%", 98.6, 4, true},
	{"31.02", 31.02, 5, true},
	{"1.3427", 1.3427, 6, true},
	{"３４７２名", 3472, 4, true},
	{"９８．６％", 98.6, 4, true},
	{"１２０", 120, 3, true},
	{"0", 0, 1, true},
	{"007", 7, 3, true},
	{"3.", 3, 1, true},        // a full stop after a number is no decimal point
	{"3.x", 3, 1, true},       // nor before a letter
	{"1,58", 1, 1, true},      // a comma needs three digits after it
	{"1,5820", 1, 1, true},    // and exactly three
	{"1,582,", 1582, 5, true}, // a trailing comma is punctuation
	{"3，582名", 3, 1, true},    // a Chinese comma separates clauses
	{"15、16", 15, 2, true},
	{"2024-02-29", 2024, 4, true},
	{"10:09", 10, 2, true},
	{"0.000000000001", 0.000000000001, 14, true},
	{"名", 0, 0, false},
	{"", 0, 0, false},
	{".5", 0, 0, false},
	{",500", 0, 0, false},
	{"99999999999999999999999", 0, 0, false}, // absurdly long: no figure
}

func TestArabicAt(t *testing.T) {
	for _, c := range arabicCases {
		rs := []rune(c.in)
		d, end, ok := arabicAt(rs, 0)
		if ok != c.ok {
			t.Errorf("arabicAt(%q) ok = %v, want %v", c.in, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if got := d.float(); got != c.value || end != c.n {
			t.Errorf("arabicAt(%q) = %v, %d runes; want %v, %d", c.in, got, end, c.value, c.n)
		}
	}
}

// chineseCases: text, the value read, its length in runes, whether it is
// made only of units (百, 千), and whether a numeral stands there.
var chineseCases = []struct {
	in    string
	value int64
	n     int
	bare  bool
	ok    bool
}{
	{"三年", 3, 1, false, true},
	{"两种", 2, 1, false, true},
	{"十八级", 18, 2, false, true},
	{"十", 10, 1, false, true},
	{"二十", 20, 2, false, true},
	{"二十三个", 23, 3, false, true},
	{"一百零五名", 105, 4, false, true},
	{"一百一十", 110, 4, false, true},
	{"一百十", 110, 3, false, true},
	{"一千零五十", 1050, 5, false, true},
	{"一千零五", 1005, 4, false, true},
	{"三千五百", 3500, 4, false, true},
	{"九千九百九十九", 9999, 7, false, true},
	{"一万二千名", 12000, 4, false, true},
	{"一万零五百", 10500, 5, false, true},
	{"十二万三千四百五十六", 123456, 10, false, true},
	{"一亿二千万元", 120000000, 5, false, true},
	{"一亿零五百万", 105000000, 6, false, true},
	{"三亿五千万", 350000000, 5, false, true},
	{"三万元", 3, 1, false, true},     // a trailing 万 is left to the multiplier
	{"三千万元", 3000, 2, false, true}, // 三千 + multiplier 万
	{"十万", 10, 1, false, true},
	{"三十余名", 30, 2, false, true},
	{"两百余人", 200, 2, false, true},
	{"百", 100, 1, true, true},
	{"千", 1000, 1, true, true},
	{"百万", 100, 1, true, true},
	{"千家万户", 1000, 1, true, true},
	{"壹佰贰拾", 120, 4, false, true},
	{"叁仟", 3000, 2, false, true},
	{"两", 2, 1, false, true},
	{"零", 0, 1, false, true},
	{"二〇二四年", 2, 1, false, true}, // digit by digit: not a positional numeral
	{"二零二四", 2, 1, false, true},
	{"三四名", 3, 1, false, true},
	{"一两年", 1, 1, false, true},
	{"十十", 10, 1, false, true}, // units must decrease
	{"百千", 100, 1, true, true}, // idem
	{"一百一千", 101, 3, false, true},
	{"一万一万", 10001, 3, false, true},
	{"九亿九亿", 900000009, 3, false, true},
	{"年", 0, 0, false, false},
	{"万", 0, 0, false, false},
	{"", 0, 0, false, false},
}

func TestChineseAt(t *testing.T) {
	for _, c := range chineseCases {
		rs := []rune(c.in)
		v, end, bare, ok := chineseAt(rs, 0)
		if ok != c.ok {
			t.Errorf("chineseAt(%q) ok = %v, want %v", c.in, ok, c.ok)
			continue
		}
		if !ok {
			continue
		}
		if v != c.value || end != c.n || bare != c.bare {
			t.Errorf("chineseAt(%q) = %d, %d runes, bare %v; want %d, %d, %v", c.in, v, end, bare, c.value, c.n, c.bare)
		}
	}
}

// TestDecimalShift: a written decimal times a power of ten is the float64
// nearest to the exact product, the same value strconv gives for its
// expanded writing.
func TestDecimalShift(t *testing.T) {
	for _, c := range []struct {
		mant  int64
		scale int
		exp   int
		want  string
	}{
		{778, 1, 0, "77.8"},
		{986, 1, 0, "98.6"},
		{13427, 4, 8, "134270000"},
		{3102, 2, 4, "310200"},
		{136539, 2, 4, "13653900"},
		{5, 1, 8, "50000000"},
		{12, 1, 8, "120000000"},
		{21, 1, 4, "21000"},
		{3, 0, 4, "30000"},
		{35, 0, 6, "35000000"},
		{1, 2, 8, "1000000"},
		{7, 2, 0, "0.07"},
		{1999, 2, 0, "19.99"},
		{333, 1, 0, "33.3"},
		{2675, 3, 4, "26750"},
		{1, 12, 0, "0.000000000001"},
		{12, 1, 12, "1200000000000"},
		{9, 0, 15, "9000000000000000"},
		{123, 0, 18, "123000000000000000000"},
		{0, 0, 8, "0"},
		{0, 3, 0, "0"},
	} {
		d := decimal{mant: c.mant, scale: c.scale}
		want, err := strconv.ParseFloat(c.want, 64)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.shift(c.exp); got != want {
			t.Errorf("decimal{%d, %d}.shift(%d) = %.17g, want %.17g", c.mant, c.scale, c.exp, got, want)
		}
		if c.exp == 0 {
			if got := d.float(); got != want {
				t.Errorf("decimal{%d, %d}.float() = %.17g, want %.17g", c.mant, c.scale, got, want)
			}
		}
	}
}

func TestMultiplierAt(t *testing.T) {
	for _, c := range []struct {
		in  string
		exp int
		n   int
	}{
		{"万元", 4, 1},
		{"亿元", 8, 1},
		{"千元", 3, 1},
		{"百名", 2, 1},
		{"千万元", 7, 2},
		{"百万元", 6, 2},
		{"百亿元", 10, 2},
		{"千亿元", 11, 2},
		{"万亿元", 12, 2},
		{"萬人", 4, 1},
		{"億元", 8, 1},
		{"万万", 4, 1}, // a chain only grows
		{"亿万", 8, 1},
		{"百千", 2, 1},
		{"千百", 3, 1},
		{"万万万万万万万万", 4, 1},
		{"元", 0, 0},
		{"", 0, 0},
	} {
		exp, end := multiplierAt([]rune(c.in), 0)
		if exp != c.exp || end != c.n {
			t.Errorf("multiplierAt(%q) = %d, %d; want %d, %d", c.in, exp, end, c.exp, c.n)
		}
	}
}

func TestMeasureAt(t *testing.T) {
	for _, c := range []struct {
		in      string
		measure string
		n       int
	}{
		{"个百分点", "个百分点", 4},
		{"个月", "个月", 2},
		{"个社区", "个", 1},
		{"人(次)", "人次", 4},
		{"人（次）", "人次", 4},
		{"人次", "人次", 2},
		{"人参加", "人", 1},
		{"场次", "场次", 2},
		{"场", "场", 1},
		{"批次", "批次", 2},
		{"平方公里", "平方公里", 4},
		{"平方米", "平方米", 3},
		{"公里", "公里", 2},
		{"%", "%", 1},
		{"％", "%", 1},
		{"商户", "户", 2},
		{"农户", "户", 2},
		{"元", "元", 1},
		{"月", "", 0},
		{"日", "", 0},
		{"届", "届", 1},  // 连续三届; dates (2023届) are rejected by the scanner
		{"期间", "期", 1}, // the scanner drops 期 before 间
		{"号", "", 0},
		{"", "", 0},
	} {
		m, end := measureAt([]rune(c.in), 0)
		if m != c.measure || end != c.n {
			t.Errorf("measureAt(%q) = %q, %d; want %q, %d", c.in, m, end, c.measure, c.n)
		}
	}
}

// TestReadNumber covers the numeral with its multiplier and the
// approximation words that stand inside it.
func TestReadNumber(t *testing.T) {
	for _, c := range []struct {
		in    string
		value float64
		qual  string
		n     int
	}{
		{"30余万元", 300000, "余", 4},
		{"4万余名", 40000, "余", 3},
		{"6千余名", 6000, "余", 3},
		{"350余万人次", 3500000, "余", 5},
		{"300多万元", 3000000, "多", 5},
		{"1.2亿元", 120000000, "", 4},
		{"1亿2000万元", 120000000, "", 7},
		{"3万5千元", 35000, "", 4},
		{"3万2000元", 30000, "", 2}, // a lower part needs its own multiplier
		{"1万2万元", 10000, "", 2},   // and must stay below the unit it follows
		{"三十余名", 30, "余", 3},
		{"一万二千余名", 12000, "余", 5},
		{"两千万元", 20000000, "", 3},
		{"十万元", 100000, "", 2},
	} {
		n, ok := readNumber([]rune(c.in), 0, false)
		if !ok || n.value() != c.value || n.qualifier != c.qual || n.end != c.n {
			t.Errorf("readNumber(%q) = %v %q %d (ok %v); want %v %q %d", c.in, n.value(), n.qualifier, n.end, ok, c.value, c.qual, c.n)
		}
	}
}

// TestMeasuresFile checks the generated word list as it is embedded: one
// word and its evidence per line, no duplicates, and none of the words the
// grammar must not take as counting words (numerals, calendar words, page
// furniture).
func TestMeasuresFile(t *testing.T) {
	seen := map[string]bool{}
	n := 0
	for i, line := range strings.Split(measuresTxt, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w, ev, ok := strings.Cut(line, "\t")
		if !ok || ev == "" || w == "" || utf8.RuneCountInString(w) > 4 {
			t.Errorf("measures.txt:%d: %q is not word<TAB>evidence", i+1, line)
		}
		if seen[w] {
			t.Errorf("measures.txt:%d: %q twice", i+1, w)
		}
		seen[w] = true
		n++
	}
	if n < 150 {
		t.Errorf("measures.txt lists %d words; the generated list has about 240", n)
	}
	for _, w := range []string{"一", "两", "十", "百", "千", "万", "亿", "多", "余", "几", "月", "日", "号", "点", "分", "周", "代", "页", "些", "下", "手", "线", "路"} {
		if IsMeasure(w) {
			t.Errorf("IsMeasure(%q) = true; it dates, is a numeral or is lexical after one", w)
		}
	}
	for _, w := range []string{"头", "只", "盒", "起", "票", "卷", "斤", "台", "张", "套", "辆", "匹", "人", "人次", "个百分点", "%", "％", "人(次)", "平方公里", "千瓦时"} {
		if !IsMeasure(w) {
			t.Errorf("IsMeasure(%q) = false", w)
		}
	}
}

// TestNumberGroupEnd: the groups the line breaker keeps on one line.
func TestNumberGroupEnd(t *testing.T) {
	for _, c := range []struct {
		in, group string // group: the prefix of in that is one group ("" none)
	}{
		{"1.2亿元的资金", "1.2亿元"},
		{"98.6%，", "98.6%"},
		{"2.1万人次参加", "2.1万人次"},
		{"5—15户", "5—15户"},
		{"14、15个百分点", "14、15个百分点"},
		{"30余万元", "30余万元"},
		{"1,582名党员", "1,582名"},
		{"2024年度考核", "2024年度"},
		{"5月13日", "5月"},
		{"第4期培训", "第4期"},
		{"第三", "第三"},
		{"三十余个村", "三十余个"},
		{"十五六万元", "十五六万元"},
		{"3万两千元", "3万两千元"},
		{"200头牛", "200头"},
		{"5G网络", "5G"},
		{"12355模式", "12355"},
		{"一体推进", ""},
		{"三中全会", ""},
		{"第", ""},
		{"党员", ""},
		{"", ""},
	} {
		rs := []rune(c.in)
		end := NumberGroupEnd(rs, 0)
		if got := string(rs[:end]); got != c.group {
			t.Errorf("NumberGroupEnd(%q) covers %q, want %q", c.in, got, c.group)
		}
	}
}
