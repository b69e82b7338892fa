package report

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"djreport/extract"
	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

const summaryTestTemplate = "../templates/summary.xlsx"

// summaryTestUnits: 慈溪市 (members, funding 余, rate 98.6), 平凉市 (members,
// rate 90), 空白县 (nothing bound).
func summaryTestUnits() []Unit {
	a := workbookTestUnit()
	src := "samples/2024Q4/pingliang.txt"
	figs := []extract.Figure{
		{Section: extract.Team, Value: 1810, Measure: "名", Text: "1810名", Subject: "党员",
			Sentence: "发展党员1810名。", Line: 27, Source: src},
		{Section: extract.Governance, Value: 90, Measure: "%", Text: "90%", Subject: "调解率",
			Sentence: "调解率90%。", Line: 30, Source: src},
	}
	b := Unit{Name: "平凉市", Period: "2024Q4", Sources: []string{src}, Figures: figs,
		Bindings: []mapping.Binding{
			{Unit: "平凉市", ID: "members_recruited", Value: 1810, Measure: "名", Source: src, Line: 27, Text: "1810名"},
			{Unit: "平凉市", ID: "mediation_rate", Value: 90, Measure: "%", Source: src, Line: 30, Text: "90%"},
		}}
	c := Unit{Name: "空白县", Period: "2024Q4"}
	return []Unit{a, b, c}
}

