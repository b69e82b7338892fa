package report

import (
	"archive/zip"
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"djreport/extract"
	"djreport/mapping"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// The detailed workbook is written from a plan made once per run and
// catalogue: excelize opens the template once, writes what is the same for
// every unit (the catalogue's labels and measures, 总表 rows for indicators
// the template lacks, every number style a value may need, the styles of the
// 环比 and 核对单 sheets, full calculation on load) and saves it; that
// package is the base. Each unit then gets its sheets' XML patched (the
// changed <row>s only, cells styled from the base's prototype rows), the
// 核对单 and 环比 sheets generated, and every other entry copied raw. Opening
// and saving through excelize cost 12 ms a unit, twice with 环比 (issue 15).

// workbookPlan is the base package and what the unit writer needs of it. It
// is only read after it is made, so units are written in parallel.
type workbookPlan struct {
	err      error // what every unit of the catalogue gets (a bad target)
	zr       *zip.Reader
	workbook string // part names
	wbRels   string
	wbXML    []byte
	relsXML  []byte
	ctXML    []byte
	sheets   map[string]*planSheet
	order    []string // sheet names in workbook order
	targets  map[string]workbookTarget
	bases    map[workbookCell]int // style of each target cell and 总表 value cell
	overview map[string]int
	byID     map[string]mapping.Indicator
	cat      []mapping.Indicator
	other    map[string]planTable // 其他数据 of each section sheet
	sources  planTable
	formats  map[planFormat]int // derived number styles
	prev     previousStyles
	check    [4]int // 核对单: title, header, cell, box
	nextPart int    // number of the next sheetN.xml
	nextID   int    // next sheetId
	nextRel  int    // next rIdN
	// listed are the workbook, its relationships and the content types,
	// deflated, for a unit without (0) and with (1) 环比.
	listed [2]map[string]*zip.File
}

type planSheet struct {
	name, part string
	data       []byte
	x          *formXMLSheet
	title      string    // A1 as the template has it
	widths     []float64 // columns 1..planWidthCols
	defWidth   float64
}

// planWidthCols is how many column widths a plan keeps per sheet; columns
// right of them take the sheet's default (row fitting only needs the
// widths of the columns a writer fills).
const planWidthCols = 64

type planTable struct {
	first  int // first data row
	styles []int
	err    error
}

type planFormat struct {
	base int
	nf   string
}

// planFormatCodes are every format templateFormatFor returns.
func planFormatCodes() []string {
	var out []string
	for d := 0; d <= 6; d++ {
		out = append(out, templateFormatFor("名", math.Pow10(-d)))
		if d >= 1 {
			out = append(out, templateFormatFor("%", math.Pow10(-d)))
		}
	}
	return out
}

// planKey names a plan: the catalogue's contents and which targets apply.
func planKey(cat []mapping.Indicator, own bool) string {
	// The fields the plan and the unit writer read (fmt's %v of the whole
	// catalogue cost 700 allocations a unit).
	var b strings.Builder
	b.WriteString(strconv.FormatBool(own))
	for _, ind := range cat {
		for _, f := range []string{ind.ID, ind.Label, string(ind.Section), ind.Measure, ind.Target, ind.Kind, ind.File, strconv.Itoa(ind.Line)} {
			b.WriteString("\x00")
			b.WriteString(f)
		}
		b.WriteString("\x01")
	}
	return b.String()
}

// plan returns the template's plan for the catalogue, making it on first
// use; nil when the template needs the excelize writer (it has a sheet
// the writer adds, or excelize failed on it).
func (t *Template) plan(cat []mapping.Indicator, own bool) *workbookPlan {
	key := planKey(cat, own)
	t.mu.Lock()
	defer t.mu.Unlock()
	if p, ok := t.plans[key]; ok {
		return p
	}
	p := t.makePlan(cat, own)
	if t.plans == nil {
		t.plans = map[string]*workbookPlan{}
	}
	t.plans[key] = p
	return p
}

func (t *Template) makePlan(cat []mapping.Indicator, own bool) (p *workbookPlan) {
	defer func() {
		if r := recover(); r != nil {
			p = nil // the excelize writer says what is wrong
		}
	}()
	f, err := t.open()
	if err != nil {
		return nil
	}
	defer f.Close()
	for _, s := range f.GetSheetList() {
		if s == TemplateSheetPrevious || s == ChecklistSheetName {
			return nil
		}
	}
	p = &workbookPlan{sheets: map[string]*planSheet{}, bases: map[workbookCell]int{}, other: map[string]planTable{},
		formats: map[planFormat]int{}, byID: map[string]mapping.Indicator{}, cat: slices.Clone(cat)}
	for _, ind := range cat {
		p.byID[ind.ID] = ind
	}
	if p.targets, err = workbookTargets(f, cat, own); err != nil {
		return &workbookPlan{err: err}
	}
	if p.overview, err = workbookOverviewRows(f, cat); err != nil {
		return &workbookPlan{err: err}
	}
	for _, ind := range cat {
		if tg, ok := p.targets[ind.ID]; ok && tg.named {
			if err := workbookSetRow(f, tg.sheet, tg.cell, -1, ind.Label); err != nil {
				return nil
			}
			if err := workbookSetRow(f, tg.sheet, tg.cell, 1, ind.Measure); err != nil {
				return nil
			}
		}
		row := p.overview[ind.ID]
		for _, cs := range [][2]string{{"B", ind.Label}, {"D", ind.Measure}} {
			if err := f.SetCellStr(TemplateSheetOverview, cs[0]+strconv.Itoa(row), cs[1]); err != nil {
				return nil
			}
		}
	}
	var numBases []int
	for _, tg := range p.targets {
		s, err := f.GetCellStyle(tg.sheet, tg.cell)
		if err != nil {
			return nil
		}
		p.bases[tg.workbookCell] = s
		numBases = append(numBases, s)
	}
	for _, row := range p.overview {
		c := workbookCell{TemplateSheetOverview, "C" + strconv.Itoa(row)}
		s, err := f.GetCellStyle(c.sheet, c.cell)
		if err != nil {
			return nil
		}
		p.bases[c] = s
		numBases = append(numBases, s)
	}
	table := func(sheet string, first, n int) planTable {
		styles, err := templateRowStyles(f, sheet, first, n)
		if err != nil {
			return planTable{err: err}
		}
		if len(styles) > 1 {
			numBases = append(numBases, styles[1])
		}
		return planTable{first: first, styles: styles}
	}
	for _, sec := range extract.Sections {
		sheet := string(sec)
		header, err := templateFindRow(f, sheet, "A", TemplateOtherHeader[0], TemplateSectionFirstRow)
		switch {
		case err != nil:
			p.other[sheet] = planTable{err: fmt.Errorf("模板缺少工作表 %s：%w", sheet, err)}
		case header == 0:
			p.other[sheet] = planTable{err: fmt.Errorf("模板工作表 %s 没有“%s”表头", sheet, TemplateOtherCaption)}
		default:
			p.other[sheet] = table(sheet, header+1, len(TemplateOtherHeader))
		}
	}
	p.sources = table(TemplateSheetSources, TemplateSourcesFirstRow, len(TemplateSourcesHeader))
	if p.sources.err != nil {
		p.sources.err = fmt.Errorf("模板缺少工作表 %s：%w", TemplateSheetSources, p.sources.err)
	}
	prev, err := newPreviousStyles(f)
	if err != nil {
		return nil
	}
	p.prev = *prev
	numBases = append(numBases, prev.count, prev.rate, prev.totalCount)
	st := newTemplateStyles(f)
	for _, b := range numBases {
		for _, nf := range planFormatCodes() {
			id, err := st.withFormat(b, nf)
			if err != nil {
				return nil
			}
			p.formats[planFormat{b, nf}] = id
		}
	}
	if p.check, err = checklistStyles(f); err != nil {
		return nil
	}
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: workbookTrue()}); err != nil {
		return nil
	}
	titles := map[string]string{}
	widths := map[string][]float64{}
	for _, sheet := range f.GetSheetList() {
		if titles[sheet], err = f.GetCellValue(sheet, "A1"); err != nil {
			return nil
		}
		w := make([]float64, planWidthCols+1)
		for c := 1; c <= planWidthCols+1; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			if w[c-1], err = f.GetColWidth(sheet, name); err != nil {
				return nil
			}
		}
		widths[sheet] = w
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil
	}
	if err := p.index(buf.Bytes(), titles, widths); err != nil {
		return nil
	}
	if err := p.listParts(); err != nil {
		return nil
	}
	return p
}

