package report

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"
	"strings"

	"djreport/extract"
	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// WriteWorkbook fills the quarterly workbook template for one unit and saves
// it at outPath. The template is only read. Bound indicators get their value
// (a number), qualifier and source; an indicator without a binding stays
// empty. Every figure of the unit is listed on 来源, and each section sheet
// lists under 其他数据 the section's figures no indicator took. Text from the
// sources is always written as a string, never as a formula.
//
// The workbook also gets the unit's 核对单 sheet and, when the unit has last
// period's values, the 环比 sheet, in the same write.
func WriteWorkbook(tpl *Template, outPath string, u Unit, cat []mapping.Indicator) error {
	return writeUnitWorkbook(tpl, outPath, u, cat, false)
}

// WriteDetail writes the project's own detailed workbook (总表, the four
// sections, 来源 with every figure and its sentence) from tpl, a template of
// the project's layout, when the unit's form is a user's: the mapping's
// targets then name cells of that form, so here every indicator goes to the
// defined name equal to its id, and one tpl lacks is shown on 总表 only.
func WriteDetail(tpl *Template, outPath string, u Unit, cat []mapping.Indicator) error {
	return writeUnitWorkbook(tpl, outPath, u, cat, true)
}

// writeUnitWorkbook writes from the template's plan (workbookxml.go), or
// through excelize when the template has no plan.
func writeUnitWorkbook(tpl *Template, outPath string, u Unit, cat []mapping.Indicator, own bool) error {
	if p := tpl.plan(cat, own); p != nil {
		return writeWorkbookPlan(p, tpl.Path, outPath, u)
	}
	return writeUnitWorkbookExcelize(tpl, outPath, u, cat, own)
}

// writeUnitWorkbookExcelize is the unit's workbook through excelize: the
// plan's reference, and the writer for templates the plan cannot take.
func writeUnitWorkbookExcelize(tpl *Template, outPath string, u Unit, cat []mapping.Indicator, own bool) error {
	var edit func(string, []byte) ([]byte, error)
	if u.Previous != nil {
		edit = func(name string, b []byte) ([]byte, error) {
			if strings.HasPrefix(name, "xl/worksheets/sheet") {
				return summaryNumericCache(b), nil
			}
			return b, nil
		}
	}
	return fillTemplate(tpl, outPath, func(f *excelize.File) error {
		if err := checklistAfter(workbookFill(f, u, cat, own), f, u, cat); err != nil {
			return err
		}
		return unitPreviousSheet(f, u, cat)
	}, edit)
}

