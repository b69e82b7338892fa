package source

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Tables of .docx and .html sources. The readers collect a table's rows and
// cells (with their paragraph lines) into a table; lines() then decides:
//
//   - a layout table (no column of numbers) gives its cell paragraphs, one
//     line each, exactly as before tables were read as tables;
//   - a data table gives one line per data row, written the way reports
//     write figures, so the figure grammar of extract/ reads them:
//     header [指标, 单位, 数值] row [发展党员, 名, 1810] -> "发展党员1810名。";
//     header [单位, 党员人数（名）, 村集体收入（万元）] row [城关镇, 356, 12.5]
//     -> "城关镇：党员人数356名，村集体收入12.5万元。".
//
// Header rows produce no line of their own: their words are in every row.
// Line.No of a row line is the number of the row's first own paragraph (for
// .docx its paragraph ordinal, for HTML its source line), so numbering of
// everything after the table is unchanged and a user finds the row there.

// Limits keep hostile input (colspan=100000) from blowing up the grid.
const (
	maxTableCols = 64
	maxRowSpan   = 1000
)

// Vertical merge states of a .docx cell (w:vMerge).
const (
	vmergeNone = iota
	vmergeRestart
	vmergeContinue
)

type tableCell struct {
	paras   []Line
	colspan int // ≥ 1
	rowspan int // HTML rowspan, ≥ 1
	vmerge  int // .docx
}

type tableRow struct {
	cells  []tableCell
	before int // .docx w:gridBefore: grid columns skipped before the first cell
}

// looseLine is text inside a table but outside any cell (an HTML caption),
// kept with the number of rows seen before it so it stays in place.
type looseLine struct {
	line Line
	pos  int
}

// table is one table being read, or read.
type table struct {
	rows  []tableRow
	loose []looseLine
	all   []Line // every paragraph in reading order: the layout output
	cell  *tableCell
	row   *tableRow
	// prev is the line just before the table: "单位：万元" above a table
	// gives the unit of its bare numbers.
	prev string
}

func (t *table) startRow() {
	t.endRow()
	t.rows = append(t.rows, tableRow{})
	t.row = &t.rows[len(t.rows)-1]
}

func (t *table) endRow() {
	t.endCell()
	t.row = nil
}

func (t *table) startCell(colspan, rowspan, vmerge int) {
	t.endCell()
	if t.row == nil {
		t.startRow()
	}
	t.row.cells = append(t.row.cells, tableCell{colspan: max(colspan, 1), rowspan: max(rowspan, 1), vmerge: vmerge})
	t.cell = &t.row.cells[len(t.row.cells)-1]
}

func (t *table) endCell() { t.cell = nil }

// add records one paragraph line read inside the table.
func (t *table) add(l Line) {
	t.all = append(t.all, l)
	if t.cell != nil {
		t.cell.paras = append(t.cell.paras, l)
		return
	}
	t.loose = append(t.loose, looseLine{l, len(t.rows)})
}

// gridCell is one position of the table's grid after spans are resolved.
type gridCell struct {
	text string // original characters, paragraphs joined
	key  string // simplified, without spaces: what the rules look at
	no   int    // line number of its first paragraph; 0 for copies and empty cells
	own  bool   // the cell itself, not a copy of a spanning neighbour
	used bool   // taken by a cell or a span (an HTML rowspan from above)
}

