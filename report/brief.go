package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"

	"djreport/extract"
	"djreport/mapping"
)

// BriefOptions are the masthead texts of the brief (config.yaml brief:) and
// the converter for source sentences. Empty fields take defaults from the
// unit and the period.
type BriefOptions struct {
	Masthead string // 基层党建工作简报
	Issue    string // 2024年第4期
	Issuer   string // 中共慈溪市委组织部
	Date     string // 2024年12月31日
	// Simplify converts source sentences to simplified characters; nil
	// leaves them as they are.
	Simplify func(string) string
}

// Page geometry in mm: A4 portrait with GB/T 9704-like margins.
const (
	briefPageW   = 210.0
	briefPageH   = 297.0
	briefLeft    = 28.0
	briefRight   = 26.0
	briefTop     = 25.0
	briefBottom  = 272.0 // lowest body line
	briefFooterY = 284.0 // footer baseline
	briefBodyW   = briefPageW - briefLeft - briefRight
	briefPt      = 25.4 / 72 // mm per point

	briefMaxSentences = 6
	briefMaxChartRows = 6
)

var (
	briefRed   = [3]int{200, 16, 16}
	briefBlack = [3]int{0, 0, 0}
	briefGrey  = [3]int{96, 96, 96}
)

// WriteBrief prints the brief of one unit to outPath: masthead, overview,
// the four sections with their indicator tables and key sentences, a chart
// against avg (the run's average per indicator id) and the source list.
func WriteBrief(outPath string, font *Font, u Unit, cat []mapping.Indicator, avg map[string]float64, opts BriefOptions) error {
	if font == nil {
		return fmt.Errorf("简报 %s：未加载字体", outPath)
	}
	year, quarter, ok := briefParsePeriod(u.Period)
	if !ok {
		return fmt.Errorf("简报 %s：期间 %q 格式有误，应为 2024Q4 这样的年份加季度", outPath, u.Period)
	}
	last := time.Date(year, time.Month(3*quarter)+1, 0, 0, 0, 0, 0, time.UTC)
	opts = briefDefaults(opts, u.Name, year, quarter, last)

	d := &briefDoc{font: font}
	d.layout(u, cat, avg, opts)

	var buf bytes.Buffer
	if err := d.render(&buf, last, opts); err != nil {
		return fmt.Errorf("简报 %s：%v", outPath, err)
	}
	return WriteAtomic(outPath, func(w io.Writer) error {
		_, err := w.Write(buf.Bytes())
		return err
	})
}

func briefParsePeriod(p string) (year, quarter int, ok bool) {
	p = strings.TrimSpace(p)
	if len(p) != 6 || (p[4] != 'Q' && p[4] != 'q') {
		return 0, 0, false
	}
	y, err := strconv.Atoi(p[:4])
	if err != nil || y < 1900 {
		return 0, 0, false
	}
	q := int(p[5] - '0')
	if q < 1 || q > 4 {
		return 0, 0, false
	}
	return y, q, true
}

func briefDefaults(o BriefOptions, unit string, year, quarter int, last time.Time) BriefOptions {
	if strings.TrimSpace(o.Masthead) == "" {
		o.Masthead = "基层党建工作简报"
	}
	if strings.TrimSpace(o.Issue) == "" {
		o.Issue = fmt.Sprintf("%d年第%d期", year, quarter)
	}
	if strings.TrimSpace(o.Issuer) == "" {
		o.Issuer = "组织部"
		for _, s := range []string{"市", "县", "区", "州", "旗"} {
			if strings.HasSuffix(unit, s) {
				o.Issuer = "中共" + unit + "委组织部"
				break
			}
		}
	}
	if strings.TrimSpace(o.Date) == "" {
		o.Date = fmt.Sprintf("%d年%d月%d日", last.Year(), int(last.Month()), last.Day())
	}
	if o.Simplify == nil {
		o.Simplify = func(s string) string { return s }
	}
	return o
}

