package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"

	"djreport/extract"

	"github.com/xuri/excelize/v2"
)

// The layout of templates/quarterly.xlsx and templates/summary.xlsx, shared by
// the generator (templates/maketemplate) and the writers, so neither guesses
// what the other did. The writers still locate rows and columns through what
// the template itself holds (defined names, the hidden id column and row,
// header texts), so a template edited by hand keeps working.

// Placeholders the templates hold in titles, headers and footers; the writers
// replace them with the unit name and the period label.
const (
	TemplateUnitToken   = "【单位】"
	TemplatePeriodToken = "【期间】"
)

// Sheet names.
const (
	TemplateSheetOverview = "总表"
	TemplateSheetSources  = "来源"
	TemplateSheetSummary  = "汇总"
	TemplateSheetChart    = "图表"
)

// 总表 of the quarterly workbook: title in row 1, header in row 2, one row per
// indicator from row 3, grouped by section. Column G (hidden) holds the
// indicator id, so the writer finds an indicator's row without knowing the
// catalogue the template was made from.
const (
	TemplateOverviewHeaderRow = 2
	TemplateOverviewFirstRow  = 3
	TemplateOverviewIDCol     = "G"
)

// TemplateOverviewHeader is row 2 of 总表 (columns A–F).
var TemplateOverviewHeader = []string{"板块", "指标", "数值", "单位", "说明", "来源"}

// Section sheets (one per section, named after it): title in row 1, the
// indicator table header in row 2 and one indicator per row from row 3 with
// its value in column B, which carries the workbook-level defined name equal
// to the indicator id. Then a blank row, the 其他数据 caption, the 其他数据
// header and one styled, empty prototype row that the writer fills downwards.
const (
	TemplateSectionHeaderRow = 2
	TemplateSectionFirstRow  = 3
	TemplateSectionValueCol  = "B"
	TemplateOtherCaption     = "其他数据"
)

// TemplateSectionHeader is the indicator table header of a section sheet.
// 来源 spans columns E–G.
var TemplateSectionHeader = []string{"指标", "数值", "单位", "说明", "来源"}

// TemplateOtherHeader is the 其他数据 table header (columns A–G); the writer
// finds the table by looking for its first cell in column A.
var TemplateOtherHeader = []string{"所计对象", "数值", "单位", "限定词", "原句", "文件", "行"}

// 来源 of the quarterly workbook: title in row 1, header in row 2, one figure
// per row from row 3 (row 3 is a styled prototype).
const (
	TemplateSourcesHeaderRow = 2
	TemplateSourcesFirstRow  = 3
)

// TemplateSourcesHeader is the header of the quarterly 来源 sheet (columns A–I).
var TemplateSourcesHeader = []string{"板块", "数值", "单位", "限定词", "所计对象", "原句", "文件", "行", "填入指标"}

// TemplateSummarySourcesHeader is the header of the summary 来源 sheet
// (columns A–J): the quarterly one with the reporting unit in front.
var TemplateSummarySourcesHeader = append([]string{"填报单位"}, TemplateSourcesHeader...)

// 汇总 of the summary workbook: title in row 1, section headers in row 2
// (merged over their indicators), indicator labels in row 3, indicator ids in
// row 4 (hidden), the 合计 row 5 and the 平均 row 6 at fixed positions above
// the data, so every reference to them (the 图表 sheet, the chart) stays valid
// for any number of units; one unit per row from row 7 (row 7 is a styled
// prototype). Column A holds the unit, indicators start in column B.
const (
	TemplateSummarySectionRow = 2
	TemplateSummaryLabelRow   = 3
	TemplateSummaryIDRow      = 4
	TemplateSummaryTotalRow   = 5
	TemplateSummaryAverageRow = 6
	TemplateSummaryFirstRow   = 7
	TemplateSummaryFirstCol   = 2
)

// Row labels of 汇总.
const (
	TemplateSummaryUnitLabel    = "单位"
	TemplateSummaryTotalLabel   = "合计"
	TemplateSummaryAverageLabel = "平均"
)

// 图表 of the summary workbook: title in A1 (the chart title refers to it),
// header in row 2 (B2 names the series), one key indicator per row from row 3
// with its label in column A and a formula referring to its 合计 cell in
// column B. The chart in the template plots B3:B(2+n) against A3:A(2+n).
const (
	TemplateChartHeaderRow = 2
	TemplateChartFirstRow  = 3
)

// TemplateChartIndicators are the key counts the summary chart shows.
var TemplateChartIndicators = []string{"members_recruited", "party_orgs_set_up", "grids", "volunteers"}

