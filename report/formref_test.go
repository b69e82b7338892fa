package report

import "testing"

func TestFormShift(t *testing.T) {
	s := formShift{sheet: "汇总表", row: 5, k: 3}
	for _, tc := range []struct {
		in, home string
		copy     int
		want     string
	}{
		{"SUM(C5:C5)", "汇总表", 0, "SUM(C5:C8)"},
		{"SUM(C$5:C$5)/COUNT(C5:C5)", "汇总表", 0, "SUM(C$5:C$8)/COUNT(C5:C8)"},
		{"C6*2+$D$9", "汇总表", 0, "C9*2+$D$12"},
		{"C4+C5", "汇总表", 0, "C4+C5"}, // a single cell on the row stays (JXLS would need a range)
		{`IF(E6=0,"C6",C6/E6-1)`, "汇总表", 0, `IF(E9=0,"C6",C9/E9-1)`},
		{"SUM(汇总表!C5:C7)+'汇总表'!D10+其他!C9", "说明", 0, "SUM(汇总表!C5:C10)+'汇总表'!D13+其他!C9"},
		{"SUM(C5:C9)", "说明", 0, "SUM(C5:C9)"}, // another sheet's cells
		{"LOG10(C6)+ABS1", "汇总表", 0, "LOG10(C9)+ABS1"},
		{"C5/E5-1", "汇总表", 2, "C7/E7-1"},
		{"C5/$E$5+A$1", "汇总表", 2, "C7/$E$5+A$1"},
	} {
		if got := s.formula(tc.in, tc.home, tc.copy); got != tc.want {
			t.Errorf("%s (on %s, copy %d) -> %s, want %s", tc.in, tc.home, tc.copy, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in   string
		i    int
		want string
	}{
		{"B5/B$9", 0, "B5/B$12"},
		{"B5/B$9", 2, "B7/B$12"},
		{"SUM(B5:D5)", 1, "SUM(B6:D6)"}, // the row's own cells do not grow
		{"B5/$B$5", 1, "B6/$B$5"},
	} {
		if got := s.inRow(tc.in, "汇总表", tc.i); got != tc.want {
			t.Errorf("inRow(%s, %d) = %s, want %s", tc.in, tc.i, got, tc.want)
		}
	}
	if got := s.sqref("G5 A1:B2 C5:D5 E7"); got != "G5:G8 A1:B2 C5:D8 E10" {
		t.Errorf("sqref -> %s", got)
	}
}
