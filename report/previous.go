package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// TemplateSheetPrevious is the sheet comparing this period with the last
// (环比), in the summary and in each unit's workbook.
const TemplateSheetPrevious = "环比"

// PreviousHeader is the header row of the 环比 sheet (columns A–I).
var PreviousHeader = []string{"单位", "板块", "指标", "计量单位", "本期", "上期", "增减", "环比（%）", "说明"}

// Columns of the 环比 sheet holding this period, the last, the change and
// the change in percent.
const (
	previousFirstRow = 3
	previousCurCol   = "E"
	previousPrevCol  = "F"
	previousDiffCol  = "G"
	previousPctCol   = "H"
)

// previousRow is one line of the 环比 sheet.
type previousRow struct {
	unit     string
	ind      mapping.Indicator
	cur, old *float64
	note     string
	total    bool // a level total over the units with both values
}

// PreviousRows is how many comparison rows a unit gets: its indicators with
// a value this period or last.
func previousRows(u *Unit, cat []mapping.Indicator) []previousRow {
	if u.Previous == nil {
		return nil
	}
	cur := map[string]mapping.Binding{}
	for _, b := range u.Bindings {
		cur[b.ID] = b
	}
	var out []previousRow
	for _, ind := range cat {
		b, has := cur[ind.ID]
		p, had := u.Previous[ind.ID]
		if !has && !had {
			continue
		}
		r := previousRow{unit: u.Name, ind: ind}
		var notes []string
		if has {
			v := b.Value
			r.cur = &v
		} else {
			notes = append(notes, "本期未报")
		}
		if had {
			v := p.Value
			r.old = &v
		} else {
			notes = append(notes, "上期无此项")
		}
		if has && had && b.Measure != p.Measure {
			notes = append(notes, fmt.Sprintf("计量单位不同（本期%s，上期%s），不作比较", b.Measure, p.Measure))
			r.old = nil
		}
		if w := previousCumulative(ind, b.Sentence, b.Text); w != "" && has && had {
			n := "累计数（" + w + "），含以前各季度，增减即本季度新增"
			if len(u.Period) == 6 && u.Period[5] == '1' {
				n = "累计数（" + w + "）：新年度重新累计，不宜与上年四季度直接比较"
			}
			notes = append(notes, n)
		}
		if TemplateIsRate(ind.Measure) && has && had {
			notes = append(notes, "增减为百分点")
		}
		var approx []string
		if has && b.Qualifier != "" {
			approx = append(approx, "本期「"+b.Qualifier+"」")
		}
		if had && p.Qualifier != "" {
			approx = append(approx, "上期「"+p.Qualifier+"」")
		}
		if len(approx) > 0 {
			notes = append(notes, "约数："+strings.Join(approx, "、"))
		}
		if had && p.Text != "" {
			notes = append(notes, "上期原文："+p.Text)
		}
		r.note = strings.Join(notes, "；")
		out = append(out, r)
	}
	return out
}

// previousCumulative names what makes a value a running total: the
// indicator's kind or a word of its sentence (今年以来, 累计 …).
func previousCumulative(ind mapping.Indicator, sentence, text string) string {
	if w := mapping.CumulativeWord(sentence, text); w != "" {
		return w
	}
	if ind.Kind == mapping.KindCumulative {
		return "按指标口径"
	}
	return ""
}

// previousStyles are the 环比 sheet's own styles: the sheet is added to
// workbooks whose templates do not have it.
type previousStyles struct {
	title, header, text, wrap int
	count, rate, pct          int
	totalText, totalCount     int
}

func newPreviousStyles(f *excelize.File) (*previousStyles, error) {
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	nf := func(s string) *string { return &s }
	var s previousStyles
	var err error
	mk := func(dst *int, st *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(st)
		}
	}
	mid := &excelize.Alignment{Vertical: "center"}
	mk(&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	mk(&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	mk(&s.text, &excelize.Style{Border: border, Alignment: mid})
	mk(&s.wrap, &excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	mk(&s.count, &excelize.Style{Border: border, Alignment: mid, CustomNumFmt: nf(TemplateCountFormat)})
	mk(&s.rate, &excelize.Style{Border: border, Alignment: mid, CustomNumFmt: nf(TemplateRateFormat)})
	mk(&s.pct, &excelize.Style{Border: border, Alignment: mid, CustomNumFmt: nf("0.0")})
	mk(&s.totalText, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: mid})
	mk(&s.totalCount, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: mid, CustomNumFmt: nf(TemplateCountFormat)})
	return &s, err
}

