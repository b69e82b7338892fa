package source

import (
	"fmt"
	"reflect"
	"testing"
)

func TestHTML(t *testing.T) {
	page := `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>不应出现的标题</title>
<script>var s = "<p>脚本里的段落</p>";</script>
</head>
<body class="has-sidebar">
<header><div class="logo">某某党建网</div></header>
<div id="topnav"><a>首页</a><a>要闻</a></div>
<div class="breadcrumb">当前位置：首页 &gt; 要闻</div>
<article>
<header><h1>党建引领
基层治理</h1></header>
<div class="content">
<p>全市共组织<strong>3472</strong>名党员
参加培训。</p>
<p>第一行<br>第二行<br/>
第三行</p>
<table><tr><td>村集体经济</td><td>30余万元</td></tr>
<tr><th>组织数</th><td>12&nbsp;个</td></tr></table>
<ul><li>一项<li>二项</ul>
<p>上一篇：某文章</p>
<div class="share-bar">分享到：微信</div>
<div class="comments"><p>网友评论：很好</p></div>
<noscript>请启用脚本</noscript>
<p>正文最后一段。</p>
</div>
</article>
<aside>热门文章</aside>
<footer>版权所有 某某网</footer>
</body></html>`
	d, err := Parse("page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	want := []Line{
		{No: 13, Text: "党建引领基层治理"},
		{No: 16, Text: "全市共组织3472名党员参加培训。"},
		{No: 18, Text: "第一行"},
		{No: 18, Text: "第二行"},
		{No: 19, Text: "第三行"},
		// A table of figures is read row by row (table.go).
		{No: 20, Text: "村集体经济30余万元。"},
		{No: 21, Text: "组织数12个。"},
		{No: 22, Text: "一项"},
		{No: 22, Text: "二项"},
		{No: 27, Text: "正文最后一段。"},
	}
	for i := range want {
		want[i].Simplified = want[i].Text
	}
	if !reflect.DeepEqual(d.Lines, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", d.Lines, want)
	}
	if d.Encoding != "UTF-8" || d.Format != "html" {
		t.Fatalf("encoding %q format %q", d.Encoding, d.Format)
	}
}

func TestHTMLCharsets(t *testing.T) {
	body := "<html><head><meta charset=\"%s\"></head><body><p>基层党组织1075个</p></body></html>"
	tests := []struct {
		name, charset string
		data          []byte
		enc           string
	}{
		{"gbk declared", "gbk", nil, "GBK"},
		{"gb2312 declared", "gb2312", nil, "GBK"},
		{"gb18030 declared", "gb18030", nil, "GB18030"},
		{"utf-8 declared but GBK bytes", "utf-8", nil, "GB18030"},
		{"gbk declared but UTF-8 bytes", "gbk", []byte("<html><head><meta charset=\"gbk\"></head><body><p>基层党组织1075个</p></body></html>"), "UTF-8"},
		{"none declared, GBK bytes", "", nil, "GB18030"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data
			if data == nil {
				page := "<html><body><p>基层党组织1075个</p></body></html>"
				if tt.charset != "" {
					page = sprintf(body, tt.charset)
				}
				data = encode(t, gbk, page)
			}
			d, err := Parse("p.htm", data)
			if err != nil {
				t.Fatal(err)
			}
			if d.Encoding != tt.enc || !reflect.DeepEqual(texts(d), []string{"基层党组织1075个"}) {
				t.Fatalf("got %s %q", d.Encoding, texts(d))
			}
		})
	}
}

func TestHTMLErrors(t *testing.T) {
	tests := map[string]string{
		"<html><head><title>只有标题</title></head><body><script>x()</script></body></html>": reasonNoArticle,
		"<html><body><nav>首页</nav><div class=\"footer\">版权所有</div></body></html>":        reasonNoArticle,
		"": reasonEmpty,
	}
	for page, reason := range tests {
		_, err := Parse("x.html", []byte(page))
		wantError(t, err, "x.html", reason)
	}
}

func TestHTMLClassFallback(t *testing.T) {
	// Everything sits in a wrapper whose class looks like furniture.
	page := "<html><body><div class=\"page-nav-wrapper\"><p>全市新建党群服务站870个</p></div></body></html>"
	d, err := Parse("w.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(texts(d), []string{"全市新建党群服务站870个"}) {
		t.Fatalf("got %q", texts(d))
	}
}

func TestDocSavedAsHTML(t *testing.T) {
	// Many systems export "Word" files that are web pages.
	d, err := Parse("export.doc", []byte("<html><body><p>共召开会议5000余场次</p></body></html>"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != "html" || len(d.Lines) != 1 {
		t.Fatalf("got %s %q", d.Format, texts(d))
	}
}

var sprintf = fmt.Sprintf
