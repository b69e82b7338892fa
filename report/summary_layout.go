package report

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// Reporting statuses of an expected unit (config.yaml expected:).
const (
	Reported    = "已报送"
	NotReported = "未报送" // no source this period
	Incomplete  = "缺项"  // a key indicator is missing
)

// Reminder is one expected unit to chase (催报): one that sent nothing this
// period, or whose figures lack key indicators (mapping key: true).
type Reminder struct {
	Unit   string `json:"unit"`
	Status string `json:"status"` // 未报送 or 缺项
	// Missing are the key indicators not filled, by id and label.
	Missing       []string `json:"missing,omitempty"`
	MissingLabels []string `json:"missing_labels,omitempty"`
	Level         string   `json:"level,omitempty"`
	Parent        string   `json:"parent,omitempty"`
}

// Level names as the summary shows them.
var summaryLevelNames = map[string]string{"city": "市级", "county": "县级", "": "其他单位"}

// summaryLevels is the order of the level blocks: cities, counties, units
// of unknown level.
var summaryLevels = []string{"city", "county", ""}

// summaryEntry is one unit row of 汇总.
type summaryEntry struct {
	unit   *Unit // a unit with outputs; for an unreported one, a stub
	child  bool  // a county shown under its city
	status string
	stub   bool // no figure this period: not counted in its level's total
}

// summaryOrder lays the units out by the hierarchy: each city followed by
// its own counties, then counties whose city is not in the run, then units
// of unknown level; the given order is kept within each group. Expected
// units that did not report are placed the same way.
func summaryOrder(units []Unit, reminders []Reminder) []summaryEntry {
	status := map[string]string{}
	var all []*Unit
	for i := range units {
		all = append(all, &units[i])
	}
	have := map[string]bool{}
	for _, u := range units {
		have[u.Name] = true
	}
	for _, r := range reminders {
		if r.Status == NotReported {
			status[r.Unit] = NotReported
		} else {
			status[r.Unit] = Incomplete + "：" + strings.Join(r.MissingLabels, "、")
		}
		// A unit that sent nothing, or nothing with a figure, still gets
		// its row, in its place.
		if !have[r.Unit] {
			all = append(all, &Unit{Name: r.Unit, Level: r.Level, Parent: r.Parent})
			have[r.Unit] = true
		}
	}
	cities := map[string]bool{}
	for _, u := range all {
		if u.Level == "city" {
			cities[u.Name] = true
		}
	}
	var out []summaryEntry
	done := map[*Unit]bool{}
	real := map[*Unit]bool{}
	for i := range units {
		real[&units[i]] = true
	}
	add := func(u *Unit, child bool) {
		s := status[u.Name]
		if s == "" {
			s = Reported
		}
		out = append(out, summaryEntry{unit: u, child: child, status: s, stub: !real[u]})
		done[u] = true
	}
	for _, u := range all {
		if u.Level != "city" {
			continue
		}
		add(u, false)
		for _, c := range all {
			if c.Level == "county" && c.Parent == u.Name && !done[c] {
				add(c, true)
			}
		}
	}
	for _, lv := range []string{"county", ""} {
		for _, u := range all {
			if !done[u] && (u.Level == lv || lv == "" && u.Level != "city" && u.Level != "county") {
				add(u, false)
			}
		}
	}
	return out
}

// summaryStatusLabel heads the column that says whether a unit reported.
const summaryStatusLabel = "报送情况"

// summaryFill fills the summary; its 来源 rows, at part, are returned to be
// written into the saved sheet (summarySources).
func summaryFill(f *excelize.File, part string, units []Unit, cat []mapping.Indicator, reminders []Reminder) (*summarySources, error) {
	st := newTemplateStyles(f)
	if err := summaryFillSheets(f, st, units, cat, reminders); err != nil {
		return nil, err
	}
	return summarySourcesRows(f, st, part, units, summaryBound(units, cat))
}

