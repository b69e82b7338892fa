package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A user's form is filled by editing its sheet XML in place: only the
// <c> elements of bound cells (and the text of token cells) change, every
// other byte of the part stays as the form's author saved it. excelize's
// model would rewrite styles, number formats and colours on saving, which
// is what broke province forms (see the issue 10 notes in README).

// formXMLCell is one <c> element of a sheet part, by byte offsets.
type formXMLCell struct {
	col, row   int
	start, end int // the whole element
	attrs      []xml.Attr
	formula    []byte // the raw <f>…</f> (or <f …/>) element, nil when none
	value      string // the raw text of <v>, "" when none
	typ        string // the t attribute
}

// formXMLRow is one <row> element.
type formXMLRow struct {
	row         int
	start       int // of the start tag
	startEnd    int // just after the start tag
	end         int // just after the element
	selfClosing bool
	style       int // s, when customFormat is set
	cells       []int
}

// formXMLSheet is what a filler needs to know of a sheet part: where its
// rows and cells are, and where text may hold tokens.
type formXMLSheet struct {
	prefix string // the namespace prefix of its elements ("" mostly, "x" from some writers)
	// dataStart is just after <sheetData>; dataEnd is the start of
	// </sheetData> (both the span of <sheetData/> when self-closing).
	dataStart, dataEnd int
	dataSelfClosing    bool
	rows               []formXMLRow
	cells              []formXMLCell
	byCell             map[[2]int]int // (col,row) -> index in cells
	colStyle           []formXMLColStyle
	// texts are spans of text that may hold tokens: inline strings and
	// header/footer text (headers need & doubled).
	texts []formXMLText
}

type formXMLColStyle struct{ min, max, style int }

type formXMLText struct {
	start, end int
	header     bool
	group      int // spans of one string (the runs of a rich text)
}

// formMaxDepth bounds element nesting: a crafted part must not make the
// scanner (or excelize after it) recurse without end.
const formMaxDepth = 64

