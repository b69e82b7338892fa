package mapping

import (
	"djreport/source"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"djreport/extract"

	"gopkg.in/yaml.v3"
)

// pos is where something was written: a file as given and a 1-based line.
type pos struct {
	File string
	Line int
}

// Set is the loaded mapping: the indicators in catalogue order (the order of
// first definition), immutable once loaded and safe for concurrent use.
type Set struct {
	Indicators []Indicator

	index map[string]int
	// at records, per indicator id, where each field got its value
	// ("target", "match.subject" …), so messages about a field overridden in
	// config.yaml point at config.yaml.
	at map[string]map[string]pos
}

// ByID returns the indicator with the given id.
func (s *Set) ByID(id string) (Indicator, bool) {
	if s.index == nil { // a Set made from a catalogue, not by Load
		for _, ind := range s.Indicators {
			if ind.ID == id {
				return ind, true
			}
		}
		return Indicator{}, false
	}
	i, ok := s.index[id]
	if !ok {
		return Indicator{}, false
	}
	return s.Indicators[i], true
}

// fieldPos says where field of indicator id was set, falling back to the
// indicator's own definition.
func (s *Set) fieldPos(id, field string) pos {
	if p, ok := s.at[id][field]; ok {
		return p
	}
	ind, _ := s.ByID(id)
	return pos{ind.File, ind.Line}
}

var (
	indicatorFields = []string{"id", "label", "section", "measure", "target", "match", "pick", "kind", "key", "scale"}
	matchFields     = []string{"subject", "sentence", "exclude", "near", "measures", "sections", "or"}
	requiredFields  = []struct{ key, name string }{
		{"label", "名称 label"}, {"section", "栏目 section"}, {"measure", "计量单位 measure"}, {"target", "目标 target"},
	}
)

// entry is one indicator as written in one file: the values given and
// where each was given.
type entry struct {
	ind Indicator
	set map[string]pos
}

// File is a mapping file's content and the name messages give it (a path,
// or "内置 mapping/standard.yaml" for the built-in one).
type File struct {
	Name string
	Data []byte
}

// Overrides are the mappings: list of config.yaml (or of the environment),
// parsed and checked, to be applied over the mapping files.
type Overrides struct {
	entries []entry
}

// ParseOverrides reads a mappings: list (list, from file); nil or null is
// none. Every problem found is reported in one *Problems.
func ParseOverrides(file string, list *yaml.Node) (*Overrides, error) {
	var ps Problems
	o := &Overrides{entries: parseList(file, "mappings", list, false, &ps)}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return o, nil
}

// Load reads the mapping files in order, a later file replacing an earlier
// file's indicator of the same id as a whole, then applies the mappings:
// list of config.yaml (configPath, "" for none) field by field: only the
// fields an entry gives override, and a new id is added. Every problem
// found is reported in one *Problems.
func Load(files []string, configPath string) (*Set, error) {
	var ps Problems
	var fs []File
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			ps.addf(path, 0, "无法读取文件：%v", source.OSReason(err))
			continue
		}
		fs = append(fs, File{path, data})
	}
	var o *Overrides
	if configPath != "" {
		if data, err := os.ReadFile(configPath); err != nil {
			ps.addf(configPath, 0, "无法读取文件：%v", source.OSReason(err))
		} else {
			o = &Overrides{entries: parseData(configPath, data, "mappings", false, &ps)}
		}
	}
	s, err := LoadFiles(fs, o)
	if err != nil {
		var more *Problems
		if errors.As(err, &more) {
			ps.List = append(ps.List, more.List...)
		}
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return s, nil
}

