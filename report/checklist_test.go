package report

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"djreport/extract"
	"djreport/mapping"
	"djreport/source"
)

// reviewedUnit is 平凉市 with one value corrected by a reviewer, one
// accepted, and a figure no indicator took.
func reviewedUnit() (Unit, []mapping.Indicator, error) {
	cat, err := mapping.LoadFile(filepath.Join("..", "mapping", "standard.yaml"))
	if err != nil {
		return Unit{}, nil, err
	}
	src := "samples/2024Q4/pingliang.txt"
	at := time.Date(2025, 1, 6, 10, 20, 0, 0, time.FixedZone("", 8*3600))
	orig := 1810.0
	s24 := "全年接收预备党员1810名，培养入党积极分子7101名。"
	u := Unit{Name: "平凉市", Period: "2024Q4", Sources: []string{src},
		Figures: []extract.Figure{
			{ID: "a", Unit: "平凉市", Section: extract.Team, Value: 1810, Measure: "名", Text: "1810名", Sentence: s24, Line: 24, Source: src},
			{ID: "b", Unit: "平凉市", Section: extract.Team, Value: 7101, Measure: "名", Text: "7101名", Sentence: s24, Line: 24, Source: src},
			{ID: "c", Unit: "平凉市", Section: extract.Governance, Value: 5774, Measure: "件", Text: "5774件", Subject: "解决实际困难", Sentence: "解决实际困难5774件，帮办实事7953件。", Line: 36, Source: src},
		},
		Bindings: []mapping.Binding{
			{Unit: "平凉市", ID: "members_recruited", Value: 1811, Measure: "名", Source: src, Line: 24, Text: "1810名", Sentence: s24, Figures: []string{"a"},
				Manual: &mapping.Manual{Action: "correct", By: "李明", At: at, Original: &orig}},
			{Unit: "平凉市", ID: "activists_reserve", Value: 7101, Measure: "名", Source: src, Line: 24, Text: "7101名", Sentence: s24, Figures: []string{"b"},
				Manual: &mapping.Manual{Action: "accept", By: "王芳", At: at}},
		}}
	return u, cat, nil
}

func TestManualNote(t *testing.T) {
	at := time.Date(2025, 1, 6, 10, 20, 0, 0, time.FixedZone("", 8*3600))
	orig := 1810.0
	tests := []struct {
		note string
		m    *mapping.Manual
		want string
	}{
		{"余", nil, "余"},
		{"", &mapping.Manual{Action: "accept", By: "王芳", At: at}, "人工核定（王芳，2025-01-06）"},
		{"余", &mapping.Manual{Action: "correct", By: "李明", At: at, Original: &orig}, "余；人工核定（李明，2025-01-06；原为 1,810）"},
		{"", &mapping.Manual{Action: "add"}, "人工核定（未署名）"},
	}
	for _, tt := range tests {
		if got := withManual(tt.note, tt.m); got != tt.want {
			t.Errorf("withManual(%q, %+v) = %q, want %q", tt.note, tt.m, got, tt.want)
		}
	}
}

func TestChecklistSheet(t *testing.T) {
	u, cat, err := reviewedUnit()
	if err != nil {
		t.Fatal(err)
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := ChecklistSheet(f, u, cat); err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(ChecklistSheetName)
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, "|"))
	}
	want := []string{
		"平凉市 2024年第四季度 数据核对单",
		"请逐项对照原文核对：无误在「核对」栏打 √，有误在旁注明正确数值。",
		"序号|指标|数值|单位|说明|原文|来源|核对",
		"1|发展党员（接收预备党员）|1,811|名|人工核定（李明，2025-01-06；原为 1,810）|" + u.Figures[0].Sentence + "|pingliang.txt 第24行|☐",
		"2|培养储备入党积极分子|7,101|名|人工核定（王芳，2025-01-06）|" + u.Figures[0].Sentence + "|pingliang.txt 第24行|☐",
		"3|（其他）解决实际困难|5,774|件||解决实际困难5774件，帮办实事7953件。|pingliang.txt 第36行|☐",
		"",
		checklistSignature,
	}
	if strings.Join(text, "\n") != strings.Join(want, "\n") {
		t.Errorf("核对单:\n%s\nwant\n%s", strings.Join(text, "\n"), strings.Join(want, "\n"))
	}
}

// TestChecklistPDF prints the checklist and reads its text back.
func TestChecklistPDF(t *testing.T) {
	u, cat, err := reviewedUnit()
	if err != nil {
		t.Fatal(err)
	}
	font := briefFonts(t)
	out := filepath.Join(t.TempDir(), "平凉市-核对单.pdf")
	if err := WriteChecklist(out, font, u, cat, nil); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(out)
	if err := WriteChecklist(out, font, u, cat, nil); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(out); string(again) != string(first) {
		t.Error("two prints of the same checklist differ")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed: text checks skipped")
	}
	raw, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(raw)), "")
	for _, want := range []string{"平凉市2024年第四季度数据核对单", "发展党员（接收预备党员）", "1811", // in official style, as the source writes it (21.76亿, never 2,176,000,000 broken across lines: TestChecklistPrinted)
		"人工核定（李明，2025-01-06；原为1,810）",
		"全年接收预备党员1810名，培养入党积极分子7101名。", "pingliang.txt第24行", "解决实际困难5774件，帮办实事7953件。", "审核人：", "日期：", "第1页共1页"} {
		if !strings.Contains(flat, want) {
			t.Errorf("checklist text lacks %q:\n%s", want, raw)
		}
	}
}

