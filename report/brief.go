package report

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"djreport/extract"
	"djreport/mapping"
)

// Fonts are the brief's faces by role, as 党政机关公文格式 (GB/T 9704-2012)
// assigns them: title 小标宋, body 仿宋, first-level headings 黑体,
// second-level 楷体, and the tables. Roles may share a Font.
type Fonts struct {
	Title, Body, Heading1, Heading2, Table *Font
}

func (fs *Fonts) complete() bool {
	return fs != nil && fs.Title != nil && fs.Body != nil && fs.Heading1 != nil && fs.Heading2 != nil && fs.Table != nil
}

// BriefOptions are the masthead and 版记 texts of the brief (config.yaml
// brief:) and the converter for source sentences. Empty fields take
// defaults from the unit and the period.
type BriefOptions struct {
	Masthead string // 基层党建工作简报
	Issue    string // 2024年第4期
	Issuer   string // 中共慈溪市委组织部
	Date     string // 2024年12月31日
	// 版记: CC is the 抄送 list (no 抄送 line when empty); PrintedBy and
	// PrintedOn default to the issuer and the date; Copies > 0 adds 共印X份.
	CC        string
	PrintedBy string
	PrintedOn string
	Copies    int
	// Simplify converts source sentences to simplified characters; nil
	// leaves them as they are.
	Simplify func(string) string
}

// Page geometry in mm after GB/T 9704-2012: A4, 版心 156 × 225 mm, top
// margin 37 mm, left 28 mm; the body is 3号 (16 pt) on a grid of 22 lines
// of 28 characters.
const (
	briefPageW  = 210.0
	briefPageH  = 297.0
	briefLeft   = 28.0
	briefTop    = 37.0
	briefBodyW  = 156.0
	briefBodyH  = 225.0
	briefBottom = briefTop + briefBodyH
	briefLine   = briefBodyH / 22 // line pitch
	briefChar   = briefBodyW / 28 // character pitch
	briefPt     = 25.4 / 72       // mm per point

	briefSize   = 16.0 // 3号
	briefTitleS = 22.0 // 2号
	briefFoot   = 14.0 // 4号: page numbers and 版记

	briefMaxSentences = 6
	briefMaxChartRows = 6
)

var (
	briefRed   = [3]uint8{230, 0, 18}
	briefBlack = [3]uint8{0, 0, 0}
	briefGrey  = [3]uint8{110, 110, 110}
	briefLight = [3]uint8{170, 170, 170}
)

// WriteBrief prints the brief of one unit to outPath: 版头, title, the four
// sections in the unit's own sentences, the key indicators and a
// comparison with the unit's peers (or last quarter), page numbers and 版记.
func WriteBrief(outPath string, fonts *Fonts, u Unit, cat []mapping.Indicator, peers *Peers, opts BriefOptions) error {
	var set PDFSet
	if err := set.AddBrief(outPath, fonts, u, cat, peers, opts); err != nil {
		return err
	}
	return set.Write()
}

// AddBrief lays out the brief WriteBrief writes, for Write.
func (set *PDFSet) AddBrief(outPath string, fonts *Fonts, u Unit, cat []mapping.Indicator, peers *Peers, opts BriefOptions) error {
	if !fonts.complete() {
		return fmt.Errorf("简报 %s：未加载字体", outPath)
	}
	year, quarter, ok := briefParsePeriod(u.Period)
	if !ok {
		return fmt.Errorf("简报 %s：期间 %q 格式有误，应为 2024Q4 这样的年份加季度", outPath, u.Period)
	}
	last := time.Date(year, time.Month(3*quarter)+1, 0, 0, 0, 0, 0, time.UTC)
	opts = briefDefaults(opts, u.Name, year, quarter, last)

	var doc pdfDoc
	err := func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("生成 PDF 失败（%v）", r)
			}
		}()
		d := briefLayout(fonts, u, cat, peers, opts)
		doc = pdfDoc{pages: d.pages, info: pdfInfo{
			title:   d.clean(briefOneLine(u.Name + PeriodLabel(u.Period) + "基层党建工作情况")),
			subject: d.clean(briefOneLine(opts.Masthead + " " + opts.Issue)),
			author:  d.clean(briefOneLine(opts.Issuer)),
			date:    last,
		}}
		return nil
	}()
	if err != nil {
		return fmt.Errorf("简报 %s：%v", outPath, err)
	}
	set.add(outPath, "简报", doc)
	return nil
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
		for _, s := range []string{"市", "县", "区", "州", "旗", "盟"} {
			if strings.HasSuffix(unit, s) {
				o.Issuer = "中共" + unit + "委组织部"
				break
			}
		}
	}
	if strings.TrimSpace(o.Date) == "" {
		o.Date = fmt.Sprintf("%d年%d月%d日", last.Year(), int(last.Month()), last.Day())
	}
	if strings.TrimSpace(o.PrintedBy) == "" {
		o.PrintedBy = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(o.Issuer), "编印"), "编")
	}
	if strings.TrimSpace(o.PrintedOn) == "" {
		o.PrintedOn = o.Date
	}
	if o.Simplify == nil {
		o.Simplify = func(s string) string { return s }
	}
	return o
}

// briefDoc lays the brief out page by page; y is the cursor in mm from the
// page top.
type briefDoc struct {
	f     *Fonts
	alt   []*Font // the distinct fonts, body first: stand-ins for each other
	pages [][]pdfOp
	y     float64
	// Blocks (headings, paragraphs, table rows, the chart) are counted as
	// they are laid out, with the page each starts on and its kind, so a
	// second layout can start block force on a new page (1-based; 0 none).
	blocks     int
	blockPage  []int
	blockKind  []byte
	force      int
	aloneColop bool // the 版记 went to a page of its own
}

// block starts a block of the given kind: 'h' heading, 'p' paragraph, 'r' a
// table row that may start a page, 'R' one that may not, 'c' the chart. It
// starts a new page when this is the block to force.
func (d *briefDoc) block(kind byte) {
	d.blocks++
	d.blockPage = append(d.blockPage, len(d.pages)-1)
	d.blockKind = append(d.blockKind, kind)
	if d.blocks == d.force {
		d.newPage()
	}
}