// writePreviousSheet adds the 环比 sheet: a title, the header, one row per
// unit and indicator; 增减 and 环比 are live formulas with cached results.
func writePreviousSheet(f *excelize.File, title, header string, rows []previousRow) error {
	sheet := TemplateSheetPrevious
	if idx, _ := f.GetSheetIndex(sheet); idx >= 0 {
		if err := f.DeleteSheet(sheet); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	st, err := newPreviousStyles(f)
	if err != nil {
		return err
	}
	last, _ := excelize.ColumnNumberToName(len(PreviousHeader))
	if err := f.SetCellStr(sheet, "A1", title); err != nil {
		return err
	}
	if err := f.MergeCell(sheet, "A1", last+"1"); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", last+"1", st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(sheet, 1, 24); err != nil {
		return err
	}
	for i, h := range PreviousHeader {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		if err := f.SetCellStr(sheet, cell, h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A2", last+"2", st.header); err != nil {
		return err
	}
	widths := []float64{16, 8, 30, 8, 14, 14, 14, 10, 44}
	for i, w := range widths {
		l, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, l, l, w); err != nil {
			return err
		}
	}
	fitted := map[string]float64{}
	for i, r := range rows {
		row := previousFirstRow + i
		n := strconv.Itoa(row)
		text, num := st.text, st.count
		if TemplateIsRate(r.ind.Measure) {
			num = st.rate
		}
		if r.total {
			text, num = st.totalText, st.totalCount
		}
		for j, v := range []string{r.unit, string(r.ind.Section), r.ind.Label, r.ind.Measure} {
			cell, _ := excelize.CoordinatesToCellName(j+1, row)
			if err := f.SetCellStr(sheet, cell, v); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sheet, "A"+n, "D"+n, text); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, "E"+n, "G"+n, num); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, "H"+n, "H"+n, st.pct); err != nil {
			return err
		}
		if err := f.SetCellStyle(sheet, "I"+n, "I"+n, st.wrap); err != nil {
			return err
		}
		for _, c := range []struct {
			col string
			v   *float64
		}{{previousCurCol, r.cur}, {previousPrevCol, r.old}} {
			if c.v == nil {
				continue
			}
			if err := f.SetCellFloat(sheet, c.col+n, *c.v, -1, 64); err != nil {
				return err
			}
			if err := previousWiden(f, sheet, c.col, summaryFormat(r.ind.Measure, *c.v), fitted); err != nil {
				return err
			}
			if d := templateDecimals(*c.v); d > 0 && !TemplateIsRate(r.ind.Measure) || d > 1 {
				id, err := newTemplateStyles(f).withFormat(num, templateFormatFor(r.ind.Measure, *c.v))
				if err != nil {
					return err
				}
				if err := f.SetCellStyle(sheet, c.col+n, c.col+n, id); err != nil {
					return err
				}
			}
		}
		if r.cur != nil && r.old != nil {
			cur, old := previousCurCol+n, previousPrevCol+n
			diff := *r.cur - *r.old
			if err := summarySetFormula(f, sheet, previousDiffCol+n, fmt.Sprintf("%s-%s", cur, old), diff, true); err != nil {
				return err
			}
			if err := previousWiden(f, sheet, previousDiffCol, summaryFormat(r.ind.Measure, diff), fitted); err != nil {
				return err
			}
			pct := 0.0
			if *r.old != 0 {
				pct = diff / *r.old * 100
			}
			if err := summarySetFormula(f, sheet, previousPctCol+n, fmt.Sprintf(`IF(%s=0,"",(%s-%s)/%s*100)`, old, cur, old, old), pct, *r.old != 0); err != nil {
				return err
			}
		}
		if err := f.SetCellStr(sheet, "I"+n, r.note); err != nil {
			return err
		}
		if err := templateFitRow(f, sheet, row, rowFit{{3, r.ind.Label}, {9, r.note}}); err != nil {
			return err
		}
	}
	if len(rows) == 0 {
		if err := f.SetCellStr(sheet, "A3", "没有可比较的上期数据"); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	size, orient, wide, tall, fit := 9, "landscape", 1, 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: TemplateFooter}); err != nil {
		return err
	}
	return summaryPrintTitles(f, sheet, fmt.Sprintf("%s!$1:$2", summaryQuote(sheet)))
}

