package report

import (
	"bytes"
	"encoding/csv"
	"html"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

func summaryFormUnits() []Unit {
	b := func(id string, v float64) mapping.Binding { return mapping.Binding{ID: id, Value: v} }
	return []Unit{
		{Name: "平凉市", Period: "2024Q4", Bindings: []mapping.Binding{b("members_recruited", 1810), b("grids", 2797), b("mediation_rate", 98.6), b("funding_invested", 23390000)}},
		{Name: "酒泉市", Period: "2024Q4", Bindings: []mapping.Binding{b("members_recruited", 412), b("grids", 2860)}},
		{Name: "岳西县", Period: "2024Q4", Bindings: []mapping.Binding{b("members_recruited", 326), b("grids", 1362), b("mediation_rate", 98.7)}},
	}
}

// TestSummaryForm: issue 10 item 5. The summary form's row 5 repeats per
// unit; the 合计 row below sums over every unit's row, with the right
// cached values; what lies below moves down with it.
func TestSummaryForm(t *testing.T) {
	forms, _ := filepath.Glob("testdata/forms/summary-*.xlsx")
	if len(forms) < 4 {
		t.Fatal("summary test forms missing: run scripts/testforms/make_forms.py")
	}
	set := formTestSet(t, "")
	for _, path := range forms {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sf, err := LoadSummaryForm(path, data, set.Indicators)
			if err != nil {
				t.Fatal(err)
			}
			out, err := sf.FillBytes(summaryFormUnits(), set.Indicators, FormOptions{Date: "2025年1月6日"})
			if err != nil {
				t.Fatal(err)
			}
			if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
				t.Fatal("the form file changed")
			}
			summaryCheck(t, out)
			for name, zf := range formZipParts(t, out) {
				if strings.Contains(name, "calcChain") || ((name == "[Content_Types].xml" || strings.HasSuffix(name, ".rels")) && strings.Contains(string(formRead(t, zf)), "calcChain")) {
					t.Errorf("%s: the stale calculation chain is still named", name)
				}
			}
		})
	}
}

