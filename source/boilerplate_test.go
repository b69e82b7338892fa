package source

import (
	"strings"
	"testing"
)

func TestBoilerplate(t *testing.T) {
	long := "全市共组织党员干部开展志愿服务，累计服务群众12万人次，" + strings.Repeat("持续深化党建引领基层治理，", 4) + "成效明显。"
	tests := []struct {
		line string
		rule string // "" keeps the line
	}{
		// nav
		{"上一篇", "nav"},
		{"上一篇：慈溪市召开党建工作会议", "nav"},
		{"下一篇 2023年6月13日 上午10:25", "nav"},
		{"相关推荐", "nav"},
		// notice
		{"版权声明:本文内容由互联网用户自发贡献,该文观点仅代表作者本人。本站仅提供信息存储空间服务,不拥有所有权,不承担相关法律责任。如发现本站有涉嫌侵权内容,请联系删除。", "notice"},
		{"免责声明：本站部分内容来源于网络", "notice"},
		{"版权所有：中共某某市委组织部", "notice"},
		// copyright
		{"Copyright © 2024 www.example.com All Rights Reserved", "copyright"},
		// sponsor
		{"主办单位:中共湖南省委组织部", "sponsor"},
		{"技术支持：湖南红网新媒体集团", "sponsor"},
		{"承办：市委组织部信息中心", "sponsor"},
		{"网站标识码4300000012", "sponsor"},
		{"承办全市基层党建现场观摩会", ""},
		// icp
		{"ICP备案号:湘ICP备17016663号-1", "icp"},
		{"京ICP证030173号 京公网安备11000002000001号", "icp"},
		// visitors
		{"您是第 位来访者", "visitors"},
		{"您是第12345位访问者", "visitors"},
		// counter
		{"浏览次数：1024", "counter"},
		// welcome
		{"欢迎您访问红星网", "welcome"},
		// fontsize
		{"放大+ \u00a0缩小- \u00a0 默认o", "fontsize"},
		{"字号：大 中 小", "fontsize"},
		// editor
		{"责任编辑：王五", "editor"},
		{"编辑：张三 审核：李四", "editor"},
		{"（审核：李四）", "editor"},
		{"编辑出版党员教育读本3本，发放12000册", ""},
		// image
		{"图片", "image"},
		{"图", "image"},
		{"点击查看大图", "image"},
		{"图为株洲市第三届幸福邻里节开幕式。", ""},
		// share
		{"分享到：微信 微博 QQ空间", "share"},
		{"分享：", "share"},
		{"分享经验做法12条", ""},
		// tools
		{"【打印本页】【关闭窗口】", "tools"},
		{"返回顶部", "tools"},
		// pageno
		{"第 2 页 共 5 页", "pageno"},
		// numbers
		{"1", "numbers"},
		{"(0)", "numbers"},
		{"……", "numbers"},
		{"- 12 -", "numbers"},
		{"2024年", ""},
		// cms
		{"2024-05-21 ——会议侧记 1 1 聊城日报 content_50650.html 1 标题 /enpproperty-->", "cms"},
		// sentences survive whatever words they hold
		{"下一篇章，我们将组织党员12万人次" + long, ""},
		{"编辑：" + long, ""},
		{"ICP" + long, ""},
		{"全市基层党组织书记培训班共举办12期", ""},
		{"黄合 唐翀/文", ""},
	}
	for _, tt := range tests {
		if got := boilerplate(tt.line); got != tt.rule {
			t.Errorf("boilerplate(%q) = %q, want %q", tt.line, got, tt.rule)
		}
	}
	// Every rule is exercised above.
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.rule] = true
	}
	for _, r := range boilerRules {
		if !seen[r.name] {
			t.Errorf("rule %q has no test", r.name)
		}
	}
}

func TestBoilerplateTraditional(t *testing.T) {
	// Rules match the simplified twin, so traditional furniture goes too.
	d, err := Parse("t.txt", []byte("責任編輯：王五\n基層黨組織書記培訓班共舉辦12期\n點擊查看大圖\n版權聲明：本站內容\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Lines) != 1 || d.Lines[0].No != 2 {
		t.Fatalf("got %+v", d.Lines)
	}
}