// LoadFiles is Load over files already read and overrides already parsed
// (o may be nil).
func LoadFiles(files []File, o *Overrides) (*Set, error) {
	s := &Set{index: map[string]int{}, at: map[string]map[string]pos{}}
	var ps Problems
	for _, f := range files {
		for _, e := range parseData(f.Name, f.Data, "indicators", true, &ps) {
			id := e.ind.ID
			if i, ok := s.index[id]; ok {
				s.Indicators[i] = e.ind
			} else {
				s.index[id] = len(s.Indicators)
				s.Indicators = append(s.Indicators, e.ind)
			}
			s.at[id] = e.set
		}
	}
	if o != nil {
		for _, e := range o.entries {
			s.override(e, e.ind.File, &ps)
		}
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return s, nil
}

// LoadFile reads one mapping file: its indicators in file order, each with
// the file and line it was defined at.
func LoadFile(path string) ([]Indicator, error) {
	var ps Problems
	var es []entry
	if data, err := os.ReadFile(path); err != nil {
		ps.addf(path, 0, "无法读取文件：%v", source.OSReason(err))
	} else {
		es = parseData(path, data, "indicators", true, &ps)
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	out := make([]Indicator, len(es))
	for i, e := range es {
		out[i] = e.ind
	}
	return out, nil
}

// override applies a config.yaml entry to the set.
func (s *Set) override(e entry, configPath string, ps *Problems) {
	id := e.ind.ID
	i, ok := s.index[id]
	if !ok {
		// A new indicator must be complete on its own; an incomplete one
		// whose id is close to a known one is most likely a slip (grdis).
		complete := true
		for _, f := range requiredFields {
			if _, given := e.set[f.key]; !given {
				complete = false
			}
		}
		if !complete && len(id) >= 4 {
			known := make([]string, 0, len(s.Indicators))
			for _, ind := range s.Indicators {
				known = append(known, ind.ID)
			}
			if near := Suggest(id, known); near != "" {
				ps.addf(configPath, e.ind.Line, "指标 %s 不在映射文件中：是不是「%s」？（新增指标还需给出 label、section、measure 和 target）", id, near)
				return
			}
		}
		if !checkRequired(e, configPath, ps) {
			return
		}
		s.index[id] = len(s.Indicators)
		s.Indicators = append(s.Indicators, e.ind)
		s.at[id] = e.set
		return
	}
	dst := &s.Indicators[i]
	at := make(map[string]pos, len(s.at[id])+len(e.set))
	for k, v := range s.at[id] {
		at[k] = v
	}
	for field, p := range e.set {
		if field == "id" {
			continue
		}
		copyField(dst, &e.ind, field)
		at[field] = p
	}
	s.at[id] = at
}

// copyField copies one field (as named in entry.set) from src to dst.
func copyField(dst, src *Indicator, field string) {
	switch field {
	case "label":
		dst.Label = src.Label
	case "section":
		dst.Section = src.Section
	case "measure":
		dst.Measure = src.Measure
	case "target":
		dst.Target = src.Target
	case "pick":
		dst.Pick = src.Pick
	case "kind", "key":
		copyKindField(dst, src, field)
	case "scale":
		dst.Scale, dst.ScaleName = src.Scale, src.ScaleName
	case "match":
		// An empty match: mapping clears every rule.
		dst.Match = Match{}
	case "match.subject":
		dst.Match.Subject = src.Match.Subject
	case "match.sentence":
		dst.Match.Sentence = src.Match.Sentence
	case "match.exclude":
		dst.Match.Exclude = src.Match.Exclude
	case "match.near":
		dst.Match.Near = src.Match.Near
	case "match.measures":
		dst.Match.Measures = src.Match.Measures
	case "match.sections":
		dst.Match.Sections = src.Match.Sections
	case "match.or":
		dst.Match.Or = src.Match.Or
	default:
		// subject+: [...] and the like extend the list (listextend.go).
		extendField(dst, src, field)
	}
}

// parseData reads the list under key (indicators: in a mapping file,
// mappings: in config.yaml). A mapping file holds nothing else and each of
// its entries must be complete; config.yaml has other settings and its
// entries may give only the fields they override.
func parseData(path string, data []byte, key string, mappingFile bool, ps *Problems) []entry {
	doc, err := ParseYAML(path, data)
	if err != nil {
		ps.List = append(ps.List, err.(*Problems).List...)
		return nil
	}
	if len(doc.Content) == 0 {
		if mappingFile {
			ps.addf(path, 0, "映射文件为空，应有 indicators: 列表")
		}
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		ps.addf(path, root.Line, "文件顶层应为键值映射（如 %s:）", key)
		return nil
	}
	var list *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch {
		case k.Value == key:
			list = v
		case mappingFile:
			ps.addf(path, k.Line, "%s（映射文件只有 indicators:）", UnknownKey("顶层字段", k.Value, []string{"indicators"}))
		}
	}
	if (list == nil || isNull(list)) && mappingFile {
		ps.addf(path, root.Line, "映射文件缺少 indicators: 列表")
		return nil
	}
	return parseList(path, key, list, mappingFile, ps)
}

// parseList reads the entries of an indicators: or mappings: list.
func parseList(path, key string, list *yaml.Node, mappingFile bool, ps *Problems) []entry {
	if list == nil || isNull(list) {
		return nil
	}
	if list.Kind != yaml.SequenceNode {
		ps.addf(path, list.Line, "%s: 应为列表（每项以 - id: 开头）", key)
		return nil
	}
	var out []entry
	first := map[string]int{}
	for _, n := range list.Content {
		e, ok := parseEntry(path, n, ps)
		if !ok {
			continue
		}
		id := e.ind.ID
		if l, dup := first[id]; dup {
			ps.addf(path, n.Line, "指标 %s 重复定义（第 %d 行已定义）", id, l)
			continue
		}
		first[id] = n.Line
		if mappingFile && !checkRequired(e, path, ps) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// checkRequired reports the missing required fields of a complete entry.
func checkRequired(e entry, path string, ps *Problems) bool {
	ok := true
	for _, f := range requiredFields {
		if _, given := e.set[f.key]; !given {
			ps.addf(path, e.ind.Line, "指标 %s 缺少%s", e.ind.ID, f.name)
			ok = false
		}
	}
	return ok
}

// parseEntry reads one indicator entry, checking every field it gives.
// ok is false when the entry cannot be used at all (no id).
func parseEntry(path string, n *yaml.Node, ps *Problems) (e entry, ok bool) {
	if n.Kind != yaml.MappingNode {
		ps.addf(path, n.Line, "指标定义应为键值映射（id: …、label: …）")
		return e, false
	}
	e.set = map[string]pos{}
	e.ind.File, e.ind.Line = path, n.Line
	// The id first, so every other message can name the indicator.
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "id" {
			v := n.Content[i+1]
			e.ind.ID, _ = scalar(path, "", "id", v, ps)
			e.set["id"] = pos{path, v.Line}
		}
	}
	if strings.TrimSpace(e.ind.ID) == "" {
		ps.addf(path, n.Line, "指标缺少 id")
		return e, false
	}
	id := e.ind.ID
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if l, dup := seen[k.Value]; dup {
			ps.addf(path, k.Line, "指标 %s 的字段「%s」重复（第 %d 行已给出）", id, k.Value, l)
			continue
		}
		seen[k.Value] = k.Line
		at := pos{path, v.Line}
		switch k.Value {
		case "id":
		case "label", "target":
			s, ok := scalar(path, id, k.Value, v, ps)
			if !ok {
				continue
			}
			if strings.TrimSpace(s) == "" {
				// Treated as missing: required-field checks report it.
				continue
			}
			if k.Value == "label" {
				e.ind.Label = s
			} else {
				e.ind.Target = strings.TrimSpace(s)
			}
			e.set[k.Value] = at
		case "section":
			s, ok := scalar(path, id, k.Value, v, ps)
			if !ok || s == "" {
				continue
			}
			if !knownSection(extract.Section(s)) {
				ps.addf(path, v.Line, "指标 %s 的栏目「%s」未知，应为 %s 之一", id, s, sectionNames())
				continue
			}
			e.ind.Section = extract.Section(s)
			e.set[k.Value] = at
		case "measure":
			s, ok := scalar(path, id, k.Value, v, ps)
			if !ok || s == "" {
				continue
			}
			if !knownMeasure(s) {
				ps.addf(path, v.Line, "指标 %s 的计量单位「%s」未知（可用：%s）", id, s, strings.Join(Measures, " "))
				continue
			}
			e.ind.Measure = s
			e.set[k.Value] = at
		case "pick":
			s, ok := scalar(path, id, k.Value, v, ps)
			if !ok {
				continue
			}
			if s != "" && !slices.Contains(Picks, s) {
				ps.addf(path, v.Line, "指标 %s 的 pick「%s」未知，应为 max、first 或 sum", id, s)
				continue
			}
			e.ind.Pick = s
			e.set[k.Value] = at
		case "kind", "key":
			if parseKindField(path, id, k.Value, v, &e.ind, ps) {
				e.set[k.Value] = at
			}
		case "scale":
			s, ok := scalar(path, id, k.Value, v, ps)
			if !ok || strings.TrimSpace(s) == "" {
				continue
			}
			f, known := ParseScale(s)
			if !known {
				ps.addf(path, v.Line, "指标 %s 的 scale「%s」未知，应为 %s", id, s, scaleNames())
				continue
			}
			e.ind.Scale, e.ind.ScaleName = f, strings.TrimSpace(s)
			e.set[k.Value] = at
		case "match":
			if isNull(v) {
				e.set["match"] = at
				continue
			}
			m, given := parseMatch(path, id, "match", v, true, ps)
			e.ind.Match = m
			for _, f := range given {
				e.set["match."+f.key] = f.at
			}
		default:
			ps.addf(path, k.Line, "指标 %s 的%s", id, UnknownKey("字段", k.Value, indicatorFields))
		}
	}
	return e, true
}

type givenField struct {
	key string
	at  pos
}

// parseMatch reads a match: block (or one alternative of its or: list) and
// says which of its fields were given.
func parseMatch(path, id, where string, n *yaml.Node, top bool, ps *Problems) (m Match, given []givenField) {
	if n.Kind != yaml.MappingNode {
		ps.addf(path, n.Line, "指标 %s 的 %s 应为键值映射（subject: […] 等）", id, where)
		return m, nil
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if l, dup := seen[k.Value]; dup {
			ps.addf(path, k.Line, "指标 %s 的 %s.%s 重复（第 %d 行已给出）", id, where, k.Value, l)
			continue
		}
		seen[k.Value] = k.Line
		field := where + "." + k.Value
		key, extend := listKey(k.Value)
		if extend {
			if l, both := seen[key]; both {
				ps.addf(path, k.Line, "指标 %s 的 %s 与 %s+ 不能同时给出（第 %d 行）：前者替换内置列表，后者在其后追加", id, where+"."+key, where+"."+key, l)
				continue
			}
		} else if l, both := seen[key+"+"]; both {
			ps.addf(path, k.Line, "指标 %s 的 %s 与 %s+ 不能同时给出（第 %d 行）：前者替换内置列表，后者在其后追加", id, where+"."+key, where+"."+key, l)
			continue
		}
		switch key {
		case "subject", "sentence", "exclude":
			words, ok := words(path, id, field, v, ps)
			if !ok {
				continue
			}
			switch key {
			case "subject":
				m.Subject = words
			case "sentence":
				m.Sentence = words
			default:
				m.Exclude = words
			}
		case "near":
			n, err := strconv.Atoi(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil || n < 0 {
				ps.addf(path, v.Line, "指标 %s 的 %s 应为不小于 0 的整数（字数）", id, field)
				continue
			}
			m.Near = n
		case "measures":
			if list, ok := knownList(path, id, field, v, ps, knownMeasure, func(s string) string {
				return "计量单位「" + s + "」未知（可用：" + strings.Join(Measures, " ") + "）"
			}); ok {
				m.Measures = list
			}
		case "sections":
			if list, ok := knownList(path, id, field, v, ps, func(s string) bool { return knownSection(extract.Section(s)) }, func(s string) string {
				return "栏目「" + s + "」未知，应为 " + sectionNames() + " 之一"
			}); ok {
				for _, s := range list {
					m.Sections = append(m.Sections, extract.Section(s))
				}
			}
		case "or":
			if !top {
				ps.addf(path, k.Line, "指标 %s 的 %s 中不能再嵌套 or", id, where)
				continue
			}
			if v.Kind != yaml.SequenceNode {
				ps.addf(path, v.Line, "指标 %s 的 %s 应为列表", id, field)
				continue
			}
			for j, alt := range v.Content {
				a, _ := parseMatch(path, id, fmt.Sprintf("%s[%d]", field, j+1), alt, false, ps)
				m.Or = append(m.Or, a)
			}
		default:
			ps.addf(path, k.Line, "指标 %s 的 %s %s", id, where, UnknownKey("字段", k.Value, matchFields))
			continue
		}
		given = append(given, givenField{k.Value, pos{path, v.Line}})
	}
	return m, given
}

// words reads a word list, checking the a+b form.
func words(path, id, field string, n *yaml.Node, ps *Problems) ([]string, bool) {
	list, ok := strList(path, id, field, n, ps)
	if !ok {
		return nil, false
	}
	for _, w := range list {
		for _, part := range strings.Split(w, "+") {
			if strings.TrimSpace(part) == "" {
				ps.addf(path, n.Line, "指标 %s 的 %s 中词语「%s」有空的部分", id, field, w)
				ok = false
				break
			}
		}
	}
	return list, ok
}

// strList reads a list of scalars; a single scalar is a list of one.
func strList(path, id, field string, n *yaml.Node, ps *Problems) ([]string, bool) {
	switch {
	case isNull(n):
		return nil, true
	case n.Kind == yaml.ScalarNode:
		return []string{strings.TrimSpace(n.Value)}, true
	case n.Kind != yaml.SequenceNode:
		ps.addf(path, n.Line, "指标 %s 的 %s 应为列表", id, field)
		return nil, false
	}
	out := make([]string, 0, len(n.Content))
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode || strings.TrimSpace(c.Value) == "" {
			ps.addf(path, c.Line, "指标 %s 的 %s 中有空项或非文字项", id, field)
			return nil, false
		}
		if msg := FullWidthItem(c.Value); msg != "" {
			ps.addf(path, c.Line, "指标 %s 的 %s 中%s", id, field, msg)
			return nil, false
		}
		out = append(out, strings.TrimSpace(c.Value))
	}
	return out, true
}

// scalar reads a text field; null reads as "".
func scalar(path, id, field string, n *yaml.Node, ps *Problems) (string, bool) {
	if isNull(n) {
		return "", true
	}
	if n.Kind != yaml.ScalarNode {
		if id == "" {
			ps.addf(path, n.Line, "字段 %s 应为文字", field)
		} else {
			ps.addf(path, n.Line, "指标 %s 的字段 %s 应为文字", id, field)
		}
		return "", false
	}
	return n.Value, true
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// knownList reads a list of names that must each be known, reporting every
// unknown one as unknown describes it.
func knownList(path, id, field string, v *yaml.Node, ps *Problems, known func(string) bool, unknown func(string) string) ([]string, bool) {
	list, ok := strList(path, id, field, v, ps)
	if !ok {
		return nil, false
	}
	for _, s := range list {
		if !known(s) {
			ps.addf(path, v.Line, "指标 %s 的 %s 中%s", id, field, unknown(s))
			ok = false
		}
	}
	return list, ok
}
