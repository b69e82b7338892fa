package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// Tokens a user's form may hold in any cell (and in page headers): the
// unit, the period label and the date the form is filled.
const (
	FormUnitToken   = "{单位}"
	FormPeriodToken = "{期间}"
	FormDateToken   = "{填报日期}"
)

// Form is a user's .xlsx form (the province's), read once per run and
// filled once per unit. Filling writes the bound cells' values, the tokens'
// text and the cached results of formulas into the form's own XML, and
// copies every other part of the package byte for byte: styles, number
// formats, merges, validations, conditional formats, comments, drawings,
// charts, print setup and defined names are the form's. A Form is only
// read after LoadForm, so units are filled in parallel.
type Form struct {
	Path string
	data []byte
	zr   *zip.Reader
	// parts by name; sheets by sheet name (worksheets only).
	parts    map[string]*zip.File
	workbook string
	sst      string
	sstData  []byte
	sstTexts []formXMLText
	sstItems []string
	sheets   map[string]*formSheet
	formulas int
	// tokenCells hold a token: their text after filling is what formulas
	// that refer to them compute with.
	tokenCells []formTokenCell
	targets    map[string]formTarget
	// uncomputed, when set, collects the formulas calculate could not
	// compute (Uncomputed sets it on a copy of the Form, never shared).
	uncomputed *[]string
	// calcPool holds excelize copies of the form for calculation.
	calcPool chan *excelize.File
}

// Uncomputed lists the formula cells (sheet!cell) whose results djreport
// cannot compute before saving, sorted: they keep the form's cached
// value until the spreadsheet program recalculates on opening.
func (fm *Form) Uncomputed() []string {
	if fm.formulas == 0 {
		return nil
	}
	var list []string
	probe := *fm
	probe.uncomputed = &list
	if _, err := probe.calculate(nil, strings.NewReplacer()); err != nil {
		return nil
	}
	sort.Strings(list)
	return list
}

type formSheet struct {
	name, part string
	data       []byte
	xml        *formXMLSheet
}

type formTokenCell struct {
	sheet, cell, text string
}

// formTarget is a placed indicator's cell and how its value is shown.
type formTarget struct {
	mapping.Cell
	col, row int
	// percent: the cell's number format shows a fraction as a percentage,
	// so a rate of 98.6% is written 0.986.
	percent bool
	// orig is what the form holds there ("" blank), origNumber whether it
	// is a number.
	orig       string
	origNumber bool
}

// formMaxPart bounds what is read of one part: a province form is a few
// hundred KB; a crafted package must not make a run allocate without end.
const formMaxPart = 64 << 20

