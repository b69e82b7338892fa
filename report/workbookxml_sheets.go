package report

import (
	"bytes"
	"fmt"
	"strconv"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// The sheets the detailed workbook adds to the template's, written as XML
// with the styles the plan made: the same cells, styles, widths, merges,
// panes and page setup as ChecklistSheet and writePreviousSheet give
// through excelize (TestWorkbookPlanSameAsExcelize compares the two).

const planSheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`

// planNewSheet accumulates the rows of a generated sheet.
type planNewSheet struct {
	// rows is where the rows are written and out the part: a unit's
	// pooled buffers (planUnit.buf), or new ones when nil.
	rows, out *bytes.Buffer
	row       int // the open row, 0 none
	lastRow   int
	heights   map[int]float64
	merges    []string
}

// newPlanSheet is a sheet made in w's buffers.
func newPlanSheet(w *planUnit, heights map[int]float64) *planNewSheet {
	return &planNewSheet{rows: w.buf(), out: w.buf(), heights: heights}
}

func (s *planNewSheet) open(row int) {
	if s.row == row {
		return
	}
	if s.rows == nil {
		s.rows = new(bytes.Buffer)
	}
	s.close()
	s.row, s.lastRow = row, row
	s.rows.WriteString(`<row r="` + strconv.Itoa(row) + `"`)
	if h, ok := s.heights[row]; ok {
		s.rows.WriteString(` ht="` + strconv.FormatFloat(h, 'f', -1, 64) + `" customHeight="1"`)
	}
	s.rows.WriteString(">")
}

func (s *planNewSheet) close() {
	if s.row != 0 {
		s.rows.WriteString("</row>")
		s.row = 0
	}
}

// cell writes a cell of the open row (cells in column order).
func (s *planNewSheet) cell(col, row, style int, c planCell) {
	s.open(row)
	c.style = style
	planBareSheet.cellXML(s.rows, col, row, nil, c)
}

// planBareSheet writes the cells of sheets made from nothing: no prefix,
// no template styles (cellXML only reads it).
var planBareSheet = planSheet{x: &formXMLSheet{}}

func (s *planNewSheet) text(col, row, style int, text string) {
	c := planCell{}
	if text != "" {
		c.kind, c.text = 's', text
	}
	s.cell(col, row, style, c)
}

// xml is the whole part.
func (s *planNewSheet) xml(lastCol string, ySplit int, widths []float64, page, header string) []byte {
	s.close()
	b := s.out
	if b == nil {
		b = new(bytes.Buffer)
	}
	rows := []byte(nil)
	if s.rows != nil {
		rows = s.rows.Bytes()
	}
	b.Grow(len(rows) + len(page) + len(header) + 1024 + 64*(len(widths)+len(s.merges)))
	b.WriteString(planSheetHead)
	b.WriteString(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`)
	fmt.Fprintf(b, `<dimension ref="A1:%s%d"/>`, lastCol, max(s.lastRow, 1))
	top := "A" + strconv.Itoa(ySplit+1)
	fmt.Fprintf(b, `<sheetViews><sheetView workbookViewId="0"><pane ySplit="%d" topLeftCell="%s" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="%s" sqref="%s"/></sheetView></sheetViews>`, ySplit, top, top, top)
	b.WriteString(`<sheetFormatPr defaultRowHeight="15"/><cols>`)
	for i, w := range widths {
		fmt.Fprintf(b, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, i+1, i+1, strconv.FormatFloat(w, 'f', -1, 64))
	}
	b.WriteString(`</cols><sheetData>`)
	b.Write(rows)
	b.WriteString(`</sheetData>`)
	if len(s.merges) > 0 {
		fmt.Fprintf(b, `<mergeCells count="%d">`, len(s.merges))
		for _, m := range s.merges {
			b.WriteString(`<mergeCell ref="` + m + `"/>`)
		}
		b.WriteString(`</mergeCells>`)
	}
	// No pageMargins, as excelize writes: programs take their defaults.
	b.WriteString(page)
	b.WriteString(header)
	b.WriteString(`</worksheet>`)
	return b.Bytes()
}