// briefOp is one drawing operation; the layout records them per page so the
// page count is known and the font can be cut to the characters used.
type briefOp struct {
	kind       byte // 't' text, 'l' line, 'r' filled rectangle, 'b' framed rectangle
	x, y, w, h float64
	size       float64 // pt
	bold       float64 // stroke width of emphasised text, mm; 0 plain
	s          string
	color      [3]int
}

type briefDoc struct {
	font  *Font
	pages [][]briefOp
	y     float64
}

func (d *briefDoc) newPage() {
	d.pages = append(d.pages, nil)
	d.y = briefTop
}

// need starts a new page unless h mm still fit on this one.
func (d *briefDoc) need(h float64) {
	if d.y+h > briefBottom {
		d.newPage()
	}
}

func (d *briefDoc) add(op briefOp) {
	p := len(d.pages) - 1
	d.pages[p] = append(d.pages[p], op)
}

// width of s in mm at size pt.
func (d *briefDoc) width(s string, size float64) float64 {
	return d.font.width(s) / 1000 * size * briefPt
}

func (d *briefDoc) lines(s string, size, w float64) []string {
	return breakLines(s, w, func(t string) float64 { return d.width(t, size) })
}

// baseline of text of size pt centred in a line box of lh mm starting at top.
func (d *briefDoc) baseline(top, lh, size float64) float64 {
	sz := size * briefPt
	return top + (lh-(d.font.ascent+d.font.descent)*sz)/2 + d.font.ascent*sz
}

func (d *briefDoc) text(x, top, lh, size float64, s string, color [3]int, bold float64) {
	if s == "" {
		return
	}
	d.add(briefOp{kind: 't', x: x, y: d.baseline(top, lh, size), size: size, s: s, color: color, bold: bold})
}

func (d *briefDoc) line(x1, y1, x2, y2, w float64, color [3]int) {
	d.add(briefOp{kind: 'l', x: x1, y: y1, w: x2, h: y2, size: w, color: color})
}

func (d *briefDoc) rect(x, y, w, h float64, color [3]int) {
	d.add(briefOp{kind: 'r', x: x, y: y, w: w, h: h, color: color})
}

// para prints wrapped text line by line at the cursor; align 'L', 'C' or 'R'.
func (d *briefDoc) para(x, w, size, lh float64, s string, color [3]int, bold float64, align byte) {
	for _, l := range d.lines(s, size, w) {
		d.need(lh)
		lx := x
		switch align {
		case 'C':
			lx = x + (w-d.width(l, size))/2
		case 'R':
			lx = x + w - d.width(l, size)
		}
		d.text(lx, d.y, lh, size, l, color, bold)
		d.y += lh
	}
}

// bulletPara prints text after a bullet with a hanging indent.
func (d *briefDoc) bulletPara(size, lh float64, s string) {
	indent := d.width("●", size) + 2
	for i, l := range d.lines(s, size, briefBodyW-indent) {
		d.need(lh)
		if i == 0 {
			d.text(briefLeft+0.5, d.y, lh, size*0.6, "●", briefRed, 0)
		}
		d.text(briefLeft+indent, d.y, lh, size, l, briefBlack, 0)
		d.y += lh
	}
}

func (d *briefDoc) layout(u Unit, cat []mapping.Indicator, avg map[string]float64, o BriefOptions) {
	f := d.font
	unit := f.clean(briefOneLine(u.Name))
	period := PeriodLabel(u.Period)
	d.newPage()

	// Masthead: red title, issue, issuer and date, red rule.
	mast := f.clean(briefOneLine(o.Masthead))
	size := 34.0
	for size > 16 && d.width(mast, size) > briefBodyW {
		size -= 2
	}
	d.para(briefLeft, briefBodyW, size, 18, mast, briefRed, 0.45, 'C')
	d.y += 2
	d.para(briefLeft, briefBodyW, 14, 8, f.clean(briefOneLine(o.Issue)), briefBlack, 0, 'C')
	d.y += 3
	issuer := f.clean(briefOneLine(o.Issuer))
	if !strings.HasSuffix(issuer, "编印") && !strings.HasSuffix(issuer, "编") {
		issuer += "编印"
	}
	date := f.clean(briefOneLine(o.Date))
	dw := d.width(date, 12)
	d.para(briefLeft, briefBodyW-dw-6, 12, 7, issuer, briefBlack, 0, 'L')
	d.text(briefLeft+briefBodyW-dw, d.y-7, 7, 12, date, briefBlack, 0)
	d.y += 1.5
	d.line(briefLeft, d.y, briefLeft+briefBodyW, d.y, 0.8, briefRed)
	d.y += 10

	// Title and overview.
	d.para(briefLeft, briefBodyW, 18, 10, unit+period+"基层党建工作情况", briefBlack, 0.3, 'C')
	d.y += 4
	d.para(briefLeft, briefBodyW, 12, 7.5, "　　"+briefOverview(u, cat), briefBlack, 0, 'L')
	d.y += 3

	bound := map[string]mapping.Binding{}
	for _, b := range u.Bindings {
		if _, seen := bound[b.ID]; !seen {
			bound[b.ID] = b
		}
	}
	for i, sec := range extract.Sections {
		d.section(i, sec, u, cat, bound, o)
	}
	d.chart(unit, cat, bound, avg)
	d.sources(u.Sources)
	d.footers()
}