// fillTemplate opens a copy of the template, fills it, sets full calculation on load (so
// Excel and WPS recalculate formulas on opening), passes the package through
// edit when given, and writes it atomically. The template is only read.
// after, if given, checks the rewritten package before it is written.
func fillTemplate(tpl *Template, outPath string, fill func(*excelize.File) error, edit func(name string, b []byte) ([]byte, error), after ...func() error) (err error) {
	defer func() {
		// excelize works on a template from outside: a crash on a style or
		// part it mishandles is this output's error, not the run's end.
		if r := recover(); r != nil {
			err = fmt.Errorf("%s：模板无法处理（%v），请用表格程序打开模板另存后再试", tpl.Path, r)
		}
	}()
	f, err := tpl.open()
	if err != nil {
		return fmt.Errorf("无法打开模板 %s：%w", tpl.Path, err)
	}
	defer f.Close()
	if err := fill(f); err != nil {
		return fmt.Errorf("%s：%w", tpl.Path, err)
	}
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: workbookTrue()}); err != nil {
		return err
	}
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return storedZip{zip.NewWriter(w)} })
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("无法生成 %s：%w", outPath, err)
	}
	data, err := rewriteXLSX(buf.Bytes(), edit)
	if err != nil {
		return fmt.Errorf("无法生成 %s：%w", outPath, err)
	}
	for _, check := range after {
		if err := check(); err != nil {
			return fmt.Errorf("无法生成 %s：%w", outPath, err)
		}
	}
	return WriteAtomic(outPath, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

func workbookTrue() *bool { t := true; return &t }

// workbookCell is one cell of a workbook.
type workbookCell struct{ sheet, cell string }

// workbookTarget is where an indicator's value goes. named is set when the
// cell is one of the template's indicator cells, whose row also holds the
// label, measure, note and source.
type workbookTarget struct {
	workbookCell
	named bool
}

// workbookFigureKey identifies a figure of a unit that a binding came from.
type workbookFigureKey struct {
	unit, source, text string
	line               int
}

func workbookKeyOfFigure(unit string, fg extract.Figure) workbookFigureKey {
	return workbookFigureKey{unit, fg.Source, fg.Text, fg.Line}
}

func workbookKeyOfBinding(unit string, b mapping.Binding) workbookFigureKey {
	return workbookFigureKey{unit, b.Source, b.Text, b.Line}
}

func workbookFill(f *excelize.File, u Unit, cat []mapping.Indicator, own bool) error {
	period := PeriodLabel(u.Period)
	if err := templateFillHeaders(f, u.Name, period); err != nil {
		return err
	}
	st := newTemplateStyles(f)
	targets, err := workbookTargets(f, cat, own)
	if err != nil {
		return err
	}
	byID := make(map[string]mapping.Indicator, len(cat))
	for _, ind := range cat {
		byID[ind.ID] = ind
	}
	overview, err := workbookOverviewRows(f, cat)
	if err != nil {
		return err
	}

	// Labels and measures come from the catalogue, which may override the
	// template's.
	for _, ind := range cat {
		if t, ok := targets[ind.ID]; ok && t.named {
			if err := workbookSetRow(f, t.sheet, t.cell, -1, ind.Label); err != nil {
				return err
			}
			if err := workbookSetRow(f, t.sheet, t.cell, 1, ind.Measure); err != nil {
				return err
			}
		}
		row := overview[ind.ID]
		// A slice, not a map: write order fixes the shared-string order.
		for _, cs := range [][2]string{{"B", ind.Label}, {"D", ind.Measure}} {
			if err := f.SetCellStr(TemplateSheetOverview, cs[0]+strconv.Itoa(row), cs[1]); err != nil {
				return err
			}
		}
	}

	bound := map[workbookFigureKey][]string{}
	for _, b := range u.Bindings {
		ind, ok := byID[b.ID]
		if !ok {
			return fmt.Errorf("单位 %s 的指标 %s 不在指标目录中", u.Name, b.ID)
		}
		// An indicator switched off (target: off) has no cell; 总表 still
		// shows it.
		t, placed := targets[b.ID]
		if placed {
			base, err := f.GetCellStyle(t.sheet, t.cell)
			if err != nil {
				return err
			}
			if err := st.setNumber(t.sheet, t.cell, base, ind.Measure, b.Value); err != nil {
				return err
			}
		}
		note, src := workbookNote(b), fmt.Sprintf("%s:%d", b.Source, b.Line)
		if t.named {
			if err := workbookSetRow(f, t.sheet, t.cell, 2, note); err != nil {
				return err
			}
			if err := workbookSetRow(f, t.sheet, t.cell, 3, src); err != nil {
				return err
			}
		}
		row := strconv.Itoa(overview[b.ID])
		base, err := f.GetCellStyle(TemplateSheetOverview, "C"+row)
		if err != nil {
			return err
		}
		if err := st.setNumber(TemplateSheetOverview, "C"+row, base, ind.Measure, b.Value); err != nil {
			return err
		}
		if err := f.SetCellStr(TemplateSheetOverview, "E"+row, note); err != nil {
			return err
		}
		if err := f.SetCellStr(TemplateSheetOverview, "F"+row, src); err != nil {
			return err
		}
		// A long source path wraps: the row grows so nothing overlaps.
		if err := templateFitRow(f, TemplateSheetOverview, overview[b.ID], rowFit{{2, ind.Label}, {6, src}}); err != nil {
			return err
		}
		if t.named {
			col, r, err := excelize.CellNameToCoordinates(t.cell)
			if err != nil {
				return err
			}
			if err := templateFitRow(f, t.sheet, r, rowFit{{col - 1, ind.Label}, {col + 3, src}}); err != nil {
				return err
			}
		}
		k := workbookKeyOfBinding(u.Name, b)
		bound[k] = append(bound[k], ind.Label)
	}

	for _, sec := range extract.Sections {
		var other []extract.Figure
		for _, fg := range u.Figures {
			if fg.Section == sec && len(bound[workbookKeyOfFigure(u.Name, fg)]) == 0 {
				other = append(other, fg)
			}
		}
		if err := workbookOther(f, st, string(sec), other); err != nil {
			return err
		}
	}
	return workbookSources(f, st, TemplateSheetSources, len(TemplateSourcesHeader), []Unit{u}, bound, false)
}

// workbookNote is what 说明 shows: the approximation word (余, 多, 超 …).
func workbookNote(b mapping.Binding) string {
	return withManual(b.Qualifier, b.Manual)
}

// workbookTargets resolves every indicator's target: a defined name of the
// template or a Sheet!A1 address; with byID the defined name equal to the
// indicator's id, where the template has one.
func workbookTargets(f *excelize.File, cat []mapping.Indicator, byID bool) (map[string]workbookTarget, error) {
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Scope == "Workbook" || dn.Scope == "" {
			names[dn.Name] = dn.RefersTo
		}
	}
	// The template's indicator cells: those its own defined names point at
	// on a section sheet.
	named := map[workbookCell]bool{}
	for _, sec := range extract.Sections {
		for name, ref := range names {
			if strings.HasPrefix(name, "_xlnm.") {
				continue
			}
			if sheet, cell, err := templateSplitRef(ref); err == nil && sheet == string(sec) {
				named[workbookCell{sheet, cell}] = true
			}
		}
	}
	// The mapping package resolves targets (names or addresses) and says
	// what is wrong with one, with the mapping file and line.
	if byID {
		own := make([]mapping.Indicator, 0, len(cat))
		for _, ind := range cat {
			if _, ok := names[ind.ID]; ok {
				ind.Target = ind.ID
				own = append(own, ind)
			}
		}
		cat = own
	}
	cells, err := (&mapping.Set{Indicators: cat}).TargetsIn(f)
	if err != nil {
		return nil, err
	}
	out := make(map[string]workbookTarget, len(cells))
	for id, mc := range cells {
		c := workbookCell{mc.Sheet, mc.Ref}
		out[id] = workbookTarget{c, named[c]}
	}
	return out, nil
}

