package report

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"djreport/extract"
	"djreport/mapping"
)

var (
	briefTestFontOnce sync.Once
	briefTestFonts    *Fonts
	briefTestFontErr  error
)

// briefFonts loads the default fonts of the roles once for all tests.
func briefFonts(tb testing.TB) *Fonts {
	tb.Helper()
	briefTestFontOnce.Do(func() {
		load := func(name string) *Font {
			f, err := LoadFont(filepath.Join("..", "templates", "fonts", name))
			if err != nil && briefTestFontErr == nil {
				briefTestFontErr = err
			}
			return f
		}
		song, kai, hei := load("gbsn00lp.ttf"), load("gkai00mp.ttf"), load("wqy-microhei.ttf")
		briefTestFonts = &Fonts{Title: song, Body: song, Heading1: hei, Heading2: kai, Table: song}
	})
	if briefTestFontErr != nil {
		tb.Fatal(briefTestFontErr)
	}
	return briefTestFonts
}

func briefCatalogue(tb testing.TB) []mapping.Indicator {
	tb.Helper()
	cat, err := mapping.LoadFile(filepath.Join("..", "mapping", "standard.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	return cat
}

// briefTestUnit has bindings in three sections, nothing in 建机制, long
// sentences and figures that only the sentences carry.
func briefTestUnit() Unit {
	src := "samples/2024Q4/cixi.txt"
	long := "慈溪深化“慈有强雁”计划，一体统筹推动城乡社工“同定岗、同招录、同考核、同待遇”，全年新招录社区工作者215名，开展全员轮训12期、培训2.1万人次；" +
		"选派126名优秀干部担任村（社区）第一书记，组建驻村工作队38支；累计储备村（社区）党组织书记后备力量1,046名，其中35周岁以下的占比达到46.3%，较上年提高14、15个百分点。"
	fig := func(sec extract.Section, v float64, m, q, text, sentence string, line int) extract.Figure {
		return extract.Figure{Unit: "慈溪市", Section: sec, Value: v, Measure: m, Qualifier: q, Text: text, Sentence: sentence, Line: line, Source: src}
	}
	figs := []extract.Figure{
		fig(extract.Team, 3472, "名", "", "3472名", "开展正反面典型案例集中警示教育，组织慈溪市共95批次、3472名党员集中观展。", 6),
		fig(extract.Team, 215, "名", "", "215名", long, 9),
		fig(extract.Team, 21000, "人次", "", "2.1万人次", long, 9),
		fig(extract.Team, 126, "名", "", "126名", long, 9),
		fig(extract.Team, 1046, "名", "", "1,046名", long, 9),
		fig(extract.Team, 46.3, "%", "", "46.3%", long, 9),
		fig(extract.Team, 1582, "名", "", "1582名", "全年发展党员1582名，其中35岁以下青年党员占比超过八成。", 11),
		fig(extract.Development, 300000, "元", "余", "30余万元", "新建共富工坊86个，带动村集体增收30余万元，村均收入达到120.5万元。", 20),
		fig(extract.Development, 86, "个", "", "86个", "新建共富工坊86个，带动村集体增收30余万元，村均收入达到120.5万元。", 20),
		fig(extract.Development, 1205000, "元", "", "120.5万元", "新建共富工坊86个，带动村集体增收30余万元，村均收入达到120.5万元。", 20),
		fig(extract.Development, 120000000, "元", "", "1.2亿元", "全年完成重点项目投资1.2亿元，带动5—15户低收入农户稳定增收。", 22),
		fig(extract.Governance, 98.6, "%", "", "98.6%", "深化“网格连心、组团服务”，全市划分治理网格1,203个，矛盾纠纷调解率达98.6%。", 30),
		fig(extract.Governance, 1203, "个", "", "1,203个", "深化“网格连心、组团服务”，全市划分治理网格1,203个，矛盾纠纷调解率达98.6%。", 30),
		fig(extract.Governance, 5600, "名", "", "5600名", "组织在职党员5600名到社区报到，认领微心愿2300余个。", 31),
		fig(extract.Governance, 2300, "个", "余", "2300余个", "组织在职党员5600名到社区报到，认领微心愿2300余个。", 31),
	}
	bind := func(id string, f extract.Figure) mapping.Binding {
		return mapping.Binding{Unit: "慈溪市", ID: id, Value: f.Value, Measure: f.Measure, Qualifier: f.Qualifier, Source: f.Source, Line: f.Line, Text: f.Text, Sentence: f.Sentence}
	}
	return Unit{
		Name:    "慈溪市",
		Period:  "2024Q4",
		Level:   "county",
		Sources: []string{src, "samples/2024Q4/慈溪市委组织部2024年工作总结.docx"},
		Figures: figs,
		Bindings: []mapping.Binding{
			bind("members_recruited", figs[6]),
			bind("training_attendance", figs[2]),
			bind("cadres_dispatched", figs[3]),
			bind("community_workers", figs[1]),
			bind("secretary_reserve", figs[4]),
			bind("collective_income_avg", figs[9]),
			bind("collective_income_growth", figs[7]),
			bind("prosperity_workshops", figs[8]),
			bind("investment_completed", figs[10]),
			bind("grids", figs[12]),
			bind("mediation_rate", figs[11]),
			bind("members_in_community", figs[13]),
		},
	}
}

// briefTestPeers are the test unit and two other counties: averages of two.
func briefTestPeers() *Peers {
	peer := Unit{Name: "余姚市", Level: "county"}
	for id, v := range map[string]float64{
		"members_recruited": 1210.5, "training_attendance": 35000, "cadres_dispatched": 140,
		"community_workers": 300, "collective_income_avg": 980000, "prosperity_workshops": 60,
		"investment_completed": 90000000, "grids": 1500, "mediation_rate": 97.2, "members_in_community": 4100,
	} {
		peer.Bindings = append(peer.Bindings, mapping.Binding{Unit: peer.Name, ID: id, Value: v})
	}
	// A third county with the test unit's own values: the averages of the
	// other two are those of the unit and 余姚市.
	twin := briefTestUnit()
	twin.Name = "海宁市"
	// A city's values must not enter a county's average.
	city := Unit{Name: "宁波市", Level: "city", Bindings: []mapping.Binding{{ID: "members_recruited", Value: 99999}}}
	return NewPeers([]Unit{briefTestUnit(), peer, twin, city})
}

func renderTestBrief(tb testing.TB, dir string, opts BriefOptions) (string, []byte) {
	tb.Helper()
	out := filepath.Join(dir, "慈溪市-简报.pdf")
	if err := WriteBrief(out, briefFonts(tb), briefTestUnit(), briefCatalogue(tb), briefTestPeers(), opts); err != nil {
		tb.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		tb.Fatal(err)
	}
	return out, data
}

// pdfText reads a brief back with pdftotext (skipping the test when it is
// not installed), whitespace removed.
func briefPDFText(t *testing.T, path string, layout bool) (raw, flat string) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed: text checks skipped")
	}
	args := []string{path, "-"}
	if layout {
		args = append([]string{"-layout"}, args...)
	}
	out, err := exec.Command("pdftotext", args...).Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out), strings.Join(strings.Fields(string(out)), "")
}