// TestBriefShowsManual: a value a person decided carries 人工核定 in the
// brief too.
func TestBriefShowsManual(t *testing.T) {
	u, cat, err := reviewedUnit()
	if err != nil {
		t.Fatal(err)
	}
	font := briefFonts(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	out := filepath.Join(t.TempDir(), "平凉市.pdf")
	if err := WriteBrief(out, font, u, cat, NewPeers(nil), BriefOptions{Simplify: func(s string) string { return s }}); err != nil {
		t.Fatal(err)
	}
	raw, err := exec.Command("pdftotext", out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(raw)), "")
	// The brief writes the date as official documents do.
	if !strings.Contains(flat, "人工核定（李明，2025年1月6日）") {
		t.Errorf("brief lacks 人工核定:\n%s", raw)
	}
}

func TestChecklistWrap(t *testing.T) {
	font, err := LoadFont(filepath.Join("..", "templates", "fonts", "wqy-microhei.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	w := 12 * font.width("字") * clSize / 1000 * briefPt // twelve Chinese characters
	tests := []struct{ in, want string }{
		{"人工核定（李明，2025-01-06；原为 1,810）", "人工核定（李明，|2025-01-06；原为 1,810）"},
		{"全年接收预备党员1810名，培养入党积极分子7101名。", "全年接收预备党员|1810名，培养入党积极分|子7101名。"},
		// A 13th character 、 or ， does not hang past the cell: the
		// character before it (a number with its unit) goes down with it.
		{"新组建党组织（小区网格联、合社会", "新组建党组织（小区网格|联、合社会"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(clWrap(font, tt.in, w), "|"); got != tt.want {
			t.Errorf("clWrap(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestChecklistTraditional: a source in traditional characters prints in
// simplified ones, as the brief does, and a character the table font lacks
// is drawn with another font of the brief, not as 〓.
func TestChecklistTraditional(t *testing.T) {
	u, cat, err := reviewedUnit()
	if err != nil {
		t.Fatal(err)
	}
	trad := "全年接收預備黨員1810名，培養入黨積極分子7101名，王喆擔任聯絡員。"
	for i := range u.Figures[:2] {
		u.Figures[i].Sentence = trad
	}
	for i := range u.Bindings {
		u.Bindings[i].Sentence = trad
	}
	u.Figures[2].Subject = "解決實際困難"
	fs := briefFonts(t)
	if fs.Table.Has('喆') || !fs.Heading1.Has('喆') {
		t.Fatal("test needs 喆 outside the table font and in the 黑体")
	}
	out := filepath.Join(t.TempDir(), "核对单.pdf")
	if err := WriteChecklist(out, fs, u, cat, source.Simplify); err != nil {
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
	if strings.Contains(flat, "〓") {
		t.Errorf("checklist prints 〓:\n%s", raw)
	}
	// (The 原文 and 来源 columns interleave in the text read back.)
	for _, want := range []string{"全年接收预备党员1810名，培养入党积极分子7101名，王喆担任", "（其他）解决实际困难"} {
		if !strings.Contains(flat, want) {
			t.Errorf("checklist lacks %q:\n%s", want, raw)
		}
	}
}

// BenchmarkWriteChecklist prints the 核对单 of a unit from the samples
// (every figure of pingliang.txt, bound or not).
func BenchmarkWriteChecklist(b *testing.B) {
	u, cat, err := reviewedUnit()
	if err != nil {
		b.Fatal(err)
	}
	f := briefFonts(b)
	benchWrite(b, "c.pdf", func() error {
		forgetFontFiles(f)
		var set PDFSet
		if err := set.AddChecklist("c.pdf", f, u, cat, func(s string) string { return s }); err != nil {
			return err
		}
		return set.emit(func(string, []byte) error { return nil })
	}, func(out string) error {
		forgetFontFiles(f) // each PDF of a quarter is a new subset
		return WriteChecklist(out, f, u, cat, func(s string) string { return s })
	})
}

// TestChecklistPrinted: the printed 核对单 shows large values in 万/亿, so a
// narrow column never breaks a number (second review: 2,176,000,00 / 0).
func TestChecklistPrinted(t *testing.T) {
	for _, c := range []struct {
		v       float64
		measure string
		want    string
	}{{2176000000, "元", "21.76亿"}, {3450000000, "元", "34.5亿"}, {1811, "名", "1811"}, {98.6, "%", "98.6"}, {23390000, "元", "2339万"}} {
		if got := checklistPrinted(c.v, c.measure); got != c.want {
			t.Errorf("checklistPrinted(%v, %s) = %q, want %q", c.v, c.measure, got, c.want)
		}
	}
}
