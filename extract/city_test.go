package extract

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"djreport/source"
)

// attribute extracts a short passage (lines joined by newlines).
func attribute(t *testing.T, cfg Config, lines ...string) Document {
	t.Helper()
	x, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := source.Parse("passage.txt", []byte(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatal(err)
	}
	return x.Document(doc)
}

// TestAttributionRules: one rule of unit attribution per case, on short
// passages in the genre's own constructions.
func TestAttributionRules(t *testing.T) {
	cases := []struct {
		rule  string
		cfg   Config
		lines []string
		units []string
	}{
		{"an administrative chain names its most specific unit", Config{},
			[]string{"潍坊市奎文区抓实基层党建", "今年以来，潍坊市奎文区委组织部坚持党建引领，新发展党员120名，培训党员干部3000人次。"},
			[]string{"奎文区"}},
		{"a province-city-county chain too", Config{},
			[]string{"山东省潍坊市临朐县：党建引领强村富民", "全县共建成党群服务中心48个。"},
			[]string{"临朐县"}},
		{"a city newspaper's dateline is not the subject", Config{},
			[]string{"本报潍坊讯 近日，记者从临朐县委组织部获悉，临朐县今年新发展党员320名，村集体经营性收入全部超过10万元。"},
			[]string{"临朐县"}},
		{"an outlet in the byline is not the subject", Config{},
			[]string{"（潍坊日报记者 王明 通讯员 李红）", "临朐县聚焦抓党建促乡村振兴，全县346个村党组织书记全部参加轮训。"},
			[]string{"临朐县"}},
		{"a page title the body never names counts little", Config{},
			[]string{"昌乐县新闻网", "临朐县把支部建在产业链上，建成产业党支部26个。临朐县还选派第一书记85名。"},
			[]string{"临朐县"}},
		{"a study trip's destination is not the subject", Config{},
			[]string{"临朐县组织村书记外出取经", "临朐县委组织部组织60名村党组织书记赴寿光市学习考察，借鉴寿光经验发展大棚3000个。", "寿光市的做法让大家深受启发。"},
			[]string{"临朐县"}},
		{"the body that gave an honour is not the subject", Config{},
			[]string{"临朐县党建工作综述", "临朐县5个村党组织获评潍坊市先进基层党组织，12名党员被潍坊市委表彰。"},
			[]string{"临朐县"}},
		// Written from corpus sets m and n after their blind measurement
		// (testdata/corpus/README.md), restated with other places.
		{"a list of places weighs as one mention, not one per member", Config{},
			[]string{"临朐县第五批援疆干部返回", "据介绍，临朐最初帮扶的是喀什地区的疏附、伽师、岳普湖、英吉沙、疏勒和莎车6县，后又把喀什地区的叶城、泽普、麦盖提3县纳入范围。", "临朐累计投入帮扶资金3000万元。"},
			[]string{"临朐县"}},
		{"an autonomous county is written with the plain suffix", Config{},
			[]string{"宽城县塌山乡情况简介", "塌山乡地处宽城县西部，有13个党支部、308名党员。"},
			[]string{"宽城满族自治县"}},
		{"a menu of places is page furniture", Config{},
			[]string{"今日潍坊 今日寿光 今日青州 今日诸城 今日高密 今日昌邑 今日安丘", "党支部领办合作社 临朐“头雁”领富", "本报潍坊讯 门楼镇党支部领办合作社，带动120户增收。", "临朐县共有120个村党支部领办合作社。"},
			[]string{"临朐县"}},
		{"a round-up files each passage under its unit", Config{},
			[]string{"山东省抓党建促乡村振兴综述", "全省共有村党组织5.6万个。", "潍坊市：", "潍坊市新发展党员2000名。", "临沂市：", "临沂市建成党群服务中心300个。"},
			[]string{"潍坊市", "临沂市"}},
		{"a city's report with a passage per county is the city's", Config{},
			[]string{"潍坊市党建引领乡村振兴", "潍坊市委组织部坚持系统谋划。", "临朐县：建成产业党支部26个。", "昌乐县：选派第一书记40名。"},
			[]string{"潍坊市"}},
		{"level county splits a city's report by county", Config{Level: ReportCounty},
			[]string{"潍坊市党建引领乡村振兴", "潍坊市委组织部坚持系统谋划。", "临朐县：建成产业党支部26个。", "昌乐县：选派第一书记40名。"},
			[]string{"临朐县", "昌乐县"}},
		{"level city rolls a county up into its prefecture", Config{Level: ReportCity},
			[]string{"临朐县抓党建促振兴", "临朐县委组织部坚持党建引领，新发展党员320名。"},
			[]string{"潍坊市"}},
		{"a former county-level city keeps the name the report uses", Config{},
			[]string{"章丘市扎实推进基层党建", "章丘市委组织部坚持问题导向，2014年新建村级活动场所56处。"},
			[]string{"章丘市"}},
		{"namesakes follow the province the report names", Config{},
			[]string{"辽宁省朝阳市党建工作", "朝阳市委组织部坚持抓基层打基础，朝阳新建党群服务中心200个。"},
			[]string{"朝阳市"}},
		{"a county report that says 全县 and names its city", Config{},
			[]string{"党建引领强村富民", "近年来，潍坊市临朐县坚持党建引领，全县346个村集体收入全部超过10万元。", "潍坊市委组织部对临朐县的做法给予肯定，全县党员干部干劲更足。"},
			[]string{"临朐县"}},
		{"a breadcrumb is page furniture", Config{},
			[]string{"山东新闻网>>地市频道>>潍坊频道", "临朐县五井镇获评全省乡村治理示范乡镇", "临朐县五井镇建成党群服务中心12个。"},
			[]string{"临朐县"}},
		{"the partner of 东西部协作 is not the subject", Config{},
			[]string{"山海情深", "近年来，甘肃省定西市渭源县与山东省青岛市崂山区深化东西部协作，共建产业园3个。", "崂山区12家企业与渭源县8个乡镇结成帮扶对子，渭源县引进项目6个。"},
			[]string{"渭源县"}},
		{"a page of datelined articles gives each article its unit", Config{},
			[]string{"本报3月3日讯 （记者 王明）记者了解到，临朐县新建产业党支部26个。", "本报3月3日讯 （记者 李红）记者了解到，莒县选派第一书记40名，莒县全部村集体收入超过10万元。"},
			[]string{"临朐县", "莒县"}},
		{"every place of a visited list is visited", Config{},
			[]string{"日前，潍坊市奎文区委组织部组织12个社区党组织书记外出学习。", "一行人先后到寿光三元朱村、青州南张楼村、昌乐县宝石城社区3个兄弟县（市）区的党建现场考察学习。", "大家表示要把我区基层党建工作抓实。"},
			[]string{"奎文区"}},
		{"a city's built-up area is a landmark, not the unit", Config{},
			[]string{"润丰村党建引领强村", "润丰村是潍坊市奎文区的移民村，奎文区扶持建成大棚100栋。", "村里发挥离潍坊市区近的优势，年收入近60万元。"},
			[]string{"奎文区"}},
		{"a line of place names is a site's menu", Config{},
			[]string{"安徽 北京 重庆 福建 甘肃 广东 广西 贵州 海南 河北 河南", "临朐县委组织部坚持党建引领，新发展党员320名。"},
			[]string{"临朐县"}},
		{"passages of one city's counties with no province above are the city's", Config{},
			[]string{"本报讯 近日，记者走访临朐县、昌乐县、青州市，各地大棚产业红火，潍坊市大棚总数居全省前列。", "临朐县：建成大棚3000个。", "昌乐县：村集体增收2000万元。", "青州市：新建合作社12家。"},
			[]string{"潍坊市"}},
		{"passages of a city's districts whose city is named only in their chains are the districts'", Config{},
			[]string{"潍坊市奎文区：坚持党建引领，新建党群服务中心12个。", "潍坊市潍城区：坚持资源下沉，选派干部52名。"},
			[]string{"奎文区", "潍城区"}},
		{"a province's newspaper is not a province's piece", Config{},
			[]string{"山东日报讯（山东日报记者 王明）临朐县委组织部坚持党建引领，全县新发展党员320名，临朐县建成党群服务中心48个。"},
			[]string{"临朐县"}},
		{"configured units narrow detection to them", Config{Units: []UnitConfig{{Name: "潍坊市"}}},
			[]string{"临朐县抓党建促振兴", "临朐县委组织部坚持党建引领，新发展党员320名。"},
			[]string{"潍坊市"}},
	}
	for _, c := range cases {
		doc := attribute(t, c.cfg, c.lines...)
		if !slices.Equal(doc.Units, c.units) {
			t.Errorf("%s: units %v, want %v (doubt %+v)", c.rule, doc.Units, c.units, doc.Doubt)
		}
	}
}

// TestOutside: a province's totals in a round-up, and a clause about the
// whole province inside a unit's report, belong to no unit.
func TestOutside(t *testing.T) {
	doc := attribute(t, Config{},
		"山东省抓党建促乡村振兴综述",
		"全省共有村党组织5.6万个。",
		"潍坊市：",
		"潍坊市新发展党员2000名。",
		"临沂市：",
		"临沂市建成党群服务中心300个，全省共培训村干部8万人次。")
	var outside []float64
	for _, f := range doc.Outside {
		outside = append(outside, f.Value)
		if f.Unit != "" {
			t.Errorf("outside figure %s has unit %s", f.Text, f.Unit)
		}
	}
	if !slices.Equal(outside, []float64{56000, 80000}) {
		t.Errorf("outside = %v, want [56000 80000]", outside)
	}
	for _, f := range doc.Figures {
		if f.Value == 2000 && f.Unit != "潍坊市" || f.Value == 300 && f.Unit != "临沂市" {
			t.Errorf("%s filed under %s", f.Text, f.Unit)
		}
	}
	// An honour from the province is the unit's figure, not the province's.
	doc = attribute(t, Config{}, "临朐县党建综述", "临朐县坚持党建引领，3个村获评全省先进基层党组织。")
	if len(doc.Outside) != 0 || len(doc.Figures) != 1 {
		t.Errorf("获评全省: outside %v, figures %v", doc.Outside, doc.Figures)
	}
}

// TestDoubt: weak or split evidence is said, with the runner-up.
func TestDoubt(t *testing.T) {
	doc := attribute(t, Config{}, "今年以来，各村新发展党员32名。")
	if doc.Units[0] != Unknown || doc.Doubt == nil {
		t.Errorf("no place: units %v, doubt %+v", doc.Units, doc.Doubt)
	}
	doc = attribute(t, Config{}, "党建工作简讯", "临沂市新发展党员2000名。", "淄博市建成党群服务中心300个。")
	if doc.Doubt == nil || doc.Doubt.RunnerUp == "" || len(doc.Doubt.Evidence) == 0 {
		t.Errorf("split evidence: doubt %+v", doc.Doubt)
	}
	doc = attribute(t, Config{}, "临朐县抓党建促振兴", "临朐县委组织部坚持党建引领，临朐县新发展党员320名。")
	if doc.Doubt != nil {
		t.Errorf("clear report doubted: %+v", doc.Doubt)
	}
}

// TestFigureIdentity: ids are stable across runs and survive lines added
// elsewhere; spans point at the figure's text in its line.
func TestFigureIdentity(t *testing.T) {
	a := attribute(t, Config{}, "临朐县党建综述", "小区12个，新建党组织12个。")
	b := attribute(t, Config{}, "临朐县党建综述", "今年以来工作扎实。", "小区12个，新建党组织12个。")
	if len(a.Figures) != 2 || len(b.Figures) != 2 {
		t.Fatalf("figures: %v / %v", a.Figures, b.Figures)
	}
	if a.Figures[0].ID == a.Figures[1].ID {
		t.Errorf("two figures share id %s", a.Figures[0].ID)
	}
	for i := range a.Figures {
		if a.Figures[i].ID != b.Figures[i].ID {
			t.Errorf("id of %s changed when a line was added", a.Figures[i].Text)
		}
	}
	line := []rune("小区12个，新建党组织12个。")
	for _, f := range a.Figures {
		if got := string(line[f.Span[0]:f.Span[1]]); got != f.Text {
			t.Errorf("span %v gives %q, want %q", f.Span, got, f.Text)
		}
	}
	if a.Figures[1].Span[0] != 11 {
		t.Errorf("second 12个 at %v, want it at rune 11", a.Figures[1].Span)
	}
}

func TestLevelValidated(t *testing.T) {
	if _, err := New(Config{Level: "province"}); err == nil {
		t.Error("level province accepted")
	}
}

// TestRoundUpTotalRow: a round-up table's 合计 row belongs to no unit.
func TestRoundUpTotalRow(t *testing.T) {
	doc := attribute(t, Config{}, "安徽省部分县基层党建指标", "泾县：党员人数215名。", "绩溪县：党员人数188名。", "合计：党员人数403名。")
	if len(doc.Outside) != 1 || doc.Outside[0].Value != 403 {
		t.Errorf("outside %+v, want the 合计 row", doc.Outside)
	}
	if !slices.Equal(doc.Units, []string{"泾县", "绩溪县"}) {
		t.Errorf("units %v", doc.Units)
	}
}

// TestWordListsMatchLoops: the wordLists answer as hasAnyPrefix,
// hasAnySuffix and containsAny on their words, trimSpaces as
// strings.TrimLeft and lastRune as utf8.DecodeLastRuneInString, on random
// clauses of the lists' words, their runes, spaces, punctuation and bad
// bytes.
func TestWordListsMatchLoops(t *testing.T) {
	lists := []*wordList{outletList, tripList, studyList, learnList, awardList, awardAfterList, comparisonList,
		partnerList, actorList, leadInList, aidList, ownOutlet, partnerLinks, furnitureList}
	pieces := []string{"", " ", "　", "，", "、", "a", "1", "本", "新", "中", "人", "（", "(", "【", "本报", "：", ":", "\t", "\u0085", "\u00a0", "株洲市：", "\xff", "\xe4\xb8", "\xed\xa0\x80", "\xef\xbf\xbd", "\xc3\xa9", "\xf0\x9f\x98\x80", "慈溪", "市", ">", ">>", "》", "＞", "»", "→", "。", "·", "【", "（"}
	for _, l := range lists {
		for _, w := range l.words {
			pieces = append(pieces, w)
			for _, r := range w {
				pieces = append(pieces, string(r))
			}
		}
	}
	rng := rand.New(rand.NewPCG(15, 61))
	hits := 0
	for range 30000 {
		var b strings.Builder
		for range rng.IntN(9) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		for _, l := range lists {
			p, sf, in := l.prefixOf(s), l.suffixOf(s), l.in(s)
			if p != hasAnyPrefix(s, l.words) || sf != hasAnySuffix(s, l.words) || in != containsAny(s, l.words) {
				t.Fatalf("%q %q: prefix %v suffix %v in %v", s, l.words, p, sf, in)
			}
			if in {
				hits++
			}
		}
		if got, want := isUnitHeadingRunes([]rune(s)), isUnitHeading(s); got != want {
			t.Fatalf("isUnitHeadingRunes(%q) = %v", s, got)
		}
		if got, want := mayOpenDatelineRunes([]rune(s)), mayOpenDateline(trimSpaces(s)); got != want {
			t.Fatalf("mayOpenDatelineRunes(%q) = %v", s, got)
		}
		if got, want := trimSpaces(s), strings.TrimLeft(s, "　 "); got != want {
			t.Fatalf("trimSpaces(%q) = %q, want %q", s, got, want)
		}
		if r, _ := utf8.DecodeLastRuneInString(s); lastRune(s) != r {
			t.Fatalf("lastRune(%q) = %U, want %U", s, lastRune(s), r)
		}
		if got, want := isFurnitureLine(s, []rune(s), breadcrumbRunes.in([]rune(s))), furnitureBefore(s); got != want {
			t.Fatalf("isFurnitureLine(%q) = %v", s, got)
		}
	}
	if hits < 10000 {
		t.Fatalf("only %d hits", hits)
	}
}

// TestUnitHeadingRunes: isUnitHeadingRunes answers as isUnitHeading on
// lines around its limits (8 runes, a colon within the first 11), with
// spaces of every kind around them.
func TestUnitHeadingRunes(t *testing.T) {
	for _, core := range []string{"", "株洲市", "一二三四五六七八", "一二三四五六七八九", "一二三四五六七八九十", "一二三四五六七八九十：", "一二三四五六七八九十一：",
		"一二三四五六七八九十一二：", "宁波市：发挥党建统领作用", "宁波市发挥党建统领作用，推进基层治理", "\xff\xff\xff\xff\xff\xff\xff\xff\xff"} {
		for _, pad := range []string{"", " ", "　", "\t", "\u00a0", "\u0085", " 　"} {
			for _, l := range []string{core, pad + core, core + pad, pad + core + pad} {
				if got, want := isUnitHeadingRunes(slices.Clip([]rune(l))), isUnitHeading(l); got != want { // capped, as lines are
					t.Fatalf("isUnitHeadingRunes(%q) = %v, want %v", l, got, want)
				}
			}
		}
	}
}

// TestBreadcrumbSepsHoldMarks: every separator holds a breadcrumb mark,
// so a line with fewer than two marks has fewer than two separators
// (isFurnitureLine's shortcut).
func TestBreadcrumbSepsHoldMarks(t *testing.T) {
	for _, sep := range breadcrumbSeps {
		if !breadcrumbRunes.in([]rune(sep)) {
			t.Fatalf("separator %q holds no mark", sep)
		}
	}
}

// furnitureBefore is isFurnitureLine as it was, on the string alone.
func furnitureBefore(line string) bool {
	t := strings.TrimLeft(line, "　 ·•【[（(")
	if hasAnyPrefix(t, furniturePrefixes) {
		return true
	}
	n := 0
	for _, sep := range []string{">>", "》》", "＞", ">", "»", "→"} {
		n += strings.Count(t, sep)
		t = strings.ReplaceAll(t, sep, "")
	}
	return n >= 2 && !strings.ContainsAny(t, "。，")
}

// TestCountClauseOpenersIn: counting on a line's runes counts what
// countClauseOpeners counts on its text, on every line of the reports and
// on random lines of scope words, lead-ins, clause breaks and bad bytes.
func TestCountClauseOpenersIn(t *testing.T) {
	region := &Division{Name: "西藏自治区"}
	pieces := append([]string{"，", "。", "、", "：", "　", " ", "a", "\xff", "\xe4\xb8", "全", "各", "我", "省", "区", "自治", "获评", "共有"}, leadIns...)
	pieces = append(pieces, provinceScopeWords(region)...)
	lines := hotpathLines(t)
	rng := rand.New(rand.NewPCG(15, 62))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(10) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		lines = append(lines, b.String())
	}
	hits := 0
	for _, l := range lines {
		for _, prov := range []*Division{nil, region} {
			got, want := countClauseOpenersIn([]rune(l), provinceScopeRunes(prov)), countClauseOpeners(l, provinceScopeWords(prov))
			if got != want {
				t.Fatalf("%q: %d openers, want %d", l, got, want)
			}
			hits += got
		}
	}
	if hits < 1000 {
		t.Fatalf("only %d openers", hits)
	}
}

