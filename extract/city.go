package extract

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"djreport/internal/cjkutf8"
)

// UnitConfig narrows or extends unit detection: when config.yaml lists units,
// only they are reported, and their aliases (a newspaper's name, an old
// name) count as mentions.
type UnitConfig struct {
	Name    string   `mapstructure:"name" yaml:"name"`
	Aliases []string `mapstructure:"aliases" yaml:"aliases"`
}

// Unknown is the unit of figures in a document that names no place. Such
// figures are listed for review, never printed as a unit's outputs.
const Unknown = "未识别单位"

// Reporting levels (config.yaml level:).
const (
	ReportAuto   = "auto"   // the most specific unit a passage is about
	ReportCity   = "city"   // counties roll up into their prefecture
	ReportCounty = "county" // county passages of a city report are units too
)

// Doubt says that the evidence for a document's unit was weak or split: the
// unit chosen, the runner-up and what each rests on.
type Doubt struct {
	Unit     string   `json:"unit"`
	RunnerUp string   `json:"runner_up,omitempty"`
	Reason   string   `json:"reason"`
	Evidence []string `json:"evidence"`
}

// unitMention is one mention of a candidate reporting unit, weighed by
// where it stands and what it does in its sentence.
type unitMention struct {
	line       int
	start, end int       // rune offsets in the line
	div        *Division // nil for a configured alias
	name       string    // the unit it speaks for
	weight     float64
	role       string // evidence label, for doubts
	opens      bool   // opens its line
	subject    bool   // opens its clause as the actor (X县委…, X县坚持…)
	// provWeight is what a province's mention would weigh as a unit's: its
	// own piece's evidence, not its newspaper's name.
	provWeight float64
	// clauseFrom and clauseTo bound the clause around the mention in its
	// line's runes, as weigh found them (clauseBounds), for
	// discountPartners.
	clauseFrom, clauseTo int32
}

// attribution is the outcome for one document.
type attribution struct {
	units    []string
	lineUnit []string // "" for lines about no unit (a province's totals)
	// segs, when set, splits lines by sentence: segs[i] lists where in line
	// i another unit's sentences start (a province's piece naming a county
	// per example).
	segs  [][]segment
	doubt *Doubt
}

type segment struct {
	start int // rune offset in the line
	unit  string
}

// unitAt is the unit of the text at rune offset off of line i.
func (a *attribution) unitAt(i, off int) string {
	u := a.lineUnit[i]
	if a.segs != nil {
		for _, s := range a.segs[i] {
			if s.start > off {
				break
			}
			u = s.unit
		}
	}
	return u
}

// Weights of where a mention stands. Zero-weight mentions are kept as
// evidence that was discounted.
const (
	wTitle   = 3.0 // the title says what the report is about …
	wOpening = 2.0 // … and so does its opening
	wSubject = 2.0 // a mention that opens its clause as the actor
	wBody    = 1.0
	wOutlet  = 0.25 // a newspaper's or site's name, a dateline
)

// unitsOf decides a document's reporting units and the unit of each line,
// from the place names of each line (places[i] for lines[i]).
// lineNos are the file's line numbers of lines, for the evidence people read.
// lineRunes are the runes of each line, lineOffs their offsets (runeLine).
// marks are the unitMarks of each line.
func (x *Extractor) unitsOf(lines []string, lineNos []int, places [][]Mention, lineRunes [][]rune, lineOffs [][]int32, marks []uint8) attribution {
	ms := x.unitMentions(lines, places, lineRunes, lineOffs, marks)
	if starts := x.passageStarts(lines, lineRunes, ms); len(starts) > 0 {
		return x.passages(lines, ms, starts)
	}
	if prov := x.provinceFrame(lineRunes, marks, ms); prov != nil {
		return x.bySentence(lines, ms, prov)
	}
	if arts := articleStarts(lines, lineRunes); len(arts) > 1 {
		return x.articles(lines, lineNos, lineRunes, ms, arts)
	}
	u, doubt := x.mainUnit(ms, &docLines{lines: lines, nos: lineNos, rs: lineRunes})
	lineUnit := make([]string, len(lines))
	for i := range lineUnit {
		lineUnit[i] = u
	}
	return attribution{units: []string{u}, lineUnit: lineUnit, doubt: doubt}
}

// mentionCount is the number of place mentions of all lines.
func mentionCount(places [][]Mention) int {
	n := 0
	for _, pm := range places {
		n += len(pm)
	}
	return n
}

// unitMentions resolves each place mention to one division, drops province
// mentions (context only) and the outer links of administrative chains
// (潍坊市奎文区 speaks for 奎文区), and weighs what is left.
// marks are unitMarks of each line.
func (x *Extractor) unitMentions(lines []string, places [][]Mention, lineRunes [][]rune, lineOffs [][]int32, marks []uint8) []unitMention {
	// The context of namesakes and the divisions named in full are made
	// when a mention first asks for them: most mentions have one
	// candidate, and most documents no name of a province and its city.
	var ctx map[*Division]int
	var fullNamed map[*Division]bool
	// Former names written out in full: the report is of that time.
	var formerNamed map[*Division]*Division
	for _, pm := range places {
		for _, m := range pm {
			if m.Full && len(m.Divisions) == 1 && m.Divisions[0].Former() {
				if formerNamed == nil {
					formerNamed = map[*Division]*Division{}
				}
				formerNamed[m.Divisions[0].Successor] = m.Divisions[0]
			}
		}
	}
	var ms []unitMention
	if n := mentionCount(places); n > 0 {
		ms = make([]unitMention, 0, n) // grown once, not by appends
	}
	for li, text := range lines {
		if len(places[li]) == 0 && len(x.units) == 0 {
			continue // nothing to weigh
		}
		rs := lineRunes[li]
		rl := runeLine{text: text, rs: rs, offs: lineOffs[li]}
		furniture := isFurnitureLine(text, rs, marks[li]&markBreadcrumb != 0) || isPlaceMenu(rs, places[li])
		titled := marks[li]&markTitle != 0 // the line opens a 《…》
		var prev *unitMention
		for _, m := range places[li] {
			var suffix rune
			if !m.Full && m.End < len(rs) && slices.Contains(shortSuffixes, rs[m.End]) {
				suffix = rs[m.End]
			}
			if len(m.Divisions) > 1 && ctx == nil {
				ctx = contextDivisions(places)
			}
			d := x.pickDivision(m.Divisions, ctx, suffix)
			if !m.Full && fullNamed == nil && hasProvince(m.Divisions) {
				fullNamed = fullyNamed(places)
			}
			if p := namesakeProvince(m, fullNamed); p != nil {
				d = p // 关注吉林: the province, unless the text writes 吉林市
			}
			if f := formerNamed[d]; f != nil && !m.Full {
				d = f // the report says 望城县: its 望城 is 望城县 too
			}
			if d == nil {
				continue
			}
			um := unitMention{line: li, start: m.Start, end: m.End, div: d, name: d.Name, opens: m.Start == 0}
			if prev != nil && chained(rs, prev.end, m.Start) && prev.div != nil && isAncestor(prev.div, d) {
				// X市Y区: the chain names where Y区 is; Y区 is the subject.
				um.start, um.opens = prev.start, prev.opens
				prev.weight, prev.role = 0, "上级"
			}
			ms = append(ms, um)
			prev = &ms[len(ms)-1]
			if d.Level < LevelPrefecture && !gazMunicipalities[d.Name] {
				// A province is context, never a unit; how it stands still
				// tells a province's own piece from its paper's name.
				x.weigh(prev, rl, li, furniture, titled)
				prev.provWeight, prev.weight, prev.role = prev.weight, 0, "省级"
				continue
			}
			x.weigh(prev, rl, li, furniture, titled)
		}
		for _, u := range x.units {
			for i, a := range append([]string{u.Name}, u.Aliases...) {
				if a == "" || i == 0 && len(x.places.Lookup(a)) > 0 {
					continue // a division's own name is found by the gazetteer
				}
				for off := 0; ; {
					i := strings.Index(text[off:], a)
					if i < 0 {
						break
					}
					start := len([]rune(text[:off+i]))
					um := unitMention{line: li, start: start, end: start + len([]rune(a)), name: u.Name, opens: off+i == 0}
					x.weigh(&um, rl, li, furniture, titled)
					ms = append(ms, um)
					off += i + len(a)
				}
			}
		}
	}
	// A chain's outer link was appended before it was known to be one.
	kept := ms[:0]
	for _, m := range ms {
		if m.role != "上级" {
			kept = append(kept, m)
		}
	}
	ms = kept
	x.discountPartners(ms, lines, lineRunes, lineOffs)
	shareLists(ms, lineRunes)
	confirmTitle(ms)
	if len(x.units) > 0 {
		kept := ms[:0]
		for _, m := range ms {
			if n := x.allowedName(m); n != "" {
				m.name = n
				kept = append(kept, m)
			}
		}
		ms = kept
	}
	return ms
}

