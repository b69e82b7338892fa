package report

import (
	"fmt"
	"math/rand"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"djreport/extract"
	"djreport/mapping"
)

// TestBalancedTitle: a title that would leave one character on its last
// line is set in even lines (the brief first tries the unit's name on a
// line of its own).
func TestBalancedTitle(t *testing.T) {
	st := style{font: briefFonts(t).Title, size: briefTitleS}
	for _, name := range []string{"慈溪市", "红河哈尼族彝族自治州", "新疆生产建设兵团第十三师新星市", "巴音郭楞蒙古自治州和静县巴润哈尔莫敦镇"} {
		title := name + "2024年第四季度基层党建工作情况"
		lines := balancedLines(st, title, briefBodyW)
		if strings.Join(lines, "") != title {
			t.Errorf("%s: lines %q lose text", name, lines)
		}
		for _, l := range lines {
			if len(lines) > 1 && utf8.RuneCountInString(l) < 4 {
				t.Errorf("%s: title line %q of %q", name, l, lines)
			}
		}
		if n := len(st.lines(title, briefBodyW)); len(lines) != n {
			t.Errorf("%s: %d lines balanced, %d unbalanced", name, len(lines), n)
		}
	}
}

// briefStressUnit is a unit with n sentences of random length in random
// sections, every indicator of the catalogue bound (a long table), a
// corrected value and last quarter's values.
func briefStressUnit(rng *rand.Rand, cat []mapping.Indicator, n int) Unit {
	u := Unit{Name: "某某县", Period: "2025Q1", Level: "county", Previous: map[string]Prior{}}
	words := []rune("党建引领基层治理组织推进工作机制服务群众村社区书记队伍发展集体经济网格")
	for i := 0; i < n; i++ {
		var b strings.Builder
		for k := rng.Intn(120) + 8; k > 0; k-- {
			b.WriteRune(words[rng.Intn(len(words))])
			if rng.Intn(9) == 0 {
				b.WriteString("，")
			}
		}
		text := fmt.Sprintf("%d个", rng.Intn(5000))
		b.WriteString(text + "。")
		sec := extract.Sections[rng.Intn(4)]
		u.Figures = append(u.Figures, extract.Figure{Unit: u.Name, Section: sec, Text: text, Sentence: b.String(), Line: i + 1, Source: "s.txt"})
	}
	for i, ind := range cat {
		v := float64(100 + i*37)
		u.Bindings = append(u.Bindings, mapping.Binding{Unit: u.Name, ID: ind.ID, Value: v, Measure: ind.Measure, Text: FormatOfficial(v, ind.Measure, ""), Line: 1000 + i, Source: "s.txt"})
		u.Previous[ind.ID] = Prior{Period: "2024Q4", Value: v * 0.9, Measure: ind.Measure}
	}
	orig := u.Bindings[0].Value
	u.Bindings[0].Value = 28600000
	u.Bindings[0].Manual = &mapping.Manual{Action: "correct", By: "张三", At: time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC), Original: &orig}
	return u
}

// TestBriefLayoutHolds lays out random units and checks what must hold on
// any text: nothing below the 版心, headings never last on a page,
// closing punctuation never starting a line, a table's header on every
// page its rows run onto, the 版记 last.
func TestBriefLayoutHolds(t *testing.T) {
	fs := briefFonts(t)
	cat := briefCatalogue(t)
	rng := rand.New(rand.NewSource(12))
	for k := 0; k < 25; k++ {
		u := briefStressUnit(rng, cat, rng.Intn(40))
		o := briefDefaults(BriefOptions{CC: strings.Repeat("市委各部委办，", rng.Intn(12)), Copies: rng.Intn(2) * 80}, u.Name, 2025, 1, time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC))
		d := newBriefDoc(fs)
		d.layout(u, cat, nil, o)
		seenRows, chart := false, false
		for p, ops := range d.pages {
			var texts []pdfOp
			for _, op := range ops {
				if op.kind == 't' {
					texts = append(texts, op)
				}
				if op.kind == 't' && op.y > briefBottom+1 && !strings.HasPrefix(op.s, "—") {
					t.Errorf("unit %d page %d: %q below the 版心 (%.1f mm)", k, p+1, op.s, op.y)
				}
			}
			// The last text is the page number; before it, no heading.
			if n := len(texts); n >= 2 {
				last := texts[n-2]
				if (last.font == fs.Heading1 || last.font == fs.Heading2) && last.size == briefSize {
					t.Errorf("unit %d page %d ends with heading %q", k, p+1, last.s)
				}
			}
			firstCell := ""
			for _, op := range texts {
				if strings.HasPrefix(op.s, "（二）") {
					break // the chart
				}
				if op.size == briefCellSize {
					firstCell = op.s
					break
				}
			}
			if firstCell != "" && !chart {
				if seenRows && firstCell != "指标" {
					t.Errorf("unit %d page %d: table continues without its header (%q)", k, p+1, firstCell)
				}
				seenRows = true
			}
			for _, op := range texts {
				chart = chart || strings.HasPrefix(op.s, "（二）")
				if op.font == fs.Body && op.size == briefSize {
					if r, _ := utf8.DecodeRuneInString(op.s); strings.ContainsRune(lineNoStart, r) {
						t.Errorf("unit %d page %d: line starts with %q: %q", k, p+1, r, op.s)
					}
				}
			}
		}
		last := d.pages[len(d.pages)-1]
		var tail []string
		for _, op := range last {
			if op.kind == 't' {
				tail = append(tail, op.s)
			}
		}
		if len(tail) < 3 || !strings.HasSuffix(strings.Join(tail, ""), "印发"+strings.Join(tail[len(tail)-1:], "")) && o.Copies == 0 {
			t.Errorf("unit %d: 版记 is not last: %q", k, tail[max(0, len(tail)-3):])
		}
	}
}

