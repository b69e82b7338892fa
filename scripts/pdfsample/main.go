// Command pdfsample prints a sample report, written as plain text, to the
// PDF that samples/ ships, so the PDF reader has a real-looking source to
// read in every run of the sample quarter. The .txt beside this file is
// the source of truth; the PDF is generated, never edited.
//
// Usage (from the repository root):
//
//	go run ./scripts/pdfsample -in scripts/pdfsample/jiuquan.txt -out samples/2024Q4/jiuquan.pdf
//
// Layout: A4, the project's font (templates/fonts/wqy-microhei.ttf), the
// first two lines (title, issuing office) centred, every other line a
// paragraph indented by two full-width spaces and wrapped at any character
// as Chinese is set, and "— n —" at the foot of each page, as office
// printouts of such reports look. Dates in the file are fixed so that a
// rerun gives the same bytes.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"
)

func main() {
	in := flag.String("in", "scripts/pdfsample/jiuquan.txt", "sample report text (UTF-8, one paragraph a line)")
	out := flag.String("out", "samples/2024Q4/jiuquan.pdf", "PDF to write")
	font := flag.String("font", "templates/fonts/wqy-microhei.ttf", "TrueType font with CJK glyphs")
	flag.Parse()
	data, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	var paras []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			paras = append(paras, l)
		}
	}
	if len(paras) < 3 {
		log.Fatalf("%s: want a title, an office and a body", *in)
	}

	f := gofpdf.New("P", "mm", "A4", "")
	stamp := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	f.SetCreationDate(stamp)
	f.SetModificationDate(stamp)
	f.SetCatalogSort(true)
	f.SetTitle(paras[0], true)
	f.AddUTF8Font("wqy", "", *font)
	f.SetMargins(25, 25, 25)
	f.SetAutoPageBreak(true, 25)
	f.SetFooterFunc(func() {
		f.SetY(-18)
		f.SetFont("wqy", "", 10)
		f.CellFormat(0, 8, fmt.Sprintf("— %d —", f.PageNo()), "", 0, "C", false, 0, "")
	})
	f.AddPage()
	f.SetFont("wqy", "", 18)
	f.CellFormat(0, 12, paras[0], "", 1, "C", false, 0, "")
	f.SetFont("wqy", "", 12)
	f.CellFormat(0, 9, paras[1], "", 1, "C", false, 0, "")
	f.Ln(4)
	w, _ := f.GetPageSize()
	left, _, right, _ := f.GetMargins()
	for _, p := range paras[2:] {
		// gofpdf's MultiCell drops the character at a break when a line
		// has no spaces, as Chinese has none: wrap here instead.
		var cur []rune
		for _, r := range "\u3000\u3000" + p {
			if len(cur) > 0 && f.GetStringWidth(string(append(cur, r))) > w-left-right {
				f.CellFormat(0, 7.5, string(cur), "", 1, "L", false, 0, "")
				cur = cur[:0]
			}
			cur = append(cur, r)
		}
		f.CellFormat(0, 7.5, string(cur), "", 1, "L", false, 0, "")
	}
	if err := f.OutputFileAndClose(*out); err != nil {
		log.Fatal(err)
	}
}