// index reads the base package: the workbook's parts and every sheet's XML.
func (p *workbookPlan) index(data []byte, titles map[string]string, widths map[string][]float64) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	p.zr = zr
	parts := map[string]*zip.File{}
	for _, zf := range zr.File {
		parts[zf.Name] = zf
	}
	read := func(name string) ([]byte, error) { return readPart(parts, name) }
	p.workbook = "xl/workbook.xml"
	p.wbRels = "xl/_rels/workbook.xml.rels"
	if p.wbXML, err = read(p.workbook); err != nil {
		return err
	}
	if p.relsXML, err = read(p.wbRels); err != nil {
		return err
	}
	if p.ctXML, err = read("[Content_Types].xml"); err != nil {
		return err
	}
	rels := map[string]formRel{}
	for _, r := range parseRels(p.relsXML) {
		rels[r.ID] = r
		if n, err := strconv.Atoi(strings.TrimPrefix(r.ID, "rId")); err == nil {
			p.nextRel = max(p.nextRel, n+1)
		}
	}
	sheets, err := parseWorkbookSheets(p.wbXML)
	if err != nil {
		return err
	}
	for _, sh := range sheets {
		r, ok := rels[sh.rid]
		if !ok {
			return fmt.Errorf("工作表 %s 没有关系", sh.name)
		}
		part := relTarget(path.Dir(p.workbook), r.Target)
		b, err := read(part)
		if err != nil {
			return err
		}
		x, err := scanSheetXML(b)
		if err != nil {
			return err
		}
		w := widths[sh.name]
		p.sheets[sh.name] = &planSheet{name: sh.name, part: part, data: b, x: x, title: titles[sh.name], widths: w[:planWidthCols], defWidth: w[planWidthCols]}
		p.order = append(p.order, sh.name)
	}
	p.nextID = len(sheets) + 1
	for _, m := range planSheetIDRE.FindAllSubmatch(p.wbXML, -1) {
		if n, err := strconv.Atoi(string(m[1])); err == nil {
			p.nextID = max(p.nextID, n+1)
		}
	}
	p.nextPart = 1
	for name := range parts {
		if n, ok := strings.CutPrefix(name, "xl/worksheets/sheet"); ok {
			if k, err := strconv.Atoi(strings.TrimSuffix(n, ".xml")); err == nil {
				p.nextPart = max(p.nextPart, k+1)
			}
		}
	}
	return nil
}

