package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"djreport/extract"
	"djreport/mapping"
)

// The commands read config.yaml, templates and samples relative to the
// repository root, as a user runs them.
func TestMain(m *testing.M) {
	if err := os.Chdir(filepath.Join("..", "..")); err != nil {
		panic(err)
	}
	// The tests' briefs are set in the built-in fonts whatever this machine
	// has installed (and so are those of the djreport they start); the
	// tests of installed fonts turn it back on with folders of their own.
	os.Setenv("DJREPORT_BRIEF_INSTALLED_FONTS", "false")
	os.Exit(m.Run())
}

// inPackageDir runs a fuzz target in this package's folder, where its
// committed corpus is (testdata/fuzz/FuzzX): TestMain moved every test to
// the repository root, so the fuzzing engine looked for the corpus there and
// never ran it (and wrote new failing inputs there).
func inPackageDir(f *testing.F) {
	f.Chdir(filepath.Join("cmd", "djreport"))
}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = execute(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestExtractJSONOnSamples(t *testing.T) {
	code, out, errs := runCLI(t, "extract", "--format", "json", "samples/2024Q4")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got extractOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	units := map[string]bool{}
	for _, d := range got.Documents {
		for _, u := range d.Units {
			units[u] = true
		}
		for _, f := range d.Figures {
			if !strings.Contains(strings.Join(d.Units, ","), f.Unit) || !f.Section.Valid() || f.Text == "" || f.Line <= 0 {
				t.Errorf("%s: bad figure %+v", d.Source, f)
			}
		}
	}
	for _, u := range []string{"慈溪市", "平凉市", "株洲市", "娄底市", "聊城市", "宁波市", "酒泉市"} {
		if !units[u] {
			t.Errorf("unit %s not found (have %v)", u, units)
		}
	}
	if len(got.Indicators) == 0 {
		t.Error("no indicators bound")
	}
}

func TestExtractFormats(t *testing.T) {
	code, out, _ := runCLI(t, "extract", "--format", "csv", "samples/2024Q4/cixi.txt")
	if code != 0 || !strings.HasPrefix(out, "\ufeff文件,单位,板块") || !strings.Contains(out, "30余万元") {
		t.Errorf("csv: exit %d, %q", code, out[:min(len(out), 200)])
	}
	code, out, _ = runCLI(t, "extract", "samples/2024Q4/cixi.txt")
	if code != 0 || !strings.Contains(out, "超千万元") || !strings.Contains(out, "项数据") {
		t.Errorf("table: exit %d, %q", code, out)
	}
	code, _, errs := runCLI(t, "extract", "--format", "xml", "samples")
	if code != 2 || !strings.Contains(errs, "未知的输出格式") {
		t.Errorf("bad format: exit %d, %q", code, errs)
	}
	code, _, errs = runCLI(t, "extract", "no/such/file.txt")
	if code != 2 || !strings.Contains(errs, "no/such/file.txt") {
		t.Errorf("missing file: exit %d, %q", code, errs)
	}
}

// TestExtractBadFiles: each bad file gets one Chinese line naming it, exit
// 1, and the good files are still extracted.
func TestExtractBadFiles(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("samples/2024Q4/cixi.txt")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a-good.txt", good)
	write("b-empty.txt", nil)
	write("c-binary.txt", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 1, 2, 3, 0xff, 0xfe, 0, 0})
	write("d-legacy.doc", []byte{0xd0, 0xcf, 0x11, 0xe0})
	code, out, errs := runCLI(t, "extract", "--format", "json", dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr %s", code, errs)
	}
	for _, name := range []string{"b-empty.txt", "c-binary.txt", "d-legacy.doc"} {
		if !strings.Contains(errs, name) {
			t.Errorf("no message naming %s in %q", name, errs)
		}
	}
	if !strings.Contains(out, "a-good.txt") || !strings.Contains(out, "30余万元") {
		t.Error("the good file was not extracted")
	}
}

func hashDir(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = sha256.Sum256(data)
	}
	return out
}