func briefOverview(u Unit, cat []mapping.Indicator) string {
	inCat := map[string]bool{}
	for _, ind := range cat {
		inCat[ind.ID] = true
	}
	nb := 0
	for _, b := range u.Bindings {
		if inCat[b.ID] {
			nb++
			inCat[b.ID] = false
		}
	}
	if len(u.Figures) == 0 {
		return fmt.Sprintf("本期简报依据%d份来源材料整理。来源材料中未提取到该地的数据，以下各板块均无数据。", len(u.Sources))
	}
	per := map[extract.Section]int{}
	for _, fg := range u.Figures {
		per[fg.Section]++
	}
	var parts []string
	for _, s := range extract.Sections {
		parts = append(parts, fmt.Sprintf("%s%d项", s, per[s]))
	}
	return fmt.Sprintf("本期简报依据%d份来源材料整理，共提取数据%d项，其中%d项对应标准指标（标准指标共%d项）。分板块看，%s。以下按四个板块摘要，表中数值均取自来源材料原文。",
		len(u.Sources), len(u.Figures), nb, len(cat), strings.Join(parts, "、"))
}

var briefNumerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// briefRow is one indicator row of a section table.
type briefRow struct{ label, value, measure, note string }

func (d *briefDoc) section(i int, sec extract.Section, u Unit, cat []mapping.Indicator, bound map[string]mapping.Binding, o BriefOptions) {
	f := d.font
	var rows []briefRow
	for _, ind := range cat {
		if ind.Section != sec {
			continue
		}
		b, ok := bound[ind.ID]
		if !ok {
			continue
		}
		m := b.Measure
		if m == "" {
			m = ind.Measure
		}
		note := ""
		if b.Qualifier != "" {
			note = b.Qualifier
			if t := strings.TrimSpace(o.Simplify(b.Text)); t != "" {
				note += "（原文“" + t + "”）"
			}
		}
		note = withManual(note, b.Manual)
		rows = append(rows, briefRow{f.clean(briefOneLine(ind.Label)), FormatValue(b.Value), f.clean(m), f.clean(briefOneLine(note))})
	}
	sentences := briefSentences(sec, u, o.Simplify)
	for k := range sentences {
		sentences[k] = f.clean(sentences[k])
	}

	// Keep the heading with the first row or line that follows it.
	next := 8.0
	if len(rows) > 0 {
		next = 4 * (briefCellLH + 2*briefCellPad)
	}
	d.need(11 + next)
	d.y += 2
	d.text(briefLeft, d.y, 9, 14, briefNumerals[i]+"、"+string(sec), briefBlack, 0.25)
	d.y += 10

	if len(rows) == 0 && len(sentences) == 0 {
		d.para(briefLeft, briefBodyW, 12, 7.5, "　　本季度来源材料中未见该板块数据。", briefGrey, 0, 'L')
		d.y += 2
		return
	}
	if len(rows) > 0 {
		d.table(rows)
		d.y += 3
	}
	for _, s := range sentences {
		d.bulletPara(12, 7, s)
		d.y += 1
	}
	d.y += 2
}

