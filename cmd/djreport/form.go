package main

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"djreport/mapping"
	"djreport/report"
	"djreport/templates"
)

// A template: that is not the project's own layout (总表, 来源 and a sheet per
// section) is a user's form, the one the province sends: each unit's
// <单位>.xlsx is that form with the bound cells filled and nothing else
// changed, and the project's detailed workbook (every figure and its
// sentence) is written beside it as <单位>-明细.xlsx from the built-in
// layout. Nothing is required of the form's sheets.

// loadWorkbook reads the workbook template and checks the mapping's
// targets against it.
func (a *assets) loadWorkbook(name string, data []byte) error {
	return withTemplate(name, data, func(f *excelize.File) error { return a.useWorkbook(name, data, f) })
}

// withTemplate opens a template for use. excelize reads outside input: a
// crash is a refusal naming the template, never a stop.
func withTemplate(name string, data []byte, use func(*excelize.File) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("模板 %s 无法读取：文件内部结构有误（可能已损坏）：请在 Excel 或 WPS 中打开后重新保存", name)
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("模板 %s 不是有效的 .xlsx 文件：%s", name, report.XLSXReason(err))
	}
	defer f.Close()
	return use(f)
}

func (a *assets) useWorkbook(name string, data []byte, f *excelize.File) (err error) {
	if report.IsLayout(f) {
		if a.workbook, err = report.ParseTemplate(name, data); err != nil {
			return err
		}
		if a.set != nil {
			_, err = a.set.TargetsIn(f)
		}
		return err
	}
	var cells map[string]mapping.Cell
	if a.set != nil {
		pl, err := a.set.FormTargets(f)
		if err != nil {
			return errors.Join(fmt.Errorf("模板 %s 中的填写位置有误（填入会破坏表格，或找不到单元格）：", name), err)
		}
		a.placement, cells = pl, pl.Cells
	}
	if a.form, err = report.LoadForm(name, data, cells); err != nil {
		return err
	}
	a.workbook, err = report.ParseTemplate(templates.QuarterlyName, templates.Quarterly)
	return err
}

// formUnit writes a unit's form and its detailed workbook.
func (r *renderer) formUnit(u report.Unit, ur *unitReport) error {
	ur.Detail = strings.TrimSuffix(ur.Workbook, ".xlsx") + "-明细.xlsx"
	for _, b := range u.Bindings {
		if !r.form.Placed(b.ID) {
			ur.NotPlaced = append(ur.NotPlaced, b.ID)
		}
	}
	if err := r.form.Fill(filepath.Join(r.out, ur.Workbook), u, r.set.Indicators, report.FormOptions{Date: r.formDate}); err != nil {
		return err
	}
	return report.WriteDetail(r.workbook, filepath.Join(r.out, ur.Detail), u, r.set.Indicators)
}

// formReport is run.json's form: which cell of the form each indicator
// went to, which indicators the form has no cell for, which are off.
type formReport struct {
	Template string            `json:"template"`
	Cells    map[string]string `json:"cells"`
	Missing  []string          `json:"not_in_form"`
	Off      []string          `json:"off"`
}

func (r *renderer) formReport() formReport {
	fr := formReport{Template: r.form.Path, Cells: map[string]string{}, Missing: []string{}, Off: []string{}}
	if r.placement != nil {
		for id, c := range r.placement.Cells {
			fr.Cells[id] = c.String()
		}
		fr.Missing = append(fr.Missing, r.placement.Missing...)
		fr.Off = append(fr.Off, r.placement.Off...)
	}
	return fr
}

// describeForm says, for validate, what the forms take.
func (a *assets) describeForm() string {
	var out []string
	if s := a.describeUnitForm(); s != "" {
		out = append(out, s)
	}
	if a.summaryForm != nil {
		out = append(out, a.summaryForm.Describe()+"；另生成 汇总-明细.xlsx")
	}
	return strings.Join(out, "。\n")
}

