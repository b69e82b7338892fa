package source

import (
	"strings"
	"testing"
)

// Helpers writing WordprocessingML tables for makeDocx.
func wp(text string) string { return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>` }

// wtc is a cell; pr is its w:tcPr content (gridSpan, vMerge).
func wtc(text, pr string) string {
	p := wp(text)
	if text == "" {
		p = `<w:p/>`
	}
	return `<w:tc><w:tcPr>` + pr + `</w:tcPr>` + p + `</w:tc>`
}

func wtr(cells ...string) string {
	var b strings.Builder
	b.WriteString("<w:tr>")
	for _, c := range cells {
		if strings.HasPrefix(c, "<w:tc>") {
			b.WriteString(c)
		} else {
			b.WriteString(wtc(c, ""))
		}
	}
	b.WriteString("</w:tr>")
	return b.String()
}

func wtbl(rows ...string) string { return "<w:tbl>" + strings.Join(rows, "") + "</w:tbl>" }

func htmlTable(rows ...string) string {
	return "<html><body><article>" + strings.Join(rows, "\n") + "</article></body></html>"
}

func TestTableLines(t *testing.T) {
	tests := []struct {
		name, path, body string
		want             []string
	}{
		{"unit column", "a.docx", wtbl(
			wtr("指标", "单位", "数值"),
			wtr("发展党员", "名", "1810"),
			wtr("村集体经济收入", "万元", "12.5"),
			wtr("党组织书记培训覆盖率", "%", "98.6"),
			wtr("软弱涣散村党组织整顿", "个", "—"),
		), []string{"发展党员1810名。", "村集体经济收入12.5万元。", "党组织书记培训覆盖率98.6%。", "软弱涣散村党组织整顿"}},
		{"units in header parentheses, place rows, total kept", "b.html", htmlTable(
			`<table><tr><th>单位</th><th>党员人数（名）</th><th>村集体收入(万元)</th><th>占比（%）</th><th>比例(%)</th></tr>`,
			`<tr><td>城关镇</td><td>356</td><td>12.5</td><td>45.3</td><td>8</td></tr>`,
			`<tr><td>东城街道</td><td>1,024</td><td>30余</td><td>-</td><td></td></tr>`,
			`<tr><td>合计</td><td>1380</td><td>42.5</td><td>100</td><td>8</td></tr></table>`,
		), []string{
			"城关镇：党员人数356名，村集体收入12.5万元，占比45.3%，比例8%。",
			"东城街道：党员人数1,024名，村集体收入30余万元。",
			"合计：党员人数1380名，村集体收入42.5万元，占比100%，比例8%。",
		}},
		{"金额/万元, 人数 implies 人, cell keeps its own unit", "c.html", htmlTable(
			`<table><tr><td>项目</td><td>金额/万元</td><td>受益人数</td></tr>`,
			`<tr><td>党建项目资金</td><td>1.2亿元</td><td>3200</td></tr>`,
			`<tr><td>村级运转经费</td><td>2.5万</td><td>约800</td></tr></table>`,
		), []string{"党建项目资金1.2亿元，党建项目资金受益人数3200人。", "村级运转经费2.5万元，村级运转经费受益人数约800人。"}},
		{"serial column and period headers", "d.docx", wtbl(
			wtr("序号", "指标", "2023年", "2024年"),
			wtr("1", "发展党员（名）", "1700", "1810"),
			wtr("2", "新建党群服务中心（个）", "12", "15"),
		), []string{"发展党员1700名（2023年），发展党员1810名（2024年）。", "新建党群服务中心12个（2023年），新建党群服务中心15个（2024年）。"}},
		{"merged cells: title row, vMerge category, gridSpan", "e.docx", wtbl(
			wtr(wtc("岳西县基层党建主要指标（单位：万元）", `<w:gridSpan w:val="3"/>`)),
			wtr("类别", "指标", "完成数"),
			wtr(wtc("促发展", `<w:vMerge w:val="restart"/>`), "村集体经营性收入", "860"),
			wtr(wtc("", `<w:vMerge/>`), "争取项目资金", "1200"),
			wtr(wtc("备注：数据截至12月底", `<w:gridSpan w:val="3"/>`)),
		), []string{"岳西县基层党建主要指标（单位：万元）", "促发展：村集体经营性收入860万元。", "促发展：争取项目资金1200万元。", "备注：数据截至12月底"}},
		{"rowspan and colspan header rows", "f.html", htmlTable(
			`<table><tr><th rowspan="2">乡镇</th><th colspan="2">党员（名）</th><th rowspan="2">网格数</th></tr>`,
			`<tr><th>总数</th><th>新发展</th></tr>`,
			`<tr><td>店前镇</td><td>420</td><td>15</td><td>36个</td></tr></table>`,
		), []string{"店前镇：党员总数420名，党员新发展15名，网格数36个。"}},
		{"unit line above the table", "g.docx", wp("单位：万元") + wtbl(
			wtr("村", "集体经济收入"),
			wtr("河图村", "52.3"),
		), []string{"单位：万元", "河图村：集体经济收入52.3万元。"}},
		{"traditional characters", "h.docx", wtbl(
			wtr("指標", "人數（名）", "經費（萬元）"),
			wtr("黨員", "356", "12.5"),
		), []string{"黨員人數356名，黨員經費12.5萬元。"}},
		{"a first data row without its value is no header", "k.html", htmlTable(
			`<table><tr><td>指标</td><td>单位</td><td>数值</td></tr>`,
			`<tr><td>整顿软弱涣散村党组织</td><td>个</td><td>—</td></tr>`,
			`<tr><td>发展党员</td><td>名</td><td>1810</td></tr></table>`,
		), []string{"整顿软弱涣散村党组织", "发展党员1810名。"}},
		{"transposed: the row header is 数值", "l.html", htmlTable(
			`<table><tr><td>指标</td><td>发展党员（名）</td><td>新建党群服务中心（个）</td></tr>`,
			`<tr><td>数值</td><td>1810</td><td>12</td></tr></table>`,
		), []string{"发展党员1810名，新建党群服务中心12个。"}},
		{"unit column with a unit the list lacks", "m.docx", wtbl(
			wtr("指标", "单位", "数值"),
			wtr("村干部基本报酬", "元/人", "3500"),
		), []string{"村干部基本报酬3500元/人。"}},
		{"caption gives the unit", "n.html", htmlTable(
			`<table><caption>单位：个</caption><tr><th>县区</th><th>党组织数</th></tr>`,
			`<tr><td>泾县</td><td>56</td></tr></table>`,
		), []string{"单位：个", "泾县：党组织数56个。"}},
		{"a header's unit beats the row's", "o.docx", wtbl(
			wtr("指标", "单位", "年度目标", "完成数", "完成率（%）"),
			wtr("发展党员", "名", "300", "326", "108.7"),
		), []string{"发展党员300名（年度目标），发展党员326名，发展党员完成率108.7%。"}},
		{"tracked changes: the old spans do not count", "p.docx", wtbl(
			wtr("指标", "本季度（个）", "累计（个）"),
			wtr("新建党群服务中心", wtc("3", `<w:tcPrChange w:id="1" w:author="a"><w:tcPr><w:gridSpan w:val="2"/></w:tcPr></w:tcPrChange>`), "12"),
		), []string{"新建党群服务中心3个（本季度），新建党群服务中心12个（累计）。"}},
		{"rates are in percent; a repeated header row is skipped", "q.html", htmlTable(
			`<table><tr><td>县区</td><td>党组织覆盖率</td><td>党员人数（名）</td></tr>`,
			`<tr><td>泾县</td><td>98.6</td><td>2410</td></tr>`,
			`<tr><td>县区</td><td>党组织覆盖率</td><td>党员人数（名）</td></tr>`,
			`<tr><td>绩溪县</td><td>97</td><td>1980</td></tr></table>`,
			`<table><tr><td>指标</td><td>数值</td></tr><tr><td>换届选举参选率</td><td>95.2</td></tr></table>`,
		), []string{"泾县：党组织覆盖率98.6%，党员人数2410名。", "绩溪县：党组织覆盖率97%，党员人数1980名。", "换届选举参选率95.2%。"}},
		{"layout table stays cell by cell", "i.docx", wtbl(
			wtr("发布时间：2024年12月", "来源：县委组织部"),
			wtr("全县发展党员1810名。", "全县新建党群服务中心12个。"),
		), []string{"发布时间：2024年12月", "来源：县委组织部", "全县发展党员1810名。", "全县新建党群服务中心12个。"}},
		{"year columns only are no numbers", "j.html", htmlTable(
			`<table><tr><td>2023年</td><td>2024年</td></tr><tr><td>起步</td><td>提升</td></tr></table>`,
		), []string{"2023年", "2024年", "起步", "提升"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.body)
			if strings.HasSuffix(tt.path, ".docx") {
				data = makeDocx(t, tt.body)
			}
			d, err := Parse(tt.path, data)
			if err != nil {
				t.Fatal(err)
			}
			checkLines(t, d)
			if got := texts(d); strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestTableLineNumbers: a row's line carries its first paragraph's number,
// and numbering after the table is what it was when cells were lines.
func TestTableLineNumbers(t *testing.T) {
	body := wp("标题") + wtbl(
		wtr("指标", "数值（名）"),
		wtr("发展党员", "1810"),
		wtr("培训党员", "3200"),
	) + wp("正文")
	d, err := Parse("n.docx", makeDocx(t, body))
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, l := range d.Lines {
		got = append(got, l.No)
	}
	// 标题 1; header 2-3; rows 4-5 and 6-7; 正文 8.
	if want := []int{1, 4, 6, 8}; !equalInts(got, want) {
		t.Fatalf("numbers %v, want %v (%q)", got, want, texts(d))
	}

	page := "<p>标题</p>\n<table>\n<tr><td>指标</td><td>数值（名）</td></tr>\n<tr><td>发展党员</td>\n<td>1810</td></tr>\n</table>\n<p>正文</p>"
	d, err = Parse("n.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, l := range d.Lines {
		got = append(got, l.No)
	}
	if want := []int{1, 4, 7}; !equalInts(got, want) {
		t.Fatalf("html numbers %v, want %v (%q)", got, want, texts(d))
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestHeaderUnits(t *testing.T) {
	tests := []struct{ in, name, unit string }{
		{"人数（名）", "人数", "名"},
		{"党员人数(名)", "党员人数", "名"},
		{"金额（万元）", "金额", "万元"},
		{"金额(万元)", "金额", "万元"},
		{"占比（%）", "占比", "%"},
		{"比例(%)", "比例", "%"},
		{"收入（单位：万元）", "收入", "万元"},
		{"金额/万元", "金额", "万元"},
		{"单位：个", "", "个"},
		{"万元", "", "万元"},
		{"单位", "单位", ""},
		{"村（社区）", "村（社区）", ""},
		{"县（市、区）", "县（市、区）", ""},
	}
	for _, tt := range tests {
		name, unit := splitUnit(tt.in)
		if name != tt.name || unit != tt.unit {
			t.Errorf("splitUnit(%q) = %q, %q; want %q, %q", tt.in, name, unit, tt.name, tt.unit)
		}
	}
}

func TestNumberCell(t *testing.T) {
	yes := []string{"1810", "1,810", "12.5", "30余", "4万余", "98.6%", "1810名", "1.2亿元", "约800", "5-15", "超过10万元", "3年", "200名以上"}
	no := []string{"", "2024年", "2024年12月", "1-9月", "第一季度", "发展党员", "12个村达标", "v2", "1.发展党员"}
	for _, s := range yes {
		if !isNumberCell(s) {
			t.Errorf("%q: want a number", s)
		}
	}
	for _, s := range no {
		if isNumberCell(s) {
			t.Errorf("%q: want no number", s)
		}
	}
}
