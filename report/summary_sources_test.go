package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"djreport/extract"
)

// TestSummarySourcesAsExcelize: the 来源 rows written into the saved XML
// read back as excelize's cell-by-cell writing of them did (values, number
// formats, styles, row heights), the cap's 另有 row included.
func TestSummarySourcesAsExcelize(t *testing.T) {
	units := summaryTestUnits()
	// A long sentence (a tall row), a value needing decimals, and enough
	// figures to pass the cap.
	long := strings.Repeat("全市深化党建引领基层治理，", 12)
	many := Unit{Name: "测试县", Period: "2024Q4"}
	for i := range MaxListedFigures {
		fg := extract.Figure{Section: extract.Development, Value: float64(i) + 0.25, Measure: "万元", Text: "x", Subject: "经费",
			Sentence: "投入经费。", Line: i + 1, Source: "t.txt"}
		if i == 3 {
			fg.Sentence = long
		}
		many.Figures = append(many.Figures, fg)
	}
	units = append(units, many)
	cat := workbookTestCat(t)
	dir := t.TempDir()
	tpl := testTemplate(t, summaryTestTemplate)
	got := filepath.Join(dir, "new.xlsx")
	if err := WriteSummary(tpl, got, units, cat); err != nil {
		t.Fatal(err)
	}
	// The reference: the same summary with the rows set through excelize.
	want := filepath.Join(dir, "ref.xlsx")
	if err := fillTemplate(tpl, want, func(f *excelize.File) error {
		st := newTemplateStyles(f)
		if err := summaryFillSheets(f, st, units, cat, nil); err != nil {
			return err
		}
		return workbookSources(f, st, TemplateSheetSources, len(TemplateSummarySourcesHeader), units, summaryBound(units, cat), true)
	}, func(name string, b []byte) ([]byte, error) {
		if strings.HasPrefix(name, "xl/worksheets/sheet") {
			return summaryNumericCache(b), nil
		}
		return summaryContentTypes(name, b), nil
	}); err != nil {
		t.Fatal(err)
	}
	open := func(p string) *excelize.File {
		f, err := excelize.OpenFile(p)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	g, w := open(got), open(want)
	rows := TemplateSourcesFirstRow + MaxListedFigures + 2
	cols := len(TemplateSummarySourcesHeader) + 1
	diffs := 0
	for r := 1; r <= rows && diffs < 10; r++ {
		hg, _ := g.GetRowHeight(TemplateSheetSources, r)
		hw, _ := w.GetRowHeight(TemplateSheetSources, r)
		if hg != hw {
			t.Errorf("row %d: height %v, excelize %v", r, hg, hw)
			diffs++
		}
		for c := 1; c <= cols; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			describe := func(f *excelize.File) string {
				v, _ := f.GetCellValue(TemplateSheetSources, cell)
				typ, _ := f.GetCellType(TemplateSheetSources, cell)
				if typ == excelize.CellTypeInlineString {
					typ = excelize.CellTypeSharedString // the unit workbooks' plan writes text inline too
				}
				id, _ := f.GetCellStyle(TemplateSheetSources, cell)
				st, _ := f.GetStyle(id)
				js, _ := json.Marshal(st) // through the pointers Style holds
				return fmt.Sprintf("%q type %v style %s", v, typ, js)
			}
			if a, b := describe(g), describe(w); a != b {
				t.Errorf("%s: %s\nexcelize: %s", cell, a, b)
				diffs++
			}
		}
	}
	last, _ := g.GetCellValue(TemplateSheetSources, fmt.Sprintf("A%d", TemplateSourcesFirstRow+MaxListedFigures))
	if !strings.Contains(last, "另有") {
		t.Errorf("no 另有 row after the cap: %q", last)
	}
}

