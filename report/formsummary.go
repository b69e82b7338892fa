package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// SummaryForm is a user's summary form (汇总 across units, as the province
// sends it). One row of it repeats once per unit: the row holding a cell
// that reads exactly {单位}; in that row a cell reading {indicator id}
// ({members_recruited}) receives the unit's value, other cells and their
// formulas are copied down (C5/E5-1 becomes C6/E6-1). Everything below the
// row moves down, and ranges that reach the row (SUM(C5:C5) in the 合计
// row, a chart's series, a validation) grow over all units' rows, as JXLS
// and xlfill extend an area. The rest of the form is copied as it is.
type SummaryForm struct {
	Path string
	fm   *Form
	sh   *formSheet
	row  int
	// unitCol holds {单位}; cols maps the indicator columns to their id,
	// percent marks those whose format shows percentages; formulas are
	// the row's formulas as text (shared ones expanded).
	unitCol  int
	cols     map[int]string
	percent  map[int]bool
	formulas map[int]string
}

var summaryIDToken = regexp.MustCompile(`^\{([A-Za-z_][A-Za-z0-9_]*)\}$`)

// LoadSummaryForm reads a summary form; cat is the indicator catalogue its
// {id} cells must name.
func LoadSummaryForm(name string, data []byte, cat []mapping.Indicator) (sf *SummaryForm, err error) {
	defer func() {
		if r := recover(); r != nil {
			sf, err = nil, fmt.Errorf("汇总模板 %s 无法读取：文件内部结构有误（可能已损坏）：请在 Excel 或 WPS 中打开后重新保存", name)
		}
	}()
	fm, err := LoadForm(name, data, nil)
	if err != nil {
		return nil, err
	}
	sf = &SummaryForm{Path: name, fm: fm, cols: map[int]string{}, percent: map[int]bool{}, formulas: map[int]string{}}
	var found []string
	for _, tc := range fm.tokenCells {
		if strings.TrimSpace(tc.text) != FormUnitToken {
			continue
		}
		col, row, _ := excelize.CellNameToCoordinates(tc.cell)
		found = append(found, tc.sheet+"!"+tc.cell)
		sf.sh, sf.row, sf.unitCol = fm.sheets[tc.sheet], row, col
	}
	sort.Strings(found)
	switch {
	case len(found) == 0:
		return nil, fmt.Errorf("汇总模板 %s 中没有内容恰为 %s 的单元格：请在要逐单位重复的那一行填 %s，在各指标列填 {指标编号}（如 {members_recruited}）", name, FormUnitToken, FormUnitToken)
	case len(found) > 1:
		return nil, fmt.Errorf("汇总模板 %s 中有 %d 个内容为 %s 的单元格（%s）：只能有一行逐单位重复", name, len(found), FormUnitToken, strings.Join(found, "、"))
	}
	known := map[string]bool{}
	for _, ind := range cat {
		known[ind.ID] = true
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("汇总模板 %s 不是有效的 .xlsx 文件：%s", name, XLSXReason(err))
	}
	defer f.Close()
	x := sf.sh.xml
	for _, c := range x.cells {
		if c.row != sf.row {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(c.col, c.row)
		at := sf.sh.name + "!" + ref
		if c.formula != nil {
			text, err := f.GetCellFormula(sf.sh.name, ref)
			if err != nil {
				return nil, fmt.Errorf("汇总模板 %s：%s 的公式无法读取：%v", name, at, err)
			}
			if m := regexp.MustCompile(`\bref="([^"]+)"`).FindSubmatch(c.formula); m != nil {
				a, b, _ := strings.Cut(string(m[1]), ":")
				_, r1, _ := excelize.CellNameToCoordinates(a)
				_, r2, _ := excelize.CellNameToCoordinates(b)
				if b != "" && (r1 != sf.row || r2 != sf.row) {
					return nil, fmt.Errorf("汇总模板 %s：%s 的共享公式或数组公式跨越重复行以外的行（%s）：请在表格程序中把它改为普通公式", name, at, m[1])
				}
			}
			sf.formulas[c.col] = text
			continue
		}
		text := fm.cellText(sf.sh, c)
		m := summaryIDToken.FindStringSubmatch(strings.TrimSpace(text))
		if m == nil || strings.TrimSpace(text) == FormUnitToken {
			continue
		}
		if !known[m[1]] {
			return nil, fmt.Errorf("汇总模板 %s：%s 的 %s 不是已知的指标编号", name, at, text)
		}
		sf.cols[c.col] = m[1]
		sf.percent[c.col] = formPercent(f, sf.sh.name, ref)
	}
	merges, _ := f.GetMergeCells(sf.sh.name)
	for _, mc := range merges {
		_, r1, _ := excelize.CellNameToCoordinates(mc.GetStartAxis())
		_, r2, _ := excelize.CellNameToCoordinates(mc.GetEndAxis())
		if r1 <= sf.row && sf.row <= r2 && r1 != r2 {
			return nil, fmt.Errorf("汇总模板 %s：重复行 %d 与上下行合并（%s:%s）：逐单位重复的行不能有跨行合并", name, sf.row, mc.GetStartAxis(), mc.GetEndAxis())
		}
	}
	return sf, nil
}

// Describe says, for validate, what the form repeats.
func (sf *SummaryForm) Describe() string {
	cols := make([]int, 0, len(sf.cols))
	for c := range sf.cols {
		cols = append(cols, c)
	}
	sort.Ints(cols)
	var ids []string
	for _, c := range cols {
		name, _ := excelize.ColumnNumberToName(c)
		ids = append(ids, name+"="+sf.cols[c])
	}
	return fmt.Sprintf("汇总表格 %s：工作表 %s 第 %d 行逐单位重复，指标列 %s", sf.Path, sf.sh.name, sf.row, strings.Join(ids, "，"))
}

// cellText is the text a cell holds ("" for numbers and formulas).
func (fm *Form) cellText(sh *formSheet, c formXMLCell) string {
	switch c.typ {
	case "s":
		if i, err := strconv.Atoi(strings.TrimSpace(c.value)); err == nil && i >= 0 && i < len(fm.sstItems) {
			return fm.sstItems[i]
		}
	case "inlineStr":
		return formInlineText(sh.data[c.start:c.end])
	}
	return ""
}

// Fill writes the summary form for the units at outPath.
func (sf *SummaryForm) Fill(outPath string, units []Unit, cat []mapping.Indicator, opts FormOptions) error {
	data, err := sf.FillBytes(units, cat, opts)
	if err != nil {
		return err
	}
	return WriteAtomic(outPath, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// FillBytes is Fill returning the package.
func (sf *SummaryForm) FillBytes(units []Unit, cat []mapping.Indicator, opts FormOptions) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("%s：填写汇总时出错（%v）", sf.Path, r)
		}
	}()
	fm := sf.fm
	n := max(len(units), 1)
	if sf.row+n-1 > excelize.TotalRows {
		return nil, fmt.Errorf("%s：单位过多，超出工作表行数", sf.Path)
	}
	s := formShift{sheet: sf.sh.name, row: sf.row, k: n - 1}
	byID := map[string]mapping.Indicator{}
	for _, ind := range cat {
		byID[ind.ID] = ind
	}
	date := opts.Date
	if date == "" {
		date = PeriodDate(firstPeriod(units))
	}
	// {单位} outside the repeated row has no one unit to stand for.
	pairs := []string{FormUnitToken, "", FormPeriodToken, PeriodLabel(firstPeriod(units)), FormDateToken, date}
	header := slices2(pairs)

	changed := map[string][]byte{}
	for _, sh := range fm.sheets {
		var b []byte
		if sh == sf.sh {
			b = sf.sheetXML(s, units, byID)
		} else {
			b = formShiftCells(sh, s)
		}
		x, err := scanSheetXML(b)
		if err != nil {
			return nil, fmt.Errorf("%s：%v", sf.Path, err)
		}
		b = applyEdits(b, x.tokenEdits(b, pairs, header))
		changed[sh.part] = b
	}
	if fm.sstData != nil {
		if edits := textEdits(fm.sstData, fm.sstTexts, pairs, pairs); len(edits) > 0 {
			changed[fm.sst] = applyEdits(fm.sstData, edits)
		}
	}
	wb, err := fm.read(fm.workbook)
	if err != nil {
		return nil, err
	}
	changed[fm.workbook] = formFullCalc([]byte(formShiftElements(wb, s, "", "definedName")))
	// The sheet's drawings, comments and tables, and every chart.
	for name, b := range sf.related(s) {
		changed[name] = b
	}
	// The calculation chain lists formula cells by position, which moved:
	// Excel repairs a workbook whose chain names a cell without a formula,
	// and rebuilds a missing chain itself.
	sf.dropCalcChain(changed)
	pkg, err := fm.repack(changed)
	if err != nil {
		return nil, err
	}
	// Cached results, computed on the expanded form.
	full, err := LoadForm(sf.Path, pkg, nil)
	if err != nil {
		return nil, err
	}
	return full.recalculated()
}

