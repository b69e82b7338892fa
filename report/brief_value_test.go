package report

import (
	"testing"

	"djreport/mapping"
)

// TestBriefValueText: the key table prints the source's wording for what
// the tool bound, and the decision's value and measure for what a person
// added or corrected (newcomer review: an add quoting 优化调整网格2797个 for
// 志愿服务参与人数 printed 2797个).
func TestBriefValueText(t *testing.T) {
	orig := 1810.0
	ind := mapping.Indicator{ID: "volunteers", Measure: "名"}
	cases := []struct {
		b    mapping.Binding
		want string
	}{
		{mapping.Binding{Value: 3.5e8, Measure: "元", Text: "3.5亿元"}, "3.5亿元"},
		{mapping.Binding{Value: 2797, Measure: "名", Text: "2797个", Manual: &mapping.Manual{Action: "add"}}, "2797名"},
		{mapping.Binding{Value: 1811, Measure: "名", Text: "1810名", Manual: &mapping.Manual{Action: "correct", Original: &orig}}, "1811名"},
		{mapping.Binding{Value: 1810, Measure: "名", Text: "1810名", Manual: &mapping.Manual{Action: "accept"}}, "1810名"},
		{mapping.Binding{Value: 28600000, Measure: "元", Text: "", Manual: &mapping.Manual{Action: "correct"}}, "2860万元"},
	}
	for _, c := range cases {
		if got := briefValueText(c.b, ind); got != c.want {
			t.Errorf("briefValueText(%+v) = %q, want %q", c.b, got, c.want)
		}
	}
}
