package report

import (
	"encoding/json"
	"fmt"
	"path/filepath"
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