func firstPeriod(units []Unit) string {
	if len(units) > 0 {
		return units[0].Period
	}
	return ""
}

func slices2(pairs []string) []string {
	out := make([]string, len(pairs))
	for i, s := range pairs {
		if i%2 == 1 {
			s = strings.ReplaceAll(s, "&", "&&")
		}
		out[i] = s
	}
	return out
}

var (
	formRowAttrRE  = regexp.MustCompile(`\sr="[^"]*"`)
	formFContentRE = regexp.MustCompile(`(?s)(<(?:\w+:)?f(?:\s[^>]*[^/>])?>)(.*?)(</(?:\w+:)?f>)`)
	formFRefRE     = regexp.MustCompile(`(<(?:\w+:)?f\b[^>]*\sref=")([^"]*)(")`)
	formVRE        = regexp.MustCompile(`(?s)<(?:\w+:)?v>.*?</(?:\w+:)?v>|<(?:\w+:)?v/>`)
)

// setR sets the r attribute of an element's start tag.
func setR(tag, r string) string {
	if formRowAttrRE.MatchString(tag) {
		return formRowAttrRE.ReplaceAllLiteralString(tag, ` r="`+r+`"`)
	}
	i := strings.IndexAny(tag, " \t\n/>")
	if i < 0 {
		return tag + ` r="` + r + `"`
	}
	return tag[:i] + ` r="` + r + `"` + tag[i:]
}