// scanSheetXML reads a worksheet part.
func scanSheetXML(data []byte) (*formXMLSheet, error) {
	s := &formXMLSheet{byCell: map[[2]int]int{}, dataStart: -1}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	var stack []string
	var cur *formXMLCell
	var curRow = -1
	lastRow, lastCol := 0, 0
	inV, inF := false, false
	fStart := 0
	var vText strings.Builder
	headerStart := -1
	inlineT := -1
	dataClosed := false
	for {
		off := int(d.InputOffset())
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		after := int(d.InputOffset())
		switch t := tok.(type) {
		case xml.StartElement:
			selfClosing := after >= 2 && after <= len(data) && string(data[after-2:after]) == "/>"
			stack = append(stack, t.Name.Local)
			if len(stack) > formMaxDepth {
				return nil, errors.New("元素嵌套过深")
			}
			switch t.Name.Local {
			case "sheetData":
				s.prefix = t.Name.Space
				s.dataStart, s.dataEnd, s.dataSelfClosing = after, after, selfClosing
				if selfClosing {
					s.dataStart = off
				}
			case "row":
				r := formXMLRow{start: off, startEnd: after, selfClosing: selfClosing, row: lastRow + 1, style: -1}
				custom := false
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						if n, err := strconv.Atoi(a.Value); err == nil && n > 0 {
							r.row = n
						}
					case "s":
						if n, err := strconv.Atoi(a.Value); err == nil {
							r.style = n
						}
					case "customFormat":
						custom = a.Value == "1" || a.Value == "true"
					}
				}
				if !custom {
					r.style = -1
				}
				if r.row > excelize.TotalRows {
					return nil, fmt.Errorf("行号 %d 超出范围", r.row)
				}
				lastRow, lastCol = r.row, 0
				s.rows = append(s.rows, r)
				curRow = len(s.rows) - 1
				if selfClosing {
					s.rows[curRow].end = after
				}
			case "c":
				c := formXMLCell{start: off, col: lastCol + 1, row: lastRow, attrs: t.Attr}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "r":
						col, row, err := excelize.CellNameToCoordinates(a.Value)
						if err != nil {
							return nil, fmt.Errorf("单元格地址 %q 无效", a.Value)
						}
						c.col, c.row = col, row
					case "t":
						c.typ = a.Value
					}
				}
				if c.row == 0 {
					c.row = 1
				}
				lastCol = c.col
				s.cells = append(s.cells, c)
				cur = &s.cells[len(s.cells)-1]
				if curRow >= 0 {
					s.rows[curRow].cells = append(s.rows[curRow].cells, len(s.cells)-1)
				}
				if selfClosing {
					cur.end = after
				}
			case "f":
				if cur != nil {
					inF, fStart = true, off
					if selfClosing {
						cur.formula = data[off:after]
					}
				}
			case "v":
				if cur != nil {
					inV = true
					vText.Reset()
				}
			case "rPh":
				inlineT = -1
			case "t":
				// RawToken does not match end tags to start tags, so a damaged
				// part can leave <t> with no parent on the stack.
				inPhonetic := len(stack) >= 2 && stack[len(stack)-2] == "rPh"
				if cur != nil && cur.typ == "inlineStr" && !inPhonetic {
					inlineT = after
					if selfClosing {
						inlineT = -1
					}
				}
			case "oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter":
				headerStart = after
				if selfClosing {
					headerStart = -1
				}
			case "col":
				var cs formXMLColStyle
				for _, a := range t.Attr {
					n, _ := strconv.Atoi(a.Value)
					switch a.Name.Local {
					case "min":
						cs.min = n
					case "max":
						cs.max = n
					case "style":
						cs.style = n
					}
				}
				if cs.style > 0 {
					s.colStyle = append(s.colStyle, cs)
				}
			}
		case xml.EndElement:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			switch t.Name.Local {
			case "sheetData":
				if !s.dataSelfClosing {
					s.dataEnd = off
					dataClosed = true
				}
			case "row":
				if curRow >= 0 && s.rows[curRow].end == 0 {
					s.rows[curRow].end = after
				}
				curRow = -1
			case "c":
				if cur != nil {
					if cur.end == 0 {
						cur.end = after
					}
					cur = nil
				}
			case "f":
				if inF && cur != nil && cur.formula == nil {
					cur.formula = data[fStart:after]
				}
				inF = false
			case "v":
				if inV && cur != nil {
					cur.value = vText.String()
				}
				inV = false
			case "t":
				if inlineT >= 0 {
					s.texts = append(s.texts, formXMLText{start: inlineT, end: off, group: len(s.cells)})
				}
				inlineT = -1
			case "oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter":
				if headerStart >= 0 {
					s.texts = append(s.texts, formXMLText{start: headerStart, end: off, header: true, group: -len(s.texts) - 1})
				}
				headerStart = -1
			}
		case xml.CharData:
			if inV {
				vText.Write(t)
			}
		}
	}
	if s.dataStart < 0 {
		return nil, errors.New("缺少 sheetData")
	}
	// The decoder is lenient: a sheetData never closed, or a cell outside
	// it, is a damaged part whose edits would cut the sheetData away.
	if !s.dataSelfClosing && !dataClosed {
		return nil, errors.New("sheetData 元素不完整")
	}
	for i, c := range s.cells {
		if c.end == 0 {
			return nil, errors.New("单元格元素不完整")
		}
		if c.start < s.dataStart || c.end > s.dataEnd {
			return nil, errors.New("单元格不在 sheetData 中")
		}
		s.byCell[[2]int{c.col, c.row}] = i
	}
	for _, r := range s.rows {
		if r.end == 0 {
			return nil, errors.New("行元素不完整")
		}
		if r.start < s.dataStart || r.end > s.dataEnd {
			return nil, errors.New("行不在 sheetData 中")
		}
	}
	return s, nil
}

// styleAt is the style a new cell at (col,row) takes, as spreadsheet
// programs show it: the row's when the row has one, else the column's.
func (s *formXMLSheet) styleAt(col, row int) int {
	for _, r := range s.rows {
		if r.row == row && r.style >= 0 {
			return r.style
		}
	}
	for _, cs := range s.colStyle {
		if col >= cs.min && col <= cs.max {
			return cs.style
		}
	}
	return 0
}

// formXMLEdit replaces data[start:end] with text.
type formXMLEdit struct {
	start, end int
	text       string
}

// sortEdits puts edits in the order they apply. Insertions at a cell's
// start go before the cell's own replacement.
func sortEdits(edits []formXMLEdit) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		return edits[i].end-edits[i].start < edits[j].end-edits[j].start
	})
}

func applyEdits(data []byte, edits []formXMLEdit) []byte {
	sortEdits(edits)
	size := len(data)
	for _, e := range edits {
		size += len(e.text) - (e.end - e.start)
	}
	var out bytes.Buffer
	out.Grow(max(size, 0))
	at := 0
	for _, e := range edits {
		if e.start < at { // overlapping: never made by the filler
			continue
		}
		out.Write(data[at:e.start])
		out.WriteString(e.text)
		at = e.end
	}
	out.Write(data[at:])
	return out.Bytes()
}

// formXMLValue is what a cell receives: a number, or a formula's cached
// result (number, text, boolean or error).
type formXMLValue struct {
	typ  string // "" number, "str", "b", "e"
	text string // the <v> text
}

func formEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func (s *formXMLSheet) name(local string) string {
	if s.prefix == "" {
		return local
	}
	return s.prefix + ":" + local
}

