package report

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"djreport/mapping"
)

// The 核对单 is a printable checklist of one unit for offices that check on
// paper: every value with its sentence and source and a box to tick, then
// a line for the reviewer's name and the date. It is a sheet of the
// detailed workbook and a PDF of its own.

// ChecklistSheetName is the workbook sheet of the checklist.
const ChecklistSheetName = "核对单"

// checklistRow is one value to check.
type checklistRow struct {
	no, label, value, measure, note, sentence, source string
	// printed is the value as the printed 核对单 shows it: in 万/亿 as the
	// source writes large numbers (21.76亿, not 2,176,000,000, which a
	// narrow column would break); the sheet keeps the exact value.
	printed string
}

// checklistPrinted is v in official style without its measure.
func checklistPrinted(v float64, measure string) string {
	num, mag := officialNumber(v, measure)
	return num + mag
}

// checklistRows are the unit's bound indicators in catalogue order, then
// every other figure of the unit in document order: everything the
// outputs may print is on the list.
func checklistRows(u Unit, cat []mapping.Indicator) []checklistRow {
	labels := map[string]string{}
	for _, ind := range cat {
		labels[ind.ID] = ind.Label
	}
	var rows []checklistRow
	inBinding := map[string]bool{}
	for _, b := range u.Bindings {
		for _, id := range b.Figures {
			inBinding[id] = true
		}
		label := labels[b.ID]
		if label == "" {
			label = b.ID
		}
		rows = append(rows, checklistRow{label: label, value: FormatValue(b.Value), printed: checklistPrinted(b.Value, b.Measure), measure: b.Measure,
			note: withManual(b.Qualifier, b.Manual), sentence: oneLine(firstNonEmpty(b.Sentence, b.Text)), source: sourceRef(b.Source, b.Line)})
	}
	for _, f := range u.Figures {
		if inBinding[f.ID] {
			continue
		}
		label := "（其他）" + f.Subject
		rows = append(rows, checklistRow{label: label, value: FormatValue(f.Value), printed: checklistPrinted(f.Value, f.Measure), measure: f.Measure,
			note: f.Qualifier, sentence: oneLine(f.Sentence), source: sourceRef(f.Source, f.Line)})
	}
	for i := range rows {
		rows[i].no = strconv.Itoa(i + 1)
	}
	return rows
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// sourceRef is how the checklist names a place: the file's name and line,
// short enough for paper.
func sourceRef(path string, line int) string {
	if path == "" {
		return ""
	}
	if line <= 0 {
		return filepath.Base(path)
	}
	return fmt.Sprintf("%s 第%d行", filepath.Base(path), line)
}

var checklistHeader = []string{"序号", "指标", "数值", "单位", "说明", "原文", "来源", "核对"}

// checklistSignature is the last line, for the reviewer's hand.
const checklistSignature = "审核人：________________　　复核人：________________　　日期：______年____月____日"

// checklistAfter adds the checklist sheet once the workbook is filled
// (err nil); the workbook's fill calls it in one line.
func checklistAfter(err error, f *excelize.File, u Unit, cat []mapping.Indicator) error {
	if err != nil {
		return err
	}
	return ChecklistSheet(f, u, cat)
}

// ChecklistSheet adds the unit's 核对单 as a sheet of f, set up to print
// on A4 landscape, one page wide.
func ChecklistSheet(f *excelize.File, u Unit, cat []mapping.Indicator) error {
	name := ChecklistSheetName
	if i, _ := f.GetSheetIndex(name); i >= 0 {
		return nil // a template that has one keeps its own
	}
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	if err := f.SetCellStr(name, "A1", checklistTitle(u)); err != nil {
		return err
	}
	if err := f.MergeCell(name, "A1", "H1"); err != nil {
		return err
	}
	if err := f.SetCellStr(name, "A2", checklistIntro); err != nil {
		return err
	}
	if err := f.MergeCell(name, "A2", "H2"); err != nil {
		return err
	}
	st, err := checklistStyles(f)
	if err != nil {
		return err
	}
	titleStyle, headStyle, cellStyle, boxStyle := st[0], st[1], st[2], st[3]
	_ = f.SetCellStyle(name, "A1", "A1", titleStyle)
	for i, h := range checklistHeader {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		if err := f.SetCellStr(name, cell, h); err != nil {
			return err
		}
	}
	_ = f.SetCellStyle(name, "A3", "H3", headStyle)
	widths := []float64{6, 24, 12, 6, 20, 60, 22, 6}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		_ = f.SetColWidth(name, col, col, w)
	}
	row := 4
	for _, r := range checklistRows(u, cat) {
		for i, v := range []string{r.no, r.label, r.value, r.measure, r.note, r.sentence, r.source, "☐"} {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			if err := f.SetCellStr(name, cell, v); err != nil {
				return err
			}
		}
		_ = f.SetCellStyle(name, "A"+strconv.Itoa(row), "G"+strconv.Itoa(row), cellStyle)
		_ = f.SetCellStyle(name, "H"+strconv.Itoa(row), "H"+strconv.Itoa(row), boxStyle)
		// Rows grow with the sentence, about 30 characters a line.
		lines := (len([]rune(r.sentence)) + 29) / 30
		if lines > 1 {
			_ = f.SetRowHeight(name, row, float64(lines)*15)
		}
		row++
	}
	row++
	if err := f.SetCellStr(name, "A"+strconv.Itoa(row), checklistSignature); err != nil {
		return err
	}
	if err := f.MergeCell(name, "A"+strconv.Itoa(row), "H"+strconv.Itoa(row)); err != nil {
		return err
	}
	landscape, fit, one := "landscape", true, 1
	size := 9 // A4
	zero := 0
	_ = f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &size, FitToWidth: &one, FitToHeight: &zero})
	_ = f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit})
	return f.SetPanes(name, &excelize.Panes{Freeze: true, Split: false, XSplit: 0, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"})
}

// PDF geometry in mm: A4 landscape.
const (
	clPageW  = 297.0
	clPageH  = 210.0
	clMargin = 14.0
	clBottom = clPageH - 16
	clSize   = 9.0 // pt
	clLH     = 4.6
	clPad    = 1.4
)

var clCols = []float64{10, 42, 22, 11, 44, 0, 36, 12} // 原文 takes the rest

// clFonts are a font and the brief's other fonts as stand-ins for the
// characters it lacks, in order (the default 宋体 has GB 2312 only; a name
// such as 喆 needs the 黑体's GBK), as the brief draws them.
type clFonts []*Font

func newCLFonts(first *Font, fs *Fonts) clFonts {
	alt := clFonts{first}
	for _, f := range []*Font{fs.Body, fs.Title, fs.Table, fs.Heading2, fs.Heading1} {
		if !slices.Contains(alt, f) {
			alt = append(alt, f)
		}
	}
	return alt
}

func (fs clFonts) pick(r rune) *Font {
	for _, f := range fs {
		if f.has(r) {
			return f
		}
	}
	return fs[0]
}

func (fs clFonts) width(s string) float64 {
	w := 0.0
	for i, r := range s {
		if r == utf8.RuneError {
			w += fs.pick(r).width(string(r))
			continue
		}
		w += fs.pick(r).width(s[i : i+utf8.RuneLen(r)])
	}
	return w
}

// clean replaces what no font can draw with 〓.
func (fs clFonts) clean(s string) string {
	return cleanText(s, func(r rune) bool { return fs.pick(r).has(r) })
}

// WriteChecklist prints the unit's 核对单 as a landscape A4 PDF at outPath,
// with the brief's PDF writer and its table and heading fonts. simplify
// converts the source's sentences (and the subjects taken from them) to
// simplified characters, as the brief does: the 宋体 has no glyphs for
// traditional ones. nil leaves them as they are.
func WriteChecklist(outPath string, fonts *Fonts, u Unit, cat []mapping.Indicator, simplify func(string) string) error {
	var set PDFSet
	if err := set.AddChecklist(outPath, fonts, u, cat, simplify); err != nil {
		return err
	}
	return set.Write()
}

// AddChecklist lays out the 核对单 WriteChecklist writes, for Write.
func (set *PDFSet) AddChecklist(outPath string, fonts *Fonts, u Unit, cat []mapping.Indicator, simplify func(string) string) (err error) {
	defer func() {
		// As the brief's layout: a crash is this file's error, not the run's end.
		if r := recover(); r != nil {
			err = fmt.Errorf("核对单 %s：生成 PDF 失败（%v）", outPath, r)
		}
	}()
	if !fonts.complete() {
		return fmt.Errorf("核对单 %s：未加载字体", outPath)
	}
	if simplify == nil {
		simplify = func(s string) string { return s }
	}
	font, bold := newCLFonts(fonts.Table, fonts), newCLFonts(fonts.Heading1, fonts)
	cols := append([]float64(nil), clCols...)
	rest := clPageW - 2*clMargin
	for _, w := range cols {
		rest -= w
	}
	cols[5] = rest
	rows := checklistRows(u, cat)
	title := bold.clean(fmt.Sprintf("%s %s 数据核对单", u.Name, PeriodLabel(u.Period)))
	intro := font.clean("请逐项对照原文核对：无误在「核对」栏打 √，有误在旁注明正确数值。")
	sig := font.clean(checklistSignature)
	cells := make([][][]string, len(rows))
	for i, r := range rows {
		vals := []string{r.no, simplify(r.label), r.printed, r.measure, r.note, simplify(r.sentence), r.source, ""}
		cells[i] = make([][]string, len(vals))
		for k, v := range vals {
			cells[i][k] = clWrap(font, font.clean(v), cols[k]-2*clPad)
		}
	}
	black, grey := [3]uint8{0, 0, 0}, [3]uint8{237, 237, 237}
	var pages [][]pdfOp
	add := func(op pdfOp) { pages[len(pages)-1] = append(pages[len(pages)-1], op) }
	text := func(fs clFonts, size, x, baseline float64, s string) {
		fontRuns(s, fs.pick, func(run string, rf *Font) {
			add(pdfOp{kind: 't', font: rf, size: size, x: x, y: baseline, s: run, color: black})
			x += rf.width(run) * size / 1000 * briefPt
		})
	}
	// A cell's frame: one stroked rectangle.
	frame := func(x, y, w, h float64) {
		add(pdfOp{kind: 's', x: x, y: y, w: w, h: h, size: 0.2, color: black})
	}
	y := 0.0
	header := func() {
		x := clMargin
		h := clLH + 2*clPad
		for k, t := range checklistHeader {
			add(pdfOp{kind: 'r', x: x, y: y, w: cols[k], h: h, color: grey})
			frame(x, y, cols[k], h)
			text(bold, clSize, x+(cols[k]-bold.width(t)*clSize/1000*briefPt)/2, y+clPad+clLH*0.78, t)
			x += cols[k]
		}
		y += h
	}
	newPage := func() {
		// A page holds about as many operations as the one before (the
		// first some twenty a row, a page up to a thousand and more):
		// growing each from nothing was most of a 核对单's allocated bytes.
		hint := min(64+24*len(rows), 1536)
		if n := len(pages); n > 0 {
			hint = len(pages[n-1]) + 64
		}
		pages = append(pages, pooledPage(hint))
		y = clMargin
		if len(pages) == 1 {
			text(bold, 15, (clPageW-bold.width(title)*15/1000*briefPt)/2, y+6, title)
			y += 10
			text(font, 10, clMargin, y+4, intro)
			y += 7
		}
		header()
	}
	newPage()
	for i := range rows {
		n := 1
		for _, c := range cells[i] {
			n = max(n, len(c))
		}
		h := float64(n)*clLH + 2*clPad
		if y+h > clBottom {
			newPage()
		}
		x := clMargin
		for k, lines := range cells[i] {
			frame(x, y, cols[k], h)
			for j, l := range lines {
				text(font, clSize, x+clPad, y+clPad+float64(j)*clLH+clLH*0.78, l)
			}
			x += cols[k]
		}
		// The box to tick, in the 核对 column: a drawn square, which every
		// font can show.
		bx := x - cols[7]/2 - 2
		frame(bx, y+clPad+0.5, 4, 4)
		y += h
	}
	if y+14 > clBottom {
		newPage()
	}
	text(font, 11, clMargin, y+12, sig)
	for p := range pages {
		s := fmt.Sprintf("第 %d 页 共 %d 页", p+1, len(pages))
		pages[p] = append(pages[p], pdfOp{kind: 't', font: font[0], size: 8, x: (clPageW - font.width(s)*8/1000*briefPt) / 2, y: clPageH - 8, s: s, color: black})
	}
	// The bytes depend only on the content: a fixed date.
	set.add(outPath, "核对单", pdfDoc{pages: pages, info: pdfInfo{title: title, subject: "数据核对单", author: "djreport",
		date: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), pageW: clPageW, pageH: clPageH}})
	return nil
}

