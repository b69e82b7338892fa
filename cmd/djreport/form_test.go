package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestRunUserForm: issue 10's measure. A newcomer's config.yaml names the
// province's form and writes a few target: lines (samples/forms); run fills
// the form for every unit, writes the detailed workbook beside it, lists
// what the form has no cell for, and leaves the form file as it was.
func TestRunUserForm(t *testing.T) {
	form := "samples/forms/省统计表.xlsx"
	before := hashFile(t, form)
	out := t.TempDir()
	code, _, errs := runCLI(t, "run", "--config", "samples/forms/config.yaml", "--out", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if hashFile(t, form) != before {
		t.Fatal("the form file changed")
	}
	var rep struct {
		Units []unitReport `json:"units"`
		Form  formReport   `json:"form"`
	}
	data, _ := os.ReadFile(filepath.Join(out, "run.json"))
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Form.Cells["members_recruited"] != "统计表!C5" || !slices.Contains(rep.Form.Missing, "service_sites") {
		t.Errorf("run.json form: %+v", rep.Form)
	}
	cells := map[string]string{}
	for id, c := range rep.Form.Cells {
		cells[id] = strings.TrimPrefix(c, "统计表!")
	}
	if len(rep.Units) != 8 {
		t.Fatalf("%d units", len(rep.Units))
	}
	for _, u := range rep.Units {
		if u.Error != "" || u.Detail != strings.TrimSuffix(u.Workbook, ".xlsx")+"-明细.xlsx" {
			t.Errorf("%s: error %q, detail %q", u.Name, u.Error, u.Detail)
			continue
		}
		f, err := excelize.OpenFile(filepath.Join(out, u.Workbook))
		if err != nil {
			t.Fatal(err)
		}
		if title, _ := f.GetCellValue("统计表", "A1"); title != u.Name+"基层党建工作季度统计表" {
			t.Errorf("%s: title %q", u.Name, title)
		}
		for _, b := range u.Indicators {
			cell, placed := cells[b.ID]
			if placed == slices.Contains(u.NotPlaced, b.ID) {
				t.Errorf("%s %s: placed %v, not_in_form %v", u.Name, b.ID, placed, u.NotPlaced)
			}
			if !placed {
				continue
			}
			want := b.Value
			switch b.ID {
			case "funding_invested":
				want /= 1e4
			case "investment_completed":
				want /= 1e8
			case "mediation_rate":
				want /= 100
			}
			v, _ := f.GetCellValue("统计表", cell, excelize.Options{RawCellValue: true})
			if v != formatValue(want) {
				t.Errorf("%s %s: %s = %q, want %v", u.Name, b.ID, cell, v, want)
			}
		}
		f.Close()
		d, err := excelize.OpenFile(filepath.Join(out, u.Detail))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := d.GetRows("来源")
		if len(rows) < 2+min(u.Figures, 1) {
			t.Errorf("%s: 明细 来源 has %d rows for %d figures", u.Name, len(rows), u.Figures)
		}
		d.Close()
	}
	// The summary form: one row per unit, the 合计 below over all of them,
	// except a county whose own city reported too (慈溪市 of 宁波市): the
	// form's SUM would add the two (issue 13).
	sum, err := excelize.OpenFile(filepath.Join(out, "汇总.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	total, rowsWant := 0.0, 0
	for _, u := range rep.Units {
		if u.Name == "慈溪市" {
			continue
		}
		rowsWant++
		for _, b := range u.Indicators {
			if b.ID == "members_recruited" {
				total += b.Value
			}
		}
	}
	var warnings struct {
		Warnings []string `json:"warnings"`
	}
	json.Unmarshal(data, &warnings)
	if !slices.ContainsFunc(warnings.Warnings, func(w string) bool { return strings.Contains(w, "慈溪市 属于 宁波市") }) {
		t.Errorf("no warning that 慈溪市 has no row of its own: %q", warnings.Warnings)
	}
	names, _ := sum.GetCols("汇总表")
	if len(names) > 0 && slices.Contains(names[0], "慈溪市") {
		t.Error("慈溪市 has a row of the summary form beside 宁波市")
	}
	last := 5 + rowsWant
	if f, _ := sum.GetCellFormula("汇总表", fmt.Sprintf("B%d", last)); f != fmt.Sprintf("SUM(B5:B%d)", last-1) {
		t.Errorf("汇总 合计 formula %q", f)
	}
	if v, _ := sum.GetCellValue("汇总表", fmt.Sprintf("B%d", last), excelize.Options{RawCellValue: true}); v != formatValue(total) {
		t.Errorf("汇总 合计 cached %q, want %v", v, total)
	}
	sum.Close()
	if _, err := os.Stat(filepath.Join(out, "汇总-明细.xlsx")); err != nil {
		t.Error(err)
	}
	first := hashDir(t, out)
	if code, _, errs := runCLI(t, "run", "--config", "samples/forms/config.yaml", "--out", out, "--quiet"); code != 0 {
		t.Fatalf("second run: %s", errs)
	}
	for name, h := range hashDir(t, out) {
		if first[name] != h && name != "run.json" {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// TestValidateRefusesDamagingBindings: issue 10 item 7. Every binding that
// would damage the form is refused with config.yaml:line and sheet!cell.
// TestRunUserFormPrevious: with last quarter's run.json, 环比 goes to the
// 明细 workbook; the province's form gets no sheet it did not have.
func TestRunUserFormPrevious(t *testing.T) {
	root := t.TempDir()
	q3, q4 := filepath.Join(root, "2024Q3"), filepath.Join(root, "2024Q4")
	if code, _, errs := runCLI(t, "run", "--config", "samples/forms/config.yaml", "--period", "2024Q3", "--sources", "samples/2024Q3", "--out", q3, "--quiet"); code != 0 {
		t.Fatalf("2024Q3: exit %d: %s", code, errs)
	}
	if code, _, errs := runCLI(t, "run", "--config", "samples/forms/config.yaml", "--out", q4, "--previous", filepath.Join(q3, "run.json"), "--quiet"); code != 0 {
		t.Fatalf("2024Q4: exit %d: %s", code, errs)
	}
	tpl, err := excelize.OpenFile("samples/forms/省统计表.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	want := tpl.GetSheetList()
	for _, name := range []string{"宁波市", "慈溪市"} {
		f, err := excelize.OpenFile(filepath.Join(q4, name+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); !slices.Equal(got, want) {
			t.Errorf("%s.xlsx sheets %v, want the form's %v", name, got, want)
		}
		d, err := excelize.OpenFile(filepath.Join(q4, name+"-明细.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(d.GetSheetList(), "环比") {
			t.Errorf("%s-明细.xlsx has no 环比 sheet: %v", name, d.GetSheetList())
		}
	}
}

func TestValidateRefusesDamagingBindings(t *testing.T) {
	form, _ := filepath.Abs("samples/forms/省统计表.xlsx")
	cfg := writeConfig(t, `template: `+form+`
mappings:
  - id: members_recruited
    target: 统计表!F5
  - id: cadres_dispatched
    target: 统计表!B13
  - id: party_orgs_set_up
    target: 统计表!B6
  - id: grids
    target: 统计表!G7
  - id: disputes_resolved
    target: 统计表!c9
  - id: service_sites
    target: 统计表!$C$9
  - id: weak_orgs_rectified
    target: 统计表!XFE1
  - id: volunteers
    target: 合计_本期
  - id: funding_invested
    target: 没有这个名称
`)
	code, _, errs := runCLI(t, "validate", "--config", cfg)
	if code != 2 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"config.yaml:4: 指标 members_recruited 的目标 统计表!F5（统计表!F5）是公式单元格",
		"config.yaml:6: 指标 cadres_dispatched 的目标 统计表!B13（统计表!B13）位于合并区域 A13:B13 中",
		"config.yaml:8: 指标 party_orgs_set_up 的目标 统计表!B6（统计表!B6）已有文字「选派干部」",
		"config.yaml:10: 指标 grids 的目标 统计表!G7（统计表!G7）有下拉列表校验（已核实、待核实、有疑问），不接受数值",
		"的目标是同一个单元格 统计表!C9：一个单元格只能填一个指标",
		"config.yaml:16: 指标 weak_orgs_rectified 的目标单元格 统计表!XFE1 不是有效的单元格地址",
		"config.yaml:18: 指标 volunteers 的目标 统计表!C13（合计_本期）是公式单元格",
		"config.yaml:20: 指标 funding_invested 的目标名称「没有这个名称」在模板中不存在",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("missing %q in:\n%s", want, errs)
		}
	}
}