var (
	planSheetIDRE = regexp.MustCompile(`sheetId="([0-9]+)"`)
	planAttrRE    = regexp.MustCompile(`\s(ht|customHeight)="[^"]*"`)
)

// planOut is what a unit writes into one sheet: cells in the order set
// (sorted once, when the sheet is written) and row heights. A map by cell
// was a tenth of a quarter's allocated bytes.
type planOut struct {
	cells   []planEntry
	heights map[int]float64
}

// planEntry is a cell set at (col, row).
type planEntry struct {
	col, row int
	c        planCell
}

// planCell is one written cell. style -1 keeps the cell's own style (a new
// cell takes its row's or column's, as excelize does).
type planCell struct {
	style int
	kind  byte   // 0 style only, 's' text, 'n' number, 'f' formula
	text  string // the text, the number, or the formula
	cache string // a formula's cached value ("" none)
}

func (o *planOut) set(col, row int, c planCell) {
	o.cells = append(o.cells, planEntry{col, row, c})
}

// sorted is the cells by row, then column, one per cell: the last one set,
// which keeps the style of the one before when it has none of its own.
func (o *planOut) sorted() []planEntry {
	slices.SortStableFunc(o.cells, func(a, b planEntry) int {
		if a.row != b.row {
			return cmp.Compare(a.row, b.row)
		}
		return cmp.Compare(a.col, b.col)
	})
	out := o.cells[:0]
	for _, e := range o.cells {
		if n := len(out); n > 0 && out[n-1].col == e.col && out[n-1].row == e.row {
			if e.c.style < 0 {
				e.c.style = out[n-1].c.style
			}
			out[n-1] = e
			continue
		}
		out = append(out, e)
	}
	o.cells = out
	return out
}

func (o *planOut) setRef(cell string, c planCell) error {
	col, row, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		return err
	}
	o.set(col, row, c)
	return nil
}

// planUnit is one unit's writing.
type planUnit struct {
	p       *workbookPlan
	outs    map[string]*planOut
	scratch []*bytes.Buffer // from planBufPool, until release
}

func (w *planUnit) out(sheet string) *planOut {
	o := w.outs[sheet]
	if o == nil {
		o = &planOut{}
		if c, ok := planCellsPool.Get().(*[]planEntry); ok {
			o.cells = (*c)[:0]
		}
		w.outs[sheet] = o
	}
	return o
}

// planCellsPool keeps the cells units set (a 来源 sheet a thousand and
// more): growing them anew for every unit was a tenth of a quarter's
// allocated bytes.
var planCellsPool sync.Pool // *[]planEntry

