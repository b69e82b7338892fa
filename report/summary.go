package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// WriteSummary fills the summary template and saves it at outPath: one row
// per unit laid out by the hierarchy (a city, its counties under it), totals
// per level of the indicators that may be added (summaryFill), the 环比
// sheet when units carry last period's values, the 图表 sheet's charts, and
// 来源 with every figure of every unit. reminders are the expected units
// that did not report or lack key indicators (催报), marked in 汇总.
func WriteSummary(tpl *Template, outPath string, units []Unit, cat []mapping.Indicator, reminders ...Reminder) error {
	part, err := tpl.sheetPart(TemplateSheetSources)
	if err != nil {
		return fmt.Errorf("%s：%w", tpl.Path, err)
	}
	var sources *summarySources
	written := false
	return fillTemplate(tpl, outPath, func(f *excelize.File) (err error) {
		sources, err = summaryFill(f, part, units, cat, reminders)
		return err
	}, func(name string, b []byte) ([]byte, error) {
		// 来源 may be any part the workbook names, not only sheetN.xml.
		if name == part {
			written = true
			return sources.into(summaryNumericCache(b))
		}
		if strings.HasPrefix(name, "xl/worksheets/sheet") {
			return summaryNumericCache(b), nil
		}
		return summaryContentTypes(name, b), nil
	}, func() error {
		if !written {
			return fmt.Errorf("无法写入工作表 %s：保存的工作簿中没有它的部件 %s", TemplateSheetSources, part)
		}
		return nil
	})
}

