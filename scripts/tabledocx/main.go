// Command tabledocx writes samples/2024Q4/yuexi-tables.docx, the sample
// report whose figures sit only in Word tables (a vertically merged 类别
// column, a 单位 column, a title row across the table, units in header
// parentheses). The report's text is written here, for the project; its
// figures are illustrative, not taken from a published report. Run it from
// the repository root:
//
//	go run ./scripts/tabledocx                       # rewrites the sample
//	go run ./scripts/tabledocx -out /tmp/x.docx
//
// The output is byte-for-byte reproducible (fixed zip times, fixed order).
package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

// cell is one table cell: span > 1 merges it across columns (w:gridSpan);
// merge is "restart" or "continue" for a vertical merge (w:vMerge).
type cell struct {
	text  string
	span  int
	merge string
}

// block is a paragraph (text) or a table (rows).
type block struct {
	text string
	rows [][]cell
}

func p(s string) block { return block{text: s} }

func c(s string) cell { return cell{text: s} }

func report() []block {
	// 类别 column: the first row of each group restarts the merge.
	group := func(cat string, first bool) cell {
		if first {
			return cell{text: cat, merge: "restart"}
		}
		return cell{merge: "continue"}
	}
	ind := func(no, cat string, first bool, name, unit, value, note string) []cell {
		return []cell{c(no), group(cat, first), c(name), c(unit), c(value), c(note)}
	}
	return []block{
		p("岳西县2024年第四季度基层党建工作主要指标完成情况"),
		p("中共岳西县委组织部"),
		p("四季度，岳西县各级党组织对照年度任务清单逐项推进，现将主要指标完成情况报告如下。"),
		p("表一　全县基层党建重点指标"),
		{rows: [][]cell{
			{c("序号"), c("类别"), c("指标"), c("单位"), c("数值"), c("备注")},
			ind("1", "抓队伍", true, "发展党员", "名", "326", "完成年度计划"),
			ind("2", "抓队伍", false, "村党组织书记集中轮训", "人次", "364", ""),
			ind("3", "抓队伍", false, "选派驻村第一书记", "名", "182", ""),
			ind("4", "建机制", true, "新建党群服务中心", "个", "9", ""),
			ind("5", "建机制", false, "组建产业链党组织", "个", "14", "覆盖茶叶、蚕桑等主导产业"),
			ind("6", "促发展", true, "村集体经济经营性收入", "万元", "6850", ""),
			ind("7", "促发展", false, "争取上级扶持资金", "万元", "1500", ""),
			ind("8", "强治理", true, "划分网格", "个", "1362", ""),
			ind("9", "强治理", false, "专兼职网格员", "名", "2046", ""),
			ind("10", "强治理", false, "化解矛盾纠纷", "件", "873", ""),
			ind("11", "强治理", false, "矛盾纠纷调解成功率", "%", "98.7", ""),
		}},
		p("表二　部分乡镇主要指标"),
		{rows: [][]cell{
			{{text: "数据截至2024年12月底", span: 4}},
			{c("乡镇"), c("党员人数（名）"), c("村集体经济收入（万元）"), c("网格数（个）")},
			{c("天堂镇"), c("3120"), c("865.4"), c("142")},
			{c("店前镇"), c("2360"), c("412"), c("98")},
			{c("河图镇"), c("1875"), c("356.8"), c("77")},
			{c("主簿镇"), c("1642"), c("298.5"), c("69")},
			{c("合计"), c("8997"), c("1932.7"), c("386")},
		}},
		p("下一步，岳西县将坚持问题导向，持续抓好基层党建各项重点任务落地见效。"),
	}
}

func main() {
	out := flag.String("out", "samples/2024Q4/yuexi-tables.docx", "the .docx to write")
	flag.Parse()
	data, err := build(report())
	if err == nil {
		err = os.WriteFile(*out, data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tabledocx:", err)
		os.Exit(1)
	}
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func documentXML(blocks []block) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	para := func(s string) {
		if s == "" {
			b.WriteString(`<w:p/>`)
			return
		}
		fmt.Fprintf(&b, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, esc(s))
	}
	for _, bl := range blocks {
		if bl.rows == nil {
			para(bl.text)
			continue
		}
		cols := 0
		for _, c := range bl.rows[0] {
			cols += max(c.span, 1)
		}
		b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>` +
			`<w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/>` +
			`<w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/>` +
			`</w:tblBorders></w:tblPr><w:tblGrid>`)
		for i := 0; i < cols; i++ {
			b.WriteString(`<w:gridCol/>`)
		}
		b.WriteString(`</w:tblGrid>`)
		for _, row := range bl.rows {
			b.WriteString(`<w:tr>`)
			for _, c := range row {
				b.WriteString(`<w:tc><w:tcPr>`)
				if c.span > 1 {
					fmt.Fprintf(&b, `<w:gridSpan w:val="%d"/>`, c.span)
				}
				switch c.merge {
				case "restart":
					b.WriteString(`<w:vMerge w:val="restart"/>`)
				case "continue":
					b.WriteString(`<w:vMerge/>`)
				}
				b.WriteString(`</w:tcPr>`)
				para(c.text)
				b.WriteString(`</w:tc>`)
			}
			b.WriteString(`</w:tr>`)
		}
		b.WriteString(`</w:tbl>`)
	}
	b.WriteString(`<w:sectPr/></w:body></w:document>`)
	return b.String()
}

// build writes the smallest package Word and WPS open: content types, the
// package relationship and the main part.
func build(blocks []block) ([]byte, error) {
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`</Relationships>`},
		{"word/document.xml", documentXML(blocks)},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	stamp := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	for _, part := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write([]byte(part.body)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