// workbookSetRow writes text into the cell off columns right of cell.
func workbookSetRow(f *excelize.File, sheet, cell string, off int, text string) error {
	col, row, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		return err
	}
	if col+off < 1 {
		return nil
	}
	c, _ := excelize.CoordinatesToCellName(col+off, row)
	return f.SetCellStr(sheet, c, text)
}

// workbookOverviewRows maps each indicator id to its 总表 row through the
// hidden id column, adding a row at the end (styled like the last one) for
// an indicator the template does not know.
func workbookOverviewRows(f *excelize.File, cat []mapping.Indicator) (map[string]int, error) {
	sheet := TemplateSheetOverview
	if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return nil, fmt.Errorf("模板缺少工作表 %s", sheet)
	}
	idCol, _ := excelize.ColumnNameToNumber(TemplateOverviewIDCol)
	rows := map[string]int{}
	last := TemplateOverviewFirstRow - 1
	// Cell by cell: the sheet is already parsed, a column scan would read
	// its XML again for every unit.
	for r, blank := TemplateOverviewFirstRow, 0; blank < templateScanGap; r++ {
		id, err := f.GetCellValue(sheet, TemplateOverviewIDCol+strconv.Itoa(r))
		if err != nil {
			return nil, err
		}
		if id == "" {
			blank++
			continue
		}
		blank = 0
		rows[id] = r
		last = r
	}
	styles, err := templateRowStyles(f, sheet, last, idCol)
	if err != nil {
		return nil, err
	}
	for _, ind := range cat {
		if _, ok := rows[ind.ID]; ok {
			continue
		}
		last++
		rows[ind.ID] = last
		for c, s := range styles {
			cell, _ := excelize.CoordinatesToCellName(c+1, last)
			if err := f.SetCellStyle(sheet, cell, cell, s); err != nil {
				return nil, err
			}
		}
		if err := f.SetCellStr(sheet, "A"+strconv.Itoa(last), string(ind.Section)); err != nil {
			return nil, err
		}
		if err := f.SetCellStr(sheet, TemplateOverviewIDCol+strconv.Itoa(last), ind.ID); err != nil {
			return nil, err
		}
	}
	return rows, nil
}

