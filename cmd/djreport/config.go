package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"djreport/extract"
	"djreport/mapping"
	"djreport/report"
	"djreport/source"
	"djreport/templates"
)

// config is config.yaml as the commands use it. The yaml tags are what
// config.yaml may hold: any other key is an error, since a misspelt key
// would otherwise be silently ignored.
type config struct {
	Period       string               `mapstructure:"period" yaml:"period"`
	Sources      []string             `mapstructure:"sources" yaml:"sources"`
	Out          string               `mapstructure:"out" yaml:"out"`
	Template     string               `mapstructure:"template" yaml:"template"`                 // "": built in
	SummaryTpl   string               `mapstructure:"summary_template" yaml:"summary_template"` // "": built in
	Font         string               `mapstructure:"font" yaml:"font"`                         // "": built in
	MappingFiles []string             `mapstructure:"mapping_files" yaml:"mapping_files"`       // none: built in
	Sections     map[string][]string  `mapstructure:"sections" yaml:"sections"`
	Units        []extract.UnitConfig `mapstructure:"units" yaml:"units"`
	Level        string               `mapstructure:"level" yaml:"level"`
	Brief        briefConfig          `mapstructure:"brief" yaml:"brief"`
	Workers      int                  `mapstructure:"workers" yaml:"workers"`
	// Previous is last period's run.json for 环比 ("": out/<previous
	// period>/run.json); Expected are the units that should report (催报).
	Previous string   `mapstructure:"previous" yaml:"previous"`
	Expected []string `mapstructure:"expected" yaml:"expected"`
	Review   string   `mapstructure:"review" yaml:"review"` // "": review/<period>.yaml beside config.yaml
	// Mappings are the staff's overrides of the mapping files, from
	// config.yaml or DJREPORT_MAPPINGS; parsed by the mapping package,
	// which knows their fields and where each was written.
	Mappings *mapping.Overrides `mapstructure:"-" yaml:"mappings"`

	path string // the config file read, "" when none
	note string // what was used instead of a missing config.yaml
	// lines and values of config.yaml's top-level scalars, so a message
	// about a value that came from the file can give its line.
	fileAt map[string]fileValue
}

type fileValue struct {
	line  int
	value string
}

// where names where key's value was written: config.yaml and the line when
// the value is the file's, else the environment or a flag.
func (c *config) where(key, value string) string {
	if fv, ok := c.fileAt[key]; ok && fv.value == value {
		return fmt.Sprintf("%s:%d: ", c.path, fv.line)
	}
	env := "DJREPORT_" + strings.ToUpper(key)
	if c.path == "" {
		return fmt.Sprintf("（环境变量 %s 或命令行参数）", env)
	}
	return fmt.Sprintf("（配置文件 %s、环境变量 %s 或命令行参数）", c.path, env)
}

type briefConfig struct {
	Masthead string `mapstructure:"masthead" yaml:"masthead"`
	Issue    string `mapstructure:"issue" yaml:"issue"`
	Issuer   string `mapstructure:"issuer" yaml:"issuer"`
	Date     string `mapstructure:"date" yaml:"date"`
	// 版记
	CC        string     `mapstructure:"cc" yaml:"cc"`
	PrintedBy string     `mapstructure:"printed_by" yaml:"printed_by"`
	PrintedOn string     `mapstructure:"printed_on" yaml:"printed_on"`
	Copies    int        `mapstructure:"copies" yaml:"copies"`
	Fonts     briefFonts `mapstructure:"fonts" yaml:"fonts"`
	// InstalledFonts: roles left empty in fonts: take the office's
	// installed 小标宋, 仿宋, 黑体 and 楷体 when found (report.FindInstalled),
	// in FontDirs or, when that is empty, the system's font folders.
	InstalledFonts bool     `mapstructure:"installed_fonts" yaml:"installed_fonts"`
	FontDirs       []string `mapstructure:"font_dirs" yaml:"font_dirs"`
}

func (b briefConfig) options() report.BriefOptions {
	return report.BriefOptions{Masthead: b.Masthead, Issue: b.Issue, Issuer: b.Issuer, Date: b.Date,
		CC: b.CC, PrintedBy: b.PrintedBy, PrintedOn: b.PrintedOn, Copies: b.Copies}
}

