package report

import "testing"

// TestPeriodDate: {填报日期} defaults to the period's last day, the brief's
// date, so a rerun on another day gives the same form.
func TestPeriodDate(t *testing.T) {
	for in, want := range map[string]string{"2024Q4": "2024年12月31日", "2025Q1": "2025年3月31日", "2024Q2": "2024年6月30日", "2023Q3": "2023年9月30日"} {
		if got := PeriodDate(in); got != want {
			t.Errorf("PeriodDate(%q) = %q, want %q", in, got, want)
		}
	}
}