// briefLayout lays the brief out. When the 版记 would stand alone on the
// last page, which GB/T 9704 does not allow (it goes at the foot of the
// last page, below text), the last blocks of the page before are carried
// onto it: the latest block that can start a page (not the one right after
// its heading, not a table's first or last rows) whose carrying leaves the
// 版记 with text.
func briefLayout(fonts *Fonts, u Unit, cat []mapping.Indicator, peers *Peers, o BriefOptions) *briefDoc {
	d := newBriefDoc(fonts)
	d.layout(u, cat, peers, o)
	if !d.aloneColop || len(d.pages) < 2 {
		return d
	}
	prev := len(d.pages) - 2
	for k := d.blocks; k >= 2 && d.blockPage[k-1] == prev; k-- {
		if d.blockKind[k-1] == 'R' || d.blockKind[k-2] == 'h' || d.blockPage[k-2] != prev {
			continue
		}
		e := newBriefDoc(fonts)
		e.force = k
		e.layout(u, cat, peers, o)
		if !e.aloneColop {
			return e
		}
	}
	return d
}

func newBriefDoc(fs *Fonts) *briefDoc {
	d := &briefDoc{f: fs}
	for _, f := range []*Font{fs.Body, fs.Title, fs.Table, fs.Heading2, fs.Heading1} {
		if !slices.Contains(d.alt, f) {
			d.alt = append(d.alt, f)
		}
	}
	return d
}

func (d *briefDoc) newPage() {
	d.pages = append(d.pages, pooledPage(0))
	d.y = briefTop
}

func (d *briefDoc) add(op pdfOp) {
	p := len(d.pages) - 1
	d.pages[p] = append(d.pages[p], op)
}

// room is how much of the 版心 is left on this page, in mm.
func (d *briefDoc) room() float64 { return briefBottom - d.y }

// need starts a new page unless h mm still fit on this one.
func (d *briefDoc) need(h float64) {
	if d.y+h > briefBottom+0.01 {
		d.newPage()
	}
}

// snap moves the cursor down to the next line of the body grid.
func (d *briefDoc) snap() {
	n := math.Ceil((d.y-briefTop)/briefLine - 0.01)
	d.y = briefTop + n*briefLine
}

// style is a font at a size with character spacing (pt).
type style struct {
	font    *Font
	size    float64
	spacing float64
	color   [3]uint8
	bold    float64
	// alt are the other fonts of the brief, in the order they stand in for
	// a character the style's font lacks (the defaults have GB 2312; a
	// name such as 喆 or 堃 needs the 黑体's GBK).
	alt []*Font
}

// with gives st the brief's other fonts as stand-ins.
func (d *briefDoc) with(st style) style {
	st.alt = d.alt
	return st
}

// pick is the font that draws r in style st.
func (st style) pick(r rune) *Font {
	if st.font.has(r) {
		return st.font
	}
	for _, f := range st.alt {
		if f.has(r) {
			return f
		}
	}
	return st.font
}

// clean replaces what no font of the brief can draw with 〓.
func (d *briefDoc) clean(s string) string {
	return cleanText(s, func(r rune) bool {
		for _, f := range d.alt {
			if f.has(r) {
				return true
			}
		}
		return false
	})
}

// bodySpacing puts 3号 characters on the 28-per-line grid.
var bodySpacing = briefChar/briefPt - briefSize

func (d *briefDoc) body() style {
	return d.with(style{font: d.f.Body, size: briefSize, spacing: bodySpacing, color: briefBlack})
}

// width of s in mm.
func (st style) width(s string) float64 {
	w, n := 0, 0
	for _, r := range s {
		n++
		if r < 0x10000 {
			w += int(st.pick(r).widths[r])
		}
	}
	return float64(w)/1000*st.size*briefPt + float64(n)*st.spacing*briefPt
}

func (st style) lines(s string, w float64) []string {
	// The spacing after a line's last character is not part of its width.
	return breakLines(s, w+st.spacing*briefPt, st.width)
}

// text draws s with its baseline placed for a line box of lh mm at top.
func (d *briefDoc) text(x, top, lh float64, st style, s string) {
	if s == "" {
		return
	}
	f := st.font
	sz := st.size * briefPt
	base := top + (lh-(f.ascent+f.descent)*sz)/2 + f.ascent*sz
	fontRuns(s, st.pick, func(run string, rf *Font) {
		d.add(pdfOp{kind: 't', x: x, y: base, font: rf, size: st.size, spacing: st.spacing, bold: st.bold, s: run, color: st.color})
		x += st.width(run)
	})
}

// fontRuns splits s into runs of characters drawn with the same font, as
// pick chooses it per character (a stand-in for what the role's font
// lacks): one text operation per run.
func fontRuns(s string, pick func(rune) *Font, each func(run string, f *Font)) {
	for s != "" {
		run, rf := s, (*Font)(nil)
		for i, r := range s {
			g := pick(r)
			if i == 0 {
				rf = g
			} else if g != rf {
				run = s[:i]
				break
			}
		}
		each(run, rf)
		s = s[len(run):]
	}
}

func (d *briefDoc) line(x1, y1, x2, y2, w float64, color [3]uint8) {
	d.add(pdfOp{kind: 'l', x: x1, y: y1, w: x2, h: y2, size: w, color: color})
}

func (d *briefDoc) rect(x, y, w, h float64, color [3]uint8) {
	d.add(pdfOp{kind: 'r', x: x, y: y, w: w, h: h, color: color})
}