// number writes v into a cell whose style is base, in a format that shows
// v exactly.
func (w *planUnit) number(sheet, cell string, base int, measure string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("%s!%s：数值无效（%v）", sheet, cell, v)
	}
	id, ok := w.p.formats[planFormat{base, templateFormatFor(measure, v)}]
	if !ok {
		id = base
	}
	return w.out(sheet).setRef(cell, planCell{style: id, kind: 'n', text: strconv.FormatFloat(v, 'f', -1, 64)})
}

func (w *planUnit) str(sheet string, col, row, style int, text string) {
	c := planCell{style: style}
	if text != "" {
		c.kind, c.text = 's', text
	}
	w.out(sheet).set(col, row, c)
}

// fit is templateFitRow over the plan's column widths.
func (w *planUnit) fit(sheet string, row int, texts rowFit) {
	lines := 1
	for _, t := range texts {
		if t.col > 0 {
			lines = max(lines, TemplateLines(t.text, w.width(sheet, t.col)))
		}
	}
	if lines > 1 {
		o := w.out(sheet)
		if o.heights == nil {
			o.heights = map[int]float64{}
		}
		o.heights[row] = min(float64(lines)*TemplateLineHeight+4, TemplateMaxRowHeight)
	}
}

func (w *planUnit) width(sheet string, col int) float64 {
	s := w.p.sheets[sheet]
	if s == nil {
		return 9.140625
	}
	if col >= 1 && col <= len(s.widths) {
		return s.widths[col-1]
	}
	return s.defWidth
}

// writeWorkbookPlan writes the unit's workbook from the plan.
func writeWorkbookPlan(p *workbookPlan, tplPath, outPath string, u Unit) error {
	data, release, err := p.fill(u)
	if err != nil {
		return fmt.Errorf("%s：%w", tplPath, err)
	}
	defer release()
	return WriteAtomic(outPath, func(wr io.Writer) error {
		_, err := wr.Write(data)
		return err
	})
}

// fill is workbookFill, checklistAfter and the 环比 sheet on the plan.
// The package is in buffers reused by the next unit once release is called.
func (p *workbookPlan) fill(u Unit) (pkg []byte, release func(), err error) {
	if p.err != nil {
		return nil, nil, p.err
	}
	w := &planUnit{p: p, outs: map[string]*planOut{}}
	defer func() {
		if err != nil {
			w.release()
		}
	}()
	pkg, err = w.fill(u)
	return pkg, w.release, err
}

