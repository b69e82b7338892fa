package report

import (
	"fmt"
	"regexp"
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
	return fillTemplate(tpl, outPath, func(f *excelize.File) error { return summaryFill(f, units, cat, reminders) },
		func(name string, b []byte) []byte {
			if strings.HasPrefix(name, "xl/worksheets/sheet") {
				return summaryNumericCache(b)
			}
			return summaryContentTypes(name, b)
		})
}

// summaryCachedRE matches a formula cell that excelize wrote with a numeric
// cached value: SetCellFormula marks every formula cell t="str", which would
// make the cached number text. Without the type the value is a number.
var summaryCachedRE = regexp.MustCompile(`(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="str"(><f>[^<]*</f><v>-?[0-9][0-9.]*(?:[eE][-+]?[0-9]+)?</v></c>)`)

func summaryNumericCache(b []byte) []byte {
	return summaryCachedRE.ReplaceAll(b, []byte("$1$2"))
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