// clWrap breaks s into lines of at most w mm at clSize: between Chinese
// characters anywhere, but not inside a run of Latin letters and digits
// (2025-01-06, 1,810) unless the run alone is too long, and never before a
// closing punctuation mark, which goes down with the character before it
// rather than hang out of the cell.
func clWrap(font interface{ width(string) float64 }, s string, w float64) []string {
	if s == "" {
		return nil
	}
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // each bad byte a U+FFFD, as ranging gives
	}
	limit := w / (clSize / 1000 * briefPt)
	var lines []string
	// The line being filled is s[start:i]: lines are pieces of s, and
	// widths are measured on them, never on a string of their own.
	start := 0
	width := 0.0
	word := func(r rune) bool { return r < 0x80 && r != ' ' }
	closing := func(r rune) bool { return strings.ContainsRune("，。、；：？！”’）》」』", r) }
	before := func(at int) (rune, int) { return utf8.DecodeLastRuneInString(s[start:at]) }
	for i, r := range s {
		rw := font.width(s[i : i+utf8.RuneLen(r)])
		if width+rw > limit && i > start {
			cut := i
			breaks := true
			if closing(r) {
				// A closing mark may not start a line nor hang past the
				// frame: the character before it goes down with it.
				_, n := before(cut)
				cut -= n
				for cut > start {
					if c, _ := utf8.DecodeRuneInString(s[cut:]); !closing(c) {
						break
					}
					_, n := before(cut)
					cut -= n
				}
				// 1810名， goes down whole: a number stays with its unit.
				for cut > start {
					c, n := before(cut)
					if !word(c) {
						break
					}
					cut -= n
				}
				breaks = cut > start
			} else if word(r) {
				// Back to the start of the Latin run, if it does not
				// fill the line by itself.
				for cut > start {
					c, n := before(cut)
					if !word(c) {
						break
					}
					cut -= n
				}
				if cut == start {
					cut = i
				}
			}
			if breaks {
				lines = append(lines, s[start:cut])
				start = cut
				width = font.width(s[start:i])
			}
		}
		width += rw
	}
	return append(lines, s[start:])
}