// cellXML writes a <c> element. attrs are the element's own attributes
// (r and s kept; t, and metadata that no longer applies, dropped); formula
// is kept raw.
func (s *formXMLSheet) cellXML(ref string, attrs []xml.Attr, style int, formula []byte, v formXMLValue) string {
	var b strings.Builder
	b.WriteString("<" + s.name("c"))
	wroteR, wroteS := false, false
	for _, a := range attrs {
		switch a.Name.Local {
		case "t", "cm", "vm":
			continue
		case "r":
			wroteR = true
		case "s":
			wroteS = true
		}
		name := a.Name.Local
		if a.Name.Space != "" {
			name = a.Name.Space + ":" + name
		}
		b.WriteString(" " + name + `="` + formEscapeAttr(a.Value) + `"`)
	}
	if !wroteR {
		// A cell written without r, as some writers do: say where it is,
		// which is allowed and what the value refers to.
		b.WriteString(` r="` + ref + `"`)
	}
	if !wroteS && style > 0 {
		b.WriteString(` s="` + strconv.Itoa(style) + `"`)
	}
	if v.typ != "" {
		b.WriteString(` t="` + v.typ + `"`)
	}
	b.WriteString(">")
	b.Write(formula)
	b.WriteString("<" + s.name("v") + ">" + formEscape(v.text) + "</" + s.name("v") + ">")
	b.WriteString("</" + s.name("c") + ">")
	return b.String()
}

