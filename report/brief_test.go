package report

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"djreport/extract"
	"djreport/mapping"
)

var (
	briefTestFontOnce sync.Once
	briefTestFont     *Font
	briefTestFontErr  error
)

func briefFont(tb testing.TB) *Font {
	tb.Helper()
	briefTestFontOnce.Do(func() {
		briefTestFont, briefTestFontErr = LoadFont(filepath.Join("..", "templates", "fonts", "wqy-microhei.ttf"))
	})
	if briefTestFontErr != nil {
		tb.Fatal(briefTestFontErr)
	}
	return briefTestFont
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

func briefTestAvg() map[string]float64 {
	return map[string]float64{
		"members_recruited": 1210.5, "training_attendance": 35000, "cadres_dispatched": 140,
		"community_workers": 300, "collective_income_avg": 980000, "prosperity_workshops": 60,
		"investment_completed": 90000000, "grids": 1500, "mediation_rate": 97.2, "members_in_community": 4100,
	}
}

func renderTestBrief(tb testing.TB, dir string) (string, []byte) {
	tb.Helper()
	out := filepath.Join(dir, "慈溪市-简报.pdf")
	if err := WriteBrief(out, briefFont(tb), briefTestUnit(), briefCatalogue(tb), briefTestAvg(), BriefOptions{}); err != nil {
		tb.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		tb.Fatal(err)
	}
	return out, data
}

func TestWriteBrief(t *testing.T) {
	dir := t.TempDir()
	out, first := renderTestBrief(t, dir)
	if len(first) > 150*1024 {
		t.Errorf("brief is %d bytes, want at most 150 KB", len(first))
	}
	t.Logf("brief: %d bytes", len(first))
	_, again := renderTestBrief(t, t.TempDir())
	if !bytes.Equal(first, again) {
		t.Error("two renders of the same brief differ")
	}
	if keep := os.Getenv("BRIEF_KEEP"); keep != "" {
		os.WriteFile(keep, first, 0o644)
	}

	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed: text checks skipped")
	}
	raw, err := exec.Command("pdftotext", "-layout", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	flat := strings.Join(strings.Fields(text), "")
	pos := 0
	for _, h := range []string{"一、抓队伍", "二、建机制", "三、促发展", "四、强治理"} {
		i := strings.Index(flat[pos:], h)
		if i < 0 {
			t.Errorf("heading %s missing or out of order", h)
			continue
		}
		pos += i + len(h)
	}
	for _, want := range []string{"基层党建工作简报", "慈溪市2024年第四季度基层党建工作情况", "2024年第4期", "中共慈溪市委组织部编印", "2024年12月31日",
		"本季度来源材料中未见该板块数据。", "第1页共2页", "cixi.txt", "慈溪市委组织部2024年工作总结.docx", "各地平均"} {
		if !strings.Contains(flat, want) {
			t.Errorf("brief lacks %q", want)
		}
	}
	for _, b := range briefTestUnit().Bindings {
		v := FormatValue(b.Value)
		if !strings.Contains(text, v) {
			t.Errorf("bound value %s (%s) not printed", v, b.ID)
		}
	}
	for _, v := range []string{"1,582", "21,000", "120,000,000", "1,205,000", "98.6", "300,000"} {
		if !strings.Contains(text, v) {
			t.Errorf("value %s not printed", v)
		}
	}
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if r, _ := utf8.DecodeRuneInString(l); l != "" && strings.ContainsRune(lineNoStart, r) {
			t.Errorf("line starts with forbidden punctuation: %q", l)
		}
	}
}

func TestWriteBriefEmptyUnit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "empty.pdf")
	u := Unit{Name: "某县", Period: "2024Q1"}
	if err := WriteBrief(out, briefFont(t), u, briefCatalogue(t), nil, BriefOptions{}); err != nil {
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
	if n := strings.Count(flat, "本季度来源材料中未见该板块数据。"); n != 4 {
		t.Errorf("empty unit: %d empty-section lines, want 4\n%s", n, flat)
	}
	if !strings.Contains(flat, "2024年3月31日") || !strings.Contains(flat, "中共某县委组织部") {
		t.Errorf("defaults missing:\n%s", flat)
	}
}

func TestWriteBriefBadPeriod(t *testing.T) {
	out := filepath.Join(t.TempDir(), "bad.pdf")
	err := WriteBrief(out, briefFont(t), Unit{Name: "慈溪市", Period: "2024年"}, nil, nil, BriefOptions{})
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
	if err := WriteBrief(out, briefFont(t), u, briefCatalogue(t), briefTestAvg(), BriefOptions{Simplify: simp, Issuer: "组织部"}); err != nil {
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

func TestLoadFontErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.ttf")
	os.WriteFile(bad, []byte("not a font at all"), 0o644)
	ttc := filepath.Join(dir, "x.ttc")
	os.WriteFile(ttc, []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x00"), 0o644)
	for _, tt := range []struct{ path, want string }{
		{filepath.Join(dir, "missing.ttf"), "不存在"},
		{bad, "不是 TrueType 字体"},
		{ttc, ".ttc"},
	} {
		_, err := LoadFont(tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
			t.Errorf("LoadFont(%s) = %v, want error naming the file with %q", tt.path, err, tt.want)
		}
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
	f := briefFont(t)
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
			errs[i] = WriteBrief(filepath.Join(dir, strings.Repeat("x", i+1)+".pdf"), f, u, cat, briefTestAvg(), BriefOptions{})
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
	f := briefFont(b)
	cat := briefCatalogue(b)
	u := briefTestUnit()
	out := filepath.Join(b.TempDir(), "b.pdf")
	for b.Loop() {
		if err := WriteBrief(out, f, u, cat, briefTestAvg(), BriefOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
