package source

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
)

const sample = "  党建引领基层治理\r\n\r\n全市共组织3472名党员集中观展，覆盖95批次。\u3000\r\n\u00a0第三行：发展村集体经济30余万元\n"

var sampleWant = []Line{
	{No: 1, Text: "党建引领基层治理", Simplified: "党建引领基层治理"},
	{No: 3, Text: "全市共组织3472名党员集中观展，覆盖95批次。", Simplified: "全市共组织3472名党员集中观展，覆盖95批次。"},
	{No: 4, Text: "第三行：发展村集体经济30余万元", Simplified: "第三行：发展村集体经济30余万元"},
}

func TestEncodings(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		enc  string
	}{
		{"UTF-8", []byte(sample), "UTF-8"},
		{"UTF-8 BOM", append([]byte("\xEF\xBB\xBF"), sample...), "UTF-8 BOM"},
		{"UTF-16LE", encode(t, utf16le, sample), "UTF-16LE"},
		{"UTF-16BE", encode(t, utf16be, sample), "UTF-16BE"},
		{"UTF-16LE no BOM", encode(t, utf16le, sample)[2:], "UTF-16LE"},
		{"GBK", encode(t, gbk, strings.ReplaceAll(sample, "\u00a0", " ")), "GB18030"}, // GBK has no NBSP
		{"GB18030", encode(t, gb18030, sample), "GB18030"},
		{"CR only", []byte(strings.ReplaceAll(strings.ReplaceAll(sample, "\r\n", "\r"), "\n", "\r")), "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("r.txt", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if d.Encoding != tt.enc || d.Format != "txt" || d.Traditional {
				t.Errorf("encoding %q format %q traditional %v", d.Encoding, d.Format, d.Traditional)
			}
			if !reflect.DeepEqual(d.Lines, sampleWant) {
				t.Errorf("lines\n got %+v\nwant %+v", d.Lines, sampleWant)
			}
			checkLines(t, d)
		})
	}
}

func TestGB18030FourByte(t *testing.T) {
	// 𠮷 needs a four-byte GB18030 sequence; GBK cannot hold it.
	s := "吉祥的𠮷字出现在第二行\n共有12个村\n"
	d, err := Parse("a.txt", encode(t, gb18030, s))
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(d); !reflect.DeepEqual(got, []string{"吉祥的𠮷字出现在第二行", "共有12个村"}) {
		t.Fatalf("got %q", got)
	}
}

func TestBig5(t *testing.T) {
	s := "平涼市委組織部堅持黨建引領，全年完成投資21.76億元。\n基層黨組織書記培訓班共舉辦了十二期。\n"
	d, err := Parse("big5.txt", encode(t, big5, s))
	if err != nil {
		t.Fatal(err)
	}
	if d.Encoding != "Big5" || !d.Traditional || d.Lines[0].Text != "平涼市委組織部堅持黨建引領，全年完成投資21.76億元。" {
		t.Fatalf("got %s %v %q", d.Encoding, d.Traditional, texts(d))
	}
}