func TestWriteBrief(t *testing.T) {
	dir := t.TempDir()
	out, first := renderTestBrief(t, dir, BriefOptions{})
	if len(first) > 200*1024 {
		t.Errorf("brief is %d bytes, want at most 200 KB", len(first))
	}
	t.Logf("brief: %d bytes", len(first))
	_, again := renderTestBrief(t, t.TempDir(), BriefOptions{})
	if !bytes.Equal(first, again) {
		t.Error("two renders of the same brief differ")
	}
	if keep := os.Getenv("BRIEF_KEEP"); keep != "" {
		os.WriteFile(keep, first, 0o644)
	}

	text, flat := briefPDFText(t, out, true)
	checkBriefText(t, "慈溪市", flat)
	for _, want := range []string{"基层党建工作简报", "慈溪市2024年第四季度基层党建工作情况", "2024年第4期", "中共慈溪市委组织部编印", "2024年12月31日",
		"现将慈溪市2024年第四季度基层党建工作情况简报如下。", "—1—", "—2—", "一、抓队伍", "二、促发展", "三、强治理", "四、主要指标", "（一）主要指标完成情况",
		"（二）主要指标与本期汇总的其他2个县（市、区）平均水平对比", "其他2个县（市、区）平均", "中共慈溪市委组织部2024年12月31日印发",
		// figures in their source wording, in sentences and in the table
		"2.1万人次", "30余万元", "120.5万元", "1.2亿元", "1582名", "98.6%", "2300余个",
		"一是开展正反面典型案例集中警示教育", "二是慈溪深化", "一是新建共富工坊86个"} {
		if !strings.Contains(flat, want) {
			t.Errorf("brief lacks %q", want)
		}
	}
	// No tool-speak, file names or machine-style numbers.
	for _, bad := range []string{"未报送", "建机制", "cixi.txt", ".docx", "来源材料", "共提取", "标准指标", "21,000", "120,000,000", "300,000", "第1页", "共印"} {
		if strings.Contains(flat, bad) {
			t.Errorf("brief prints %q", bad)
		}
	}
	// The 共富工坊 sentence is filed under 促发展, once.
	dev, gov := strings.Index(flat, "二、促发展"), strings.Index(flat, "三、强治理")
	if i := strings.Index(flat, "新建共富工坊86个"); i < dev || i > gov {
		t.Errorf("共富工坊 sentence not under 促发展")
	}
	checkNoSentenceTwice(t, "慈溪市", flat)
	// The chart labels its values in official style with their measures.
	for _, want := range []string{"2.8万人次", "1396名", "97.9%"} {
		if !strings.Contains(flat, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if r, _ := utf8.DecodeRuneInString(l); l != "" && strings.ContainsRune(lineNoStart, r) {
			t.Errorf("line starts with forbidden punctuation: %q", l)
		}
	}
	checkPDFFonts(t, out)
}

// checkNoSentenceTwice: no sentence of the brief's text stands in it twice.
func checkNoSentenceTwice(t *testing.T, unit, flat string) {
	t.Helper()
	seen := map[string]bool{}
	for _, s := range strings.Split(flat, "。") {
		// Drop the 一是 the brief puts before a sentence.
		if rs := []rune(s); len(rs) > 2 && rs[1] == '是' && strings.ContainsRune("一二三四五六七八九十", rs[0]) {
			s = string(rs[2:])
		}
		if utf8.RuneCountInString(s) < 12 {
			continue
		}
		if seen[s] {
			t.Errorf("%s: sentence printed twice: %s", unit, s)
		}
		seen[s] = true
	}
}

// checkPDFFonts: every font is embedded as a subset with a ToUnicode map,
// and there are the three faces of the default roles.
func checkPDFFonts(t *testing.T, path string) { t.Helper(); checkPDFFontsN(t, path, 3) }

func checkPDFFontsN(t *testing.T, path string, want int) {
	t.Helper()
	if _, err := exec.LookPath("pdffonts"); err != nil {
		t.Log("pdffonts not installed: font check skipped")
		return
	}
	out, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no font:\n%s", out)
	}
	names := map[string]bool{}
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 7 {
			continue
		}
		name := f[0]
		if len(name) < 8 || name[6] != '+' || strings.ToUpper(name[:6]) != name[:6] {
			t.Errorf("font %s is not named as a subset", name)
		}
		// name type... emb sub uni object ID
		if n := len(f); f[n-5] != "yes" || f[n-4] != "yes" || f[n-3] != "yes" {
			t.Errorf("font not embedded, subset and mapped to Unicode: %s", l)
		}
		names[name[7:]] = true
	}
	if len(names) != want {
		t.Errorf("%d fonts, want %d:\n%s", len(names), want, out)
	}
}

