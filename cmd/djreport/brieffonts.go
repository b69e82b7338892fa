package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"djreport/report"
	"djreport/source"
	"djreport/templates"
)

// briefFonts are config.yaml's brief: fonts:, a font file for each role of
// the brief; "" takes font: (one file for every role, as before roles
// existed), else the built-in font of the role. A collection's face is
// chosen with #: C:/Windows/Fonts/simsun.ttc#1 or simsun.ttc#NSimSun.
type briefFonts struct {
	Title    string `mapstructure:"title" yaml:"title"`
	Body     string `mapstructure:"body" yaml:"body"`
	Heading1 string `mapstructure:"heading1" yaml:"heading1"`
	Heading2 string `mapstructure:"heading2" yaml:"heading2"`
	Table    string `mapstructure:"table" yaml:"table"`
}

// fontUse is the font file a role of the brief is set in, and why: run.json
// lists them and the console names the installed ones, since the same
// config.yaml prints in other faces on a machine without them.
type fontUse struct {
	Role string `json:"role"`
	File string `json:"file"`
	// From is config (brief: fonts: or font:), installed (found in the
	// system's font folders or font_dirs) or builtin.
	From string `json:"from"`
}

// faceNames are the faces GB/T 9704 sets each role in.
var faceNames = map[string]string{report.RoleTitle: "小标宋", report.RoleBody: "仿宋", report.RoleHeading1: "黑体", report.RoleHeading2: "楷体", report.RoleTable: "仿宋"}

// roleNames are the roles as messages call them.
var roleNames = map[string]string{report.RoleTitle: "标题", report.RoleBody: "正文", report.RoleHeading1: "一级标题", report.RoleHeading2: "二级标题", report.RoleTable: "表格"}

// builtinSpec names a role's built-in font in brief: fonts:, so one role
// can keep it while the others take installed faces.
func builtinSpec(spec string) bool { return spec == "builtin" || spec == "内置" }

