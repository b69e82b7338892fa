package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestRunBadSetup: each broken setup stops the run with a clear Chinese
// message and the right exit code, before anything is written.
func TestRunBadSetup(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	readonly := filepath.Join(dir, "readonly")
	os.MkdirAll(readonly, 0o555)
	cases := []struct {
		name   string
		config string
		args   []string
		code   int
		want   string
	}{
		{"malformed yaml", "period: [2024Q4\n", nil, 2, "配置文件"},
		{"missing template", "template: no/such.xlsx\n", nil, 2, "no/such.xlsx"},
		{"missing font", "font: no/such.ttf\n", nil, 2, "no/such.ttf"},
		{"bad period", "period: 2024-4\n", nil, 2, "期间"},
		{"unknown section", "sections:\n  抓党建: [党员]\n", nil, 2, "抓党建"},
		{"no sources", "sources: [" + filepath.Join(dir, "empty") + "]\n", nil, 2, "没有找到报告文件"},
		{"out under a file", "", []string{"--out", filepath.Join(write("afile", "x"), "out")}, 1, "无法创建输出文件夹"},
		{"bad mapping yaml", "mapping_files: [" + write("bad.yaml", "indicators:\n  - id: x\n    label: [\n") + "]\n", nil, 2, "bad.yaml"},
	}
	os.MkdirAll(filepath.Join(dir, "empty"), 0o755)
	if os.Geteuid() != 0 { // root writes anywhere
		cases = append(cases, struct {
			name   string
			config string
			args   []string
			code   int
			want   string
		}{"unwritable out", "", []string{"--out", filepath.Join(readonly, "out")}, 1, "无法"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := write("config-"+strings.ReplaceAll(c.name, " ", "-")+".yaml", c.config)
			out := filepath.Join(dir, "out-"+strings.ReplaceAll(c.name, " ", "-"))
			args := append([]string{"run", "--config", cfg, "--quiet"}, c.args...)
			if c.args == nil {
				args = append(args, "--out", out)
			}
			code, _, errs := runCLI(t, args...)
			if code != c.code || !strings.Contains(errs, c.want) || !strings.HasPrefix(errs, "错误：") {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errs, c.code, c.want)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("%d files written by a failed run", len(entries))
			}
		})
	}
}

// TestRunInterrupted: an interrupt in the middle of a run stops it; the
// out folder is left as it was (here: empty, no half set of outputs), and
// no temporary file, staging folder or lock is left.
func TestRunInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "djreport")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/djreport").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	src := filepath.Join(dir, "src")
	os.MkdirAll(src, 0o755)
	data, err := os.ReadFile("samples/2024Q4/ningbo.txt")
	if err != nil {
		t.Fatal(err)
	}
	// Many units: the same report renamed to other cities.
	cities := []string{"杭州市", "温州市", "嘉兴市", "湖州市", "绍兴市", "金华市", "衢州市", "舟山市", "台州市", "丽水市",
		"南京市", "无锡市", "徐州市", "常州市", "苏州市", "南通市", "淮安市", "盐城市", "扬州市", "镇江市"}
	for i, c := range cities {
		text := strings.ReplaceAll(strings.ReplaceAll(string(data), "宁波市", c), "宁波", strings.TrimSuffix(c, "市"))
		os.WriteFile(filepath.Join(src, strings.TrimSuffix(c, "市")+".txt"), []byte(text), 0o644)
		_ = i
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, "run", "--sources", src, "--out", out, "--workers", "1", "--quiet")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		// Outputs are staged (outdir.go): stop once the first is written.
		if m, _ := filepath.Glob(filepath.Join(out, ".djreport-staging-*", "*.pdf")); len(m) >= 1 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGINT)
	err = cmd.Wait()
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		name := e.Name()
		if strings.HasSuffix(name, ".tmp") || strings.HasPrefix(name, ".") {
			t.Errorf("temporary file left: %s", name)
		}
		if strings.HasSuffix(name, ".xlsx") {
			f, err := excelize.OpenFile(filepath.Join(out, name))
			if err != nil {
				t.Errorf("%s does not open: %v", name, err)
				continue
			}
			f.Close()
		}
	}
	if err == nil {
		t.Skip("the run finished before the interrupt")
	}
	if len(entries) > 0 {
		t.Errorf("interrupted run left %d entries in a folder that was empty", len(entries))
	}
}