// previousWiden widens a column of the 环比 sheet for a shown value.
func previousWiden(f *excelize.File, sheet, col, text string, fitted map[string]float64) error {
	w := float64(len(text)) + 3
	if w <= fitted[col] {
		return nil
	}
	fitted[col] = w
	cur, err := f.GetColWidth(sheet, col)
	if err != nil || w <= cur {
		return err
	}
	return f.SetColWidth(sheet, col, col, w)
}

// previousTitle is the 环比 sheet's title.
func previousTitle(unit, period, prev string) string {
	return strings.TrimSpace(fmt.Sprintf("%s%s与%s对比（环比）", unit, PeriodLabel(period), PeriodLabel(prev)))
}

// previousPeriodOf is the period of the units' previous values.
func previousPeriodOf(units []*Unit) string {
	for _, u := range units {
		for _, p := range u.Previous {
			if p.Period != "" {
				return p.Period
			}
		}
	}
	return "上期"
}

// summaryPrevious adds the 环比 sheet to the summary when any unit has last
// period's values: per level, the totals of summable indicators over the
// units that have both values (labelled with how many), then every unit.
func summaryPrevious(f *excelize.File, entries []summaryEntry, cat []mapping.Indicator, period string) error {
	var us []*Unit
	for _, e := range entries {
		if e.unit.Previous != nil {
			us = append(us, e.unit)
		}
	}
	if len(us) == 0 {
		return nil
	}
	var rows []previousRow
	for _, lv := range summaryLevels {
		for _, ind := range cat {
			if !ind.Summable() {
				continue
			}
			var cur, old float64
			n := 0
			for _, u := range us {
				if summaryLevelOf(u) != lv {
					continue
				}
				for _, r := range previousRows(u, []mapping.Indicator{ind}) {
					if r.cur != nil && r.old != nil {
						cur += *r.cur
						old += *r.old
						n++
					}
				}
			}
			if n == 0 {
				continue
			}
			c, o := cur, old
			rows = append(rows, previousRow{unit: fmt.Sprintf("合计：%s（可比 %d 个）", summaryLevelNames[lv], n), ind: ind, cur: &c, old: &o, total: true,
				note: "只计两期都有此项的单位"})
		}
	}
	for _, u := range us {
		rows = append(rows, previousRows(u, cat)...)
	}
	return writePreviousSheet(f, previousTitle("", period, PeriodLabel(previousPeriodOf(us))), templateFillHeader(TemplateSummaryHeader, "", period), rows)
}

// unitPreviousSheet adds the unit's 环比 sheet to f when the unit has last
// period's values.
func unitPreviousSheet(f *excelize.File, u Unit, cat []mapping.Indicator) error {
	if u.Previous == nil {
		return nil
	}
	prev := previousPeriodOf([]*Unit{&u})
	header := templateFillHeader(TemplateHeader, u.Name, PeriodLabel(u.Period))
	return writePreviousSheet(f, previousTitle(u.Name, u.Period, prev), header, previousRows(&u, cat))
}

// AddPreviousSheet adds (or replaces) the 环比 sheet of a unit's workbook
// already written at path, when the unit has last period's values.
// WriteWorkbook and WriteDetail write the sheet themselves; this is for a
// workbook written without it. The file is replaced atomically.
func AddPreviousSheet(path string, u Unit, cat []mapping.Indicator) error {
	if u.Previous == nil {
		return nil
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return fmt.Errorf("无法打开 %s：%w", path, err)
	}
	defer f.Close()
	if err := unitPreviousSheet(f, u, cat); err != nil {
		return fmt.Errorf("%s：%w", path, err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("无法生成 %s：%w", path, err)
	}
	data, err := RewriteXLSX(buf.Bytes(), func(name string, b []byte) []byte {
		if strings.HasPrefix(name, "xl/worksheets/sheet") {
			return summaryNumericCache(b)
		}
		return summaryContentTypes(name, b)
	})
	if err != nil {
		return fmt.Errorf("无法生成 %s：%w", path, err)
	}
	return WriteAtomic(path, func(w io.Writer) error {
		_, err := io.Copy(w, bytes.NewReader(data))
		return err
	})
}