// checklistStyles are the 核对单 sheet's styles: title, header, cell, box.
func checklistStyles(f *excelize.File) ([4]int, error) {
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"}, {Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	var out [4]int
	var err error
	for i, st := range []*excelize.Style{
		{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center"}},
		{Font: &excelize.Font{Bold: true}, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
		{Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		{Border: border, Font: &excelize.Font{Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}},
	} {
		if out[i], err = f.NewStyle(st); err != nil {
			return out, err
		}
	}
	return out, nil
}

// checklistIntro is the 核对单's second line.
const checklistIntro = "请逐项对照原文核对：无误在「核对」栏打 √，有误在旁注明正确数值。"

// checklistTitle is the 核对单's title.
func checklistTitle(u Unit) string {
	return fmt.Sprintf("%s %s 数据核对单", u.Name, PeriodLabel(u.Period))
}

// checklistSheetXML is ChecklistSheet's sheet: st are checklistStyles.
func checklistSheetXML(w *planUnit, u Unit, cat []mapping.Indicator, st [4]int) []byte {
	rows := checklistRows(u, cat)
	s := newPlanSheet(w, map[int]float64{})
	for i, r := range rows {
		// Rows grow with the sentence, about 30 characters a line.
		if lines := (len([]rune(r.sentence)) + 29) / 30; lines > 1 {
			s.heights[4+i] = float64(lines) * 15
		}
	}
	s.text(1, 1, st[0], checklistTitle(u))
	s.text(1, 2, 0, checklistIntro)
	for i, h := range checklistHeader {
		s.text(i+1, 3, st[1], h)
	}
	row := 4
	for _, r := range rows {
		for i, v := range []string{r.no, r.label, r.value, r.measure, r.note, r.sentence, r.source, "☐"} {
			style := st[2]
			if i == 7 {
				style = st[3]
			}
			s.text(i+1, row, style, v)
		}
		row++
	}
	row++
	s.text(1, row, 0, checklistSignature)
	s.merges = []string{"A1:H1", "A2:H2", fmt.Sprintf("A%d:H%d", row, row)}
	return s.xml("H", 3, []float64{6, 24, 12, 6, 20, 60, 22, 6},
		`<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`, "")
}

// previousXML is writePreviousSheet's sheet on the plan's styles.
func (w *planUnit) previousXML(title, header string, rows []previousRow) []byte {
	st := &w.p.prev
	widths := []float64{16, 8, 30, 8, 14, 14, 14, 10, 44}
	fitted := map[string]float64{}
	widen := func(col, text string) {
		n := float64(len(text)) + 3
		if n <= fitted[col] {
			return
		}
		fitted[col] = n
		i, _ := excelize.ColumnNameToNumber(col)
		widths[i-1] = max(widths[i-1], n)
	}
	// Widths first: row heights depend on them (only C and I, which no
	// value widens, but the order keeps it true).
	type cellOut struct {
		col   int
		style int
		c     planCell
	}
	var body [][]cellOut
	for _, r := range rows {
		text, num := st.text, st.count
		if TemplateIsRate(r.ind.Measure) {
			num = st.rate
		}
		if r.total {
			text, num = st.totalText, st.totalCount
		}
		cells := make([]cellOut, 0, 9)
		for j, v := range []string{r.unit, string(r.ind.Section), r.ind.Label, r.ind.Measure} {
			c := planCell{}
			if v != "" {
				c = planCell{kind: 's', text: v}
			}
			cells = append(cells, cellOut{j + 1, text, c})
		}
		for j, v := range []*float64{r.cur, r.old} {
			col := []string{previousCurCol, previousPrevCol}[j]
			style := num
			c := planCell{}
			if v != nil {
				c = planCell{kind: 'n', text: strconv.FormatFloat(*v, 'f', -1, 64)}
				widen(col, summaryFormat(r.ind.Measure, *v))
				if d := templateDecimals(*v); d > 0 && !TemplateIsRate(r.ind.Measure) || d > 1 {
					if id, ok := w.p.formats[planFormat{num, templateFormatFor(r.ind.Measure, *v)}]; ok {
						style = id
					}
				}
			}
			cells = append(cells, cellOut{5 + j, style, c})
		}
		diff, pct := planCell{}, planCell{}
		if r.cur != nil && r.old != nil {
			n := strconv.Itoa(previousFirstRow + len(body))
			cur, old := previousCurCol+n, previousPrevCol+n
			d := *r.cur - *r.old
			diff = planCell{kind: 'f', text: cur + "-" + old, cache: strconv.FormatFloat(d, 'f', -1, 64)}
			widen(previousDiffCol, summaryFormat(r.ind.Measure, d))
			pct = planCell{kind: 'f', text: fmt.Sprintf(`IF(%s=0,"",(%s-%s)/%s*100)`, old, cur, old, old)}
			if *r.old != 0 {
				pct.cache = strconv.FormatFloat(d / *r.old * 100, 'f', -1, 64)
			}
		}
		cells = append(cells, cellOut{7, num, diff}, cellOut{8, st.pct, pct})
		note := planCell{}
		if r.note != "" {
			note = planCell{kind: 's', text: r.note}
		}
		cells = append(cells, cellOut{9, st.wrap, note})
		body = append(body, cells)
	}
	s := newPlanSheet(w, map[int]float64{1: 24})
	for i, r := range rows {
		lines := max(TemplateLines(r.ind.Label, widths[2]), TemplateLines(r.note, widths[8]))
		if lines > 1 {
			s.heights[previousFirstRow+i] = min(float64(lines)*TemplateLineHeight+4, TemplateMaxRowHeight)
		}
	}
	s.text(1, 1, st.title, title)
	for c := 2; c <= len(PreviousHeader); c++ {
		s.cell(c, 1, st.title, planCell{})
	}
	for i, h := range PreviousHeader {
		s.text(i+1, 2, st.header, h)
	}
	for i, cells := range body {
		for _, c := range cells {
			s.cell(c.col, previousFirstRow+i, c.style, c.c)
		}
	}
	if len(rows) == 0 {
		s.text(1, previousFirstRow, 0, "没有可比较的上期数据")
	}
	last, _ := excelize.ColumnNumberToName(len(PreviousHeader))
	s.merges = []string{"A1:" + last + "1"}
	hf := `<headerFooter><oddHeader>` + formEscape(header) + `</oddHeader><oddFooter>` + formEscape(TemplateFooter) + `</oddFooter></headerFooter>`
	return s.xml(last, 2, widths, `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`, hf)
}
