package report

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"djreport/extract"
	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

const (
	workbookTestTemplate = "../templates/quarterly.xlsx"
	workbookTestCatalog  = "../mapping/standard.yaml"
)

func testTemplate(t testing.TB, path string) *Template {
	t.Helper()
	tpl, err := LoadTemplate(path)
	if err != nil {
		t.Fatal(err)
	}
	return tpl
}

// writeAndOpen writes an output from the template at tplPath with write,
// checks that the template file is unchanged, and opens the output for
// reading back (closed when the test ends).
func writeAndOpen(t *testing.T, tplPath, name string, write func(tpl *Template, out string) error) *excelize.File {
	t.Helper()
	before := workbookHash(t, tplPath)
	out := filepath.Join(t.TempDir(), name)
	if err := write(testTemplate(t, tplPath), out); err != nil {
		t.Fatal(err)
	}
	if workbookHash(t, tplPath) != before {
		t.Fatal("模板被修改")
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func workbookTestCat(t testing.TB) []mapping.Indicator {
	t.Helper()
	cat, err := mapping.LoadFile(workbookTestCatalog)
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func workbookFloat(v float64) *float64 { return &v }

// workbookTestUnit has a bound count, a bound amount with a qualifier, a
// bound rate, a bound non-integer amount, and unbound figures whose texts
// look like formulas.
func workbookTestUnit() Unit {
	src := "samples/2024Q4/cixi.txt"
	figs := []extract.Figure{
		{Section: extract.Team, Value: 3472, Measure: "名", Text: "3472名", Subject: "党员",
			Sentence: "组织慈溪市共95批次、3472名党员集中观展。", Line: 6, Source: src},
		{Section: extract.Mechanism, Value: 300000, Measure: "元", Qualifier: "余", Text: "30余万元", Subject: "经费",
			Sentence: "投入党建经费30余万元。", Line: 9, Source: src},
		{Section: extract.Governance, Value: 98.6, Measure: "%", Text: "98.6%", Subject: "调解率",
			Sentence: "矛盾纠纷调解率达98.6%。", Line: 12, Source: src},
		{Section: extract.Development, Value: 12345.67, Measure: "元", Text: "12345.67元", Subject: "村均收入",
			Sentence: "村均收入12345.67元。", Line: 14, Source: src},
		{Section: extract.Governance, Value: 12, Measure: "支", Text: "12支", Subject: "@志愿队",
			Sentence: "=SUM(1)+成立志愿服务队12支", Line: 15, Source: "-odd.txt"},
		{Section: extract.Development, Value: 5, Max: workbookFloat(8), Measure: "个", Text: "5至8个", Subject: "+共富工坊",
			Sentence: "-新建共富工坊5至8个", Line: 20, Source: src},
	}
	bind := func(id string, fg extract.Figure) mapping.Binding {
		return mapping.Binding{Unit: "慈溪市", ID: id, Value: fg.Value, Measure: fg.Measure, Qualifier: fg.Qualifier,
			Source: fg.Source, Line: fg.Line, Text: fg.Text, Sentence: fg.Sentence}
	}
	return Unit{
		Name: "慈溪市", Period: "2024Q4", Sources: []string{src, "-odd.txt"}, Figures: figs,
		Bindings: []mapping.Binding{
			bind("members_recruited", figs[0]),
			bind("funding_invested", figs[1]),
			bind("collective_income_avg", figs[3]),
			bind("mediation_rate", figs[2]),
		},
	}
}

func workbookHash(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// workbookNamed resolves a workbook-level defined name of f.
func workbookNamed(t *testing.T, f *excelize.File, name string) (string, string) {
	t.Helper()
	for _, dn := range f.GetDefinedName() {
		if dn.Name == name && dn.Scope == "Workbook" {
			sheet, cell, err := templateSplitRef(dn.RefersTo)
			if err != nil {
				t.Fatal(err)
			}
			return sheet, cell
		}
	}
	t.Fatalf("模板没有名称 %s", name)
	return "", ""
}

func workbookRight(t *testing.T, cell string, off int) string {
	t.Helper()
	c, r, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := excelize.CoordinatesToCellName(c+off, r)
	return out
}

func workbookGet(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// workbookIsNumber reports whether a cell holds a number (not text).
func workbookIsNumber(t *testing.T, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	ct, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return ct == excelize.CellTypeNumber || ct == excelize.CellTypeUnset && workbookGet(t, f, sheet, cell) != ""
}

func workbookNumFmt(t *testing.T, f *excelize.File, sheet, cell string) (int, string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return id, "builtin:" + strconv.Itoa(st.NumFmt)
	}
	return id, *st.CustomNumFmt
}

func TestWorkbookFill(t *testing.T) {
	cat := workbookTestCat(t)
	u := workbookTestUnit()
	f := writeAndOpen(t, workbookTestTemplate, "慈溪市.xlsx", func(tpl *Template, out string) error {
		return WriteWorkbook(tpl, out, u, cat)
	})
	tpl, err := excelize.OpenFile(workbookTestTemplate)
	if err != nil {
		t.Fatal(err)
	}
	defer tpl.Close()

	// Bound values: numbers, in the named cell, style kept.
	for _, tc := range []struct {
		id, value, note, format string
	}{
		{"members_recruited", "3472", "", TemplateCountFormat},
		{"funding_invested", "300000", "余", TemplateCountFormat},
		{"mediation_rate", "98.6", "", TemplateRateFormat},
		{"collective_income_avg", "12345.67", "", TemplateCountFormat + ".00"},
	} {
		sheet, cell := workbookNamed(t, f, tc.id)
		if got := workbookGet(t, f, sheet, cell); got != tc.value {
			t.Errorf("%s %s!%s = %q, want %q", tc.id, sheet, cell, got, tc.value)
		}
		if !workbookIsNumber(t, f, sheet, cell) {
			t.Errorf("%s: value is not a number", tc.id)
		}
		if got := workbookGet(t, f, sheet, workbookRight(t, cell, 2)); got != tc.note {
			t.Errorf("%s 说明 = %q, want %q", tc.id, got, tc.note)
		}
		wantSrc := "samples/2024Q4/cixi.txt:"
		if got := workbookGet(t, f, sheet, workbookRight(t, cell, 3)); !strings.HasPrefix(got, wantSrc) {
			t.Errorf("%s 来源 = %q, want %s<line>", tc.id, got, wantSrc)
		}
		tplID, _ := workbookNumFmt(t, tpl, sheet, cell)
		id, nf := workbookNumFmt(t, f, sheet, cell)
		if nf != tc.format {
			t.Errorf("%s number format %q, want %q", tc.id, nf, tc.format)
		}
		if tc.format == TemplateCountFormat || tc.format == TemplateRateFormat {
			if id != tplID {
				t.Errorf("%s style %d, template's %d", tc.id, id, tplID)
			}
		}
	}
	sheet, cell := workbookNamed(t, f, "funding_invested")
	if got := workbookGet(t, f, sheet, workbookRight(t, cell, 3)); got != "samples/2024Q4/cixi.txt:9" {
		t.Errorf("来源 = %q", got)
	}

	// Unbound indicators stay empty (not 0), styled as in the template.
	for _, id := range []string{"activists_reserve", "grids", "owners_committee_rate"} {
		sheet, cell := workbookNamed(t, f, id)
		if got := workbookGet(t, f, sheet, cell); got != "" {
			t.Errorf("unbound %s = %q, want empty", id, got)
		}
		tplID, _ := workbookNumFmt(t, tpl, sheet, cell)
		if got, _ := workbookNumFmt(t, f, sheet, cell); got != tplID {
			t.Errorf("unbound %s style changed", id)
		}
	}

	// 总表: the row of each indicator through the hidden id column.
	rows, err := f.GetRows(TemplateSheetOverview)
	if err != nil {
		t.Fatal(err)
	}
	overview := map[string][]string{}
	for _, r := range rows[TemplateOverviewFirstRow-1:] {
		if len(r) >= 7 {
			overview[r[6]] = r
		}
	}
	if len(overview) != len(cat) {
		t.Errorf("总表 has %d indicator rows, want %d", len(overview), len(cat))
	}
	if r := overview["funding_invested"]; r[2] != "300,000" || r[3] != "元" || r[4] != "余" || r[5] != "samples/2024Q4/cixi.txt:9" {
		t.Errorf("总表 funding_invested row = %q", r)
	}
	if r := overview["grids"]; r[2] != "" || r[4] != "" || r[5] != "" {
		t.Errorf("总表 grids row = %q, want empty value", r)
	}
	if title := workbookGet(t, f, TemplateSheetOverview, "A1"); title != "慈溪市2024年第四季度基层党建工作季度统计表" {
		t.Errorf("title = %q", title)
	}
	hf, err := f.GetHeaderFooter("抓队伍")
	if err != nil || hf == nil || !strings.Contains(hf.OddHeader, "慈溪市") || !strings.Contains(hf.OddHeader, "2024年第四季度") {
		t.Errorf("header = %+v, %v", hf, err)
	}

	// 其他数据: the unbound figures of the section, formula-looking text kept as text.
	for _, tc := range []struct {
		sheet, subject, value, qualifier, sentence, file, line string
	}{
		{"强治理", "@志愿队", "12", "", "=SUM(1)+成立志愿服务队12支", "-odd.txt", "15"},
		{"促发展", "+共富工坊", "5", "至8", "-新建共富工坊5至8个", "samples/2024Q4/cixi.txt", "20"},
	} {
		header, err := templateFindRow(f, tc.sheet, "A", TemplateOtherHeader[0], 1)
		if err != nil || header == 0 {
			t.Fatalf("%s: no 其他数据 header (%v)", tc.sheet, err)
		}
		row := strconv.Itoa(header + 1)
		got := []string{}
		for _, col := range []string{"A", "B", "D", "E", "F", "G"} {
			got = append(got, workbookGet(t, f, tc.sheet, col+row))
			if formula, _ := f.GetCellFormula(tc.sheet, col+row); formula != "" {
				t.Errorf("%s!%s%s became a formula: %q", tc.sheet, col, row, formula)
			}
		}
		want := []string{tc.subject, tc.value, tc.qualifier, tc.sentence, tc.file, tc.line}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s 其他数据 row = %q, want %q", tc.sheet, got, want)
		}
		if ct, _ := f.GetCellType(tc.sheet, "E"+row); ct != excelize.CellTypeSharedString && ct != excelize.CellTypeInlineString {
			t.Errorf("%s sentence cell type %v, want a string", tc.sheet, ct)
		}
		if !workbookIsNumber(t, f, tc.sheet, "B"+row) {
			t.Errorf("%s 其他数据 value is not a number", tc.sheet)
		}
		if next := workbookGet(t, f, tc.sheet, "A"+strconv.Itoa(header+2)); next != "" {
			t.Errorf("%s: unexpected second 其他数据 row %q", tc.sheet, next)
		}
	}
	// Bound figures are not repeated under 其他数据.
	header, _ := templateFindRow(f, "抓队伍", "A", TemplateOtherHeader[0], 1)
	if got := workbookGet(t, f, "抓队伍", "A"+strconv.Itoa(header+1)); got != "" {
		t.Errorf("抓队伍 其他数据 has %q, want no rows", got)
	}

	// 来源: every figure, with the indicator it filled.
	src, err := f.GetRows(TemplateSheetSources)
	if err != nil {
		t.Fatal(err)
	}
	data := src[TemplateSourcesFirstRow-1:]
	if len(data) != len(u.Figures) {
		t.Fatalf("来源 has %d rows, want %d", len(data), len(u.Figures))
	}
	if r := data[1]; r[0] != "建机制" || r[3] != "余" || r[6] != "samples/2024Q4/cixi.txt" || r[7] != "9" || r[8] != "基层党建经费与项目资金投入" {
		t.Errorf("来源 row 2 = %q", r)
	}
	if r := data[4]; len(r) > 8 && r[8] != "" {
		t.Errorf("unbound figure lists indicator %q", r[8])
	}

	if props, err := f.GetCalcProps(); err != nil || props.FullCalcOnLoad == nil || !*props.FullCalcOnLoad {
		t.Errorf("FullCalcOnLoad not set: %+v %v", props, err)
	}
}

func TestWorkbookByteIdentical(t *testing.T) {
	cat := workbookTestCat(t)
	checkTwoRunsIdentical(t, func(out string) error {
		return WriteWorkbook(testTemplate(t, workbookTestTemplate), out, workbookTestUnit(), cat)
	})
}

// checkTwoRunsIdentical writes the same output twice and requires the same
// bytes, with no entry stamped with the time of the run.
func checkTwoRunsIdentical(t *testing.T, write func(out string) error) {
	t.Helper()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	for _, p := range []string{a, b} {
		if err := write(p); err != nil {
			t.Fatal(err)
		}
	}
	if workbookHash(t, a) != workbookHash(t, b) {
		t.Fatal("two runs differ")
	}
	workbookZipTimes(t, a)
}

// workbookZipTimes checks that no entry carries the time of the run.
func workbookZipTimes(t *testing.T, path string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if zf.ModifiedDate != 0 || zf.ModifiedTime != 0 {
			t.Errorf("%s has a timestamp %v", zf.Name, zf.Modified)
		}
	}
}

func TestWorkbookErrors(t *testing.T) {
	cat := workbookTestCat(t)
	dir := t.TempDir()

	u := workbookTestUnit()
	u.Bindings = append(u.Bindings, mapping.Binding{ID: "no_such_indicator", Value: 1})
	err := WriteWorkbook(testTemplate(t, workbookTestTemplate), filepath.Join(dir, "x.xlsx"), u, cat)
	if err == nil || !strings.Contains(err.Error(), "no_such_indicator") {
		t.Errorf("unknown indicator: err = %v", err)
	}

	bad := append([]mapping.Indicator(nil), cat...)
	bad[0].Target = "抓队伍x!C99"
	err = WriteWorkbook(testTemplate(t, workbookTestTemplate), filepath.Join(dir, "y.xlsx"), workbookTestUnit(), bad)
	if err == nil || !strings.Contains(err.Error(), "standard.yaml:") || !strings.Contains(err.Error(), "抓队伍x!C99") {
		t.Errorf("bad target: err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "y.xlsx")); !os.IsNotExist(err) {
		t.Error("an output was written despite the error")
	}
}

// An address target and an indicator the template does not know: the value
// goes to the address, 总表 gets a row for it.
func TestWorkbookAddressTarget(t *testing.T) {
	cat := append(workbookTestCat(t), mapping.Indicator{
		ID: "extra_count", Label: "新增指标", Section: extract.Team, Measure: "个", Target: "抓队伍!J2",
	})
	u := workbookTestUnit()
	u.Bindings = append(u.Bindings, mapping.Binding{ID: "extra_count", Value: 7, Measure: "个", Source: "a.txt", Line: 3})
	f := writeAndOpen(t, workbookTestTemplate, "z.xlsx", func(tpl *Template, out string) error {
		return WriteWorkbook(tpl, out, u, cat)
	})
	if got := workbookGet(t, f, "抓队伍", "J2"); got != "7" {
		t.Errorf("抓队伍!J2 = %q", got)
	}
	if got := workbookGet(t, f, "抓队伍", "K2"); got != "" {
		t.Errorf("an address target got a note beside it: %q", got)
	}
	row, _ := templateFindRow(f, TemplateSheetOverview, TemplateOverviewIDCol, "extra_count", 1)
	if row == 0 {
		t.Fatal("总表 has no row for extra_count")
	}
	r := strconv.Itoa(row)
	if got := workbookGet(t, f, TemplateSheetOverview, "C"+r); got != "7" {
		t.Errorf("总表 extra_count = %q", got)
	}
	if got := workbookGet(t, f, TemplateSheetOverview, "A"+r); got != "抓队伍" {
		t.Errorf("总表 extra_count section = %q", got)
	}
}

// The template holds a named value cell for every catalogue indicator, and
// the layout constants describe it.
func TestTemplateMatchesCatalogue(t *testing.T) {
	cat := workbookTestCat(t)
	f, err := excelize.OpenFile(workbookTestTemplate)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, ind := range cat {
		sheet, cell := workbookNamed(t, f, ind.Target)
		if sheet != string(ind.Section) || !strings.HasPrefix(cell, TemplateSectionValueCol) {
			t.Errorf("%s -> %s!%s", ind.ID, sheet, cell)
		}
		_, nf := workbookNumFmt(t, f, sheet, cell)
		want := TemplateCountFormat
		if TemplateIsRate(ind.Measure) {
			want = TemplateRateFormat
		}
		if nf != want {
			t.Errorf("%s number format %q, want %q", ind.ID, nf, want)
		}
		if got := workbookGet(t, f, sheet, workbookRight(t, cell, -1)); got != ind.Label {
			t.Errorf("%s label %q", ind.ID, got)
		}
	}
	want := []string{TemplateSheetOverview, "抓队伍", "建机制", "促发展", "强治理", TemplateSheetSources}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sheets %v, want %v", got, want)
	}
	for _, sheet := range want {
		pl, err := f.GetPageLayout(sheet)
		if err != nil || pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
			t.Errorf("%s: not A4 fit to width: %+v %v", sheet, pl, err)
		}
	}
	// Two templates made from the same catalogue are the same bytes: the
	// generator is checked by regenerating into a temporary folder when the
	// go tool is at hand (see templates/README.md); here, at least the
	// stored template has no timestamps.
	workbookZipTimes(t, workbookTestTemplate)
}

func TestPeriodLabel(t *testing.T) {
	for in, want := range map[string]string{
		"2024Q4": "2024年第四季度",
		"2025q1": "2025年第一季度",
		"2024Q5": "2024Q5",
		"2024":   "2024",
		"":       "",
	} {
		if got := PeriodLabel(in); got != want {
			t.Errorf("PeriodLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTemplateFormatFor(t *testing.T) {
	for _, tc := range []struct {
		measure string
		v       float64
		want    string
	}{
		{"名", 3472, "#,##0"},
		{"元", 0.5, "#,##0.0"},
		{"元", 12345.67, "#,##0.00"},
		{"%", 98, "0.0"},
		{"%", 98.6, "0.0"},
		{"%", 98.65, "0.00"},
	} {
		if got := templateFormatFor(tc.measure, tc.v); got != tc.want {
			t.Errorf("templateFormatFor(%q, %v) = %q, want %q", tc.measure, tc.v, got, tc.want)
		}
	}
}

// workbookZipEntry reads one part of an xlsx package.
func workbookZipEntry(t *testing.T, path, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	return nil
}

// TestWorkbookListsAtMost: a unit with more figures than a table lists gets
// the first MaxListedFigures and a row saying how many were left out.
func TestWorkbookListsAtMost(t *testing.T) {
	u := workbookTestUnit()
	extra := MaxListedFigures + 3 - len(u.Figures)
	for i := 0; i < extra; i++ {
		u.Figures = append(u.Figures, extract.Figure{Section: extract.Team, Value: float64(i), Measure: "名",
			Text: "1名", Subject: "党员", Sentence: "新发展党员。", Line: 100 + i, Source: "big.txt"})
	}
	f := writeAndOpen(t, workbookTestTemplate, "big.xlsx", func(tpl *Template, out string) error {
		return WriteWorkbook(tpl, out, u, workbookTestCat(t))
	})
	last := TemplateSourcesFirstRow + MaxListedFigures
	if got := workbookGet(t, f, TemplateSheetSources, "A"+strconv.Itoa(last)); !strings.Contains(got, "另有 3 项数据未列出") {
		t.Errorf("来源 row %d = %q, want the note of 3 figures left out", last, got)
	}
	if got := workbookGet(t, f, TemplateSheetSources, "A"+strconv.Itoa(last+1)); got != "" {
		t.Errorf("来源 row %d = %q after the note", last+1, got)
	}
}