// LoadForm reads a form (data, named name in messages) and the cells the
// mapping places indicators in (id -> cell, as mapping.Set.FormTargets
// resolved them).
func LoadForm(name string, data []byte, targets map[string]mapping.Cell) (fm *Form, err error) {
	defer func() {
		// excelize and the XML scanner read outside input: a crash on a
		// malformed form is a refusal, never a stop of the run.
		if r := recover(); r != nil {
			fm, err = nil, fmt.Errorf("模板 %s 无法读取：文件内部结构有误（可能已损坏）：请在 Excel 或 WPS 中打开后重新保存", name)
		}
	}()
	fm = &Form{Path: name, data: data, parts: map[string]*zip.File{}, sheets: map[string]*formSheet{}, targets: map[string]formTarget{},
		calcPool: make(chan *excelize.File, formCalcCopies)}
	if fm.zr, err = zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
		return nil, fmt.Errorf("模板 %s 不是有效的 .xlsx 文件：%s", name, XLSXReason(err))
	}
	for _, zf := range fm.zr.File {
		fm.parts[zf.Name] = zf
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("模板 %s 不是有效的 .xlsx 文件：%s", name, fmt.Sprintf(format, args...))
	}
	fm.workbook = "xl/workbook.xml"
	if rels, err := fm.read("_rels/.rels"); err == nil {
		for _, r := range parseRels(rels) {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				fm.workbook = relTarget("", r.Target)
			}
		}
	}
	wb, err := fm.read(fm.workbook)
	if err != nil {
		return nil, bad("缺少工作簿 %s", fm.workbook)
	}
	relsPath := path.Join(path.Dir(fm.workbook), "_rels", path.Base(fm.workbook)+".rels")
	relData, err := fm.read(relsPath)
	if err != nil {
		return nil, bad("缺少 %s", relsPath)
	}
	byID := map[string]formRel{}
	for _, r := range parseRels(relData) {
		byID[r.ID] = r
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			fm.sst = relTarget(path.Dir(fm.workbook), r.Target)
		}
	}
	var sst []string
	if fm.sst != "" {
		if b, err := fm.read(fm.sst); err == nil {
			if sst, err = parseSST(b); err != nil {
				return nil, bad("共享字符串表无法解析：%v", err)
			}
			fm.sstData, fm.sstTexts, fm.sstItems = b, scanTexts(b), sst
		}
	}
	sheets, err := parseWorkbookSheets(wb)
	if err != nil {
		return nil, bad("工作簿无法解析：%v", err)
	}
	tokens := regexp.MustCompile(`\{(单位|期间|填报日期)\}|【单位】|【期间】`)
	for _, sh := range sheets {
		r, ok := byID[sh.rid]
		if !ok || !strings.HasSuffix(r.Type, "/worksheet") {
			continue // a chart sheet, a dialog sheet: nothing to fill
		}
		part := relTarget(path.Dir(fm.workbook), r.Target)
		b, err := fm.read(part)
		if err != nil {
			return nil, bad("缺少工作表 %s 的内容（%s）", sh.name, part)
		}
		x, err := scanSheetXML(b)
		if err != nil {
			return nil, bad("工作表 %s 无法解析：%v", sh.name, err)
		}
		fm.sheets[sh.name] = &formSheet{name: sh.name, part: part, data: b, xml: x}
		for _, c := range x.cells {
			if c.formula != nil {
				fm.formulas++
				continue
			}
			text := ""
			switch c.typ {
			case "s":
				if i, err := strconv.Atoi(strings.TrimSpace(c.value)); err == nil && i >= 0 && i < len(sst) {
					text = sst[i]
				}
			case "inlineStr":
				text = formInlineText(b[c.start:c.end])
			}
			if tokens.MatchString(text) {
				ref, _ := excelize.CoordinatesToCellName(c.col, c.row)
				fm.tokenCells = append(fm.tokenCells, formTokenCell{sh.name, ref, text})
			}
		}
	}
	if len(fm.sheets) == 0 {
		return nil, bad("没有工作表")
	}
	if err := fm.place(targets); err != nil {
		return nil, err
	}
	return fm, nil
}

// place records the targets and reads their number formats.
func (fm *Form) place(targets map[string]mapping.Cell) error {
	if len(targets) == 0 {
		return nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(fm.data))
	if err != nil {
		return fmt.Errorf("模板 %s 不是有效的 .xlsx 文件：%s", fm.Path, XLSXReason(err))
	}
	defer f.Close()
	for id, c := range targets {
		sh := fm.findSheet(c.Sheet)
		if sh == nil {
			return fmt.Errorf("模板 %s 没有工作表 %s（指标 %s）", fm.Path, c.Sheet, id)
		}
		col, row, err := excelize.CellNameToCoordinates(c.Ref)
		if err != nil {
			return fmt.Errorf("模板 %s：指标 %s 的单元格 %s 无效", fm.Path, id, c)
		}
		t := formTarget{Cell: mapping.Cell{Sheet: sh.name, Ref: c.Ref}, col: col, row: row}
		t.percent = formPercent(f, sh.name, c.Ref)
		t.orig, _ = f.GetCellValue(sh.name, c.Ref, excelize.Options{RawCellValue: true})
		if typ, _ := f.GetCellType(sh.name, c.Ref); typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
			_, err := strconv.ParseFloat(t.orig, 64)
			t.origNumber = err == nil
		}
		fm.targets[id] = t
	}
	return nil
}

