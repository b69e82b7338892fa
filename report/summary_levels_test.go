package report

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// levelUnits: 遵义市 and its county 湄潭县 (the 3,632 was their sum),
// 宁波市, and 慈溪市 listed before its city. 村均收入 is an average.
func levelUnits() []Unit {
	b := func(unit, id string, v float64, measure string) mapping.Binding {
		return mapping.Binding{Unit: unit, ID: id, Value: v, Measure: measure, Text: strconv.FormatFloat(v, 'f', -1, 64) + measure}
	}
	return []Unit{
		{Name: "慈溪市", Period: "2024Q4", Level: "county", Parent: "宁波市", Bindings: []mapping.Binding{
			b("慈溪市", "members_recruited", 300, "名"), b("慈溪市", "collective_income_avg", 1200000, "元")}},
		{Name: "遵义市", Period: "2024Q4", Level: "city", Bindings: []mapping.Binding{
			b("遵义市", "members_recruited", 3000, "名"), b("遵义市", "collective_income_avg", 180000, "元"), b("遵义市", "mediation_rate", 96.5, "%")},
			Previous: map[string]Prior{"members_recruited": {Period: "2024Q3", Value: 2500, Measure: "名", Text: "2500名"}}},
		{Name: "湄潭县", Period: "2024Q4", Level: "county", Parent: "遵义市", Bindings: []mapping.Binding{
			b("湄潭县", "members_recruited", 632, "名"), b("湄潭县", "collective_income_avg", 138000, "元")}},
		{Name: "宁波市", Period: "2024Q4", Level: "city", Bindings: []mapping.Binding{
			b("宁波市", "members_recruited", 5000, "名"), b("宁波市", "investment_completed", 2.5e9, "元")},
			Previous: map[string]Prior{"investment_completed": {Period: "2024Q3", Value: 2e9, Measure: "元", Text: "20亿元"}}},
	}
}

func TestSummaryLevels(t *testing.T) {
	cat := workbookTestCat(t)
	units := levelUnits()
	f := writeAndOpen(t, summaryTestTemplate, "汇总.xlsx", func(tpl *Template, out string) error {
		return WriteSummary(tpl, out, units, cat, Reminder{Unit: "凤冈县", Status: NotReported, Level: "county", Parent: "遵义市"},
			Reminder{Unit: "余庆县", Status: Incomplete, Missing: []string{"grids"}, MissingLabels: []string{"治理网格"}, Level: "county", Parent: "遵义市"})
	})
	sh := TemplateSheetSummary
	all, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	rowOf := map[string]int{}
	for i, r := range all[TemplateSummaryTotalRow-1:] {
		names = append(names, r[0])
		rowOf[r[0]] = TemplateSummaryTotalRow + i
	}
	want := []string{"合计：市级（2 个）", "区间：市级（最小～最大，不合计）", "合计：县级（2 个，另 2 个无数据）", "区间：县级（最小～最大，不合计）",
		"遵义市", "湄潭县", "凤冈县", "余庆县", "宁波市", "慈溪市"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Fatalf("rows\n%q\nwant\n%q", names, want)
	}
	members := summaryCol(t, f, "members_recruited")
	avg := summaryCol(t, f, "collective_income_avg")
	get := func(cell string) string { return workbookGet(t, f, sh, cell) }
	// Cities 3000+5000, counties 300+632: never 3632 for 遵义市 with 湄潭县.
	for label, total := range map[string]string{"合计：市级（2 个）": "8000", "合计：县级（2 个，另 2 个无数据）": "932"} {
		cell := members + strconv.Itoa(rowOf[label])
		if got := get(cell); got != total {
			t.Errorf("%s members = %q, want %s", label, got, total)
		}
		if calc, err := f.CalcCellValue(sh, cell, excelize.Options{RawCellValue: true}); err != nil || calc != total {
			t.Errorf("%s recalculates to %q (%v)", cell, calc, err)
		}
		if got := get(avg + strconv.Itoa(rowOf[label])); got != "" {
			t.Errorf("%s 村均收入 = %q: an average is never summed", label, got)
		}
	}
	if got := get(avg + strconv.Itoa(rowOf["区间：县级（最小～最大，不合计）"])); got != "138,000～1,200,000" {
		t.Errorf("county range %q", got)
	}
	// The county under its city is indented; its status is said.
	id, _ := f.GetCellStyle(sh, "A"+strconv.Itoa(rowOf["湄潭县"]))
	if st, _ := f.GetStyle(id); st.Alignment == nil || st.Alignment.Indent == 0 {
		t.Error("湄潭县 not indented under 遵义市")
	}
	for unit, want := range map[string]string{"凤冈县": NotReported, "余庆县": "缺项：治理网格", "湄潭县": Reported} {
		r := all[rowOf[unit]-1]
		if r[len(r)-1] != want {
			t.Errorf("%s status %q, want %q", unit, r[len(r)-1], want)
		}
	}
	// The largest value fits its column: 2,500,000,000 needs 13 characters.
	inv := summaryCol(t, f, "investment_completed")
	if w, _ := f.GetColWidth(sh, inv); w < 13 {
		t.Errorf("investment column width %v", w)
	}
	// Print titles: the header and totals on every page, with column A.
	found := false
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm.Print_Titles" && n.Scope == sh && strings.Contains(n.RefersTo, "$2:$"+strconv.Itoa(rowOf["遵义市"]-1)) {
			found = true
		}
	}
	if !found {
		t.Errorf("print titles %+v", f.GetDefinedName())
	}

	// What is read first comes first: 汇总, 环比, 图表, then 来源.
	if got, want := strings.Join(f.GetSheetList(), ","), strings.Join([]string{TemplateSheetSummary, TemplateSheetPrevious, TemplateSheetChart, TemplateSheetSources}, ","); got != want {
		t.Errorf("sheets %s, want %s", got, want)
	}

	// 环比: the totals over the units with both values, then each unit.
	rows, err := f.GetRows(TemplateSheetPrevious)
	if err != nil {
		t.Fatal(err)
	}
	check := func(unit, label string, cur, old, pct float64) {
		t.Helper()
		for i, r := range rows {
			if r[0] == unit && r[2] == label {
				n := strconv.Itoa(i + 1)
				for col, want := range map[string]float64{"E": cur, "F": old, "G": cur - old, "H": pct} {
					v, _ := strconv.ParseFloat(workbookGet(t, f, TemplateSheetPrevious, col+n), 64)
					calc, err := f.CalcCellValue(TemplateSheetPrevious, col+n, excelize.Options{RawCellValue: true})
					c, _ := strconv.ParseFloat(calc, 64)
					if math.Abs(v-want) > 1e-9 || err != nil || math.Abs(c-want) > 1e-6 {
						t.Errorf("%s %s %s%s = %v (recalculated %q %v), want %v", unit, label, col, n, v, calc, err, want)
					}
				}
				return
			}
		}
		t.Errorf("环比 lacks %s %s", unit, label)
	}
	check("遵义市", "发展党员（接收预备党员）", 3000, 2500, 20)
	check("合计：市级（可比 1 个）", "发展党员（接收预备党员）", 3000, 2500, 20)
	check("宁波市", "完成投资额", 2.5e9, 2e9, 25)
	for _, r := range rows {
		if r[0] == "宁波市" && r[2] == "完成投资额" && !strings.Contains(r[len(r)-1], "累计数") {
			t.Errorf("a cumulative indicator not labelled: %q", r)
		}
	}
}

