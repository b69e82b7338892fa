package report

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestXLSXReason: a file that is not a workbook is refused in Chinese with
// its likely cause, never with the zip or XML reader's English.
func TestXLSXReason(t *testing.T) {
	dir := t.TempDir()
	docx, err := os.ReadFile(filepath.Join("..", "samples", "2024Q4", "yuexi-tables.docx"))
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]struct {
		data []byte
		want string
	}{
		"text.xlsx": {[]byte("这不是表格"), "不是 .xlsx 格式"},
		"word.xlsx": {docx, "没有 Excel 工作簿"},
	}
	for name, c := range cases {
		p := filepath.Join(dir, name)
		os.WriteFile(p, c.data, 0o644)
		_, err := LoadTemplate(p)
		if err == nil {
			t.Errorf("%s: loaded", name)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, c.want) || strings.Contains(msg, "zip:") || strings.Contains(msg, "expected element") {
			t.Errorf("%s: %q, want %q and no English from the readers", name, msg, c.want)
		}
	}
}

// TestXLSXReasonInternals: what the readers say of damaged internals
// (second review) comes out in Chinese too, without their English.
func TestXLSXReasonInternals(t *testing.T) {
	for _, msg := range []string{"unexpected EOF", "EOF", "expected element type <workbook> but have <document>",
		`strconv.ParseInt: parsing "x": invalid syntax`, "XML syntax error on line 1: unexpected EOF", "something else entirely"} {
		got := XLSXReason(errors.New(msg))
		for _, w := range []string{"EOF", "expected", "strconv", "syntax", "invalid", "element", "something"} {
			if strings.Contains(got, w) {
				t.Errorf("XLSXReason(%q) = %q: English from the reader", msg, got)
			}
		}
	}
}