// formPercent says whether a cell's number format shows percentages:
// built-in formats 9 and 10, or a code with % outside quotes.
func formPercent(f *excelize.File, sheet, cell string) bool {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return false
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	if st.CustomNumFmt != nil {
		return FormatIsPercent(*st.CustomNumFmt)
	}
	return st.NumFmt == 9 || st.NumFmt == 10
}

// FormatIsPercent says whether a number format code multiplies by 100: a %
// outside quoted text and not escaped.
func FormatIsPercent(code string) bool {
	quoted := false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal (or padding)
		case c == '%':
			return true
		}
	}
	return false
}

func (fm *Form) findSheet(name string) *formSheet {
	if sh, ok := fm.sheets[name]; ok {
		return sh
	}
	// Sheet names are case-insensitive in Excel.
	for n, sh := range fm.sheets {
		if strings.EqualFold(n, name) {
			return sh
		}
	}
	return nil
}

func (fm *Form) read(name string) ([]byte, error) { return readPart(fm.parts, name) }

// readPart reads one part of a package (name compared as OPC does, without
// case), refusing one that inflates beyond formMaxPart.
func readPart(parts map[string]*zip.File, name string) ([]byte, error) {
	zf, ok := parts[name]
	if !ok {
		// Part names are case-insensitive in OPC.
		for n, z := range parts {
			if strings.EqualFold(n, name) {
				zf, ok = z, true
				break
			}
		}
	}
	if !ok {
		return nil, fmt.Errorf("缺少 %s", name)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, formMaxPart+1))
	if err != nil {
		return nil, err
	}
	if len(b) > formMaxPart {
		return nil, fmt.Errorf("%s 过大", name)
	}
	return b, nil
}

// FormOptions are what the tokens of a form stand for besides the unit.
type FormOptions struct {
	// Date fills {填报日期}; empty: PeriodDate, as the brief's date.
	Date string
}

// value is what a bound cell receives: the binding's value in the form's
// unit (scale:), and a rate as a fraction in a percentage cell.
func (fm *Form) value(ind mapping.Indicator, b mapping.Binding, t formTarget) float64 {
	v := b.Value
	if ind.Scale > 0 {
		v /= ind.Scale
	}
	if t.percent {
		switch ind.Measure {
		case "%":
			v /= 100
		case "‰":
			v /= 1000
		}
	}
	return v
}

// Placed says which indicators the form has a cell for.
func (fm *Form) Placed(id string) bool {
	_, ok := fm.targets[id]
	return ok
}

