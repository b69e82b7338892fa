// Command maketemplate regenerates templates/quarterly.xlsx and
// templates/summary.xlsx from the indicator catalogue:
//
//	go run ./templates/maketemplate [-mapping mapping/standard.yaml] [-out templates]
//
// The output is deterministic: the same catalogue gives the same bytes. The
// layout is described in report/template.go and templates/README.md.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"djreport/extract"
	"djreport/mapping"
	"djreport/report"

	"github.com/xuri/excelize/v2"
)

func main() {
	mappingPath := flag.String("mapping", "mapping/standard.yaml", "指标目录（映射文件）")
	outDir := flag.String("out", "templates", "模板输出目录")
	flag.Parse()
	if err := run(*mappingPath, *outDir); err != nil {
		fmt.Fprintln(os.Stderr, "maketemplate:", err)
		os.Exit(1)
	}
}

func run(mappingPath, outDir string) error {
	cat, err := mapping.LoadFile(mappingPath)
	if err != nil {
		return err
	}
	groups, err := bySection(cat)
	if err != nil {
		return err
	}
	for _, t := range []struct {
		name  string
		build func([][]mapping.Indicator) (*excelize.File, error)
	}{{"quarterly.xlsx", quarterly}, {"summary.xlsx", summary}} {
		name, build := t.name, t.build
		f, err := build(groups)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := save(f, filepath.Join(outDir, name)); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		fmt.Println("已生成", filepath.Join(outDir, name))
	}
	return nil
}

// bySection groups the catalogue by section, in presentation order, keeping
// catalogue order within a section.
func bySection(cat []mapping.Indicator) ([][]mapping.Indicator, error) {
	groups := make([][]mapping.Indicator, len(extract.Sections))
	for _, ind := range cat {
		i := -1
		for j, s := range extract.Sections {
			if ind.Section == s {
				i = j
			}
		}
		if i < 0 {
			return nil, fmt.Errorf("%s:%d: 指标 %s 的板块 %q 不是 抓队伍/建机制/促发展/强治理 之一", ind.File, ind.Line, ind.ID, ind.Section)
		}
		groups[i] = append(groups[i], ind)
	}
	return groups, nil
}

// styleSet holds the style ids of one workbook.
type styleSet struct {
	title, titleLeft, caption, header        int
	text, wrap, center, line                 int
	count, rate                              int
	section                                  int
	totalLabel, totalCount, totalRate, blank int
	avgCount, avgRate                        int
}

func newStyles(f *excelize.File) (*styleSet, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1},
		{Type: "bottom", Color: "000000", Style: 1},
	}
	font := func(bold bool, size float64, family string) *excelize.Font {
		return &excelize.Font{Bold: bold, Size: size, Family: family}
	}
	fill := func(color string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
	}
	nf := func(code string) *string { return &code }
	left := &excelize.Alignment{Horizontal: "left", Vertical: "center"}
	wrap := &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	right := &excelize.Alignment{Horizontal: "right", Vertical: "center"}
	const body, heading = "宋体", "黑体"
	type def struct {
		id *int
		st excelize.Style
	}
	var defs []def
	var s styleSet
	add := func(id *int, st excelize.Style) { defs = append(defs, def{id, st}) }
	add(&s.title, excelize.Style{Font: font(true, 16, heading), Alignment: center})
	add(&s.titleLeft, excelize.Style{Font: font(true, 16, heading), Alignment: left})
	add(&s.caption, excelize.Style{Font: font(true, 12, heading), Alignment: left})
	add(&s.header, excelize.Style{Font: font(true, 11, body), Alignment: center, Border: border, Fill: fill("D9E1F2")})
	add(&s.text, excelize.Style{Font: font(false, 11, body), Alignment: left, Border: border})
	add(&s.wrap, excelize.Style{Font: font(false, 11, body), Alignment: wrap, Border: border})
	add(&s.center, excelize.Style{Font: font(false, 11, body), Alignment: center, Border: border})
	add(&s.line, excelize.Style{Font: font(false, 11, body), Alignment: center, Border: border, CustomNumFmt: nf("0")})
	add(&s.count, excelize.Style{Font: font(false, 11, body), Alignment: right, Border: border, CustomNumFmt: nf(report.TemplateCountFormat)})
	add(&s.rate, excelize.Style{Font: font(false, 11, body), Alignment: right, Border: border, CustomNumFmt: nf(report.TemplateRateFormat)})
	add(&s.section, excelize.Style{Font: font(true, 11, body), Alignment: center, Border: border, Fill: fill("F2F2F2")})
	add(&s.totalLabel, excelize.Style{Font: font(true, 11, body), Alignment: center, Border: border, Fill: fill("FFF2CC")})
	add(&s.totalCount, excelize.Style{Font: font(true, 11, body), Alignment: right, Border: border, Fill: fill("FFF2CC"), CustomNumFmt: nf(report.TemplateCountFormat)})
	add(&s.totalRate, excelize.Style{Font: font(true, 11, body), Alignment: right, Border: border, Fill: fill("FFF2CC"), CustomNumFmt: nf(report.TemplateRateFormat)})
	add(&s.blank, excelize.Style{Font: font(false, 11, body), Alignment: center, Border: border, Fill: fill("E7E6E6")})
	add(&s.avgCount, excelize.Style{Font: font(false, 11, body), Alignment: right, Border: border, Fill: fill("FFF2CC"), CustomNumFmt: nf("#,##0.0")})
	add(&s.avgRate, excelize.Style{Font: font(false, 11, body), Alignment: right, Border: border, Fill: fill("FFF2CC"), CustomNumFmt: nf("0.0")})
	for _, d := range defs {
		st := d.st
		id, err := f.NewStyle(&st)
		if err != nil {
			return nil, err
		}
		*d.id = id
	}
	return &s, nil
}