func TestReadErrors(t *testing.T) {
	latin1 := []byte("R\xe9sum\xe9 du rapport annuel, caf\xe9 et th\xe9, \xe0 bient\xf4t les amis\n")
	tests := []struct {
		name, path string
		data       []byte
		reason     string
	}{
		{"empty", "e.txt", nil, reasonEmpty},
		{"only blank lines", "b.txt", []byte("\r\n \u3000\n\t\n"), reasonNoText},
		{"only boilerplate", "f.txt", []byte("上一篇\n责任编辑：王五\n1\n"), reasonNoText},
		{"NUL in UTF-8", "n.txt", []byte("党建工作\x00总结\n第二行文字在这里\x00\x00\n"), reasonBinary},
		{"control bytes", "c.txt", bytes.Repeat([]byte{0x01, 0x02, 'a', 0x03}, 100), reasonBinary},
		{"png", "p.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), reasonBinary},
		{"latin-1", "l.txt", latin1, reasonEncoding},
		{"broken GB18030", "g.txt", []byte("\xb5\xb3\xbd\xa8\x81\x30\x81\n"), reasonEncoding},
		{"legacy doc", "old.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), reasonLegacy},
		{"legacy wps", "old.WPS", []byte("anything"), reasonLegacy},
		{"ole named docx", "x.docx", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), reasonLegacy},
		{"unsupported", "x.rtf", []byte("{\\rtf1 党建}"), reasonFormat()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse(tt.path, tt.data)
			if err == nil {
				t.Fatalf("no error; lines %q", texts(d))
			}
			wantError(t, err, tt.path, tt.reason)
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	if _, err := Read(dir + "/missing.txt"); err == nil || !strings.Contains(err.Error(), "missing.txt: 文件不存在") {
		t.Fatalf("got %v", err)
	}
	var e *Error
	if _, err := Read(dir); !errors.As(err, &e) {
		t.Fatalf("folder: got %v", err)
	}
	if got := (&Error{Path: "a.txt", Line: 12, Reason: "x"}).Error(); got != "a.txt:12: x" {
		t.Fatalf("Error() = %q", got)
	}
}

func TestTxtThatIsHTML(t *testing.T) {
	d, err := Parse("saved.txt", []byte("<!DOCTYPE html>\n<html><body>\n<p>正文第一段</p>\n</body></html>\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != "html" || len(d.Lines) != 1 || d.Lines[0].No != 3 {
		t.Fatalf("got %s %+v", d.Format, d.Lines)
	}
}

func TestCleanLine(t *testing.T) {
	tests := map[string]string{
		"\u00a0\u3000 正文 \u3000":   "正文",
		"\u200b正文\ufeff":           "正文",
		"内部\u00a0空格\u3000保留":       "内部\u00a0空格\u3000保留",
		"有\x01控制\x7f字符":            "有 控制 字符",
		"\x02":                     "",
		"tab\tkept":                "tab\tkept",
		"c1\u0085control\u009fend": "c1 control end",
	}
	for in, want := range tests {
		if got := cleanLine(in); got != want {
			t.Errorf("cleanLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// Chinese text saved as UTF-16 without a BOM has few or no NULs: only its
// ASCII (digits, line ends) makes them. It must be read, not refused as
// binary (issue 14, item 13).
func TestBOMlessUTF16Chinese(t *testing.T) {
	texts := map[string]string{
		"mostly Han":         "关于二〇二五年第三季度党建工作情况的报告\r\n今年以来，我县坚持以习近平新时代中国特色社会主义思想为指导，全面加强基层党组织建设，扎实推进抓党建促乡村振兴。\r\n一是抓队伍建设。举办村党组织书记示范培训班三期，培训四百余人次。\r\n二是建机制。建立健全县乡村三级联动工作机制。\r\n",
		"one line, no ASCII": "全县共发展党员一百二十名，其中青年党员占比超过六成，基层党组织覆盖率达到百分之百。",
		"some digits":        "全县共发展党员120名，其中35岁以下青年党员占比超过六成，基层党组织覆盖率达到百分之百。\n",
	}
	if s, err := os.ReadFile("../../shared/seeds/000_bddc4fbb2e2144c6.txt"); err == nil {
		texts["seed 000"] = string(s)
	}
	for name, s := range texts {
		for _, tt := range []struct {
			enc  encoding.Encoding
			want string
		}{{utf16le, "UTF-16LE"}, {utf16be, "UTF-16BE"}} {
			t.Run(name+" "+tt.want, func(t *testing.T) {
				data := encode(t, tt.enc, s)[2:] // drop the BOM
				d, err := Parse("r.txt", data)
				if err != nil {
					t.Fatal(err)
				}
				if d.Encoding != tt.want {
					t.Fatalf("encoding %q, want %q", d.Encoding, tt.want)
				}
				if first := strings.SplitN(strings.TrimLeft(s, "\ufeff"), "\n", 2)[0]; d.Lines[0].Text != cleanLine(first) {
					t.Fatalf("first line %q, want %q", d.Lines[0].Text, first)
				}
			})
		}
	}
	// GB18030 Chinese must stay GB18030: its bytes decode as valid UTF-16
	// too, but the zero-byte pattern is absent and the result is not Chinese.
	gb := encode(t, gb18030, texts["mostly Han"])
	if d, err := Parse("g.txt", gb); err != nil || d.Encoding != "GB18030" {
		t.Fatalf("GB18030 text: %v %v", d, err)
	}
	// Pairs of ASCII letters are ideographs in either byte order: mostly
	// Latin text in GBK must not pass for UTF-16.
	latin := encode(t, gbk, strings.Repeat("hand made bead ", 40)+"党建工作\n")
	if d, err := Parse("l.txt", latin); err != nil || d.Encoding != "GB18030" {
		t.Fatalf("Latin GBK text: %v %v", d, err)
	}
}

// TestScanUTF8 compares scanUTF8 with utf8.Valid and controlHeavy's count
// on the edges of UTF-8 and on real text cut anywhere.
func TestScanUTF8(t *testing.T) {
	cases := []string{"", "a", "党建", "\xe4\xb8", "\xe4", "\xe0\xa0\x80", "\xe0\x80\x80", "\xed\x9f\xbf", "\xed\xa0\x80",
		"\xef\xbf\xbd", "\xef\xbf\xbf", "\xe1\x80\x80", "\xf0\x9f\x98\x80", "\xf4\x90\x80\x80", "\xc3\xa9", "\xc0\x80", "\xff\xfe",
		"\xe4\xb8\xe4\xb8\xad", "１２３，“共富工坊”…\x01\x02\x7f\t\n", "\x1a\x1b\x00", "\xe4\xb8\xad\x80", "\xe4\x80"}
	text := "全市共有基层党组织1.2万个，党员\x01\x0216.5万名。“共富工坊”\xe4\xb8\xad\xe5\x9b"
	for i := range len(text) {
		for j := i; j <= len(text); j += 3 {
			cases = append(cases, text[i:j])
		}
	}
	for _, c := range cases {
		valid, controls := scanUTF8([]byte(c))
		n := 0
		for _, b := range []byte(c) {
			n += int(controlByte[b])
		}
		if valid != utf8.Valid([]byte(c)) || controls != n {
			t.Errorf("scanUTF8(%q) = %v, %d; want %v, %d", c, valid, controls, utf8.Valid([]byte(c)), n)
		}
	}
}
