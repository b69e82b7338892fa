package source_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"djreport/extract"
	"djreport/source"
)

// tableDocx writes a minimal .docx: a string is a paragraph, a [][]string a
// table (one w:tc per string).
func tableDocx(t testing.TB, blocks ...any) []byte {
	t.Helper()
	esc := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, bl := range blocks {
		switch v := bl.(type) {
		case string:
			fmt.Fprintf(&b, `<w:p><w:r><w:t>%s</w:t></w:r></w:p>`, esc(v))
		case [][]string:
			b.WriteString("<w:tbl>")
			for _, row := range v {
				b.WriteString("<w:tr>")
				for _, c := range row {
					fmt.Fprintf(&b, `<w:tc><w:tcPr/><w:p><w:r><w:t>%s</w:t></w:r></w:p></w:tc>`, esc(c))
				}
				b.WriteString("</w:tr>")
			}
			b.WriteString("</w:tbl>")
		default:
			t.Fatalf("block of type %T", bl)
		}
	}
	b.WriteString(`</w:body></w:document>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(b.String()))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// want is one expected figure; line 0 means any line.
type want struct {
	value            float64
	measure, subject string
	unit             string
	line             int
}

func extractAll(t *testing.T, path string, data []byte) extract.Document {
	t.Helper()
	d, err := source.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return x.Document(d)
}

func readAll(t *testing.T, path string) extract.Document {
	t.Helper()
	d, err := source.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return x.Document(d)
}

func checkFigures(t *testing.T, got extract.Document, wants []want) {
	t.Helper()
	if len(got.Figures) != len(wants) {
		for _, f := range got.Figures {
			t.Logf("got %v %s %q (%s) line %d", f.Value, f.Measure, f.Subject, f.Unit, f.Line)
		}
		t.Fatalf("%d figures, want %d", len(got.Figures), len(wants))
	}
	for i, w := range wants {
		f := got.Figures[i]
		if math.Abs(f.Value-w.value) > 1e-6*math.Max(1, w.value) || f.Measure != w.measure || f.Subject != w.subject ||
			f.Unit != w.unit || (w.line != 0 && f.Line != w.line) {
			t.Errorf("figure %d: got %v %s %q (%s) line %d in %q; want %v %s %q (%s) line %d",
				i, f.Value, f.Measure, f.Subject, f.Unit, f.Line, f.Sentence, w.value, w.measure, w.subject, w.unit, w.line)
		}
	}
}

// A report that is only a title and tables yields the tables' figures.
func TestTableReportDocx(t *testing.T) {
	data := tableDocx(t,
		"泾县2024年第四季度基层党建主要指标",
		[][]string{
			{"指标", "单位", "数值"},
			{"发展党员", "名", "215"},
			{"村集体经济经营性收入", "万元", "3260.5"},
			{"党员教育培训覆盖率", "%", "96.2"},
		},
		[][]string{
			{"乡镇", "党员人数（名）", "网格数（个）"},
			{"泾川镇", "2410", "88"},
			{"合计", "2410", "88"},
		})
	got := extractAll(t, "jingxian.docx", data)
	if strings.Join(got.Units, ",") != "泾县" {
		t.Fatalf("units %v", got.Units)
	}
	checkFigures(t, got, []want{
		{215, "名", "党员", "泾县", 5},
		{32605000, "元", "村集体经济经营性收入", "泾县", 8},
		{96.2, "%", "党员教育培训覆盖率", "泾县", 11},
		{2410, "名", "党员人数", "泾县", 17},
		{88, "个", "网格数", "泾县", 17},
		{2410, "名", "党员人数", "泾县", 20},
		{88, "个", "网格数", "泾县", 20},
	})
}

// A saved page with a round-up table: each county row is its own unit,
// numbered by the source line of its row.
func TestTableReportHTML(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>安徽省县级党建指标</title></head><body>
<nav>首页 | 上一篇 | 下一篇</nav>
<article><h1>安徽省部分县基层党建指标</h1>
<table>
<thead><tr><th>县（市、区）</th><th>发展党员（名）</th><th>村集体收入(万元)</th><th>占比（%）</th></tr></thead>
<tbody>
<tr><td>泾县</td><td>215</td><td>3260.5</td><td>31.5</td></tr>
<tr><td>绩溪县</td><td>188</td><td>2705</td><td>26.1</td></tr>
</tbody></table>
</article><footer>版权所有</footer></body></html>`
	// A province's table of counties: one unit per row (a city's table of
	// its own counties would be the city's report, SCHEMA.md).
	got := extractAll(t, "xuancheng.html", []byte(page))
	if strings.Join(got.Units, ",") != "泾县,绩溪县" {
		t.Fatalf("units %v", got.Units)
	}
	checkFigures(t, got, []want{
		{215, "名", "党员", "泾县", 7},
		{32605000, "元", "村集体收入", "泾县", 7},
		{31.5, "%", "占比", "泾县", 7},
		{188, "名", "党员", "绩溪县", 8},
		{27050000, "元", "村集体收入", "绩溪县", 8},
		{26.1, "%", "占比", "绩溪县", 8},
	})
}

// The same report as sentences in a .txt and as a .docx table gives the
// same figures.
func TestTableSameAsText(t *testing.T) {
	txt := "泾县2024年第四季度基层党建工作情况\n" +
		"发展党员215名。\n村党组织书记集中轮训364人次。\n新建党群服务中心9个。\n" +
		"村集体经济经营性收入3260.5万元。\n专兼职网格员2046名。\n矛盾纠纷调解成功率98.7%。\n"
	docx := tableDocx(t, "泾县2024年第四季度基层党建工作情况", [][]string{
		{"序号", "指标", "单位", "数值"},
		{"1", "发展党员", "名", "215"},
		{"2", "村党组织书记集中轮训", "人次", "364"},
		{"3", "新建党群服务中心", "个", "9"},
		{"4", "村集体经济经营性收入", "万元", "3260.5"},
		{"5", "专兼职网格员", "名", "2046"},
		{"6", "矛盾纠纷调解成功率", "%", "98.7"},
	})
	key := func(d extract.Document) []string {
		var out []string
		for _, f := range d.Figures {
			out = append(out, fmt.Sprintf("%s %s %v %s %s %s", f.Unit, f.Section, f.Value, f.Measure, f.Text, f.Subject))
		}
		return out
	}
	a, b := key(extractAll(t, "jingxian.txt", []byte(txt))), key(extractAll(t, "jingxian.docx", docx))
	if len(a) != 6 || strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Fatalf("txt:\n%s\ndocx:\n%s", strings.Join(a, "\n"), strings.Join(b, "\n"))
	}
}