// Fill writes the unit's form at outPath. The form file is only read.
func (fm *Form) Fill(outPath string, u Unit, cat []mapping.Indicator, opts FormOptions) (err error) {
	data, err := fm.FillBytes(u, cat, opts)
	if err != nil {
		return err
	}
	return WriteAtomic(outPath, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// FillBytes is Fill returning the package instead of writing it.
func (fm *Form) FillBytes(u Unit, cat []mapping.Indicator, opts FormOptions) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%s：填写时出错：文件内部结构有误（可能已损坏）：请在 Excel 或 WPS 中打开后重新保存", fm.Path)
		}
	}()
	byID := make(map[string]mapping.Indicator, len(cat))
	for _, ind := range cat {
		byID[ind.ID] = ind
	}
	date := opts.Date
	if date == "" {
		date = PeriodDate(u.Period)
	}
	period := PeriodLabel(u.Period)
	plain := []string{FormUnitToken, u.Name, FormPeriodToken, period, FormDateToken, date, TemplateUnitToken, u.Name, TemplatePeriodToken, period}
	header := make([]string, len(plain))
	for i, s := range plain {
		if i%2 == 1 {
			s = strings.ReplaceAll(s, "&", "&&") // & starts a header code
		}
		header[i] = s
	}
	plainRep := strings.NewReplacer(plain...)

	// The values, per sheet and cell.
	values := map[*formSheet]map[[2]int]formXMLValue{}
	numbers := map[mapping.Cell]float64{}
	for _, b := range u.Bindings {
		t, ok := fm.targets[b.ID]
		if !ok {
			continue // the form has no cell for it: run.json lists it
		}
		v := fm.value(byID[b.ID], b, t)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s!%s：数值无效（%v）", t.Sheet, t.Ref, v)
		}
		sh := fm.sheets[t.Sheet]
		if values[sh] == nil {
			values[sh] = map[[2]int]formXMLValue{}
		}
		values[sh][[2]int{t.col, t.row}] = formXMLValue{text: formNumber(v)}
		numbers[t.Cell] = v
	}
	if fm.formulas > 0 {
		results, err := fm.calculate(numbers, plainRep)
		if err != nil {
			return nil, err
		}
		for sh, cells := range results {
			if values[sh] == nil {
				values[sh] = map[[2]int]formXMLValue{}
			}
			for k, v := range cells {
				values[sh][k] = v
			}
		}
	}

	changed := map[string][]byte{}
	for _, sh := range fm.sheets {
		edits := sh.xml.edits(sh.data, values[sh])
		edits = append(edits, sh.xml.tokenEdits(sh.data, plain, header)...)
		if len(edits) > 0 {
			changed[sh.part] = applyEdits(sh.data, edits)
		}
	}
	if fm.sstData != nil {
		if edits := textEdits(fm.sstData, fm.sstTexts, plain, plain); len(edits) > 0 {
			changed[fm.sst] = applyEdits(fm.sstData, edits)
		}
	}
	if fm.formulas > 0 {
		wb, err := fm.read(fm.workbook)
		if err != nil {
			return nil, err
		}
		changed[fm.workbook] = formFullCalc(wb)
	}
	return fm.repack(changed)
}

// formNumber is a number as a cell's <v> holds it.
func formNumber(v float64) string {
	if v == 0 {
		return "0"
	}
	if a := math.Abs(v); a >= 1e-6 && a < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strings.ToUpper(strconv.FormatFloat(v, 'e', -1, 64))
}

// calculate computes every formula of the form with the unit's values in
// place, through excelize's calculation engine on a copy in memory (never
// saved): spreadsheet programs, previewers and WPS show cached results
// before (or instead of) recalculating. A formula excelize cannot compute
// keeps the form's cached result; full calculation on load corrects it.
func (fm *Form) calculate(numbers map[mapping.Cell]float64, tokens *strings.Replacer) (map[*formSheet]map[[2]int]formXMLValue, error) {
	f, err := fm.calcCopy()
	if err != nil {
		return nil, err
	}
	reusable := false
	defer func() { fm.calcDone(f, reusable) }()
	// The copy may come from an earlier unit: every placed cell gets this
	// unit's value or the form's own.
	for _, t := range fm.targets {
		if _, ok := numbers[t.Cell]; ok {
			continue
		}
		if err := t.restore(f); err != nil {
			return nil, fmt.Errorf("%s：%s：%v", fm.Path, t.Cell, err)
		}
	}
	for c, v := range numbers {
		if err := f.SetCellFloat(c.Sheet, c.Ref, v, -1, 64); err != nil {
			return nil, fmt.Errorf("%s：%s：%s", fm.Path, c, XLSXReason(err))
		}
	}
	for _, tc := range fm.tokenCells {
		if err := f.SetCellStr(tc.sheet, tc.cell, tokens.Replace(tc.text)); err != nil {
			return nil, fmt.Errorf("%s：%s!%s：%s", fm.Path, tc.sheet, tc.cell, XLSXReason(err))
		}
	}
	out := map[*formSheet]map[[2]int]formXMLValue{}
	for _, sh := range fm.sheets {
		for _, c := range sh.xml.cells {
			if c.formula == nil {
				continue
			}
			ref, _ := excelize.CoordinatesToCellName(c.col, c.row)
			v, ok := formCalc(f, sh.name, ref)
			if !ok {
				if fm.uncomputed != nil {
					*fm.uncomputed = append(*fm.uncomputed, sh.name+"!"+ref)
				}
				continue
			}
			if out[sh] == nil {
				out[sh] = map[[2]int]formXMLValue{}
			}
			out[sh][[2]int{c.col, c.row}] = v
		}
	}
	reusable = true
	return out, nil
}