// Headers and footers of every sheet. The writers replace the tokens; & in a
// unit name is doubled so it is not read as a header code.
const (
	TemplateHeader        = "&C" + TemplateUnitToken + "　" + TemplatePeriodToken + "　基层党建工作季度统计"
	TemplateSummaryHeader = "&C" + TemplatePeriodToken + "　基层党建工作季度汇总"
	TemplateFooter        = "&C第 &P 页，共 &N 页"
)

// Number formats: counts and money with thousands separators, rates with one
// decimal. A value with more decimals than its format shows gets a format
// with enough decimals, so a printed number is never silently rounded.
const (
	TemplateCountFormat = "#,##0"
	TemplateRateFormat  = "0.0"
)

// TemplateIsRate reports whether a measure is a rate: shown with decimals,
// never summed across units.
func TemplateIsRate(measure string) bool {
	return measure == "%" || measure == "‰"
}

// PeriodLabel shows a period such as 2024Q4 as 2024年第四季度. Anything else
// (a year alone, a free label) is returned as given.
func PeriodLabel(p string) string {
	p = strings.TrimSpace(p)
	quarters := map[byte]string{'1': "一", '2': "二", '3': "三", '4': "四"}
	if len(p) == 6 && (p[4] == 'Q' || p[4] == 'q') {
		if _, err := strconv.Atoi(p[:4]); err == nil {
			if q, ok := quarters[p[5]]; ok {
				return p[:4] + "年第" + q + "季度"
			}
		}
	}
	return p
}

// templateFill replaces the unit and period tokens in s: the templates'
// own and those of a user's form ({单位}, {期间}, {填报日期}: today).
func templateFill(s, unit, period string) string {
	return templateReplacer(unit, period).Replace(s)
}

// templateReplacer is templateFill's replacer, for a writer that fills
// many texts of one unit.
func templateReplacer(unit, period string) *strings.Replacer {
	return strings.NewReplacer(TemplateUnitToken, unit, TemplatePeriodToken, period,
		FormUnitToken, unit, FormPeriodToken, period, FormDateToken, formToday())
}

// IsSummaryLayout says whether a workbook has the project's own summary
// layout (汇总 and 来源), which WriteSummary fills; any other workbook is a
// user's summary form (SummaryForm).
func IsSummaryLayout(f *excelize.File) bool {
	have := map[string]bool{}
	for _, s := range f.GetSheetList() {
		have[s] = true
	}
	return have[TemplateSheetSummary] && have[TemplateSheetSources]
}

// IsLayout says whether a workbook has the project's own layout (总表, 来源
// and a sheet per section), which the detailed writer fills; any other
// workbook is a user's form, filled cell by cell (Form).
func IsLayout(f *excelize.File) bool {
	have := map[string]bool{}
	for _, s := range f.GetSheetList() {
		have[s] = true
	}
	if !have[TemplateSheetOverview] || !have[TemplateSheetSources] {
		return false
	}
	for _, sec := range extract.Sections {
		if !have[string(sec)] {
			return false
		}
	}
	return true
}

// templateFillHeaders replaces the tokens in A1 and in the header and footer
// of every sheet.
func templateFillHeaders(f *excelize.File, unit, period string) error {
	for _, sheet := range f.GetSheetList() {
		title, err := f.GetCellValue(sheet, "A1")
		if err != nil {
			return err
		}
		if filled := templateFill(title, unit, period); filled != title {
			if err := f.SetCellStr(sheet, "A1", filled); err != nil {
				return err
			}
		}
		hf, err := f.GetHeaderFooter(sheet)
		if err != nil {
			return err
		}
		if hf == nil {
			continue
		}
		for _, p := range []*string{&hf.OddHeader, &hf.OddFooter, &hf.EvenHeader, &hf.EvenFooter, &hf.FirstHeader, &hf.FirstFooter} {
			*p = templateFillHeader(*p, unit, period)
		}
		if err := f.SetHeaderFooter(sheet, hf); err != nil {
			return err
		}
	}
	return nil
}

// templateHeaderMax is Excel's limit on a header or footer, in UTF-16 units
// (excelize refuses longer ones, which would lose the unit's workbook).
const templateHeaderMax = 255

// templateFillHeader fills a header or footer ('&' doubled, as Excel codes
// it), shortening the unit's name with an ellipsis when the result would
// pass Excel's limit; the full name stays in the sheet's cells.
func templateFillHeader(tpl, unit, period string) string {
	esc := func(s string) string { return strings.ReplaceAll(s, "&", "&&") }
	filled := templateFill(tpl, esc(unit), esc(period))
	for r := []rune(unit); len(utf16.Encode([]rune(filled))) > templateHeaderMax && len(r) > 0; {
		r = r[:len(r)-1]
		filled = templateFill(tpl, esc(string(r))+"…", esc(period))
	}
	return filled
}