func TestWriteBriefColophon(t *testing.T) {
	out, _ := renderTestBrief(t, t.TempDir(), BriefOptions{CC: "市委常委，市人大常委会、市政府、市政协领导", PrintedBy: "中共慈溪市委组织部办公室", Copies: 60})
	_, flat := briefPDFText(t, out, false)
	for _, want := range []string{"抄送：市委常委，市人大常委会、市政府、市政协领导。", "中共慈溪市委组织部办公室", "2024年12月31日印发", "（共印60份）"} {
		if !strings.Contains(flat, want) {
			t.Errorf("版记 lacks %q:\n%s", want, flat)
		}
	}
	// The 版记 ends the brief: nothing but the page number after it.
	if i := strings.Index(flat, "（共印60份）"); i < 0 || !strings.HasPrefix(flat[i+len("（共印60份）"):], "—") {
		t.Errorf("版记 is not last")
	}
}

func TestWriteBriefEmptyUnit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "empty.pdf")
	u := Unit{Name: "某县", Period: "2024Q1"}
	if err := WriteBrief(out, briefFonts(t), u, briefCatalogue(t), nil, BriefOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	raw, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(raw)), "")
	// Nothing reported: no section headings, and no "未报送" in a brief
	// issued in the unit's name.
	for _, bad := range []string{"未报送", "抓队伍", "建机制", "促发展", "强治理"} {
		if strings.Contains(flat, bad) {
			t.Errorf("empty unit: brief prints %q\n%s", bad, flat)
		}
	}
	if !strings.Contains(flat, "2024年3月31日") || !strings.Contains(flat, "中共某县委组织部") {
		t.Errorf("defaults missing:\n%s", flat)
	}
}

func TestWriteBriefBadPeriod(t *testing.T) {
	out := filepath.Join(t.TempDir(), "bad.pdf")
	err := WriteBrief(out, briefFonts(t), Unit{Name: "慈溪市", Period: "2024年"}, nil, nil, BriefOptions{})
	if err == nil || !strings.Contains(err.Error(), "2024Q4") {
		t.Fatalf("err = %v", err)
	}
	if _, statErr := os.Stat(out); statErr == nil {
		t.Error("a file was written for a failed brief")
	}
}