// shiftCell rewrites a cell element: its position, its formula's
// references (formulas on home), and its cached value dropped when it has
// a formula (recomputed afterwards).
func shiftCell(raw string, col, row int, s formShift, home string, copy int) string {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	end := strings.IndexByte(raw, '>')
	if end < 0 {
		return raw
	}
	out := setR(raw[:end+1], ref) + raw[end+1:]
	if strings.HasSuffix(raw[:end+1], "/>") {
		out = setR(raw[:end-1], ref) + "/>"
		return out
	}
	if !formFContentRE.MatchString(out) && !formFRefRE.MatchString(out) {
		return out
	}
	out = formFContentRE.ReplaceAllStringFunc(out, func(m string) string {
		p := formFContentRE.FindStringSubmatch(m)
		text, ok := xmlText([]byte(p[2]))
		if !ok {
			return m
		}
		return p[1] + formEscape(s.formula(text, home, copy)) + p[3]
	})
	out = formFRefRE.ReplaceAllStringFunc(out, func(m string) string {
		p := formFRefRE.FindStringSubmatch(m)
		if copy > 0 {
			return m
		}
		return p[1] + s.sqref(p[2]) + p[3]
	})
	return formVRE.ReplaceAllString(out, "")
}

// formShiftCells rewrites the formulas of another sheet that refer to the
// repeated sheet.
func formShiftCells(sh *formSheet, s formShift) []byte {
	data := sh.data
	var edits []formXMLEdit
	for _, c := range sh.xml.cells {
		if c.formula == nil {
			continue
		}
		raw := string(data[c.start:c.end])
		if now := shiftCell(raw, c.col, c.row, s, sh.name, 0); now != raw {
			edits = append(edits, formXMLEdit{c.start, c.end, now})
		}
	}
	return applyEdits(data, edits)
}