// templateDecimals is the number of decimals needed to show v exactly (at
// most 6, beyond which it is noise of the float representation).
func templateDecimals(v float64) int {
	for d := 0; d < 6; d++ {
		p := math.Pow10(d)
		if math.Abs(v*p-math.Round(v*p)) < 1e-9*math.Max(1, math.Abs(v*p)) {
			return d
		}
	}
	return 6
}

// templateFormatFor returns the number format that shows v exactly, starting
// from the count or the rate format.
func templateFormatFor(measure string, v float64) string {
	d := templateDecimals(v)
	if TemplateIsRate(measure) {
		if d <= 1 {
			return TemplateRateFormat
		}
		return "0." + strings.Repeat("0", d)
	}
	if d == 0 {
		return TemplateCountFormat
	}
	return TemplateCountFormat + "." + strings.Repeat("0", d)
}

// templateStyles derives, from a template cell style, the same style with
// another number format; derived styles are made once per workbook.
type templateStyles struct {
	f     *excelize.File
	cache map[string]int
}

func newTemplateStyles(f *excelize.File) *templateStyles {
	return &templateStyles{f: f, cache: map[string]int{}}
}

// withFormat returns a style id like base but with number format nf. The
// base style is returned when it already has that format (the templates give
// every number style a custom format code, so codes compare as strings).
func (s *templateStyles) withFormat(base int, nf string) (int, error) {
	key := strconv.Itoa(base) + "\x00" + nf
	if id, ok := s.cache[key]; ok {
		return id, nil
	}
	st, err := s.f.GetStyle(base)
	if err != nil {
		return 0, err
	}
	if st.CustomNumFmt != nil && *st.CustomNumFmt == nf {
		s.cache[key] = base
		return base, nil
	}
	st.NumFmt, st.DecimalPlaces = 0, nil
	st.CustomNumFmt = &nf
	templateRepairStyle(st)
	id, err := s.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	s.cache[key] = id
	return id, nil
}

// templateRepairStyle fixes, in a style read from a template, what
// excelize would write wrongly or refuse when the style is derived: an
// 8-digit ARGB colour (openpyxl writes 00000000) comes back with FF put in
// front, a 10-digit colour that openpyxl refuses and Excel repairs, so the
// alpha byte is dropped (Excel ignores it); an empty fill (<patternFill/>)
// reads as pattern -1, which NewStyle refuses, so it becomes no fill.
func templateRepairStyle(st *excelize.Style) {
	rgb := func(c string) string {
		if len(c) == 8 {
			return c[2:]
		}
		return c
	}
	for i := range st.Border {
		st.Border[i].Color = rgb(st.Border[i].Color)
	}
	if st.Font != nil {
		st.Font.Color = rgb(st.Font.Color)
	}
	for i := range st.Fill.Color {
		st.Fill.Color[i] = rgb(st.Fill.Color[i])
	}
	if st.Fill.Type == "pattern" && (st.Fill.Pattern < 0 || st.Fill.Pattern > 18) {
		st.Fill = excelize.Fill{}
	}
}

// setNumber writes v as a number into a cell whose template style is base,
// switching to a format that shows v exactly when base's would round it.
func (s *templateStyles) setNumber(sheet, cell string, base int, measure string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		// excelize would write it as text; a bad number is a bug upstream.
		return fmt.Errorf("%s!%s：数值无效（%v）", sheet, cell, v)
	}
	if err := s.f.SetCellFloat(sheet, cell, v, -1, 64); err != nil {
		return err
	}
	id, err := s.withFormat(base, templateFormatFor(measure, v))
	if err != nil {
		return err
	}
	return s.f.SetCellStyle(sheet, cell, cell, id)
}

// templateFindRow returns the first row (from row `from`) whose cell in col
// holds text, or 0.
func templateFindRow(f *excelize.File, sheet, col, text string, from int) (int, error) {
	if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return 0, fmt.Errorf("没有工作表 %s", sheet)
	}
	if _, err := excelize.ColumnNameToNumber(col); err != nil {
		return 0, err
	}
	// Cell by cell over the parsed sheet; rows past a gap of empty cells
	// hold nothing of the template's.
	for r, blank := max(from, 1), 0; blank < templateScanGap; r++ {
		v, err := f.GetCellValue(sheet, col+strconv.Itoa(r))
		if err != nil {
			return 0, err
		}
		if v == text {
			return r, nil
		}
		if v == "" {
			blank++
		} else {
			blank = 0
		}
	}
	return 0, nil
}

// templateScanGap is how many empty cells in a row end a scan of a column.
const templateScanGap = 60

// templateRowStyles reads the styles of cells col 1..n of a row.
func templateRowStyles(f *excelize.File, sheet string, row, n int) ([]int, error) {
	out := make([]int, n)
	for c := 1; c <= n; c++ {
		cell, _ := excelize.CoordinatesToCellName(c, row)
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			return nil, err
		}
		out[c-1] = id
	}
	return out, nil
}