// MaxListedFigures bounds the rows a figure table of a workbook lists: a
// quarter's real reports give a unit a few hundred figures, and a huge or
// malformed source must not make a workbook (and the memory to build it)
// grow without end. run.json lists every figure.
const MaxListedFigures = 5000

// workbookMore closes a table cut at MaxListedFigures with a row that says
// how many figures were left out and where they are.
func workbookMore(f *excelize.File, sheet string, row, more int) error {
	return f.SetCellStr(sheet, "A"+strconv.Itoa(row), fmt.Sprintf("……另有 %d 项数据未列出，全部数据见 run.json", more))
}

// workbookOther fills the 其他数据 table of a section sheet.
func workbookOther(f *excelize.File, st *templateStyles, sheet string, figs []extract.Figure) error {
	header, err := templateFindRow(f, sheet, "A", TemplateOtherHeader[0], TemplateSectionFirstRow)
	if err != nil {
		return fmt.Errorf("模板缺少工作表 %s：%w", sheet, err)
	}
	if header == 0 {
		return fmt.Errorf("模板工作表 %s 没有“%s”表头", sheet, TemplateOtherCaption)
	}
	styles, err := templateRowStyles(f, sheet, header+1, len(TemplateOtherHeader))
	if err != nil {
		return err
	}
	for i, fg := range figs {
		row := header + 1 + i
		if i == MaxListedFigures {
			return workbookMore(f, sheet, row, len(figs)-i)
		}
		w := workbookRowWriter{f: f, st: st, sheet: sheet, row: row, styles: styles}
		fit := otherCells(&w, fg)
		if w.err != nil {
			return w.err
		}
		if err := templateFitRow(f, sheet, row, fit); err != nil {
			return err
		}
	}
	return nil
}

// rowCells is what a writer of a data row offers (workbookRowWriter through
// excelize, planRow and sourceRowOut on the plan's XML): the layouts below
// are written once for all of them.
type rowCells interface {
	str(col int, text string)
	num(col int, measure string, v float64)
	int(col, v int)
}

// otherCells writes fg as a row of a section sheet's 其他数据 table and
// returns the texts the row's height follows, by column.
func otherCells(w rowCells, fg extract.Figure) rowFit {
	w.str(1, fg.Subject)
	w.num(2, fg.Measure, fg.Value)
	w.str(3, fg.Measure)
	w.str(4, workbookQualifier(fg))
	w.str(5, fg.Sentence)
	w.str(6, fg.Source)
	w.int(7, fg.Line)
	return rowFit{{1, fg.Subject}, {5, fg.Sentence}, {6, fg.Source}}
}

// rowFit is the texts a data row's height follows and their columns (0:
// no text), in an array: a map per row was a row's largest allocation.
type rowFit [4]struct {
	col  int
	text string
}