func TestSummaryRefs(t *testing.T) {
	for _, tc := range []struct {
		rows []int
		want string
	}{
		{[]int{9}, "B9"},
		{[]int{9, 10, 11}, "B9:B11"},
		{[]int{12, 9, 10, 14}, "B9:B10,B12,B14"},
	} {
		if got := summaryRefs("B", tc.rows); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.rows, got, tc.want)
		}
	}
}

func TestSummaryFormat(t *testing.T) {
	for _, tc := range []struct {
		measure string
		v       float64
		want    string
	}{
		{"名", 1234567, "1,234,567"}, {"元", 12345.5, "12,345.5"}, {"%", 98, "98.0"}, {"%", 98.65, "98.65"}, {"名", -1200, "-1,200"}, {"名", 0, "0"},
	} {
		if got := summaryFormat(tc.measure, tc.v); got != tc.want {
			t.Errorf("%s %v: %q, want %q", tc.measure, tc.v, got, tc.want)
		}
	}
}

// TestAddPreviousSheet: the unit's workbook has a 环比 sheet, written with
// it, when there is a previous value; AddPreviousSheet replaces it and keeps
// the other sheets.
func TestAddPreviousSheet(t *testing.T) {
	cat := workbookTestCat(t)
	u := levelUnits()[1]
	out := filepath.Join(t.TempDir(), "遵义市.xlsx")
	if err := WriteWorkbook(testTemplate(t, workbookTestTemplate), out, u, cat); err != nil {
		t.Fatal(err)
	}
	before, _ := excelize.OpenFile(out)
	sheets := before.GetSheetList()
	if got := workbookGet(t, before, TemplateSheetPrevious, "G3"); got != "500" {
		t.Errorf("增减 as written %q, want 500", got)
	}
	before.Close()
	if err := AddPreviousSheet(out, u, cat); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(sheets, ",") || got[len(got)-1] != TemplateSheetPrevious {
		t.Errorf("sheets %v, had %v", got, sheets)
	}
	if got := workbookGet(t, f, TemplateSheetPrevious, "G3"); got != "500" {
		t.Errorf("增减 %q, want 500", got)
	}
	u.Previous = nil
	if err := AddPreviousSheet(out, u, cat); err != nil {
		t.Fatal(err)
	}
}