// pathKeys are the settings holding paths: in config.yaml they are relative
// to its folder, so --config works from any folder; given by a flag or the
// environment they are relative to the current folder, as a shell user
// expects.
var pathKeys = map[string]bool{"sources": true, "out": true, "template": true, "summary_template": true, "font": true, "mapping_files": true, "previous": true, "review": true, "brief.font_dirs": true}

const (
	mappingsEnv = "DJREPORT_MAPPINGS"
	// mappingsFlag is the viper key of --mappings: not "mappings", which
	// is config.yaml's list.
	mappingsFlag = "mappings_flag"
)

// addConfigFlags registers the flags every command shares with
// config.yaml: --mappings, the mappings: list for one run.
func addConfigFlags(fs *pflag.FlagSet, v *viper.Viper) {
	fs.String("mappings", "", "本次临时调整指标映射：YAML 列表，写法同 config.yaml 的 mappings:，如 '[{id: volunteers, target: 强治理!B7}]'")
	_ = v.BindPFlag(mappingsFlag, fs.Lookup("mappings"))
}

// newViper sets defaults and the environment (DJREPORT_OUT …); flags are
// bound by each command, so flags > environment > config.yaml > defaults.
// An empty template, font or mapping_files means the built-in one.
func newViper() *viper.Viper {
	v := viper.New()
	v.SetDefault("period", "2024Q4")
	// The sample quarter of the default period: samples/ holds more than
	// one quarter, which must not be read as one.
	v.SetDefault("sources", []string{"samples/2024Q4"})
	v.SetDefault("out", "")
	v.SetDefault("template", "")
	v.SetDefault("summary_template", "")
	v.SetDefault("font", "")
	v.SetDefault("mapping_files", []string{})
	v.SetDefault("workers", 0)
	v.SetDefault("previous", "")
	v.SetDefault("expected", []string{})
	v.SetDefault("review", "")
	v.SetDefault("level", extract.ReportAuto)
	v.SetDefault("brief.installed_fonts", true)
	v.SetDefault("brief.font_dirs", []string{})
	v.SetEnvPrefix("DJREPORT")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	return v
}

// loadConfig reads the config file. The default ./config.yaml may be
// missing (defaults apply, and c.note says so); a file named with --config
// must exist.
func loadConfig(v *viper.Viper, path string, explicit bool) (*config, error) {
	var c config
	base := "" // the folder relative paths of config.yaml start from
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := c.readFile(v, path, data); err != nil {
			return nil, usagef("配置文件有误：\n%v", err)
		}
		abs, _ := filepath.Abs(path)
		base = filepath.Dir(abs)
	case explicit || !errors.Is(err, fs.ErrNotExist):
		return nil, usagef("无法读取配置文件 %s：%s", path, source.OSReason(err))
	default:
		abs, _ := filepath.Abs(path)
		c.note = fmt.Sprintf("未找到配置文件 %s，使用默认设置：内置的模板与映射文件，简报用本机已安装的公文字体或内置字体，报告取自 %s", abs, strings.Join(v.GetStringSlice("sources"), "、"))
		path = ""
	}
	fromFile, at := c.Mappings, c.fileAt
	if err := v.Unmarshal(&c); err != nil {
		return nil, usagef("设置有误（来自环境变量 DJREPORT_… 或命令行参数）：%s", viperReason(err))
	}
	c.Mappings, c.fileAt = fromFile, at
	c.path = path
	if text, ok := os.LookupEnv(mappingsEnv); ok {
		o, err := parseMappingsText("环境变量 "+mappingsEnv, text)
		if err != nil {
			return nil, usageError{err}
		}
		c.Mappings = o
	}
	if v.IsSet(mappingsFlag) {
		o, err := parseMappingsText("命令行参数 --mappings", v.GetString(mappingsFlag))
		if err != nil {
			return nil, usageError{err}
		}
		c.Mappings = o
	}
	if c.Out == "" {
		c.Out = filepath.Join(base, "out", c.Period)
	}
	if c.Review == "" {
		c.Review = filepath.Join(base, "review", c.Period+".yaml")
	}
	for s := range c.Sections {
		if !extract.Section(s).Valid() {
			return nil, usagef("配置文件 %s：sections 中%s", path, mapping.UnknownKey("板块", s, sectionNames()))
		}
	}
	switch c.Level {
	case extract.ReportAuto, extract.ReportCity, extract.ReportCounty:
	default:
		return nil, usagef("%slevel「%s」无效（应为 auto、city 或 county）", c.where("level", c.Level), c.Level)
	}
	if c.Workers < 0 {
		return nil, usagef("%sworkers 不能为负数：%d", c.where("workers", fmt.Sprint(c.Workers)), c.Workers)
	}
	for _, k := range []struct {
		key string
		v   *string
	}{{"brief.date", &c.Brief.Date}, {"brief.printed_on", &c.Brief.PrintedOn}} {
		d, ok := officialDate(*k.v)
		if !ok {
			return nil, usagef("%s%s「%s」不是日期：请写成 2025年1月5日（或 2025-01-05、2025/1/5），留空则为期末日期", c.where(k.key, *k.v), k.key, *k.v)
		}
		*k.v = d
	}
	return &c, nil
}