// templateSplitRef splits a reference such as '抓队伍'!$B$3 (or 抓队伍!B3)
// into sheet and cell. It rejects ranges.
func templateSplitRef(ref string) (sheet, cell string, err error) {
	ref = strings.TrimPrefix(strings.TrimSpace(ref), "=")
	i := strings.LastIndex(ref, "!")
	if i <= 0 {
		return "", "", fmt.Errorf("%q 不是“工作表!单元格”形式的引用", ref)
	}
	sheet, cell = ref[:i], strings.ReplaceAll(ref[i+1:], "$", "")
	if len(sheet) >= 2 && sheet[0] == '\'' && sheet[len(sheet)-1] == '\'' {
		sheet = strings.ReplaceAll(sheet[1:len(sheet)-1], "''", "'")
	}
	if _, _, err := excelize.CellNameToCoordinates(cell); err != nil {
		return "", "", fmt.Errorf("%q 不是单个单元格", ref)
	}
	return sheet, cell, nil
}

// RewriteXLSX copies an xlsx package entry by entry, in the same
// order, with fixed timestamps, passing each entry through edit (nil: as it
// is). It is how a writer changes what excelize has no API for. Entries are
// deflated with the workbook plan's pooled fast compressor; with no edit an
// entry already deflated is copied as it is.
func RewriteXLSX(data []byte, edit func(name string, b []byte) []byte) ([]byte, error) {
	if edit == nil {
		return rewriteXLSX(data, nil)
	}
	return rewriteXLSX(data, func(name string, b []byte) ([]byte, error) { return edit(name, b), nil })
}

// rewriteXLSX is RewriteXLSX with an edit that can fail.
func rewriteXLSX(data []byte, edit func(name string, b []byte) ([]byte, error)) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(len(data) / 2)
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, planCompressor)
	for _, zf := range zr.File {
		if edit == nil && zf.Method == zip.Deflate {
			if err := zw.Copy(zf); err != nil {
				return nil, err
			}
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if edit != nil {
			if b, err = edit(zf.Name, b); err != nil {
				return nil, err
			}
		}
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// storedZip is the zip writer excelize is given when its package is
// rewritten after: it stores entries, so each is compressed once, by
// RewriteXLSX, not deflated there and inflated again here.
type storedZip struct{ *zip.Writer }

func (z storedZip) Create(name string) (io.Writer, error) {
	return z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
}

// TemplateTotalFormula is the 合计 formula over a data range such as B7:B12:
// empty, not 0, when no unit reported the indicator.
func TemplateTotalFormula(data string) string {
	return fmt.Sprintf(`IF(COUNT(%s)=0,"",SUM(%s))`, data, data)
}

// TemplateAverageFormula is the 平均 formula over a data range, empty when no
// unit reported the indicator.
func TemplateAverageFormula(data string) string {
	return fmt.Sprintf(`IF(COUNT(%s)=0,"",AVERAGE(%s))`, data, data)
}

// TemplateLines estimates how many lines text takes in a wrapped cell of the
// given column width (in character units: a Chinese character counts two),
// so rows holding long sentences can be made tall enough. Spreadsheet
// programs do not grow a row on opening.
func TemplateLines(text string, width float64) int {
	usable := math.Max(width-1, 1)
	lines := 0
	for _, part := range strings.Split(text, "\n") {
		units := 0.0
		for _, r := range part {
			if r >= 0x2E80 {
				units += 2
			} else {
				units++
			}
		}
		lines += max(1, int(math.Ceil(units/usable)))
	}
	return lines
}

// TemplateLineHeight is the height in points of one line of 11-point text.
const TemplateLineHeight = 14.5

// templateFitRow makes a row tall enough for the longest of its wrapped
// texts (column number -> text); a one-line row keeps the default height.
func templateFitRow(f *excelize.File, sheet string, row int, texts rowFit) error {
	lines := 1
	for _, t := range texts {
		if t.col == 0 {
			continue
		}
		name, err := excelize.ColumnNumberToName(t.col)
		if err != nil {
			return err
		}
		w, err := f.GetColWidth(sheet, name)
		if err != nil {
			return err
		}
		lines = max(lines, TemplateLines(t.text, w))
	}
	if lines == 1 {
		return nil
	}
	// Excel's limit (excelize refuses more): a sentence near the 4 KB line
	// limit would need some 1500 points.
	return f.SetRowHeight(sheet, row, min(float64(lines)*TemplateLineHeight+4, TemplateMaxRowHeight))
}

// TemplateMaxRowHeight is the tallest row Excel allows, in points.
const TemplateMaxRowHeight = 409
