package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// writeConfig writes text as config.yaml in a fresh folder.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestConfigProblems: issue 14 item 7. A misspelt key, a full-width comma
// in a list, a YAML or a type error is an error naming config.yaml, the line
// and the likely cause, in Chinese.
func TestConfigProblems(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"misspelt top-level key", "period: 2024Q4\nmapings:\n  - id: volunteers\n    target: B7\n",
			[]string{"config.yaml:2:", "「mapings」", "mappings"}},
		{"misspelt period", "peroid: 2025Q1\n", []string{"config.yaml:1:", "「peroid」", "period"}},
		{"misspelt nested key", "brief:\n  mastead: 某某简报\n", []string{"config.yaml:2:", "brief.mastead", "masthead"}},
		{"misspelt unit key", "units:\n  - name: 潍坊市\n    alias: [潍坊日报]\n", []string{"config.yaml:3:", "alias", "aliases"}},
		{"misspelt mapping field", "mappings:\n  - id: volunteers\n    mach:\n      subject: [志愿者]\n",
			[]string{"config.yaml:3:", "「mach」", "match"}},
		{"unknown section", "sections:\n  抓队五: [党员]\n", []string{"config.yaml:2:", "抓队五", "抓队伍"}},
		{"full-width comma in a mapping list", "mappings:\n  - id: volunteers\n    match:\n      subject: [志愿者，志愿服务]\n",
			[]string{"config.yaml:4:", "全角", "半角逗号"}},
		{"full-width comma in sections", "sections:\n  强治理: [网格、志愿者]\n", []string{"config.yaml:2:", "全角", "半角逗号"}},
		{"full-width colon", "period: 2024Q4\nlevel：city\nworkers: 2\n", []string{"config.yaml:2:", "全角冒号"}},
		{"tab indent", "brief:\n\tmasthead: x\n", []string{"config.yaml:2:", "Tab"}},
		{"colon in value", "brief:\n  masthead: 简报: 第一期\n", []string{"config.yaml:2:", "引号"}},
		{"unclosed flow list", "period: 2024Q4\nsources: [a, b\nworkers: 2\n", []string{"config.yaml:2:", "YAML 格式错误"}},
		{"bad list indent", "period: 2024Q4\nsources:\n  - a\n - b\n", []string{"config.yaml:4:", "缩进"}},
		{"type error", "period: 2024Q4\nworkers: 很多\n", []string{"config.yaml:2:", "workers", "整数"}},
		{"type error in a list", "sources: samples\nunits: 潍坊市\n", []string{"config.yaml:2:", "units", "列表"}},
		{"bad level", "period: 2024Q4\nlevel: province\n", []string{"config.yaml:2:", "level", "county"}},
		{"negative workers", "workers: -2\n", []string{"config.yaml:1:", "workers"}},
		{"duplicate key", "period: 2024Q4\nperiod: 2025Q1\n", []string{"config.yaml:2:", "period", "重复"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.text)
			_, err := loadConfig(newViper(), path, true)
			if err == nil {
				t.Fatalf("no error for %q", tt.text)
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			for _, en := range []string{"yaml: ", "cannot unmarshal", "mapping values", "did not find"} {
				if strings.Contains(msg, en) {
					t.Errorf("error %q is in English (%q)", msg, en)
				}
			}
		})
	}
}

// TestConfigValidates: validate says 检查通过 only for a clean config; a
// misspelt key makes it fail (it used to pass).
func TestConfigValidates(t *testing.T) {
	code, _, errs := runCLI(t, "validate", "--config", writeConfig(t, "peroid: 2025Q1\n"))
	if code != 2 || !strings.Contains(errs, "period") {
		t.Errorf("exit %d, %s", code, errs)
	}
	if code, out, errs := runCLI(t, "validate"); code != 0 || !strings.Contains(out, "检查通过") {
		t.Errorf("repository config.yaml: exit %d, %s %s", code, out, errs)
	}
}

// TestConfigPathsRelativeToFile: paths in config.yaml are relative to its
// folder, whatever the current folder; flags stay relative to the current
// folder.
func TestConfigPathsRelativeToFile(t *testing.T) {
	path := writeConfig(t, "sources: [reports]\nout: result\ntemplate: t/q.xlsx\nsummary_template: /abs/s.xlsx\nfont: f.ttf\nmapping_files: [m.yaml]\n")
	dir := filepath.Dir(path)
	c, err := loadConfig(newViper(), path, true)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"sources": filepath.Join(dir, "reports"), "out": filepath.Join(dir, "result"), "template": filepath.Join(dir, "t/q.xlsx"),
		"summary_template": "/abs/s.xlsx", "font": filepath.Join(dir, "f.ttf"), "mapping_files": filepath.Join(dir, "m.yaml"),
	}
	got := map[string]string{"sources": strings.Join(c.Sources, ","), "out": c.Out, "template": c.Template,
		"summary_template": c.SummaryTpl, "font": c.Font, "mapping_files": strings.Join(c.MappingFiles, ",")}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	t.Setenv("DJREPORT_OUT", "here")
	if c, err := loadConfig(newViper(), path, true); err != nil || c.Out != "here" {
		t.Errorf("environment out: %v %v", c, err)
	}
}

// TestConfigOutDefault: out defaults to out/<period> beside config.yaml.
func TestConfigOutDefault(t *testing.T) {
	path := writeConfig(t, "period: 2025Q1\n")
	c, err := loadConfig(newViper(), path, true)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(filepath.Dir(path), "out", "2025Q1"); c.Out != want {
		t.Errorf("out = %q, want %q", c.Out, want)
	}
}