// calcCopy takes an excelize copy of the form for calculation: one left by
// an earlier unit, or a new one. Parsing the form is most of a fill's
// time, so copies are kept (at most formCalcCopies) instead of the form
// being read again for every unit.
func (fm *Form) calcCopy() (*excelize.File, error) {
	select {
	case f := <-fm.calcPool:
		return f, nil
	default:
	}
	f, err := excelize.OpenReader(bytes.NewReader(fm.data))
	if err != nil {
		return nil, fmt.Errorf("模板 %s 无法读取：%v", fm.Path, err)
	}
	return f, nil
}

// calcDone keeps a copy for the next unit, or closes it (after a failure
// its state is not known).
func (fm *Form) calcDone(f *excelize.File, reusable bool) {
	if reusable && fm.calcPool != nil {
		select {
		case fm.calcPool <- f:
			return
		default:
		}
	}
	f.Close()
}

// formCalcCopies bounds the copies kept: one per worker on a usual machine.
const formCalcCopies = 8

// restore puts the form's own content back into a placed cell of a copy.
func (t formTarget) restore(f *excelize.File) error {
	switch {
	case t.orig == "":
		return f.SetCellValue(t.Sheet, t.Ref, nil)
	case t.origNumber:
		v, err := strconv.ParseFloat(t.orig, 64)
		if err != nil {
			return err
		}
		return f.SetCellFloat(t.Sheet, t.Ref, v, -1, 64)
	default:
		return f.SetCellStr(t.Sheet, t.Ref, t.orig)
	}
}

// formCalc computes one formula; ok is false when excelize cannot.
func formCalc(f *excelize.File, sheet, cell string) (v formXMLValue, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	res, err := f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		// An Excel error value (#DIV/0!, #N/A) is a result; a function
		// excelize lacks (it says #NAME?, Excel may well know it) or any
		// other failure is not known.
		if strings.Contains(err.Error(), "not support") || res == "#NAME?" {
			return v, false
		}
		if strings.HasPrefix(res, "#") && !strings.Contains(res, " ") {
			return formXMLValue{typ: "e", text: res}, true
		}
		return v, false
	}
	if n, err := strconv.ParseFloat(res, 64); err == nil && !math.IsInf(n, 0) && !math.IsNaN(n) {
		return formXMLValue{text: formNumber(n)}, true
	}
	switch res {
	case "TRUE":
		return formXMLValue{typ: "b", text: "1"}, true
	case "FALSE":
		return formXMLValue{typ: "b", text: "0"}, true
	}
	return formXMLValue{typ: "str", text: res}, true
}