// hasProvince: one of ds is a province.
func hasProvince(ds []*Division) bool {
	for _, d := range ds {
		if d.Level == LevelProvince {
			return true
		}
	}
	return false
}

// fullyNamed are the divisions of the mentions written out in full.
func fullyNamed(places [][]Mention) map[*Division]bool {
	named := map[*Division]bool{}
	for _, pm := range places {
		for _, m := range pm {
			if m.Full {
				for _, d := range m.Divisions {
					named[d] = true
				}
			}
		}
	}
	return named
}

// shareLists lets an enumeration of places (洱源、剑川、鹤庆、云龙和弥渡5县)
// weigh as one mention shared by its members: a list names where something
// reaches, and nine counties listed once are not nine reports about their
// prefecture. Members are at least three mentions on one line with only a
// list separator (、 和 及 与, an optional place suffix before it) between.
func shareLists(ms []unitMention, lineRunes [][]rune) {
	for i := 0; i < len(ms); {
		j := i + 1
		for j < len(ms) && ms[j].line == ms[i].line && listGap(lineRunes[ms[i].line], ms[j-1].end, ms[j].start) {
			j++
		}
		if n := j - i; n >= 3 {
			for k := i; k < j; k++ {
				if ms[k].weight > 0 {
					ms[k].weight /= float64(n)
					ms[k].role = "列举"
				}
			}
		}
		i = j
	}
}

// listGap reports whether rs[from:to] only separates two list members.
func listGap(rs []rune, from, to int) bool {
	if from > to || to > len(rs) {
		return false
	}
	// strings.TrimLeft on the runes, without making a string of them.
	for from < to && slices.Contains(listSuffixes, rs[from]) {
		from++
	}
	return to-from == 1 && slices.Contains(listSeparators, rs[from])
}

// datelineAfter: 拉萨12月12日电, 福州7月1日讯 — a wire's or paper's dateline.
var datelineAfter = regexp.MustCompile(`^(\d{1,2}月\d{1,2}日)?(电|讯)`)

// mayBeDateline: whether datelineAfter may match s, by its first byte or
// rune (\d is ASCII in Go's regexp), without running it after every mention.
func mayBeDateline(s string) bool {
	return s != "" && s[0] >= '0' && s[0] <= '9' || strings.HasPrefix(s, "电") || strings.HasPrefix(s, "讯")
}

// isOutletNet: X网 is a site (海口网, 东北网), X网格 and X网络 are not.
func isOutletNet(after string) bool {
	return strings.HasPrefix(after, "网") && !strings.HasPrefix(after, "网格") && !strings.HasPrefix(after, "网络") && !strings.HasPrefix(after, "网点")
}

// namesakeProvince: a short name that is both a province and one of its
// cities (吉林, 海南) is the province unless the city is written in full.
func namesakeProvince(m Mention, fullNamed map[*Division]bool) *Division {
	if m.Full {
		return nil
	}
	var prov *Division
	for _, d := range m.Divisions {
		if d.Level == LevelProvince {
			prov = d
		}
	}
	if prov == nil {
		return nil
	}
	for _, d := range m.Divisions {
		if d != prov && fullNamed[d] {
			return nil
		}
	}
	return prov
}

// insideTitle: the offset stands inside 《…》, the title of a document or
// a book, whose places are not the report's subject.
func insideTitle(rs []rune, off int) bool {
	open := 0
	for _, r := range rs[:off] {
		switch r {
		case '《':
			open++
		case '》':
			open = max(0, open-1)
		}
	}
	return open > 0
}

// chained: the next name follows at once, or after the suffix a short form
// left out (楚雄州武定县: 楚雄 + 州).
func chained(rs []rune, end, next int) bool {
	return next == end || next == end+1 && slices.Contains(shortSuffixes, rs[end])
}

// aidWords follow the place that gives aid: 惠州市对口支援汶川县.
var aidWords = []string{"对口支援", "对口帮扶", "对口协作", "援建", "援疆", "援藏", "结对帮扶", "定点帮扶"}

// coopWords mark a sentence about two places working together.
var coopWords = []string{"协作", "合作", "帮扶", "结对", "对口", "共建", "结成", "携手"}

// partnerLinks join the two places of "A与B…协作".
var partnerLinks = newWordList([]string{"与", "同", "和", "跟"})

// discountPartners: a place met as the partner in "A与B…协作" (东西部协作,
// 对口帮扶) more often than as the A is the other side of the report's work
// wherever it is named, unless it opens a clause as an actor; so is the
// city it belongs to.
func (x *Extractor) discountPartners(ms []unitMention, lines []string, lineRunes [][]rune, lineOffs [][]int32) {
	asPartner, asSubject := map[*Division]int{}, map[*Division]int{}
	for i, m := range ms {
		if m.div == nil || m.weight < wBody {
			continue
		}
		rs := lineRunes[m.line]
		rl := runeLine{text: lines[m.line], rs: rs, offs: lineOffs[m.line]}
		before, after := rl.cut(int(m.clauseFrom), m.start), rl.cut(m.end, int(m.clauseTo)) // weigh's clauseAround
		// X对口支援Y, X援建工作组: X is the helper, the report is Y's.
		if aidList.prefixOf(after) {
			vote := 1
			if m.line <= 2 {
				vote = 2
			}
			asPartner[m.div] += vote
			for j := i + 1; j < len(ms) && ms[j].line == m.line; j++ {
				if ms[j].div != nil && ms[j].div != m.div && ms[j].start-m.end < 12 {
					asSubject[ms[j].div] += vote
					break
				}
			}
			continue
		}
		if !partnerLinks.suffixOf(before) {
			continue
		}
		ss, se := around(rs, m.start, m.end, sentenceUnit)
		if !containsAny(string(rs[ss:se]), coopWords) {
			continue
		}
		// The opening's pair says most plainly who works with whom.
		vote := 1
		if m.line <= 2 {
			vote = 2
		}
		asPartner[m.div] += vote
		// The A of "A与B": the nearest place before it in the sentence.
		for j := i - 1; j >= 0 && ms[j].line == m.line && ms[j].start >= ss; j-- {
			if ms[j].div != nil && ms[j].div != m.div && !isAncestor(ms[j].div, m.div) && !isAncestor(m.div, ms[j].div) {
				asSubject[ms[j].div] += vote
				break
			}
		}
	}
	partner := map[*Division]bool{}
	for d, n := range asPartner {
		if n > asSubject[d] {
			for ; d != nil && d.Level >= LevelPrefecture; d = d.Parent {
				partner[d] = true
			}
		}
	}
	if len(partner) == 0 {
		return
	}
	for i := range ms {
		m := &ms[i]
		if m.div != nil && partner[m.div] && !m.subject && m.weight >= wBody {
			m.weight, m.role = 0.3, "帮扶协作"
		}
	}
}

