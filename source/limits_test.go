package source

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Inputs far beyond any report are refused with a message naming the file
// and the limit, before they can exhaust memory (issue 14, item 1).

// wantLimit checks err is an *Error for path whose reason says all of words.
func wantLimit(t *testing.T, err error, path string, words ...string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want *Error naming %s, got %v", path, err)
	}
	if e.Path != path || !strings.HasPrefix(e.Error(), path) {
		t.Fatalf("error %q does not name %s", e.Error(), path)
	}
	for _, w := range words {
		if !strings.Contains(e.Reason, w) {
			t.Fatalf("reason %q lacks %q", e.Reason, w)
		}
	}
}

func TestTextFileTooLarge(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		size int64
	}{{"big.txt", 200 << 20}, {"oneline.html", 50 << 20}, {"saved.htm", 17 << 20}} {
		p := filepath.Join(dir, tt.name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		// Sparse: the size is what matters, nothing is read.
		if err := f.Truncate(tt.size); err != nil {
			t.Fatal(err)
		}
		f.Close()
		_, err = Read(p)
		wantLimit(t, err, p, "文件过大", "上限 16 MB")
	}
}

// paragraphsOf builds n report paragraphs of WordprocessingML.
func paragraphsOf(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("<w:p><w:r><w:t>全县共发展党员120名，培训村党组织书记35期、4200余人次。")
		b.WriteString(strings.Repeat("一", i%3))
		b.WriteString("</w:t></w:r></w:p>")
	}
	return b.String()
}

func TestDocxInflatedLimit(t *testing.T) {
	// The size in the header of the 676 KB file of the issue: 190 MB.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store, UncompressedSize64: 190 << 20, CompressedSize64: 3})
	w.Write([]byte("<x>"))
	zw.Close()
	_, err := Parse("bomb.docx", buf.Bytes())
	wantLimit(t, err, "bomb.docx", "解压后", "上限 64 MB")
}

func TestDocxTextLimit(t *testing.T) {
	// About 6 MB of text: more than maxText, caught while inflating.
	data := makeDocx(t, paragraphsOf(60000))
	_, err := Parse("long.docx", data)
	wantLimit(t, err, "long.docx", "正文过长", "2 MB")
}

func TestDocxParagraphLimit(t *testing.T) {
	// 120,000 one-character paragraphs: little text, too many lines.
	data := makeDocx(t, strings.Repeat("<w:p><w:r><w:t>一</w:t></w:r></w:p>", 120000))
	_, err := Parse("many.docx", data)
	wantLimit(t, err, "many.docx", "段落过多", "50000")
}

func TestTxtTextLimit(t *testing.T) {
	line := "全县共发展党员120名，培训村党组织书记35期、4200余人次。\n"
	data := []byte(strings.Repeat(line, (3<<20)/len(line)))
	_, err := Parse("long.txt", data)
	wantLimit(t, err, "long.txt", "正文过长")
	// Just under the limits a report is read.
	data = []byte(strings.Repeat(line, 20000))
	if d, err := Parse("ok.txt", data); err != nil || len(d.Lines) != 20000 {
		t.Fatalf("%d lines, %v", len(d.Lines), err)
	}
}

// A paragraph far longer than any report's (a page saved without line
// breaks) is cut at sentence ends: extraction's cost grows with the square
// of a line's length (a 256 KB line took 27 s, a 2 MB one half an hour).
// Nothing is lost and the line number stays; a line without punctuation
// stays whole (nowhere to cut without splitting a figure).
func TestLongLineSplit(t *testing.T) {
	sentence := "全县共发展党员120名，培训村党组织书记35期、4200余人次。"
	text := strings.Repeat(sentence, 3*maxLineBytes/len(sentence))
	noEnd := strings.Repeat("党建引领基层治理", maxLineBytes/8)
	d, err := Parse("one.txt", []byte("标题\n"+text+"\n"+noEnd+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got, rest strings.Builder
	for _, l := range d.Lines[1:] {
		if len(l.Text) > maxLineBytes && l.No == 2 {
			t.Fatalf("line %d: %d bytes", l.No, len(l.Text))
		}
		switch l.No {
		case 2:
			if !strings.HasSuffix(l.Text, "。") {
				t.Fatalf("cut inside a sentence: …%s", l.Text[len(l.Text)-30:])
			}
			got.WriteString(l.Text)
		case 3:
			rest.WriteString(l.Text)
		default:
			t.Fatalf("line number %d", l.No)
		}
	}
	if got.String() != text || rest.String() != noEnd || len(d.Lines) < 4 {
		t.Fatalf("text changed or not split: %d lines", len(d.Lines))
	}
	checkLines(t, d)
}