// sheetWriter collects the first error of a run of cell writes.
type sheetWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func (w *sheetWriter) cell(col, row int) string {
	c, err := excelize.CoordinatesToCellName(col, row)
	if err != nil && w.err == nil {
		w.err = err
	}
	return c
}

func (w *sheetWriter) str(col, row int, s string, style int) {
	c := w.cell(col, row)
	if w.err == nil {
		w.err = w.f.SetCellStr(w.sheet, c, s)
	}
	w.style(col, row, col, row, style)
}

func (w *sheetWriter) formula(col, row int, formula string, style int) {
	c := w.cell(col, row)
	if w.err == nil {
		w.err = w.f.SetCellFormula(w.sheet, c, formula)
	}
	w.style(col, row, col, row, style)
}

func (w *sheetWriter) style(c1, r1, c2, r2, style int) {
	a, b := w.cell(c1, r1), w.cell(c2, r2)
	if w.err == nil {
		w.err = w.f.SetCellStyle(w.sheet, a, b, style)
	}
}

func (w *sheetWriter) merge(c1, r1, c2, r2 int) {
	if c1 == c2 && r1 == r2 {
		return
	}
	a, b := w.cell(c1, r1), w.cell(c2, r2)
	if w.err == nil {
		w.err = w.f.MergeCell(w.sheet, a, b)
	}
}

func (w *sheetWriter) widths(widths ...float64) {
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if w.err == nil {
			w.err = w.f.SetColWidth(w.sheet, col, col, wd)
		}
	}
}

// fit makes a row tall enough for text wrapped in a column of width units.
func (w *sheetWriter) fit(row int, text string, width float64) {
	if n := report.TemplateLines(text, width); n > 1 {
		w.height(row, float64(n)*report.TemplateLineHeight+4)
	}
}

func (w *sheetWriter) height(row int, h float64) {
	if w.err == nil {
		w.err = w.f.SetRowHeight(w.sheet, row, h)
	}
}