// TestBriefPreviousAndManual: with last quarter's values the table has a
// 上季度 column and the chart compares the quarters; a corrected value is
// printed in official style with who decided it, in the table and in the
// sentence that carried the original figure.
func TestBriefPreviousAndManual(t *testing.T) {
	u := briefTestUnit()
	orig := 1582.0
	for i := range u.Bindings {
		if u.Bindings[i].ID == "members_recruited" {
			u.Bindings[i].Value = 1600
			u.Bindings[i].Manual = &mapping.Manual{Action: "correct", By: "李四", At: time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), Original: &orig}
		}
	}
	u.Previous = map[string]Prior{
		"members_recruited":    {Period: "2024Q3", Value: 1400, Measure: "名", Text: "1400名"},
		"investment_completed": {Period: "2024Q3", Value: 96000000, Measure: "元"},
	}
	out := t.TempDir() + "/p.pdf"
	if err := WriteBrief(out, briefFonts(t), u, briefCatalogue(t), briefTestPeers(), BriefOptions{}); err != nil {
		t.Fatal(err)
	}
	_, flat := briefPDFText(t, out, false)
	for _, want := range []string{"上季度", "主要指标与上季度对比", "本季度上季度", "1400名", "9600万元", "1600名", "人工核定（李四，2025年1月6日）", "全年发展党员1600名"} {
		if !strings.Contains(flat, want) {
			t.Errorf("brief lacks %q:\n%s", want, flat)
		}
	}
	if strings.Contains(flat, "1582名") {
		t.Error("the corrected figure is still printed")
	}
}

// TestBriefStandIn: a character the body font lacks (outside GB 2312) is
// drawn with another font of the brief that has it, not as 〓.
func TestBriefStandIn(t *testing.T) {
	fs := briefFonts(t)
	for _, r := range "喆堃" {
		if fs.Body.Has(r) || !fs.Heading1.Has(r) {
			t.Fatalf("test needs %q outside the body font and in the 黑体", r)
		}
	}
	u := briefTestUnit()
	u.Figures = append(u.Figures, extract.Figure{Unit: u.Name, Section: extract.Mechanism, Text: "12个", Line: 50, Source: "x.txt",
		Sentence: "王喆、李堃牵头新建党群服务中心12个。"})
	out := t.TempDir() + "/s.pdf"
	if err := WriteBrief(out, fs, u, briefCatalogue(t), nil, BriefOptions{}); err != nil {
		t.Fatal(err)
	}
	_, flat := briefPDFText(t, out, false)
	if !strings.Contains(flat, "一是王喆、李堃牵头新建党群服务中心12个。") {
		t.Errorf("stand-in characters lost:\n%s", flat)
	}
}

// TestBriefChartWording: the chart labels the unit's values in the source's
// wording, as the table above it does (余 kept, the measure word 家 kept),
// and the average in the same measure word.
func TestBriefChartWording(t *testing.T) {
	u := briefTestUnit()
	for i := range u.Bindings {
		switch u.Bindings[i].ID {
		case "members_recruited":
			u.Bindings[i].Text, u.Bindings[i].Qualifier, u.Bindings[i].Value = "1500余名", "余", 1500
		case "prosperity_workshops":
			u.Bindings[i].Text = "86家"
		}
	}
	out := filepath.Join(t.TempDir(), "c.pdf")
	if err := WriteBrief(out, briefFonts(t), u, briefCatalogue(t), briefTestPeers(), BriefOptions{}); err != nil {
		t.Fatal(err)
	}
	_, flat := briefPDFText(t, out, false)
	i := strings.Index(flat, "平均水平对比")
	if i < 0 {
		t.Fatalf("no chart:\n%s", flat)
	}
	chart := flat[i:]
	for _, want := range []string{"1500余名", "86家", "73家"} {
		if !strings.Contains(chart, want) {
			t.Errorf("chart lacks %q:\n%s", want, chart)
		}
	}
	for _, bad := range []string{"1582名", "86个"} {
		if strings.Contains(chart, bad) {
			t.Errorf("chart prints %q, not the source's wording:\n%s", bad, chart)
		}
	}
}