func (a *assets) describeUnitForm() string {
	if a.form == nil || a.placement == nil {
		return ""
	}
	ids := make([]string, 0, len(a.placement.Cells))
	for id := range a.placement.Cells {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var cells []string
	for _, id := range ids {
		cells = append(cells, id+"→"+a.placement.Cells[id].String())
	}
	s := fmt.Sprintf("表格 %s 填入 %d 个指标（%s）", a.form.Path, len(ids), strings.Join(cells, "，"))
	if n := len(a.placement.Missing); n > 0 {
		s += fmt.Sprintf("；%d 个指标表中没有对应单元格，不填（%s）", n, strings.Join(slices.Sorted(slices.Values(a.placement.Missing)), "、"))
	}
	if n := len(a.placement.Off); n > 0 {
		s += fmt.Sprintf("；%d 个已关闭（target: off）：%s", n, strings.Join(a.placement.Off, "、"))
	}
	s += "。各单位另生成 <单位>-明细.xlsx（全部数据与原句）"
	if u := a.form.Uncomputed(); len(u) > 0 {
		s += fmt.Sprintf("。注意：%d 个公式 djreport 无法预先计算（%s），表格程序打开时会重新计算，预览中可能显示旧值", len(u), strings.Join(u[:min(len(u), 5)], "、"))
	}
	return s
}

// loadSummary reads the summary template: the project's layout (汇总 and
// 来源), or a user's summary form whose {单位} row repeats per unit; the
// project's summary is then written as 汇总-明细.xlsx.
func (a *assets) loadSummary(name string, data []byte) error {
	return withTemplate(name, data, func(f *excelize.File) error { return a.useSummary(name, data, f) })
}

func (a *assets) useSummary(name string, data []byte, f *excelize.File) (err error) {
	if report.IsSummaryLayout(f) {
		a.summary, err = report.ParseTemplate(name, data)
		return err
	}
	if a.set != nil {
		if a.summaryForm, err = report.LoadSummaryForm(name, data, a.set.Indicators); err != nil {
			return err
		}
	}
	a.summary, err = report.ParseTemplate(templates.SummaryName, templates.Summary)
	return err
}

// writeSummary writes 汇总.xlsx: the user's summary form when one is
// configured, with the project's summary beside it as 汇总-明细.xlsx.
func (r *renderer) writeSummary(dir string, units []report.Unit, reminders []report.Reminder) ([]string, error) {
	if r.summaryForm == nil {
		return nil, report.WriteSummary(r.summary, filepath.Join(dir, "汇总.xlsx"), units, r.set.Indicators, reminders...)
	}
	rows, notes := formSummaryUnits(units)
	if err := r.summaryForm.Fill(filepath.Join(dir, "汇总.xlsx"), rows, r.set.Indicators, report.FormOptions{Date: r.formDate}); err != nil {
		return notes, err
	}
	return notes, report.WriteSummary(r.summary, filepath.Join(dir, "汇总-明细.xlsx"), units, r.set.Indicators, reminders...)
}

// formSummaryUnits are the units given a row of the province's summary
// form. Its totals are the form's own formulas over every row, so a county
// whose own city also reported gets no row there: the city's figures
// already hold it, and a city and its counties are never added together
// (issue 13). The county stays in 汇总-明细.xlsx, laid out by level, and
// notes say so.
func formSummaryUnits(units []report.Unit) ([]report.Unit, []string) {
	present := map[string]bool{}
	for _, u := range units {
		present[u.Name] = true
	}
	var rows []report.Unit
	var notes []string
	for _, u := range units {
		if u.Level == "county" && u.Parent != "" && present[u.Parent] {
			notes = append(notes, fmt.Sprintf("汇总表：%s 属于 %s，两者都已报送；汇总表的合计会把二者相加，所以 %s 不单列一行（见 汇总-明细.xlsx）", u.Name, u.Parent, u.Name))
			continue
		}
		rows = append(rows, u)
	}
	return rows, notes
}
