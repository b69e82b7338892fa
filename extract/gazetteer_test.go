package extract

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// gazOne returns the single division called name, failing otherwise.
func gazOne(t *testing.T, name string) *Division {
	t.Helper()
	ds := Gazetteer().Lookup(name)
	if len(ds) != 1 {
		t.Fatalf("Lookup(%q) = %d divisions, want 1", name, len(ds))
	}
	return ds[0]
}

func TestGazetteerLookup(t *testing.T) {
	tests := []struct {
		name, full string
		level      int
		parent     string
	}{
		{"慈溪市", "慈溪市", LevelCounty, "宁波市"},
		{"慈溪", "慈溪市", LevelCounty, "宁波市"},
		{"平凉", "平凉市", LevelPrefecture, "甘肃省"},
		{"聊城市", "聊城市", LevelPrefecture, "山东省"},
		{"延边", "延边朝鲜族自治州", LevelPrefecture, "吉林省"},
		{"恩施土家族苗族自治州", "恩施土家族苗族自治州", LevelPrefecture, "湖北省"},
		{"锡林郭勒", "锡林郭勒盟", LevelPrefecture, "内蒙古自治区"},
		{"大兴安岭", "大兴安岭地区", LevelPrefecture, "黑龙江省"},
		{"神农架", "神农架林区", LevelCounty, "湖北省"},
		{"六枝", "六枝特区", LevelCounty, "六盘水市"},
		{"浦东", "浦东新区", LevelCounty, "上海市"},
		{"东城区", "东城区", LevelCounty, "北京市"},
		{"万州区", "万州区", LevelCounty, "重庆市"},
		{"城口县", "城口县", LevelCounty, "重庆市"},
		{"仙桃市", "仙桃市", LevelCounty, "湖北省"},
		{"东莞市", "东莞市", LevelPrefecture, "广东省"},
		{"长阳", "长阳土家族自治县", LevelCounty, "宜昌市"},
		{"积石山", "积石山保安族东乡族撒拉族自治县", LevelCounty, "临夏回族自治州"},
		{"鄂温克", "鄂温克族自治旗", LevelCounty, "呼伦贝尔市"},
		{"广西", "广西壮族自治区", LevelProvince, ""},
		{"新疆", "新疆维吾尔自治区", LevelProvince, ""},
	}
	for _, tc := range tests {
		d := gazOne(t, tc.name)
		parent := ""
		if d.Parent != nil {
			parent = d.Parent.Name
		}
		if d.Name != tc.full || d.Level != tc.level || parent != tc.parent {
			t.Errorf("Lookup(%q) = %s level %d parent %q, want %s level %d parent %q",
				tc.name, d.Name, d.Level, parent, tc.full, tc.level, tc.parent)
		}
	}
}

func TestGazetteerPrefecture(t *testing.T) {
	tests := []struct{ name, want string }{
		{"临清市", "聊城市"}, {"茌平区", "聊城市"}, {"冠县", "聊城市"}, {"莘县", "聊城市"},
		{"高唐县", "聊城市"}, {"东阿县", "聊城市"}, {"阳谷县", "聊城市"}, {"东昌府区", "聊城市"},
		{"聊城市", "聊城市"},
		{"娄星区", "娄底市"},
		{"荷塘区", "株洲市"}, {"芦淞区", "株洲市"},
		{"浑源县", "大同市"},
		{"慈溪市", "宁波市"},
		// County-level units directly under a province are their own prefecture.
		{"仙桃市", "仙桃市"}, {"济源市", "济源市"}, {"石河子市", "石河子市"}, {"琼海市", "琼海市"},
		// Municipalities stand in for the prefecture of their districts.
		{"东城区", "北京市"}, {"浦东新区", "上海市"}, {"城口县", "重庆市"}, {"北京市", "北京市"},
	}
	g := Gazetteer()
	for _, tc := range tests {
		got := g.Prefecture(gazOne(t, tc.name))
		if got == nil || got.Name != tc.want {
			t.Errorf("Prefecture(%s) = %v, want %s", tc.name, got, tc.want)
		}
	}
	if got := g.Prefecture(gazOne(t, "山东省")); got != nil {
		t.Errorf("Prefecture(山东省) = %s, want nil", got.Name)
	}
}

func TestGazetteerAmbiguous(t *testing.T) {
	g := Gazetteer()
	for name, min := range map[string]int{"恩施": 2, "朝阳区": 2, "朝阳": 3, "鼓楼区": 4, "城区": 3, "海南": 2} {
		if n := len(g.Lookup(name)); n < min {
			t.Errorf("Lookup(%q) = %d divisions, want >= %d", name, n, min)
		}
	}
	if ds := g.Lookup("不存在"); ds != nil {
		t.Errorf("Lookup(不存在) = %v, want nil", ds)
	}
}

