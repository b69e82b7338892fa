package mapping

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestLoadStandard(t *testing.T) {
	s, err := Load([]string{"standard.yaml"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Indicators) != 22 {
		t.Fatalf("%d indicators, want 22", len(s.Indicators))
	}
	g, ok := s.ByID("grids")
	if !ok || g.Section != "强治理" || g.Measure != "个" || g.Target != "grids" || g.File != "standard.yaml" || g.Line == 0 {
		t.Errorf("grids = %+v", g)
	}
	if _, ok := s.ByID("nope"); ok {
		t.Error("ByID found an unknown id")
	}
}

const okEntry = `  - id: a
    label: 甲
    section: 抓队伍
    measure: 名
    target: a
    match:
      subject: [党员]
`

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // each must appear in the error, with m.yaml:LINE
	}{
		{"syntax", "indicators:\n  - id: a\n    label: x: y\n", []string{"m.yaml:3: YAML 格式错误：", "值中有冒号", "加引号"}},
		{"duplicate id", "indicators:\n" + okEntry + okEntry, []string{"m.yaml:9: 指标 a 重复定义（第 2 行已定义）"}},
		{"missing id", "indicators:\n  - label: 甲\n", []string{"m.yaml:2: 指标缺少 id"}},
		{"missing label and target", "indicators:\n  - id: a\n    section: 抓队伍\n    measure: 名\n",
			[]string{"m.yaml:2: 指标 a 缺少名称 label", "m.yaml:2: 指标 a 缺少目标 target"}},
		{"unknown section", strings.Replace("indicators:\n"+okEntry, "抓队伍", "抓队", 1), []string{"m.yaml:4: 指标 a 的栏目「抓队」未知"}},
		{"unknown measure", strings.Replace("indicators:\n"+okEntry, "measure: 名", "measure: 月", 1), []string{"m.yaml:5: 指标 a 的计量单位「月」未知"}},
		{"unknown match measure", "indicators:\n" + okEntry + "      measures: [人, 月]\n", []string{"m.yaml:9: 指标 a 的 match.measures 中计量单位「月」未知"}},
		{"unknown match section", "indicators:\n" + okEntry + "      sections: [抓]\n", []string{"m.yaml:9: 指标 a 的 match.sections 中栏目「抓」未知"}},
		{"unknown pick", "indicators:\n" + okEntry + "    pick: last\n", []string{"m.yaml:9: 指标 a 的 pick「last」未知"}},
		{"unknown field", strings.Replace("indicators:\n"+okEntry, "target:", "targt:", 1),
			[]string{"m.yaml:6: 指标 a 的字段「targt」未知，是不是「target」？", "m.yaml:2: 指标 a 缺少目标 target"}},
		{"unknown match field", "indicators:\n" + okEntry + "      subjet: [x]\n", []string{"m.yaml:9: 指标 a 的 match 字段「subjet」未知，是不是「subject」？"}},
		{"bad near", "indicators:\n" + okEntry + "      near: x\n", []string{"m.yaml:9: 指标 a 的 match.near 应为不小于 0 的整数"}},
		{"empty word part", "indicators:\n" + okEntry + "      exclude: [a+]\n", []string{"m.yaml:9: 指标 a 的 match.exclude 中词语「a+」有空的部分"}},
		{"full-width comma in a flow list", "indicators:\n" + okEntry + "      sentence: [志愿者，志愿服务]\n", []string{"m.yaml:9: 指标 a 的 match.sentence 中列表项「志愿者，志愿服务」中有全角逗号", "半角逗号 [志愿者, 志愿服务]"}},
		{"enumeration comma in a block list", "indicators:\n" + okEntry + "      exclude:\n        - 网格、楼栋\n", []string{"m.yaml:10: 指标 a 的 match.exclude 中列表项「网格、楼栋」"}},
		{"unclosed flow list: the line it opens on", "indicators:\n  - id: a\n    label: 甲\n    match: {subject: [党员\n", []string{"m.yaml:4: YAML 格式错误：", "没有闭合"}},
		{"bad indent: the line itself", "indicators:\n  - id: a\n    label: 甲\n   section: 抓队伍\n", []string{"m.yaml:4: YAML 格式错误：", "缩进"}},
		{"tab", "indicators:\n  - id: a\n\tlabel: 甲\n", []string{"m.yaml:3: YAML 格式错误：", "Tab"}},
		{"full-width colon", "indicators:\n  - id: a\n    label：甲\n    section: 抓队伍\n", []string{"m.yaml:3: YAML 格式错误：", "全角冒号"}},
		{"unknown top-level key", "indicator:\n" + okEntry, []string{"m.yaml:1: 顶层字段「indicator」未知，是不是「indicators」？", "缺少 indicators: 列表"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "m.yaml", tt.text)
			t.Chdir(dir)
			_, err := Load([]string{"m.yaml"}, "")
			var ps *Problems
			if !errors.As(err, &ps) {
				t.Fatalf("err = %v, want *Problems", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error\n%s\nlacks %q", err, w)
				}
			}
		})
	}
}