// TestSummarySourcesOtherPart: a template may keep 来源 in a part not
// named sheetN.xml (review of issue 15); its rows are written there.
func TestSummarySourcesOtherPart(t *testing.T) {
	part, err := testTemplate(t, summaryTestTemplate).sheetPart(TemplateSheetSources)
	if err != nil {
		t.Fatal(err)
	}
	rel := strings.TrimPrefix(part, "xl/")
	tplPath := rezipTemplate(t, summaryTestTemplate, func(name string, b []byte) (string, []byte) {
		if name == part {
			return "xl/worksheets/sources.xml", b
		}
		return name, bytes.ReplaceAll(b, []byte(rel), []byte("worksheets/sources.xml"))
	})
	units := summaryTestUnits()
	want := 0
	for _, u := range units {
		want += len(u.Figures)
	}
	f := writeAndOpen(t, tplPath, "汇总.xlsx", func(tpl *Template, out string) error {
		return WriteSummary(tpl, out, units, workbookTestCat(t))
	})
	rows, err := f.GetRows(TemplateSheetSources)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(rows) - (TemplateSourcesFirstRow - 1); n != want || want == 0 {
		t.Errorf("来源 in xl/worksheets/sources.xml has %d figure rows, want %d:\n%q", n, want, rows)
	}
}

// TestSummaryDeflated: excelize hands its parts over stored (storedZip);
// every entry of the summary must still come out compressed.
func TestSummaryDeflated(t *testing.T) {
	out := filepath.Join(t.TempDir(), "汇总.xlsx")
	if err := WriteSummary(testTemplate(t, summaryTestTemplate), out, summaryTestUnits(), workbookTestCat(t)); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, zf := range zr.File {
		if zf.Method != zip.Deflate {
			t.Errorf("%s is stored, not deflated", zf.Name)
		}
	}
}

// rezipTemplate is the template at src with each part passed through edit
// (which may rename it), in a temporary file.
func rezipTemplate(t *testing.T, src string, edit func(name string, b []byte) (string, []byte)) string {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		name, b := edit(zf.Name, b)
		w, err := zw.Create(name)
		if err == nil {
			_, err = w.Write(b)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestSummaryChartKeepsSources: a template whose 来源 has a lower sheetId
// than 图表 (made first, placed after) keeps its 来源 when 图表 is rebuilt;
// excelize's new sheet used to take 来源's part (review of issue 15).
func TestSummaryChartKeepsSources(t *testing.T) {
	tplPath := rezipTemplate(t, summaryTestTemplate, func(name string, b []byte) (string, []byte) {
		if name != "xl/workbook.xml" {
			return name, b
		}
		s := strings.Replace(string(b), `name="图表" sheetId="2"`, `name="图表" sheetId="9"`, 1)
		s = strings.Replace(s, `name="来源" sheetId="3"`, `name="来源" sheetId="2"`, 1)
		s = strings.Replace(s, `name="图表" sheetId="9"`, `name="图表" sheetId="3"`, 1)
		if s == string(b) {
			t.Fatal("the template's sheet ids are not as this test expects")
		}
		return name, []byte(s)
	})
	units := summaryTestUnits()
	f := writeAndOpen(t, tplPath, "汇总.xlsx", func(tpl *Template, out string) error {
		return WriteSummary(tpl, out, units, workbookTestCat(t))
	})
	if got, want := f.GetSheetList(), []string{TemplateSheetSummary, TemplateSheetChart, TemplateSheetSources}; !slices.Equal(got, want) {
		t.Errorf("sheets %q, want %q", got, want)
	}
	rows, err := f.GetRows(TemplateSheetSources)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < TemplateSourcesFirstRow || len(rows[TemplateSourcesFirstRow-1]) == 0 || rows[TemplateSourcesFirstRow-1][0] != units[0].Name {
		t.Errorf("来源 lost its rows:\n%q", rows)
	}
	chart, _ := f.GetRows(TemplateSheetChart)
	if len(chart) == 0 || slices.EqualFunc(chart, rows, slices.Equal[[]string]) {
		t.Errorf("图表 is empty or holds 来源's rows: %q", chart)
	}
}

// BenchmarkWriteSummary writes the summary of 300 units of some twenty
// figures each (the 来源 sheet near its 5,000-row cap).
func BenchmarkWriteSummary(b *testing.B) {
	base := summaryTestUnits()
	var units []Unit
	for i := range 300 {
		u := base[i%2]
		u.Name = fmt.Sprintf("%s%d", u.Name, i)
		for len(u.Figures) < 16 {
			u.Figures = append(u.Figures, u.Figures...)
		}
		units = append(units, u)
	}
	tpl := testTemplate(b, summaryTestTemplate)
	cat := workbookTestCat(b)
	out := filepath.Join(b.TempDir(), "汇总.xlsx")
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteSummary(tpl, out, units, cat); err != nil {
			b.Fatal(err)
		}
	}
}