// grid resolves gridSpan/vMerge and colspan/rowspan into rows×cols. It
// reports false when a cell with text found no place within the limits: such
// a table is read as layout, so no text is lost.
func (t *table) grid() ([][]gridCell, bool) {
	ok := true
	var g [][]gridCell
	var pending [][]gridCell // HTML rowspans reaching into later rows
	for r, row := range t.rows {
		var cur []gridCell
		if r < len(pending) {
			cur = pending[r]
		}
		put := func(col int, c gridCell) {
			if col >= maxTableCols {
				if c.own && c.key != "" {
					ok = false
				}
				return
			}
			for len(cur) <= col {
				cur = append(cur, gridCell{})
			}
			cur[col] = c
		}
		taken := func(col int) bool { return col < len(cur) && cur[col].used }
		col := min(row.before, maxTableCols)
		for _, c := range row.cells {
			for taken(col) && col < maxTableCols {
				col++
			}
			own := cellOf(c.paras)
			switch {
			case c.vmerge == vmergeContinue && own.key == "":
				// The continued cell shows the text of the cell it merges with.
				if r > 0 && col < len(g[r-1]) {
					up := g[r-1][col]
					own = gridCell{text: up.text, key: up.key}
				} else {
					own = gridCell{}
				}
				if len(c.paras) > 0 {
					own.no = c.paras[0].No
				}
			default:
				own.own = true
			}
			own.used = true
			span := min(c.colspan, maxTableCols)
			for k := 0; k < span; k++ {
				cp := own
				if k > 0 {
					cp.own, cp.no = false, 0
				}
				put(col+k, cp)
				if c.rowspan > 1 {
					down := cp
					down.own, down.no = false, 0
					for d := 1; d < min(c.rowspan, maxRowSpan) && r+d < len(t.rows); d++ {
						for len(pending) <= r+d {
							pending = append(pending, nil)
						}
						for len(pending[r+d]) <= col+k && col+k < maxTableCols {
							pending[r+d] = append(pending[r+d], gridCell{})
						}
						if col+k < maxTableCols {
							pending[r+d][col+k] = down
						}
					}
				}
			}
			col += span
		}
		g = append(g, cur)
	}
	width := 0
	for _, row := range g {
		width = max(width, len(row))
	}
	for i := range g {
		for len(g[i]) < width {
			g[i] = append(g[i], gridCell{})
		}
	}
	return g, ok
}

func cellOf(paras []Line) gridCell {
	var b strings.Builder
	for i, p := range paras {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			next, _ := utf8.DecodeRuneInString(p.Text)
			if !(isWide(prev) && isWide(next)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p.Text)
	}
	c := gridCell{text: b.String()}
	if len(paras) > 0 {
		c.no = paras[0].No
	}
	c.key = tableKey(c.text)
	return c
}

