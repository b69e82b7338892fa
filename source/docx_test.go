package source

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"reflect"
	"strings"
	"testing"
)

// makeDocx builds a minimal .docx whose body is the given WordprocessingML.
func makeDocx(t testing.TB, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>` + body + `</w:body></w:document>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDocx(t *testing.T) {
	body := `<w:p><w:r><w:t>党建引领</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>基层治理</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t xml:space="preserve">全市共组织</w:t></w:r><w:r><w:t>34</w:t></w:r><w:r><w:t>72名党员</w:t></w:r><w:r><w:tab/><w:t>集中观展</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>村集体经济</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>30余万元</w:t></w:r></w:p><w:p><w:r><w:t>同比增长12%</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>上一篇</w:t></w:r></w:p>
<w:p><mc:AlternateContent><mc:Choice><w:r><w:t>文本框</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>文本框</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>
<w:p><w:r><w:delText>删除的文字</w:delText><w:t>平涼市</w:t></w:r></w:p>`
	d, err := Parse("r.docx", makeDocx(t, body))
	if err != nil {
		t.Fatal(err)
	}
	want := []Line{
		{No: 1, Text: "党建引领基层治理", Simplified: "党建引领基层治理"},
		{No: 3, Text: "全市共组织3472名党员 集中观展", Simplified: "全市共组织3472名党员 集中观展"},
		{No: 4, Text: "第二行", Simplified: "第二行"},
		{No: 5, Text: "村集体经济", Simplified: "村集体经济"},
		{No: 6, Text: "30余万元", Simplified: "30余万元"},
		{No: 7, Text: "同比增长12%", Simplified: "同比增长12%"},
		{No: 9, Text: "文本框", Simplified: "文本框"},
		{No: 10, Text: "平涼市", Simplified: "平凉市"},
	}
	if !reflect.DeepEqual(d.Lines, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", d.Lines, want)
	}
	if d.Format != "docx" || !d.Traditional {
		t.Fatalf("format %q traditional %v", d.Format, d.Traditional)
	}
}

func TestDocxErrors(t *testing.T) {
	var noDoc bytes.Buffer
	zw := zip.NewWriter(&noDoc)
	w, _ := zw.Create("word/other.xml")
	w.Write([]byte("<x/>"))
	zw.Close()
	tests := []struct {
		name, path string
		data       []byte
		reason     string
	}{
		{"not a zip", "a.docx", []byte("plain text, not a zip"), reasonBadDocx},
		{"no document.xml", "b.docx", noDoc.Bytes(), reasonBadDocx},
		{"broken xml", "c.docx", makeDocx(t, "<w:p><w:r><w:t>未闭合"), reasonBadDocx},
		{"empty body", "d.docx", makeDocx(t, "<w:p/>"), reasonNoText},
		{"legacy .doc", "e.doc", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), reasonLegacy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.path, tt.data)
			wantError(t, err, tt.path, tt.reason)
		})
	}
}

func TestDocxZipBomb(t *testing.T) {
	// The header claims 300 MB: refused before inflating anything.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Store, UncompressedSize64: 300 << 20, CompressedSize64: 3})
	w.Write([]byte("<x>"))
	zw.Close()
	_, err := Parse("bomb.docx", buf.Bytes())
	wantError(t, err, "bomb.docx", reasonInflated(300<<20))

	// A header that understates the size is caught while inflating (by
	// archive/zip itself, or by our limit when the header is honest).
	defer func(n int64) { maxDocumentXML = n }(maxDocumentXML)
	maxDocumentXML = 1 << 10
	var raw bytes.Buffer
	fw, _ := flate.NewWriter(&raw, flate.BestCompression)
	fw.Write([]byte("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
		strings.Repeat("<w:p><w:r><w:t>很长的正文</w:t></w:r></w:p>", 200)))
	fw.Close()
	buf.Reset()
	zw = zip.NewWriter(&buf)
	w, _ = zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, UncompressedSize64: 100, CompressedSize64: uint64(raw.Len())})
	w.Write(raw.Bytes())
	zw.Close()
	_, err = Parse("liar.docx", buf.Bytes())
	wantError(t, err, "liar.docx", reasonBadDocx)
}

func TestReadDocxFile(t *testing.T) {
	p := t.TempDir() + "/r.docx"
	if err := writeFile(p, makeDocx(t, "<w:p><w:r><w:t>全市党员12万名</w:t></w:r></w:p>")); err != nil {
		t.Fatal(err)
	}
	d, err := Read(p)
	if err != nil || len(d.Lines) != 1 || d.Path != p {
		t.Fatalf("got %v %+v", err, d)
	}
}
