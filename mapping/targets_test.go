package mapping

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// makeTemplate writes a small template: the four section sheets plus 总表
// and 来源, and workbook-level names for a, b and c.
func makeTemplate(t *testing.T, dir string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "总表"); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"抓队伍", "建机制", "促发展", "强治理", "来源"} {
		if _, err := f.NewSheet(s); err != nil {
			t.Fatal(err)
		}
	}
	for name, ref := range map[string]string{"a": "抓队伍!$C$5", "b": "'强治理'!$C$6", "c": "建机制!$C$7:$C$7"} {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: ref}); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "quarterly.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func entry3(id, target string) string {
	return strings.NewReplacer("id: a", "id: "+id, "target: a", "target: "+target).Replace(okEntry)
}

func TestTargets(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	tpl := makeTemplate(t, dir)
	writeFile(t, dir, "m.yaml", "indicators:\n"+entry3("a", "a")+entry3("b", "B")+entry3("c", "c")+entry3("d", `"'促发展'!$D$9"`))
	s, err := Load([]string{"m.yaml"}, "")
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(tpl)
	got, err := s.Targets(tpl)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Cell{"a": {"抓队伍", "C5"}, "b": {"强治理", "C6"}, "c": {"建机制", "C7"}, "d": {"促发展", "D9"}}
	for id, c := range want {
		if got[id] != c {
			t.Errorf("%s -> %v, want %v", id, got[id], c)
		}
	}
	if s.Validate(tpl) != nil {
		t.Error("Validate reports problems on a good template")
	}
	if after, _ := os.ReadFile(tpl); string(after) != string(before) {
		t.Error("the template was modified")
	}
}

func TestValidateProblems(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	tpl := makeTemplate(t, dir)
	// Lines: each entry is 7 lines from line 2; target is its 5th line.
	writeFile(t, dir, "m.yaml", "indicators:\n"+
		entry3("grids", "grids")+ // line 6: no such name
		entry3("x", "某表!C5")+ // line 13: no such sheet
		entry3("y", "强治理!C0")+ // line 20: bad cell
		entry3("z", "C5")+ // line 27: no sheet
		entry3("a", "a")+ // 抓队伍!C5
		entry3("w", "抓队伍!$C$5")) // line 41: same cell as a
	s, err := Load([]string{"m.yaml"}, "")
	if err != nil {
		t.Fatal(err)
	}
	err = s.Validate(tpl)
	var ps *Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v, want *Problems", err)
	}
	for _, w := range []string{
		"m.yaml:6: 指标 grids 的目标名称「grids」在模板中不存在",
		"m.yaml:13: 指标 x 的目标 某表!C5：工作表「某表」在模板中不存在",
		"m.yaml:20: 指标 y 的目标单元格 强治理!C0 不是有效的单元格地址",
		"m.yaml:27: 指标 z 的目标「C5」缺少工作表名",
		"m.yaml:41: 指标 w 与指标 a（m.yaml:34）的目标是同一个单元格 抓队伍!C5",
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error\n%s\nlacks %q", err, w)
		}
	}
	if len(ps.List) != 5 {
		t.Errorf("%d problems, want 5:\n%s", len(ps.List), err)
	}
	for _, p := range ps.List {
		if strings.Contains(p.Msg, "同一个单元格") && (p.Sheet != "抓队伍" || p.Cell != "C5") {
			t.Errorf("problem %+v lacks sheet/cell", p)
		}
	}
}

func TestLoadRefusesIncompleteNew(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	writeFile(t, dir, "m.yaml", "indicators:\n"+okEntry)
	writeFile(t, dir, "config.yaml", "mappings:\n  - id: v\n    target: 来源!ZZZZ1\n")
	if _, err := Load([]string{"m.yaml"}, "config.yaml"); err == nil || !strings.Contains(err.Error(), "config.yaml:2: 指标 v 缺少名称 label") {
		t.Errorf("err = %v", err)
	}
}

func TestValidateConfigTarget(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	tpl := makeTemplate(t, dir)
	writeFile(t, dir, "m.yaml", "indicators:\n"+okEntry)
	writeFile(t, dir, "config.yaml", "output: out\nmappings:\n  - id: a\n    target: 某表!C5\n")
	s, err := Load([]string{"m.yaml"}, "config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	err = s.Validate(tpl)
	if err == nil || err.Error() != "config.yaml:4: 指标 a 的目标 某表!C5：工作表「某表」在模板中不存在" {
		t.Errorf("err = %v", err)
	}
}

func TestValidateNoTemplate(t *testing.T) {
	s, err := Load([]string{"standard.yaml"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(filepath.Join(t.TempDir(), "none.xlsx")); err == nil || !strings.Contains(err.Error(), "无法打开模板") {
		t.Errorf("err = %v", err)
	}
}

// The real template, once templates/maketemplate has produced it.
func TestValidateRealTemplate(t *testing.T) {
	tpl := filepath.Join("..", "templates", "quarterly.xlsx")
	if _, err := os.Stat(tpl); err != nil {
		t.Skip("templates/quarterly.xlsx not generated yet")
	}
	s, err := Load([]string{"standard.yaml"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(tpl); err != nil {
		t.Error(err)
	}
}