// page sets A4 printing, fit to width, frozen rows (and columns), header and
// footer.
func (w *sheetWriter) page(landscape bool, pagesWide, frozenRows, frozenCols int, header string) {
	if w.err != nil {
		return
	}
	size, orient, wide, tall := 9, "portrait", pagesWide, 0
	if landscape {
		orient = "landscape"
	}
	fit := true
	margin := func(v float64) *float64 { return &v }
	topLeft, _ := excelize.CoordinatesToCellName(frozenCols+1, frozenRows+1)
	pane := "bottomLeft"
	if frozenCols > 0 {
		pane = "bottomRight"
	}
	for _, step := range []func() error{
		func() error {
			return w.f.SetPageLayout(w.sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &wide, FitToHeight: &tall})
		},
		func() error { return w.f.SetSheetProps(w.sheet, &excelize.SheetPropsOptions{FitToPage: &fit}) },
		func() error {
			return w.f.SetPageMargins(w.sheet, &excelize.PageLayoutMarginsOptions{
				Left: margin(0.5), Right: margin(0.5), Top: margin(0.75), Bottom: margin(0.75),
				Header: margin(0.3), Footer: margin(0.3),
			})
		},
		func() error {
			return w.f.SetHeaderFooter(w.sheet, &excelize.HeaderFooterOptions{OddHeader: header, OddFooter: report.TemplateFooter})
		},
		func() error {
			if frozenRows == 0 && frozenCols == 0 {
				return nil // an empty frozen pane makes Excel repair the file
			}
			return w.f.SetPanes(w.sheet, &excelize.Panes{
				Freeze: true, XSplit: frozenCols, YSplit: frozenRows, TopLeftCell: topLeft, ActivePane: pane,
				Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: pane}},
			})
		},
	} {
		if w.err = step(); w.err != nil {
			return
		}
	}
}

func (w *sheetWriter) printTitles(ref string) {
	if w.err == nil {
		w.err = w.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ref, Scope: w.sheet})
	}
}

// newBook starts a template: its sheets in order, the default font and the
// shared styles.
func newBook(sheets ...string) (*excelize.File, *styleSet, error) {
	f := excelize.NewFile()
	if err := f.SetDefaultFont("宋体"); err != nil {
		return nil, nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, nil, err
	}
	if err := f.SetSheetName("Sheet1", sheets[0]); err != nil {
		return nil, nil, err
	}
	for _, name := range sheets[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return nil, nil, err
		}
	}
	return f, st, nil
}

