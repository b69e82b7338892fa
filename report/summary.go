package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// WriteSummary fills the summary template with one row per unit, in the
// order given, and saves it at outPath. The 合计 row (counts and money; rates
// are not summed) and the 平均 row hold live formulas with their results
// cached, so previewers that do not recalculate show the right totals; the
// 图表 sheet and its chart refer to the 合计 row. 来源 lists every figure of
// every unit.
func WriteSummary(tpl *Template, outPath string, units []Unit, cat []mapping.Indicator) error {
	return fillTemplate(tpl, outPath, func(f *excelize.File) error { return summaryFill(f, units, cat) },
		func(name string, b []byte) []byte {
			if strings.HasPrefix(name, "xl/worksheets/sheet") {
				return summaryNumericCache(b)
			}
			return b
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

func summaryFill(f *excelize.File, units []Unit, cat []mapping.Indicator) error {
	sheet := TemplateSheetSummary
	if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return fmt.Errorf("模板缺少工作表 %s", sheet)
	}
	if err := templateFillHeaders(f, "", summaryPeriod(units)); err != nil {
		return err
	}
	st := newTemplateStyles(f)
	cols, err := summaryColumns(f, cat)
	if err != nil {
		return err
	}
	byID := map[string]*summaryColumn{}
	for i := range cols {
		byID[cols[i].ind.ID] = &cols[i]
	}

	// Prototype styles of a data row, read before any row is written.
	width := 1
	for _, c := range cols {
		width = max(width, c.col)
	}
	proto, err := templateRowStyles(f, sheet, TemplateSummaryFirstRow, width)
	if err != nil {
		return err
	}

	sums := map[string]float64{}
	counts := map[string]int{}
	for i, u := range units {
		row := TemplateSummaryFirstRow + i
		for c := 1; c <= width; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, row)
			if err := f.SetCellStyle(sheet, cell, cell, proto[c-1]); err != nil {
				return err
			}
		}
		if err := f.SetCellStr(sheet, "A"+strconv.Itoa(row), u.Name); err != nil {
			return err
		}
		values := map[string]float64{}
		for _, b := range u.Bindings {
			c, ok := byID[b.ID]
			if !ok || !c.known {
				return fmt.Errorf("单位 %s 的指标 %s 不在指标目录中", u.Name, b.ID)
			}
			values[b.ID] = b.Value
		}
		for _, c := range cols {
			v, ok := values[c.ind.ID]
			if !ok {
				continue
			}
			cell := c.letter + strconv.Itoa(row)
			if err := st.setNumber(sheet, cell, proto[c.col-1], c.ind.Measure, v); err != nil {
				return err
			}
			sums[c.ind.ID] += v
			counts[c.ind.ID]++
		}
	}

	// 合计 and 平均 over the data rows (at least the prototype row, so the
	// formulas stay valid with no unit).
	last := TemplateSummaryFirstRow + max(len(units), 1) - 1
	totals := map[string]string{} // 合计 cell -> cached value ("" when none)
	for _, c := range cols {
		data := fmt.Sprintf("%s%d:%s%d", c.letter, TemplateSummaryFirstRow, c.letter, last)
		id, n := c.ind.ID, counts[c.ind.ID]
		if !TemplateIsRate(c.ind.Measure) {
			cell := c.letter + strconv.Itoa(TemplateSummaryTotalRow)
			if err := summarySetFormula(f, sheet, cell, TemplateTotalFormula(data), sums[id], n > 0); err != nil {
				return err
			}
			// A total with decimals must not be shown rounded.
			base, err := f.GetCellStyle(sheet, cell)
			if err != nil {
				return err
			}
			style, err := st.withFormat(base, templateFormatFor(c.ind.Measure, sums[id]))
			if err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
				return err
			}
			totals[cell] = ""
			if n > 0 {
				totals[cell] = strconv.FormatFloat(sums[id], 'f', -1, 64)
			}
		}
		cell := c.letter + strconv.Itoa(TemplateSummaryAverageRow)
		avg := 0.0
		if n > 0 {
			avg = sums[id] / float64(n)
		}
		if err := summarySetFormula(f, sheet, cell, TemplateAverageFormula(data), avg, n > 0); err != nil {
			return err
		}
	}
	if err := summaryChart(f, totals); err != nil {
		return err
	}
	return workbookSources(f, st, TemplateSheetSources, len(TemplateSummarySourcesHeader), units, summaryBound(units, cat), true)
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

// summaryChart refreshes the cached results of the 图表 sheet's formulas,
// which refer to 合计 cells.
func summaryChart(f *excelize.File, totals map[string]string) error {
	sheet := TemplateSheetChart
	if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return nil
	}
	for row := TemplateChartFirstRow; ; row++ {
		cell := "B" + strconv.Itoa(row)
		formula, err := f.GetCellFormula(sheet, cell)
		if err != nil {
			return err
		}
		if formula == "" {
			return nil
		}
		refSheet, ref, err := templateSplitRef(formula)
		if err != nil || refSheet != TemplateSheetSummary {
			continue
		}
		cached, ok := totals[ref]
		v, _ := strconv.ParseFloat(cached, 64)
		if err := summarySetFormula(f, sheet, cell, formula, v, ok && cached != ""); err != nil {
			return err
		}
	}
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