// weigh sets a mention's weight from its line position and the words
// around it.
// titled says whether the line holds a 《 (insideTitle is false if not).
func (x *Extractor) weigh(m *unitMention, rl runeLine, line int, furniture, titled bool) {
	rs := rl.rs
	b, e := clauseBounds(rl, m.start, m.end)
	m.clauseFrom, m.clauseTo = int32(b), int32(e)
	before, after := rl.cut(b, m.start), rl.cut(m.end, e)
	switch {
	case furniture:
		m.weight, m.role = 0, "页面信息"
		return
	case titled && insideTitle(rs, m.start):
		m.weight, m.role = 0, "文件名称"
		return
	case strings.HasSuffix(m.name, "市") && strings.HasPrefix(after, "区") && !strings.HasPrefix(after, "区县") && !strings.HasPrefix(after, "区委"),
		strings.HasPrefix(after, "市区"), strings.HasPrefix(after, "城区"):
		// 离银川市区近: the city's built-up area, a landmark, not the unit.
		m.weight, m.role = 0, "地名"
		return
	case outletList.prefixOf(after):
		// An outlet's home is weak evidence: it decides only when the text
		// names no place of its own (全市… in a city paper's report).
		m.weight, m.role = wOutlet, "媒体名称"
		return
	case isOutletNet(after):
		m.weight, m.role = wOutlet, "媒体名称"
		return
	case ownOutlet.suffixOf(before) || mayBeDateline(after) && datelineAfter.MatchString(after):
		m.weight, m.role = wOutlet, "电头"
		return
	case isVisit(listBefore(rl, m.start), after, func() string { return sentenceTail(rs, m.end) }):
		m.weight, m.role = 0, "考察学习"
		return
	case isAward(before, after):
		m.weight, m.role = 0, "表彰评比"
		return
	case comparisonList.suffixOf(before):
		m.weight, m.role = 0.3, "比较"
		return
	case partnerList.in(before):
		m.weight, m.role = 0.3, "帮扶协作"
		return
	}
	m.subject = trimSpaces(before) == "" || leadInList.suffixOf(before)
	m.subject = m.subject && (actorList.prefixOf(after) || strings.HasPrefix(after, "：") || strings.HasPrefix(after, ":"))
	switch {
	case line == 0 && isHeading(rl.cut(0, len(rs))):
		m.weight, m.role = wTitle, "标题"
	case line <= 2:
		m.weight, m.role = wOpening, "开头"
	case m.subject:
		m.weight, m.role = wSubject, "主语"
	default:
		m.weight, m.role = wBody, "正文"
	}
}

// confirmTitle: a title that names a place the body never names is page
// furniture (another article's title, a site name): it counts little.
func confirmTitle(ms []unitMention) {
	// The body is searched for the title's few names, not indexed whole.
	inBody := func(name string) bool {
		for _, m := range ms {
			if m.line > 0 && m.weight >= wBody && (m.name == name || m.div != nil && m.div.Parent != nil && m.div.Parent.Name == name) {
				return true
			}
		}
		return false
	}
	body := slices.ContainsFunc(ms, func(m unitMention) bool { return m.line > 0 && m.weight >= wBody })
	if !body {
		return
	}
	for i := range ms {
		if ms[i].role == "标题" && !inBody(ms[i].name) {
			ms[i].weight, ms[i].role = 0.5, "标题（正文未提及）"
		}
	}
}

// Words around a mention that say it is not the report's subject. Each list
// is of the genre: the constructions of organisation-department reporting
// (study trips, outlets, honours from above), not of one document.
var (
	// X日报, X电视台, X融媒体中心: an outlet carrying or writing the report.
	outletWords = []string{"日报", "晚报", "晨报", "都市报", "报社", "新闻", "电视台", "广播", "融媒", "发布", "在线", "网讯", "手机报", "传媒", "头条"}
	// 赴X学习考察, 到X观摩, 借鉴X经验.
	tripVerbs   = []string{"赴", "到", "前往", "去", "走进", "来到", "奔赴", "远赴", "深入"}
	studyWords  = []string{"学习", "考察", "观摩", "取经", "参观", "交流", "跟班", "对标", "参训"}
	learnVerbs  = []string{"借鉴", "学习", "复制", "推广", "对标", "参照"}
	lessonWords = []string{"经验", "做法", "模式", "先进", "典型"}
	// 获评X市先进基层党组织, 被X市委表彰.
	awardVerbs = []string{"获评", "荣获", "获得", "被评为", "评为", "入选", "授予", "命名为", "被命名", "获", "荣膺", "跻身"}
	awardAfter = []string{"表彰", "授予", "评为", "命名", "通报表扬"}
	// 高于X, 比X多.
	comparisonWords = []string{"比", "较", "高于", "低于", "超过", "领先", "相比", "同比"}
	// 对口帮扶X, 与X结对.
	partnerWords = []string{"对口", "结对", "帮扶", "协作", "援建", "援助"}
	// A clause that opens with the place and goes on with these is about it.
	actorWords = []string{"委", "组织部", "党委", "县委", "市委", "区委", "坚持", "聚焦", "围绕", "立足", "以", "把", "通过", "在", "深入",
		"积极", "大力", "扎实", "着力", "创新", "全面", "持续", "始终", "探索", "推行", "紧扣", "抓", "强化", "深化", "牢固", "不断", "共", "今年", "近年", "全"}
	// 今年以来，X县…: a lead-in before the actor.
	leadIns = []string{"今年以来，", "近年来，", "近来，", "近期，", "当前，", "去年以来，", "年初以来，", "年以来，", "以来，", "近日，", "日前，", "据悉，", "目前，", "截至目前，"}
)

// The lists above as wordLists, asked about at every mention.
var (
	outletList     = newWordList(outletWords)
	tripList       = newWordList(tripVerbs)
	studyList      = newWordList(studyWords)
	learnList      = newWordList(learnVerbs)
	awardList      = newWordList(awardVerbs)
	awardAfterList = newWordList(awardAfter)
	comparisonList = newWordList(comparisonWords)
	partnerList    = newWordList(partnerWords)
	actorList      = newWordList(actorWords)
	leadInList     = newWordList(leadIns)
	aidList        = newWordList(aidWords)
	// 本报, 本网 …: the outlet's own dateline or byline.
	ownOutlet = newWordList([]string{"本报", "本网", "本台", "社"})
)

// wordList is a list of words tested at the start of a clause, at its end
// or anywhere in it, as hasAnyPrefix, hasAnySuffix and containsAny do: a
// word is there only where the text has the word's first (or last) rune,
// so only the words whose first (last) rune has the text's rune's value
// modulo 256 are compared, most often none.
type wordList struct {
	words []string
	first wordBuckets
	last  wordBuckets
	// starts has the bit r%256 of each word's first rune r: in tests it
	// at every rune of a text before it looks at a bucket.
	starts [4]uint64
}

// wordBuckets are words grouped by a rune of theirs modulo 256: bucket b
// is words[at[b]:at[b+1]].
type wordBuckets struct {
	at    [257]uint16
	words []string
}

func newWordBuckets(words []string, key func(string) rune) wordBuckets {
	var wb wordBuckets
	for _, w := range words {
		wb.at[int(uint8(key(w)))+1]++ // counted per bucket, then summed into where each begins
	}
	for b := range 256 {
		wb.at[b+1] += wb.at[b]
	}
	wb.words = make([]string, len(words))
	next := wb.at
	for _, w := range words {
		b := uint8(key(w))
		wb.words[next[b]] = w
		next[b]++
	}
	return wb
}

// of are the words whose rune is r modulo 256.
func (wb *wordBuckets) of(r rune) []string {
	b := uint8(r)
	return wb.words[wb.at[b]:wb.at[int(b)+1]]
}

func newWordList(words []string) *wordList {
	l := &wordList{
		words: words,
		first: newWordBuckets(words, func(w string) rune { r, _ := utf8.DecodeRuneInString(w); return r }),
		last:  newWordBuckets(words, func(w string) rune { r, _ := utf8.DecodeLastRuneInString(w); return r }),
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		l.starts[uint8(r)/64] |= 1 << (uint8(r) % 64)
	}
	return l
}

// prefixOf is hasAnyPrefix(s, l.words). A word that begins s begins with
// s's first rune as decoded (a word is valid UTF-8).
func (l *wordList) prefixOf(s string) bool {
	if s == "" {
		return false
	}
	r, _ := cjkutf8.Decode(s, 0)
	return hasAnyPrefix(s, l.first.of(r))
}

// suffixOf is hasAnySuffix(s, l.words).
func (l *wordList) suffixOf(s string) bool {
	return hasAnySuffix(s, l.last.of(lastRune(s)))
}

// in is containsAny(s, l.words). Decoding s visits every place a word
// starts: a valid sequence never runs over a lead byte, a bad byte is one
// step.
func (l *wordList) in(s string) bool {
	for i := 0; i < len(s); {
		// ASCII and three-byte runes inline: the call per rune was most
		// of the walk.
		var r rune
		n := 1
		if c := s[i]; c < utf8.RuneSelf {
			r = rune(c)
		} else if cjkutf8.IsThree(s, i) {
			r, n = cjkutf8.Three(s, i), 3
		} else {
			r, n = cjkutf8.Decode(s, i)
		}
		if l.starts[uint8(r)/64]&(1<<(uint8(r)%64)) != 0 && hasAnyPrefix(s[i:], l.first.of(r)) {
			return true
		}
		i += n
	}
	return false
}

