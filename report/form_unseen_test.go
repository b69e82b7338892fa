package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// TestFormsUnseen runs the form filler over a folder of workbooks no one
// on the team has seen: testdata/forms/excel-saved (two saved by Excel,
// from JXLS), or DJREPORT_FORMS=DIR, such as all the Excel-saved templates
// of a public repository: each loads, takes a
// value in a free cell of its first sheet and its tokens, keeps every
// other part byte for byte, opens in excelize, and (with soffice) in
// LibreOffice.
func TestFormsUnseen(t *testing.T) {
	dir := os.Getenv("DJREPORT_FORMS")
	if dir == "" {
		dir = "testdata/forms/excel-saved"
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	out := t.TempDir()
	set := formTestSet(t, "")
	var outs []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Logf("%s: excelize cannot open it: %v", filepath.Base(p), err)
			continue
		}
		sheet := f.GetSheetList()[0]
		// A free cell: the first of column Z the mapping accepts.
		var cells map[string]mapping.Cell
		for r := 1; r < 200 && cells == nil; r++ {
			s, err := formSetFrom(t, "mappings:\n  - id: grids\n    target: \"'"+strings.ReplaceAll(sheet, "'", "''")+"'!Z"+strconv.Itoa(r)+"\"\n")
			if err != nil {
				t.Fatal(err)
			}
			if pl, err := s.FormTargets(f); err == nil && len(pl.Cells) == 1 {
				cells = pl.Cells
			}
		}
		f.Close()
		fm, err := LoadForm(p, data, cells)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
			continue
		}
		u := Unit{Name: "平凉市", Period: "2024Q4", Bindings: []mapping.Binding{{ID: "grids", Value: 2797}}}
		got, err := fm.FillBytes(u, set.Indicators, FormOptions{Date: "2025年1月6日"})
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(p), err)
			continue
		}
		written := map[string]map[string]bool{}
		if c := cells["grids"]; c.Ref != "" {
			written[c.Sheet] = map[string]bool{c.Ref: true}
		}
		formCheckParts(t, fm, data, got, written)
		g, err := excelize.OpenReader(bytes.NewReader(got))
		if err != nil {
			t.Errorf("%s: output does not open: %v", filepath.Base(p), err)
			continue
		}
		if c := cells["grids"]; c.Ref != "" {
			if v, _ := g.GetCellValue(c.Sheet, c.Ref, excelize.Options{RawCellValue: true}); v != "2797" {
				t.Errorf("%s: %s = %q", filepath.Base(p), c, v)
			}
		}
		g.Close()
		o := filepath.Join(out, filepath.Base(p))
		if err := os.WriteFile(o, got, 0o644); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, o)
	}
	t.Logf("%d forms filled", len(outs))
	if _, err := exec.LookPath("soffice"); err != nil || len(outs) == 0 {
		return
	}
	cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(out, "profile"), "--convert-to", "csv", "--outdir", filepath.Join(out, "csv"))
	cmd.Args = append(cmd.Args, outs...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, o := range outs {
		if _, err := os.Stat(filepath.Join(out, "csv", strings.TrimSuffix(filepath.Base(o), ".xlsx")+".csv")); err != nil {
			t.Errorf("LibreOffice did not open %s", filepath.Base(o))
		}
	}
}