func (w *planUnit) fill(u Unit) ([]byte, error) {
	p := w.p
	period := PeriodLabel(u.Period)
	fill := templateReplacer(u.Name, period)
	for _, name := range p.order {
		s := p.sheets[name]
		if filled := fill.Replace(s.title); filled != s.title {
			w.str(name, 1, 1, -1, filled)
		}
	}
	bound := map[workbookFigureKey][]string{}
	for _, b := range u.Bindings {
		ind, ok := p.byID[b.ID]
		if !ok {
			return nil, fmt.Errorf("单位 %s 的指标 %s 不在指标目录中", u.Name, b.ID)
		}
		t, placed := p.targets[b.ID]
		if placed {
			if err := w.number(t.sheet, t.cell, p.bases[t.workbookCell], ind.Measure, b.Value); err != nil {
				return nil, err
			}
		}
		note, src := workbookNote(b), fmt.Sprintf("%s:%d", b.Source, b.Line)
		var col, r int
		if t.named {
			col, r, _ = excelize.CellNameToCoordinates(t.cell)
			w.str(t.sheet, col+2, r, -1, note)
			w.str(t.sheet, col+3, r, -1, src)
		}
		row := p.overview[b.ID]
		cell := "C" + strconv.Itoa(row)
		if err := w.number(TemplateSheetOverview, cell, p.bases[workbookCell{TemplateSheetOverview, cell}], ind.Measure, b.Value); err != nil {
			return nil, err
		}
		w.str(TemplateSheetOverview, 5, row, -1, note)
		w.str(TemplateSheetOverview, 6, row, -1, src)
		w.fit(TemplateSheetOverview, row, rowFit{{2, ind.Label}, {6, src}})
		if t.named {
			w.fit(t.sheet, r, rowFit{{col - 1, ind.Label}, {col + 3, src}})
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
		if err := w.other(string(sec), other); err != nil {
			return nil, err
		}
	}
	if err := w.sources(u, bound); err != nil {
		return nil, err
	}
	return w.pack(u)
}

func (w *planUnit) more(sheet string, row, more int) {
	w.str(sheet, 1, row, -1, fmt.Sprintf("……另有 %d 项数据未列出，全部数据见 run.json", more))
}

// row is workbookRowWriter on the plan.
type planRow struct {
	w      *planUnit
	sheet  string
	row    int
	styles []int
	err    error
}

func (r *planRow) style(col int) int {
	if col-1 < len(r.styles) {
		return r.styles[col-1]
	}
	return 0
}

func (r *planRow) str(col int, text string) { r.w.str(r.sheet, col, r.row, r.style(col), text) }

func (r *planRow) num(col int, measure string, v float64) {
	if r.err == nil {
		cell, _ := excelize.CoordinatesToCellName(col, r.row)
		r.err = r.w.number(r.sheet, cell, r.style(col), measure, v)
	}
}

func (r *planRow) int(col, v int) {
	c := planCell{style: r.style(col)}
	if v > 0 {
		c.kind, c.text = 'n', strconv.Itoa(v)
	}
	r.w.out(r.sheet).set(col, r.row, c)
}

func (w *planUnit) other(sheet string, figs []extract.Figure) error {
	t := w.p.other[sheet]
	if t.err != nil {
		return t.err
	}
	for i, fg := range figs {
		row := t.first + i
		if i == MaxListedFigures {
			w.more(sheet, row, len(figs)-i)
			return nil
		}
		r := planRow{w: w, sheet: sheet, row: row, styles: t.styles}
		fit := otherCells(&r, fg)
		if r.err != nil {
			return r.err
		}
		w.fit(sheet, row, fit)
	}
	return nil
}

func (w *planUnit) sources(u Unit, bound map[workbookFigureKey][]string) error {
	t := w.p.sources
	if t.err != nil {
		return t.err
	}
	sheet := TemplateSheetSources
	number := func(base int, measure string, v float64) (int, error) {
		if id, ok := w.p.formats[planFormat{base, templateFormatFor(measure, v)}]; ok {
			return id, nil
		}
		return base, nil
	}
	width := func(col int) float64 { return w.width(sheet, col) }
	return sourceRows(w.out(sheet), t.first, t.styles, number, width, []Unit{u}, false, bound)
}

// pack writes the package: the patched sheets, the new ones, the workbook
// parts that list them, every other entry raw.
func (w *planUnit) pack(u Unit) ([]byte, error) {
	p := w.p
	period := PeriodLabel(u.Period)
	changed := map[string][]byte{}
	headers := map[string]string{} // the sheets share their headers' texts
	for _, name := range p.order {
		s := p.sheets[name]
		changed[s.part] = s.patchInto(w.buf(), w.outs[name], u.Name, period, headers)
	}
	news := p.newSheets(u.Previous != nil)
	extra := []zipPart{{news[0].part, checklistSheetXML(w, u, p.cat, p.check)}}
	if u.Previous != nil {
		header := templateFillHeader(TemplateHeader, u.Name, period)
		extra = append(extra, zipPart{news[1].part, w.previousXML(previousTitle(u.Name, u.Period, previousPeriodOf([]*Unit{&u})), header, previousRows(&u, p.cat))})
	}
	return repackZipInto(w.buf(), p.zr, changed, p.listed[len(news)-1], extra)
}

// planBufPool holds the buffers a unit's workbook is made in: its patched
// sheets and the package, 100 to 300 KB a unit, were a quarter of a
// quarter's allocated bytes.
var planBufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// buf is an empty buffer of the pool, given back by release.
func (w *planUnit) buf() *bytes.Buffer {
	b := planBufPool.Get().(*bytes.Buffer)
	b.Reset()
	w.scratch = append(w.scratch, b)
	return b
}

// release gives the unit's buffers back: nothing written in them may be
// used after it.
func (w *planUnit) release() {
	for _, b := range w.scratch {
		planBufPool.Put(b)
	}
	w.scratch = nil
	for _, o := range w.outs {
		if cap(o.cells) == 0 {
			continue
		}
		// Emptied to their capacity: sorted leaves cells past the end.
		c := o.cells[:cap(o.cells)]
		clear(c)
		c = c[:0]
		planCellsPool.Put(&c)
		o.cells = nil
	}
}

// planAdded is a sheet a unit's workbook adds to the template's.
type planAdded struct{ name, part, rid string }

// newSheets are the sheets a unit adds: 核对单, then 环比 when the unit has
// last period's values.
func (p *workbookPlan) newSheets(previous bool) []planAdded {
	names := []string{ChecklistSheetName}
	if previous {
		names = append(names, TemplateSheetPrevious)
	}
	out := make([]planAdded, len(names))
	for n, name := range names {
		out[n] = planAdded{name, fmt.Sprintf("xl/worksheets/sheet%d.xml", p.nextPart+n), "rId" + strconv.Itoa(p.nextRel+n)}
	}
	return out
}

// listParts deflates, once per plan, the workbook parts that list the
// sheets, for a unit without and with 环比 (the lists do not depend on
// anything else of the unit).
func (p *workbookPlan) listParts() error {
	for k, previous := range []bool{false, true} {
		news := p.newSheets(previous)
		var sheetsXML, relsXML, ctXML strings.Builder
		for i, a := range news {
			fmt.Fprintf(&sheetsXML, `<sheet name="%s" sheetId="%d" r:id="%s"></sheet>`, formEscapeAttr(a.name), p.nextID+i, a.rid)
			fmt.Fprintf(&relsXML, `<Relationship Id="%s" Target="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"></Relationship>`,
				a.rid, strings.TrimPrefix(a.part, "xl/"))
			fmt.Fprintf(&ctXML, `<Override PartName="/%s" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"></Override>`, a.part)
		}
		var definedNames string
		if previous {
			definedNames = fmt.Sprintf(`<definedName name="_xlnm.Print_Titles" localSheetId="%d">%s</definedName>`,
				len(p.order)+len(news)-1, formEscape(summaryQuote(TemplateSheetPrevious)+"!$1:$2"))
		}
		data, err := repackZip(&zip.Reader{}, nil, nil, []zipPart{
			{p.workbook, planInsert(p.wbXML, "</sheets>", sheetsXML.String(), definedNames)},
			{p.wbRels, planInsert(p.relsXML, "</Relationships>", relsXML.String(), "")},
			{"[Content_Types].xml", planInsert(p.ctXML, "</Types>", ctXML.String(), "")},
		})
		if err != nil {
			return err
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return err
		}
		p.listed[k] = map[string]*zip.File{}
		for _, zf := range zr.File {
			p.listed[k][zf.Name] = zf
		}
	}
	return nil
}

// planInsert puts text before the closing tag end; names, when given, are
// defined names added to the workbook's list (which it makes when absent).
func planInsert(b []byte, end, text, names string) []byte {
	s := string(b)
	if i := strings.LastIndex(s, end); i >= 0 {
		s = s[:i] + text + s[i:]
	}
	if names != "" {
		if i := strings.Index(s, "</definedNames>"); i >= 0 {
			s = s[:i] + names + s[i:]
		} else if i := strings.Index(s, "</sheets>"); i >= 0 {
			i += len("</sheets>")
			s = s[:i] + "<definedNames>" + names + "</definedNames>" + s[i:]
		}
	}
	return []byte(s)
}

// patchInto writes the sheet into dst with the unit's cells and row
// heights and its headers and footers filled; rows the unit does not touch
// are copied. When nothing changes it is the base's own bytes.
func (s *planSheet) patchInto(dst *bytes.Buffer, o *planOut, unit, period string, headers map[string]string) []byte {
	x := s.x
	var edits []formXMLEdit
	for _, t := range x.texts {
		if !t.header {
			continue
		}
		text, ok := xmlText(s.data[t.start:t.end])
		if !ok {
			continue
		}
		filled, done := headers[text]
		if !done {
			filled = templateFillHeader(text, unit, period)
			headers[text] = filled
		}
		if filled != text {
			edits = append(edits, formXMLEdit{t.start, t.end, formEscape(filled)})
		}
	}
	hasData := o != nil && (len(o.cells) > 0 || len(o.heights) > 0)
	if hasData {
		// The sheetData edit, written straight into dst when its turn
		// comes (its text stays empty; no header text spans sheetData).
		edits = append(edits, formXMLEdit{start: x.dataStart, end: x.dataEnd})
	}
	if len(edits) == 0 {
		return s.data
	}
	sortEdits(edits)
	size := len(s.data)
	for _, e := range edits {
		size += len(e.text) - (e.end - e.start)
	}
	if o != nil {
		size += 128 * len(o.cells)
	}
	dst.Grow(max(size, 0))
	at := 0
	for _, e := range edits {
		if e.start < at { // overlapping: never made by the filler
			continue
		}
		dst.Write(s.data[at:e.start])
		if hasData && e.start == x.dataStart && e.end == x.dataEnd && e.text == "" {
			s.sheetDataInto(dst, o)
		} else {
			dst.WriteString(e.text)
		}
		at = e.end
	}
	dst.Write(s.data[at:])
	return dst.Bytes()
}

// sheetDataInto writes the content of <sheetData> (the element itself when
// the base has <sheetData/>).
func (s *planSheet) sheetDataInto(b *bytes.Buffer, o *planOut) {
	x, data := s.x, s.data
	cells := o.sorted()
	// The rows written: those of cells and of heights, ascending.
	rows := make([]int, 0, len(o.heights)+16)
	for _, e := range cells {
		if n := len(rows); n == 0 || rows[n-1] != e.row {
			rows = append(rows, e.row)
		}
	}
	if len(o.heights) > 0 {
		for r := range o.heights {
			rows = append(rows, r)
		}
		slices.Sort(rows)
		rows = slices.Compact(rows)
	}
	next := 0 // the first cell of cells not yet written
	if x.dataSelfClosing {
		b.WriteString("<" + x.name("sheetData") + ">")
	}
	rowTag := x.name("row")
	writeRow := func(r int, base *formXMLRow) {
		end := next
		for end < len(cells) && cells[end].row == r {
			end++
		}
		cols := cells[next:end]
		next = end
		h, hasH := o.heights[r]
		if base != nil {
			tag := string(data[base.start:base.startEnd])
			tag = strings.TrimSuffix(strings.TrimSuffix(tag, "/>"), ">")
			if hasH {
				tag = planAttrRE.ReplaceAllString(tag, "")
				tag += ` ht="` + strconv.FormatFloat(h, 'f', -1, 64) + `" customHeight="1"`
			}
			b.WriteString(tag + ">")
		} else {
			b.WriteString("<" + rowTag + ` r="` + strconv.Itoa(r) + `"`)
			if hasH {
				b.WriteString(` ht="` + strconv.FormatFloat(h, 'f', -1, 64) + `" customHeight="1"`)
			}
			b.WriteString(">")
		}
		var own []int
		if base != nil {
			own = base.cells
		}
		i, j := 0, 0
		for i < len(own) || j < len(cols) {
			switch {
			case j == len(cols) || i < len(own) && x.cells[own[i]].col < cols[j].col:
				c := x.cells[own[i]]
				b.Write(data[c.start:c.end])
				i++
			default:
				col := cols[j].col
				var old *formXMLCell
				if i < len(own) && x.cells[own[i]].col == col {
					old = &x.cells[own[i]]
					i++
				}
				s.cellXML(b, col, r, old, cols[j].c)
				j++
			}
		}
		b.WriteString("</" + rowTag + ">")
	}
	ri := 0
	for _, r := range rows {
		for ri < len(x.rows) && x.rows[ri].row < r {
			b.Write(data[x.rows[ri].start:x.rows[ri].end])
			ri++
		}
		if ri < len(x.rows) && x.rows[ri].row == r {
			writeRow(r, &x.rows[ri])
			ri++
			continue
		}
		writeRow(r, nil)
	}
	for ; ri < len(x.rows); ri++ {
		b.Write(data[x.rows[ri].start:x.rows[ri].end])
	}
	if x.dataSelfClosing {
		b.WriteString("</" + x.name("sheetData") + ">")
	}
}

// cellXML writes one cell: text as an inline string (never a formula),
// numbers as numbers.
func (s *planSheet) cellXML(b *bytes.Buffer, col, row int, old *formXMLCell, c planCell) {
	x := s.x
	style := c.style
	if style < 0 {
		style = 0
		if old != nil {
			for _, a := range old.attrs {
				if a.Name.Local == "s" {
					style, _ = strconv.Atoi(a.Value)
				}
			}
		} else {
			style = x.styleAt(col, row)
		}
	}
	// Piece by piece into b: a cell costs no string of its own.
	open := func(local string) {
		b.WriteByte('<')
		if x.prefix != "" {
			b.WriteString(x.prefix)
			b.WriteByte(':')
		}
		b.WriteString(local)
	}
	closeTag := func(local string) {
		b.WriteString("</")
		if x.prefix != "" {
			b.WriteString(x.prefix)
			b.WriteByte(':')
		}
		b.WriteString(local)
		b.WriteByte('>')
	}
	open("c")
	b.WriteString(` r="`)
	planWriteRef(b, col, row)
	b.WriteByte('"')
	if style > 0 {
		b.WriteString(` s="`)
		b.WriteString(strconv.Itoa(style))
		b.WriteByte('"')
	}
	switch c.kind {
	case 's':
		text := c.text
		if len(text) > excelize.TotalCellChars && utf8.RuneCountInString(text) > excelize.TotalCellChars {
			text = string([]rune(text)[:excelize.TotalCellChars])
		}
		b.WriteString(` t="inlineStr">`)
		open("is")
		b.WriteByte('>')
		open("t")
		if text != strings.TrimSpace(text) {
			b.WriteString(` xml:space="preserve"`)
		}
		b.WriteByte('>')
		planEscape(b, text)
		closeTag("t")
		closeTag("is")
	case 'n':
		b.WriteByte('>')
		open("v")
		b.WriteByte('>')
		b.WriteString(c.text)
		closeTag("v")
	case 'f':
		if c.cache == "" {
			b.WriteString(` t="str"`)
		}
		b.WriteByte('>')
		open("f")
		b.WriteByte('>')
		planEscape(b, c.text)
		closeTag("f")
		open("v")
		b.WriteByte('>')
		b.WriteString(c.cache)
		closeTag("v")
	default:
		b.WriteByte('>')
	}
	closeTag("c")
}

// planWriteRef writes a cell reference such as AB12.
func planWriteRef(b *bytes.Buffer, col, row int) {
	var letters [4]byte
	i := len(letters)
	for c := col; c > 0 && i > 0; c = (c - 1) / 26 {
		i--
		letters[i] = byte('A' + (c-1)%26)
	}
	b.Write(letters[i:])
	b.WriteString(strconv.Itoa(row))
}

// planEscape writes text escaped as formEscape does, without a copy when
// nothing needs escaping.
func planEscape(b *bytes.Buffer, text string) {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c >= 0x80 {
			if c >= 0x80 && utf8.ValidString(text[i:]) && !planNeedsEscape(text[i:]) {
				break
			}
			_ = xml.EscapeText(b, []byte(text))
			return
		}
	}
	b.WriteString(text)
}