// officialDate writes a date as official documents do (2025年1月5日), from
// that form or 2025-01-05, 2025/1/5, 2025.1.5; "" stays "" (the default).
func officialDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", true
	}
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1949 || y > 2100 || t.Month() != time.Month(mo) || t.Day() != d {
		return "", false
	}
	return fmt.Sprintf("%d年%d月%d日", y, mo, d), true
}

var dateRE = regexp.MustCompile(`^(\d{4})\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})\s*日?$`)

// readFile checks config.yaml (data, read from path) key by key, then gives
// it to v with its relative paths made absolute.
func (c *config) readFile(v *viper.Viper, path string, data []byte) error {
	doc, err := mapping.ParseYAML(path, data)
	if err != nil {
		return err
	}
	if len(doc.Content) == 0 {
		return nil // an empty file: defaults
	}
	root := doc.Content[0]
	ps := &mapping.Problems{}
	if root.Kind != yaml.MappingNode {
		ps.List = append(ps.List, mapping.Problem{File: path, Line: root.Line, Msg: "配置文件顶层应为键值映射（period: …、sources: … 等）"})
		return ps
	}
	checkKeys(path, root, reflect.TypeOf(config{}), "", ps)
	// One file or folder may be written without the list brackets.
	lists := []*yaml.Node{valueOf(root, "sources"), valueOf(root, "mapping_files")}
	if b := valueOf(root, "brief"); b != nil && b.Kind == yaml.MappingNode {
		lists = append(lists, valueOf(b, "font_dirs"))
	}
	for _, n := range lists {
		if n != nil && n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
			item := *n
			*n = yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: n.Line, Column: n.Column, Content: []*yaml.Node{&item}}
		}
	}
	// Decoded once here for the type errors with their lines; mappings:
	// is the mapping package's to read.
	var typed config
	rest := *root
	rest.Content = nil
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "mappings" {
			rest.Content = append(rest.Content, root.Content[i], root.Content[i+1])
		}
	}
	if err := mapping.DecodeYAML(path, &rest, &typed); err != nil {
		ps.List = append(ps.List, err.(*mapping.Problems).List...)
	}
	if n := valueOf(root, "mappings"); n != nil {
		o, err := mapping.ParseOverrides(path, n)
		if err != nil {
			ps.List = append(ps.List, err.(*mapping.Problems).List...)
		}
		c.Mappings = o
	}
	if len(ps.List) > 0 {
		return ps
	}
	c.fileAt = map[string]fileValue{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if v := root.Content[i+1]; v.Kind == yaml.ScalarNode {
			c.fileAt[root.Content[i].Value] = fileValue{v.Line, v.Value}
		} else if v.Kind == yaml.MappingNode {
			// One level down too (brief.date), for the same messages.
			for j := 0; j+1 < len(v.Content); j += 2 {
				if w := v.Content[j+1]; w.Kind == yaml.ScalarNode {
					c.fileAt[root.Content[i].Value+"."+v.Content[j].Value] = fileValue{w.Line, w.Value}
				}
			}
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("配置文件 %s：%v", path, err)
	}
	resolvePaths(root, filepath.Dir(abs))
	resolveBriefFontPaths(root, filepath.Dir(abs))
	resolveFontDirs(root, filepath.Dir(abs))
	text, err := yaml.Marshal(root)
	if err != nil {
		return fmt.Errorf("配置文件 %s：%v", path, err)
	}
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(text)); err != nil {
		return fmt.Errorf("配置文件 %s 有误：%v", path, err)
	}
	return nil
}

