package mapping

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/agnivade/levenshtein"
	"gopkg.in/yaml.v3"
)

// This file reads the YAML staff edit (mapping files, config.yaml) with
// messages in Chinese that name the right line and the likely cause:
// yaml.v3's own messages are English, and its parser errors count lines
// from 0 (scanner errors from 1), so they point one line too early.

var yamlErrLine = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

// yamlMessages are yaml.v3's syntax messages in Chinese. parser marks the
// parser's messages, whose line yaml.v3 reports 0-based.
var yamlMessages = []struct {
	en, zh string
	parser bool
}{
	{"could not find expected ':'", "找不到键后面的冒号", false},
	{"found character that cannot start any token", "有不能出现在这里的字符", false},
	{"mapping values are not allowed in this context", "这里不能再出现「键: 值」", false},
	{"found a tab character that violates indentation", "缩进中有 Tab", false},
	{"found unexpected end of stream", "文件意外结束（引号或括号没有闭合）", false},
	{"found unexpected end of stream while scanning a quoted scalar", "引号没有闭合", false},
	{"found unknown escape character", "双引号中有无法识别的转义（\\）", false},
	{"did not find expected key", "缩进不对，找不到下一个键（同一层的键须左对齐）", true},
	{"did not find expected '-' indicator", "缩进不对，列表项（- …）没有对齐", true},
	{"did not find expected ',' or ']'", "方括号列表 [ … ] 没有闭合（或项之间缺少半角逗号）", true},
	{"did not find expected ',' or '}'", "花括号 { … } 没有闭合（或项之间缺少半角逗号）", true},
	{"did not find expected node content", "缺少值", true},
	{"did not find expected <document start>", "文件结构不对", true},
}

// ParseYAML parses data, the content of file, into a node tree. A syntax
// error comes back as *Problems: file, the line and, where one can be
// seen, the likely cause.
func ParseYAML(file string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	err := yaml.Unmarshal(data, &doc)
	if err == nil {
		return &doc, nil
	}
	ps := &Problems{}
	msg, line := err.Error(), 0
	if m := yamlErrLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	zh, parser := "", false
	for _, t := range yamlMessages {
		if strings.HasPrefix(msg, t.en) {
			zh, parser = t.zh, t.parser
		}
	}
	if parser {
		line++ // 0-based, and a problem on the first line has no line at all
	}
	if zh == "" {
		zh = "无法解析（" + msg + "）"
	}
	if l := firstBadLine(data); l > 0 {
		line = l
	}
	text := "YAML 格式错误：" + zh
	if l, cause := likelyCause(data, line); l > 0 {
		line = l
		text += "。可能的原因：" + cause
	}
	ps.addf(file, line, "%s", text)
	return nil, ps
}

// firstBadLine is the line the error is on: yaml.v3 names the start of the
// enclosing block for indentation and bracket errors, not the line that
// breaks it. Every prefix of the text from that line on fails to parse, and
// the prefix ending just before it parses; 0 when no such line is found.
func firstBadLine(data []byte) int {
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) > 2000 { // staff-edited files are short; don't make a huge one slow
		return 0
	}
	var v yaml.Node
	for k := len(lines) - 1; k >= 0; k-- {
		if yaml.Unmarshal([]byte(strings.Join(lines[:k], "")), &v) == nil {
			if k == len(lines) {
				return 0
			}
			return k + 1
		}
	}
	return 1
}

var (
	// A key written with a full-width colon: the first colon of the line is
	// ：, so YAML sees no key at all.
	fullColonKey = regexp.MustCompile(`^\s*(?:-\s+)?[^\s:：#'"\[{][^:：#]*：`)
	// key: value: more, unquoted: YAML reads the second colon as a key.
	colonInValue = regexp.MustCompile(`^\s*(?:-\s+)?[^\s:#'"\[{][^:#]*:\s+[^\s'"\[{|>&*!#][^#]*?(?::\s|:$)`)
)

// likelyCause looks at the line YAML stopped at, then the one before, for
// the usual slips of hand-edited YAML; it returns the line and the cause,
// or 0.
func likelyCause(data []byte, near int) (int, string) {
	lines := strings.Split(string(data), "\n")
	for _, n := range []int{near, near - 1} {
		if n < 1 || n > len(lines) {
			continue
		}
		l := strings.TrimRight(lines[n-1], "\r")
		indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		switch {
		case strings.Contains(indent, "\t"):
			return n, "用 Tab 缩进了：YAML 只能用空格缩进"
		case fullColonKey.MatchString(l):
			return n, "键后用了全角冒号「：」：请改为半角冒号加空格「: 」"
		case colonInValue.MatchString(l):
			return n, "值中有冒号「: 」：请给整个值加引号，如 \"简报: 第一期\""
		}
	}
	return 0, ""
}