// tableKey is the form the rules compare: simplified, without spaces
// (Word headers are often spaced out: 单  位).
func tableKey(s string) string {
	s = strings.Map(func(r rune) rune {
		if isSpace(r) {
			return -1
		}
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
	if !hasRune(s, &tradSet) {
		return s
	}
	cc, err := converter()
	if err != nil {
		return s
	}
	return sameLength(cc, s)
}

// Row kinds of a data table.
const (
	rowData   = iota
	rowTitle  // one cell across the table: a caption, a divider, a note
	rowHeader // before the first data row, without a number
)

// Column roles of a data table.
const (
	colText   = iota // words that are neither label nor figure (备注)
	colLabel         // what a row is about: an indicator or a place
	colValue         // numbers
	colUnit          // measure words (名, 万元, %)
	colSerial        // 序号
)

// header is what a column's header rows say about it.
type header struct {
	name   string // the counted thing (党员人数), or "" for 数值/数量
	period string // a time or scope the value belongs to (2024年, 累计)
	unit   string // from parentheses (人数（名）) or a unit row
	// implied is the unit a count word implies (人数: 人); a row's own unit
	// is more precise (党员 … 名).
	implied string
	raw     string // the header's key, for role words (序号, 单位)
}

// lines linearises the table; see the comment at the top of the file.
func (t *table) lines() []Line {
	t.endRow()
	if g, ok := t.grid(); ok {
		if out, ok := dataLines(t, g); ok {
			return out
		}
	}
	return t.all
}

func dataLines(t *table, g [][]gridCell) ([]Line, bool) {
	if len(g) == 0 || len(g[0]) < 2 {
		return nil, false
	}
	width := len(g[0])
	defUnit := captionUnit(tableKey(t.prev))
	for _, l := range t.loose {
		if _, u := splitUnit(l.line.Text); l.pos == 0 && u != "" {
			defUnit = u // <caption>单位：万元</caption>
		}
	}
	// Title rows (one cell across the table) before the header, header rows
	// (no number in them), then data.
	kind := make([]int, len(g))
	first := -1 // first data row
	headers := 0
	for r, row := range g {
		if isTitleRow(row) {
			kind[r] = rowTitle
			if first < 0 && headers == 0 {
				if _, u := splitUnit(titleText(row)); u != "" {
					defUnit = u
				}
			}
			continue
		}
		if first < 0 {
			if !rowHasNumber(row) && !rowHasDash(row) && headers < 3 {
				kind[r] = rowHeader
				headers++
				continue
			}
			first = r
		}
		kind[r] = rowData
	}
	if first < 0 {
		return nil, false
	}
	hs := make([]header, width)
	for c := 0; c < width; c++ {
		var parts []gridCell
		for r := 0; r < first; r++ {
			if kind[r] != rowHeader {
				continue
			}
			k := g[r][c].key
			if k != "" && (len(parts) == 0 || parts[len(parts)-1].key != k) {
				parts = append(parts, g[r][c])
			}
		}
		hs[c] = parseHeader(parts)
	}
	roles := columnRoles(g, kind, hs)
	values := 0
	for _, r := range roles {
		if r == colValue {
			values++
		}
	}
	if values == 0 {
		return nil, false
	}
	labels := 0
	for _, r := range roles {
		if r == colLabel {
			labels++
		}
	}
	entity := false
	for c := len(roles) - 1; c >= 0; c-- {
		if roles[c] == colLabel {
			entity = isEntityColumn(g, kind, c, hs[c])
			break
		}
	}
	var out []Line
	loose := t.loose
	emitLoose := func(pos int) {
		for len(loose) > 0 && loose[0].pos <= pos {
			out = append(out, loose[0].line)
			loose = loose[1:]
		}
	}
	headKeys := map[string]bool{}
	for r := 0; r < first; r++ {
		if kind[r] == rowHeader {
			headKeys[rowKey(g[r])] = true
		}
	}
	for r, row := range g {
		emitLoose(r)
		no := firstNo(row)
		// A header repeated in the body (a table split across pages) says
		// nothing new.
		if no == 0 || kind[r] == rowHeader || headKeys[rowKey(row)] {
			continue
		}
		if kind[r] == rowTitle {
			out = append(out, Line{No: no, Text: cleanLine(titleText(row))})
			continue
		}
		if s := cleanLine(rowLine(row, roles, hs, entity, defUnit)); s != "" {
			out = append(out, Line{No: no, Text: s})
		}
	}
	emitLoose(len(g) + 1)
	return out, true
}

func rowKey(row []gridCell) string {
	var b strings.Builder
	for _, c := range row {
		b.WriteString(c.key)
		b.WriteByte(0)
	}
	return b.String()
}

func firstNo(row []gridCell) int {
	for _, c := range row {
		if c.no > 0 {
			return c.no
		}
	}
	return 0
}

// isTitleRow: the row's text is one cell spanning the table (a caption, a
// divider like 一、抓队伍, a note).
func isTitleRow(row []gridCell) bool {
	owners, filled := 0, 0
	for _, c := range row {
		if c.own {
			owners++
		}
		if c.key != "" {
			filled++
		}
	}
	return owners == 1 && filled == len(row) && len(row) > 1
}

func titleText(row []gridCell) string { return row[0].text }

// rowHasDash: a row with a "—" for a missing value is data, not a header.
func rowHasDash(row []gridCell) bool {
	for _, c := range row {
		if c.own && isDash(c.key) {
			return true
		}
	}
	return false
}

func rowHasNumber(row []gridCell) bool {
	for _, c := range row {
		if c.own && isNumberCell(c.key) {
			return true
		}
	}
	return false
}

// columnRoles decides what each column holds, from its header and its data
// cells.
func columnRoles(g [][]gridCell, kind []int, hs []header) []int {
	width := len(hs)
	roles := make([]int, width)
	for c := 0; c < width; c++ {
		var filled, nums, units int
		for r, row := range g {
			if kind[r] != rowData || !row[c].own || row[c].key == "" || isDash(row[c].key) {
				continue
			}
			filled++
			if isNumberCell(row[c].key) {
				nums++
			}
			if isUnitLike(row[c].key) {
				units++
			}
		}
		switch {
		case isSerialHeader(hs[c].raw) || (c == 0 && hs[c].raw == "" && isSerialColumn(g, kind, c)):
			roles[c] = colSerial
		case units > 0 && units*2 >= filled:
			roles[c] = colUnit
		case nums > 0 && nums*2 >= filled:
			roles[c] = colValue
		default:
			roles[c] = colText
		}
	}
	// The text columns before the first number are the row's labels.
	for c := 0; c < width && roles[c] != colValue; c++ {
		if roles[c] == colText {
			roles[c] = colLabel
		}
	}
	return roles
}

var serialHeaders = map[string]bool{"序号": true, "序": true, "编号": true, "No": true, "No.": true, "NO": true, "NO.": true}

func isSerialHeader(k string) bool { return serialHeaders[k] }

// isSerialColumn: 1, 2, 3 … down the rows, a count of rows, not a figure.
func isSerialColumn(g [][]gridCell, kind []int, c int) bool {
	want := 1
	for r, row := range g {
		if kind[r] != rowData || row[c].key == "" {
			continue
		}
		if row[c].key != strconv.Itoa(want) {
			return false
		}
		want++
	}
	return want > 2
}

// Headers of a column of places or organisations (the reporting units of a
// round-up table).
var entityHeaders = []string{"单位", "单位名称", "地区", "区域", "地方", "乡镇", "镇街", "街道", "乡镇街道", "乡镇（街道）",
	"镇（街道）", "县（市、区）", "县市区", "县（市区）", "区县", "县区", "村", "村名", "村（社区）", "社区", "名称", "部门", "党组织", "党组织名称"}

// placeSuffixes end the names of places of the genre (城关镇, 东城街道).
var placeSuffixes = []string{"镇", "乡", "街道", "县", "区", "市", "村", "社区", "旗", "州", "盟", "苏木", "嘎查", "办事处"}

// scopeLabels are total rows; they say nothing about the column's kind.
var scopeLabels = map[string]bool{"合计": true, "总计": true, "小计": true, "共计": true, "总数": true, "全县": true,
	"全市": true, "全区": true, "全镇": true, "全乡": true, "全省": true, "全旗": true}

func isEntityColumn(g [][]gridCell, kind []int, c int, h header) bool {
	for _, e := range entityHeaders {
		if h.raw == e {
			return true
		}
	}
	var n, places int
	for r, row := range g {
		k := row[c].key
		if kind[r] != rowData || k == "" || scopeLabels[k] {
			continue
		}
		n++
		if utf8.RuneCountInString(k) <= 12 {
			for _, s := range placeSuffixes {
				if strings.HasSuffix(k, s) && k != s {
					places++
					break
				}
			}
		}
	}
	return n > 0 && places*2 > n
}

// rowLine writes one data row as a sentence.
func rowLine(row []gridCell, roles []int, hs []header, entity bool, defUnit string) string {
	var labels []string
	rowUnit := ""
	for c, cell := range row {
		switch roles[c] {
		case colLabel:
			if cell.key != "" {
				labels = append(labels, cell.text)
			}
		case colUnit:
			// Even a unit the list lacks (元/人) belongs after the number.
			if cell.key != "" && !isDash(cell.key) {
				rowUnit = strings.Join(strings.Fields(cell.text), "")
			}
		}
	}
	label := ""
	var prefix []string
	if len(labels) > 0 {
		label = labels[len(labels)-1]
		prefix = labels[:len(labels)-1]
		if name, u := splitUnit(label); u != "" {
			label = name
			if rowUnit == "" {
				rowUnit = u
			}
		}
		// A transposed table's row header (数值, 数量) counts nothing itself.
		if genericHeaders[tableKey(label)] {
			label = ""
		}
		if rowUnit == "" && isRateName(tableKey(label)) {
			rowUnit = "%"
		}
	}
	var segs []string
	for c, cell := range row {
		h := hs[c]
		switch roles[c] {
		case colValue:
			if !cell.own || cell.key == "" || isDash(cell.key) {
				continue
			}
			value := strings.Join(strings.Fields(cell.text), "")
			if isNumberCell(cell.key) {
				if !hasOwnUnit(cell.key) {
					// The header names its column's unit (完成率（%） in a row of 名).
					unit := firstNonEmpty(h.unit, rowUnit, h.implied, defUnit)
					if hasMultiplier(cell.key) {
						unit = strings.TrimLeft(unit, "万亿千百萬億")
					}
					value += unit
				}
			}
			seg := h.name + value
			if !entity {
				seg = label + seg
			}
			if h.period != "" {
				seg += "（" + h.period + "）"
			}
			segs = append(segs, seg)
		case colText:
			if cell.own && cell.key != "" && !isDash(cell.key) {
				segs = append(segs, cell.text)
			}
		}
	}
	if len(segs) == 0 {
		return strings.Join(labels, " ")
	}
	body := strings.Join(segs, "，") + "。"
	head := strings.Join(prefix, "，")
	if entity && label != "" {
		head = strings.Join(append(prefix, label), "，")
	}
	if head != "" {
		return head + "：" + body
	}
	return body
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// genericHeaders name the value column without saying what it counts.
var genericHeaders = map[string]bool{"数值": true, "数量": true, "数据": true, "数目": true, "数": true, "值": true,
	"指标值": true, "完成数": true, "完成值": true, "完成情况": true, "完成": true, "情况": true, "统计数": true, "实际": true,
	"实际完成": true, "结果": true, "内容": true, "金额": true}

// periodHeader: a header that says when or how far, not what (2024年,
// 第四季度, 1-9月, 累计, 同比); its value keeps the row's subject.
var periodHeader = regexp.MustCompile(`^((19|20)\d\d年(度)?.*|.*季度.*|.*\d+月.*|.*(累计|同期|上年|去年|本年|今年|年度|目标|计划|本期|上期|半年|全年|年初|年末|截至|截止).*)$`)

// parseHeader reads the header rows of one column, top to bottom. Names
// keep the original characters; the rules look at their keys.
func parseHeader(parts []gridCell) header {
	var h header
	var names, periods []string
	for _, p := range parts {
		h.raw += p.key
		name, unit := splitUnit(p.text)
		name = strings.Join(strings.Fields(name), "")
		if unit != "" && h.unit == "" {
			h.unit = unit
		}
		switch k := tableKey(name); {
		case k == "" || genericHeaders[k] || isSerialHeader(k):
		case periodHeader.MatchString(k):
			periods = append(periods, name)
		default:
			names = append(names, name)
		}
	}
	h.name = strings.Join(names, "")
	h.period = strings.Join(periods, "")
	h.implied = impliedUnit(tableKey(h.name))
	if h.unit == "" && isRateName(tableKey(h.name)) {
		h.unit = "%" // a rate's column holds percentages whatever the row counts
	}
	return h
}

// countWords end a header that counts something without a unit (党员人数 is
// a number of 人): the measure the statistical tables of the genre imply.
var countWords = []struct{ word, unit string }{
	{"人数", "人"}, {"户数", "户"}, {"个数", "个"}, {"次数", "次"}, {"件数", "件"}, {"家数", "家"}, {"场次", "场次"}, {"人次", "人次"},
}

// isRateName: a rate or share (覆盖率, 占比, 比重), which tables give in
// percent without saying so.
func isRateName(name string) bool {
	for _, w := range []string{"率", "占比", "比例", "比重"} {
		if strings.HasSuffix(name, w) {
			return true
		}
	}
	return false
}

func impliedUnit(name string) string {
	for _, w := range countWords {
		if strings.HasSuffix(name, w.word) {
			return w.unit
		}
	}
	return ""
}

var unitParens = regexp.MustCompile(`\s*[（(]\s*(?:(?:计量)?单位\s*[:：]\s*)?([^（）()]{1,8}?)\s*[）)]\s*$`)

// splitUnit takes a unit off a header or label: 人数（名）, 金额(万元),
// 占比（%）, 金额/万元, 单位：万元, or a header that is only a unit (万元).
func splitUnit(s string) (name, unit string) {
	if m := unitParens.FindStringSubmatchIndex(s); m != nil {
		if u := s[m[2]:m[3]]; isUnitWord(tableKey(u)) {
			return strings.TrimSpace(s[:m[0]]), u
		}
	}
	if i := strings.LastIndexAny(s, "/／"); i > 0 {
		_, n := utf8.DecodeRuneInString(s[i:])
		if u := strings.TrimSpace(s[i+n:]); isUnitWord(tableKey(u)) {
			return strings.TrimSpace(s[:i]), u
		}
	}
	if u := captionUnit(tableKey(s)); u != "" {
		return "", u
	}
	if isUnitWord(tableKey(s)) {
		return "", strings.TrimSpace(s)
	}
	return s, ""
}

var captionRe = regexp.MustCompile(`^[（(]?(?:计量)?单位[:：](.{1,8}?)[）)]?$`)

// captionUnit reads "单位：万元" (above a table or as its title row).
func captionUnit(key string) string {
	if m := captionRe.FindStringSubmatch(key); m != nil && isUnitWord(m[1]) {
		return m[1]
	}
	return ""
}

func isDash(k string) bool {
	switch k {
	case "-", "—", "——", "－", "/", "／", "~", "无", "—-", "--", "…", "……", "――":
		return true
	}
	return false
}

// tableMeasures are the counting words a cell or header may name. They
// mirror extract/measure.go's measureForms (extract imports source, so the
// list cannot be shared); a measure missing here only means a bare number
// of that unit is not joined to its unit.
var tableMeasures = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`个百分点 人次 人(次) 人（次） 场次 批次 轮次 个月 平方公里 平方米 公里 公顷 小时 分钟
		元 名 人 个 家 件 次 场 户 亩 项 条 批 期 枚 部 支 盏 处 % ％ 倍 年 天 种 类 级 岗 笔 成 岁 步 所 座 间 套
		台 辆 吨 位 篇 份 册 本 张 栋 幢 队 组 轮 宗 块`) {
		m[w] = true
	}
	return m
}()

func stripMultipliers(k string) string {
	for i := 0; i < 3 && k != ""; i++ {
		r, n := utf8.DecodeRuneInString(k)
		if r != '万' && r != '亿' && r != '千' && r != '百' {
			break
		}
		k = k[n:]
	}
	return k
}

// isUnitWord: a measure, possibly with multipliers (名, 万元, 亿元, %).
func isUnitWord(k string) bool {
	return k != "" && tableMeasures[stripMultipliers(k)]
}

// isUnitLike also takes a rate's unit (元/人, 万元/村) for a 单位 column.
func isUnitLike(k string) bool {
	if isUnitWord(k) {
		return true
	}
	u, per, ok := strings.Cut(k, "/")
	return ok && isUnitWord(u) && per != "" && utf8.RuneCountInString(per) <= 3
}

// A cell that is a figure: an optional approximation word, a number (with
// thousands separators, a decimal part, a range), 余/多, multipliers, and
// optionally a measure with a trailing approximation word.
var numberCell = regexp.MustCompile(`^(不少于|不低于|不超过|不足|不到|超过|将近|接近|大约|超|逾|近|约|过)?[+\-−]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?` +
	`([—–\-~～至到]\d+(\.\d+)?)?(余|多)?([万亿千百]{0,3})(余|多)?(.*?)(以上|左右|以下|以内|余|多)?$`)

func numberParts(k string) []string {
	if k == "" {
		return nil
	}
	return numberCell.FindStringSubmatch(k)
}

func isNumberCell(k string) bool {
	m := numberParts(k)
	if m == nil {
		return false
	}
	rest := m[10]
	if rest != "" && !isUnitWord(rest) {
		return false
	}
	// 2024年 is a date, not a count of years.
	if m[8] == "" && m[4] == "" && strings.HasPrefix(rest, "年") {
		if v, err := strconv.Atoi(m[2]); err == nil && v >= 1900 && v <= 2100 {
			return false
		}
	}
	return true
}

func hasOwnUnit(k string) bool {
	m := numberParts(k)
	return m != nil && m[10] != ""
}

func hasMultiplier(k string) bool {
	m := numberParts(k)
	return m != nil && m[8] != ""
}