func formEscapeAttr(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", `"`, "&quot;", "\n", "&#xA;", "\t", "&#x9;", "\r", "&#xD;").Replace(s)
}

// edits returns the edits that write values (col,row -> value) into new or
// existing cells and replace cached results of formula cells (results,
// keyed the same way, for cells that hold formulas).
func (s *formXMLSheet) edits(data []byte, values map[[2]int]formXMLValue) []formXMLEdit {
	var edits []formXMLEdit
	missing := map[int][]int{} // row -> columns of new cells
	for k, v := range values {
		ref, _ := excelize.CoordinatesToCellName(k[0], k[1])
		if i, ok := s.byCell[k]; ok {
			c := s.cells[i]
			edits = append(edits, formXMLEdit{c.start, c.end, s.cellXML(ref, c.attrs, 0, c.formula, v)})
			continue
		}
		missing[k[1]] = append(missing[k[1]], k[0])
	}
	rows := make([]int, 0, len(missing))
	for r := range missing {
		rows = append(rows, r)
	}
	sort.Ints(rows)
	var newRows strings.Builder // rows to add at one point
	flushAt := -1
	flush := func() {
		if newRows.Len() == 0 {
			return
		}
		edits = append(edits, formXMLEdit{flushAt, flushAt, newRows.String()})
		newRows.Reset()
	}
	for _, r := range rows {
		cols := missing[r]
		sort.Ints(cols)
		cellText := func(col int) string {
			ref, _ := excelize.CoordinatesToCellName(col, r)
			return s.cellXML(ref, nil, s.styleAt(col, r), nil, values[[2]int{col, r}])
		}
		ri := -1
		for i := range s.rows {
			if s.rows[i].row == r {
				ri = i
				break
			}
		}
		if ri >= 0 {
			row := s.rows[ri]
			if row.selfClosing {
				var b strings.Builder
				tag := string(data[row.start:row.startEnd])
				b.WriteString(strings.TrimSuffix(strings.TrimSuffix(tag, "/>"), " ") + ">")
				for _, col := range cols {
					b.WriteString(cellText(col))
				}
				b.WriteString("</" + s.name("row") + ">")
				edits = append(edits, formXMLEdit{row.start, row.end, b.String()})
				continue
			}
			// Before the first cell to the right, else before </row>.
			for _, col := range cols {
				at := -1
				for _, ci := range row.cells {
					if s.cells[ci].col > col {
						at = s.cells[ci].start
						break
					}
				}
				if at < 0 {
					at = bytes.LastIndex(data[:row.end], []byte("</"))
				}
				edits = append(edits, formXMLEdit{at, at, cellText(col)})
			}
			continue
		}
		// A new row, before the first row below it.
		at := s.dataEnd
		for _, row := range s.rows {
			if row.row > r {
				at = row.start
				break
			}
		}
		if at != flushAt {
			flush()
			flushAt = at
		}
		newRows.WriteString("<" + s.name("row") + ` r="` + strconv.Itoa(r) + `">`)
		for _, col := range cols {
			newRows.WriteString(cellText(col))
		}
		newRows.WriteString("</" + s.name("row") + ">")
	}
	flush()
	if s.dataSelfClosing && len(rows) > 0 {
		// <sheetData/> becomes <sheetData>…</sheetData>: the new rows were
		// queued at its position.
		for i := range edits {
			if edits[i].start == s.dataEnd && edits[i].end == s.dataEnd {
				edits[i] = formXMLEdit{s.dataStart, s.dataEnd, "<" + s.name("sheetData") + ">" + edits[i].text + "</" + s.name("sheetData") + ">"}
			}
		}
	}
	return edits
}

// tokenEdits replaces tokens in the sheet's inline strings and headers.
func (s *formXMLSheet) tokenEdits(data []byte, pairs, header []string) []formXMLEdit {
	return textEdits(data, s.texts, pairs, header)
}

// textEdits replaces tokens in text spans. The text is decoded first:
// writers spell characters as references (openpyxl writes {&#21333;&#20301;}
// for {单位}), so the raw bytes need not hold the token. A token may be
// split over the runs of one rich text (LibreOffice gives 单位 a CJK font
// of its own, so {单位} becomes three runs): spans of a group are one text.
// A span without a token is left as it is, byte for byte.
func textEdits(data []byte, spans []formXMLText, pairs, header []string) []formXMLEdit {
	var edits []formXMLEdit
	for i := 0; i < len(spans); {
		j := i
		for j < len(spans) && spans[j].group == spans[i].group {
			j++
		}
		group := spans[i:j]
		i = j
		texts := make([]string, len(group))
		ok := true
		for k, t := range group {
			if texts[k], ok = xmlText(data[t.start:t.end]); !ok {
				break
			}
		}
		if !ok {
			continue
		}
		p := pairs
		if group[0].header {
			p = header
		}
		now := replaceAcross(texts, p)
		for k, t := range group {
			if now[k] != texts[k] {
				edits = append(edits, formXMLEdit{t.start, t.end, formEscape(now[k])})
			}
		}
	}
	return edits
}

// replaceAcross replaces each old string of pairs (old, new, …) in the text
// that texts make together; a match spanning several pieces is written
// into the piece it starts in and cut from the others.
func replaceAcross(texts []string, pairs []string) []string {
	joined := strings.Join(texts, "")
	type match struct {
		start, end int
		repl       string
	}
	var ms []match
	for at := 0; at < len(joined); {
		best, bestEnd, repl := -1, 0, ""
		for p := 0; p+1 < len(pairs); p += 2 {
			if pairs[p] == "" {
				continue
			}
			if k := strings.Index(joined[at:], pairs[p]); k >= 0 && (best < 0 || at+k < best) {
				best, bestEnd, repl = at+k, at+k+len(pairs[p]), pairs[p+1]
			}
		}
		if best < 0 {
			break
		}
		ms = append(ms, match{best, bestEnd, repl})
		at = bestEnd
	}
	out := slices.Clone(texts)
	if len(ms) == 0 {
		return out
	}
	offs := make([]int, len(texts)+1)
	for k, t := range texts {
		offs[k+1] = offs[k] + len(t)
	}
	piece := func(pos int) int { // the piece holding byte pos
		for k := range texts {
			if pos < offs[k+1] {
				return k
			}
		}
		return len(texts) - 1
	}
	for m := len(ms) - 1; m >= 0; m-- {
		a, b := piece(ms[m].start), piece(ms[m].end-1)
		if a == b {
			o := offs[a]
			out[a] = out[a][:ms[m].start-o] + ms[m].repl + out[a][ms[m].end-o:]
			continue
		}
		out[a] = out[a][:ms[m].start-offs[a]] + ms[m].repl
		for k := a + 1; k < b; k++ {
			out[k] = ""
		}
		out[b] = out[b][ms[m].end-offs[b]:]
	}
	return out
}

// xmlText decodes the character data of an element's content.
func xmlText(raw []byte) (string, bool) {
	if !bytes.ContainsAny(raw, "&<") {
		return string(raw), true
	}
	d := xml.NewDecoder(bytes.NewReader(raw))
	d.Strict = false
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return b.String(), true
		}
		if err != nil {
			return "", false
		}
		cd, ok := tok.(xml.CharData)
		if !ok {
			return "", false // markup inside: not plain text
		}
		b.Write(cd)
	}
}

// scanTexts finds the <t> elements of the shared strings, grouped by
// string item (phonetic runs left out).
func scanTexts(data []byte) []formXMLText {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	var out []formXMLText
	start, group, phonetic := -1, 0, false
	for {
		off := int(d.InputOffset())
		tok, err := d.RawToken()
		if err != nil {
			return out
		}
		after := int(d.InputOffset())
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				group++
			case "rPh":
				phonetic = true
			case "t":
				if !phonetic && !(after >= 2 && string(data[after-2:after]) == "/>") {
					start = after
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				if start >= 0 {
					out = append(out, formXMLText{start: start, end: off, group: group})
				}
				start = -1
			case "rPh":
				phonetic = false
			}
		}
	}
}