// summaryNumericCache drops t="str" from formula cells that excelize wrote
// with a numeric cached value: SetCellFormula marks every formula cell
// t="str", which would make the cached number text. Without the type the
// value is a number. It matches what
//
//	(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="str"(><f>[^<]*</f><v>NUMBER</v></c>)
//
// would (summaryCachedRE in the tests), by a scan: the regexp was a sixth
// of writing a 300-unit summary.
func summaryNumericCache(b []byte) []byte {
	const mark = ` t="str"><f>`
	var out []byte
	last := 0
	for i := 0; ; {
		j := bytes.Index(b[i:], []byte(mark))
		if j < 0 {
			break
		}
		at := i + j
		i = at + len(mark)
		if !summaryCellOpen(b[:at]) || !summaryNumericTail(b[i:]) {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(b))
		}
		out = append(out, b[last:at]...)
		last = at + len(` t="str"`)
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// summaryCellOpen reports whether b ends with <c r="A1"> or <c r="A1" s="3">
// without its closing bracket.
func summaryCellOpen(b []byte) bool {
	if n := len(b); n > 0 && b[n-1] == '"' {
		// s="digits"
		k := n - 1
		for k > 0 && b[k-1] >= '0' && b[k-1] <= '9' {
			k--
		}
		if k < n-1 && bytes.HasSuffix(b[:k], []byte(` s="`)) {
			if summaryRefOpen(b[:k-4]) {
				return true
			}
		}
	}
	return summaryRefOpen(b)
}

// summaryRefOpen reports whether b ends with <c r="LETTERSdigits".
func summaryRefOpen(b []byte) bool {
	n := len(b)
	if n == 0 || b[n-1] != '"' {
		return false
	}
	k := n - 1
	for k > 0 && b[k-1] >= '0' && b[k-1] <= '9' {
		k--
	}
	if k == n-1 {
		return false
	}
	d := k
	for k > 0 && b[k-1] >= 'A' && b[k-1] <= 'Z' {
		k--
	}
	return k < d && bytes.HasSuffix(b[:k], []byte(`<c r="`))
}

// summaryNumericTail reports whether b starts with FORMULA</f><v>NUMBER</v></c>,
// NUMBER as -?[0-9][0-9.]*([eE][-+]?[0-9]+)?.
func summaryNumericTail(b []byte) bool {
	f := bytes.IndexByte(b, '<')
	if f < 0 || !bytes.HasPrefix(b[f:], []byte("</f><v>")) {
		return false
	}
	v := b[f+len("</f><v>"):]
	p := 0
	if p < len(v) && v[p] == '-' {
		p++
	}
	if p >= len(v) || v[p] < '0' || v[p] > '9' {
		return false
	}
	for p < len(v) && (v[p] >= '0' && v[p] <= '9' || v[p] == '.') {
		p++
	}
	if p < len(v) && (v[p] == 'e' || v[p] == 'E') {
		q := p + 1
		if q < len(v) && (v[q] == '-' || v[q] == '+') {
			q++
		}
		e := q
		for q < len(v) && v[q] >= '0' && v[q] <= '9' {
			q++
		}
		if q == e {
			return false
		}
		p = q
	}
	return bytes.HasPrefix(v[p:], []byte("</v></c>"))
}

// summaryColumn is one indicator column of 汇总.
type summaryColumn struct {
	col    int
	letter string
	ind    mapping.Indicator
	known  bool // the indicator is in the catalogue
}

// summaryPeriod is the period label of the units: one label, or the distinct
// ones joined.
func summaryPeriod(units []Unit) string {
	var labels []string
	seen := map[string]bool{}
	for _, u := range units {
		l := PeriodLabel(u.Period)
		if l != "" && !seen[l] {
			seen[l] = true
			labels = append(labels, l)
		}
	}
	return strings.Join(labels, "、")
}

// summarySetFormula writes a formula with its cached result: the number, or
// nothing when the formula yields "" (no unit reported the indicator).
// excelize has no API for a cached value; SetCellFloat then SetCellFormula
// keeps the value beside the formula, and summaryNumericCache drops the
// t="str" SetCellFormula adds.
func summarySetFormula(f *excelize.File, sheet, cell, formula string, v float64, ok bool) error {
	if ok {
		if err := f.SetCellFloat(sheet, cell, v, -1, 64); err != nil {
			return err
		}
	} else if err := f.SetCellFormula(sheet, cell, ""); err != nil {
		return err
	}
	return f.SetCellFormula(sheet, cell, formula)
}

// summaryColumns reads the indicator columns of 汇总 from its hidden id row
// and appends a column (styled like a template column of the same kind) for
// each catalogue indicator the template lacks.
func summaryColumns(f *excelize.File, cat []mapping.Indicator) ([]summaryColumn, error) {
	sheet := TemplateSheetSummary
	byID := map[string]mapping.Indicator{}
	for _, ind := range cat {
		byID[ind.ID] = ind
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return nil, err
	}
	var ids []string
	if len(rows) >= TemplateSummaryIDRow {
		ids = rows[TemplateSummaryIDRow-1]
	}
	var cols []summaryColumn
	have := map[string]bool{}
	for c := TemplateSummaryFirstCol; c <= len(ids); c++ {
		id := ids[c-1]
		if id == "" {
			continue
		}
		ind, known := byID[id]
		if !known {
			// A template column the catalogue no longer has: kept, not filled.
			ind = mapping.Indicator{ID: id}
			if label, _ := excelize.CoordinatesToCellName(c, TemplateSummaryLabelRow); label != "" {
				if v, _ := f.GetCellValue(sheet, label); strings.HasSuffix(v, "（%）") {
					ind.Measure = "%"
				}
			}
		}
		letter, _ := excelize.ColumnNumberToName(c)
		cols = append(cols, summaryColumn{col: c, letter: letter, ind: ind, known: known})
		have[id] = true
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("模板工作表 %s 第 %d 行没有指标编号", sheet, TemplateSummaryIDRow)
	}
	next := cols[len(cols)-1].col + 1
	for _, ind := range cat {
		if have[ind.ID] {
			continue
		}
		like := cols[0]
		for _, c := range cols {
			if TemplateIsRate(c.ind.Measure) == TemplateIsRate(ind.Measure) {
				like = c
				break
			}
		}
		letter, _ := excelize.ColumnNumberToName(next)
		for row := TemplateSummarySectionRow; row <= TemplateSummaryFirstRow; row++ {
			s, err := f.GetCellStyle(sheet, like.letter+strconv.Itoa(row))
			if err != nil {
				return nil, err
			}
			cell := letter + strconv.Itoa(row)
			if err := f.SetCellStyle(sheet, cell, cell, s); err != nil {
				return nil, err
			}
		}
		for _, t := range []struct {
			row  int
			text string
		}{
			{TemplateSummarySectionRow, string(ind.Section)},
			{TemplateSummaryLabelRow, fmt.Sprintf("%s（%s）", ind.Label, ind.Measure)},
			{TemplateSummaryIDRow, ind.ID},
		} {
			if err := f.SetCellStr(sheet, letter+strconv.Itoa(t.row), t.text); err != nil {
				return nil, err
			}
		}
		if w, err := f.GetColWidth(sheet, like.letter); err == nil {
			if err := f.SetColWidth(sheet, letter, letter, w); err != nil {
				return nil, err
			}
		}
		cols = append(cols, summaryColumn{col: next, letter: letter, ind: ind, known: true})
		next++
	}
	return cols, nil
}

// summaryBound maps each unit's bound figures to the labels of the
// indicators they filled.
func summaryBound(units []Unit, cat []mapping.Indicator) map[workbookFigureKey][]string {
	labels := map[string]string{}
	for _, ind := range cat {
		labels[ind.ID] = ind.Label
	}
	bound := map[workbookFigureKey][]string{}
	for _, u := range units {
		for _, b := range u.Bindings {
			k := workbookKeyOfBinding(u.Name, b)
			bound[k] = append(bound[k], labels[b.ID])
		}
	}
	return bound
}