func TestBriefMeasureWord(t *testing.T) {
	for in, want := range map[string]string{"100余家": "家", "1.3万余人次": "人次", "98.6%": "%", "30余万元": "元", "21.76亿元": "元", "近两成": "", "1,046名": "名", "": ""} {
		if got := briefMeasureWord(in); got != want {
			t.Errorf("briefMeasureWord(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestBriefPeerAverage: the unit is not part of the average it is compared
// with, the caption says of how many units, a value not every peer reported
// says how many it is the average of, and with one peer there is no chart.
func TestBriefPeerAverage(t *testing.T) {
	u := briefTestUnit() // members_recruited 1582名
	peer := func(name string, v map[string]float64) Unit {
		p := Unit{Name: name, Level: "county"}
		for id, x := range v {
			p.Bindings = append(p.Bindings, mapping.Binding{Unit: name, ID: id, Value: x})
		}
		return p
	}
	a := peer("甲县", map[string]float64{"members_recruited": 1000, "grids": 1000})
	b := peer("乙县", map[string]float64{"members_recruited": 1200})
	cat := briefCatalogue(t)
	render := func(units ...Unit) string {
		out := filepath.Join(t.TempDir(), "p.pdf")
		if err := WriteBrief(out, briefFonts(t), u, cat, NewPeers(units), BriefOptions{}); err != nil {
			t.Fatal(err)
		}
		_, flat := briefPDFText(t, out, false)
		return flat
	}
	flat := render(u, a, b)
	i := strings.Index(flat, "（二）主要指标与本期汇总的其他2个县（市、区）平均水平对比")
	if i < 0 {
		t.Fatalf("no chart captioned with its count:\n%s", flat)
	}
	chart := flat[i:]
	// (1000+1200)/2, not (1582+1000+1200)/3 = 1261.
	if !strings.Contains(chart, "1100名") || strings.Contains(chart, "1261名") {
		t.Errorf("average includes the unit itself:\n%s", chart)
	}
	// grids: only 甲县 of the two, so no average of 2 (and fewer than two
	// values: no bar pair at all).
	if strings.Contains(chart, "1000个") {
		t.Errorf("one peer's value shown as an average:\n%s", chart)
	}
	c := peer("丙县", map[string]float64{"members_recruited": 1100, "grids": 2000})
	if flat := render(u, a, b, c); !strings.Contains(flat, "1500个（2个单位平均）") {
		t.Errorf("an average of 2 of the 3 peers does not say so:\n%s", flat)
	}
	if flat := render(u, a); strings.Contains(flat, "平均水平对比") {
		t.Errorf("chart with one peer:\n%s", flat)
	}
}

// TestBriefColophonNotAlone: whatever the length of the text, the 版记 is at
// the foot of a last page that holds text too (GB/T 9704), never on a page
// of its own: a paragraph one line longer each time walks the end of the
// text down a page, past where the 版记 no longer fits below it.
func TestBriefColophonNotAlone(t *testing.T) {
	fs, cat := briefFonts(t), briefCatalogue(t)
	dir := t.TempDir()
	for j := 7; j <= 11; j++ {
		u := briefTestUnit()
		// Fewer table rows: the chart starts higher on its page.
		u.Bindings = u.Bindings[:len(u.Bindings)-2]
		long := "全市新建党群服务中心12个" + strings.Repeat("，推动组织覆盖和工作覆盖", 2*j) + "。"
		u.Figures = append(u.Figures, extract.Figure{Unit: u.Name, Section: extract.Mechanism, Value: 12, Measure: "个", Text: "12个", Sentence: long, Line: 40, Source: "x.txt"})
		out := filepath.Join(dir, fmt.Sprintf("%d.pdf", j))
		if err := WriteBrief(out, fs, u, cat, briefTestPeers(), BriefOptions{}); err != nil {
			t.Fatal(err)
		}
		raw, _ := briefPDFText(t, out, false)
		pages := strings.Split(strings.TrimRight(raw, "\f"), "\f")
		last := strings.Join(strings.Fields(pages[len(pages)-1]), "")
		for _, s := range []string{"中共慈溪市委组织部", "2024年12月31日印发", fmt.Sprintf("—%d—", len(pages))} {
			last = strings.Replace(last, s, "", 1)
		}
		if last == "" {
			t.Errorf("filler of %d clauses: the 版记 alone on page %d", 2*j, len(pages))
		}
	}
}
