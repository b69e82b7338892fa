package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"djreport/extract"
)

// TestBriefAnaphoric: sentences of the sample quarter and the corpus
// (extract/testdata/corpus/dev/docs) that open with a reference back, and
// some that do not.
func TestBriefAnaphoric(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		// samples/2024Q4/cixi.txt, liaocheng-gbk.txt
		{"在“溪上稻乡”片区建设中，他发挥专业所长，帮村里争取资金和用地指标。", true},
		{"与会人员走进11个县（市、区）和市属开发区，实地察看30个基层党建项目。", true},
		// cixi.txt after its ；-split (second review); a connective alone
		{"金山路小区890余户居民盼了多年的燃气管道改造，也因此有了资金保障。", true},
		{"因此，全市新建党群服务中心12个。", true},
		{"全市投入资金3000万元，因此建成驿站12个。", false},
		// a03_chaohu.txt, e03_xianqu.txt, n06_longwan.txt, a13_raohe.txt
		{"他要求，巢湖市要对标先进、找准差距、压实责任、加快进度。", true},
		{"此次外出考察虽逢酷暑高温，但考察团成员学习热情高涨。", true},
		{"与会人员表示，现场观摩让大家深受教育。", true},
		{"以上指标均实现时间过半、任务过半。", true},
		{"该县精心选派第一书记驻村帮扶，其中科级以上干部7人。", true},
		{"为此，古田县紧扣菌种研发、栽培、加工、销售等关键环节。", true},
		{"这是全国首个对党建引领作出规定的物业管理法规。", true},
		{"依托“领导联点、单位联村、干部联户”工作机制，该县着力扩大党员干部走访的覆盖面。", true},
		// not back: b12_tongren.txt (这几年), a02_yuexi.txt (…，其中),
		// j07_ningyuan.txt (其 after a clause that names its antecedent)
		{"这几年，铜仁市坚持用党建引领村级集体经济发展。", false},
		{"截至目前，已有707名大学生村官进入村党组织班子，其中31人被选为村书记。", false},
		{"先后获得“国家级巾帼脱贫示范基地”等荣誉30余项，其创业团队入选2021年全国“巾帼新农人”创业典型案例。", false},
		{"其中书记15702名。", false},
		{"全年发展党员1582名，其中35岁以下青年党员占比超过八成。", false},
		{"在片区建设中，全市新建党群服务中心12个。", false},
	}
	for _, tt := range tests {
		if got := briefAnaphoric(tt.s); got != tt.want {
			t.Errorf("briefAnaphoric(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestBriefAnaphoricCorpus: over the corpus's sentences the rule flags a
// small share, and each flagged sentence opens (or opens its clause after
// a frame) with one of the words, never with 其中 or 此外.
func TestBriefAnaphoricCorpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "extract", "testdata", "corpus", "dev", "docs", "*.txt"))
	if len(files) == 0 {
		t.Skip("corpus absent")
	}
	n, k := 0, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			for _, s := range strings.SplitAfter(line, "。") {
				if s = briefSentence(strings.TrimSpace(s)); s == "" {
					continue
				}
				n++
				if !briefAnaphoric(s) {
					continue
				}
				k++
				if strings.HasPrefix(s, "其中") || strings.HasPrefix(s, "此外") {
					t.Errorf("%s: flagged %q", filepath.Base(f), s)
				}
			}
		}
	}
	t.Logf("%d of %d corpus sentences point back", k, n)
	if n == 0 || k*10 > n {
		t.Errorf("%d of %d sentences flagged: the rule is too wide", k, n)
	}
}

// TestBriefFileAnaphors: a sentence pointing back is joined to the one just
// before it in its paragraph when that one is in the brief, else left out
// when its section has others; 该县 opening a sentence is the county.
func TestBriefFileAnaphors(t *testing.T) {
	src := "x.txt"
	fig := func(sec extract.Section, text, sentence string, line, at int) extract.Figure {
		in := strings.Index(sentence, text)
		start := at + len([]rune(sentence[:in]))
		return extract.Figure{Unit: "某县", Section: sec, Text: text, Sentence: sentence, Line: line, Source: src,
			Span: [2]int{start, start + len([]rune(text))}}
	}
	s1 := "阮奇峰下派到花木村任规划师，争取资金300万元。"
	s2 := "在片区建设中，他推动12个项目开工。"
	s3 := "与会人员察看项目30个。"
	u := Unit{Name: "某县", Figures: []extract.Figure{
		fig(extract.Development, "300万元", s1, 3, 0),
		fig(extract.Development, "12个", s2, 3, len([]rune(s1))),
		fig(extract.Team, "326名", "全年发展党员326名。", 5, 0),
		fig(extract.Team, "30个", s3, 9, 10), // its sentence before is not in the brief
		fig(extract.Governance, "1362个", "该县划分网格1362个。", 12, 0),
	}}
	got := briefFile(u, nil, func(s string) string { return s })
	if d := got[extract.Development]; len(d) != 1 || d[0] != s1+s2 {
		t.Errorf("促发展 = %q, want the two sentences joined", d)
	}
	if tm := got[extract.Team]; len(tm) != 1 || tm[0] != "全年发展党员326名。" {
		t.Errorf("抓队伍 = %q, want 与会 sentence left out", tm)
	}
	if g := got[extract.Governance]; len(g) != 1 || g[0] != "某县划分网格1362个。" {
		t.Errorf("强治理 = %q, want 该县 as the county's name", g)
	}
}
