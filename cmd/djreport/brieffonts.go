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

// loadFonts parses each font file once (roles naming the same file share
// it) and checks it can print the brief.
func (c *config) loadFonts() (*report.Fonts, error) {
	type builtin struct {
		name string
		data []byte
	}
	song := builtin{templates.SongName, templates.Song}
	roles := []struct {
		key, spec string
		def       builtin
	}{
		{"title", c.Brief.Fonts.Title, song},
		{"body", c.Brief.Fonts.Body, song},
		{"heading1", c.Brief.Fonts.Heading1, builtin{templates.FontName, templates.Font}},
		{"heading2", c.Brief.Fonts.Heading2, builtin{templates.KaiName, templates.Kai}},
		{"table", c.Brief.Fonts.Table, song},
	}
	fs := &report.Fonts{}
	dst := []**report.Font{&fs.Title, &fs.Body, &fs.Heading1, &fs.Heading2, &fs.Table}
	parsed := map[string]*report.Font{}
	var errs []string
	for i, r := range roles {
		spec, key := r.spec, "brief.fonts."+r.key
		if spec == "" {
			spec, key = c.Font, "font"
		}
		id := spec
		if spec == "" {
			id = r.def.name
		}
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
		parsed[id] = f
		*dst[i] = f
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return fs, nil
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
		n := fonts.Content[i]
		if n.Kind == yaml.ScalarNode && n.Tag != "!!null" && n.Value != "" && !filepath.IsAbs(n.Value) {
			n.Value = filepath.Join(dir, n.Value)
			n.Tag, n.Style = "!!str", 0
		}
	}
}