// sheetXML writes the repeated sheet: rows above as they are (their
// formulas' references moved), the row once per unit, rows below moved
// down, and the sheet's merges, validations and conditional formats moved
// or grown.
func (sf *SummaryForm) sheetXML(s formShift, units []Unit, byID map[string]mapping.Indicator) []byte {
	sh, x := sf.sh, sf.sh.xml
	data := sh.data
	var b strings.Builder
	prefix := string(data[:x.dataStart])
	prefix = formShiftAttr(prefix, s, "dimension", "ref")
	b.WriteString(prefix)
	if x.dataSelfClosing {
		b.WriteString("<" + x.name("sheetData") + ">")
	}
	n := max(len(units), 1)
	rowTag := func(r formXMLRow, num int) string {
		tag := string(data[r.start:r.startEnd])
		if r.selfClosing {
			tag = strings.TrimSuffix(strings.TrimSuffix(tag, "/>"), " ") + ">"
		}
		return setR(tag, strconv.Itoa(num))
	}
	for _, r := range x.rows {
		switch {
		case r.row < s.row || r.row > s.row:
			num := r.row
			if r.row > s.row {
				num += s.k
			}
			b.WriteString(rowTag(r, num))
			for _, ci := range r.cells {
				c := x.cells[ci]
				b.WriteString(shiftCell(string(data[c.start:c.end]), c.col, num, s, sh.name, 0))
			}
			b.WriteString("</" + x.name("row") + ">")
		default:
			for i := 0; i < n; i++ {
				var u *Unit
				if i < len(units) {
					u = &units[i]
				}
				b.WriteString(rowTag(r, r.row+i))
				for _, ci := range r.cells {
					b.WriteString(sf.unitCell(x.cells[ci], r.row+i, i, u, byID, s))
				}
				b.WriteString("</" + x.name("row") + ">")
			}
		}
	}
	if x.dataSelfClosing {
		b.WriteString("</" + x.name("sheetData") + ">")
	}
	suffix := string(data[x.dataEnd:])
	suffix = sf.mergeCopies(suffix, s, n)
	for _, el := range []string{"conditionalFormatting", "dataValidation", "hyperlink", "protectedRange", "ignoredError"} {
		suffix = formShiftAttr(suffix, s, el, "sqref")
		suffix = formShiftAttr(suffix, s, el, "ref")
	}
	suffix = formShiftElements([]byte(suffix), s, sh.name, "formula", "formula1", "formula2")
	b.WriteString(suffix)
	return []byte(b.String())
}

// unitCell is the repeated row's cell c for unit u (nil: no unit, the
// row left blank) at row num, the i-th copy.
func (sf *SummaryForm) unitCell(c formXMLCell, num, i int, u *Unit, byID map[string]mapping.Indicator, s formShift) string {
	x := sf.sh.xml
	ref, _ := excelize.CoordinatesToCellName(c.col, num)
	style := formAttrValue(c.attrs, "s")
	sAttr := ""
	if style != "" {
		sAttr = ` s="` + style + `"`
	}
	empty := "<" + x.name("c") + ` r="` + ref + `"` + sAttr + "/>"
	if c.col == sf.unitCol {
		if u == nil {
			return empty
		}
		return "<" + x.name("c") + ` r="` + ref + `"` + sAttr + ` t="inlineStr"><` + x.name("is") + "><" + x.name("t") + ">" + formEscape(u.Name) + "</" + x.name("t") + "></" + x.name("is") + "></" + x.name("c") + ">"
	}
	if id, ok := sf.cols[c.col]; ok {
		if u == nil {
			return empty
		}
		for _, bd := range u.Bindings {
			if bd.ID != id {
				continue
			}
			ind := byID[id]
			v := bd.Value
			if ind.Scale > 0 {
				v /= ind.Scale
			}
			if sf.percent[c.col] && ind.Measure == "%" {
				v /= 100
			} else if sf.percent[c.col] && ind.Measure == "‰" {
				v /= 1000
			}
			return "<" + x.name("c") + ` r="` + ref + `"` + sAttr + "><" + x.name("v") + ">" + formNumber(v) + "</" + x.name("v") + "></" + x.name("c") + ">"
		}
		return empty
	}
	if f, ok := sf.formulas[c.col]; ok {
		text := s.inRow(f, sf.sh.name, i)
		return "<" + x.name("c") + ` r="` + ref + `"` + sAttr + "><" + x.name("f") + ">" + formEscape(text) + "</" + x.name("f") + "></" + x.name("c") + ">"
	}
	return shiftCell(string(sf.sh.data[c.start:c.end]), c.col, num, s, sf.sh.name, 0)
}

