package source

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// projectFont is the font the briefs print with; it has the CJK glyphs.
var projectFont = filepath.Join("..", "templates", "fonts", "wqy-microhei.ttf")

// pdfOf prints paragraphs the way reports are printed: A4, paragraphs
// indented with two full-width spaces and wrapped by the layout, and a
// page-number footer "— n —".
func pdfOf(tb testing.TB, paras []string) []byte {
	tb.Helper()
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8Font("wqy", "", projectFont)
	f.SetFooterFunc(func() {
		f.SetY(-15)
		f.CellFormat(0, 10, fmt.Sprintf("— %d —", f.PageNo()), "", 0, "C", false, 0, "")
	})
	f.SetFont("wqy", "", 12)
	f.AddPage()
	w, _ := f.GetPageSize()
	l, _, r, _ := f.GetMargins()
	for _, p := range paras {
		for _, line := range wrap(f, "\u3000\u3000"+p, w-l-r) {
			f.CellFormat(0, 7, line, "", 1, "L", false, 0, "")
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// wrap breaks text into lines that fit width, at any character as Chinese
// is set. (gofpdf's MultiCell drops the character at a break when the text
// has no spaces.)
func wrap(f *gofpdf.Fpdf, text string, width float64) []string {
	var lines []string
	var cur []rune
	for _, r := range text {
		if len(cur) > 0 && f.GetStringWidth(string(append(cur, r))) > width {
			lines = append(lines, string(cur))
			cur = cur[:0]
		}
		cur = append(cur, r)
	}
	return append(lines, string(cur))
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func TestPDFParagraphs(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "samples", "2024Q4", "ningbo.txt"))
	if err != nil {
		t.Fatal(err)
	}
	want := nonEmptyLines(string(data))
	d, err := Parse("ningbo.pdf", pdfOf(t, want))
	if err != nil {
		t.Fatal(err)
	}
	base, err := Parse("ningbo.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != "pdf" {
		t.Fatalf("format %q", d.Format)
	}
	checkLines(t, d)
	if got, w := strings.Join(texts(d), "\n"), strings.Join(texts(base), "\n"); got != w {
		t.Fatalf("paragraphs differ\n got: %s\nwant: %s", got, w)
	}
}
