package mapping

import (
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func overrideSet(t *testing.T, text string) (*Set, error) {
	t.Helper()
	doc, err := ParseYAML("config.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	o, err := ParseOverrides("config.yaml", doc.Content[0].Content[1])
	if err != nil {
		return nil, err
	}
	return LoadFiles([]File{{Name: StandardName, Data: Standard}}, o)
}

// TestBindingOptions: issue 10 item 3. A binding switched off, a scale,
// and list fields extended without replacing the built-in list.
func TestBindingOptions(t *testing.T) {
	s, err := overrideSet(t, `mappings:
  - id: volunteers
    target: "off"
    match:
      subject+: [志愿服务队员, 志愿者]
      exclude+: [注册]
  - id: funding_invested
    scale: 万元
  - id: investment_completed
    scale: 100000000
`)
	if err != nil {
		t.Fatal(err)
	}
	std, _ := LoadFiles([]File{{Name: StandardName, Data: Standard}}, nil)
	v, _ := s.ByID("volunteers")
	sv, _ := std.ByID("volunteers")
	if !v.Off() || sv.Off() {
		t.Errorf("off: %v, standard %v", v.Off(), sv.Off())
	}
	// Extended: the built-in words first, then the new one; a word already
	// there is not repeated.
	if want := append(slices.Clone(sv.Match.Subject), "志愿服务队员"); !slices.Equal(v.Match.Subject, want) {
		t.Errorf("subject+ = %v, want %v", v.Match.Subject, want)
	}
	if want := append(slices.Clone(sv.Match.Exclude), "注册"); !slices.Equal(v.Match.Exclude, want) {
		t.Errorf("exclude+ = %v, want %v", v.Match.Exclude, want)
	}
	if !slices.Equal(sv.Match.Subject, std.Indicators[slices.IndexFunc(std.Indicators, func(i Indicator) bool { return i.ID == "volunteers" })].Match.Subject) {
		t.Error("the standard set was changed")
	}
	if f, _ := s.ByID("funding_invested"); f.Scale != 1e4 || f.ScaleName != "万元" {
		t.Errorf("scale %v %q", f.Scale, f.ScaleName)
	}
	if f, _ := s.ByID("investment_completed"); f.Scale != 1e8 {
		t.Errorf("scale %v", f.Scale)
	}
}

func TestTargetOffSpellings(t *testing.T) {
	for _, v := range []string{"off", `"off"`, "OFF", "false"} {
		s, err := overrideSet(t, "mappings:\n  - id: grids\n    target: "+v+"\n")
		if err != nil {
			t.Fatal(err)
		}
		if g, _ := s.ByID("grids"); !g.Off() {
			t.Errorf("target: %s is not off (%q)", v, g.Target)
		}
	}
}

func TestBindingOptionErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"mappings:\n  - id: grids\n    scale: 斤\n", "config.yaml:3: 指标 grids 的 scale「斤」未知"},
		{"mappings:\n  - id: grids\n    scale: -5\n", "config.yaml:3: 指标 grids 的 scale「-5」未知"},
		{"mappings:\n  - id: grids\n    match:\n      subject: [网格]\n      subject+: [网格员]\n", "config.yaml:5: 指标 grids 的 match.subject 与 match.subject+ 不能同时给出（第 4 行）"},
		{"mappings:\n  - id: grids\n    match:\n      near+: 3\n", "config.yaml:4: 指标 grids 的 match"},
	} {
		_, err := overrideSet(t, tc.text)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.text, err, tc.want)
		}
	}
}

// TestFormTargetsSpellings: c7, C7, $C$7 and a defined name on C7 are one
// cell; sheet names compare without case; a default target the form lacks
// is not placed, a target the staff wrote that does not resolve is an error.
func TestFormTargetsSpellings(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "网格数", RefersTo: "Sheet1!$C$7"}); err != nil {
		t.Fatal(err)
	}
	for _, spelt := range []string{"Sheet1!c7", "Sheet1!$C$7", "sheet1!C7", "网格数"} {
		s, err := overrideSet(t, "mappings:\n  - id: grids\n    target: Sheet1!C7\n  - id: volunteers\n    target: \""+spelt+"\"\n")
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.FormTargets(f)
		if err == nil || !strings.Contains(err.Error(), "同一个单元格 Sheet1!C7") || !strings.Contains(err.Error(), "config.yaml:5:") {
			t.Errorf("%s: %v", spelt, err)
		}
	}
	s, err := overrideSet(t, "mappings:\n  - id: grids\n    target: sheet1!c7\n")
	if err != nil {
		t.Fatal(err)
	}
	pl, err := s.FormTargets(f)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Cells["grids"] != (Cell{"Sheet1", "C7"}) || len(pl.Cells) != 1 || len(pl.Missing) != 21 {
		t.Errorf("placement %+v", pl)
	}
	s, _ = overrideSet(t, "mappings:\n  - id: grids\n    target: 网格\n")
	if _, err := s.FormTargets(f); err == nil || !strings.Contains(err.Error(), "config.yaml:3: 指标 grids 的目标名称「网格」在模板中不存在") {
		t.Errorf("unknown name: %v", err)
	}
}