func formAttrValue(attrs []xml.Attr, name string) string {
	for _, a := range attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// mergeCopies moves the sheet's merges and repeats those of the row.
func (sf *SummaryForm) mergeCopies(suffix string, s formShift, n int) string {
	re := regexp.MustCompile(`<((?:\w+:)?)mergeCell\s+ref="([^"]+)"\s*/>`)
	extra := 0
	out := re.ReplaceAllStringFunc(suffix, func(m string) string {
		p := re.FindStringSubmatch(m)
		a, b, _ := strings.Cut(p[2], ":")
		c1, r1, err1 := excelize.CellNameToCoordinates(a)
		c2, r2, err2 := excelize.CellNameToCoordinates(b)
		if err1 != nil || err2 != nil {
			return m
		}
		if r1 == s.row && r2 == s.row {
			var all strings.Builder
			for i := 0; i < n; i++ {
				x1, _ := excelize.CoordinatesToCellName(c1, r1+i)
				x2, _ := excelize.CoordinatesToCellName(c2, r2+i)
				all.WriteString("<" + p[1] + `mergeCell ref="` + x1 + ":" + x2 + `"/>`)
			}
			extra += n - 1
			return all.String()
		}
		if r1 > s.row {
			x1, _ := excelize.CoordinatesToCellName(c1, r1+s.k)
			x2, _ := excelize.CoordinatesToCellName(c2, r2+s.k)
			return "<" + p[1] + `mergeCell ref="` + x1 + ":" + x2 + `"/>`
		}
		return m
	})
	if extra > 0 {
		cnt := regexp.MustCompile(`(<(?:\w+:)?mergeCells\b[^>]*\scount=")(\d+)(")`)
		out = cnt.ReplaceAllStringFunc(out, func(m string) string {
			p := cnt.FindStringSubmatch(m)
			v, _ := strconv.Atoi(p[2])
			return p[1] + strconv.Itoa(v+extra) + p[3]
		})
	}
	return out
}

// formShiftAttr moves the ranges in attribute attr of element el.
func formShiftAttr(text string, s formShift, el, attr string) string {
	re := regexp.MustCompile(`(<(?:\w+:)?` + el + `\b[^>]*?\s` + attr + `=")([^"]*)(")`)
	return re.ReplaceAllStringFunc(text, func(m string) string {
		p := re.FindStringSubmatch(m)
		return p[1] + s.sqref(p[2]) + p[3]
	})
}

// formShiftElements moves the references in the text of elements els
// (formulas written on sheet home; "" when each names its sheet).
func formShiftElements(data []byte, s formShift, home string, els ...string) string {
	return formShiftElementsWith(data, s.formula, home, els...)
}

// formShiftSeries moves a chart's series references: a series on the
// repeated row (one cell, as a one-row form plots it) grows over every
// unit's row, as a range does.
func formShiftSeries(data []byte, s formShift) string {
	return formShiftElementsWith(data, func(text, home string, _ int) string {
		return s.formulaWith(text, home, func(t string) string { return s.refs(t, home, 0, true, true) })
	}, "", "f")
}

func formShiftElementsWith(data []byte, formula func(text, home string, copy int) string, home string, els ...string) string {
	text := string(data)
	for _, el := range els {
		re := regexp.MustCompile(`(?s)(<(?:\w+:)?` + el + `(?:\s[^>]*[^/>])?>)(.*?)(</(?:\w+:)?` + el + `>)`)
		text = re.ReplaceAllStringFunc(text, func(m string) string {
			p := re.FindStringSubmatch(m)
			v, ok := xmlText([]byte(p[2]))
			if !ok {
				return m
			}
			now := formula(v, home, 0)
			if now == v {
				return m
			}
			return p[1] + formEscape(now) + p[3]
		})
	}
	return text
}

// related moves what belongs to the repeated sheet in other parts: picture
// and chart anchors, comments and their shapes, tables, and the series of
// every chart that plot the sheet.
func (sf *SummaryForm) related(s formShift) map[string][]byte {
	fm := sf.fm
	out := map[string][]byte{}
	relsPath := path.Join(path.Dir(sf.sh.part), "_rels", path.Base(sf.sh.part)+".rels")
	rels, _ := fm.read(relsPath)
	rowRE := regexp.MustCompile(`(<(?:\w+:)?row>)(\d+)(</(?:\w+:)?row>)`)
	zero := func(text string) string { // 0-based anchors
		return rowRE.ReplaceAllStringFunc(text, func(m string) string {
			p := rowRE.FindStringSubmatch(m)
			v, _ := strconv.Atoi(p[2])
			if v+1 > s.row {
				v += s.k
			}
			return p[1] + strconv.Itoa(v) + p[3]
		})
	}
	for _, r := range parseRels(rels) {
		if r.Mode == "External" {
			continue
		}
		part := relTarget(path.Dir(sf.sh.part), r.Target)
		b, err := fm.read(part)
		if err != nil {
			continue
		}
		text := string(b)
		switch {
		case strings.HasSuffix(r.Type, "/drawing"):
			text = zero(text)
		case strings.HasSuffix(r.Type, "/comments"):
			text = formShiftAttr(text, formShift{sheet: sf.sh.name, row: s.row, k: s.k}, "comment", "ref")
		case strings.HasSuffix(r.Type, "/vmlDrawing"):
			// Any prefix: Excel writes x:, others bind the namespace
			// to another (ns2:).
			vmlRow := regexp.MustCompile(`(<(?:\w+:)?Row>)(\d+)(</(?:\w+:)?Row>)`)
			text = vmlRow.ReplaceAllStringFunc(text, func(m string) string {
				p := vmlRow.FindStringSubmatch(m)
				v, _ := strconv.Atoi(p[2])
				if v+1 > s.row {
					v += s.k
				}
				return p[1] + strconv.Itoa(v) + p[3]
			})
			anchor := regexp.MustCompile(`(<(?:\w+:)?Anchor>)([^<]*)(</(?:\w+:)?Anchor>)`)
			text = anchor.ReplaceAllStringFunc(text, func(m string) string {
				p := anchor.FindStringSubmatch(m)
				parts := strings.Split(p[2], ",")
				if len(parts) != 8 {
					return m
				}
				for _, i := range []int{2, 6} {
					v, err := strconv.Atoi(strings.TrimSpace(parts[i]))
					if err == nil && v+1 > s.row {
						parts[i] = " " + strconv.Itoa(v+s.k)
					}
				}
				return p[1] + strings.Join(parts, ",") + p[3]
			})
		case strings.HasSuffix(r.Type, "/table"):
			text = formShiftAttr(text, s, "table", "ref")
			text = formShiftAttr(text, s, "autoFilter", "ref")
		default:
			continue
		}
		if text != string(b) {
			out[part] = []byte(text)
		}
	}
	for name := range fm.parts {
		if !strings.HasPrefix(name, "xl/charts/chart") || !strings.HasSuffix(name, ".xml") {
			continue
		}
		b, err := fm.read(name)
		if err != nil {
			continue
		}
		if now := formShiftSeries(b, s); now != string(b) {
			out[name] = []byte(now)
		}
	}
	return out
}

// recalculated computes every formula's cached result and sets full
// calculation on load.
func (fm *Form) recalculated() ([]byte, error) {
	changed := map[string][]byte{}
	if fm.formulas > 0 {
		results, err := fm.calculate(nil, strings.NewReplacer())
		if err != nil {
			return nil, err
		}
		for sh, vals := range results {
			changed[sh.part] = applyEdits(sh.data, sh.xml.edits(sh.data, vals))
		}
	}
	wb, err := fm.read(fm.workbook)
	if err != nil {
		return nil, err
	}
	changed[fm.workbook] = formFullCalc(wb)
	return fm.repack(changed)
}

// dropCalcChain removes xl/calcChain.xml with its relationship and
// content type (a nil entry in changed drops the part).
func (sf *SummaryForm) dropCalcChain(changed map[string][]byte) {
	fm := sf.fm
	relsPath := path.Join(path.Dir(fm.workbook), "_rels", path.Base(fm.workbook)+".rels")
	rels, err := fm.read(relsPath)
	if err != nil {
		return
	}
	for _, r := range parseRels(rels) {
		if !strings.HasSuffix(r.Type, "/calcChain") {
			continue
		}
		part := relTarget(path.Dir(fm.workbook), r.Target)
		changed[part] = nil
		re := regexp.MustCompile(`<Relationship\b[^>]*\bId="` + regexp.QuoteMeta(r.ID) + `"[^>]*/>`)
		changed[relsPath] = re.ReplaceAll(rels, nil)
		if ct, err := fm.read("[Content_Types].xml"); err == nil {
			re := regexp.MustCompile(`<Override\b[^>]*PartName="/` + regexp.QuoteMeta(part) + `"[^>]*/>`)
			changed["[Content_Types].xml"] = re.ReplaceAll(ct, nil)
		}
	}
}
