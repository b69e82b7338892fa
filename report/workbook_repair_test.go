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
