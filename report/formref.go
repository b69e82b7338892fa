package report

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// References in formulas, ranges and anchors move when a summary form's
// repeating row becomes one row per unit: as when Excel inserts rows,
// everything below the row moves down, and a range that reaches the row
// (SUM(C5:C5) under a one-row area, or C5:C9 over it) grows to cover every
// unit's row, as JXLS and xlfill extend formulas over a repeated area.

// formShift moves references to a sheet's rows: rows after row move down
// by k, and ranges reaching row grow by k.
type formShift struct {
	sheet string
	row   int
	k     int
}

var formRefRE = regexp.MustCompile(`(?:('(?:[^']|'')+'|[^\s'!(),;:+\-*/&=<>^%"{}\[\]]+)!)?(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+))?`)

// formula rewrites the references of formula text (no leading =) written
// on sheet home: references to s.sheet move; copy, when above 0, instead
// moves every relative row reference by copy (the formula copied copy
// rows down, as Excel's fill-down does).
func (s formShift) formula(text, home string, copy int) string {
	return s.formulaWith(text, home, func(t string) string { return s.refs(t, home, copy, false, true) })
}

// inRow rewrites a formula of the repeated row for its i-th copy: rows
// below the row move as everything below does (the 合计 row a share is
// taken of), then relative rows move by i; references to the row itself
// do not grow.
func (s formShift) inRow(text, home string, i int) string {
	moved := s.formulaWith(text, home, func(t string) string { return s.refs(t, home, 0, false, false) })
	if i == 0 {
		return moved
	}
	return s.formulaWith(moved, home, func(t string) string { return s.refs(t, home, i, false, false) })
}

func (s formShift) formulaWith(text, home string, refs func(string) string) string {
	var b strings.Builder
	// String literals ("…", with "" inside) hold no references.
	for i := 0; i < len(text); {
		q := strings.IndexByte(text[i:], '"')
		if q < 0 {
			b.WriteString(refs(text[i:]))
			break
		}
		b.WriteString(refs(text[i : i+q]))
		j := i + q + 1
		for j < len(text) {
			if text[j] == '"' {
				if j+1 < len(text) && text[j+1] == '"' {
					j += 2
					continue
				}
				break
			}
			j++
		}
		end := min(j+1, len(text))
		b.WriteString(text[i+q : end])
		i = end
	}
	return b.String()
}

// sqref rewrites a space-separated list of ranges on s.sheet (merges,
// validations, conditional formats): a single cell on the row grows too.
func (s formShift) sqref(list string) string {
	return s.refs(list, s.sheet, 0, true, true)
}

// refs moves the references of text without string literals; grow: a
// range reaching the row grows over the copies (single: a single cell on
// the row too).
func (s formShift) refs(text, home string, copy int, single, grow bool) string {
	ms := formRefRE.FindAllStringSubmatchIndex(text, -1)
	if ms == nil {
		return text
	}
	var b strings.Builder
	at := 0
	for _, m := range ms {
		start, end := m[0], m[1]
		if start > 0 {
			if c := text[start-1]; isRefChar(c) || c == '$' || c == '.' {
				continue
			}
		}
		if end < len(text) {
			if c := text[end]; isRefChar(c) || c == '(' || c == '!' {
				continue
			}
		}
		sheet := home
		if m[2] >= 0 {
			sheet = unquoteRefSheet(text[m[2]:m[3]])
		}
		if !strings.EqualFold(sheet, s.sheet) {
			continue
		}
		get := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[m[2*i]:m[2*i+1]]
		}
		if _, err := excelize.ColumnNameToNumber(get(3)); err != nil {
			continue
		}
		r1, _ := strconv.Atoi(get(5))
		abs1 := get(4) == "$"
		hasRange := m[18] >= 0
		r2, abs2 := r1, abs1
		if hasRange {
			r2, _ = strconv.Atoi(get(9))
			abs2 = get(8) == "$"
		}
		n1, n2 := r1, r2
		switch {
		case copy > 0:
			if !abs1 {
				n1 += copy
			}
			if !abs2 {
				n2 += copy
			}
		default:
			lo, hi := min(r1, r2), max(r1, r2)
			if lo > s.row {
				n1, n2 = r1+s.k, r2+s.k
			} else if grow && hi >= s.row && (hasRange || single) {
				// The range reaches the row: it grows over the copies.
				if r2 >= r1 {
					n2 = r2 + s.k
				} else {
					n1 = r1 + s.k
				}
				hasRange = true
			}
		}
		if n1 == r1 && n2 == r2 && hasRange == (m[18] >= 0) {
			continue
		}
		if n1 < 1 || n2 < 1 || n1 > excelize.TotalRows || n2 > excelize.TotalRows {
			continue // off the sheet: left as written, Excel shows #REF!
		}
		b.WriteString(text[at:start])
		if m[2] >= 0 {
			b.WriteString(text[m[2]:m[3]] + "!")
		}
		b.WriteString(get(2) + get(3) + get(4) + strconv.Itoa(n1))
		if hasRange {
			c2, d2 := get(7), get(6)
			if m[18] < 0 {
				c2, d2 = get(3), get(2)
				abs2 = abs1
			}
			dollar := ""
			if abs2 {
				dollar = "$"
			}
			b.WriteString(":" + d2 + c2 + dollar + strconv.Itoa(n2))
		}
		at = end
	}
	b.WriteString(text[at:])
	return b.String()
}

func isRefChar(c byte) bool {
	return c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80
}

func unquoteRefSheet(s string) string {
	if len(s) >= 2 && s[0] == '\'' && s[len(s)-1] == '\'' {
		return strings.ReplaceAll(s[1:len(s)-1], "''", "'")
	}
	return s
}