// loadFonts parses each font file once (roles naming the same file share
// it) and checks it can print the brief. A role config.yaml leaves empty
// (and font: too) takes the office's installed face for it when
// brief: installed_fonts: is on and one is found, else the built-in font;
// an empty table takes whatever the body has. Notes say what was found and
// passed over.
func (c *config) loadFonts() (*report.Fonts, []fontUse, []string, error) {
	type builtin struct {
		name string
		data []byte
	}
	song := builtin{templates.SongName, templates.Song}
	roles := []struct {
		key, spec string
		def       builtin
	}{
		{report.RoleTitle, c.Brief.Fonts.Title, song},
		{report.RoleBody, c.Brief.Fonts.Body, song},
		{report.RoleHeading1, c.Brief.Fonts.Heading1, builtin{templates.FontName, templates.Font}},
		{report.RoleHeading2, c.Brief.Fonts.Heading2, builtin{templates.KaiName, templates.Kai}},
		{report.RoleTable, c.Brief.Fonts.Table, song},
	}
	installed, notes := c.installedFonts()
	fs := &report.Fonts{}
	dst := []**report.Font{&fs.Title, &fs.Body, &fs.Heading1, &fs.Heading2, &fs.Table}
	parsed := map[string]*report.Font{}
	var uses []fontUse
	var errs []string
	for i, r := range roles {
		spec, key, from := r.spec, "brief.fonts."+r.key, "config"
		if spec == "" {
			spec, key = c.Font, "font"
		}
		if spec == "" && r.key == report.RoleTable && fs.Body != nil {
			// The table is set in the body's face, wherever that comes from.
			body := uses[slices.IndexFunc(uses, func(u fontUse) bool { return u.Role == report.RoleBody })]
			fs.Table = fs.Body
			uses = append(uses, fontUse{r.key, body.File, body.From})
			continue
		}
		if spec == "" {
			if f := installed[r.key]; f != nil {
				*dst[i] = f
				uses = append(uses, fontUse{r.key, f.Path(), "installed"})
				continue
			}
		}
		switch {
		case spec == "":
			from = "builtin"
		case builtinSpec(spec):
			spec = "" // from config: this computer may have the face
		}
		id := spec
		if spec == "" {
			id = r.def.name
		}
		uses = append(uses, fontUse{r.key, id, from})
		if f, ok := parsed[id]; ok {
			*dst[i] = f
			continue
		}
		var f *report.Font
		var err error
		if spec == "" {
			f, err = report.ParseFont(r.def.name, r.def.data)
		} else {
			f, err = loadFontFile(spec)
		}
		if err != nil {
			if !slices.Contains(errs, fmt.Sprintf("简报字体 %s：%v", key, err)) {
				errs = append(errs, fmt.Sprintf("简报字体 %s：%v", key, err))
			}
			continue
		}
		if from == "config" && !f.Embeddable() {
			notes = append(notes, fmt.Sprintf("简报字体 %s（%s）的授权不允许嵌入文档或不允许只嵌入所用的字（OS/2 fsType），仍按配置嵌入：请确认本单位的授权许可", spec, key))
		}
		parsed[id] = f
		*dst[i] = f
	}
	if len(errs) > 0 {
		return nil, nil, nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return fs, uses, notes, nil
}

// installedFonts finds and loads the office's installed faces for the
// roles config.yaml leaves empty (report.FindInstalled): for each, the
// first of its files that parses and whose licence allows a subset to be
// embedded. Every file passed over gets a note.
func (c *config) installedFonts() (map[string]*report.Font, []string) {
	if !c.Brief.InstalledFonts || c.Font != "" {
		return nil, nil
	}
	b := c.Brief.Fonts
	want := map[string]bool{report.RoleTitle: b.Title == "", report.RoleBody: b.Body == "",
		report.RoleHeading1: b.Heading1 == "", report.RoleHeading2: b.Heading2 == ""}
	dirs := c.Brief.FontDirs
	if len(dirs) == 0 {
		dirs = report.SystemFontDirs()
	}
	paths := report.FindInstalled(dirs)
	got := map[string]*report.Font{}
	var notes []string
	for _, role := range []string{report.RoleTitle, report.RoleBody, report.RoleHeading1, report.RoleHeading2} {
		if !want[role] {
			continue
		}
		for _, path := range paths[role] {
			f, err := report.LoadFont(path)
			if err != nil {
				notes = append(notes, fmt.Sprintf("本机已安装的%s字体未采用：%v", faceNames[role], err))
				continue
			}
			if !f.Embeddable() {
				notes = append(notes, fmt.Sprintf("本机已安装的字体 %s 未采用：其授权不允许嵌入文档或不允许只嵌入所用的字（OS/2 fsType）", path))
				continue
			}
			got[role] = f
			break
		}
	}
	return got, notes
}

// loadFontFile reads a font file, with the OS's reason in Chinese when it
// cannot be read.
func loadFontFile(spec string) (*report.Font, error) {
	path := spec
	if i := strings.LastIndexByte(spec, '#'); i > 0 {
		if _, err := os.Stat(spec); err != nil {
			path = spec[:i]
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取字体文件 %s：%s", path, source.OSReason(err))
	}
	if path == spec {
		// A # in the file's own name is not a face.
		return report.ParseFont(strings.ReplaceAll(spec, "#", "＃"), data)
	}
	return report.ParseFont(spec, data)
}

// resolveBriefFontPaths makes the relative paths of brief: fonts: absolute,
// from dir (config.yaml's folder), as resolvePaths does for font:.
func resolveBriefFontPaths(root *yaml.Node, dir string) {
	brief := valueOf(root, "brief")
	if brief == nil || brief.Kind != yaml.MappingNode {
		return
	}
	fonts := valueOf(brief, "fonts")
	if fonts == nil || fonts.Kind != yaml.MappingNode {
		return
	}
	for i := 1; i < len(fonts.Content); i += 2 {
		if n := fonts.Content[i]; !builtinSpec(n.Value) {
			resolvePathNode(n, dir)
		}
	}
}

// resolveFontDirs makes the relative folders of brief: font_dirs: absolute,
// from dir (config.yaml's folder).
func resolveFontDirs(root *yaml.Node, dir string) {
	brief := valueOf(root, "brief")
	if brief == nil || brief.Kind != yaml.MappingNode {
		return
	}
	dirs := valueOf(brief, "font_dirs")
	if dirs == nil {
		return
	}
	if dirs.Kind == yaml.ScalarNode {
		resolvePathNode(dirs, dir)
		return
	}
	for _, n := range dirs.Content {
		resolvePathNode(n, dir)
	}
}

// resolvePathNode makes a scalar's relative path absolute, from dir.
func resolvePathNode(n *yaml.Node, dir string) {
	if n.Kind == yaml.ScalarNode && n.Tag != "!!null" && n.Value != "" && !filepath.IsAbs(n.Value) {
		n.Value = filepath.Join(dir, n.Value)
		n.Tag, n.Style = "!!str", 0
	}
}

// installedSummary says, in one line for the console, which installed fonts
// the briefs are set in and which faces of the standard this computer
// lacks; "" when no installed font is used.
func installedSummary(uses []fontUse) string {
	var parts, builtins []string
	for _, u := range uses {
		switch u.From {
		case "installed":
			parts = append(parts, roleNames[u.Role]+" "+filepath.Base(u.File))
		case "builtin":
			if u.Role != report.RoleTable {
				builtins = append(builtins, faceNames[u.Role]+"（"+roleNames[u.Role]+"）")
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	line := "简报使用本机已安装的字体：" + strings.Join(parts, "，")
	if len(builtins) > 0 {
		line += "；本机未装" + strings.Join(builtins, "、") + "，用内置字体"
	}
	return line + "（brief: installed_fonts: false 则全部用内置字体）"
}