// planNeedsEscape says whether valid UTF-8 text holds a character
// xml.EscapeText changes.
func planNeedsEscape(text string) bool {
	for _, r := range text {
		switch {
		case r < 0x20, r == '&', r == '<', r == '>', r == '"', r == '\'':
			return true
		case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			return true
		}
	}
	return false
}

// planFlatePool keeps deflate writers between parts and units: a new one
// allocates some 1 MB of tables.
var planFlatePool sync.Pool

type planFlate struct{ *flate.Writer }

func (p planFlate) Close() error {
	err := p.Writer.Close()
	planFlatePool.Put(p.Writer)
	return err
}

// planCompressor deflates at the fastest level: the parts are small XML,
// where it costs a few per cent of size and saves most of the time.
func planCompressor(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := planFlatePool.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return planFlate{fw}, nil
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	return planFlate{fw}, err
}

// zipPart is an entry added to a package.
type zipPart struct {
	name string
	data []byte
}

// repackZip writes a package from zr: changed parts compressed anew (a nil
// one dropped), parts in raw copied raw from there, every other entry copied
// raw (its compressed bytes, header and timestamp as they are), then the
// added parts.
func repackZip(zr *zip.Reader, changed map[string][]byte, raw map[string]*zip.File, added []zipPart) ([]byte, error) {
	var out bytes.Buffer
	out.Grow(64 << 10)
	return repackZipInto(&out, zr, changed, raw, added)
}

