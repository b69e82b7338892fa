package mapping

import (
	"strings"

	"github.com/xuri/excelize/v2"
)

// Cell is one cell of the template: a sheet name and an A1 reference.
type Cell struct {
	Sheet, Ref string
}

func (c Cell) String() string { return c.Sheet + "!" + c.Ref }

// Validate checks every indicator's target against the template: defined
// names that do not exist, unknown sheets, invalid cell references and two
// indicators on one cell. It returns a *Problems or nil. The template is
// only read.
func (s *Set) Validate(templatePath string) error {
	_, err := s.Targets(templatePath)
	return err
}

// Targets resolves every indicator's target to its cell in the template at
// templatePath (id -> cell). On any problem it returns *Problems, and the
// map holds the targets that did resolve.
func (s *Set) Targets(templatePath string) (map[string]Cell, error) {
	f, err := excelize.OpenFile(templatePath)
	if err != nil {
		ps := &Problems{}
		ps.addf(templatePath, 0, "无法打开模板：%v", err)
		return nil, ps
	}
	defer f.Close()
	return s.TargetsIn(f)
}

// TargetsIn is Targets over a workbook already open, such as the copy of
// the template a workbook writer is filling.
func (s *Set) TargetsIn(f *excelize.File) (map[string]Cell, error) {
	sheets := sheetNames(f)
	names := f.GetDefinedName()
	var ps Problems
	out := make(map[string]Cell, len(s.Indicators))
	owner := map[Cell]string{} // cell -> id of the first indicator on it
	for _, ind := range s.Indicators {
		if ind.Off() {
			continue
		}
		at := s.fieldPos(ind.ID, "target")
		c, ok := s.resolve(ind, at, sheets, names, &ps)
		if !ok {
			continue
		}
		if other, taken := owner[c]; taken {
			op := s.fieldPos(other, "target")
			ps.addCell(at, c, "指标 %s 与指标 %s（%s:%d）的目标是同一个单元格 %s", ind.ID, other, op.File, op.Line, c)
			continue
		}
		owner[c] = ind.ID
		out[ind.ID] = c
	}
	return out, ps.err()
}

// resolve turns one target into a cell, reporting why it cannot.
func (s *Set) resolve(ind Indicator, at pos, sheets map[string]string, names []excelize.DefinedName, ps *Problems) (Cell, bool) {
	t := ind.Target
	if i := strings.LastIndex(t, "!"); i >= 0 {
		c := Cell{Sheet: unquoteSheet(t[:i]), Ref: normRef(t[i+1:])}
		if name, ok := sheets[strings.ToLower(c.Sheet)]; ok {
			c.Sheet = name
		} else {
			ps.addCell(at, c, "指标 %s 的目标 %s：工作表「%s」在模板中不存在", ind.ID, t, c.Sheet)
			return c, false
		}
		if !validCell(c.Ref) {
			ps.addCell(at, c, "指标 %s 的目标单元格 %s 不是有效的单元格地址", ind.ID, t)
			return c, false
		}
		return c, true
	}
	if validCell(strings.ReplaceAll(t, "$", "")) {
		ps.addf(at.File, at.Line, "指标 %s 的目标「%s」缺少工作表名，应写作 工作表!%s", ind.ID, t, t)
		return Cell{}, false
	}
	dn, ok := findName(names, t)
	if !ok {
		ps.addf(at.File, at.Line, "指标 %s 的目标名称「%s」在模板中不存在", ind.ID, t)
		return Cell{}, false
	}
	ref := strings.TrimPrefix(strings.TrimSpace(dn.RefersTo), "=")
	i := strings.LastIndex(ref, "!")
	if i < 0 || strings.Contains(ref, "#REF!") {
		ps.addf(at.File, at.Line, "指标 %s 的目标名称「%s」没有指向单元格（%s）", ind.ID, t, dn.RefersTo)
		return Cell{}, false
	}
	c := Cell{Sheet: unquoteSheet(ref[:i]), Ref: normRef(ref[i+1:])}
	// A one-cell range (C5:C5) is still one cell.
	if a, b, isRange := strings.Cut(c.Ref, ":"); isRange {
		if a != b {
			ps.addCell(at, c, "指标 %s 的目标名称「%s」指向区域 %s，而不是单个单元格", ind.ID, t, c)
			return c, false
		}
		c.Ref = a
	}
	if name, ok := sheets[strings.ToLower(c.Sheet)]; ok {
		c.Sheet = name
	} else {
		ps.addCell(at, c, "指标 %s 的目标名称「%s」指向的工作表「%s」在模板中不存在", ind.ID, t, c.Sheet)
		return c, false
	}
	if !validCell(c.Ref) {
		ps.addCell(at, c, "指标 %s 的目标名称「%s」指向的单元格 %s 无效", ind.ID, t, c)
		return c, false
	}
	return c, true
}

// findName looks a defined name up as Excel does (case-insensitively),
// preferring a workbook-level name to a sheet-level one; a sheet-level name
// is used only when it is the only one so named.
func findName(names []excelize.DefinedName, name string) (excelize.DefinedName, bool) {
	var local []excelize.DefinedName
	for _, dn := range names {
		if !strings.EqualFold(dn.Name, name) {
			continue
		}
		if dn.Scope == "Workbook" || dn.Scope == "" {
			return dn, true
		}
		local = append(local, dn)
	}
	if len(local) == 1 {
		return local[0], true
	}
	return excelize.DefinedName{}, false
}

func unquoteSheet(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		s = strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	return s
}

// sheetNames maps each sheet's name, lower-cased, to the name itself:
// Excel compares sheet names without case, so 'sheet1'!C7 is Sheet1!C7.
func sheetNames(f *excelize.File) map[string]string {
	out := map[string]string{}
	for _, name := range f.GetSheetList() {
		out[strings.ToLower(name)] = name
	}
	return out
}

// normRef spells a cell reference one way: c7, C7 and $C$7 are one cell,
// so two bindings to it are found however each was written.
func normRef(ref string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(ref), "$", ""))
}

func validCell(ref string) bool {
	if ref == "" {
		return false
	}
	_, _, err := excelize.CellNameToCoordinates(ref)
	return err == nil
}
