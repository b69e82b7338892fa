package mapping

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Placement is where a user's form (the province's .xlsx) takes each
// indicator.
type Placement struct {
	// Cells: indicator id -> the cell its value is written into.
	Cells map[string]Cell
	// Missing are indicators the form has no cell for: their target is the
	// catalogue's default (a defined name equal to the id) and the form has
	// no such name. They are bound and listed in run.json, not placed.
	Missing []string
	// Off are indicators whose target is switched off (target: off).
	Off []string
}

// FormTargets resolves every indicator's target in a user's form and
// refuses each binding that would damage it: a formula cell, a merged cell
// other than its range's top-left one, a cell holding text (a label), a
// cell whose validation list accepts no number, a cell outside the sheet,
// two indicators on one cell (c7, C7, $C$7 and a defined name are one
// cell). Problems carry the mapping file and line and the sheet and cell.
// The form is only read.
func (s *Set) FormTargets(f *excelize.File) (pl *Placement, err error) {
	var ps Problems
	defer func() {
		// excelize reads outside input: a crash on a malformed form is a
		// refusal with the form named, never a stop.
		if r := recover(); r != nil {
			ps.addf("", 0, "模板无法读取（文件结构异常：%v）", r)
			pl, err = nil, &ps
		}
	}()
	sheets := sheetNames(f)
	names := f.GetDefinedName()
	pl = &Placement{Cells: map[string]Cell{}}
	owner := map[Cell]string{}
	fc := newFormChecker(f)
	for _, ind := range s.Indicators {
		if ind.Off() {
			pl.Off = append(pl.Off, ind.ID)
			continue
		}
		at := s.fieldPos(ind.ID, "target")
		if strings.EqualFold(ind.Target, ind.ID) {
			if _, ok := findName(names, ind.Target); !ok {
				pl.Missing = append(pl.Missing, ind.ID)
				continue
			}
		}
		c, ok := s.resolve(ind, at, sheets, names, &ps)
		if !ok {
			continue
		}
		if other, taken := owner[c]; taken {
			op := s.fieldPos(other, "target")
			ps.addCell(at, c, "指标 %s 与指标 %s（%s:%d）的目标是同一个单元格 %s：一个单元格只能填一个指标", ind.ID, other, op.File, op.Line, c)
			continue
		}
		if msg := fc.damage(c); msg != "" {
			ps.addCell(at, c, "指标 %s 的目标 %s（%s）%s", ind.ID, c, ind.Target, msg)
			continue
		}
		owner[c] = ind.ID
		pl.Cells[ind.ID] = c
	}
	return pl, ps.err()
}

// formChecker reads what a form has at a cell, sheet by sheet, once.
type formChecker struct {
	f           *excelize.File
	merges      map[string][]excelize.MergeCell
	validations map[string][]*excelize.DataValidation
}

func newFormChecker(f *excelize.File) *formChecker {
	return &formChecker{f: f, merges: map[string][]excelize.MergeCell{}, validations: map[string][]*excelize.DataValidation{}}
}

// damage says why writing a number into c would damage the form, "" when
// it would not.
func (fc *formChecker) damage(c Cell) string {
	col, row, err := excelize.CellNameToCoordinates(c.Ref)
	if err != nil {
		return "不在工作表范围内"
	}
	if col > excelize.MaxColumns || row > excelize.TotalRows {
		return "不在工作表范围内"
	}
	if formula, err := fc.f.GetCellFormula(c.Sheet, c.Ref); err != nil {
		return "无法读取：" + err.Error()
	} else if formula != "" {
		return fmt.Sprintf("是公式单元格（=%s），填入数值会替换公式", formula)
	}
	ms, ok := fc.merges[c.Sheet]
	if !ok {
		ms, _ = fc.f.GetMergeCells(c.Sheet)
		fc.merges[c.Sheet] = ms
	}
	for _, m := range ms {
		if in, anchor := inRange(m.GetStartAxis(), m.GetEndAxis(), col, row); in && !anchor {
			return fmt.Sprintf("位于合并区域 %s:%s 中，不是其左上角单元格 %s：填入的数值不会显示，并会破坏合并区域", m.GetStartAxis(), m.GetEndAxis(), m.GetStartAxis())
		}
	}
	typ, _ := fc.f.GetCellType(c.Sheet, c.Ref)
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		if v, _ := fc.f.GetCellValue(c.Sheet, c.Ref); strings.TrimSpace(v) != "" {
			return fmt.Sprintf("已有文字「%s」（标签单元格），填入数值会覆盖它", clip(v))
		}
	}
	dvs, ok := fc.validations[c.Sheet]
	if !ok {
		dvs, _ = fc.f.GetDataValidations(c.Sheet)
		fc.validations[c.Sheet] = dvs
	}
	for _, dv := range dvs {
		if dv == nil || dv.Type != "list" || !sqrefHas(dv.Sqref, col, row) {
			continue
		}
		items, known := fc.listItems(c.Sheet, dv.Formula1)
		if !known {
			continue
		}
		numeric := false
		for _, it := range items {
			if _, err := strconv.ParseFloat(strings.TrimSpace(it), 64); err == nil {
				numeric = true
				break
			}
		}
		if !numeric {
			return fmt.Sprintf("有下拉列表校验（%s），不接受数值", clip(strings.Join(items, "、")))
		}
	}
	return ""
}

// listItems reads a list validation's choices: a literal list ("a,b") or
// a range on the form; known is false for what cannot be read (a formula).
func (fc *formChecker) listItems(sheet, formula string) (items []string, known bool) {
	// excelize gives the formula as the XML spells it (openpyxl writes
	// characters as references: &#24050;…).
	formula = strings.TrimPrefix(strings.TrimSpace(html.UnescapeString(formula)), "=")
	if strings.HasPrefix(formula, `"`) && strings.HasSuffix(formula, `"`) && len(formula) >= 2 {
		return strings.Split(strings.ReplaceAll(formula[1:len(formula)-1], `""`, `"`), ","), true
	}
	sh, ref := sheet, formula
	if i := strings.LastIndex(formula, "!"); i >= 0 {
		sh, ref = unquoteSheet(formula[:i]), formula[i+1:]
	}
	a, b, _ := strings.Cut(normRef(ref), ":")
	if b == "" {
		b = a
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil || (c2-c1+1)*(r2-r1+1) > 10000 {
		return nil, false
	}
	for r := r1; r <= r2; r++ {
		for c := c1; c <= c2; c++ {
			name, _ := excelize.CoordinatesToCellName(c, r)
			v, err := fc.f.GetCellValue(sh, name)
			if err != nil {
				return nil, false
			}
			if v != "" {
				items = append(items, v)
			}
		}
	}
	return items, true
}

// inRange says whether (col,row) is in the range a:b, and whether it is
// the range's top-left cell.
func inRange(a, b string, col, row int) (in, anchor bool) {
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return false, false
	}
	c1, c2 = min(c1, c2), max(c1, c2)
	r1, r2 = min(r1, r2), max(r1, r2)
	in = col >= c1 && col <= c2 && row >= r1 && row <= r2
	return in, in && col == c1 && row == r1
}

// sqrefHas says whether a space-separated list of ranges holds the cell.
func sqrefHas(sqref string, col, row int) bool {
	for _, part := range strings.Fields(sqref) {
		a, b, _ := strings.Cut(normRef(part), ":")
		if b == "" {
			b = a
		}
		if in, _ := inRange(a, b, col, row); in {
			return true
		}
	}
	return false
}

func clip(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}
