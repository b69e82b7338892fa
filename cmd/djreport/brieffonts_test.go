package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"djreport/report"
	"djreport/templates"
)

// TestBriefFontsConfig: brief: fonts: names a font per role, relative to
// config.yaml's folder, a face of a collection with #; unnamed roles take
// font:, else the built-in font of the role; one file is parsed once.
func TestBriefFontsConfig(t *testing.T) {
	dir := t.TempDir()
	kai := templates.Kai
	if err := os.WriteFile(filepath.Join(dir, "kai.ttf"), kai, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("brief:\n  copies: 40\n  cc: 各县（市、区）委组织部\n  fonts:\n    body: kai.ttf\n    table: kai.ttf#0\n"), 0o644)
	c, err := loadConfig(newViper(), cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	if o := c.Brief.options(); o.Copies != 40 || o.CC != "各县（市、区）委组织部" {
		t.Errorf("版记 options = %+v", o)
	}
	fs, _, _, err := c.loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(fs.Body.Path(), filepath.Join(dir, "kai.ttf")) || !strings.HasSuffix(fs.Table.Path(), "kai.ttf#0") {
		t.Errorf("body %s, table %s: want %s", fs.Body.Path(), fs.Table.Path(), filepath.Join(dir, "kai.ttf"))
	}
	if fs.Title.Path() != "内置 templates/fonts/gbsn00lp.ttf" || fs.Heading1.Path() != "内置 templates/fonts/wqy-microhei.ttf" || fs.Heading2.Path() != "内置 templates/fonts/gkai00mp.ttf" {
		t.Errorf("defaults: %s, %s, %s", fs.Title.Path(), fs.Heading1.Path(), fs.Heading2.Path())
	}

	// font: alone sets every role, as before roles existed.
	os.WriteFile(cfg, []byte("font: kai.ttf\n"), 0o644)
	c, err = loadConfig(newViper(), cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	if fs, _, _, err = c.loadFonts(); err != nil {
		t.Fatal(err)
	}
	if fs.Title != fs.Body || fs.Body != fs.Heading1 || fs.Heading1 != fs.Heading2 || fs.Heading2 != fs.Table {
		t.Error("font: did not give one parsed font to every role")
	}

	// Problems name the role and the file.
	os.WriteFile(cfg, []byte("brief:\n  fonts:\n    heading2: missing.ttc#1\n    title: kai.ttf#3\n"), 0o644)
	c, err = loadConfig(newViper(), cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	_, _, _, err = c.loadFonts()
	if err == nil {
		t.Fatal("no error for a missing font")
	}
	for _, want := range []string{"brief.fonts.heading2", "missing.ttc", "brief.fonts.title", "不是字体集"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}

	// A misspelt role is reported with the key it probably means.
	_, err = loadConfig(newViper(), writeConfig(t, "brief:\n  fonts:\n    heading: x.ttf\n"), true)
	if err == nil || !strings.Contains(err.Error(), "brief.fonts.heading") || !strings.Contains(err.Error(), "heading1") {
		t.Errorf("misspelt role: %v", err)
	}
}

// writeFontAs writes font data to dir/name, with its OS/2 fsType set to
// fsType when that is not negative.
func writeFontAs(t *testing.T, dir, name string, data []byte, fsType int) {
	t.Helper()
	data = bytes.Clone(data)
	if fsType >= 0 {
		n := int(binary.BigEndian.Uint16(data[4:]))
		for i := range n {
			rec := data[12+16*i:]
			if string(rec[:4]) == "OS/2" {
				binary.BigEndian.PutUint16(data[binary.BigEndian.Uint32(rec[8:])+8:], uint16(fsType))
			}
		}
	}
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestInstalledFonts: a role config.yaml leaves empty takes the office's
// installed face for it, found by its file name in any case and in
// subfolders, the 公文 face first (仿宋_GB2312 before simfang); the table
// takes the body's; a role named in config.yaml keeps its file; a font
// whose licence forbids embedding is passed over, and so, with a note, is
// a role with nothing installed; installed_fonts: false turns it off.
func TestInstalledFonts(t *testing.T) {
	t.Setenv("DJREPORT_BRIEF_INSTALLED_FONTS", "") // config.yaml decides (TestMain turned it off)
	dir := t.TempDir()
	fonts := filepath.Join(dir, "字体")
	writeFontAs(t, fonts, "SIMFANG.TTF", templates.Kai, -1)
	writeFontAs(t, fonts, "仿宋_GB2312.ttf", templates.Kai, -1)
	writeFontAs(t, fonts, filepath.Join("方正", "FZXBSJW.TTF"), templates.Song, -1)
	writeFontAs(t, fonts, "simhei.ttf", templates.Font, -1)
	writeFontAs(t, fonts, "SimKai.ttf", templates.Kai, 0x0002) // restricted licence
	cfg := filepath.Join(dir, "config.yaml")
	load := func(text string) ([]fontUse, []string, *report.Fonts) {
		t.Helper()
		os.WriteFile(cfg, []byte(text), 0o644)
		c, err := loadConfig(newViper(), cfg, true)
		if err != nil {
			t.Fatal(err)
		}
		fs, uses, notes, err := c.loadFonts()
		if err != nil {
			t.Fatal(err)
		}
		return uses, notes, fs
	}
	from := func(uses []fontUse) map[string]string {
		m := map[string]string{}
		for _, u := range uses {
			m[u.Role] = u.From + " " + filepath.Base(u.File)
		}
		return m
	}

	uses, notes, fs := load("brief:\n  font_dirs: [字体]\n")
	want := map[string]string{"title": "installed FZXBSJW.TTF", "body": "installed 仿宋_GB2312.ttf", "table": "installed 仿宋_GB2312.ttf",
		"heading1": "installed simhei.ttf", "heading2": "builtin gkai00mp.ttf"}
	if got := from(uses); !maps.Equal(got, want) {
		t.Errorf("roles %v\nwant %v", got, want)
	}
	if fs.Table != fs.Body {
		t.Error("the table's font is not the body's one parsed font")
	}
	joined := strings.Join(notes, "\n")
	if w := "SimKai.ttf 未采用：其授权不允许嵌入文档或不允许只嵌入所用的字（OS/2 fsType）"; !strings.Contains(joined, w) {
		t.Errorf("notes lack %q: %v", w, notes)
	}
	if s, w := installedSummary(uses), "简报使用本机已安装的字体：标题 FZXBSJW.TTF，正文 仿宋_GB2312.ttf，一级标题 simhei.ttf，表格 仿宋_GB2312.ttf；本机未装楷体（二级标题），用内置字体"; !strings.HasPrefix(s, w) {
		t.Errorf("console line %q\nwant %q…", s, w)
	}

	// A refused file gives way to the next one on the list: a broken
	// 仿宋_GB2312 to simfang.ttf, the restricted SimKai.ttf to 华文楷体.
	writeFontAs(t, fonts, "仿宋_GB2312.ttf", []byte("not a font at all, not a font at all"), -1)
	writeFontAs(t, fonts, "STKAITI.TTF", templates.Kai, -1)
	uses, notes, _ = load("brief:\n  font_dirs: [字体]\n")
	if got := from(uses); got["body"] != "installed SIMFANG.TTF" || got["heading2"] != "installed STKAITI.TTF" {
		t.Errorf("after refused files: %v", got)
	}
	if joined := strings.Join(notes, "\n"); !strings.Contains(joined, "仿宋_GB2312.ttf") || !strings.Contains(joined, "SimKai.ttf 未采用") {
		t.Errorf("refused files not said: %v", notes)
	}

	// A role config.yaml names keeps its file, and an empty table takes
	// the body's, configured or not; builtin keeps a role's built-in font.
	writeFontAs(t, dir, "own.ttf", templates.Song, -1)
	uses, _, _ = load("brief:\n  font_dirs: [字体]\n  fonts:\n    body: own.ttf\n    title: builtin\n")
	want = map[string]string{"title": "config gbsn00lp.ttf", "body": "config own.ttf", "table": "config own.ttf",
		"heading1": "installed simhei.ttf", "heading2": "installed STKAITI.TTF"}
	if got := from(uses); !maps.Equal(got, want) {
		t.Errorf("configured body and title: %v\nwant %v", got, want)
	}
	if s := installedSummary(uses); strings.Contains(s, "未装") {
		t.Errorf("console says a face is missing that config.yaml set: %q", s)
	}
	// A configured font whose licence forbids embedding is used, and said.
	_, notes, _ = load("brief:\n  installed_fonts: false\n  fonts:\n    heading2: 字体/SimKai.ttf\n")
	if !strings.Contains(strings.Join(notes, "\n"), "SimKai.ttf（brief.fonts.heading2）的授权不允许嵌入文档或不允许只嵌入所用的字（OS/2 fsType），仍按配置嵌入") {
		t.Errorf("restricted configured font: notes %v", notes)
	}
	// font: sets every role, installed or not.
	uses, _, _ = load("font: own.ttf\nbrief:\n  font_dirs: [字体]\n")
	for role, f := range from(uses) {
		if f != "config own.ttf" {
			t.Errorf("font: own.ttf, %s: %s", role, f)
		}
	}
	// Off: the built-in fonts, nothing said.
	uses, notes, _ = load("brief:\n  installed_fonts: false\n  font_dirs: [字体]\n")
	for role, f := range from(uses) {
		if !strings.HasPrefix(f, "builtin ") {
			t.Errorf("installed_fonts: false, %s: %s", role, f)
		}
	}
	if len(notes) > 0 || installedSummary(uses) != "" {
		t.Errorf("installed_fonts: false said %v", notes)
	}
	// Nothing installed: the built-in fonts, without a note per role.
	uses, notes, _ = load("brief:\n  font_dirs: [没有这个文件夹]\n")
	for role, f := range from(uses) {
		if !strings.HasPrefix(f, "builtin ") {
			t.Errorf("no fonts installed, %s: %s", role, f)
		}
	}
	if len(notes) > 0 {
		t.Errorf("no fonts installed, notes %v", notes)
	}
}

// TestRunInstalledFonts: a run sets its briefs in the installed faces,
// says so on the console and lists every role's file in run.json.
func TestRunInstalledFonts(t *testing.T) {
	t.Setenv("DJREPORT_BRIEF_INSTALLED_FONTS", "") // config.yaml decides (TestMain turned it off)
	dir := t.TempDir()
	writeFontAs(t, filepath.Join(dir, "fonts"), "simfang.ttf", templates.Kai, -1)
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("brief:\n  font_dirs: [fonts]\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, stderr := runCLI(t, "run", "--config", cfg, "--sources", "samples/2024Q4", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "简报使用本机已安装的字体：正文 simfang.ttf，表格 simfang.ttf") {
		t.Errorf("console does not name the installed font:\n%s", stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Fonts    []fontUse `json:"fonts"`
		Warnings []string  `json:"warnings"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, u := range rep.Fonts {
		got[u.Role] = u.From + " " + filepath.Base(u.File)
	}
	want := map[string]string{"title": "builtin gbsn00lp.ttf", "body": "installed simfang.ttf", "table": "installed simfang.ttf", "heading1": "builtin wqy-microhei.ttf", "heading2": "builtin gkai00mp.ttf"}
	if !maps.Equal(got, want) {
		t.Errorf("run.json fonts %v\nwant %v", got, want)
	}
	if w := "本机未装小标宋（标题）、黑体（一级标题）、楷体（二级标题），用内置字体"; !strings.Contains(stderr, w) {
		t.Errorf("console lacks %q:\n%s", w, stderr)
	}
	// The brief embeds the installed face (here a copy of the built-in 楷体,
	// so 楷体 twice: the body's and the second-level headings').
	if _, err := exec.LookPath("pdffonts"); err != nil {
		t.Log("pdffonts (poppler-utils) not found: the embedded fonts are not checked")
	} else {
		pdf := filepath.Join(out, "宁波市.pdf")
		fonts, err := exec.Command("pdffonts", pdf).CombinedOutput()
		if err != nil {
			t.Fatalf("pdffonts: %v\n%s", err, fonts)
		}
		if strings.Count(string(fonts), "GBZenKai") != 2 {
			t.Errorf("the brief does not embed the installed face:\n%s", fonts)
		}
	}
}

// TestFontDirsConfig: brief: font_dirs: may be one folder without brackets,
// relative to config.yaml's folder, and a folder's name may hold 、.
func TestFontDirsConfig(t *testing.T) {
	dir := t.TempDir()
	writeFontAs(t, filepath.Join(dir, "公文、字体"), "simhei.ttf", templates.Font, -1)
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("brief:\n  installed_fonts: true\n  font_dirs: 公文、字体\n"), 0o644)
	t.Setenv("DJREPORT_BRIEF_INSTALLED_FONTS", "")
	c, err := loadConfig(newViper(), cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{filepath.Join(dir, "公文、字体")}; !slices.Equal(c.Brief.FontDirs, want) {
		t.Fatalf("font_dirs %q, want %q", c.Brief.FontDirs, want)
	}
	_, uses, _, err := c.loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	if uses[2].From != "installed" {
		t.Errorf("heading1 from %s", uses[2].From)
	}
}
