package report

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
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
	o := &s.out
	str := func(col, row int, text string) {
		c := planCell{style: styles[col-1]}
		if text != "" {
			c.kind, c.text = 's', text
		}
		o.set(col, row, c)
	}
	total := 0
	for _, u := range units {
		total += len(u.Figures)
	}
	row := TemplateSourcesFirstRow
	for _, u := range units {
		for _, fg := range u.Figures {
			if listed := row - TemplateSourcesFirstRow; listed == MaxListedFigures {
				// As workbookMore: in column A, in the cell's own style.
				o.set(1, row, planCell{style: -1, kind: 's', text: fmt.Sprintf("……另有 %d 项数据未列出，全部数据见 run.json", total-listed)})
				return s, nil
			}
			filled := strings.Join(bound[workbookKeyOfFigure(u.Name, fg)], "、")
			texts := []string{u.Name, string(fg.Section), "", fg.Measure, workbookQualifier(fg), fg.Subject, fg.Sentence, fg.Source, "", filled}
			for i, t := range texts {
				switch col := i + 1; col {
				case 3:
					id, err := st.withFormat(styles[col-1], templateFormatFor(fg.Measure, fg.Value))
					if err != nil {
						return nil, err
					}
					if err := checkNumber(sheet, col, row, fg.Value); err != nil {
						return nil, err
					}
					o.set(col, row, planCell{style: id, kind: 'n', text: strconv.FormatFloat(fg.Value, 'f', -1, 64)})
				case 9:
					c := planCell{style: styles[col-1]}
					if fg.Line > 0 {
						c.kind, c.text = 'n', strconv.Itoa(fg.Line)
					}
					o.set(col, row, c)
				default:
					str(col, row, t)
				}
			}
			lines := 1
			for _, col := range []int{6, 7, 8, 10} {
				lines = max(lines, TemplateLines(texts[col-1], widths[col]))
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
	return s, nil
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
	return applyEdits(b, []formXMLEdit{{x.dataStart, x.dataEnd, ps.sheetData(&s.out)}}), nil
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
