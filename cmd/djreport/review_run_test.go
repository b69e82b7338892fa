package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeReview(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRunStaleDecisions: decisions whose figure or source is gone are
// said on the console and listed in run.json, never applied.
func TestRunStaleDecisions(t *testing.T) {
	dir, _ := reviewProject(t)
	file := filepath.Join(dir, "review", "2024Q4.yaml")
	writeReview(t, file, `period: 2024Q4
decisions:
  - unit: 平凉市
    figure: deadbeef0000
    action: correct
    value: 5
    by: 李明
  - unit: 平凉市
    indicator: grids
    action: add
    value: 2797
    measure: 个
    source: samples/2024Q4/gone.txt
    line: 37
    by: 李明
  - unit: 平凉市
    indicator: members_recruited
    action: correct
    value: 1811
    by: 李明
`)
	code, _, errs := runCLI(t, "run", "--config", filepath.Join(dir, "config.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{
		"审核决定：" + file + " 中 3 项，已应用 1 项，2 项未应用",
		"审核决定未应用：" + file + ":3：平凉市 数据 deadbeef0000（correct）：数据 deadbeef0000 已不在报告中（报告可能已修改），请重新核对",
		"审核决定未应用：" + file + ":8：平凉市 grids（add）：来源文件 " + filepath.Join(dir, "samples", "2024Q4", "gone.txt") + " 不存在",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("console lacks %q:\n%s", want, errs)
		}
	}
	var rep struct {
		Review reviewReport `json:"review"`
		Checks []struct{ Unit, Kind, Message string }
	}
	data, _ := os.ReadFile(filepath.Join(dir, "out", "2024Q4", "run.json"))
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if !rep.Review.Exists || rep.Review.Total != 3 || rep.Review.Applied != 1 || len(rep.Review.Stale) != 2 || rep.Review.Stale[0].Line != 3 {
		t.Errorf("run.json review = %+v", rep.Review)
	}
	stale := 0
	for _, c := range rep.Checks {
		if c.Kind == "stale_decision" && c.Unit == "平凉市" {
			stale++
		}
	}
	if stale != 2 {
		t.Errorf("run.json checks: %d stale_decision, want 2: %+v", stale, rep.Checks)
	}
}

// TestRunBadReviewFile: a review file with a mistake stops the run with
// the file, the line and what is wrong; nothing is written.
func TestRunBadReviewFile(t *testing.T) {
	tests := []struct{ text, want string }{
		{"period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicator: grids\n    action: correct\n    value: 两千七\n", ":6: value「两千七」不是数字"},
		{"period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicator: grid\n    action: accept\n", ":3: 指标「grid」未知，是不是「grids」？"},
		{"period: 2024Q4\ndecisions:\n  - unit: 平凉市\n\tindicator: grids\n", ":4: YAML 格式错误"},
		{"period: 2024Q3\ndecisions: []\n", ":1: 审核文件的期间是 2024Q3，而本次运行的期间是 2024Q4"},
	}
	for _, tt := range tests {
		dir, _ := reviewProject(t)
		file := filepath.Join(dir, "review", "2024Q4.yaml")
		writeReview(t, file, tt.text)
		code, _, errs := runCLI(t, "run", "--config", filepath.Join(dir, "config.yaml"))
		if code != exitUsage || !strings.Contains(errs, file+tt.want) {
			t.Errorf("%q: exit %d, %s; want 2 and %q", tt.text, code, errs, file+tt.want)
		}
		if _, err := os.Stat(filepath.Join(dir, "out", "2024Q4", "run.json")); err == nil {
			t.Errorf("%q: the run wrote outputs", tt.text)
		}
	}
}

// TestRunReviewSetting: review: in config.yaml names the file, relative
// to config.yaml's folder.
func TestRunReviewSetting(t *testing.T) {
	dir, _ := reviewProject(t)
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("period: 2024Q4\nsources: [samples/2024Q4]\nreview: 审核/四季度.yaml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeReview(t, filepath.Join(dir, "审核", "四季度.yaml"), "period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicator: members_recruited\n    action: correct\n    value: 1811\n    by: 李明\n")
	code, _, errs := runCLI(t, "run", "--config", cfg, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "out", "2024Q4", "run.json"))
	if !strings.Contains(string(data), `"applied": 1`) || !strings.Contains(string(data), `"manual": {`) {
		t.Errorf("run.json does not show the decision:\n%.2000s", data)
	}
}