// quarterly builds the per-unit workbook template.
func quarterly(groups [][]mapping.Indicator) (*excelize.File, error) {
	sheets := []string{report.TemplateSheetOverview}
	for _, s := range extract.Sections {
		sheets = append(sheets, string(s))
	}
	f, st, err := newBook(append(sheets, report.TemplateSheetSources)...)
	if err != nil {
		return nil, err
	}

	// 总表
	w := &sheetWriter{f: f, sheet: report.TemplateSheetOverview}
	w.widths(10, 40, 14, 8, 10, 36, 20)
	w.str(1, 1, report.TemplateUnitToken+report.TemplatePeriodToken+"基层党建工作季度统计表", st.title)
	w.merge(1, 1, 6, 1)
	w.height(1, 32)
	for i, h := range report.TemplateOverviewHeader {
		w.str(i+1, report.TemplateOverviewHeaderRow, h, st.header)
	}
	w.height(report.TemplateOverviewHeaderRow, 22)
	row := report.TemplateOverviewFirstRow
	for si, g := range groups {
		if len(g) == 0 {
			continue
		}
		first := row
		for _, ind := range g {
			if row == first {
				w.str(1, row, string(extract.Sections[si]), st.section)
			}
			w.style(1, row, 1, row, st.section)
			w.str(2, row, ind.Label, st.wrap)
			w.fit(row, ind.Label, 40)
			w.style(3, row, 3, row, valueStyle(st, ind))
			w.str(4, row, ind.Measure, st.center)
			w.style(5, row, 5, row, st.center)
			w.style(6, row, 6, row, st.wrap)
			w.str(7, row, ind.ID, 0)
			row++
		}
		w.merge(1, first, 1, row-1)
	}
	if w.err == nil {
		w.err = f.SetColVisible(w.sheet, report.TemplateOverviewIDCol, false)
	}
	w.page(false, 1, report.TemplateOverviewHeaderRow, 0, report.TemplateHeader)
	if w.err != nil {
		return nil, w.err
	}

	// One sheet per section.
	for si, g := range groups {
		sec := string(extract.Sections[si])
		w := &sheetWriter{f: f, sheet: sec}
		w.widths(30, 14, 8, 10, 50, 24, 6)
		w.str(1, 1, report.TemplateUnitToken+report.TemplatePeriodToken+sec, st.title)
		w.merge(1, 1, 7, 1)
		w.height(1, 32)
		for i, h := range report.TemplateSectionHeader {
			w.str(i+1, report.TemplateSectionHeaderRow, h, st.header)
		}
		w.style(6, report.TemplateSectionHeaderRow, 7, report.TemplateSectionHeaderRow, st.header)
		w.merge(5, report.TemplateSectionHeaderRow, 7, report.TemplateSectionHeaderRow)
		row := report.TemplateSectionFirstRow
		for _, ind := range g {
			w.str(1, row, ind.Label, st.wrap)
			w.fit(row, ind.Label, 30)
			w.style(2, row, 2, row, valueStyle(st, ind))
			w.str(3, row, ind.Measure, st.center)
			w.style(4, row, 4, row, st.center)
			w.style(5, row, 7, row, st.wrap)
			w.merge(5, row, 7, row)
			if w.err == nil {
				w.err = f.SetDefinedName(&excelize.DefinedName{
					Name:     ind.ID,
					RefersTo: fmt.Sprintf("%s!$%s$%d", quote(sec), report.TemplateSectionValueCol, row),
				})
			}
			row++
		}
		row++ // blank row
		w.str(1, row, report.TemplateOtherCaption, st.caption)
		w.merge(1, row, 7, row)
		w.height(row, 24)
		row++
		for i, h := range report.TemplateOtherHeader {
			w.str(i+1, row, h, st.header)
		}
		row++
		for i, s := range []int{st.wrap, st.count, st.center, st.center, st.wrap, st.wrap, st.line} {
			w.style(i+1, row, i+1, row, s)
		}
		w.page(true, 1, report.TemplateSectionHeaderRow, 0, report.TemplateHeader)
		if w.err != nil {
			return nil, w.err
		}
	}

	// 来源
	w = &sheetWriter{f: f, sheet: report.TemplateSheetSources}
	w.widths(8, 14, 8, 8, 20, 56, 24, 6, 24)
	w.str(1, 1, report.TemplateUnitToken+report.TemplatePeriodToken+"数据来源", st.title)
	w.merge(1, 1, len(report.TemplateSourcesHeader), 1)
	w.height(1, 32)
	for i, h := range report.TemplateSourcesHeader {
		w.str(i+1, report.TemplateSourcesHeaderRow, h, st.header)
	}
	for i, s := range []int{st.center, st.count, st.center, st.center, st.wrap, st.wrap, st.wrap, st.line, st.wrap} {
		w.style(i+1, report.TemplateSourcesFirstRow, i+1, report.TemplateSourcesFirstRow, s)
	}
	w.page(true, 1, report.TemplateSourcesHeaderRow, 0, report.TemplateHeader)
	w.printTitles(fmt.Sprintf("%s!$1:$%d", quote(w.sheet), report.TemplateSourcesHeaderRow))
	if w.err != nil {
		return nil, w.err
	}

	if err := docProps(f, "基层党建工作季度统计表（模板）"); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	return f, nil
}

