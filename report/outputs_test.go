package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestFileNamesUnique: distinct units never share a file (issue 14.3), on a
// case-insensitive file system too; the choice does not depend on order.
func TestFileNamesUnique(t *testing.T) {
	long := strings.Repeat("长", 300)
	names := []string{"甲/乙", "甲:乙", "慈溪市", "ABC", "abc", long, long + "县", "甲_乙"}
	got := FileNames(names)
	seen := map[string]string{}
	for _, n := range names {
		f, ok := got[n]
		if !ok {
			t.Fatalf("no file name for %q", n)
		}
		if prev, dup := seen[strings.ToLower(f)]; dup {
			t.Errorf("%q and %q share the file name %q", prev, n, f)
		}
		seen[strings.ToLower(f)] = n
		if len(f)+len(".xlsx") > 240 || filepath.Base(f) != f {
			t.Errorf("file name for %q is unsafe: %q (%d bytes)", n, f, len(f))
		}
	}
	if got["慈溪市"] != "慈溪市" {
		t.Errorf("a name without collision changed: %q", got["慈溪市"])
	}
	rev := make([]string, len(names))
	for i, n := range names {
		rev[len(names)-1-i] = n
	}
	again := FileNames(rev)
	for _, n := range names {
		if again[n] != got[n] {
			t.Errorf("%q: %q in one order, %q in another", n, got[n], again[n])
		}
	}
}

// TestWorkbookLongUnitName: a unit name over the 255-character header limit
// of Excel still gets its workbook (issue 14.9).
func TestWorkbookLongUnitName(t *testing.T) {
	cat := workbookTestCat(t)
	u := workbookTestUnit()
	u.Name = strings.Repeat("某某县", 100)
	out := filepath.Join(t.TempDir(), FileName(u.Name)+".xlsx")
	if err := WriteWorkbook(testTemplate(t, workbookTestTemplate), out, u, cat); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
	if n := utf8.RuneCountInString(filepath.Base(out)); n > 240 {
		t.Errorf("file name of %d characters", n)
	}
}