func summaryCheck(t *testing.T, out []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sh = "汇总表"
	raw := func(cell string) string {
		v, _ := f.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
		return v
	}
	for cell, want := range map[string]string{
		"A5": "平凉市", "A6": "酒泉市", "A7": "岳西县", "A8": "合计",
		"B5": "1810", "C6": "2860", "D5": "0.986", "D6": "", "E5": "2339",
		"A1": "2024年第四季度各市基层党建工作汇总表", "A2": "填报日期：2025年1月6日",
		"A10": "说明：本表由各市汇总后报省委组织部。",
	} {
		if got := raw(cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	for cell, want := range map[string]string{
		"H6": `IF(B$8=0,"",B6/B$8)`,
		"B8": "SUM(B5:B7)", "C8": "SUM(C5:C7)", "D8": "AVERAGE(D5:D7)", "F6": `IF(C6=0,"",B6/C6)`, "F8": `IF(C8=0,"",B8/C8)`,
	} {
		if got, _ := f.GetCellFormula(sh, cell); got != want {
			t.Errorf("%s formula %q, want %q", cell, got, want)
		}
	}
	// Cached results, as a previewer shows them.
	for cell, want := range map[string]float64{"H6": 412.0 / 2548, "B8": 2548, "C8": 7019, "D8": (0.986 + 0.987) / 2, "F6": 412.0 / 2860, "F8": 2548.0 / 7019} {
		v, err := strconv.ParseFloat(raw(cell), 64)
		if err != nil || math.Abs(v-want) > 1e-9 {
			t.Errorf("%s cached %q, want %v", cell, raw(cell), want)
		}
	}
	// The row's format and style are every unit's.
	s5, _ := f.GetCellStyle(sh, "D5")
	s7, _ := f.GetCellStyle(sh, "D7")
	if s5 != s7 {
		t.Errorf("D7 style %d, D5 %d", s7, s5)
	}
	if v, _ := f.GetCellValue(sh, "D7"); v != "98.7%" {
		t.Errorf("D7 shows %q", v)
	}
	dvs, _ := f.GetDataValidations(sh)
	if len(dvs) != 1 || dvs[0].Sqref != "G5:G7" {
		t.Errorf("validation %+v", dvs)
	}
	if cs, _ := f.GetComments(sh); len(cs) != 1 || cs[0].Cell != "A10" {
		t.Errorf("comments %+v", cs)
	}
	if pics, _ := f.GetPictures(sh, "A12"); len(pics) != 1 {
		t.Errorf("picture not moved to A12")
	}
	// A chart series and a note's shape follow the rows too, whatever the
	// VML's prefix (second review: the series stayed on the first unit's
	// row, the note's shape on the old row).
	for name, zf := range formZipParts(t, out) {
		text := string(formRead(t, zf))
		switch {
		case strings.HasPrefix(name, "xl/charts/chart") && strings.HasSuffix(name, ".xml"):
			for _, m := range regexp.MustCompile(`<(?:\w+:)?f>([^<]*)</(?:\w+:)?f>`).FindAllStringSubmatch(text, -1) {
				if ref := html.UnescapeString(m[1]); strings.Contains(ref, "$5") && !strings.Contains(ref, "$5:") {
					t.Errorf("%s: series %s still on the first row only", name, ref)
				}
			}
		case strings.HasSuffix(name, ".vml"):
			for _, m := range regexp.MustCompile(`<(?:\w+:)?Row>(\d+)</(?:\w+:)?Row>`).FindAllStringSubmatch(text, -1) {
				if m[1] != "9" { // the note of A10, rows counted from 0
					t.Errorf("%s: note shape on row %s, its comment is on A10", name, m[1])
				}
			}
		}
	}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "汇总_发展党员合计" && !strings.HasSuffix(dn.RefersTo, "$B$8") {
			t.Errorf("defined name %s", dn.RefersTo)
		}
	}
	merges, _ := f.GetMergeCells(sh)
	for _, m := range merges {
		if m.GetStartAxis() == "A1" && m.GetEndAxis() != "G1" {
			t.Errorf("merge %s:%s", m.GetStartAxis(), m.GetEndAxis())
		}
	}
}

// TestSummaryFormLibreOffice: LibreOffice opens the filled summary forms
// and shows the 合计 over every unit. Skipped without soffice.
func TestSummaryFormLibreOffice(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice absent")
	}
	set := formTestSet(t, "")
	dir := t.TempDir()
	forms, _ := filepath.Glob("testdata/forms/summary-*.xlsx")
	var outs []string
	for _, path := range forms {
		data, _ := os.ReadFile(path)
		sf, err := LoadSummaryForm(path, data, set.Indicators)
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".xlsx")+"-filled.xlsx")
		if err := sf.Fill(out, summaryFormUnits(), set.Indicators, FormOptions{}); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
	}
	cmd := exec.Command("soffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,1", "--outdir", filepath.Join(dir, "csv"))
	cmd.Args = append(cmd.Args, outs...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, out := range outs {
		base := strings.TrimSuffix(filepath.Base(out), ".xlsx")
		matches, _ := filepath.Glob(filepath.Join(dir, "csv", base+"*.csv"))
		if len(matches) == 0 {
			t.Errorf("%s: no csv", base)
			continue
		}
		b, _ := os.ReadFile(matches[0])
		rows, _ := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if len(rows) < 8 || rows[7][0] != "合计" || rows[7][1] != "2548" || rows[7][2] != "7019" || rows[7][3] != "98.7%" {
			t.Errorf("%s: LibreOffice shows %v", base, rows)
		}
	}
}

// TestSummaryFormRefused: a summary form without its repeating row, with
// two, with an unknown indicator id or a row merged with the next is
// refused, naming the form and the cells.
func TestSummaryFormRefused(t *testing.T) {
	set := formTestSet(t, "")
	for _, tc := range []struct {
		cells map[string]string
		merge string
		want  string
	}{
		{map[string]string{"A5": "单位"}, "", "没有内容恰为 {单位} 的单元格"},
		{map[string]string{"A5": "{单位}", "A7": "{单位}"}, "", "有 2 个内容为 {单位} 的单元格（Sheet1!A5、Sheet1!A7）"},
		{map[string]string{"A5": "{单位}", "B5": "{网格}"}, "", ""},
		{map[string]string{"A5": "{单位}", "B5": "{gridz}"}, "", "Sheet1!B5 的 {gridz} 不是已知的指标编号"},
		{map[string]string{"A5": "{单位}"}, "C5:C6", "重复行 5 与上下行合并（C5:C6）"},
	} {
		f := excelize.NewFile()
		for c, v := range tc.cells {
			f.SetCellStr("Sheet1", c, v)
		}
		if tc.merge != "" {
			a, b, _ := strings.Cut(tc.merge, ":")
			f.MergeCell("Sheet1", a, b)
		}
		buf, err := f.WriteToBuffer()
		if err != nil {
			t.Fatal(err)
		}
		_, err = LoadSummaryForm("省汇总表.xlsx", buf.Bytes(), set.Indicators)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%v: %v", tc.cells, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "省汇总表.xlsx")):
			t.Errorf("%v: %v, want %q", tc.cells, err, tc.want)
		}
	}
}
