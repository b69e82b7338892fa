package extract

import (
	_ "embed"
	"sort"
	"strings"
)

// The counting words (量词) a figure may end in come from a maintained word
// list, not from reports seen so far: data/measures.txt is derived from
// jieba's dictionary by scripts/measures (see data/README.md). A few forms
// the source lacks, and the normalisations the JSON contract asks for, are
// added by hand below.

//go:embed data/measures.txt
var measuresTxt string

// measureExtra: forms jieba's dictionary does not tag as counting words,
// each with where it was seen, mapped to the form the JSON reports.
var measureExtra = map[string]string{
	"人": "人", "人次": "人次", "场次": "场次", "批次": "批次", "期": "期", // gold/SCHEMA.md's measures
	"个百分点": "个百分点", "%": "%", "％": "%", // gold/SCHEMA.md: 个百分点 apart from %
	"百分点":  "个百分点",             // 提高0.5百分点: the same measure written without 个
	"人(次)": "人次", "人（次）": "人次", // gold/SCHEMA.md: 人(次) is 人次
	"轮次": "轮次", "户次": "户次", "件次": "件次", // 走访群众3200户次, 培训12轮次 (report prose)
	"个月": "个月", "小时": "小时", // durations: 驻村6个月, 服务时长20小时 (seeds)
	"岗": "岗", // 设置公益岗位150岗 (seeds)
	"票": "票", // 以45票当选 (换届选举 reports); jieba tags 票 a noun
	// Power capacity: 光伏装机55万千瓦 (corpus j09), 兆瓦 (corpus a14); jieba
	// has only 千瓦时.
	"千瓦": "千瓦", "兆瓦": "兆瓦",
	// A noun that counts itself: 500多商户 counts households (seeds);
	// 8镇64个村 counts towns (corpus a14), as 12乡、5村 count townships
	// and villages.
	"商户": "户", "农户": "户", "镇": "镇", "乡": "乡", "村": "村", "乡镇": "乡镇",
}

// smallChineseMeasures are the measures a small Chinese numeral (两, 三 …
// 九) is read with: the closed list this package used before the jieba
// list, built on the seeds' figures. With other counting words from the
// list a small Chinese numeral is mostly a metaphor (两把金钥匙, 三道防线)
// or part of a name (三道镇).
var smallChineseMeasures = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`个百分点 人次 场次 批次 轮次 个月 平方公里 平方米 公里 公顷 小时 分钟
		元 名 人 个 家 件 次 场 户 亩 项 条 批 期 枚 部 支 盏 处 % 倍 年 天 种 类 级 岗 笔 成
		岁 步 所 座 间 套 台 辆 吨 位 篇 份 册 本 张 栋 幢 队 组 轮 宗 块`) {
		m[w] = true
	}
	return m
}()

// measureForms maps every form to the measure the JSON reports.
var measureForms = func() map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(measuresTxt, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w, _, _ := strings.Cut(line, "\t")
		m[w] = w
	}
	for k, v := range measureExtra {
		m[k] = v
	}
	return m
}()

// measureList holds the forms as rune slices, longest first.
var measureList = func() [][]rune {
	var out [][]rune
	for k := range measureForms {
		out = append(out, []rune(k))
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return string(out[i]) < string(out[j])
	})
	return out
}()

// measureIndex finds the candidate forms by their first rune, each with
// the measure it reports: measureAt runs at every number, and making a
// string of the form to look the measure up was a third of its cost.
var measureIndex = func() *probeTable[rune, []measureForm] {
	idx := map[rune][]measureForm{}
	for _, m := range measureList {
		idx[m[0]] = append(idx[m[0]], measureForm{m, measureForms[string(m)]}) // stays longest first
	}
	return newRuneTable(idx)
}()

// measureStarts holds the first rune of every form: most numbers are
// followed by a rune no form starts with, passed over by one bit test.
var measureStarts = func() *runeSet {
	var s runeSet
	for _, r := range measureIndex.keys {
		if r >= 0 {
			s.add(r)
		}
	}
	return &s
}()

type measureForm struct {
	runes   []rune
	measure string
}

// measureAt returns the measure starting at i (normalised) and its end.
func measureAt(rs []rune, i int) (string, int) {
	if i >= len(rs) || rs[i] < 0x10000 && !measureStarts.has(rs[i]) {
		return "", i
	}
	for _, m := range measureIndex.value(rs[i]) {
		if hasPrefixAt(rs, i, m.runes) {
			return m.measure, i + len(m.runes)
		}
	}
	return "", i
}

// IsMeasure reports whether w is a counting word a figure can end in, in
// any of its written forms (人(次), ％ included).
func IsMeasure(w string) bool {
	_, ok := measureForms[w]
	return ok
}

func hasPrefixAt(rs []rune, i int, p []rune) bool {
	if i+len(p) > len(rs) {
		return false
	}
	for k, r := range p {
		if rs[i+k] != r {
			return false
		}
	}
	return true
}

// multiplierAt reads a chain of multipliers (万, 亿, 千, 百, and 千万, 百亿,
// 万亿 …) and returns the power of ten they add. A chain only grows: a small
// unit (百, 千) may be followed by a big one (万, 亿) and 万 by 亿; 万万 or
// 百千 stop after their first unit. A multiplier that begins a measure
// (千米, 千克, 兆瓦) is left to the measure.
func multiplierAt(rs []rune, i int) (int, int) {
	exp, prev := 0, 0
	j := i
	for j < len(rs) {
		e := multiplierExp(rs[j])
		if e == 0 {
			break
		}
		if prev != 0 && (e <= prev || e < 4) {
			break
		}
		if m, _ := measureAt(rs, j); m != "" {
			break
		}
		exp, prev = exp+e, e
		j++
	}
	return exp, j
}

// multiplierExp is the power of ten of one multiplier character, or 0.
func multiplierExp(r rune) int {
	switch r {
	case '百':
		return 2
	case '千':
		return 3
	case '万', '萬':
		return 4
	case '亿', '億':
		return 8
	}
	return 0
}

// Measures lists, sorted, every measure a figure can carry (人(次) is
// reported as 人次), so later stages can check the measures they name.
func Measures() []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range measureForms {
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	sort.Strings(out)
	return out
}