// para prints a body paragraph on the grid: first line indented two
// characters, lines justified to the full measure except the last. A
// paragraph never leaves one line alone at the foot or the head of a page.
func (d *briefDoc) para(st style, s string) {
	d.block('p')
	lines := st.lines(strings.Repeat("\u3000", 2)+s, briefBodyW)
	merged := false
	if n := len(lines); n >= 2 && utf8.RuneCountInString(lines[n-1]) <= 2 {
		// A last line of one character and its stop ("展。") is pulled up
		// into the line before, set a little tighter.
		joined := lines[n-2] + lines[n-1]
		over := st.width(joined) - st.spacing*briefPt - briefBodyW
		if k := utf8.RuneCountInString(joined); over > 0 && over <= 2.05*briefChar && k > 20 {
			lines = append(lines[:n-2], joined)
			merged = true
		}
	}
	fits := int(d.room()/briefLine + 0.01)
	if len(lines) > 1 && fits == 1 {
		d.newPage()
		fits = int(d.room()/briefLine + 0.01)
	}
	if len(lines) > 2 && fits == len(lines)-1 {
		// Carry two lines over rather than one.
		fits--
	}
	for i, l := range lines {
		if i == fits && i > 0 && i < len(lines) {
			d.newPage()
		}
		d.need(briefLine)
		// The indent is a fixed two characters, outside the spacing.
		x, avail := briefLeft, briefBodyW
		if i == 0 && strings.HasPrefix(l, "\u3000\u3000") {
			l = strings.TrimPrefix(l, "\u3000\u3000")
			x, avail = x+2*briefChar, avail-2*briefChar
		}
		lst := st
		switch {
		case i == len(lines)-1 && merged:
			if k := utf8.RuneCountInString(l); k > 1 {
				over := st.width(l) - st.spacing*briefPt - avail
				lst.spacing = st.spacing - max(0, over)/briefPt/float64(k-1)
			}
		case i < len(lines)-1:
			lst.spacing = justify(st, l, avail)
		}
		d.text(x, d.y, briefLine, lst, l)
		d.y += briefLine
	}
}

// justify is the character spacing that makes line l fill w, or st's own
// spacing when that would open visible gaps (a line cut short by a long
// number).
func justify(st style, l string, w float64) float64 {
	n := utf8.RuneCountInString(l)
	if n < 2 {
		return st.spacing
	}
	extra := w - (st.width(l) - st.spacing*briefPt)
	if extra <= 0 || extra > 3*briefChar || (n < 8 && extra > briefChar) {
		return st.spacing
	}
	return st.spacing + extra/briefPt/float64(n-1)
}

// centred prints s centred on the measure, lines balanced so that none
// holds a lone character (a title).
func (d *briefDoc) centred(st style, s string, lh float64) {
	for _, l := range balancedLines(st, s, briefBodyW) {
		d.need(lh)
		d.text(briefLeft+(briefBodyW-st.width(l)+st.spacing*briefPt)/2, d.y, lh, st, l)
		d.y += lh
	}
}