// TestWriteBriefOddText: characters outside the BMP or missing from the font
// are replaced, the simplifier is applied, and rendering does not panic.
func TestWriteBriefOddText(t *testing.T) {
	u := briefTestUnit()
	u.Figures = append(u.Figures, extract.Figure{Unit: "慈溪市", Section: extract.Mechanism, Value: 12, Measure: "个",
		Text: "12個", Sentence: "新建黨群服務中心12個😀，𠀀表彰\t先進。", Line: 40, Source: "x.txt"})
	simp := strings.NewReplacer("黨", "党", "務", "务", "個", "个", "進", "进").Replace
	out := filepath.Join(t.TempDir(), "odd.pdf")
	if err := WriteBrief(out, briefFonts(t), u, briefCatalogue(t), briefTestPeers(), BriefOptions{Simplify: simp, Issuer: "组织部"}); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	raw, _ := exec.Command("pdftotext", out, "-").Output()
	flat := strings.Join(strings.Fields(string(raw)), "")
	if !strings.Contains(flat, "新建党群服务中心12个〓，〓表彰先进。") {
		t.Errorf("odd sentence not cleaned and simplified:\n%s", flat)
	}
	if !strings.Contains(flat, "组织部编印") {
		t.Error("issuer option ignored")
	}
}

func TestBriefFormatValue(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 7: "7", 1582: "1,582", 98.6: "98.6", 98.604: "98.6", 120000000: "120,000,000",
		1205000: "1,205,000", 0.5: "0.5", 1234.567: "1,234.57", 999.999: "1,000", -1234.5: "-1,234.5", 100: "100",
	} {
		if got := FormatValue(v); got != want {
			t.Errorf("FormatValue(%v) = %q, want %q", v, got, want)
		}
	}
}

// TestBriefParallel renders briefs concurrently from one Font (run with -race).
func TestBriefParallel(t *testing.T) {
	f := briefFonts(t)
	cat := briefCatalogue(t)
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := briefTestUnit()
			if i%2 == 1 {
				u.Name = "翀溪市" // 翀 is outside the common cut: a cut of its own
			}
			errs[i] = WriteBrief(filepath.Join(dir, strings.Repeat("x", i+1)+".pdf"), f, u, cat, briefTestPeers(), BriefOptions{})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	for _, pair := range [][2]string{{"x", "xxx"}, {"xx", "xxxx"}} {
		a, _ := os.ReadFile(filepath.Join(dir, pair[0]+".pdf"))
		b, _ := os.ReadFile(filepath.Join(dir, pair[1]+".pdf"))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s.pdf and %s.pdf differ", pair[0], pair[1])
		}
	}
}

func BenchmarkWriteBrief(b *testing.B) {
	f := briefFonts(b)
	cat := briefCatalogue(b)
	u := briefTestUnit()
	benchWrite(b, "b.pdf", func() error {
		forgetFontFiles(f)
		var set PDFSet
		if err := set.AddBrief("b.pdf", f, u, cat, briefTestPeers(), BriefOptions{}); err != nil {
			return err
		}
		return set.emit(func(string, []byte) error { return nil })
	}, func(out string) error {
		forgetFontFiles(f) // each PDF of a quarter is a new subset
		return WriteBrief(out, f, u, cat, briefTestPeers(), BriefOptions{})
	})
}

// TestBriefColophonCCAligned: a 抄送 list that wraps continues under the
// first character after the colon (GB/T 9704 7.3.1; second review).
func TestBriefColophonCCAligned(t *testing.T) {
	cc := "市委常委，市人大常委会、市政府、市政协领导，各县（市、区）委组织部，市直各单位组织人事部门，各乡镇（街道）党（工）委"
	u := briefTestUnit()
	year, quarter, _ := briefParsePeriod(u.Period)
	opts := briefDefaults(BriefOptions{CC: cc, PrintedBy: "组织部办公室", Simplify: func(s string) string { return s }}, u.Name, year, quarter, time.Date(year, time.Month(3*quarter)+1, 0, 0, 0, 0, 0, time.UTC))
	d := briefLayout(briefFonts(t), u, briefCatalogue(t), briefTestPeers(), opts)
	var xs []float64
	label := -1.0
	for _, op := range d.pages[len(d.pages)-1] {
		if op.kind != 't' {
			continue
		}
		switch {
		case op.s == "抄送：":
			label = op.x
		case label >= 0 && len(xs) < 2 && strings.ContainsAny(op.s, "委部门领导"):
			xs = append(xs, op.x)
		}
	}
	if label < 0 || len(xs) < 2 {
		t.Fatalf("抄送 lines not found (label %v, lines %v)", label, xs)
	}
	if math.Abs(xs[0]-xs[1]) > 0.01 || xs[0] <= label {
		t.Errorf("抄送 lines start at %v; want both at the first character after the colon, right of %v", xs, label)
	}
}
