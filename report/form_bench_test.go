package report

import (
	"testing"
)

// BenchmarkFormFill: one unit's form from a form read once (about 13 ms,
// most of it excelize opening its copy to compute the formulas).
func BenchmarkFormFill(b *testing.B) {
	set := formTestSet(b, "")
	fm, _ := formPlace(b, "testdata/forms/province-excel.xlsx", set)
	u := formTestUnit()
	b.ResetTimer()
	for range b.N {
		if _, err := fm.FillBytes(u, set.Indicators, FormOptions{Date: "2025年1月6日"}); err != nil {
			b.Fatal(err)
		}
	}
}