// checkKeys reports every key of n that t (a struct with yaml tags) does
// not have, suggesting the nearest known key, and list items holding a
// full-width comma.
func checkKeys(path string, n *yaml.Node, t reflect.Type, prefix string, ps *mapping.Problems) {
	if n.Kind != yaml.MappingNode || t.Kind() != reflect.Struct {
		return // a type error: DecodeYAML reports it
	}
	fields := map[string]reflect.Type{}
	var known []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		fields[name] = f.Type
		known = append(known, name)
	}
	add := func(line int, format string, args ...any) {
		ps.List = append(ps.List, mapping.Problem{File: path, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		ft, ok := fields[k.Value]
		switch {
		case !ok:
			msg := fmt.Sprintf("未知的设置「%s%s」", prefix, k.Value)
			if s := mapping.Suggest(k.Value, known); s != "" {
				msg += fmt.Sprintf("，是不是「%s%s」？", prefix, s)
			} else {
				msg += fmt.Sprintf("（此处可用：%s）", strings.Join(known, "、"))
			}
			add(k.Line, "%s（写错的设置不会生效，所以作为错误报告）", msg)
		case prefix == "" && k.Value == "mappings":
			// mapping.ParseOverrides checks these.
		case prefix == "" && k.Value == "sections":
			if val.Kind != yaml.MappingNode {
				continue
			}
			for j := 0; j+1 < len(val.Content); j += 2 {
				sk, sv := val.Content[j], val.Content[j+1]
				if !extract.Section(sk.Value).Valid() {
					add(sk.Line, "sections 中%s", mapping.UnknownKey("板块", sk.Value, sectionNames()))
				}
				checkItems(path, "sections."+sk.Value, sv, ps)
			}
		default:
			switch {
			case ft.Kind() == reflect.Struct:
				checkKeys(path, val, ft, prefix+k.Value+".", ps)
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct && val.Kind == yaml.SequenceNode:
				for _, item := range val.Content {
					checkKeys(path, item, ft.Elem(), prefix+k.Value+".", ps)
				}
			case ft.Kind() == reflect.Slice && !pathKeys[prefix+k.Value]:
				// File names may hold a full-width comma; words may not.
				checkItems(path, prefix+k.Value, val, ps)
			}
		}
	}
}

// checkItems reports the items of a word list that hold a full-width comma.
func checkItems(path, key string, n *yaml.Node, ps *mapping.Problems) {
	if n.Kind != yaml.SequenceNode {
		return
	}
	for _, item := range n.Content {
		if msg := mapping.FullWidthItem(item.Value); item.Kind == yaml.ScalarNode && msg != "" {
			ps.List = append(ps.List, mapping.Problem{File: path, Line: item.Line, Msg: key + " 的" + msg})
		}
	}
}

// resolvePaths makes the relative paths of config.yaml's root absolute,
// from dir.
func resolvePaths(root *yaml.Node, dir string) {
	abs := func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Tag != "!!null" && n.Value != "" && !filepath.IsAbs(n.Value) {
			n.Value = filepath.Join(dir, n.Value)
			n.Tag, n.Style = "!!str", 0
		}
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if !pathKeys[root.Content[i].Value] {
			continue
		}
		v := root.Content[i+1]
		if v.Kind == yaml.SequenceNode {
			for _, item := range v.Content {
				abs(item)
			}
		} else {
			abs(v)
		}
	}
}

// valueOf is the value of key in a mapping node, nil when absent.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// parseMappingsText reads a mappings: list given as YAML text (a flow list
// in an environment variable: [{id: volunteers, target: B7}]).
func parseMappingsText(name, text string) (*mapping.Overrides, error) {
	doc, err := mapping.ParseYAML(name, []byte(text))
	if err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	return mapping.ParseOverrides(name, doc.Content[0])
}

func sectionNames() []string {
	out := make([]string, len(extract.Sections))
	for i, s := range extract.Sections {
		out[i] = string(s)
	}
	return out
}

var viperKey = regexp.MustCompile(`'([a-z_.]+)' (?:cannot parse value as|expected type) '?(\w+)`)

