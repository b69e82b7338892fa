package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// summarySources is the summary's 来源 sheet: every unit's figures, a row
// each, up to MaxListedFigures. Its rows are written into the sheet's XML
// after excelize has saved the workbook, as the unit workbooks' plan
// writes its rows (planSheet.sheetData), not cell by cell through excelize:
// excelize clears its calculation caches on every cell it sets, and 300
// units' figures made the 来源 sheet most of a summary's time and memory.
// Everything else of the sheet (header, styles, widths) stays excelize's.
type summarySources struct {
	part string // the sheet's part in the package, e.g. xl/worksheets/sheet9.xml
	out  planOut
}

// summarySourcesRows lays out the rows with the styles of the template's
// first data row (a number in a format that shows it exactly, as
// templateStyles.setNumber gives it) and rows as tall as their longest
// text needs (templateFitRow). part is where the sheet is in the package.
func summarySourcesRows(f *excelize.File, st *templateStyles, part string, units []Unit, bound map[workbookFigureKey][]string) (*summarySources, error) {
	sheet := TemplateSheetSources
	ncol := len(TemplateSummarySourcesHeader)
	styles, err := templateRowStyles(f, sheet, TemplateSourcesFirstRow, ncol)
	if err != nil {
		return nil, fmt.Errorf("模板缺少工作表 %s：%w", sheet, err)
	}
	widths := make([]float64, ncol+1)
	for c := 1; c <= ncol; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		if widths[c], err = f.GetColWidth(sheet, name); err != nil {
			return nil, err
		}
	}
	s := &summarySources{part: part}
	number := func(base int, measure string, v float64) (int, error) {
		return st.withFormat(base, templateFormatFor(measure, v))
	}
	width := func(col int) float64 { return widths[col] }
	if err := sourceRows(&s.out, TemplateSourcesFirstRow, styles, number, width, units, true, bound); err != nil {
		return nil, err
	}
	return s, nil
}

// sourceRows lays out the 来源 rows of the units' figures in o from row
// first: a row per figure (with unitCol, the unit's name first), up to
// MaxListedFigures, then a 另有 row. styles are the template's first data
// row's; number gives a value's style (its base with a format that shows
// the value exactly); width is a column's width, for rows as tall as their
// longest text (templateFitRow). The unit workbooks' plan and the summary
// both write their 来源 so.
func sourceRows(o *planOut, first int, styles []int, number func(base int, measure string, v float64) (int, error), width func(col int) float64, units []Unit, unitCol bool, bound map[workbookFigureKey][]string) error {
	total := 0
	for _, u := range units {
		total += len(u.Figures)
	}
	row := first
	// Ten cells a row at most, set in one slice.
	o.cells = slices.Grow(o.cells, 10*min(total, MaxListedFigures)+1)
	for _, u := range units {
		for _, fg := range u.Figures {
			if listed := row - first; listed == MaxListedFigures {
				// As workbookMore: in column A, in the cell's own style.
				o.set(1, row, planCell{style: -1, kind: 's', text: fmt.Sprintf("……另有 %d 项数据未列出，全部数据见 run.json", total-listed)})
				return nil
			}
			w := sourceRowOut{o: o, row: row, styles: styles, number: number}
			fit := sourceCells(&w, unitCol, u.Name, fg, strings.Join(bound[workbookKeyOfFigure(u.Name, fg)], "、"))
			if w.err != nil {
				return w.err
			}
			lines := 1
			for _, t := range fit {
				if t.col > 0 {
					lines = max(lines, TemplateLines(t.text, width(t.col)))
				}
			}
			if lines > 1 {
				if o.heights == nil {
					o.heights = map[int]float64{}
				}
				o.heights[row] = min(float64(lines)*TemplateLineHeight+4, TemplateMaxRowHeight)
			}
			row++
		}
	}
	return nil
}

// sourceRowOut writes one row's cells into a planOut, styled like the
// template's first data row, keeping the first error.
type sourceRowOut struct {
	o      *planOut
	row    int
	styles []int
	number func(base int, measure string, v float64) (int, error)
	err    error
}

func (w *sourceRowOut) style(col int) int {
	if col-1 < len(w.styles) {
		return w.styles[col-1]
	}
	return 0
}

func (w *sourceRowOut) str(col int, text string) {
	c := planCell{style: w.style(col)}
	if text != "" {
		c.kind, c.text = 's', text
	}
	w.o.set(col, w.row, c)
}

func (w *sourceRowOut) num(col int, measure string, v float64) {
	if w.err != nil {
		return
	}
	if w.err = checkNumber(TemplateSheetSources, col, w.row, v); w.err != nil {
		return
	}
	id, err := w.number(w.style(col), measure, v)
	if w.err = err; err == nil {
		w.o.set(col, w.row, planCell{style: id, kind: 'n', text: strconv.FormatFloat(v, 'f', -1, 64)})
	}
}

func (w *sourceRowOut) int(col, v int) {
	c := planCell{style: w.style(col)}
	if v > 0 {
		c.kind, c.text = 'n', strconv.Itoa(v)
	}
	w.o.set(col, w.row, c)
}

// checkNumber refuses what setNumber refuses: excelize would write a NaN
// or an infinity as text, and a bad number is a bug upstream.
func checkNumber(sheet string, col, row int, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		return fmt.Errorf("%s!%s：数值无效（%v）", sheet, cell, v)
	}
	return nil
}

// into writes the rows into the sheet's XML as excelize saved it.
func (s *summarySources) into(b []byte) ([]byte, error) {
	x, err := scanSheetXML(b)
	if err != nil {
		return nil, fmt.Errorf("工作表 %s：%w", TemplateSheetSources, err)
	}
	ps := &planSheet{name: TemplateSheetSources, part: s.part, data: b, x: x}
	// One buffer, sized from the cells' texts: up to 5,000 rows of
	// sentences, where a guess per cell grew and cleared megabytes and a
	// string of their own was copied twice more.
	size := len(b)
	for _, e := range s.out.cells {
		size += len(e.c.text) + len(e.c.cache) + 48
	}
	var out bytes.Buffer
	out.Grow(size)
	out.Write(b[:x.dataStart])
	ps.sheetDataInto(&out, &s.out)
	out.Write(b[x.dataEnd:])
	return out.Bytes(), nil
}

// sheetPart is where the template keeps sheet: the part its workbook's
// relationship names.
func (t *Template) sheetPart(sheet string) (string, error) {
	zr, err := zip.NewReader(bytes.NewReader(t.data), int64(len(t.data)))
	if err != nil {
		return "", err
	}
	parts := map[string]*zip.File{}
	for _, zf := range zr.File {
		parts[zf.Name] = zf
	}
	wb, err := readPart(parts, "xl/workbook.xml")
	if err != nil {
		return "", err
	}
	relsXML, err := readPart(parts, "xl/_rels/workbook.xml.rels")
	if err != nil {
		return "", err
	}
	sheets, err := parseWorkbookSheets(wb)
	if err != nil {
		return "", err
	}
	for _, sh := range sheets {
		if sh.name != sheet {
			continue
		}
		for _, r := range parseRels(relsXML) {
			if r.ID == sh.rid {
				return relTarget("xl", r.Target), nil
			}
		}
	}
	return "", fmt.Errorf("模板缺少工作表 %s", sheet)
}
