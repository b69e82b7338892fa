package mapping

import (
	"slices"
	"strings"

	"djreport/extract"
)

// Measures lists the counting words a mapping may name, in one place: the
// workbook's measures and those the extractor reports. A measure outside it
// is almost always a typo, which would silently never match.
var Measures = []string{
	"名", "人", "人次", "个", "家", "件", "次", "场次", "户", "亩", "项", "条",
	"批次", "期", "枚", "部", "支", "盏", "处", "%", "个百分点", "倍", "年", "天",
	"元", "万元", "种", "类", "级", "岗", "笔", "成",
	// Also reported by the extractor.
	"场", "岁", "步", "所", "座", "间", "套", "台", "辆", "吨", "位", "篇", "份",
	"册", "本", "张", "栋", "幢", "队", "组", "轮", "轮次", "批", "个月",
	"小时", "分钟", "公里", "平方公里", "平方米", "公顷",
}

// Picks are the ways to choose among several matching figures.
var Picks = []string{"max", "first", "sum"}

func knownMeasure(m string) bool { return slices.Contains(Measures, m) }

func knownSection(s extract.Section) bool { return slices.Contains(extract.Sections, s) }

func sectionNames() string {
	names := make([]string, len(extract.Sections))
	for i, s := range extract.Sections {
		names[i] = string(s)
	}
	return strings.Join(names, "、")
}