func summaryFillSheets(f *excelize.File, st *templateStyles, units []Unit, cat []mapping.Indicator, reminders []Reminder) error {
	sheet := TemplateSheetSummary
	if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return fmt.Errorf("模板缺少工作表 %s", sheet)
	}
	period := summaryPeriod(units)
	if err := templateFillHeaders(f, "", period); err != nil {
		return err
	}
	cols, err := summaryColumns(f, cat)
	if err != nil {
		return err
	}
	byID := map[string]*summaryColumn{}
	width := 1
	for i := range cols {
		byID[cols[i].ind.ID] = &cols[i]
		width = max(width, cols[i].col)
	}
	statusCol := width + 1
	statusLetter, _ := excelize.ColumnNumberToName(statusCol)

	// Prototype styles, read before any row is written: the template's 合计
	// row for totals, its 平均 row for ranges, its first data row for units.
	protoTotal, err := templateRowStyles(f, sheet, TemplateSummaryTotalRow, width)
	if err != nil {
		return err
	}
	protoRange, err := templateRowStyles(f, sheet, TemplateSummaryAverageRow, width)
	if err != nil {
		return err
	}
	protoData, err := templateRowStyles(f, sheet, TemplateSummaryFirstRow, width)
	if err != nil {
		return err
	}
	for row := TemplateSummaryTotalRow; row <= TemplateSummaryFirstRow; row++ {
		for c := 1; c <= width; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, row)
			if err := f.SetCellFormula(sheet, cell, ""); err != nil {
				return err
			}
			if err := f.SetCellValue(sheet, cell, nil); err != nil {
				return err
			}
		}
	}
	// The status column is headed like column A.
	for _, row := range []int{TemplateSummarySectionRow, TemplateSummaryLabelRow} {
		s, _ := f.GetCellStyle(sheet, "A"+strconv.Itoa(row))
		cell := statusLetter + strconv.Itoa(row)
		if err := f.SetCellStyle(sheet, cell, cell, s); err != nil {
			return err
		}
	}
	if err := f.SetCellStr(sheet, statusLetter+strconv.Itoa(TemplateSummarySectionRow), summaryStatusLabel); err != nil {
		return err
	}
	if err := f.MergeCell(sheet, statusLetter+strconv.Itoa(TemplateSummarySectionRow), statusLetter+strconv.Itoa(TemplateSummaryLabelRow)); err != nil {
		return err
	}
	for c := range cols {
		if !cols[c].known {
			continue
		}
		// A label says when the column is not added up, and why.
		if !cols[c].ind.Summable() {
			cell := cols[c].letter + strconv.Itoa(TemplateSummaryLabelRow)
			label := fmt.Sprintf("%s（%s，%s，不合计）", cols[c].ind.Label, cols[c].ind.Measure, mapping.KindLabel(cols[c].ind.Kind))
			if err := f.SetCellStr(sheet, cell, label); err != nil {
				return err
			}
		}
	}

	entries := summaryOrder(units, reminders)
	// Which levels have units, and whether any of their values is not
	// summable (then a labelled range row follows the level's total).
	type block struct {
		level      string
		rows       []int // data rows of the level's units
		totalRow   int
		rangeRow   int
		unitsCount int
		stubs      int
	}
	var blocks []*block
	byLevel := map[string]*block{}
	for _, lv := range summaryLevels {
		for _, e := range entries {
			if summaryLevelOf(e.unit) == lv {
				if byLevel[lv] == nil {
					byLevel[lv] = &block{level: lv}
					blocks = append(blocks, byLevel[lv])
				}
				if e.stub {
					byLevel[lv].stubs++
				} else {
					byLevel[lv].unitsCount++
				}
			}
		}
	}
	values := make([]map[string]mapping.Binding, len(entries))
	for i, e := range entries {
		values[i] = map[string]mapping.Binding{}
		for _, b := range e.unit.Bindings {
			c, ok := byID[b.ID]
			if !ok || !c.known {
				return fmt.Errorf("单位 %s 的指标 %s 不在指标目录中", e.unit.Name, b.ID)
			}
			values[i][b.ID] = b
		}
	}
	row := TemplateSummaryTotalRow
	for _, b := range blocks {
		b.totalRow = row
		row++
		for _, c := range cols {
			if c.known && !c.ind.Summable() && summaryLevelHas(entries, values, b.level, c.ind.ID) {
				b.rangeRow = row
				row++
				break
			}
		}
	}
	first := row
	widths := map[int]float64{}
	fit := func(col int, text string) {
		w := 0.0
		for _, r := range text {
			if r >= 0x2E80 {
				w += 2
			} else {
				w++
			}
		}
		// Names and statuses may be long: they stop at 40 and wrap,
		// numbers are never cut (Excel's limit is 255).
		limit := 255.0
		if col == 1 || col == statusCol {
			limit = 40
		}
		widths[col] = math.Min(math.Max(widths[col], w+2), limit)
	}

	indent := map[int]int{}
	for i, e := range entries {
		r := first + i
		byLevel[summaryLevelOf(e.unit)].rows = append(byLevel[summaryLevelOf(e.unit)].rows, r)
		for c := 1; c <= width; c++ {
			cell, _ := excelize.CoordinatesToCellName(c, r)
			if err := f.SetCellStyle(sheet, cell, cell, protoData[c-1]); err != nil {
				return err
			}
		}
		a := "A" + strconv.Itoa(r)
		if err := f.SetCellStr(sheet, a, e.unit.Name); err != nil {
			return err
		}
		fit(1, e.unit.Name+"　")
		if e.child {
			id, ok := indent[protoData[0]]
			if !ok {
				s, err := f.GetStyle(protoData[0])
				if err != nil {
					return err
				}
				if s.Alignment == nil {
					s.Alignment = &excelize.Alignment{}
				}
				s.Alignment.Indent = 2
				if id, err = f.NewStyle(s); err != nil {
					return err
				}
				indent[protoData[0]] = id
			}
			if err := f.SetCellStyle(sheet, a, a, id); err != nil {
				return err
			}
		}
		for _, c := range cols {
			b, ok := values[i][c.ind.ID]
			if !ok {
				continue
			}
			cell := c.letter + strconv.Itoa(r)
			if err := st.setNumber(sheet, cell, protoData[c.col-1], c.ind.Measure, b.Value); err != nil {
				return err
			}
			fit(c.col, summaryFormat(c.ind.Measure, b.Value))
		}
		s, _ := f.GetCellStyle(sheet, "A"+strconv.Itoa(r))
		cell := statusLetter + strconv.Itoa(r)
		if err := f.SetCellStyle(sheet, cell, cell, s); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, cell, e.status); err != nil {
			return err
		}
		fit(statusCol, e.status)
	}

	// Totals per level: live formulas over the level's rows only, with
	// their results cached; a city is never added to its counties.
	for _, b := range blocks {
		name := summaryLevelNames[b.level]
		label := fmt.Sprintf("%s：%s（%d 个）", TemplateSummaryTotalLabel, name, b.unitsCount)
		if b.stubs > 0 {
			label = fmt.Sprintf("%s：%s（%d 个，另 %d 个无数据）", TemplateSummaryTotalLabel, name, b.unitsCount, b.stubs)
		}
		if err := summaryStyledRow(f, sheet, b.totalRow, protoTotal, statusLetter); err != nil {
			return err
		}
		if err := f.SetCellStr(sheet, "A"+strconv.Itoa(b.totalRow), label); err != nil {
			return err
		}
		fit(1, label)
		if b.rangeRow > 0 {
			if err := summaryStyledRow(f, sheet, b.rangeRow, protoRange, statusLetter); err != nil {
				return err
			}
			rl := fmt.Sprintf("区间：%s（最小～最大，不合计）", name)
			if err := f.SetCellStr(sheet, "A"+strconv.Itoa(b.rangeRow), rl); err != nil {
				return err
			}
			fit(1, rl)
		}
		for _, c := range cols {
			var vs []float64
			for i, e := range entries {
				if summaryLevelOf(e.unit) != b.level {
					continue
				}
				if v, ok := values[i][c.ind.ID]; ok {
					vs = append(vs, v.Value)
				}
			}
			if c.known && c.ind.Summable() {
				cell := c.letter + strconv.Itoa(b.totalRow)
				sum := 0.0
				for _, v := range vs {
					sum += v
				}
				refs := summaryRefs(c.letter, b.rows)
				if err := summarySetFormula(f, sheet, cell, TemplateTotalFormula(refs), sum, len(vs) > 0); err != nil {
					return err
				}
				style, err := st.withFormat(protoTotal[c.col-1], templateFormatFor(c.ind.Measure, sum))
				if err != nil {
					return err
				}
				if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
					return err
				}
				fit(c.col, summaryFormat(c.ind.Measure, sum))
				continue
			}
			if b.rangeRow == 0 || len(vs) == 0 {
				continue
			}
			lo, hi := vs[0], vs[0]
			for _, v := range vs {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
			text := summaryFormat(c.ind.Measure, lo)
			if hi != lo {
				text += "～" + summaryFormat(c.ind.Measure, hi)
			}
			cell := c.letter + strconv.Itoa(b.rangeRow)
			if err := f.SetCellStr(sheet, cell, text); err != nil {
				return err
			}
			fit(c.col, text)
		}
	}
	for col, w := range widths {
		letter, _ := excelize.ColumnNumberToName(col)
		cur, err := f.GetColWidth(sheet, letter)
		if err != nil {
			return err
		}
		if w > cur {
			if err := f.SetColWidth(sheet, letter, letter, w); err != nil {
				return err
			}
		}
	}
	// Headers and totals stay in view and are printed on every page.
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: first - 1,
		TopLeftCell: "B" + strconv.Itoa(first), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	if err := summaryPrintTitles(f, sheet, fmt.Sprintf("%s!$A:$A,%s!$%d:$%d", summaryQuote(sheet), summaryQuote(sheet), TemplateSummarySectionRow, first-1)); err != nil {
		return err
	}
	if err := summaryPrevious(f, entries, cat, period); err != nil {
		return err
	}
	if err := summaryCharts(f, entries, cat, period); err != nil {
		return err
	}
	// 汇总, 环比, 图表, then 来源: what is read first comes first.
	for _, sh := range []string{TemplateSheetPrevious, TemplateSheetChart} {
		if i, _ := f.GetSheetIndex(sh); i >= 0 {
			if j, _ := f.GetSheetIndex(TemplateSheetSources); j >= 0 && i > j {
				if err := f.MoveSheet(sh, TemplateSheetSources); err != nil {
					return err
				}
			}
		}
	}
	f.SetActiveSheet(0)
	return nil
}