// TestSampleTablesDocx reads the sample written by scripts/tabledocx.
func TestSampleTablesDocx(t *testing.T) {
	got := readAll(t, filepath.Join("..", "samples", "2024Q4", "yuexi-tables.docx"))
	if strings.Join(got.Units, ",") != "岳西县" {
		t.Fatalf("units %v", got.Units)
	}
	u := "岳西县"
	wants := []want{
		{326, "名", "党员", u, 11},
		{364, "人次", "村党组织书记集中轮训", u, 17},
		{182, "名", "驻村第一书记", u, 23},
		{9, "个", "党群服务中心", u, 29},
		{14, "个", "产业链党组织", u, 35},
		{68500000, "元", "村集体经济经营性收入", u, 41},
		{15000000, "元", "上级扶持资金", u, 47},
		{1362, "个", "网格", u, 53},
		{2046, "名", "专兼职网格员", u, 59},
		{873, "件", "矛盾纠纷", u, 65},
		{98.7, "%", "矛盾纠纷调解成功率", u, 71},
	}
	towns := []struct {
		line                   int
		members, income, grids float64
	}{{83, 3120, 8654000, 142}, {87, 2360, 4120000, 98}, {91, 1875, 3568000, 77}, {95, 1642, 2985000, 69}, {99, 8997, 19327000, 386}}
	for _, tw := range towns {
		wants = append(wants,
			want{tw.members, "名", "党员人数", u, tw.line},
			want{tw.income, "元", "村集体经济收入", u, tw.line},
			want{tw.grids, "个", "网格数", u, tw.line})
	}
	checkFigures(t, got, wants)
	// The merged 类别 column gives each row its section.
	sections := map[string]extract.Section{"326名": extract.Team, "9个": extract.Mechanism, "6850万元": extract.Development, "873件": extract.Governance}
	for _, f := range got.Figures {
		if s, ok := sections[f.Text]; ok && f.Section != s {
			t.Errorf("%s: section %s, want %s (%q)", f.Text, f.Section, s, f.Sentence)
		}
	}
}