// viperReason says which setting from the environment or a flag has a value
// of the wrong kind.
func viperReason(err error) string {
	if m := viperKey.FindStringSubmatch(err.Error()); m != nil {
		kind := map[string]string{"int": "整数", "string": "文字", "bool": "true 或 false"}[m[2]]
		if kind == "" {
			kind = "列表或键值映射"
		}
		return fmt.Sprintf("%s 应为%s（环境变量 DJREPORT_%s）", m[1], kind, strings.ToUpper(strings.ReplaceAll(m[1], ".", "_")))
	}
	return err.Error()
}

func (c *config) extractConfig() extract.Config {
	lex := extract.Lexicon{}
	for s, words := range c.Sections {
		lex[extract.Section(s)] = words
	}
	return extract.Config{Lexicon: lex, Units: c.Units, Level: c.Level}
}

// mappingSet loads the mapping files (the built-in standard.yaml when none
// is named) with the overrides of the configuration.
func (c *config) mappingSet() (*mapping.Set, error) {
	if len(c.MappingFiles) == 0 {
		return mapping.LoadFiles([]mapping.File{{Name: mapping.StandardName, Data: mapping.Standard}}, c.Mappings)
	}
	ps := &mapping.Problems{}
	var files []mapping.File
	for _, p := range c.MappingFiles {
		data, err := os.ReadFile(p)
		if err != nil {
			ps.List = append(ps.List, mapping.Problem{File: p, Msg: "无法读取映射文件：" + source.OSReason(err)})
			continue
		}
		files = append(files, mapping.File{Name: p, Data: data})
	}
	set, err := mapping.LoadFiles(files, c.Mappings)
	if err != nil {
		ps.List = append(ps.List, err.(*mapping.Problems).List...)
	}
	if len(ps.List) > 0 {
		return nil, ps
	}
	return set, nil
}

// assets are what a run renders with: loaded and checked against each
// other once, then only read.
type assets struct {
	set               *mapping.Set
	workbook, summary *report.Template
	fonts             *report.Fonts
	fontUses          []fontUse // the file of each role, for run.json
	fontNotes         []string  // installed fonts found and passed over
	// form is set when template: is a user's form (not the project's
	// layout): workbook is then the built-in layout, for <单位>-明细.xlsx.
	form      *report.Form
	placement *mapping.Placement
	// summaryForm is set when summary_template: is a user's summary form:
	// summary is then the built-in layout, for 汇总-明细.xlsx.
	summaryForm *report.SummaryForm
}

// readAsset reads the file at path, or returns the built-in copy when path
// is empty; name is how messages call it.
func readAsset(what, path, builtinName string, builtin []byte) (name string, data []byte, err error) {
	if path == "" {
		return builtinName, builtin, nil
	}
	data, err = os.ReadFile(path)
	if err != nil {
		return path, nil, fmt.Errorf("无法读取%s %s：%s", what, path, source.OSReason(err))
	}
	return path, data, nil
}

// loadAssets loads the mapping, the templates and the font, and checks the
// mapping's targets against the workbook template; it reports every problem
// found, not just the first.
func (c *config) loadAssets() (*assets, error) {
	a := &assets{}
	var errs []error
	keep := func(err error) bool {
		if err != nil {
			errs = append(errs, err)
		}
		return err == nil
	}
	set, err := c.mappingSet()
	if keep(err) {
		a.set = set
	}
	name, wb, err := readAsset("模板", c.Template, templates.QuarterlyName, templates.Quarterly)
	if keep(err) {
		// The project's layout, or a user's form (form.go).
		keep(a.loadWorkbook(name, wb))
	}
	if name, data, err := readAsset("模板", c.SummaryTpl, templates.SummaryName, templates.Summary); keep(err) {
		// The project's summary layout, or a user's summary form (form.go).
		keep(a.loadSummary(name, data))
	}
	if fonts, uses, notes, err := c.loadFonts(); keep(err) {
		a.fonts, a.fontUses, a.fontNotes = fonts, uses, notes
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return a, nil
}

// describe names what the configuration uses, for validate's summary.
func (c *config) describe() string {
	files := strings.Join(c.MappingFiles, "、")
	if files == "" {
		files = mapping.StandardName
	}
	tpl := c.Template
	if tpl == "" {
		tpl = templates.QuarterlyName
	}
	cfg := c.path
	if cfg == "" {
		cfg = "无（默认设置）"
	}
	return fmt.Sprintf("配置文件 %s，映射文件 %s，模板 %s", cfg, files, tpl)
}