func TestGazetteerData(t *testing.T) {
	g := Gazetteer()
	levels := map[int]int{}
	for _, d := range g.All {
		levels[d.Level]++
		if d.Short != "" && utf8.RuneCountInString(d.Short) < 2 {
			t.Errorf("%s: short %q under 2 runes", d.Name, d.Short)
		}
		if d.Level > LevelProvince && d.Parent == nil {
			t.Errorf("%s (%s) has no parent", d.Name, d.Code)
		}
		if d.Level > LevelProvince && d.Parent.Level >= d.Level {
			t.Errorf("%s: parent %s not above it", d.Name, d.Parent.Name)
		}
		if g.ByCode(d.Code) != d {
			t.Errorf("ByCode(%s) is not %s", d.Code, d.Name)
		}
		if strings.Contains(d.Name, "市辖区") || strings.HasSuffix(d.Name, "行政区划") {
			t.Errorf("pseudo-division %s in data", d.Name)
		}
	}
	if levels[LevelProvince] != 31 || levels[LevelPrefecture] < 300 || levels[LevelCounty] < 2800 {
		t.Errorf("levels = %v", levels)
	}
	for _, d := range g.All {
		if d.Level != LevelPrefecture {
			continue
		}
		if ds := g.Lookup(d.Name); len(ds) != 1 || ds[0] != d {
			t.Errorf("Lookup(%s) = %v", d.Name, ds)
		}
		if g.Prefecture(d) != d {
			t.Errorf("Prefecture(%s) is not itself", d.Name)
		}
	}
	for _, s := range []string{"城区", "郊区", "矿区"} {
		for _, d := range g.Lookup(s) {
			if d.Short != "" {
				t.Errorf("%s: short %q, want none", d.Name, d.Short)
			}
		}
	}
}