// summary builds the cross-unit summary template.
func summary(groups [][]mapping.Indicator) (*excelize.File, error) {
	f, st, err := newBook(report.TemplateSheetSummary, report.TemplateSheetChart, report.TemplateSheetSources)
	if err != nil {
		return nil, err
	}

	// 汇总
	w := &sheetWriter{f: f, sheet: report.TemplateSheetSummary}
	var all []mapping.Indicator
	for _, g := range groups {
		all = append(all, g...)
	}
	last := report.TemplateSummaryFirstCol + len(all) - 1
	w.widths(14)
	if lastName, err := excelize.ColumnNumberToName(last); err == nil {
		w.err = f.SetColWidth(w.sheet, "B", lastName, 12)
	}
	// Left-aligned: the sheet prints two pages wide, a centred title would
	// be cut in half.
	w.str(1, 1, report.TemplatePeriodToken+"基层党建工作季度汇总表", st.titleLeft)
	w.merge(1, 1, last, 1)
	w.height(1, 32)
	w.str(1, report.TemplateSummarySectionRow, report.TemplateSummaryUnitLabel, st.header)
	w.style(1, report.TemplateSummaryLabelRow, 1, report.TemplateSummaryLabelRow, st.header)
	w.merge(1, report.TemplateSummarySectionRow, 1, report.TemplateSummaryLabelRow)
	w.str(1, report.TemplateSummaryIDRow, "指标编号", 0)
	w.str(1, report.TemplateSummaryTotalRow, report.TemplateSummaryTotalLabel, st.totalLabel)
	w.str(1, report.TemplateSummaryAverageRow, report.TemplateSummaryAverageLabel, st.totalLabel)
	w.style(1, report.TemplateSummaryFirstRow, 1, report.TemplateSummaryFirstRow, st.text)
	col := report.TemplateSummaryFirstCol
	totalCell := map[string]string{}
	for si, g := range groups {
		if len(g) == 0 {
			continue
		}
		first := col
		for _, ind := range g {
			letter, _ := excelize.ColumnNumberToName(col)
			data := fmt.Sprintf("%s%d:%s%d", letter, report.TemplateSummaryFirstRow, letter, report.TemplateSummaryFirstRow)
			w.str(col, report.TemplateSummarySectionRow, string(extract.Sections[si]), st.header)
			w.str(col, report.TemplateSummaryLabelRow, fmt.Sprintf("%s（%s）", ind.Label, ind.Measure), st.header)
			w.str(col, report.TemplateSummaryIDRow, ind.ID, 0)
			if report.TemplateIsRate(ind.Measure) {
				w.style(col, report.TemplateSummaryTotalRow, col, report.TemplateSummaryTotalRow, st.blank)
				w.formula(col, report.TemplateSummaryAverageRow, report.TemplateAverageFormula(data), st.avgRate)
				w.style(col, report.TemplateSummaryFirstRow, col, report.TemplateSummaryFirstRow, st.rate)
			} else {
				w.formula(col, report.TemplateSummaryTotalRow, report.TemplateTotalFormula(data), st.totalCount)
				w.formula(col, report.TemplateSummaryAverageRow, report.TemplateAverageFormula(data), st.avgCount)
				w.style(col, report.TemplateSummaryFirstRow, col, report.TemplateSummaryFirstRow, st.count)
			}
			totalCell[ind.ID] = fmt.Sprintf("%s!%s%d", quote(w.sheet), letter, report.TemplateSummaryTotalRow)
			col++
		}
		w.merge(first, report.TemplateSummarySectionRow, col-1, report.TemplateSummarySectionRow)
	}
	lines := 1
	for _, ind := range all {
		lines = max(lines, report.TemplateLines(fmt.Sprintf("%s（%s）", ind.Label, ind.Measure), 12))
	}
	w.height(report.TemplateSummaryLabelRow, float64(lines)*report.TemplateLineHeight+4)
	if w.err == nil {
		w.err = f.SetRowVisible(w.sheet, report.TemplateSummaryIDRow, false)
	}
	w.page(true, 2, report.TemplateSummaryAverageRow, 1, report.TemplateSummaryHeader)
	w.printTitles(fmt.Sprintf("%s!$A:$A,%s!$%d:$%d", quote(w.sheet), quote(w.sheet), report.TemplateSummarySectionRow, report.TemplateSummaryAverageRow))
	if w.err != nil {
		return nil, w.err
	}

	// 图表: the key totals and a bar chart over them. The chart refers only to
	// this fixed table, which refers to the fixed 合计 row.
	w = &sheetWriter{f: f, sheet: report.TemplateSheetChart}
	w.widths(40, 14)
	w.str(1, 1, "重点指标合计（"+report.TemplatePeriodToken+"）", st.caption)
	w.merge(1, 1, 2, 1)
	w.height(1, 24)
	w.str(1, report.TemplateChartHeaderRow, "指标", st.header)
	w.str(2, report.TemplateChartHeaderRow, report.TemplateSummaryTotalLabel, st.header)
	row := report.TemplateChartFirstRow
	for _, id := range report.TemplateChartIndicators {
		ref, ok := totalCell[id]
		if !ok {
			continue
		}
		var ind mapping.Indicator
		for _, c := range all {
			if c.ID == id {
				ind = c
			}
		}
		w.str(1, row, fmt.Sprintf("%s（%s）", ind.Label, ind.Measure), st.wrap)
		w.formula(2, row, ref, st.count)
		row++
	}
	if row > report.TemplateChartFirstRow {
		sheet := quote(w.sheet)
		gap := uint(60)
		if w.err == nil {
			w.err = f.AddChart(w.sheet, "D2", &excelize.Chart{
				Type:       excelize.Bar,
				VaryColors: ptr(false),
				Series: []excelize.ChartSeries{{
					Name:       fmt.Sprintf("%s!$B$%d", sheet, report.TemplateChartHeaderRow),
					Categories: fmt.Sprintf("%s!$A$%d:$A$%d", sheet, report.TemplateChartFirstRow, row-1),
					Values:     fmt.Sprintf("%s!$B$%d:$B$%d", sheet, report.TemplateChartFirstRow, row-1),
					Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"C00000"}},
				}},
				// LibreOffice shows no title for a cell reference here.
				Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "重点指标合计"}}},
				Legend:    excelize.ChartLegend{Position: "none"},
				Dimension: excelize.ChartDimension{Width: 640, Height: 360},
				PlotArea:  excelize.ChartPlotArea{ShowVal: true},
				XAxis:     excelize.ChartAxis{ReverseOrder: true},
				YAxis:     excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: report.TemplateCountFormat}},
				GapWidth:  &gap,
				Format:    excelize.GraphicOptions{AltText: "重点指标合计条形图"},
			})
		}
	}
	w.page(true, 1, 0, 0, report.TemplateSummaryHeader)
	if w.err != nil {
		return nil, w.err
	}

	// 来源 of every unit.
	w = &sheetWriter{f: f, sheet: report.TemplateSheetSources}
	w.widths(12, 8, 14, 8, 8, 20, 56, 24, 6, 24)
	w.str(1, 1, report.TemplatePeriodToken+"各单位数据来源", st.title)
	w.merge(1, 1, len(report.TemplateSummarySourcesHeader), 1)
	w.height(1, 32)
	for i, h := range report.TemplateSummarySourcesHeader {
		w.str(i+1, report.TemplateSourcesHeaderRow, h, st.header)
	}
	for i, s := range []int{st.center, st.center, st.count, st.center, st.center, st.wrap, st.wrap, st.wrap, st.line, st.wrap} {
		w.style(i+1, report.TemplateSourcesFirstRow, i+1, report.TemplateSourcesFirstRow, s)
	}
	w.page(true, 1, report.TemplateSourcesHeaderRow, 0, report.TemplateSummaryHeader)
	w.printTitles(fmt.Sprintf("%s!$1:$%d", quote(w.sheet), report.TemplateSourcesHeaderRow))
	if w.err != nil {
		return nil, w.err
	}

	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: ptr(true)}); err != nil {
		return nil, err
	}
	if err := docProps(f, "基层党建工作季度汇总表（模板）"); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	return f, nil
}

func valueStyle(st *styleSet, ind mapping.Indicator) int {
	if report.TemplateIsRate(ind.Measure) {
		return st.rate
	}
	return st.count
}

func quote(sheet string) string { return "'" + strings.ReplaceAll(sheet, "'", "''") + "'" }

func ptr[T any](v T) *T { return &v }

// docProps fixes the document properties, dates included, so reruns match.
func docProps(f *excelize.File, title string) error {
	const date = "2025-01-01T00:00:00Z"
	return f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: "djreport", LastModifiedBy: "djreport",
		Created: date, Modified: date, Language: "zh-CN",
	})
}

// save writes f with its package normalised: excelize's AddChart appends the
// image content types in map order, so the <Default> entries of
// [Content_Types].xml are sorted to make reruns byte-identical.
func save(f *excelize.File, path string) error {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	data, err := normalise(buf.Bytes())
	if err != nil {
		return err
	}
	return report.WriteAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

func normalise(data []byte) ([]byte, error) {
	return report.RewriteXLSX(data, func(name string, b []byte) []byte {
		if name == "[Content_Types].xml" {
			return report.SortContentTypeDefaults(b)
		}
		return b
	})
}