// Table columns: 指标 / 数值 / 单位 / 说明, in mm.
var briefCols = []float64{62, 30, 14, briefBodyW - 62 - 30 - 14}

const (
	briefCellPad  = 1.6
	briefCellSize = 10.5
	briefCellLH   = 5.2
)

func (d *briefDoc) table(rows []briefRow) {
	header := briefRow{"指标", "数值", "单位", "说明"}
	// Keep a short table whole, and a long one from starting with a lone row.
	h := d.rowHeight(header)
	for i, r := range rows {
		if i == 3 && len(rows) > 4 {
			break
		}
		h += d.rowHeight(r)
	}
	d.need(h)
	d.row(header, true)
	for _, r := range rows {
		h := d.rowHeight(r)
		if d.y+h > briefBottom {
			d.newPage()
			d.row(header, true)
		}
		d.row(r, false)
	}
}

func (d *briefDoc) cellLines(r briefRow) [][]string {
	cells := []string{r.label, r.value, r.measure, r.note}
	out := make([][]string, len(cells))
	for i, c := range cells {
		out[i] = d.lines(c, briefCellSize, briefCols[i]-2*briefCellPad)
	}
	return out
}

func (d *briefDoc) rowHeight(r briefRow) float64 {
	n := 1
	for _, ls := range d.cellLines(r) {
		n = max(n, len(ls))
	}
	return float64(n)*briefCellLH + 2*briefCellPad
}

func (d *briefDoc) row(r briefRow, header bool) {
	h := d.rowHeight(r)
	if header {
		d.rect(briefLeft, d.y, briefBodyW, h, [3]int{236, 236, 236})
	}
	x := briefLeft
	bold := 0.0
	if header {
		bold = 0.18
	}
	for i, ls := range d.cellLines(r) {
		cw := briefCols[i]
		top := d.y + briefCellPad + (h-2*briefCellPad-float64(len(ls))*briefCellLH)/2
		for _, l := range ls {
			lx := x + briefCellPad
			align := "LRCL"[i]
			if header {
				align = 'C'
			}
			switch align {
			case 'R':
				lx = x + cw - briefCellPad - d.width(l, briefCellSize)
			case 'C':
				lx = x + (cw-d.width(l, briefCellSize))/2
			}
			d.text(lx, top, briefCellLH, briefCellSize, l, briefBlack, bold)
			top += briefCellLH
		}
		x += cw
	}
	// Grid: top and bottom rules and the column lines.
	lw := 0.2
	d.line(briefLeft, d.y, briefLeft+briefBodyW, d.y, lw, briefBlack)
	d.line(briefLeft, d.y+h, briefLeft+briefBodyW, d.y+h, lw, briefBlack)
	x = briefLeft
	for i := 0; i <= len(briefCols); i++ {
		d.line(x, d.y, x, d.y+h, lw, briefBlack)
		if i < len(briefCols) {
			x += briefCols[i]
		}
	}
	d.y += h
}

// briefSentences picks the distinct sentences that carry the section's
// figures not shown in its table, in document order.
func briefSentences(sec extract.Section, u Unit, simplify func(string) string) []string {
	used := map[string]bool{}
	for _, b := range u.Bindings {
		used[b.Source+"\x00"+strconv.Itoa(b.Line)+"\x00"+b.Text] = true
	}
	type sent struct {
		text  string
		marks []string
	}
	var order []*sent
	byText := map[string]*sent{}
	for _, fg := range u.Figures {
		if fg.Section != sec || used[fg.Source+"\x00"+strconv.Itoa(fg.Line)+"\x00"+fg.Text] {
			continue
		}
		s := briefOneLine(simplify(fg.Sentence))
		if s == "" {
			continue
		}
		st, ok := byText[s]
		if !ok {
			if len(order) == briefMaxSentences {
				continue
			}
			st = &sent{text: s}
			byText[s] = st
			order = append(order, st)
		}
		st.marks = append(st.marks, simplify(fg.Text))
	}
	out := make([]string, 0, len(order))
	for _, st := range order {
		out = append(out, briefTrimSentence(st.text, st.marks))
	}
	return out
}