func TestGazetteerScan(t *testing.T) {
	tests := []struct {
		text string
		want []string // matched names, "+" marks a full-name match
	}{
		{"聊城日报", []string{"聊城"}},
		{"临清市新华路街道葡香村", []string{"临清市+"}},
		{"慈溪市委组织部", []string{"慈溪市+"}},
		{"株洲市芦淞区建设街道", []string{"株洲市+", "芦淞区+"}},
		{"聊城市东昌府区和茌平区", []string{"聊城市+", "东昌府区+", "茌平区+"}},
		{"延边朝鲜族自治州和延边", []string{"延边朝鲜族自治州+", "延边"}},
		{"浙江省宁波市慈溪", []string{"浙江省+", "宁波市+", "慈溪"}},
		// Common words that contain or equal short forms.
		{"推进乡村振兴和共同富裕", nil},
		{"党和政府顺利通过,打通城市基层", nil},
		{"绿水青山就是金山银山", nil},
		{"长治久安,新乡贤", nil},
		{"提升党建水平,建水紫陶", []string{"建水"}},
		{"长安街和平路", nil},
		{"城区和郊区", nil},
		{"提高县域经济,市和县两级", nil},
		{"黄山大学", nil},
		{"慈溪乡村振兴,宁波社区治理", []string{"慈溪", "宁波"}},
		// Full names always match.
		{"和平区青山区", []string{"和平区+", "青山区+"}},
		{"莘县县委", []string{"莘县+"}},
	}
	for _, tc := range tests {
		var got []string
		for _, m := range Gazetteer().Scan(tc.text) {
			s := m.Name
			if m.Full {
				s += "+"
			}
			got = append(got, s)
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("Scan(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestGazetteerScanOffsets(t *testing.T) {
	text := "2024年,临清市新华路街道"
	ms := Gazetteer().Scan(text)
	if len(ms) != 1 {
		t.Fatalf("Scan = %v", ms)
	}
	m := ms[0]
	if got := string([]rune(text)[m.Start:m.End]); got != "临清市" || m.Name != "临清市" || !m.Full {
		t.Errorf("mention %+v covers %q", m, got)
	}
	if len(m.Divisions) != 1 || Gazetteer().Prefecture(m.Divisions[0]).Name != "聊城市" {
		t.Errorf("divisions %v", m.Divisions)
	}
	// An ambiguous short form lists every candidate.
	ms = Gazetteer().Scan("朝阳")
	if len(ms) != 1 || len(ms[0].Divisions) < 3 {
		t.Errorf("Scan(朝阳) = %+v", ms)
	}
}

func TestGazetteerScanTable(t *testing.T) {
	// Scan's table only covers [gazLo, gazHi): every name must start there.
	for _, d := range Gazetteer().All {
		for _, s := range []string{d.Name, d.Short} {
			if r, _ := utf8.DecodeRuneInString(s); s != "" && (r < gazLo || r >= gazHi) {
				t.Errorf("%s starts outside the scan table", s)
			}
		}
	}
}

// TestScanRunesRandom: the scan of a line's runes finds what the scan of
// its bytes found before (scanBefore), and gives []rune(text) and its
// validity, on random texts of place names (full, short, ambiguous,
// risky), the words around names that the rules look at, punctuation,
// ASCII and bad bytes next to all of them.
func TestScanRunesRandom(t *testing.T) {
	p := Gazetteer()
	pieces := []string{"，", "。", "、", "a", "1", " ", "　", "《", "》", "\xff", "\xe4\xb8", "\xed\xa0\x80", "\xef\xbf\xbd", "\xc3\xa9", "\xf0\x9f\x98\x80",
		"市", "县", "区", "州", "省", "和", "繁", "孙", "最", "党", "出", "振", "久", "里", "贤", "心", "色", "下", "产业", "松水", "乡村", "社区治理", "村党组织",
		"提高", "形成", "振兴", "域", "级", "城", "发展", "工作", "全省", "宁波市", "慈溪", "慈溪市", "吉林", "吉林市", "朝阳", "朝阳区", "高县", "和县", "建水", "党建水平", "中山", "大同",
		// unitMarks' words, their first runes, and names that begin with them.
		">", ">>", "》", "＞", "»", "→", "全", "我", "各", "我省", "各地", "全区", "全自治区", "全州", "全州县", "全椒县", "各族", "万全区", "万全", "天全", "天全县", "龙胜各族自治县", "《", "《慈溪市志》"}
	pieces = append(pieces, gazRejectAfterShort...)
	pieces = append(pieces, gazAllowAfterShort...)
	for i, d := range p.All {
		if i%7 == 0 {
			pieces = append(pieces, d.Name)
			if d.Short != "" {
				pieces = append(pieces, d.Short)
			}
		}
	}
	for k := range gazRiskyCounty {
		pieces = append(pieces, k)
	}
	for k := range gazShortContext {
		pieces = append(pieces, k)
	}
	rng := rand.New(rand.NewPCG(15, 60))
	found := 0
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(12) {
			piece := pieces[rng.IntN(len(pieces))]
			if rng.IntN(10) == 0 && len(piece) > 1 {
				piece = piece[:1+rng.IntN(len(piece)-1)] // a name cut by a bad byte
			}
			b.WriteString(piece)
		}
		text := b.String()
		want := scanBefore(p, text)
		got, rs, valid := p.scanRunes(text, []Mention{{Name: "前"}}, []rune("前"))
		if !slices.Equal(rs, append([]rune("前"), []rune(text)...)) || valid != utf8.ValidString(text) {
			t.Fatalf("%q: runes %q valid %v", text, string(rs), valid)
		}
		// The marks found in the scan's walk are the sets' words in the text.
		gotM, _, _, _, marks := p.scanMarked(text, nil, nil, nil, unitMarks)
		for b, rw := range []*runeWords{breadcrumbRunes, provinceRunes, regionRunes, titleRunes} {
			if in := marks&(1<<b) != 0; in != containsAny(text, runeWordStrings(rw)) || in != rw.in([]rune(text)) {
				t.Fatalf("%q: mark %d is %v", text, b, in)
			}
		}
		if marks != unitMarks.marks([]rune(text)) || len(gotM) != len(want) {
			t.Fatalf("%q: marks %b, %d mentions", text, marks, len(gotM))
		}
		if len(got) != 1+len(want) || got[0].Name != "前" {
			t.Fatalf("%q: %d mentions, want %d: %+v", text, len(got)-1, len(want), got)
		}
		for i, w := range want {
			g := got[1+i]
			if g.Start != w.Start || g.End != w.End || g.Name != w.Name || g.Full != w.Full || !slices.Equal(g.Divisions, w.Divisions) {
				t.Fatalf("%q mention %d: %+v, want %+v", text, i, g, w)
			}
		}
		found += len(want)
	}
	if found < 10000 {
		t.Fatalf("only %d mentions", found)
	}
}

// runeWordStrings are rw's words as strings.
func runeWordStrings(rw *runeWords) []string {
	var ws []string
	for _, w := range rw.words {
		ws = append(ws, string(w))
	}
	return ws
}

// FuzzDecodeLine: decodeLine gives []rune(s) after what dst held, and
// whether s is valid UTF-8; the place scan of those runes finds what the
// scan of the bytes found (scanBefore).
func FuzzDecodeLine(f *testing.F) {
	for _, s := range []string{"", "宁波市慈溪市", "\xe4\xb8", "\xed\xa0\x80吉林", "\xe0\xa0\x80", "\xef\xbf\xbd", "a\xff中", "全州县>>万全区》", "\xf0\x9f\x98\x80高县域"} {
		f.Add(s)
	}
	p := Gazetteer()
	f.Fuzz(func(t *testing.T, s string) {
		rs, offs, valid := decodeLine([]rune("前"), []int32{-1}, s)
		if !slices.Equal(rs, append([]rune("前"), []rune(s)...)) || valid != utf8.ValidString(s) {
			t.Fatalf("%q: runes %q valid %v", s, string(rs), valid)
		}
		if want, _ := runeOffsets([]int32{-1}, s); !slices.Equal(offs, want) {
			t.Fatalf("%q: offsets %v, want %v", s, offs, want)
		}
		got, want := p.Scan(s), scanBefore(p, s)
		if len(got) != len(want) {
			t.Fatalf("%q: %d mentions, want %d", s, len(got), len(want))
		}
		for i := range got {
			if got[i].Start != want[i].Start || got[i].End != want[i].End || got[i].Name != want[i].Name {
				t.Fatalf("%q mention %d: %+v, want %+v", s, i, got[i], want[i])
			}
		}
	})
}