func TestLoadCollectsAllProblems(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "a.yaml", "indicators:\n  - id: a\n    section: 抓\n")
	writeFile(t, dir, "b.yaml", "indicators:\n  - id: b\n    pick: last\n")
	_, err := Load([]string{"a.yaml", "b.yaml"}, "")
	ps, ok := err.(*Problems)
	if !ok {
		t.Fatalf("err = %v", err)
	}
	var a, b int
	for _, p := range ps.List {
		switch p.File {
		case "a.yaml":
			a++
		case "b.yaml":
			b++
		}
	}
	if a < 2 || b < 2 {
		t.Errorf("problems per file a=%d b=%d, want several each:\n%s", a, b, err)
	}
}

func TestLoadLaterFileReplaces(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "a.yaml", "indicators:\n"+okEntry+strings.ReplaceAll(okEntry, "id: a", "id: b"))
	writeFile(t, dir, "b.yaml", "indicators:\n"+strings.Replace(okEntry, "label: 甲", "label: 乙", 1)+strings.ReplaceAll(okEntry, "id: a", "id: c"))
	s, err := Load([]string{"a.yaml", "b.yaml"}, "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, ind := range s.Indicators {
		ids = append(ids, ind.ID)
	}
	if strings.Join(ids, ",") != "a,b,c" {
		t.Errorf("order %v, want a,b,c", ids)
	}
	if a, _ := s.ByID("a"); a.Label != "乙" || a.File != "b.yaml" {
		t.Errorf("a = %+v, want b.yaml's", a)
	}
}

func TestLoadConfigOverrides(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "m.yaml", "indicators:\n"+okEntry+"      exclude: [预备]\n    pick: max\n")
	writeFile(t, dir, "config.yaml", `period: 2024Q4
input: samples
mappings:
  - id: a
    label: 甲乙
    match:
      subject: [党员, 干部]
  - id: extra
    label: 新指标
    section: 强治理
    measure: 个
    target: 强治理!C40
    match:
      subject: [驿站]
`)
	s, err := Load([]string{"m.yaml"}, "config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.ByID("a")
	if a.Label != "甲乙" || a.Measure != "名" || a.Target != "a" || a.Pick != "max" {
		t.Errorf("a = %+v: want label overridden, other fields kept", a)
	}
	if strings.Join(a.Match.Subject, ",") != "党员,干部" || strings.Join(a.Match.Exclude, ",") != "预备" {
		t.Errorf("a.Match = %+v: want subject overridden, exclude kept", a.Match)
	}
	if p := s.fieldPos("a", "label"); p != (pos{"config.yaml", 5}) {
		t.Errorf("label set at %v, want config.yaml:5", p)
	}
	if p := s.fieldPos("a", "target"); p.File != "m.yaml" {
		t.Errorf("target set at %v, want m.yaml", p)
	}
	e, ok := s.ByID("extra")
	if !ok || e.Target != "强治理!C40" || e.File != "config.yaml" || e.Line != 8 {
		t.Errorf("extra = %+v", e)
	}
	if s.Indicators[len(s.Indicators)-1].ID != "extra" {
		t.Error("a new indicator should come last")
	}
}

func TestLoadConfigErrors(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "m.yaml", "indicators:\n"+okEntry)
	writeFile(t, dir, "config.yaml", `mappings:
  - id: a
    measure: 月
  - id: extra
    label: 新指标
  - id: a
    pick: first
`)
	_, err := Load([]string{"m.yaml"}, "config.yaml")
	if err == nil {
		t.Fatal("no error")
	}
	for _, w := range []string{
		"config.yaml:3: 指标 a 的计量单位「月」未知",
		"config.yaml:4: 指标 extra 缺少栏目 section",
		"config.yaml:4: 指标 extra 缺少目标 target",
		"config.yaml:6: 指标 a 重复定义（第 2 行已定义）",
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error\n%s\nlacks %q", err, w)
		}
	}
}

func TestLoadMissingFiles(t *testing.T) {
	_, err := Load([]string{filepath.Join(t.TempDir(), "none.yaml")}, "")
	if err == nil || !strings.Contains(err.Error(), "无法读取文件") {
		t.Errorf("err = %v", err)
	}
}

// TestLoadOverrideSlip: a config.yaml entry whose id is a slip for a known
// one (grdis for grids) is said as such, not as a new indicator missing its
// label, section and measure.
func TestLoadOverrideSlip(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "m.yaml", "indicators:\n"+strings.Replace(okEntry, "id: a", "id: grids", 1))
	for _, entry := range []string{"  - id: grdis\n    target: 强治理!B7\n", "  - id: grds\n    label: 网格\n"} {
		writeFile(t, dir, "config.yaml", "mappings:\n"+entry)
		_, err := Load([]string{"m.yaml"}, "config.yaml")
		if err == nil || !strings.Contains(err.Error(), "config.yaml:2") || !strings.Contains(err.Error(), "是不是「grids」") || strings.Contains(err.Error(), "缺少") {
			t.Errorf("%q: err = %v, want config.yaml:2 and 是不是「grids」 only", entry, err)
		}
	}
}
