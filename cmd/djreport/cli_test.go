package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// TestVersion: --version prints the build's version and exits 0.
func TestVersion(t *testing.T) {
	code, out, errs := runCLI(t, "--version")
	if code != 0 || !strings.HasPrefix(out, "djreport ") || errs != "" {
		t.Errorf("--version: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

func TestVersionFromBuildInfo(t *testing.T) {
	settings := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	for _, c := range []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "未知版本"},
		{"module version (go install djreport@v1.2.0)", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{"git checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs", "git", "vcs.revision", "8fad6812345678901234567890123456789abcde", "vcs.time", "2026-12-01T10:00:00Z", "vcs.modified", "false")},
			"8fad68123456（2026-12-01T10:00:00Z）"},
		{"modified checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", "8fad6812345678901234567890123456789abcde", "vcs.modified", "true")},
			"8fad68123456+未提交的修改"},
		{"devel without vcs (go test, -buildvcs=false)", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "开发版（无版本信息）"},
	} {
		if got := versionFrom(c.bi); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// TestCompletion: a completion script for each shell cobra supports; an
// unknown shell is bad usage, said in Chinese.
func TestCompletion(t *testing.T) {
	for shell, want := range map[string]string{
		"bash": "__start_djreport", "zsh": "#compdef djreport", "fish": "complete -c djreport",
		"powershell": "Register-ArgumentCompleter",
	} {
		code, out, errs := runCLI(t, "completion", shell)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("completion %s: exit %d, %d bytes without %q; stderr %q", shell, code, len(out), want, errs)
		}
	}
	code, _, errs := runCLI(t, "completion", "tcsh")
	if code != 2 || !strings.Contains(errs, "tcsh") || !strings.Contains(errs, "bash") {
		t.Errorf("completion tcsh: exit %d, %q", code, errs)
	}
}

// englishHelp are words of cobra's and pflag's own templates and messages.
var englishHelp = regexp.MustCompile(`Usage|Flags|Available Commands|Global|help for|\[flags\]|\(default|\bstrings?\b|\bint\b|unknown|Additional|Examples|Aliases|Use "`)

// TestHelpChinese: every command's help is Chinese, template included, and
// says what the exit statuses mean.
func TestHelpChinese(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"run", "--help"}, {"extract", "-h"}, {"validate", "--help"}, {"completion", "--help"}, {"help", "run"}} {
		code, out, errs := runCLI(t, args...)
		if code != 0 {
			t.Errorf("%v: exit %d, %q", args, code, errs)
			continue
		}
		if m := englishHelp.FindString(out); m != "" {
			t.Errorf("%v: English %q in help:\n%s", args, m, out)
		}
		for _, w := range []string{"退出状态", "0 成功", "1 部分失败", "2 用法或配置错误", "130 被中断"} {
			if !strings.Contains(out, w) {
				t.Errorf("%v: help lacks %q:\n%s", args, w, out)
			}
		}
	}
}

// TestUsageErrorsChinese: cobra's own errors reach the user in Chinese.
func TestUsageErrorsChinese(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"bogus"}, "未知命令「bogus」"},
		{[]string{"--bogus"}, "未知选项 --bogus"},
		{[]string{"extract", "--format"}, "选项 --format 需要一个值"},
		{[]string{"run", "--workers", "x"}, "--workers"},
		{[]string{"validate", "x"}, "validate"},
	} {
		code, _, errs := runCLI(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) || englishHelp.MatchString(errs) || strings.Contains(errs, "flag") {
			t.Errorf("%v: exit %d, %q; want exit 2 and %q", c.args, code, errs, c.want)
		}
	}
}

// TestRunPositionalSources: `run DIR…` reads the sources given, like extract.
func TestRunPositionalSources(t *testing.T) {
	out := t.TempDir()
	code, _, errs := runCLI(t, "run", "--quiet", "--out", out, "samples/2024Q4/cixi.txt", "samples/2024Q4/ningbo.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep runReport
	data, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Sources) != 2 {
		t.Errorf("sources %+v, want the two given", rep.Sources)
	}
}

// TestRunWarningsListed: the console lists the first warnings and says how
// many more run.json holds; run.json holds all of them.
func TestRunWarningsListed(t *testing.T) {
	out := t.TempDir()
	code, _, errs := runCLI(t, "run", "--out", out, "samples/2024Q4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep runReport
	data, _ := os.ReadFile(filepath.Join(out, "run.json"))
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Warnings) <= consoleWarnings {
		t.Fatalf("only %d warnings on the samples; the test needs more than %d", len(rep.Warnings), consoleWarnings)
	}
	for _, w := range rep.Warnings[:consoleWarnings] {
		if !strings.Contains(errs, "  "+w+"\n") {
			t.Errorf("warning not on the console: %q", w)
		}
	}
	if strings.Contains(errs, rep.Warnings[consoleWarnings]) {
		t.Errorf("warning %d printed, want only the first %d", consoleWarnings+1, consoleWarnings)
	}
	more := len(rep.Warnings) - consoleWarnings
	if want := "…另有 " + strconv.Itoa(more) + " 条，见 "; !strings.Contains(errs, want) || !strings.Contains(errs, "run.json") {
		t.Errorf("console lacks %q:\n%s", want, errs)
	}
}

// TestRunSourceWithoutFigures: a report that names its unit but reports no
// figure is a warning, and that unit gets no empty workbook or brief.
func TestRunSourceWithoutFigures(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "湖州.txt")
	text := "湖州市2024年第四季度基层党建工作情况报告\n" +
		"今年以来，湖州市委组织部坚持以党建引领基层治理，扎实推进各项工作。\n" +
		"下一步，我们将继续深化党建引领，推动各项任务落地见效。\n"
	if err := os.WriteFile(src, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	code, _, errs := runCLI(t, "run", "--out", out, src, "samples/2024Q4/cixi.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, name := range []string{"湖州市.xlsx", "湖州市.pdf"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s written for a unit with no figures", name)
		}
	}
	if !strings.Contains(errs, src) || !strings.Contains(errs, "没有提取到任何数据") {
		t.Errorf("no warning about %s on the console:\n%s", src, errs)
	}
	var rep runReport
	data, _ := os.ReadFile(filepath.Join(out, "run.json"))
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	for _, u := range rep.Units {
		if u.Figures == 0 {
			t.Errorf("unit %s with no figures in run.json units", u.Name)
		}
	}
}