// formFullCalc sets fullCalcOnLoad on the workbook's calcPr (adding one
// where the schema puts it), so programs that recalculate do so on opening.
func formFullCalc(wb []byte) []byte {
	s := string(wb)
	re := regexp.MustCompile(`<((?:\w+:)?)calcPr\b[^>]*?/?>`)
	if loc := re.FindStringSubmatchIndex(s); loc != nil {
		tag := s[loc[0]:loc[1]]
		attr := regexp.MustCompile(`\sfullCalcOnLoad="[^"]*"`)
		var now string
		if attr.MatchString(tag) {
			now = attr.ReplaceAllString(tag, ` fullCalcOnLoad="1"`)
		} else {
			end := strings.TrimSuffix(strings.TrimSuffix(tag, ">"), "/")
			now = strings.TrimRight(end, " ") + ` fullCalcOnLoad="1"` + tag[len(end):]
		}
		return []byte(s[:loc[0]] + now + s[loc[1]:])
	}
	// No calcPr: after the last element that precedes it in CT_Workbook.
	prefix := ""
	if m := regexp.MustCompile(`<(\w+:)?workbook\b`).FindStringSubmatch(s); m != nil {
		prefix = m[1]
	}
	at := -1
	for _, el := range []string{"sheets", "functionGroups", "externalReferences", "definedNames"} {
		endTag := "</" + prefix + el + ">"
		if i := strings.Index(s, endTag); i >= 0 {
			at = max(at, i+len(endTag))
		} else if m := regexp.MustCompile(`<` + prefix + el + `\b[^>]*/>`).FindStringIndex(s); m != nil {
			at = max(at, m[1])
		}
	}
	if at < 0 {
		return wb
	}
	return []byte(s[:at] + "<" + prefix + `calcPr fullCalcOnLoad="1"/>` + s[at:])
}

// repack writes the package: changed parts compressed anew (a nil one
// dropped), every other entry copied raw (its compressed bytes, header
// and timestamp as the form has them).
func (fm *Form) repack(changed map[string][]byte) ([]byte, error) {
	return repackZip(fm.zr, changed, nil, nil)
}

// formRel is one relationship of a .rels part.
type formRel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
	Mode   string `xml:"TargetMode,attr"`
}

func parseRels(b []byte) []formRel {
	var rels struct {
		List []formRel `xml:"Relationship"`
	}
	_ = xml.Unmarshal(b, &rels)
	return rels.List
}

// relTarget resolves a relationship target against the folder of the part
// that holds it.
func relTarget(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Clean(path.Join(dir, target))
}

type formWorkbookSheet struct{ name, rid string }

func parseWorkbookSheets(b []byte) ([]formWorkbookSheet, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	var out []formWorkbookSheet
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "sheet" {
			continue
		}
		var s formWorkbookSheet
		for _, a := range se.Attr {
			switch {
			case a.Name.Local == "name":
				s.name = a.Value
			case a.Name.Local == "id" && a.Name.Space != "":
				s.rid = a.Value
			}
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, errors.New("没有工作表")
	}
	return out, nil
}

// parseSST reads the shared strings (rich text runs joined).
func parseSST(b []byte) ([]string, error) {
	var sst struct {
		SI []struct {
			T string `xml:"t"`
			R []struct {
				T string `xml:"t"`
			} `xml:"r"`
		} `xml:"si"`
	}
	if err := xml.Unmarshal(b, &sst); err != nil {
		return nil, err
	}
	out := make([]string, len(sst.SI))
	for i, si := range sst.SI {
		s := si.T
		for _, r := range si.R {
			s += r.T
		}
		out[i] = s
	}
	return out, nil
}

// formInlineText is the text of an inline-string cell element.
func formInlineText(b []byte) string {
	var c struct {
		IS struct {
			T string `xml:"t"`
			R []struct {
				T string `xml:"t"`
			} `xml:"r"`
		} `xml:"is"`
	}
	if xml.Unmarshal(b, &c) != nil {
		return ""
	}
	s := c.IS.T
	for _, r := range c.IS.R {
		s += r.T
	}
	return s
}

// formToday is today's date as a form shows it: 2024年12月1日 (the project's
// own templates, which name no period to date by).
func formToday() string {
	now := time.Now()
	return fmt.Sprintf("%d年%d月%d日", now.Year(), now.Month(), now.Day())
}

// PeriodDate is the date a period's outputs carry unless brief: date: says
// another: the period's last day (2024Q4: 2024年12月31日), as the brief's
// 版头 and 版记 do, so the form and the brief show one date and a rerun
// gives the same bytes. A period that does not parse: today.
func PeriodDate(period string) string {
	t := time.Now()
	if y, q, ok := briefParsePeriod(period); ok {
		t = time.Date(y, time.Month(3*q+1), 0, 0, 0, 0, 0, time.UTC)
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}