var dupKeyLine = regexp.MustCompile(`^line (\d+): mapping key "(.*)" already defined at line (\d+)$`)

var typeErrLine = regexp.MustCompile(`^line (\d+): cannot unmarshal !!(\w+) ` + "`" + `?(.*?)` + "`" + `? into (.*)$`)

// DecodeYAML decodes n (parsed from file) into v; type errors come back as
// *Problems naming the line, the key and the kind of value expected.
func DecodeYAML(file string, n *yaml.Node, v any) error {
	err := n.Decode(v)
	var te *yaml.TypeError
	if err == nil || !errors.As(err, &te) {
		if err != nil {
			ps := &Problems{}
			ps.addf(file, 0, "无法读取：%v", err)
			return ps
		}
		return nil
	}
	ps := &Problems{}
	for _, e := range te.Errors {
		if m := dupKeyLine.FindStringSubmatch(e); m != nil {
			line, _ := strconv.Atoi(m[1])
			ps.addf(file, line, "「%s」重复（第 %s 行已给出）：只会用其中一个，请删去一个", m[2], m[3])
			continue
		}
		m := typeErrLine.FindStringSubmatch(e)
		if m == nil {
			ps.addf(file, 0, "值的类型不对（%s）", e)
			continue
		}
		line, _ := strconv.Atoi(m[1])
		key := keyAt(n, line, "")
		if key == "" {
			key = "此处"
		}
		ps.addf(file, line, "%s 应为%s，而这里写的是%s", key, kindName(m[4]), given(m[2], m[3]))
	}
	return ps
}

// kindName says in Chinese what a Go type holds.
func kindName(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]"):
		return "列表（- 项 或 [项, 项]）"
	case strings.HasPrefix(goType, "map["), strings.Contains(goType, "."):
		return "键值映射（键: 值）"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"):
		return "整数"
	case strings.HasPrefix(goType, "float"):
		return "数字"
	case goType == "bool":
		return " true 或 false"
	default:
		return "文字"
	}
}

func given(tag, value string) string {
	switch tag {
	case "seq":
		return "列表"
	case "map":
		return "键值映射"
	default:
		return "「" + value + "」"
	}
}

// keyAt is the dotted key whose value starts at line.
func keyAt(n *yaml.Node, line int, prefix string) string {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			if k := keyAt(c, line, prefix); k != "" {
				return k
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			name := k.Value
			if prefix != "" {
				name = prefix + "." + k.Value
			}
			if v.Line == line || k.Line == line && v.Kind == yaml.ScalarNode {
				return name
			}
			if s := keyAt(v, line, name); s != "" {
				return s
			}
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if k := keyAt(c, line, prefix); k != "" {
				return k
			}
		}
	}
	return ""
}

// Suggest returns the known key nearest to word in edit distance, or ""
// when none is near enough to be a slip of the hand.
func Suggest(word string, known []string) string {
	best, bestD := "", 0
	limit := (len([]rune(word)) + 2) / 3
	if limit < 1 {
		limit = 1
	}
	for _, k := range known {
		d := levenshtein.ComputeDistance(word, k)
		if d <= limit && (best == "" || d < bestD) {
			best, bestD = k, d
		}
	}
	return best
}

// UnknownKey says that key is not among known, suggesting the nearest.
func UnknownKey(what, key string, known []string) string {
	if s := Suggest(key, known); s != "" {
		return fmt.Sprintf("%s「%s」未知，是不是「%s」？", what, key, s)
	}
	return fmt.Sprintf("%s「%s」未知（可用：%s）", what, key, strings.Join(known, "、"))
}

// fullWidthSeparators are what a Chinese keyboard types for a list's comma.
const fullWidthSeparators = "，、；"

// FullWidthItem reports a list item holding a full-width comma: in a flow
// list [志愿者，志愿服务] YAML sees one item, which then never matches.
func FullWidthItem(value string) string {
	if !strings.ContainsAny(value, fullWidthSeparators) {
		return ""
	}
	fixed := strings.NewReplacer("，", ", ", "、", ", ", "；", ", ").Replace(value)
	return fmt.Sprintf("列表项「%s」中有全角逗号或顿号，YAML 不把它当作分隔符，整项成了一个词：请改用半角逗号 [%s]，或每行一项（- …）", value, fixed)
}
