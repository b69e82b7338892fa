package report

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"testing"

	"djreport/mapping"
)

// FuzzScanSheetXML: the sheet scanner reads outside input; it must never
// panic, and what it finds must be spans inside the part.
func FuzzScanSheetXML(f *testing.F) {
	for _, seed := range []string{
		`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
		`<x:worksheet xmlns:x="u"><x:sheetData/></x:worksheet>`,
		`<worksheet><sheetData><row><c><f>SUM(A1)</f><v>1</v></c><c t="inlineStr"><is><r><t>{单</t></r><r><t>位}</t></r></is></c></row></sheetData><headerFooter><oddHeader>&amp;C{单位}</oddHeader></headerFooter></worksheet>`,
		`<worksheet><sheetData><row r="2"/><row r="1048577"/></sheetData></worksheet>`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := scanSheetXML(data)
		if err != nil {
			return
		}
		for _, c := range s.cells {
			if c.start < 0 || c.end > len(data) || c.start > c.end {
				t.Fatalf("cell span %d:%d of %d", c.start, c.end, len(data))
			}
		}
		for _, tx := range s.texts {
			if tx.start < 0 || tx.end > len(data) || tx.start > tx.end {
				t.Fatalf("text span %d:%d", tx.start, tx.end)
			}
		}
		// Writing a value anywhere must give a part that scans again.
		out := applyEdits(data, s.edits(data, map[[2]int]formXMLValue{{3, 2}: {text: "1"}, {1, 1}: {text: "2"}}))
		if _, err := scanSheetXML(out); err != nil {
			t.Fatalf("edited part does not scan: %v\n%s", err, out)
		}
	})
}

// FuzzLoadForm: a form is outside input; loading and filling it must end
// in a value or a Chinese error, never a panic. The fuzzed bytes are the
// form's sheet part, inside an otherwise valid package (mutated zip bytes
// would almost always fail the checksum and test nothing).
func FuzzLoadForm(f *testing.F) {
	base, err := os.ReadFile("testdata/forms/province-openpyxl.xlsx")
	if err != nil {
		f.Skip(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	if err != nil {
		f.Fatal(err)
	}
	parts := map[string][]byte{}
	var names []string
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		parts[zf.Name] = b
		names = append(names, zf.Name)
	}
	const sheet = "xl/worksheets/sheet1.xml"
	f.Add(parts[sheet])
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzFormSheet(t, names, parts, data) })
}

func fuzzFormSheet(t *testing.T, names []string, parts map[string][]byte, data []byte) {
	{
		const sheet = "xl/worksheets/sheet1.xml"
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, n := range names {
			w, _ := zw.Create(n)
			if n == sheet {
				w.Write(data)
			} else {
				w.Write(parts[n])
			}
		}
		zw.Close()
		cells := map[string]mapping.Cell{"grids": {Sheet: "统计表", Ref: "C8"}}
		fm, err := LoadForm("fuzz.xlsx", buf.Bytes(), cells)
		if err != nil {
			return
		}
		u := Unit{Name: "甲市", Period: "2024Q4", Bindings: []mapping.Binding{{ID: "grids", Value: 5}}}
		_, _ = fm.FillBytes(u, []mapping.Indicator{{ID: "grids", Measure: "个"}}, FormOptions{Date: "2025年1月1日"})
	}
}