// balancedLines breaks s into as few lines as the measure allows, then
// narrows the measure while the line count holds, so the lines come out
// of even length (a title of 29 characters: 15 and 14, not 28 and 1).
func balancedLines(st style, s string, w float64) []string {
	lines := st.lines(s, w)
	if len(lines) < 2 {
		return lines
	}
	lo, hi := w/float64(len(lines))*0.9, w
	for k := 0; k < 20; k++ {
		mid := (lo + hi) / 2
		if len(st.lines(s, mid)) == len(lines) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return st.lines(s, hi)
}

func (d *briefDoc) layout(u Unit, cat []mapping.Indicator, peers *Peers, o BriefOptions) {
	f := d.f
	d.newPage()
	d.masthead(o)

	// Title: two lines below the red rule, 2号 小标宋 centred.
	d.y += briefLine
	d.snap()
	title := d.with(style{font: f.Title, size: briefTitleS, color: briefBlack, bold: titleStroke(f.Title, 0.35)})
	name, rest := d.clean(briefOneLine(u.Name)), d.clean(PeriodLabel(u.Period)+"基层党建工作情况")
	if title.width(name+rest) > briefBodyW && title.width(name) <= briefBodyW && title.width(rest) <= briefBodyW {
		// Two lines break where the words do: the unit, then the rest.
		for _, l := range []string{name, rest} {
			d.text(briefLeft+(briefBodyW-title.width(l))/2, d.y, briefLine, title, l)
			d.y += briefLine
		}
	} else {
		d.centred(title, name+rest, briefLine)
	}
	d.y += briefLine

	body := d.body()
	d.para(body, d.clean(fmt.Sprintf("现将%s%s基层党建工作情况简报如下。", briefOneLine(u.Name), PeriodLabel(u.Period))))

	bound := map[string]mapping.Binding{}
	for _, b := range u.Bindings {
		if _, seen := bound[b.ID]; !seen {
			bound[b.ID] = b
		}
	}
	filed := briefFile(u, cat, o.Simplify)
	// A section the sources say nothing about is left out: the brief goes
	// out in the unit's own name, and "本季度未报送该方面情况" would have it
	// report that it did not report. The others keep the four sections'
	// order and are numbered 一、二、… as they stand.
	n := 0
	for _, sec := range extract.Sections {
		ss := filed[sec]
		if len(ss) == 0 {
			continue
		}
		d.heading1(briefNumerals[n]+"、"+string(sec), 0)
		n++
		for k, s := range ss {
			d.para(body, d.clean(briefOrdinal(k)+s))
		}
	}
	if rows := briefRows(u, cat, bound, o.Simplify); len(rows) > 0 {
		head := d.tableHead(rows, u.Previous != nil)
		d.heading1(briefNumerals[n]+"、主要指标", briefLine+head)
		d.heading2("（一）主要指标完成情况", head)
		d.table(rows, u.Previous != nil)
		if title, items, legend := briefChartItems(u, cat, bound, peers, o.Simplify); len(items) > 0 {
			d.heading2("（二）"+title, d.chartHeight(items))
			d.chart(items, legend)
		}
	}
	d.colophon(o)
	d.pageNumbers()
}

var briefNumerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// briefOrdinal is 一是, 二是 … for the k-th sentence of a section.
func briefOrdinal(k int) string {
	if k < len(briefNumerals) {
		return briefNumerals[k] + "是"
	}
	return ""
}

// titleStroke is the stroke that gives title font f 小标宋's weight: w
// for a 宋, none for a 小标宋.
func titleStroke(f *Font, w float64) float64 {
	if f.isXiaoBiaoSong() {
		return 0
	}
	return w
}

// masthead draws the red 版头: the brief's name, the issue, the issuer and
// the date over a red rule the width of the 版心.
func (d *briefDoc) masthead(o BriefOptions) {
	f := d.f
	mast := d.clean(briefOneLine(o.Masthead))
	size := 42.0
	st := d.with(style{font: f.Title, size: size, color: briefRed, bold: titleStroke(f.Title, 0.9)})
	for st.size > 22 && st.width(mast) > briefBodyW {
		st.size -= 2
	}
	// Spread a short name, as mastheads are set.
	if n := utf8.RuneCountInString(mast); n > 1 && n <= 10 {
		st.spacing = math.Min(st.size*0.25, (briefBodyW*0.9-st.width(mast))/briefPt/float64(n-1))
		st.spacing = math.Max(0, st.spacing)
	}
	d.y = briefTop
	d.centred(st, mast, st.size*briefPt*1.3)
	d.y += 4
	d.centred(d.body(), d.clean(briefOneLine(o.Issue)), briefLine)
	d.y += 2
	issuer := d.clean(briefOneLine(o.Issuer))
	if !strings.HasSuffix(issuer, "编印") && !strings.HasSuffix(issuer, "编") {
		issuer += "编印"
	}
	date := d.clean(briefOneLine(o.Date))
	b := d.body()
	b.spacing = 0
	d.text(briefLeft+briefChar, d.y, briefLine, b, issuer)
	d.text(briefLeft+briefBodyW-briefChar-b.width(date), d.y, briefLine, b, date)
	d.y += briefLine + 1
	d.line(briefLeft, d.y, briefLeft+briefBodyW, d.y, 1.0, briefRed)
	d.y += 1
}

// heading1 is a first-level heading (一、) in 黑体, kept with at least two
// lines, or the next mm, of what follows it.
func (d *briefDoc) heading1(s string, next float64) {
	d.snap()
	d.block('h')
	d.need(briefLine + max(2*briefLine, next))
	st := d.with(style{font: d.f.Heading1, size: briefSize, spacing: bodySpacing, color: briefBlack})
	d.text(briefLeft+2*briefChar, d.y, briefLine, st, d.clean(s))
	d.y += briefLine
}

// heading2 is a second-level heading (（一）) in 楷体, kept with the next
// mm of what follows it (a table's head, a chart).
func (d *briefDoc) heading2(s string, next float64) {
	d.snap()
	d.block('h')
	d.need(briefLine + max(2*briefLine, next))
	st := d.with(style{font: d.f.Heading2, size: briefSize, spacing: bodySpacing, color: briefBlack})
	d.text(briefLeft+2*briefChar, d.y, briefLine, st, d.clean(s))
	d.y += briefLine
}

// briefFile files each distinct sentence of the unit under one section:
// that of the indicator its figure is bound to, else the one most of its
// figures are in (the first of them on a tie). A section keeps at most
// briefMaxSentences, those with bound figures first, in document order.
func briefFile(u Unit, cat []mapping.Indicator, simplify func(string) string) map[extract.Section][]string {
	secOf := map[string]extract.Section{}
	for _, ind := range cat {
		secOf[ind.ID] = ind.Section
	}
	key := func(src string, line int, text string) string {
		return src + "\x00" + strconv.Itoa(line) + "\x00" + text
	}
	boundSec := map[string]extract.Section{}
	corrected := map[string][2]string{} // sentence key -> old text, new text
	for _, b := range u.Bindings {
		k := key(b.Source, b.Line, b.Text)
		if s, ok := secOf[b.ID]; ok {
			if _, seen := boundSec[k]; !seen {
				boundSec[k] = s
			}
		}
		if b.Manual != nil && b.Manual.Original != nil && *b.Manual.Original != b.Value && b.Text != "" {
			corrected[k] = [2]string{b.Text, FormatOfficial(b.Value, b.Measure, b.Qualifier)}
		}
	}
	type sent struct {
		text   string
		order  int
		votes  map[extract.Section]int
		first  extract.Section
		bound  extract.Section
		nBound int
		fix    [][2]string
		// where the sentence stands in its source line (rune offsets;
		// end 0 when unknown), so a sentence that points back can be
		// joined to the one just before it.
		src        string
		line       int
		start, end int
		next       []*sent // sentences joined after this one
	}
	var order []*sent
	byText := map[string]*sent{}
	for _, fg := range u.Figures {
		t := briefOneLine(simplify(fg.Sentence))
		if t == "" {
			continue
		}
		st, ok := byText[t]
		if !ok {
			st = &sent{text: t, order: len(order), votes: map[extract.Section]int{}, first: fg.Section, src: fg.Source, line: fg.Line}
			if in := briefInSentence(fg); in >= 0 && fg.Span[1] > 0 {
				st.start = fg.Span[0] - in
				st.end = st.start + utf8.RuneCountInString(fg.Sentence)
			}
			byText[t] = st
			order = append(order, st)
		}
		st.votes[fg.Section]++
		k := key(fg.Source, fg.Line, fg.Text)
		if s, ok := boundSec[k]; ok {
			if st.nBound == 0 {
				st.bound = s
			}
			st.nBound++
		}
		if c, ok := corrected[k]; ok {
			st.fix = append(st.fix, [2]string{simplify(c[0]), c[1]})
		}
	}
	per := map[extract.Section][]*sent{}
	for _, st := range order {
		sec := st.bound
		if st.nBound == 0 {
			sec = st.first
			for _, s := range extract.Sections {
				if st.votes[s] > st.votes[sec] {
					sec = s
				}
			}
		}
		per[sec] = append(per[sec], st)
	}
	render := func(st *sent) string {
		t := st.text
		for _, c := range st.fix {
			t = strings.Replace(t, c[0], c[1], 1)
		}
		return briefUnitRef(briefSentence(t), u.Name)
	}
	out := map[extract.Section][]string{}
	for sec, ss := range per {
		ss = briefJoinAnaphors(ss, func(st *sent) bool { return briefAnaphoric(render(st)) },
			func(prev, st *sent) bool {
				return prev.src == st.src && prev.line == st.line && prev.end > 0 && st.end > 0 && st.start-prev.end >= 0 && st.start-prev.end <= 2
			},
			func(prev, st *sent) {
				prev.next = append(prev.next, st)
				prev.end = st.end
				prev.nBound += st.nBound
			})
		if len(ss) > briefMaxSentences {
			sort.SliceStable(ss, func(i, j int) bool { return ss[i].nBound > ss[j].nBound })
			ss = ss[:briefMaxSentences]
			sort.Slice(ss, func(i, j int) bool { return ss[i].order < ss[j].order })
		}
		for _, st := range ss {
			t := render(st)
			for _, n := range st.next {
				t += render(n)
			}
			if t != "" {
				out[sec] = append(out[sec], t)
			}
		}
	}
	return out
}

// briefJoinAnaphors goes through a section's sentences in document order:
// one that points back (anaphoric) is joined to the sentence just before it
// in the same paragraph when that one is in the brief (adjacent), else
// left out when the section has sentences that stand alone; the only
// sentences of a section are kept rather than lose the section.
func briefJoinAnaphors[S any](ss []S, anaphoric func(S) bool, adjacent func(prev, s S) bool, join func(prev, s S)) []S {
	alone := 0
	for _, s := range ss {
		if !anaphoric(s) {
			alone++
		}
	}
	var kept []S
	for _, s := range ss {
		if anaphoric(s) {
			if n := len(kept); n > 0 && adjacent(kept[n-1], s) {
				join(kept[n-1], s)
				continue
			}
			if alone > 0 {
				continue
			}
		}
		kept = append(kept, s)
	}
	return kept
}

// briefInSentence is the rune offset of the figure's text in its sentence,
// or -1.
func briefInSentence(fg extract.Figure) int {
	if fg.InSentence > 0 {
		return fg.InSentence
	}
	i := strings.Index(fg.Sentence, fg.Text)
	if i < 0 {
		return -1
	}
	return utf8.RuneCountInString(fg.Sentence[:i])
}

// briefLead matches an enumeration the source put before its sentence (一是,
// （一）, 1., 第一，), which the brief replaces with its own 一是, 二是.
var briefLead = regexp.MustCompile(`^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[是、．.]|\d+[、.．)）]|第[一二三四五六七八九十]+[，,、]|[其另]外，|此外，|同时，)\s*`)

// briefSentence makes a source sentence stand alone after 一是: without the
// source's own enumeration, shortened to its clauses with figures when very
// long, and ended with 。 rather than the source's ；, ： or ，.
func briefSentence(s string) string {
	for {
		t := briefLead.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	s = briefLabel(s)
	s = briefTrimSentence(s)
	s = strings.TrimRight(s, "；;：:，,、 ")
	if s == "" {
		return ""
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	if !strings.ContainsRune("。！？…", last) {
		if last == '”' || last == '）' {
			if prev, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(strings.TrimSuffix(s, "”"), "）")); strings.ContainsRune("。！？", prev) {
				return s
			}
		}
		s += "。"
	}
	return s
}

// briefLabel handles the short label a table row or list item puts before
// its text ("抓队伍：发展党员326名", "天堂镇：党员人数3120名"): a section's name
// is dropped, since the brief's heading says it; any other label is read
// into the sentence ("天堂镇党员人数3120名").
func briefLabel(s string) string {
	label, rest, ok := strings.Cut(s, "：")
	if !ok {
		label, rest, ok = strings.Cut(s, ":")
	}
	if !ok || rest == "" || label == "" || utf8.RuneCountInString(label) > 8 || briefHasDigit(label) || strings.ContainsAny(label, "，。；、,") {
		return s
	}
	for _, sec := range extract.Sections {
		if label == string(sec) {
			return rest
		}
	}
	return label + rest
}

// briefTrimSentence shortens a very long sentence to its first clause and
// the clauses that hold a figure.
func briefTrimSentence(s string) string {
	const long = 160
	if utf8.RuneCountInString(s) <= long {
		return s
	}
	clauses := strings.SplitAfter(s, "；")
	if len(clauses) < 2 {
		return s
	}
	var b strings.Builder
	for i, c := range clauses {
		if i == 0 || briefHasDigit(c) {
			b.WriteString(c)
		}
	}
	return b.String()
}

func briefHasDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789０１２３４５６７８９")
}

// briefRow is one indicator of the key-indicator table.
type briefRow struct{ label, value, prev, note string }

// briefRows lists the bound indicators in catalogue order, each value in
// its source wording (a reviewer's value in official style, with who
// decided it).
func briefRows(u Unit, cat []mapping.Indicator, bound map[string]mapping.Binding, simplify func(string) string) []briefRow {
	var rows []briefRow
	for _, ind := range cat {
		b, ok := bound[ind.ID]
		if !ok {
			continue
		}
		r := briefRow{label: briefOneLine(ind.Label), value: simplify(briefValueText(b, ind))}
		if b.Manual != nil {
			r.note = "人工核定"
			var who []string
			if b.Manual.By != "" {
				who = append(who, b.Manual.By)
			}
			if !b.Manual.At.IsZero() {
				who = append(who, fmt.Sprintf("%d年%d月%d日", b.Manual.At.Year(), int(b.Manual.At.Month()), b.Manual.At.Day()))
			}
			if len(who) > 0 {
				r.note += "（" + strings.Join(who, "，") + "）"
			}
		}
		if p, ok := u.Previous[ind.ID]; ok {
			r.prev = simplify(briefOneLine(p.Text))
			if r.prev == "" {
				m := p.Measure
				if m == "" {
					m = ind.Measure
				}
				r.prev = FormatOfficial(p.Value, m, p.Qualifier)
			}
		} else if u.Previous != nil {
			r.prev = "—"
		}
		rows = append(rows, r)
	}
	return rows
}

// briefValueText is a bound value as the brief prints it: the source's
// wording, or the value in official style when a person set it or the
// source gave none.
func briefValueText(b mapping.Binding, ind mapping.Indicator) string {
	// A figure a person added or corrected is printed from the decision's
	// value and measure: its source wording may count something else
	// (an add quoting 优化调整网格2797个 for 志愿服务参与人数 2797名).
	keep := b.Manual == nil || b.Manual.Action == "accept" || b.Manual.Action == "move" ||
		(b.Manual.Original != nil && *b.Manual.Original == b.Value)
	if t := briefOneLine(b.Text); t != "" && keep {
		return t
	}
	m := b.Measure
	if m == "" {
		m = ind.Measure
	}
	return FormatOfficial(b.Value, m, b.Qualifier)
}

// Table geometry: 4号 is too large for a table on a 156 mm measure; 小四
// (12 pt) in the table face, header in 黑体.
const (
	briefCellPad  = 1.5
	briefCellSize = 12.0
	briefCellLH   = 6.0
)

func (d *briefDoc) tableCols(withPrev, withNote bool) []float64 {
	cols := []float64{0, 34}
	if withPrev {
		cols = append(cols, 32)
	}
	if withNote {
		cols = append(cols, 36)
	}
	rest := briefBodyW
	for _, c := range cols[1:] {
		rest -= c
	}
	cols[0] = rest
	return cols
}

// table prints the rows with a header, repeating the header on each page
// the table runs onto; a row is never split.
// tableSpec is the table's columns, header and the cells of a row.
func (d *briefDoc) tableSpec(rows []briefRow, withPrev bool) ([]float64, []string, func(briefRow) []string) {
	withNote := false
	for _, r := range rows {
		if r.note != "" {
			withNote = true
		}
	}
	cols := d.tableCols(withPrev, withNote)
	header := []string{"指标", "本季度"}
	if withPrev {
		header = append(header, "上季度")
	}
	if withNote {
		header = append(header, "说明")
	}
	cells := func(r briefRow) []string {
		c := []string{r.label, r.value}
		if withPrev {
			c = append(c, r.prev)
		}
		if withNote {
			c = append(c, r.note)
		}
		return c
	}
	return cols, header, cells
}

// tableHead is the height of the table's header and first two rows, which
// stay together.
func (d *briefDoc) tableHead(rows []briefRow, withPrev bool) float64 {
	cols, header, cells := d.tableSpec(rows, withPrev)
	h := 1 + d.rowHeight(d.with(style{font: d.f.Heading1, size: briefCellSize}), header, cols)
	for i := 0; i < len(rows) && i < 2; i++ {
		h += d.rowHeight(d.with(style{font: d.f.Table, size: briefCellSize}), cells(rows[i]), cols)
	}
	return h
}

func (d *briefDoc) table(rows []briefRow, withPrev bool) {
	cols, header, cells := d.tableSpec(rows, withPrev)
	hst := d.with(style{font: d.f.Heading1, size: briefCellSize, color: briefBlack})
	cst := d.with(style{font: d.f.Table, size: briefCellSize, color: briefBlack})
	d.need(d.tableHead(rows, withPrev))
	// Each row is broken into lines once: its height is asked for up to
	// three times (this row, the one before it keeping two together).
	hl := d.cellLines(hst, header, cols)
	rl := make([][][]string, len(rows))
	lines := func(i int) [][]string {
		if rl[i] == nil {
			rl[i] = d.cellLines(cst, cells(rows[i]), cols)
		}
		return rl[i]
	}
	d.y += 1
	d.drawRow(hst, hl, cols, true)
	for i := range rows {
		h := linesHeight(lines(i))
		kind := byte('r')
		if i < 2 || i == len(rows)-1 {
			kind = 'R'
		}
		pages := len(d.pages)
		d.block(kind)
		if len(d.pages) > pages {
			// Forced onto a new page: the header goes with it.
			d.drawRow(hst, hl, cols, true)
		}
		brk := d.y+h > briefBottom
		if !brk && i == len(rows)-2 && i > 0 {
			// Carry two rows over rather than leave the last one alone.
			brk = d.y+h+linesHeight(lines(i+1)) > briefBottom
		}
		if brk {
			d.newPage()
			d.drawRow(hst, hl, cols, true)
		}
		d.drawRow(cst, lines(i), cols, false)
	}
	d.y += 2
}

func (d *briefDoc) cellLines(st style, cells []string, cols []float64) [][]string {
	out := make([][]string, len(cells))
	for i, c := range cells {
		out[i] = st.lines(d.clean(c), cols[i]-2*briefCellPad)
	}
	return out
}

func (d *briefDoc) rowHeight(st style, cells []string, cols []float64) float64 {
	return linesHeight(d.cellLines(st, cells, cols))
}

// linesHeight is the height of a row whose cells hold these lines.
func linesHeight(cells [][]string) float64 {
	n := 1
	for _, ls := range cells {
		n = max(n, len(ls))
	}
	return float64(n)*briefCellLH + 2*briefCellPad
}

// drawRow draws a table row of cells already broken into lines.
func (d *briefDoc) drawRow(st style, lines [][]string, cols []float64, header bool) {
	h := linesHeight(lines)
	x := briefLeft
	for i, ls := range lines {
		cw := cols[i]
		top := d.y + briefCellPad + (h-2*briefCellPad-float64(len(ls))*briefCellLH)/2
		for _, l := range ls {
			lx := x + briefCellPad
			if header || i > 0 {
				lx = x + (cw-st.width(l))/2
			}
			d.text(lx, top, briefCellLH, st, l)
			top += briefCellLH
		}
		x += cw
	}
	lw := 0.2
	top := 0.2
	if header {
		top = 0.5
	}
	d.line(briefLeft, d.y, briefLeft+briefBodyW, d.y, top, briefBlack)
	d.line(briefLeft, d.y+h, briefLeft+briefBodyW, d.y+h, lw, briefBlack)
	x = briefLeft
	for i := 0; i <= len(cols); i++ {
		d.line(x, d.y, x, d.y+h, lw, briefBlack)
		if i < len(cols) {
			x += cols[i]
		}
	}
	d.y += h
}

// briefChartItem is one indicator of the comparison chart: the unit's value
// and what it is compared with, in the same measure.
type briefChartItem struct {
	label, measure string
	unit, other    float64
	// unitText, otherText label the bars: the values as the table above
	// prints them (the source's wording, 1.3万余人次, 100余家), an average in
	// official style with the unit's measure word.
	unitText, otherText string
}

// Peers are a run's bound values per indicator among units of the same
// administrative level, so a county's brief compares it with counties and
// a city's with cities.
type Peers struct {
	vals  map[string]map[string]map[string]float64 // level -> indicator -> unit -> value
	units map[string]map[string]bool               // level -> units
}

// NewPeers collects the bound values of units by Unit.Level.
func NewPeers(units []Unit) *Peers {
	p := &Peers{vals: map[string]map[string]map[string]float64{}, units: map[string]map[string]bool{}}
	for _, u := range units {
		if p.vals[u.Level] == nil {
			p.vals[u.Level], p.units[u.Level] = map[string]map[string]float64{}, map[string]bool{}
		}
		p.units[u.Level][u.Name] = true
		for _, b := range u.Bindings {
			if p.vals[u.Level][b.ID] == nil {
				p.vals[u.Level][b.ID] = map[string]float64{}
			}
			if _, seen := p.vals[u.Level][b.ID][u.Name]; !seen {
				p.vals[u.Level][b.ID][u.Name] = b.Value
			}
		}
	}
	return p
}

// others is how many units of level there are besides unit.
func (p *Peers) others(level, unit string) int {
	if p == nil {
		return 0
	}
	n := len(p.units[level])
	if p.units[level][unit] {
		n--
	}
	return n
}

// average is the mean of id over the units of level other than unit (a
// unit is not part of the average it is compared with), and how many
// there are.
func (p *Peers) average(level, id, unit string) (float64, int) {
	if p == nil {
		return 0, 0
	}
	sum, n := 0.0, 0
	for name, v := range p.vals[level][id] {
		if name != unit {
			sum += v
			n++
		}
	}
	if n == 0 {
		return 0, 0
	}
	return sum / float64(n), n
}

// briefChartItems picks what the chart compares: this quarter with the last
// when the unit has a previous run, else the unit with the average of its
// level's units (when its level is known and it has peers there), a few
// indicators taken in turn from each section.
func briefChartItems(u Unit, cat []mapping.Indicator, bound map[string]mapping.Binding, peers *Peers, simplify func(string) string) (title string, items []briefChartItem, legend [2]string) {
	prev := len(u.Previous) > 0
	// The caption says how many units the average is of: the run's units
	// of the level, which may be of several provinces; with fewer than two
	// an "average" is one other unit's figure, and there is no chart.
	others := peers.others(u.Level, u.Name)
	var peerName string
	switch u.Level {
	case "county":
		peerName = fmt.Sprintf("%d个县（市、区）", others)
	case "city":
		peerName = fmt.Sprintf("%d个市", others)
	}
	if !prev && (peerName == "" || others < 2) {
		return "", nil, legend
	}
	perSec := map[extract.Section][]briefChartItem{}
	for _, ind := range cat {
		b, ok := bound[ind.ID]
		if !ok || b.Value < 0 {
			continue
		}
		m := b.Measure
		if m == "" {
			m = ind.Measure
		}
		var other float64
		var otherText string
		avgOf := 0
		if prev {
			p, ok := u.Previous[ind.ID]
			if !ok || p.Value < 0 {
				continue
			}
			if p.Measure != "" && b.Measure != "" && p.Measure != b.Measure {
				continue // one measure per bar pair
			}
			other = p.Value
			if otherText = simplify(briefOneLine(p.Text)); otherText == "" {
				otherText = FormatOfficial(p.Value, m, p.Qualifier)
			}
		} else {
			a, n := peers.average(u.Level, ind.ID, u.Name)
			if n < 2 {
				continue
			}
			other = briefRoundAverage(a, ind.Measure)
			avgOf = n
		}
		if b.Value == 0 && other == 0 {
			continue
		}
		unitText := simplify(briefValueText(b, ind))
		if otherText == "" {
			// The average in the measure word the unit's value is
			// written with (100余家: the average in 家 too).
			om := m
			if w := briefMeasureWord(unitText); w != "" {
				om = w
			}
			otherText = FormatOfficial(other, om, "")
			if avgOf < others {
				// Not every unit of the caption reported it.
				otherText += fmt.Sprintf("（%d个单位平均）", avgOf)
			}
		}
		label := ind.Label
		if i := strings.IndexAny(label, "（("); i > 0 {
			label = label[:i]
		}
		perSec[ind.Section] = append(perSec[ind.Section], briefChartItem{briefOneLine(label), m, b.Value, other, unitText, otherText})
	}
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
	if prev {
		return "主要指标与上季度对比", items, [2]string{"本季度", "上季度"}
	}
	return "主要指标与本期汇总的其他" + peerName + "平均水平对比", items, [2]string{briefOneLine(u.Name), "其他" + peerName + "平均"}
}

// briefMeasureWord is the measure word a value's wording ends with: 家 of
// 100余家, 人次 of 1.3万余人次, % of 98.6%; "" when the wording is not a
// number and its measure (近两成).
func briefMeasureWord(text string) string {
	rest := strings.TrimLeft(text, "0123456789.,，０１２３４５６７８９")
	if rest == text {
		return ""
	}
	rest = strings.TrimLeft(rest, "万亿千百十")
	rest = strings.TrimLeft(rest, "余多")
	rest = strings.TrimLeft(rest, "万亿千百十")
	if rest == "" || briefHasDigit(rest) || utf8.RuneCountInString(rest) > 4 {
		return ""
	}
	return rest
}

// briefRoundAverage rounds an average as a reader expects it: a count to a
// whole number (1396名, not 1396.25名), a rate to one decimal.
func briefRoundAverage(v float64, measure string) float64 {
	switch {
	case measure == "%" || measure == "％" || v < 10:
		return math.Round(v*10) / 10
	}
	return math.Round(v)
}

// Chart geometry, mm.
const (
	briefChartLabelW = 50.0
	briefChartBarH   = 4.0
	briefChartLH     = 5.6
)

// chartRowHeights are the heights of the chart's rows, and the total with
// its legend.
func (d *briefDoc) chartRowHeights(items []briefChartItem) ([]float64, float64) {
	lst := d.with(style{font: d.f.Table, size: 12})
	heights := make([]float64, len(items))
	total := 10.0
	for i, it := range items {
		n := len(lst.lines(d.clean(it.label), briefChartLabelW))
		heights[i] = max(float64(n)*briefChartLH, 2*briefChartBarH+1) + 4
		total += heights[i]
	}
	return heights, total
}

func (d *briefDoc) chartHeight(items []briefChartItem) float64 {
	_, h := d.chartRowHeights(items)
	return h
}

// chart draws horizontal bar pairs, each on its own scale since each
// indicator has its own measure, labelled with the values in official style.
func (d *briefDoc) chart(items []briefChartItem, legend [2]string) {
	const (
		labelW = briefChartLabelW
		valueW = 34.0
		barH   = briefChartBarH
		lh     = briefChartLH
	)
	lst := d.with(style{font: d.f.Table, size: 12, color: briefBlack})
	// Value labels near-black, as the summary's chart's (issue 13): grey
	// prints faint on an office printer.
	vst := d.with(style{font: d.f.Table, size: 10.5, color: briefBlack})
	barX := briefLeft + labelW + 2
	barW := briefBodyW - labelW - 2 - valueW
	heights, total := d.chartRowHeights(items)
	d.block('c')
	d.need(total)
	top := d.y
	// Legend.
	lx := briefLeft + labelW + 2
	for k, name := range legend {
		c := briefRed
		if k == 1 {
			c = briefLight
		}
		d.rect(lx, d.y+2.2, 5, 3.5, c)
		name = d.clean(name)
		d.text(lx+6.5, d.y, 8, lst, name)
		lx += 6.5 + lst.width(name) + 8
	}
	d.y += 10
	for i, it := range items {
		h := heights[i]
		ls := lst.lines(d.clean(it.label), labelW)
		lt := d.y + (h-float64(len(ls))*lh)/2
		for _, l := range ls {
			d.text(briefLeft, lt, lh, lst, l)
			lt += lh
		}
		scale := math.Max(it.unit, it.other)
		by := d.y + (h-(2*barH+1))/2
		texts := [2]string{it.unitText, it.otherText}
		for k, v := range []float64{it.unit, it.other} {
			w := 0.0
			if scale > 0 {
				w = barW * v / scale
			}
			c := briefRed
			if k == 1 {
				c = briefLight
			}
			if w > 0.05 {
				d.rect(barX, by, w, barH, c)
			}
			t := texts[k]
			if t == "" {
				t = FormatOfficial(v, it.measure, "")
			}
			d.text(barX+w+1.5, by-0.5, barH+1, vst, d.clean(t))
			by += barH + 1
		}
		d.y += h
	}
	d.line(barX, top+10, barX, d.y, 0.2, briefGrey)
	d.y += 2
}

// colophon is the 版记 at the foot of the last page: 抄送, the printing
// office and date (印发), 共印X份, between rules the width of the 版心.
func (d *briefDoc) colophon(o BriefOptions) {
	st := d.with(style{font: d.f.Body, size: briefFoot, color: briefBlack})
	lh := 7.0
	// 抄送：… wraps under the first character after the colon (GB/T 9704
	// 7.3.1): the lines after the first are indented by the label.
	var cc []string
	label := d.clean("抄送：")
	labelW := st.width(label)
	if c := strings.TrimSpace(briefOneLine(o.CC)); c != "" {
		c = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(c, "抄送："), "抄送:"), "。")
		cc = st.lines(d.clean(c+"。"), briefBodyW-2*briefChar-labelW)
	}
	h := float64(len(cc))*lh + lh + 2
	if o.Copies > 0 {
		h += lh
	}
	pages := len(d.pages)
	d.need(h + briefLine)
	d.aloneColop = len(d.pages) > pages
	y := briefBottom - h
	d.line(briefLeft, y, briefLeft+briefBodyW, y, 0.35, briefBlack)
	y += 1
	for i, l := range cc {
		if i == 0 {
			d.text(briefLeft+briefChar*0.9, y, lh, st, label)
		}
		d.text(briefLeft+briefChar*0.9+labelW, y, lh, st, l)
		y += lh
	}
	if len(cc) > 0 {
		d.line(briefLeft, y, briefLeft+briefBodyW, y, 0.25, briefBlack)
	}
	by := d.clean(briefOneLine(o.PrintedBy))
	on := d.clean(briefOneLine(o.PrintedOn)) + "印发"
	d.text(briefLeft+briefChar*0.9, y, lh, st, by)
	d.text(briefLeft+briefBodyW-briefChar*0.9-st.width(on), y, lh, st, on)
	y += lh
	if o.Copies > 0 {
		d.line(briefLeft, y, briefLeft+briefBodyW, y, 0.25, briefBlack)
		n := fmt.Sprintf("（共印%d份）", o.Copies)
		d.text(briefLeft+briefBodyW-briefChar*0.9-st.width(n), y, lh, st, d.clean(n))
		y += lh
	}
	d.line(briefLeft, y+0.5, briefLeft+briefBodyW, y+0.5, 0.35, briefBlack)
	d.y = briefBottom
}

// pageNumbers puts "— n —" in 4号 below the 版心, right on odd pages and
// left on even ones, a character in from the edge (GB/T 9704 7.5).
func (d *briefDoc) pageNumbers() {
	st := d.with(style{font: d.f.Title, size: briefFoot, color: briefBlack})
	for i := range d.pages {
		s := fmt.Sprintf("— %d —", i+1)
		w := st.width(s)
		x := briefLeft + briefBodyW - briefChar - w
		if (i+1)%2 == 0 {
			x = briefLeft + briefChar
		}
		sz := st.size * briefPt
		base := briefBottom + 7 + st.font.ascent*sz
		d.pages[i] = append(d.pages[i], pdfOp{kind: 't', x: x, y: base, font: st.font, size: st.size, s: s, color: st.color})
	}
}

// briefOneLine collapses whitespace, so source line breaks do not show.
func briefOneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// FormatValue writes v for a table of numbers: thousands separators and at
// most two decimals, without trailing zeros: 1582 -> 1,582; 98.60 -> 98.6.
// The brief writes numbers in official style instead (FormatOfficial).
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
