package report

import (
	"fmt"
	"strconv"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// summaryChartInk is the colour of every text of the charts: near black, so
// titles, axis labels and values read on paper and on a projector.
const summaryChartInk = "1A1A1A"

// summaryChartRows is the height of one chart's block on 图表, in rows: the
// chart (320 px) with a margin, or the data table when it is longer.
const summaryChartRows = 18

// summaryCharts rebuilds the 图表 sheet: for each key indicator (mapping
// key: true; the template's chart indicators when none is), a table of the
// units of one level and a bar chart of it. One indicator per chart, so an
// axis has one measure; units of one level, so a city is not set against
// its own county; this period beside the last when there is one; the
// period in the title.
func summaryCharts(f *excelize.File, entries []summaryEntry, cat []mapping.Indicator, period string) error {
	sheet := TemplateSheetChart
	idx, _ := f.GetSheetIndex(sheet)
	if idx < 0 {
		return nil
	}
	// The template's sheet (a chart over the old 合计 row) is replaced. The
	// new one is made before the old one goes: excelize names a new part
	// after the highest sheetId, and with the old sheet gone that can be
	// another sheet's part (a template whose 来源 came before 图表), which
	// the new sheet would then take over.
	const fresh = "图表（新）"
	if _, err := f.NewSheet(fresh); err != nil {
		return err
	}
	if err := f.DeleteSheet(sheet); err != nil {
		return err
	}
	// Last, as before; summaryFill puts it in its place.
	if err := f.SetSheetName(fresh, sheet); err != nil {
		return err
	}
	var inds []mapping.Indicator
	for _, ind := range cat {
		if ind.Key {
			inds = append(inds, ind)
		}
	}
	if len(inds) == 0 {
		for _, id := range TemplateChartIndicators {
			for _, ind := range cat {
				if ind.ID == id {
					inds = append(inds, ind)
				}
			}
		}
	}
	st, err := newPreviousStyles(f)
	if err != nil {
		return err
	}
	title := fmt.Sprintf("%s基层党建重点指标（各单位）", period)
	if err := f.SetCellStr(sheet, "A1", title); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", st.title); err != nil {
		return err
	}
	for col, w := range map[string]float64{"A": 18, "B": 14, "C": 14} {
		if err := f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	q := summaryQuote(sheet)
	row := 3
	for _, ind := range inds {
		level, us := summaryChartUnits(entries, ind.ID)
		if len(us) == 0 {
			continue
		}
		withPrev := false
		for _, u := range us {
			if _, ok := u.Previous[ind.ID]; ok {
				withPrev = true
			}
		}
		head := row
		hdr := []string{"单位", "本期"}
		if level != "" {
			hdr[0] = summaryLevelNames[level] + "单位"
		}
		if withPrev {
			hdr = append(hdr, "上期")
		}
		for i, h := range hdr {
			cell, _ := excelize.CoordinatesToCellName(i+1, head)
			if err := f.SetCellStr(sheet, cell, h); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, cell, cell, st.header); err != nil {
				return err
			}
		}
		num := st.count
		if TemplateIsRate(ind.Measure) {
			num = st.rate
		}
		for i, u := range us {
			r := strconv.Itoa(head + 1 + i)
			if err := f.SetCellStr(sheet, "A"+r, u.Name); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, "A"+r, "A"+r, st.text); err != nil {
				return err
			}
			for _, b := range u.Bindings {
				if b.ID == ind.ID {
					if err := f.SetCellFloat(sheet, "B"+r, b.Value, -1, 64); err != nil {
						return err
					}
				}
			}
			if p, ok := u.Previous[ind.ID]; ok && withPrev {
				if err := f.SetCellFloat(sheet, "C"+r, p.Value, -1, 64); err != nil {
					return err
				}
			}
			end := "B"
			if withPrev {
				end = "C"
			}
			if err := f.SetCellStyle(sheet, "B"+r, end+r, num); err != nil {
				return err
			}
		}
		lastRow := head + len(us)
		series := []excelize.ChartSeries{}
		for i := range hdr[1:] {
			col, _ := excelize.ColumnNumberToName(i + 2)
			series = append(series, excelize.ChartSeries{
				Name:       fmt.Sprintf("%s!$%s$%d", q, col, head),
				Categories: fmt.Sprintf("%s!$A$%d:$A$%d", q, head+1, lastRow),
				Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", q, col, head+1, col, lastRow),
				DataLabel:  excelize.ChartDataLabel{Font: excelize.Font{Color: summaryChartInk, Size: 9}},
			})
		}
		ink := &excelize.Font{Color: summaryChartInk, Size: 12, Bold: true}
		axisFont := excelize.Font{Color: summaryChartInk, Size: 10}
		nf := TemplateCountFormat
		if TemplateIsRate(ind.Measure) {
			nf = TemplateRateFormat
		}
		text := fmt.Sprintf("%s（%s）　%s", ind.Label, ind.Measure, period)
		if level != "" {
			text = fmt.Sprintf("%s（%s）　%s　%s", ind.Label, ind.Measure, summaryLevelNames[level], period)
		}
		if withPrev {
			text += "与上期"
		}
		legend := excelize.ChartLegend{Position: "none"}
		if withPrev {
			legend = excelize.ChartLegend{Position: "bottom", Font: &excelize.Font{Color: summaryChartInk, Size: 10}}
		}
		height := uint(max(320, 60+len(us)*28*len(series)))
		if err := f.AddChart(sheet, "E"+strconv.Itoa(head), &excelize.Chart{
			Type:      excelize.Bar,
			Series:    series,
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text, Font: ink}}},
			Legend:    legend,
			Dimension: excelize.ChartDimension{Width: 640, Height: height},
			PlotArea:  excelize.ChartPlotArea{ShowVal: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: nf}},
			XAxis:     excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
			YAxis: excelize.ChartAxis{MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: nf},
				Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: ind.Measure, Font: &excelize.Font{Color: summaryChartInk, Size: 10}}}}},
		}); err != nil {
			return err
		}
		row = head + max(summaryChartRows, int(height)/20+2, len(us)+3)
	}
	if row == 3 {
		if err := f.SetCellStr(sheet, "A3", "本期各单位都没有重点指标的数据"); err != nil {
			return err
		}
	}
	size, orient, wide, tall, fit := 9, "portrait", 1, 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddHeader: templateFillHeader(TemplateSummaryHeader, "", period), OddFooter: TemplateFooter})
}

// summaryChartUnits picks the level a chart shows, the one with most units
// reporting the indicator (cities on a tie), and those units.
func summaryChartUnits(entries []summaryEntry, id string) (string, []*Unit) {
	by := map[string][]*Unit{}
	for _, e := range entries {
		for _, b := range e.unit.Bindings {
			if b.ID == id {
				lv := summaryLevelOf(e.unit)
				by[lv] = append(by[lv], e.unit)
				break
			}
		}
	}
	best, n := "", 0
	for _, lv := range summaryLevels {
		if len(by[lv]) > n {
			best, n = lv, len(by[lv])
		}
	}
	return best, by[best]
}