// lastRune is utf8.DecodeLastRuneInString(s)'s rune, with a last rune of
// three bytes (cjkutf8.IsThree) read inline: its last bytes are those
// three only when they are that rune, continuation bytes ending nothing
// shorter and starting nothing longer.
func lastRune(s string) rune {
	if n := len(s) - 3; n >= 0 && cjkutf8.IsThree(s, n) {
		return cjkutf8.Three(s, n)
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// trimSpaces is strings.TrimLeft(s, "　 ") without the library's walk
// for a cutset that is not ASCII.
func trimSpaces(s string) string {
	for {
		switch {
		case strings.HasPrefix(s, " "):
			s = s[1:]
		case strings.HasPrefix(s, "　"):
			s = s[len("　"):]
		default:
			return s
		}
	}
}

// isVisit: a trip to learn from X, or X's experience taken as a model.
// tail gives the rest of the sentence, made only when a trip verb stands
// before X and no study word right after it (most mentions have neither).
func isVisit(before, after string, tail func() string) bool {
	if tripList.in(before) && (studyList.in(after) || studyList.in(tail())) {
		return true // 到A村、B村、C社区…考察学习: the list ends in its purpose
	}
	if learnList.suffixOf(before) {
		a := []rune(after)
		return containsAny(string(a[:min(len(a), 6)]), lessonWords)
	}
	return false
}

// listBefore is the clause before a mention, read back through a list
// (到A村、B村、C社区: B and C are visited too), up to 30 runes.
func listBefore(rl runeLine, start int) string {
	rs := rl.rs
	b := start
	for b > 0 && start-b < 30 && (rs[b-1] == '、' || !isClauseBreak(rs[b-1])) {
		b--
	}
	return rl.cut(b, start)
}

// sentenceTail is up to 48 runes after a mention, to the end of its
// sentence.
func sentenceTail(rs []rune, end int) string {
	e := end
	for e < len(rs) && e-end < 48 && !isSentenceEnd(rs[e]) {
		e++
	}
	return string(rs[end:e])
}

// isAward: X names the body that gave an honour, not the unit that did the
// work (获评X市先进基层党组织, 被X市委表彰为…).
func isAward(before, after string) bool {
	if awardList.in(before) {
		return true
	}
	return strings.Contains(before, "被") && awardAfterList.in(after)
}

// furniturePrefixes open lines that are page furniture or bylines.
var furniturePrefixes = []string{"上一篇", "下一篇", "上一条", "下一条", "相关链接", "相关新闻", "相关阅读", "推荐阅读", "热点推荐", "延伸阅读",
	"来源", "作者", "记者", "通讯员", "编辑", "责任编辑", "责编", "审核", "校对", "主办", "承办", "版权所有", "网站标识码", "分享到", "【打印", "【关闭", "首页", "当前位置", "您的位置", "凡注明", "凡本网", "免责声明", "版权声明", "声明：", "您现在的位置", "现在的位置", "所在位置"}

// breadcrumbMarks: every separator of breadcrumbSeps holds one of them
// (TestBreadcrumbSepsHoldMarks).
var breadcrumbMarks = []string{">", "》", "＞", "»", "→"}

// breadcrumbSeps are the separators counted on a breadcrumb line, each
// removed once counted (>> before >).
var breadcrumbSeps = []string{">>", "》》", "＞", ">", "»", "→"}

// breadcrumbRunes are breadcrumbMarks as runeWords.
var breadcrumbRunes = newRuneWords(breadcrumbMarks)

// furnitureList is furniturePrefixes as a wordList.
var furnitureList = newWordList(furniturePrefixes)

// furnitureTrim are the runes before a furniture line's first word.
const furnitureTrim = "　 ·•【[（("

// The rune sets asked about at every mention or line, as runes:
// strings.ContainsRune searched the string for each rune's bytes. None
// holds U+FFFD, so a bad byte is in none, as before.
var (
	furnitureTrimRunes = []rune(furnitureTrim)
	// shortSuffixes follow a short form that left its suffix out (楚雄州).
	shortSuffixes = []rune("州市县区盟")
	// listSuffixes and listSeparators make a list of places (listGap).
	listSuffixes   = []rune("市县区州旗")
	listSeparators = []rune("、和及与")
)

// isFurnitureLine: page furniture or a byline; rs are line's runes,
// crumbs whether they hold a breadcrumb mark (breadcrumbRunes.in(rs)).
func isFurnitureLine(line string, rs []rune, crumbs bool) bool {
	t := line
	if len(rs) > 0 && slices.Contains(furnitureTrimRunes, rs[0]) {
		t = strings.TrimLeft(line, furnitureTrim) // most lines open with none
	}
	if furnitureList.prefixOf(t) {
		return true
	}
	// A breadcrumb: 山西新闻网>>地市频道>>吕梁频道. The marks are looked
	// for in the line's runes (the runes trimmed off are none of them),
	// with the other marks of the line (unitMarks): most lines have none,
	// and strings.Contains once per mark stopped at nearly every rune of
	// Chinese text.
	if !crumbs || breadcrumbCount(rs) < 2 {
		// No separator at all, most lines, or one (a title's 》): fewer
		// than two, since every separator below holds a mark rune and
		// each is counted once.
		return false
	}
	n := 0
	for _, sep := range breadcrumbSeps {
		n += strings.Count(t, sep)
		t = strings.ReplaceAll(t, sep, "")
	}
	return n >= 2 && !strings.ContainsAny(t, "。，")
}

// breadcrumbCount is how many runes of rs are breadcrumb marks.
func breadcrumbCount(rs []rune) int {
	n := 0
	for _, r := range rs {
		if r >= 0 && breadcrumbRunes.first.has(r) {
			n++
		}
	}
	return n
}

// isPlaceMenu: a line that is mostly place names (a site's list of
// provinces or regional channels) is page furniture.
func isPlaceMenu(rs []rune, ms []Mention) bool {
	if len(ms) < 4 || slices.Contains(rs, '。') || slices.Contains(rs, '，') {
		return false
	}
	covered := 0
	for _, m := range ms {
		covered += m.End - m.Start
	}
	if 2*covered >= len(rs) {
		return true
	}
	// A menu of short items, most naming a place (今日烟台 今日龙口 …,
	// 烟台新闻 | 龙口新闻 | …): items are split by spaces or bars.
	items := strings.FieldsFunc(string(rs), func(r rune) bool { return unicode.IsSpace(r) || r == '|' || r == '｜' })
	if len(items) < 4 {
		return false
	}
	named := 0
	for _, it := range items {
		if utf8.RuneCountInString(it) > 8 {
			return false
		}
		for _, m := range ms {
			if strings.Contains(it, string(rs[m.Start:m.End])) {
				named++
				break
			}
		}
	}
	return 5*named >= 4*len(items)
}

// clauseAround returns the text of the clause before a mention (from the
// last clause break) and after it (to the next one), bounded to 16 runes.
func clauseAround(rl runeLine, start, end int) (string, string) {
	b, e := clauseBounds(rl, start, end)
	return rl.cut(b, start), rl.cut(end, e)
}

// clauseBounds are where clauseAround's before begins and its after ends.
func clauseBounds(rl runeLine, start, end int) (int, int) {
	rs := rl.rs
	b := start
	for b > 0 && start-b < 16 && !isClauseBreak(rs[b-1]) {
		b--
	}
	e := end
	for e < len(rs) && e-end < 16 && !isClauseBreak(rs[e]) {
		e++
	}
	// Lead-ins end with a comma: keep it in before so leadIns can match.
	if b > 0 && rs[b-1] == '，' {
		lb := b - 1
		for lb > 0 && b-lb < 10 && !isClauseBreak(rs[lb-1]) {
			lb--
		}
		if leadInList.suffixOf(rl.cut(lb, b)) {
			b = lb
		}
	}
	return b, e
}

func isClauseBreak(r rune) bool {
	if r >= 0x3400 && r < 0xA000 {
		return false // an ideograph, most runes: no switch
	}
	switch r {
	case '，', '。', '；', '！', '？', '、', ',', ';', '!', '?', '：', ':', '（', '）', '(', ')':
		return true
	}
	return false
}

func hasAnyPrefix(s string, ws []string) bool {
	for _, w := range ws {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, ws []string) bool {
	for _, w := range ws {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

func containsAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// contextDivisions are the divisions named unambiguously in a document and
// their ancestors: they decide between namesakes (朝阳 in 辽宁 or 北京).
func contextDivisions(places [][]Mention) map[*Division]int {
	ctx := map[*Division]int{}
	for _, ms := range places {
		for _, m := range ms {
			if len(m.Divisions) != 1 {
				continue
			}
			for d := m.Divisions[0]; d != nil; d = d.Parent {
				ctx[d]++
			}
		}
	}
	return ctx
}

// pickDivision picks one of a name's candidates: the one whose ancestors
// the document names, then a present name over a former one, then the
// prefecture level (an ambiguous short name is more often the city).
// suffix is the rune after a short-form mention (楚雄州), 0 otherwise.
func (x *Extractor) pickDivision(ds []*Division, ctx map[*Division]int, suffix rune) *Division {
	if len(ds) == 1 {
		return ds[0]
	}
	// A unit named elsewhere, or whose ancestors are, is the one meant.
	support := func(d *Division) int {
		n := 0
		for p := d; p != nil; p = p.Parent {
			n += ctx[p]
		}
		return n
	}
	var best *Division
	for _, d := range ds {
		switch {
		case best == nil:
			best = d
		case suffix != 0 && strings.HasSuffix(d.Name, string(suffix)) != strings.HasSuffix(best.Name, string(suffix)):
			// 楚雄州: the suffix after a short form says which 楚雄.
			if strings.HasSuffix(d.Name, string(suffix)) {
				best = d
			}
		case isAncestor(d, best) != isAncestor(best, d):
			// 本溪: the city 本溪市, not its namesake county inside it.
			if isAncestor(d, best) {
				best = d
			}
		case support(d) != support(best):
			if support(d) > support(best) {
				best = d
			}
		case d.Former() != best.Former():
			if !d.Former() {
				best = d
			}
		case d.Level != best.Level:
			if d.Level == LevelPrefecture || best.Level == LevelProvince {
				best = d
			}
		}
	}
	return best
}

// isAncestor reports whether a contains d (a province its prefecture, a
// prefecture its county).
func isAncestor(a, d *Division) bool {
	for p := d.Parent; p != nil; p = p.Parent {
		if p == a {
			return true
		}
	}
	return false
}

// datelineOpen opens a newspaper article: 本报3月3日讯, 新华社北京5月2日电.
var datelineOpen = regexp.MustCompile(`^[（(【]?(本报|本网|本台|新华社|中新社|人民网|新华网)[^。，]{0,16}(讯|电)`)

// mayOpenDatelineRunes is mayOpenDateline(trimSpaces(line)) on the
// line's runes: the spaces trimmed and the runes after them are the
// text's as decoded.
func mayOpenDatelineRunes(rs []rune) bool {
	j := 0
	for j < len(rs) && (rs[j] == ' ' || rs[j] == '　') {
		j++
	}
	if j < len(rs) && (rs[j] == '（' || rs[j] == '(' || rs[j] == '【') {
		j++
	}
	if j == len(rs) {
		return false
	}
	r := rs[j]
	return r == '本' || r == '新' || r == '中' || r == '人'
}

// articleStarts are the lines that open a datelined article; a page of a
// paper's round-up holds several, each about its own unit. lineRunes are
// the lines' runes.
func articleStarts(lines []string, lineRunes [][]rune) []int {
	var out []int
	for i, l := range lines {
		if mayOpenDatelineRunes(lineRunes[i]) && datelineOpen.MatchString(trimSpaces(l)) {
			out = append(out, i)
		}
	}
	if len(out) > 0 && out[0] > 0 {
		out[0] = 0 // the page's title goes with the first article
	}
	return out
}

// articles decides the unit of each datelined article on its own.
func (x *Extractor) articles(lines []string, lineNos []int, lineRunes [][]rune, ms []unitMention, starts []int) attribution {
	a := attribution{lineUnit: make([]string, len(lines))}
	t := &docLines{lines: lines, nos: lineNos, rs: lineRunes}
	for k, from := range starts {
		to := len(lines)
		if k+1 < len(starts) {
			to = starts[k+1]
		}
		// Mentions come in line order: take this article's run of them.
		lo := sort.Search(len(ms), func(i int) bool { return ms[i].line >= from })
		hi := sort.Search(len(ms), func(i int) bool { return ms[i].line >= to })
		part := ms[lo:hi]
		u, doubt := x.mainUnit(part, t)
		if a.doubt == nil {
			a.doubt = doubt
		}
		for li := from; li < to; li++ {
			a.lineUnit[li] = u
		}
		if !slices.Contains(a.units, u) {
			a.units = append(a.units, u)
		}
	}
	return a
}

// passageStart is where a unit's own passage begins in a round-up.
type passageStart struct {
	line int
	name string
	div  *Division
}

// passageStarts finds the passages of a round-up: lines that open with a
// unit as a heading (株洲市：) or as the actor of the paragraph (X县坚持…),
// for two or more units of which none contains another. In a city's report
// its counties' passages are the city's (SCHEMA: a county inside a city's
// report is part of it), unless the level is county.
func (x *Extractor) passageStarts(lines []string, lineRunes [][]rune, ms []unitMention) []passageStart {
	var heads, openers []passageStart
	for _, m := range ms {
		if !m.opens || m.weight < wBody || m.line == 0 && !strings.ContainsAny(lines[0], "：:") {
			continue // a title names the whole page, not its first passage
		}
		ps := passageStart{line: m.line, name: m.name, div: m.div}
		if isUnitHeadingRunes(lineRunes[m.line]) {
			heads = append(heads, ps)
		} else if m.subject {
			openers = append(openers, ps)
		}
	}
	starts := heads
	if len(distinctStarts(heads)) < 2 {
		starts = openers
		if len(distinctStarts(openers)) < 3 {
			return nil // two paragraph openers are too little for a round-up
		}
	}
	// A unit that contains another passage's unit is the frame, not a part.
	kept := starts[:0:0]
	for _, s := range starts {
		frame := false
		for _, o := range starts {
			if s.div != nil && o.div != nil && isAncestor(s.div, o.div) {
				frame = true
				break
			}
		}
		if !frame {
			kept = append(kept, s)
		}
	}
	if len(distinctStarts(kept)) < 2 {
		return nil
	}
	if x.level != ReportCounty {
		if frame := x.frameOf(ms, kept[0].line); frame != nil {
			inside := true
			for _, s := range kept {
				if s.div == nil || !isAncestor(frame, s.div) {
					inside = false
					break
				}
			}
			if inside && frame.Level >= LevelPrefecture {
				return nil // a city's report with a passage per county
			}
		}
		// Passages of one city's counties, under no province's frame (its
		// name, 全省, 我省 before them): that city's report.
		if p := x.samePrefecture(kept); p != nil && namedOnItsOwn(ms, p) && !provinceOpening(lines, ms, kept[0].line) {
			return nil
		}
	}
	return kept
}

// samePrefecture is the prefecture every passage's unit is a county of, or
// nil.
func (x *Extractor) samePrefecture(ss []passageStart) *Division {
	var p *Division
	for _, s := range ss {
		if s.div == nil || s.div.Level != LevelCounty {
			return nil
		}
		q := x.places.Prefecture(s.div)
		if q == nil || q == s.div || p != nil && q != p {
			return nil
		}
		p = q
	}
	return p
}

// namedOnItsOwn: the text speaks of d itself, not only of places in it
// (辽阳市宏伟区 names where 宏伟区 is).
func namedOnItsOwn(ms []unitMention, d *Division) bool {
	for _, m := range ms {
		if m.div == d && m.weight >= wBody {
			return true
		}
	}
	return false
}

// provinceOpening: the lines before the first passage name a province or
// speak of the whole province.
func provinceOpening(lines []string, ms []unitMention, before int) bool {
	for _, m := range ms {
		if m.line < before && m.div != nil && m.div.Level == LevelProvince && !gazMunicipalities[m.div.Name] {
			return true
		}
	}
	for _, l := range lines[:before] {
		if containsAny(l, []string{"全省", "我省", "全自治区"}) {
			return true
		}
	}
	return false
}

// frameOf is the unit the opening (before the first passage) is about, if
// one prefecture-level unit stands there.
func (x *Extractor) frameOf(ms []unitMention, before int) *Division {
	score := map[*Division]float64{}
	for _, m := range ms {
		if m.line >= before || m.div == nil || m.weight == 0 {
			continue
		}
		d := m.div
		if d.Level == LevelCounty {
			continue
		}
		score[d] += m.weight
	}
	var best *Division
	for d, s := range score {
		if best == nil || s > score[best] || s == score[best] && d.Code < best.Code {
			best = d
		}
	}
	return best
}

func distinctStarts(ss []passageStart) []string {
	var out []string
	for _, s := range ss {
		if !slices.Contains(out, s.name) {
			out = append(out, s.name)
		}
	}
	return out
}

// passages files each line under the passage it stands in. Lines before the
// first passage speak for the whole area (全省…): they belong to no unit.
func (x *Extractor) passages(lines []string, ms []unitMention, starts []passageStart) attribution {
	a := attribution{lineUnit: make([]string, len(lines))}
	h := 0
	cur := ""
	for li := range lines {
		for h < len(starts) && starts[h].line == li {
			cur = x.levelName(starts[h].name, starts[h].div)
			if !slices.Contains(a.units, cur) {
				a.units = append(a.units, cur)
			}
			h++
		}
		a.lineUnit[li] = cur
		if hasAnyPrefix(trimSpaces(lines[li]), totalRows) {
			a.lineUnit[li] = "" // a table's 合计 row adds up the units
		}
	}
	return a
}

// totalRows open the lines that add up a round-up's units.
var totalRows = []string{"合计", "总计", "共计"}

// levelName applies the reporting level: with level city a county stands
// for its prefecture.
func (x *Extractor) levelName(name string, d *Division) string {
	if x.level != ReportCity || d == nil {
		return name
	}
	if p := x.places.Prefecture(d); p != nil {
		if x.allowedDiv(p) || len(x.units) == 0 {
			return p.Name
		}
	}
	return name
}

// provinceFrame reports the province a document is about when it is a
// province's piece that brings in units as examples (山东持续…；莒南县…):
// the province's own evidence (its name as the actor, 全省, 我省, 各地)
// outweighs every unit's, or units of two prefectures appear under it with
// none dominant.
func (x *Extractor) provinceFrame(lineRunes [][]rune, marks []uint8, ms []unitMention) *Division {
	var prov *Division
	provScore := 0.0
	// Each unit's weight and each prefecture-level group's, in tables
	// searched by name (unitScores) rather than maps written per mention.
	var ownBuf, groupBuf [16]unitScore // most documents' fit: no allocation
	own, groups := unitScores(ownBuf[:0]), unitScores(groupBuf[:0])
	for _, m := range ms {
		if m.div != nil && m.div.Level == LevelProvince && !gazMunicipalities[m.div.Name] {
			if m.role == "省级" && m.provWeight >= wBody {
				provScore += m.provWeight
				if prov == nil {
					prov = m.div
				}
			}
			continue
		}
		if m.weight < wBody {
			continue
		}
		var u int
		own, u = own.add(m.name)
		own[u].own += m.weight
		g := m.name
		if m.div != nil {
			if p := x.places.Prefecture(m.div); p != nil {
				g = p.Name
			}
			if prov == nil {
				prov = provinceOf(m.div)
			}
		}
		groups, u = groups.add(g)
		groups[u].own += m.weight
	}
	if prov == nil || len(own) == 0 {
		return nil // whatever the scope words say
	}
	scope := 0
	words, mark := provinceScopeRunes(prov), provinceScopeMark(prov)
	for i, rs := range lineRunes {
		// Most lines hold no scope word: the line's marks say so, found
		// in the runes in the walk that finds its others; strings.Contains
		// once per word stopped at nearly every rune of Chinese text.
		if marks[i]&mark != 0 {
			scope += countClauseOpenersIn(rs, words)
		}
	}
	provScore += float64(scope)
	if provScore == 0 {
		return nil
	}
	top, total := 0.0, 0.0
	for _, u := range own {
		top = max(top, u.own)
	}
	topGroup := 0.0
	for _, g := range groups {
		topGroup = max(topGroup, g.own)
		total += g.own
	}
	if provScore >= 1.5*top || len(groups) >= 2 && topGroup < 0.6*total {
		return prov
	}
	return nil
}

// countClauseOpeners counts the words that open a clause of text (全省共有…,
// 各地注重…), not those inside a name or an honour (获评全省…示范乡镇).
// It walks the string by bytes: slicing a []rune at every clause start made
// it quadratic in the line's length (most of extract's CPU on long lines).
func countClauseOpeners(text string, words []string) int {
	if !containsAny(text, words) {
		return 0 // most lines: no word anywhere, so none opens a clause
	}
	n := 0
	prev, opens := rune(0), true // the text's start opens a clause
	for i := 0; i < len(text); {
		r, size := cjkutf8.Decode(text, i)
		if !opens && !isClauseBreak(prev) && prev != '　' && prev != ' ' {
			prev, opens = r, false
			i += size
			continue
		}
		rest := text[i:]
		lead := false
		for _, l := range leadIns {
			if strings.HasPrefix(rest, l) {
				// The lead-in's comma opens the next clause.
				i += len(l)
				prev, _ = utf8.DecodeLastRuneInString(l)
				opens, lead = false, true
				break
			}
		}
		if lead {
			continue
		}
		if hasAnyPrefix(firstRunes(rest, 4), words) {
			n++
		}
		prev, opens = r, false
		i += size
	}
	return n
}

// countClauseOpenersIn is countClauseOpeners(string(rs), words' words)
// on the line's runes, which the text's bytes decode to: the walk that
// test's reference (countClauseOpenersRunes) makes, with no string made.
func countClauseOpenersIn(rs []rune, words *runeWords) int {
	n := 0
	for i := 0; i < len(rs); i++ {
		if i > 0 {
			if p := rs[i-1]; !isClauseBreak(p) && p != '　' && p != ' ' {
				continue
			}
		}
		if r := rs[i]; leadInRunes.first.has(r) {
			if l := leadInRunes.prefixAt(rs, i); l > 0 {
				i += l - 1 // the lead-in's comma opens the next clause
				continue
			}
		}
		// A word counts within the clause's first four runes.
		if words.first.has(rs[i]) {
			for _, w := range words.words {
				if len(w) <= 4 && hasPrefixAt(rs, i, w) {
					n++
					break
				}
			}
		}
	}
	return n
}

// leadInRunes are leadIns as runeWords, in their order.
var leadInRunes = newRuneWords(leadIns)

// firstRunes is the start of s up to n runes long.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// provinceScopeWords are how a province's piece speaks of the whole
// province; 全区 only in an autonomous region (elsewhere it is a district).
func provinceScopeWords(prov *Division) []string {
	ws := []string{"全省", "我省", "各地"}
	if isRegion(prov) {
		ws = append(ws, "全区", "全自治区")
	}
	return ws
}

// The scope words as runeWords, made once.
var (
	provinceRunes = newRuneWords(provinceScopeWords(nil))
	regionRunes   = newRuneWords(provinceScopeWords(&Division{Name: "自治区"}))
)

// provinceScopeRunes is provinceScopeWords(prov) as runeWords.
func provinceScopeRunes(prov *Division) *runeWords {
	if isRegion(prov) {
		return regionRunes
	}
	return provinceRunes
}

// provinceScopeMark is the unitMarks bit of provinceScopeRunes(prov).
func provinceScopeMark(prov *Division) uint8 {
	if isRegion(prov) {
		return markRegion
	}
	return markProvince
}

// The unitMarks bits: bit i says unitMarks' i-th set is in the line.
const (
	markBreadcrumb = 1 << iota
	markProvince
	markRegion
	markTitle
)

// titleRunes open the title of a document or a book (insideTitle).
var titleRunes = newRuneWords([]string{"《"})

// unitMarks are what unitsOf asks of every line's runes: its breadcrumb
// marks (isFurnitureLine), a province's scope words (provinceFrame) and
// whether a title opens in it (weigh).
// The place scan finds them in its walk over the runes (scanMarked); each
// was a walk of its own over every line.
var unitMarks = newRuneMarks(breadcrumbRunes, provinceRunes, regionRunes, titleRunes)

// runeMarks says which of a few runeWords are in a text's runes.
type runeMarks struct {
	first  *runeSet // the first runes of all sets' words
	words  []markWord
	firsts []rune // each word's first rune, compared before the word
	// union is the starts of the last Places scanned with these words,
	// with the words' first runes in its range (Places.scanLine).
	union atomic.Pointer[marksUnion]
}

type marksUnion struct {
	p             *Places
	cjk, cjkWords *[(gazHi - gazLo) / 64]uint64
	both          *gazBits2 // cjk and cjkWords in one table (nextStart)
}

// startsWith gives the first runes of rm's words in p's range, and p.starts
// with them added interleaved with them (nextStart's table).
func (rm *runeMarks) startsWith(p *Places) (cjkWords *[(gazHi - gazLo) / 64]uint64, both *gazBits2) {
	if u := rm.union.Load(); u != nil && u.p == p {
		return u.cjkWords, u.both
	}
	u := &marksUnion{p: p, cjk: new([(gazHi - gazLo) / 64]uint64), cjkWords: new([(gazHi - gazLo) / 64]uint64)}
	*u.cjk = *p.starts
	for r := rune(gazLo); r < gazHi; r++ {
		if rm.first.has(r) {
			u.cjk[(r-gazLo)/64] |= 1 << ((r - gazLo) % 64)
			u.cjkWords[(r-gazLo)/64] |= 1 << ((r - gazLo) % 64)
		}
	}
	u.both = interleave(u.cjk, u.cjkWords)
	rm.union.Store(u)
	return u.cjkWords, u.both
}

// markWord is a word of the sets, and the bits of the sets it is in.
type markWord struct {
	rs   []rune
	bits uint8
}

func newRuneMarks(sets ...*runeWords) *runeMarks {
	rm := &runeMarks{first: new(runeSet)}
	for b, rw := range sets {
		for i := range rw.first {
			rm.first[i] |= rw.first[i]
		}
	next:
		for _, w := range rw.words {
			for k := range rm.words {
				if slices.Equal(rm.words[k].rs, w) {
					rm.words[k].bits |= 1 << b
					continue next
				}
			}
			rm.words = append(rm.words, markWord{rs: w, bits: 1 << b})
			rm.firsts = append(rm.firsts, w[0])
		}
	}
	return rm
}

// at has the bits of the sets with a word that begins at rs[i].
func (rm *runeMarks) at(rs []rune, i int) uint8 {
	var m uint8
	for k, f := range rm.firsts {
		if f == rs[i] && hasPrefixAt(rs, i, rm.words[k].rs) {
			m |= rm.words[k].bits
		}
	}
	return m
}

// isRegion: an autonomous region, where 全区 is the whole of it.
func isRegion(prov *Division) bool {
	return prov != nil && strings.HasSuffix(prov.Name, "自治区")
}

// runeWords finds any of a few words, none empty, in a text's runes. A
// valid word is in a text exactly when its runes are in the text's runes
// (a bad byte decodes to U+FFFD, in no word, and decoding resumes at the
// next byte).
type runeWords struct {
	first *runeSet // the words' first runes
	words [][]rune
}

func newRuneWords(words []string) *runeWords {
	rw := &runeWords{first: new(runeSet)}
	for _, w := range words {
		r := []rune(w)
		rw.first.add(r[0])
		rw.words = append(rw.words, r)
	}
	return rw
}

// in reports whether some word is in rs.
func (rw *runeWords) in(rs []rune) bool {
	for i, r := range rs {
		if r >= 0 && rw.first.has(r) && rw.at(rs, i) {
			return true
		}
	}
	return false
}

// prefixAt is the length of the first word, in the words' order, that
// begins at rs[i], 0 if none.
func (rw *runeWords) prefixAt(rs []rune, i int) int {
	for _, w := range rw.words {
		if hasPrefixAt(rs, i, w) {
			return len(w)
		}
	}
	return 0
}

// at reports whether some word begins at rs[i].
func (rw *runeWords) at(rs []rune, i int) bool {
	for _, w := range rw.words {
		if hasPrefixAt(rs, i, w) {
			return true
		}
	}
	return false
}

// bySentence files each sentence of a province's piece under the unit it
// names (the most specific, 山南市…浪卡子县 → 浪卡子县); a sentence naming
// none follows the one before, unless it speaks of the province (全省,
// 各地, the province's name), whose sentences belong to no unit. Headings
// end an example.
func (x *Extractor) bySentence(lines []string, ms []unitMention, prov *Division) attribution {
	a := attribution{lineUnit: make([]string, len(lines)), segs: make([][]segment, len(lines))}
	byLine := map[int][]unitMention{}
	for _, m := range ms {
		byLine[m.line] = append(byLine[m.line], m)
	}
	scope := provinceScopeWords(prov)
	cur := ""
	for li, text := range lines {
		rs := []rune(text)
		if isHeading(text) {
			cur = ""
		}
		a.lineUnit[li] = cur
		// A paragraph opening with a quotation, or after the province's own
		// text, is about the unit it goes on to name (“…”利津县…书记说).
		if ahead := x.firstUnitIn(byLine[li]); ahead != nil && (cur == "" || strings.HasPrefix(text, "“")) {
			if first := firstSentence(rs); !containsAny(first, scope) && !namesProvince(byLine[li], len([]rune(first))) {
				cur = x.levelName(ahead.name, ahead.div)
			}
		}
		for ss := 0; ss < len(rs); {
			se := ss
			for se < len(rs) && !isSentenceEnd(rs[se]) {
				se++
			}
			for se < len(rs) && isSentenceEnd(rs[se]) {
				se++
			}
			var best *unitMention
			province := false
			for i, m := range byLine[li] {
				if m.start < ss || m.start >= se {
					continue
				}
				if m.div != nil && m.div.Level == LevelProvince && !gazMunicipalities[m.div.Name] {
					// Only a province standing as the actor, not one giving
					// an honour (获评全省…) or naming a campaign (平安山西).
					province = province || m.provWeight >= wBody
					continue
				}
				if m.weight < wBody {
					continue
				}
				if best == nil || best.div != nil && m.div != nil && isAncestor(best.div, m.div) {
					best = &byLine[li][i]
				}
			}
			sentence := string(rs[ss:se])
			switch {
			case best != nil:
				cur = x.levelName(best.name, best.div)
			case province || countClauseOpeners(sentence, scope) > 0:
				cur = ""
			}
			if ss == 0 {
				a.lineUnit[li] = cur
			} else {
				a.segs[li] = append(a.segs[li], segment{start: ss, unit: cur})
			}
			if cur != "" && !slices.Contains(a.units, cur) {
				a.units = append(a.units, cur)
			}
			ss = se
		}
	}
	x.foldCounties(&a)
	return a
}

// firstUnitIn is the first mention of a unit (not the province) that counts.
func (x *Extractor) firstUnitIn(ms []unitMention) *unitMention {
	for i, m := range ms {
		if m.weight >= wBody && (m.div == nil || m.div.Level >= LevelPrefecture || gazMunicipalities[m.div.Name]) {
			return &ms[i]
		}
	}
	return nil
}

func firstSentence(rs []rune) string {
	for i, r := range rs {
		if isSentenceEnd(r) {
			return string(rs[:i+1])
		}
	}
	return string(rs)
}

// namesProvince: a province is named before rune offset end.
func namesProvince(ms []unitMention, end int) bool {
	for _, m := range ms {
		if m.start < end && m.div != nil && m.div.Level == LevelProvince && !gazMunicipalities[m.div.Name] {
			return true
		}
	}
	return false
}

// foldCounties files a county under its prefecture when the prefecture has
// sentences of its own: a county named inside a city's passage is part of
// the city's report (贵港市港北区's official in 贵港市's passage).
func (x *Extractor) foldCounties(a *attribution) {
	into := map[string]string{}
	for _, u := range a.units {
		for _, d := range x.places.Lookup(u) {
			if d.Level == LevelCounty && d.Name == u {
				if p := x.places.Prefecture(d); p != nil && p != d && slices.Contains(a.units, p.Name) {
					into[u] = p.Name
				}
			}
		}
	}
	if len(into) == 0 {
		return
	}
	for i, u := range a.lineUnit {
		if p, ok := into[u]; ok {
			a.lineUnit[i] = p
		}
	}
	for _, segs := range a.segs {
		for j := range segs {
			if p, ok := into[segs[j].unit]; ok {
				segs[j].unit = p
			}
		}
	}
	a.units = slices.DeleteFunc(a.units, func(u string) bool { _, ok := into[u]; return ok })
}

// isUnitHeadingRunes is isUnitHeading on the line's runes: strings.TrimSpace
// trims the runes unicode.IsSpace takes, as decoded, and the rest is
// counted and read in runes.
func isUnitHeadingRunes(rs []rune) bool {
	lo, hi := 0, len(rs)
	for lo < hi && unicode.IsSpace(rs[lo]) {
		lo++
	}
	for hi > lo && unicode.IsSpace(rs[hi-1]) {
		hi--
	}
	if hi-lo <= 8 {
		return true
	}
	return slices.ContainsFunc(rs[lo:min(hi, lo+11)], func(r rune) bool { return r == '：' || r == ':' })
}

// mainUnit picks the single unit of a document: the prefecture with the most
// evidence (its own mentions and its counties'), or one of its counties when
// the report is plainly about that county. It says when it is unsure.
func (x *Extractor) mainUnit(ms []unitMention, t *docLines) (string, *Doubt) {
	// The evidence per unit, in a table searched by name: a document
	// names few units, and six maps written at every mention were most of
	// this function's work.
	var buf [16]unitScore // most documents' units fit: no allocation
	us := unitScores(buf[:0])
	for i, m := range ms {
		if m.weight == 0 {
			continue
		}
		var u, pu int
		us, u = us.add(m.name)
		pref := m.name
		if m.div != nil {
			us[u].div = m.div
			if p := x.places.Prefecture(m.div); p != nil && p != m.div {
				pref = p.Name
				us, pu = us.add(pref)
				us[pu].div = p
			}
		}
		us[u].group, us[u].grouped = pref, true
		us[u].own += m.weight
		if m.weight >= wOpening {
			us[u].strong = true
		}
		us, pu = us.add(pref)
		us[pu].agg += m.weight
		if !us[pu].isPref {
			us[pu].isPref, us[pu].first = true, i
		}
	}
	own := func(name string) float64 { return us.get(name).own }
	agg := func(name string) float64 { return us.get(name).agg }
	var prefs []string
	for _, u := range us {
		if u.isPref {
			prefs = append(prefs, u.name)
		}
	}
	if len(prefs) == 0 {
		if len(x.units) == 1 {
			return x.units[0].Name, nil
		}
		return Unknown, &Doubt{Unit: Unknown, Reason: "全文没有可识别的单位名称", Evidence: discounted(ms, t)}
	}
	// Most weight first, then first named (the order is total: each
	// mention counts for one prefecture-level unit).
	slices.SortFunc(prefs, func(a, b string) int {
		sa, sb := us.get(a), us.get(b)
		switch {
		case sa.agg != sb.agg:
			return cmp.Compare(sb.agg, sa.agg)
		default:
			return cmp.Compare(sa.first, sb.first)
		}
	})
	p := prefs[0]
	// The county of that prefecture the report is about, if one is.
	var best string
	var total float64
	for _, u := range us {
		if !u.grouped || u.group != p || u.name == p {
			continue
		}
		total += u.own
		if best == "" || u.own > own(best) || u.own == own(best) && u.name < best {
			best = u.name
		}
	}
	chosen := p
	runnerUp := ""
	if len(prefs) > 1 {
		runnerUp = prefs[1]
	}
	if best != "" {
		dominant := own(best) >= 3 && own(best) >= 2*own(p) && own(best) >= 0.6*total
		specific := us.get(best).strong && own(best) >= own(p) && own(best) >= 0.6*total
		hinted := own(best) >= 0.5*own(p) && own(best) >= 0.6*total && t.scopeHint(best) > t.scopeHint(p)
		// A city the text never names is not the unit of its county's text.
		unnamed := own(p) == 0 && own(best) >= 0.6*total
		if dominant || specific || hinted || unnamed {
			chosen, runnerUp = best, p
		} else if own(best) >= 0.5*own(p) {
			runnerUp = best
		}
	}
	chosen = x.levelName(chosen, us.get(chosen).div)
	var doubt *Doubt
	top := own(chosen)
	if chosen == p {
		top = agg(p)
	}
	second := 0.0
	switch {
	case runnerUp == "":
	case runnerUp == p && chosen != p:
		second = agg(p) - own(chosen) // the city and its other counties
	case us.get(runnerUp).grouped && us.get(runnerUp).group == runnerUp:
		second = agg(runnerUp)
	default:
		second = own(runnerUp)
	}
	switch {
	case runnerUp != "" && second >= 0.5*top && runnerUp != chosen:
		doubt = &Doubt{Unit: chosen, RunnerUp: runnerUp, Reason: fmt.Sprintf("证据分散：%s %.1f 分，%s %.1f 分", chosen, top, runnerUp, second)}
	case top < 2:
		doubt = &Doubt{Unit: chosen, RunnerUp: runnerUp, Reason: fmt.Sprintf("证据不足：%s 仅 %.1f 分", chosen, top)}
	}
	if doubt != nil {
		doubt.Evidence = evidence(ms, t, chosen, runnerUp)
	}
	return chosen, doubt
}

// unitScore is a unit's evidence in mainUnit.
type unitScore struct {
	name   string
	div    *Division
	own    float64 // its mentions' weight
	strong bool    // title, opening or actor evidence
	// group is its prefecture-level unit, once it has a mention.
	group   string
	grouped bool
	// agg and first: as a prefecture-level unit, its own and its
	// counties' weight and its first mention (isPref once it has one).
	agg    float64
	first  int
	isPref bool
}

// unitScores is a document's unitScore, in the order first named.
type unitScores []unitScore

// add returns us with a score for name, added if new, and its index.
func (us unitScores) add(name string) (unitScores, int) {
	for i := range us {
		if us[i].name == name {
			return us, i
		}
	}
	return append(us, unitScore{name: name}), len(us)
}

// get is name's score, a zero one if it has none.
func (us unitScores) get(name string) unitScore {
	for _, u := range us {
		if u.name == name {
			return u
		}
	}
	return unitScore{}
}

// scopeHint counts the words a report uses for its own unit (我县, 全县, 我区,
// 全市 …) matching the suffix of name: a county's report says 全县. The
// counts are made once per document.
func (t *docLines) scopeHint(name string) int {
	if t.hints == nil {
		t.hints = map[rune]int{}
		for _, rs := range t.rs {
			// Each rune after 我/全/本, in the line's runes.
			p := rune(-1)
			for _, r := range rs {
				if p == '我' || p == '全' || p == '本' {
					t.hints[r]++
				}
				p = r
			}
		}
	}
	rs := []rune(name)
	return t.hints[rs[len(rs)-1]]
}

// evidence lists the mentions behind the chosen unit and the runner-up.
func evidence(ms []unitMention, t *docLines, units ...string) []string {
	var out []string
	for _, u := range units {
		if u == "" {
			continue
		}
		n := 0
		for _, m := range ms {
			if m.name != u || m.weight < wBody {
				continue
			}
			if n == 4 {
				break
			}
			out = append(out, describe(m, t))
			n++
		}
	}
	return append(out, discounted(ms, t)...)
}

// discounted lists mentions that were not counted as the subject.
func discounted(ms []unitMention, t *docLines) []string {
	var out []string
	for _, m := range ms {
		if m.weight < wBody && len(out) < 4 {
			out = append(out, describe(m, t))
		}
	}
	return out
}

// docLines are a document's lines with their line numbers in the file.
type docLines struct {
	lines []string
	nos   []int
	rs    [][]rune     // lines' runes
	hints map[rune]int // see scopeHint
}

func describe(m unitMention, t *docLines) string {
	rs := []rune(t.lines[m.line])
	s, e := max(0, m.start-8), min(len(rs), m.end+10)
	return fmt.Sprintf("第%d行「%s」%s：%s（%.1f）", t.nos[m.line], string(rs[s:e]), m.name, m.role, m.weight)
}

func (x *Extractor) allowed(name string) bool {
	if len(x.units) == 0 {
		return true
	}
	for _, u := range x.units {
		if u.Name == name {
			return true
		}
	}
	return false
}

func (x *Extractor) allowedDiv(d *Division) bool { return x.allowed(d.Name) }

// allowedName maps a mention to a configured unit: the unit itself, or the
// configured prefecture a county belongs to; "" when none is configured.
func (x *Extractor) allowedName(m unitMention) string {
	if m.div == nil || x.allowed(m.name) {
		return m.name
	}
	if p := x.places.Prefecture(m.div); p != nil && x.allowed(p.Name) {
		return p.Name
	}
	return ""
}