// repackZipInto is repackZip writing into out.
func repackZipInto(out *bytes.Buffer, zr *zip.Reader, changed map[string][]byte, raw map[string]*zip.File, added []zipPart) ([]byte, error) {
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, planCompressor)
	// One copy buffer for the raw entries: io.Copy would allocate 32 KB
	// for each.
	buf := make([]byte, 8<<10)
	write := func(name string, b []byte, hdr zip.FileHeader) error {
		hdr.Name, hdr.Method = name, zip.Deflate
		w, err := zw.CreateHeader(&hdr)
		if err == nil {
			_, err = w.Write(b)
		}
		return err
	}
	for _, zf := range zr.File {
		if b, ok := changed[zf.Name]; ok {
			if b == nil {
				continue // dropped
			}
			// The entry's own DOS time: a zero one stays zero.
			if err := write(zf.Name, b, zip.FileHeader{ModifiedDate: zf.ModifiedDate, ModifiedTime: zf.ModifiedTime}); err != nil {
				return nil, err
			}
			continue
		}
		if r, ok := raw[zf.Name]; ok {
			zf = r
		}
		hdr := zf.FileHeader
		w, err := zw.CreateRaw(&hdr)
		if err != nil {
			return nil, err
		}
		r, err := zf.OpenRaw()
		if err != nil {
			return nil, err
		}
		if _, err := io.CopyBuffer(w, r, buf); err != nil {
			return nil, err
		}
	}
	for _, a := range added {
		if err := write(a.name, a.data, zip.FileHeader{}); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
