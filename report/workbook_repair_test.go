package report

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"djreport/mapping"
)

// TestWorkbookTemplateSavedByOpenpyxl: issue 10. The project's own layout
// saved by openpyxl (<patternFill/>, 8-digit colours) is filled without
// error, and the output carries no 10-digit colour (openpyxl refuses it,
// Excel repairs it) and no fill without a valid pattern.
func TestWorkbookTemplateSavedByOpenpyxl(t *testing.T) {
	path := "testdata/forms/quarterly-openpyxl.xlsx"
	f := writeAndOpen(t, path, "unit.xlsx", func(tpl *Template, out string) error {
		return WriteWorkbook(tpl, out, workbookTestUnit(), workbookTestCat(t))
	})
	if v, _ := f.GetCellValue("总表", "A1"); v == "" {
		t.Error("no title")
	}
	out := filepath.Join(t.TempDir(), "u.xlsx")
	tpl := testTemplate(t, path)
	if err := WriteWorkbook(tpl, out, workbookTestUnit(), workbookTestCat(t)); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/styles.xml" {
			continue
		}
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if m := regexp.MustCompile(`rgb="[0-9A-Fa-f]{10}"`).Find(b); m != nil {
			t.Errorf("10-digit colour %s", m)
		}
	}
}

// TestWorkbookLongSentence: a sentence near the 4 KB line limit would need
// a row over Excel's 409 points, which excelize refuses: the row is capped.
func TestWorkbookLongSentence(t *testing.T) {
	u := workbookTestUnit()
	u.Figures[0].Sentence = strings.Repeat("组织党员集中观展，", 400)
	f := writeAndOpen(t, workbookTestTemplate, "long.xlsx", func(tpl *Template, out string) error {
		return WriteWorkbook(tpl, out, u, workbookTestCat(t))
	})
	h, err := f.GetRowHeight(TemplateSheetSources, TemplateSourcesFirstRow)
	if err != nil || h != TemplateMaxRowHeight {
		t.Errorf("row height %v %v", h, err)
	}
}

// TestWorkbookTargetOff: with the project's layout too, an indicator
// switched off (target: off) gets no section cell but stays on 总表.
func TestWorkbookTargetOff(t *testing.T) {
	cat := workbookTestCat(t)
	for i := range cat {
		if cat[i].ID == "mediation_rate" {
			cat[i].Target = mapping.TargetOff
		}
	}
	u := workbookTestUnit()
	f := writeAndOpen(t, workbookTestTemplate, "off.xlsx", func(tpl *Template, out string) error {
		return WriteWorkbook(tpl, out, u, cat)
	})
	sheet, cell := "", ""
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "mediation_rate" {
			sheet, cell, _ = templateSplitRef(dn.RefersTo)
		}
	}
	if v, _ := f.GetCellValue(sheet, cell); v != "" {
		t.Errorf("%s!%s = %q, want empty", sheet, cell, v)
	}
	rows, _ := f.GetRows(TemplateSheetOverview)
	found := false
	for _, r := range rows {
		if len(r) > 2 && strings.Contains(strings.Join(r, "|"), "98.6") {
			found = true
		}
	}
	if !found {
		t.Error("总表 lost the value")
	}
}