// TestRunSamples: the README's main command on the sample quarter writes a
// workbook and a brief per unit, the summary and run.json; the template is
// untouched, a second run gives byte-identical files, no temp file is left.
func TestRunSamples(t *testing.T) {
	tpl := hashFile(t, "templates/quarterly.xlsx")
	out := t.TempDir()
	code, _, errs := runCLI(t, "run", "--out", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	first := hashDir(t, out)
	for _, u := range []string{"慈溪市", "平凉市", "株洲市", "娄底市", "聊城市", "宁波市", "岳西县", "酒泉市"} {
		for _, ext := range []string{".xlsx", ".pdf", "-核对单.pdf"} {
			if _, ok := first[u+ext]; !ok {
				t.Errorf("missing %s%s", u, ext)
			}
		}
	}
	for _, name := range []string{"汇总.xlsx", "run.json"} {
		if _, ok := first[name]; !ok {
			t.Errorf("missing %s", name)
		}
	}
	if len(first) != 26 {
		t.Errorf("out has %d files, want 26: %v", len(first), first)
	}
	if hashFile(t, "templates/quarterly.xlsx") != tpl {
		t.Error("the template was modified")
	}
	// The workbook holds the bound values as numbers, with provenance.
	var rep runReport
	data, _ := os.ReadFile(filepath.Join(out, "run.json"))
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	for _, u := range rep.Units {
		f, err := excelize.OpenFile(filepath.Join(out, u.Workbook))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range u.Indicators {
			sheet, cell := definedCell(t, f, b.ID)
			v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
			if err != nil || v != formatValue(b.Value) {
				t.Errorf("%s %s: cell %s!%s = %q, want %v", u.Name, b.ID, sheet, cell, v, b.Value)
			}
		}
		f.Close()
	}
	code, _, errs = runCLI(t, "run", "--out", out, "--quiet")
	if code != 0 {
		t.Fatalf("second run: exit %d: %s", code, errs)
	}
	second := hashDir(t, out)
	for name, h := range first {
		if second[name] != h {
			t.Errorf("%s differs between two runs", name)
		}
	}
	if len(second) != len(first) {
		t.Errorf("second run left %d files, first %d (temp files?)", len(second), len(first))
	}
}

func definedCell(t *testing.T, f *excelize.File, name string) (string, string) {
	t.Helper()
	for _, dn := range f.GetDefinedName() {
		if dn.Name == name {
			ref := strings.ReplaceAll(dn.RefersTo, "$", "")
			sheet, cell, _ := strings.Cut(ref, "!")
			return strings.Trim(sheet, "'"), cell
		}
	}
	t.Fatalf("no defined name %s", name)
	return "", ""
}

func hashFile(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

// TestRunBadMapping: a mapping to a missing sheet stops run and validate
// with the file and line, exit 2, and nothing written.
func TestRunBadMapping(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("sources: [samples/2024Q4]\nmappings:\n  - id: grids\n    target: 没有这张表!B3\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, errs := runCLI(t, "run", "--config", cfg, "--out", out)
	if code != 2 || !strings.Contains(errs, "config.yaml:4") || !strings.Contains(errs, "没有这张表") {
		t.Errorf("run: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		entries, _ := os.ReadDir(out)
		if len(entries) > 0 {
			t.Errorf("out folder has %d entries after a failed run", len(entries))
		}
	}
	code, _, errs = runCLI(t, "validate", "--config", cfg)
	if code != 2 || !strings.Contains(errs, "config.yaml:4") {
		t.Errorf("validate: exit %d, %q", code, errs)
	}
	code, out2, _ := runCLI(t, "validate")
	if code != 0 || !strings.Contains(out2, "检查通过") {
		t.Errorf("validate on the repo config: exit %d %q", code, out2)
	}
}

// TestRunPartialFailure: a bad source is reported, the other units are still
// produced, exit 1.
func TestRunPartialFailure(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	os.MkdirAll(src, 0o755)
	for _, n := range []string{"cixi.txt", "ningbo.txt"} {
		data, _ := os.ReadFile(filepath.Join("samples/2024Q4", n))
		os.WriteFile(filepath.Join(src, n), data, 0o644)
	}
	os.WriteFile(filepath.Join(src, "broken.txt"), []byte{0, 1, 2, 3, 0, 0, 0xff}, 0o644)
	os.WriteFile(filepath.Join(src, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(src, "old.doc"), []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, 0o644)
	gbk, _ := os.ReadFile("samples/2024Q4/liaocheng-gbk.txt")
	os.WriteFile(filepath.Join(src, "liaocheng-gbk.txt"), gbk, 0o644)
	out := filepath.Join(dir, "out")
	code, _, errs := runCLI(t, "run", "--sources", src, "--out", out, "--quiet")
	if code != 1 {
		t.Fatalf("exit %d, %q", code, errs)
	}
	for _, name := range []string{"broken.txt", "empty.txt", "old.doc"} {
		if !strings.Contains(errs, name) {
			t.Errorf("no message naming %s in %q", name, errs)
		}
	}
	if strings.Contains(errs, "liaocheng") {
		t.Errorf("the GBK report was reported as bad: %q", errs)
	}
	for _, name := range []string{"慈溪市.xlsx", "慈溪市.pdf", "宁波市.xlsx", "宁波市.pdf", "聊城市.xlsx", "聊城市.pdf", "汇总.xlsx", "run.json"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("missing %s", name)
		}
	}
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") || strings.HasPrefix(e.Name(), ".") {
			t.Errorf("stray file %s", e.Name())
		}
	}
}

// TestSettingsPrecedence: flags > DJREPORT_* environment > config.yaml.
func TestSettingsPrecedence(t *testing.T) {
	t.Setenv("DJREPORT_PERIOD", "2024-13")
	code, _, errs := runCLI(t, "validate")
	if code != 2 || !strings.Contains(errs, "2024-13") {
		t.Errorf("environment not applied: exit %d %q", code, errs)
	}
	out := t.TempDir()
	code, _, errs = runCLI(t, "run", "--period", "2025Q1", "--out", out, "--quiet", "--sources", "samples/2024Q4/cixi.txt")
	if code != 0 {
		t.Fatalf("flag did not override the environment: exit %d %q", code, errs)
	}
	var rep runReport
	data, _ := os.ReadFile(filepath.Join(out, "run.json"))
	if err := json.Unmarshal(data, &rep); err != nil || rep.Period != "2025Q1" {
		t.Errorf("run.json period %q, want 2025Q1 (%v)", rep.Period, err)
	}
	code, _, errs = runCLI(t, "run", "--no-such-flag")
	if code != 2 || !strings.Contains(errs, "参数有误") {
		t.Errorf("unknown flag: exit %d %q", code, errs)
	}
}

func TestUnitWarnings(t *testing.T) {
	u := unitReport{Name: "甲市", Figures: 3, Indicators: []mapping.Binding{
		{ID: "grids", Value: 8000, Qualifier: "多", Text: "8000多个", Source: "a.txt", Line: 4},
		{ID: "mediation_rate", Value: 120, Measure: "%", Text: "120%", Source: "a.txt", Line: 5},
		{ID: "volunteers", Value: 30, Text: "30名", Source: "a.txt", Line: 6},
	}}
	got := strings.Join(unitWarnings(u), "\n")
	for _, want := range []string{"grids 取自约数「8000多个」（a.txt:4）", "mediation_rate 的比率 120% 超过 100%"} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings %q lack %q", got, want)
		}
	}
	if strings.Contains(got, "volunteers") {
		t.Errorf("an exact value was warned about: %q", got)
	}
	if w := unitWarnings(unitReport{Name: "乙市", Figures: 5}); len(w) != 1 || !strings.Contains(w[0], "没有一项对应标准指标") {
		t.Errorf("unit without indicators: %q", w)
	}
}

// TestConfigLexiconInSync: the lexicon staff edit in config.yaml starts as
// the built-in one, so a run without config.yaml classifies the same way.
func TestConfigLexiconInSync(t *testing.T) {
	c, err := loadConfig(newViper(), "config.yaml", true)
	if err != nil {
		t.Fatal(err)
	}
	def := extract.DefaultLexicon()
	for _, s := range extract.Sections {
		if strings.Join(c.Sections[string(s)], ",") != strings.Join(def[s], ",") {
			t.Errorf("config.yaml sections.%s differs from extract/lexicon.yaml", s)
		}
	}
}