// TestWordBuckets: every word is in the bucket of its rune modulo 256, and
// only there, also for the runes at the buckets' ends (0x..00, 0x..FF).
func TestWordBuckets(t *testing.T) {
	words := []string{"\u00ff", "\u0100", "a", "ÿb", "党", "全省", "\u4eff", "\u4f00", "\u4eff\u4e00"}
	l := newWordList(words)
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		lr, _ := utf8.DecodeLastRuneInString(w)
		if !slices.Contains(l.first.of(r), w) || !slices.Contains(l.last.of(lr), w) {
			t.Fatalf("%q not in its buckets", w)
		}
	}
	n := 0
	for b := range 256 {
		for _, w := range l.first.of(rune(b)) {
			if r, _ := utf8.DecodeRuneInString(w); r%256 != rune(b) {
				t.Fatalf("%q in bucket %d", w, b)
			}
			n++
		}
	}
	if n != len(words) {
		t.Fatalf("%d words in the buckets, want %d", n, len(words))
	}
}

// TestRuneSetsMatchContainsRune: the rune sets answer as
// strings.ContainsRune on their strings, for every rune of the BMP and
// beyond, U+FFFD (a bad byte) and runes that are none.
func TestRuneSetsMatchContainsRune(t *testing.T) {
	for _, c := range []struct {
		set string
		rs  []rune
	}{{furnitureTrim, furnitureTrimRunes}, {"州市县区盟", shortSuffixes}, {"市县区州旗", listSuffixes}, {"、和及与", listSeparators}} {
		for r := rune(-2); r < 0x11000; r++ {
			if slices.Contains(c.rs, r) != strings.ContainsRune(c.set, r) {
				t.Fatalf("%q: %U", c.set, r)
			}
		}
	}
}