// summaryLevelOf is the level block a unit belongs to.
func summaryLevelOf(u *Unit) string {
	if u.Level == "city" || u.Level == "county" {
		return u.Level
	}
	return ""
}

func summaryLevelHas(entries []summaryEntry, values []map[string]mapping.Binding, level, id string) bool {
	for i, e := range entries {
		if _, ok := values[i][id]; ok && summaryLevelOf(e.unit) == level {
			return true
		}
	}
	return false
}

// summaryStyledRow styles a totals row like the template's.
func summaryStyledRow(f *excelize.File, sheet string, row int, proto []int, statusLetter string) error {
	for c := 1; c <= len(proto); c++ {
		cell, _ := excelize.CoordinatesToCellName(c, row)
		if err := f.SetCellStyle(sheet, cell, cell, proto[c-1]); err != nil {
			return err
		}
	}
	cell := statusLetter + strconv.Itoa(row)
	return f.SetCellStyle(sheet, cell, cell, proto[0])
}

// summaryRefs lists the cells of rows in a column for a formula, joining
// consecutive rows into ranges: B9,B11:B13.
func summaryRefs(letter string, rows []int) string {
	if len(rows) == 0 {
		return letter + "1:" + letter + "1" // never reached with data: the block has a unit
	}
	sort.Ints(rows)
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if j == i {
			parts = append(parts, letter+strconv.Itoa(rows[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%s%d:%s%d", letter, rows[i], letter, rows[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// summaryFormat shows a value as its cell's number format does (thousands
// separators; a rate with one decimal), for ranges and column widths.
func summaryFormat(measure string, v float64) string {
	d := templateDecimals(v)
	if TemplateIsRate(measure) {
		d = max(d, 1)
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', d, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	if !TemplateIsRate(measure) {
		var b strings.Builder
		for i, r := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		intPart = b.String()
	}
	if frac != "" {
		intPart += "." + frac
	}
	if v < 0 {
		intPart = "-" + intPart
	}
	return intPart
}

// summaryPrintTitles sets the rows and columns printed on every page.
func summaryPrintTitles(f *excelize.File, sheet, ref string) error {
	_ = f.DeleteDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet})
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ref, Scope: sheet})
}

func summaryQuote(sheet string) string {
	return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
}

var summaryDefaultRE = regexp.MustCompile(`<Default [^>]*(/>|></Default>)`)

// summaryContentTypes sorts the <Default> entries of [Content_Types].xml,
// which excelize's AddChart appends in map order, so reruns give the same
// bytes.
func summaryContentTypes(name string, b []byte) []byte {
	if name != "[Content_Types].xml" {
		return b
	}
	return SortContentTypeDefaults(b)
}

// SortContentTypeDefaults sorts the <Default> elements of a
// [Content_Types].xml in place, among the slots they already occupy
// (excelize writes them in map order; the template generator and the
// summary both want the same bytes on every run).
func SortContentTypeDefaults(b []byte) []byte {
	locs := summaryDefaultRE.FindAllIndex(b, -1)
	elems := make([]string, len(locs))
	for i, l := range locs {
		elems[i] = string(b[l[0]:l[1]])
	}
	sort.Strings(elems)
	var out strings.Builder
	prev := 0
	for i, l := range locs {
		out.Write(b[prev:l[0]])
		out.WriteString(elems[i])
		prev = l[1]
	}
	out.Write(b[prev:])
	return []byte(out.String())
}
