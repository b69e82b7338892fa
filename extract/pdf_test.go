package extract_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"

	"djreport/source"
)

// printPDF prints a report's text as an office printout: A4, the project's
// font, each paragraph indented two full-width spaces and wrapped at any
// character (gofpdf's MultiCell loses the character at a break in text
// without spaces), a page number "— n —" at the foot of every page.
func printPDF(t *testing.T, text string) []byte {
	t.Helper()
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8Font("wqy", "", filepath.Join("..", "templates", "fonts", "wqy-microhei.ttf"))
	f.SetFooterFunc(func() {
		f.SetY(-15)
		f.CellFormat(0, 10, fmt.Sprintf("— %d —", f.PageNo()), "", 0, "C", false, 0, "")
	})
	f.SetFont("wqy", "", 12)
	f.AddPage()
	w, _ := f.GetPageSize()
	l, _, r, _ := f.GetMargins()
	for _, p := range strings.Split(text, "\n") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		var cur []rune
		for _, c := range "\u3000\u3000" + p {
			if len(cur) > 0 && f.GetStringWidth(string(append(cur, c))) > w-l-r {
				f.CellFormat(0, 7, string(cur), "", 1, "L", false, 0, "")
				cur = cur[:0]
			}
			cur = append(cur, c)
		}
		f.CellFormat(0, 7, string(cur), "", 1, "L", false, 0, "")
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPDFSample: the PDF in samples/ is the print of its text under
// scripts/pdfsample (regenerate it with go run ./scripts/pdfsample) and
// reads back with the same figures.
func TestPDFSample(t *testing.T) {
	x := newExtractor(t)
	text, err := source.Read(filepath.Join("..", "scripts", "pdfsample", "jiuquan.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := source.Read(filepath.Join("..", "samples", "2024Q4", "jiuquan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	want, got := x.Document(text), x.Document(doc)
	if strings.Join(got.Units, ",") != "酒泉市" || len(want.Figures) < 30 {
		t.Fatalf("units %v, %d figures in the text", got.Units, len(want.Figures))
	}
	if g, w := strings.Join(figureKeys(got), "\n"), strings.Join(figureKeys(want), "\n"); g != w {
		t.Errorf("samples/2024Q4/jiuquan.pdf differs from its text\n got: %s\nwant: %s", g, w)
	}
}
