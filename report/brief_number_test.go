package report

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFormatOfficial(t *testing.T) {
	for _, tt := range []struct {
		v                  float64
		measure, qualifier string
		want               string
	}{
		{28600000, "元", "", "2860万元"},
		{2176000000, "元", "", "21.76亿元"},
		{120000000, "元", "", "1.2亿元"},
		{1205000, "元", "", "120.5万元"},
		{300000, "元", "余", "30余万元"},
		{300000, "元", "多", "30多万元"},
		{13000, "人次", "余", "1.3万余人次"},
		{21000, "人次", "", "2.1万人次"},
		{3472, "名", "", "3472名"},
		{12345, "人", "", "12345人"}, // not exact in 万: stays whole
		{2300, "个", "余", "2300余个"},
		{300000, "元", "超", "超30万元"},
		{500000, "元", "以上", "50万元以上"},
		{123456789, "元", "", "1.23亿元"}, // money is rounded into 亿
		{98.6, "%", "", "98.6%"},
		{46.25, "%", "近", "近46.25%"},
		{1.5, "倍", "", "1.5倍"},
		{0, "个", "", "0个"},
		{-20000, "元", "", "-2万元"},
		{7.9e4, "元", "", "7.9万元"},
		{1e8, "人次", "", "1亿人次"},
	} {
		if got := FormatOfficial(tt.v, tt.measure, tt.qualifier); got != tt.want {
			t.Errorf("FormatOfficial(%v, %q, %q) = %q, want %q", tt.v, tt.measure, tt.qualifier, got, tt.want)
		}
	}
}

// FuzzFormatOfficial: any value gives official style: no thousands
// separator, no exponent, the measure kept, and no more than two decimals.
func FuzzFormatOfficial(f *testing.F) {
	quals := []string{"", "余", "多", "超", "近", "约", "不足", "以上", "左右"}
	f.Add(28600000.0, "元", uint8(0))
	f.Add(13000.0, "人次", uint8(1))
	f.Add(1e21, "元", uint8(3))
	f.Add(0.004, "%", uint8(7))
	f.Fuzz(func(t *testing.T, v float64, measure string, q uint8) {
		qualifier := quals[int(q)%len(quals)]
		if !utf8.ValidString(measure) || strings.ContainsAny(measure, "0123456789.,eE+-亿万余多超近约不足以上左右") {
			return
		}
		s := FormatOfficial(v, measure, qualifier)
		if s == "" {
			return // NaN or ±Inf
		}
		if !strings.Contains(s, measure) {
			t.Fatalf("FormatOfficial(%v, %q, %q) = %q: measure lost", v, measure, qualifier, s)
		}
		num := s
		for _, w := range []string{measure, qualifier, "亿", "万"} {
			if w != "" {
				num = strings.Replace(num, w, "", 1)
			}
		}
		num = strings.TrimPrefix(num, "-")
		if num == "" || strings.Trim(num, "0123456789.") != "" {
			t.Fatalf("FormatOfficial(%v, %q, %q) = %q: not official style", v, measure, qualifier, s)
		}
		if i := strings.IndexByte(num, '.'); i >= 0 && len(num)-i-1 > 2 {
			t.Fatalf("FormatOfficial(%v, %q, %q) = %q: more than two decimals", v, measure, qualifier, s)
		}
	})
}
