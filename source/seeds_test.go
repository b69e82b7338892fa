package source

import (
	"fmt"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// seeds returns the real reports shared with the repository, or skips.
func seeds(t testing.TB) map[string][]byte {
	t.Helper()
	paths, _ := filepath.Glob("../../shared/seeds/*.txt")
	if len(paths) == 0 {
		t.Skip("../../shared/seeds not present")
	}
	out := map[string][]byte{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = b
	}
	return out
}

// wrapHTML puts each line of text in a <p> on a line of its own, after a
// head of headLines lines, with furniture the reader must drop.
const headLines = 9

func wrapHTML(text, charset string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"%s\">\n<title>标题 - 网站名称</title>\n", charset)
	b.WriteString("<script>var visits = 12345; document.write('访问量12345');</script>\n")
	b.WriteString("<style>p { margin: 0 }</style>\n</head><body>\n")
	b.WriteString("<nav><a href=\"/\">首页</a> | <a href=\"/dj\">党建要闻</a> | 第1期</nav>\n")
	b.WriteString("<div class=\"share-bar\">分享到：微信 微博 共9999次</div>\n")
	b.WriteString("<div class=\"article\">\n")
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(line))
	}
	b.WriteString("</div>\n<footer>版权所有 2024 某某网 电话 0931-1234567</footer>\n</body></html>\n")
	return b.String()
}

func TestSeedCopies(t *testing.T) {
	for name, data := range seeds(t) {
		t.Run(name, func(t *testing.T) {
			// GBK has no NBSP; the reference text drops it too.
			text := strings.ReplaceAll(string(data), "\u00a0", " ")
			orig, err := Parse(name, []byte(text))
			if err != nil {
				t.Fatal(err)
			}
			checkLines(t, orig)
			base := strings.TrimSuffix(name, ".txt")
			copies := map[string][]byte{
				"gbk.txt":     encode(t, gbk, text),
				"utf16le.txt": encode(t, utf16le, text),
				"utf16be.txt": encode(t, utf16be, text),
				"gbk.html":    encode(t, gbk, wrapHTML(text, "gbk")),
				"utf8.htm":    []byte(wrapHTML(text, "utf-8")),
			}
			for suffix, b := range copies {
				d, err := Parse(base+"."+suffix, b)
				if err != nil {
					t.Fatalf("%s: %v", suffix, err)
				}
				checkLines(t, d)
				if !reflect.DeepEqual(texts(d), texts(orig)) {
					t.Fatalf("%s: lines differ\n got %q\nwant %q", suffix, texts(d), texts(orig))
				}
				if d.Traditional != orig.Traditional {
					t.Errorf("%s: Traditional %v, want %v", suffix, d.Traditional, orig.Traditional)
				}
				offset := 0
				if strings.HasSuffix(suffix, "htm") || strings.HasSuffix(suffix, "html") {
					offset = headLines
				}
				for i, l := range d.Lines {
					if l.No != orig.Lines[i].No+offset || l.Simplified != orig.Lines[i].Simplified {
						t.Fatalf("%s: line %d is No %d (%q), want %d", suffix, i, l.No, l.Simplified, orig.Lines[i].No+offset)
					}
				}
			}
		})
	}
}

func TestSeedTraditional(t *testing.T) {
	all := seeds(t)
	for name, data := range all {
		d, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		checkLines(t, d)
		if trad := strings.HasPrefix(name, "001_"); d.Traditional != trad {
			t.Errorf("%s: Traditional = %v, want %v", name, d.Traditional, trad)
		}
		if !d.Traditional {
			for _, l := range d.Lines {
				if l.Simplified != l.Text {
					t.Fatalf("%s:%d simplified document changed by t2s", name, l.No)
				}
			}
			continue
		}
		found := false
		for _, l := range d.Lines {
			i := strings.Index(l.Text, "平涼")
			if i < 0 {
				continue
			}
			found = true
			runeAt := utf8.RuneCountInString(l.Text[:i])
			simp := []rune(l.Simplified)
			if string(simp[runeAt:runeAt+2]) != "平凉" {
				t.Fatalf("line %d: %q does not map 平涼 to 平凉", l.No, l.Simplified)
			}
		}
		if !found {
			t.Fatalf("%s: no line with 平涼", name)
		}
	}
}