// briefTrimSentence shortens a long sentence to the clauses that hold its
// figures, marking what was left out with ……
func briefTrimSentence(s string, marks []string) string {
	const long = 120
	if utf8.RuneCountInString(s) <= long {
		return s
	}
	clauses := strings.SplitAfter(s, "；")
	if len(clauses) < 2 {
		return s
	}
	var b strings.Builder
	skipped := false
	for _, c := range clauses {
		keep := false
		for _, m := range marks {
			if m != "" && strings.Contains(c, m) {
				keep = true
				break
			}
		}
		if !keep {
			skipped = true
			continue
		}
		if skipped {
			b.WriteString("……")
		}
		skipped = false
		b.WriteString(c)
	}
	if b.Len() == 0 {
		return s
	}
	out := b.String()
	if skipped {
		out = strings.TrimSuffix(out, "；") + "……"
	}
	return out
}

// briefOneLine collapses whitespace, so source line breaks do not show.
func briefOneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// FormatValue writes v for people: thousands separators and at most two
// decimals, without trailing zeros: 1582 -> 1,582; 98.60 -> 98.6.
func FormatValue(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', 2, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	var b strings.Builder
	if v < 0 && (strings.Trim(intPart, "0") != "" || frac != "") {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// briefChartItem is one indicator of the comparison chart.
type briefChartItem struct {
	label, measure string
	unit, avg      float64
}

// chart draws horizontal bars: the unit against the run average for a few
// indicators, taken in turn from each section; each pair has its own scale.
func (d *briefDoc) chart(unit string, cat []mapping.Indicator, bound map[string]mapping.Binding, avg map[string]float64) {
	perSec := map[extract.Section][]briefChartItem{}
	for _, ind := range cat {
		b, ok := bound[ind.ID]
		a, okAvg := avg[ind.ID]
		if !ok || !okAvg || b.Value < 0 || a < 0 || (b.Value == 0 && a == 0) {
			continue
		}
		m := b.Measure
		if m == "" {
			m = ind.Measure
		}
		label := ind.Label
		if i := strings.IndexAny(label, "（("); i > 0 {
			label = label[:i]
		}
		perSec[ind.Section] = append(perSec[ind.Section], briefChartItem{d.font.clean(briefOneLine(label)), d.font.clean(m), b.Value, a})
	}
	var items []briefChartItem
	for round := 0; len(items) < briefMaxChartRows; round++ {
		added := false
		for _, s := range extract.Sections {
			if round < len(perSec[s]) && len(items) < briefMaxChartRows {
				items = append(items, perSec[s][round])
				added = true
			}
		}
		if !added {
			break
		}
	}
	if len(items) == 0 {
		return
	}

	const (
		labelW = 44.0
		valueW = 32.0
		barH   = 3.4
		size   = 9.0
		lh     = 4.4
	)
	barX := briefLeft + labelW + 2
	barW := briefBodyW - labelW - 2 - valueW
	heights := make([]float64, len(items))
	total := 9.0 + 8.0 + 4
	for i, it := range items {
		n := len(d.lines(it.label, size, labelW))
		heights[i] = max(float64(n)*lh, 2*barH+1) + 4
		total += heights[i]
	}
	d.y += 2
	d.need(total)
	top := d.y
	d.text(briefLeft, d.y, 9, 13, "主要指标与各地平均水平对比", briefBlack, 0.22)
	d.y += 9
	// Legend.
	lx := briefLeft
	for _, lg := range []struct {
		name  string
		color [3]int
	}{{unit, briefRed}, {"各地平均", [3]int{160, 160, 160}}} {
		d.rect(lx, d.y+1.6, 4, 3, lg.color)
		d.text(lx+5.5, d.y, 6, size, lg.name, briefBlack, 0)
		lx += 5.5 + d.width(lg.name, size) + 8
	}
	d.y += 8
	for i, it := range items {
		h := heights[i]
		ls := d.lines(it.label, size, labelW)
		lt := d.y + (h-float64(len(ls))*lh)/2
		for _, l := range ls {
			d.text(briefLeft, lt, lh, size, l, briefBlack, 0)
			lt += lh
		}
		scale := math.Max(it.unit, it.avg)
		by := d.y + (h-(2*barH+1))/2
		for k, v := range []float64{it.unit, it.avg} {
			w := 0.0
			if scale > 0 {
				w = barW * v / scale
			}
			color := briefRed
			if k == 1 {
				color = [3]int{160, 160, 160}
			}
			if w > 0.05 {
				d.rect(barX, by, w, barH, color)
			}
			d.text(barX+w+1.5, by-0.5, barH+1, 8, FormatValue(v)+it.measure, briefGrey, 0)
			by += barH + 1
		}
		d.y += h
	}
	d.line(barX, top+17, barX, d.y, 0.2, briefGrey)
	d.y += 3
}

func (d *briefDoc) sources(src []string) {
	d.y += 2
	d.need(9 + 6.5)
	d.line(briefLeft, d.y, briefLeft+briefBodyW, d.y, 0.3, briefBlack)
	d.y += 2
	d.text(briefLeft, d.y, 8, 12, "附：来源材料", briefBlack, 0.2)
	d.y += 8
	if len(src) == 0 {
		d.para(briefLeft, briefBodyW, 10.5, 6, "（无）", briefGrey, 0, 'L')
		return
	}
	for i, s := range src {
		name := filepath.Base(strings.ReplaceAll(s, "\\", "/"))
		d.para(briefLeft, briefBodyW, 10.5, 6, fmt.Sprintf("%d. %s", i+1, d.font.clean(name)), briefBlack, 0, 'L')
	}
}

// footers numbers the pages: 第 N 页 共 M 页.
func (d *briefDoc) footers() {
	n := len(d.pages)
	for i := range d.pages {
		s := fmt.Sprintf("第 %d 页 共 %d 页", i+1, n)
		x := (briefPageW - d.width(s, 9)) / 2
		d.pages[i] = append(d.pages[i], briefOp{kind: 't', x: x, y: briefFooterY, size: 9, s: s, color: briefGrey})
	}
}

// render replays the pages into a PDF whose bytes depend only on the content.
func (d *briefDoc) render(w io.Writer, date time.Time, o BriefOptions) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("生成 PDF 失败（%v）", r)
		}
	}()
	set := map[rune]bool{}
	for _, p := range d.pages {
		for _, op := range p {
			for _, r := range op.s {
				set[r] = true
			}
		}
	}
	runes := make([]rune, 0, len(set))
	for r := range set {
		runes = append(runes, r)
	}
	sort.Slice(runes, func(i, j int) bool { return runes[i] < runes[j] })

	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(briefLeft, briefTop, briefRight)
	pdf.SetTitle(d.font.clean(o.Masthead), true)
	pdf.SetSubject(d.font.clean(o.Issue), true)
	pdf.SetAuthor(d.font.clean(o.Issuer), true)
	pdf.SetCreator("djreport", false)
	pdf.AddUTF8FontFromBytes("brief", "", d.font.bytesFor(runes))
	pdf.SetFont("brief", "", 12)
	if pdf.Err() {
		return pdf.Error()
	}
	for _, p := range d.pages {
		pdf.AddPage()
		for _, op := range p {
			c := op.color
			switch op.kind {
			case 't':
				pdf.SetFontSize(op.size)
				pdf.SetTextColor(c[0], c[1], c[2])
				if op.bold > 0 {
					pdf.SetDrawColor(c[0], c[1], c[2])
					pdf.SetLineWidth(op.bold)
					pdf.SetTextRenderingMode(2)
				}
				pdf.Text(op.x, op.y, op.s)
				if op.bold > 0 {
					pdf.SetTextRenderingMode(0)
				}
			case 'l':
				pdf.SetDrawColor(c[0], c[1], c[2])
				pdf.SetLineWidth(op.size)
				pdf.Line(op.x, op.y, op.w, op.h)
			case 'r':
				pdf.SetFillColor(c[0], c[1], c[2])
				pdf.Rect(op.x, op.y, op.w, op.h, "F")
			}
		}
	}
	return pdf.Output(w)
}
