package mapping

import (
	"strings"
	"testing"
)

// TestParseYAMLLines: the line of a syntax error is the line to fix, for
// scanner and parser errors alike (yaml.v3 counts the parser's from 0).
func TestParseYAMLLines(t *testing.T) {
	tests := []struct {
		text  string
		line  int
		cause string
	}{
		{"a: 1\nb: [x, y\nc: 2\n", 2, "没有闭合"},
		{"a: 1\nb:\n  - x\n - y\n", 4, "缩进"},
		{"a: [x\n", 1, "没有闭合"},
		{"a: 1\nb：2\nc: 3\n", 2, "全角冒号"},
		{"a:\n\tb: 1\n", 2, "Tab"},
		{"a:\n  b: 标题: 副题\n", 2, "加引号"},
		{"a: \"x\nb: 2\n", 1, "引号"},
	}
	for _, tt := range tests {
		_, err := ParseYAML("f.yaml", []byte(tt.text))
		ps, ok := err.(*Problems)
		if !ok || len(ps.List) != 1 {
			t.Errorf("%q: %v", tt.text, err)
			continue
		}
		p := ps.List[0]
		if p.Line != tt.line || !strings.Contains(p.Msg, tt.cause) {
			t.Errorf("%q: line %d %q, want line %d and %q", tt.text, p.Line, p.Msg, tt.line, tt.cause)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"period", "sources", "out", "mappings", "mapping_files", "brief"}
	for word, want := range map[string]string{"mapings": "mappings", "peroid": "period", "sorces": "sources", "mapping_file": "mapping_files", "colour": "", "o": ""} {
		if got := Suggest(word, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", word, got, want)
		}
	}
}

// FuzzParseYAML: any text gives a tree or problems naming the file, a line
// inside the text, in Chinese; never a panic.
func FuzzParseYAML(f *testing.F) {
	f.Add("a: 1\nb: [x, y\n")
	f.Add("indicators:\n  - id: a\n\tlabel: x\n")
	f.Add("a：b\n")
	f.Fuzz(func(t *testing.T, text string) {
		_, err := ParseYAML("f.yaml", []byte(text))
		if err == nil {
			return
		}
		for _, p := range err.(*Problems).List {
			if p.File != "f.yaml" || p.Line < 0 || p.Line > strings.Count(text, "\n")+1 || !strings.HasPrefix(p.Msg, "YAML 格式错误") {
				t.Errorf("%q: %+v", text, p)
			}
		}
	})
}