// summaryCol is the 汇总 column letter of an indicator, from the id row.
func summaryCol(t *testing.T, f *excelize.File, id string) string {
	t.Helper()
	rows, err := f.GetRows(TemplateSheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	for i, v := range rows[TemplateSummaryIDRow-1] {
		if v == id {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return name
		}
	}
	t.Fatalf("汇总 has no column for %s", id)
	return ""
}

func TestSummaryFill(t *testing.T) {
	cat := workbookTestCat(t)
	units := summaryTestUnits()
	f := writeAndOpen(t, summaryTestTemplate, "汇总.xlsx", func(tpl *Template, out string) error {
		return WriteSummary(tpl, out, units, cat)
	})
	out := f.Path
	sh := TemplateSheetSummary
	first, last := TemplateSummaryFirstRow, TemplateSummaryFirstRow+len(units)-1
	row := func(r int) string { return strconv.Itoa(r) }

	for i, u := range units {
		if got := workbookGet(t, f, sh, "A"+row(first+i)); got != u.Name {
			t.Errorf("row %d unit %q, want %q", first+i, got, u.Name)
		}
	}
	if got := workbookGet(t, f, sh, "A1"); got != "2024年第四季度基层党建工作季度汇总表" {
		t.Errorf("title %q", got)
	}

	members := summaryCol(t, f, "members_recruited")
	if got := workbookGet(t, f, sh, members+row(first)); got != "3472" || !workbookIsNumber(t, f, sh, members+row(first)) {
		t.Errorf("慈溪市 members = %q", got)
	}
	if got := workbookGet(t, f, sh, members+row(last)); got != "" {
		t.Errorf("空白县 members = %q, want empty", got)
	}

	// The units have no known level: one block, its total in row 5 and the
	// range of what is not summed in row 6, units from row 7.
	if got := workbookGet(t, f, sh, "A"+row(TemplateSummaryTotalRow)); got != "合计：其他单位（3 个）" {
		t.Errorf("total label %q", got)
	}
	if got := workbookGet(t, f, sh, "A"+row(TemplateSummaryAverageRow)); !strings.HasPrefix(got, "区间：") {
		t.Errorf("range label %q", got)
	}
	// Totals: live formulas with cached values, equal to what excelize computes.
	raw := string(workbookZipEntry(t, out, "xl/worksheets/sheet1.xml"))
	for _, tc := range []struct {
		id, cached string
	}{
		{"members_recruited", "5282"},
		{"funding_invested", "300000"},
	} {
		cell := summaryCol(t, f, tc.id) + row(TemplateSummaryTotalRow)
		formula, err := f.GetCellFormula(sh, cell)
		if err != nil {
			t.Fatal(err)
		}
		data := summaryCol(t, f, tc.id) + row(first) + ":" + summaryCol(t, f, tc.id) + row(last)
		if !strings.Contains(formula, "SUM("+data+")") {
			t.Errorf("%s formula %q, want SUM(%s)", cell, formula, data)
		}
		if got := workbookGet(t, f, sh, cell); got != tc.cached {
			t.Errorf("%s cached %q, want %s", cell, got, tc.cached)
		}
		if calc, err := f.CalcCellValue(sh, cell, excelize.Options{RawCellValue: true}); err != nil || calc != tc.cached {
			t.Errorf("%s calculates to %q (%v), cached %s", cell, calc, err, tc.cached)
		}
		// The cached value is a number, not text.
		re := regexp.MustCompile(`<c r="` + cell + `"[^>]*>`)
		if tag := re.FindString(raw); tag == "" || strings.Contains(tag, `t="`) {
			t.Errorf("%s cell tag %q: cached value must be numeric", cell, tag)
		}
	}
	if _, nf := workbookNumFmt(t, f, sh, members+row(TemplateSummaryTotalRow)); nf != TemplateCountFormat {
		t.Errorf("members total format %q", nf)
	}
	// Rates and averages are not summed: no total, a labelled range.
	for _, tc := range []struct{ id, rng string }{{"mediation_rate", "90.0～98.6"}, {"owners_committee_rate", ""}, {"collective_income_avg", "12,345.67"}} {
		cell := summaryCol(t, f, tc.id) + row(TemplateSummaryTotalRow)
		if formula, _ := f.GetCellFormula(sh, cell); formula != "" {
			t.Errorf("%s has a total formula %q", tc.id, formula)
		}
		if got := workbookGet(t, f, sh, cell); got != "" {
			t.Errorf("%s total = %q, want empty", tc.id, got)
		}
		if got := workbookGet(t, f, sh, summaryCol(t, f, tc.id)+row(TemplateSummaryAverageRow)); got != tc.rng {
			t.Errorf("%s range = %q, want %q", tc.id, got, tc.rng)
		}
		if got := workbookGet(t, f, sh, summaryCol(t, f, tc.id)+row(TemplateSummaryLabelRow)); !strings.Contains(got, "不合计") {
			t.Errorf("%s label %q does not say it is not summed", tc.id, got)
		}
	}
	// No unit reported grids: the total is an empty result, not 0.
	cell := summaryCol(t, f, "grids") + row(TemplateSummaryTotalRow)
	if formula, _ := f.GetCellFormula(sh, cell); !strings.Contains(formula, "SUM(") {
		t.Errorf("grids total formula %q", formula)
	}
	if got := workbookGet(t, f, sh, cell); got != "" {
		t.Errorf("grids total cached %q, want empty", got)
	}

	// 图表: one chart per key indicator over a table of the units.
	if workbookZipEntry(t, out, "xl/charts/chart1.xml") == nil {
		t.Error("no chart part")
	}
	if got := workbookGet(t, f, TemplateSheetChart, "B4"); got != "3472" {
		t.Errorf("图表 first value = %q, want 3472", got)
	}
	chart := string(workbookZipEntry(t, out, "xl/charts/chart1.xml"))
	if !strings.Contains(chart, "<tx><strRef><f>") {
		t.Error("chart series name is not a cell reference")
	}

	// 来源: every figure of every unit, unit first.
	src, err := f.GetRows(TemplateSheetSources)
	if err != nil {
		t.Fatal(err)
	}
	data := src[TemplateSourcesFirstRow-1:]
	if want := len(units[0].Figures) + len(units[1].Figures); len(data) != want {
		t.Fatalf("来源 has %d rows, want %d", len(data), want)
	}
	if r := data[len(data)-1]; r[0] != "平凉市" || r[1] != "强治理" || r[2] != "90.0" || r[9] != "矛盾纠纷调解率" {
		t.Errorf("来源 last row %q", r)
	}
	if props, err := f.GetCalcProps(); err != nil || props.FullCalcOnLoad == nil || !*props.FullCalcOnLoad {
		t.Errorf("FullCalcOnLoad not set")
	}
}

func TestSummaryByteIdentical(t *testing.T) {
	cat := workbookTestCat(t)
	checkTwoRunsIdentical(t, func(out string) error {
		return WriteSummary(testTemplate(t, summaryTestTemplate), out, summaryTestUnits(), cat)
	})
}

// No unit at all still gives a valid workbook.
func TestSummaryNoUnits(t *testing.T) {
	f := writeAndOpen(t, summaryTestTemplate, "汇总.xlsx", func(tpl *Template, out string) error {
		return WriteSummary(tpl, out, nil, workbookTestCat(t))
	})
	if got := workbookGet(t, f, TemplateSheetSummary, "A"+strconv.Itoa(TemplateSummaryTotalRow)); got != "" {
		t.Errorf("a total row with no unit: %q", got)
	}
}

func TestSummaryNumericCache(t *testing.T) {
	in := `<c r="B5" s="12" t="str"><f>SUM(B7:B9)</f><v>5282</v></c><c r="C5" t="str"><f>X</f><v>-1.5e+06</v></c><c r="D5" s="1" t="str"><f>Y</f></c><c r="E5" t="str"><f>Z</f><v>abc</v></c>`
	want := `<c r="B5" s="12"><f>SUM(B7:B9)</f><v>5282</v></c><c r="C5"><f>X</f><v>-1.5e+06</v></c><c r="D5" s="1" t="str"><f>Y</f></c><c r="E5" t="str"><f>Z</f><v>abc</v></c>`
	if got := string(summaryNumericCache([]byte(in))); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// summaryCachedRE is what summaryNumericCache matches, as the regexp it
// replaced.
var summaryCachedRE = regexp.MustCompile(`(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="str"(><f>[^<]*</f><v>-?[0-9][0-9.]*(?:[eE][-+]?[0-9]+)?</v></c>)`)

// FuzzSummaryNumericCache: the scan rewrites exactly what the regexp did.
func FuzzSummaryNumericCache(f *testing.F) {
	for _, s := range []string{
		`<c r="B5" s="12" t="str"><f>SUM(B7:B9)</f><v>5282</v></c><c r="C5" t="str"><f>X</f><v>-1.5e+06</v></c>`,
		`<c r="D5" s="1" t="str"><f>Y</f></c><c r="E5" t="str"><f>Z</f><v>abc</v></c>`,
		`<c r="5" t="str"><f>Y</f><v>1</v></c><c r="A" t="str"><f>Y</f><v>1</v></c><c r="A1" s="" t="str"><f>Y</f><v>1e</v></c>`,
		`<c r="A1" t="str"><f>Y</f><v>1</v></c>x<c r="AB12" s="7" t="str"><f></f><v>1.2.3E-4</v></c>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		want := summaryCachedRE.ReplaceAllString(in, "$1$2")
		if got := string(summaryNumericCache([]byte(in))); got != want {
			t.Errorf("%q:\ngot  %q\nwant %q", in, got, want)
		}
	})
}

// With LibreOffice installed, the totals survive a conversion to CSV.
func TestSummaryLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice 未安装")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "summary.xlsx")
	if err := WriteSummary(testTemplate(t, summaryTestTemplate), out, summaryTestUnits(), workbookTestCat(t)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1", "--outdir", dir, out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("soffice 转换失败：%v %s", err, b)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "summary*.csv"))
	if len(matches) == 0 {
		t.Skip("soffice 未生成 CSV")
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < TemplateSummaryTotalRow || !strings.Contains(strings.Join(recs[TemplateSummaryTotalRow-1], ","), "5282") &&
		!strings.Contains(strings.Join(recs[TemplateSummaryTotalRow-1], ","), "5,282") {
		t.Errorf("LibreOffice 合计 row: %q", recs[TemplateSummaryTotalRow-1])
	}
}