// sourceCells writes fg as a row of a 来源 sheet (with unitCol, the unit's
// name first, as the summary has it) and returns the texts the row's
// height follows, by column.
func sourceCells(w rowCells, unitCol bool, unit string, fg extract.Figure, filled string) rowFit {
	c := 1
	if unitCol {
		w.str(c, unit)
		c++
	}
	w.str(c, string(fg.Section))
	w.num(c+1, fg.Measure, fg.Value)
	w.str(c+2, fg.Measure)
	w.str(c+3, workbookQualifier(fg))
	w.str(c+4, fg.Subject)
	w.str(c+5, fg.Sentence)
	w.str(c+6, fg.Source)
	w.int(c+7, fg.Line)
	w.str(c+8, filled)
	return rowFit{{c + 4, fg.Subject}, {c + 5, fg.Sentence}, {c + 6, fg.Source}, {c + 8, filled}}
}

// workbookQualifier is the 限定词 column: the approximation word, and the
// upper end of a range.
func workbookQualifier(fg extract.Figure) string {
	q := fg.Qualifier
	if fg.Max != nil {
		q += "至" + strconv.FormatFloat(*fg.Max, 'f', -1, 64)
	}
	return q
}

// workbookSources fills a 来源 sheet with every figure of the units; with
// unitCol the first column names the unit.
func workbookSources(f *excelize.File, st *templateStyles, sheet string, ncol int, units []Unit, bound map[workbookFigureKey][]string, unitCol bool) error {
	styles, err := templateRowStyles(f, sheet, TemplateSourcesFirstRow, ncol)
	if err != nil {
		return fmt.Errorf("模板缺少工作表 %s：%w", sheet, err)
	}
	row := TemplateSourcesFirstRow
	total := 0
	for _, u := range units {
		total += len(u.Figures)
	}
	for _, u := range units {
		for _, fg := range u.Figures {
			if listed := row - TemplateSourcesFirstRow; listed == MaxListedFigures {
				return workbookMore(f, sheet, row, total-listed)
			}
			w := workbookRowWriter{f: f, st: st, sheet: sheet, row: row, styles: styles}
			fit := sourceCells(&w, unitCol, u.Name, fg, strings.Join(bound[workbookKeyOfFigure(u.Name, fg)], "、"))
			if w.err != nil {
				return w.err
			}
			if err := templateFitRow(f, sheet, row, fit); err != nil {
				return err
			}
			row++
		}
	}
	return nil
}

// workbookRowWriter writes one data row styled like the template's
// prototype row, keeping the first error.
type workbookRowWriter struct {
	f      *excelize.File
	st     *templateStyles
	sheet  string
	row    int
	styles []int
	err    error
}

func (w *workbookRowWriter) cell(col int) (string, int) {
	c, _ := excelize.CoordinatesToCellName(col, w.row)
	s := 0
	if col-1 < len(w.styles) {
		s = w.styles[col-1]
	}
	return c, s
}

// str writes text as a string: "=SUM(1)" stays text.
func (w *workbookRowWriter) str(col int, text string) {
	if w.err != nil {
		return
	}
	c, s := w.cell(col)
	if w.err = w.f.SetCellStyle(w.sheet, c, c, s); w.err == nil && text != "" {
		w.err = w.f.SetCellStr(w.sheet, c, text)
	}
}

func (w *workbookRowWriter) num(col int, measure string, v float64) {
	if w.err != nil {
		return
	}
	c, s := w.cell(col)
	w.err = w.st.setNumber(w.sheet, c, s, measure, v)
}

func (w *workbookRowWriter) int(col int, v int) {
	if w.err != nil {
		return
	}
	c, s := w.cell(col)
	if w.err = w.f.SetCellStyle(w.sheet, c, c, s); w.err == nil && v > 0 {
		w.err = w.f.SetCellInt(w.sheet, c, int64(v))
	}
}
