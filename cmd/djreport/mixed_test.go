package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestRunMixedFolder drops the folder a newcomer would: a provincial
// round-up with province-wide totals, a district report that names its city
// first, a county report datelined by its city's paper whose secretaries
// studied in another city, that report's 修改稿, and a note naming no place.
// One workbook and brief per unit come out, none for the city only visited.
func TestRunMixedFolder(t *testing.T) {
	out := t.TempDir()
	code, _, errs := runCLI(t, "run", "--sources", "cmd/djreport/testdata/mixed", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got []string
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".xlsx"); ok && n != "汇总" {
			got = append(got, n)
			if _, err := os.Stat(filepath.Join(out, n+".pdf")); err != nil {
				t.Errorf("%s: no brief: %v", n, err)
			}
		}
	}
	slices.Sort(got)
	want := []string{"临朐县", "临沂市", "奎文区", "潍坊市"}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("unit workbooks %v, want %v (never 寿光市, never 未识别单位)", got, want)
	}

	var rep runReport
	b, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Superseded) != 1 || !strings.HasSuffix(rep.Superseded[0].Path, "工作总结.txt") ||
		!strings.Contains(strings.Join(rep.Superseded[0].Changed, ""), "320名 → 326名") {
		t.Errorf("superseded = %+v, want the first draft, with 320名 → 326名", rep.Superseded)
	}
	if len(rep.Unplaced) != 2 {
		t.Errorf("unplaced = %d figures, want the note's 2", len(rep.Unplaced))
	}
	for _, s := range rep.Sources {
		if strings.Contains(s.Path, "综述") && len(s.Outside) != 2 {
			t.Errorf("round-up outside = %v, want the 2 province-wide totals", s.Outside)
		}
	}
	for _, u := range rep.Units {
		for _, ind := range u.Indicators {
			if u.Name == "临朐县" && ind.ID == "members_recruited" && ind.Value != 326 {
				t.Errorf("临朐县 members_recruited = %v, want the revision's 326", ind.Value)
			}
			if ind.Value == 69000 || ind.Value == 82000 {
				t.Errorf("%s bound a province-wide total: %+v", u.Name, ind)
			}
		}
	}
	for _, w := range []string{"旧版本：", "未识别单位："} {
		if !strings.Contains(errs, w) {
			t.Errorf("console does not say %q:\n%s", w, errs)
		}
	}

	// The workbook carries the revision's value.
	f, err := excelize.OpenFile(filepath.Join(out, "临朐县.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := false
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for _, r := range rows {
			for _, c := range r {
				if c == "326" || c == "320" {
					found = found || c == "326"
					if c == "320" {
						t.Errorf("sheet %s holds the old draft's 320", sh)
					}
				}
			}
		}
	}
	if !found {
		t.Error("临朐县.xlsx does not hold 326")
	}
}

// TestLevelSetting: level: city rolls counties and districts up into their
// prefecture; a bad level is bad configuration.
func TestLevelSetting(t *testing.T) {
	t.Setenv("DJREPORT_LEVEL", "city")
	code, out, errs := runCLI(t, "extract", "--format", "json", "cmd/djreport/testdata/mixed")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got extractOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for _, d := range got.Documents {
		for _, u := range d.Units {
			if u != "潍坊市" && u != "临沂市" && u != "未识别单位" {
				t.Errorf("%s: unit %s at level city", d.Source, u)
			}
		}
	}
	t.Setenv("DJREPORT_LEVEL", "province")
	if code, _, errs := runCLI(t, "validate"); code != 2 || !strings.Contains(errs, "level") {
		t.Errorf("level province: exit %d, %s", code, errs)
	}
}

// TestValidateUnknownUnit: a listed unit that is no division is said.
func TestValidateUnknownUnit(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte("units:\n  - name: 潍坊市\n  - name: 滨海新城\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "validate", "--config", cfg)
	if code != 0 || !strings.Contains(out, "「滨海新城」不是行政区划名称") || strings.Contains(out, "潍坊市」不是") {
		t.Errorf("exit %d, out %q, err %q", code, out, errs)
	}
}
