package source

import (
	"testing"
)

// fuzzParse checks the invariants of any successful parse; failures must be
// *Error values, never panics.
func fuzzParse(t *testing.T, path string, data []byte) {
	d, err := Parse(path, data)
	if err != nil {
		if _, ok := err.(*Error); !ok {
			t.Fatalf("error of type %T: %v", err, err)
		}
		return
	}
	if len(d.Lines) == 0 {
		t.Fatal("document without lines")
	}
	checkLines(t, d)
}

func FuzzParseTxt(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("平涼市基層黨組織1075個\r上一篇\r"))
	f.Add([]byte("\xEF\xBB\xBF编辑：王五\n"))
	f.Add([]byte("\xFF\xFE\x5a\x51\x0a\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "f.txt", data)
	})
}

func FuzzParseHTML(f *testing.F) {
	f.Add([]byte("<html><head><meta charset=gbk></head><body><p>党建</p></body></html>"))
	f.Add([]byte("<p>第一行<br>第二行</p><nav>首页</nav><div class=share>分享到</div>"))
	for _, seed := range htmlTableSeeds {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "f.html", data)
	})
}

func FuzzParseDocx(f *testing.F) {
	f.Add(makeDocx(f, `<w:p><w:r><w:t>党建</w:t></w:r><w:r><w:t>引领</w:t><w:br/><w:tab/></w:r></w:p>`))
	f.Add(makeDocx(f, `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>平涼</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`))
	for _, seed := range docxTableSeeds {
		f.Add(makeDocx(f, seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "f.docx", data)
	})
}

// Table seeds: headers with units, spans and merges, and the broken shapes
// readers meet (a merge with nothing above, spans past the grid, rows
// without a table, nested tables).
var htmlTableSeeds = []string{
	`<table><tr><th>单位</th><th>党员人数（名）</th><th>收入(万元)</th></tr><tr><td>城关镇</td><td>356</td><td>12.5</td></tr><tr><td>合计</td><td>1,356</td><td>—</td></tr></table>`,
	`<table><tr><th rowspan=2>乡镇</th><th colspan=2>党员（名）</th></tr><tr><th>总数<th>新发展<tr><td>店前镇<td>420<td>15</table>`,
	`<table><tr><td colspan=99999 rowspan=99999>单位：万元<tr><td>村<td rowspan=-1>52.3<td colspan=x>8</table>`,
	`<tr><td>孤立的行</td><td>12个</td></tr><table><caption>单位：个</caption><tr><td><table><tr><td>内表</td><td>3名</td></tr></table></td><td>5</td></tr>`,
}

var docxTableSeeds = []string{
	wtbl(wtr("指标", "单位", "数值"), wtr("发展党员", "名", "1810"), wtr("覆盖率", "%", "98.6")),
	wtbl(wtr(wtc("标题（单位：万元）", `<w:gridSpan w:val="3"/>`)), wtr("类别", "指标", "完成数"),
		wtr(wtc("促发展", `<w:vMerge w:val="restart"/>`), "收入", "860"), wtr(wtc("", `<w:vMerge/>`), "资金", "1200")),
	wtbl(wtr(wtc("无上一行", `<w:vMerge/>`), wtc("1", `<w:gridSpan w:val="100000"/>`)), `<w:tr><w:trPr><w:gridBefore w:val="70"/></w:trPr>`+wtc("2", "")+`</w:tr>`),
	wtbl(wtr(`<w:tc>`+wtbl(wtr("内表", "3名"))+`</w:tc>`, "5个")),
}