// TestConfigNotFound: without ./config.yaml the defaults apply and the note
// says config.yaml was not found and what is used instead.
func TestConfigNotFound(t *testing.T) {
	t.Chdir(t.TempDir())
	c, err := loadConfig(newViper(), "config.yaml", false)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.note, "未找到") || !strings.Contains(c.note, "config.yaml") || !strings.Contains(c.note, "内置") {
		t.Errorf("note = %q", c.note)
	}
	if _, err := loadConfig(newViper(), "none.yaml", true); err == nil || !strings.Contains(err.Error(), "none.yaml") || strings.Contains(err.Error(), "no such file") {
		t.Errorf("explicit missing config: %v", err)
	}
}

// TestMappingsFromEnvironment: the mappings: overrides are part of the
// typed configuration, so DJREPORT_MAPPINGS reaches them like any key.
func TestMappingsFromEnvironment(t *testing.T) {
	t.Setenv("DJREPORT_MAPPINGS", "[{id: volunteers, label: 志愿者人数（环境变量）}]")
	c, err := loadConfig(newViper(), writeConfig(t, "period: 2024Q4\n"), true)
	if err != nil {
		t.Fatal(err)
	}
	set, err := c.mappingSet()
	if err != nil {
		t.Fatal(err)
	}
	if ind, ok := set.ByID("volunteers"); !ok || ind.Label != "志愿者人数（环境变量）" {
		t.Errorf("volunteers = %+v", ind)
	}
	t.Setenv("DJREPORT_MAPPINGS", "[{id: volunteers, mach: {}}]")
	if _, err := loadConfig(newViper(), writeConfig(t, "period: 2024Q4\n"), true); err == nil || !strings.Contains(err.Error(), "DJREPORT_MAPPINGS") || !strings.Contains(err.Error(), "match") {
		t.Errorf("bad environment mappings: %v", err)
	}
}

// TestRunFromAnyFolder: with the templates, mapping and font built in, a
// run from a folder without config.yaml works.
func TestRunFromAnyFolder(t *testing.T) {
	src, err := filepath.Abs("samples/2024Q4")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	out := filepath.Join(t.TempDir(), "o")
	code, _, errs := runCLI(t, "run", "--sources", src, "--out", out, "--quiet")
	if code != 0 && code != 1 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, f := range []string{"汇总.xlsx", "run.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if code, out, errs := runCLI(t, "validate"); code != 0 || !strings.Contains(out, "内置") {
		t.Errorf("validate without config.yaml: exit %d, %s %s", code, out, errs)
	}
}

// TestMappingsFromFlag: --mappings reaches the overrides too, over the
// environment and config.yaml.
func TestMappingsFromFlag(t *testing.T) {
	t.Setenv("DJREPORT_MAPPINGS", "[{id: volunteers, label: 环境变量}]")
	v := newViper()
	fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
	addConfigFlags(fs, v)
	if err := fs.Parse([]string{"--mappings", "[{id: volunteers, label: 命令行}]"}); err != nil {
		t.Fatal(err)
	}
	c, err := loadConfig(v, writeConfig(t, "mappings:\n  - id: volunteers\n    label: 配置文件\n"), true)
	if err != nil {
		t.Fatal(err)
	}
	set, err := c.mappingSet()
	if err != nil {
		t.Fatal(err)
	}
	if ind, _ := set.ByID("volunteers"); ind.Label != "命令行" {
		t.Errorf("label %q, want the flag's", ind.Label)
	}
	code, _, errs := runCLI(t, "validate", "--mappings", "[{id: volunteers, mach: {}}]")
	if code != 2 || !strings.Contains(errs, "--mappings") || !strings.Contains(errs, "match") {
		t.Errorf("bad --mappings: exit %d, %s", code, errs)
	}
}

// FuzzLoadConfig: any config.yaml loads or is refused with a message naming
// the file; never a panic.
func FuzzLoadConfig(f *testing.F) {
	inPackageDir(f)
	f.Add("period: 2024Q4\nbrief:\n  mastead: x\n")
	f.Add("mappings:\n  - id: volunteers\n    match:\n      subject: [志愿者，志愿服务]\n")
	f.Add("sources: a\nunits: [{name: 潍坊市, aliases: [潍坊日报]}]\nworkers: x\n")
	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join(t.TempDir(), "config.yaml")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := loadConfig(newViper(), path, true); err != nil && !strings.Contains(err.Error(), path) {
			t.Errorf("%q: problem without its file: %v", text, err)
		}
	})
}

// TestOfficialDate: brief: date: is written as official documents write
// dates, whatever the staff member typed; what is no date is refused with
// its line (second review: "2025-01-05印发" was printed as typed).
func TestOfficialDate(t *testing.T) {
	for in, want := range map[string]string{"": "", "2025年1月5日": "2025年1月5日", "2025-01-05": "2025年1月5日", "2025/1/5": "2025年1月5日", "2025.12.31": "2025年12月31日", " 2024年12月31日 ": "2024年12月31日"} {
		if got, ok := officialDate(in); !ok || got != want {
			t.Errorf("officialDate(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"abc", "2025-02-30", "12月31日", "2025-13-01"} {
		if _, ok := officialDate(in); ok {
			t.Errorf("officialDate(%q) accepted", in)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte("period: 2024Q4\nbrief:\n  masthead: 简报\n  date: 下周一\n"), 0o644)
	code, _, errs := runCLI(t, "validate", "--config", path)
	if code != 2 || !strings.Contains(errs, "config.yaml:4") || !strings.Contains(errs, "不是日期") {
		t.Errorf("exit %d, %q; want 2 and config.yaml:4", code, errs)
	}
}
