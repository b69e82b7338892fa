package source

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jung-kurt/gofpdf"
	xunicode "golang.org/x/text/encoding/unicode"
)

// projectFont is the font the briefs print with; it has the CJK glyphs.
var projectFont = filepath.Join("..", "templates", "fonts", "wqy-microhei.ttf")

// pdfOf prints paragraphs the way reports are printed: A4, paragraphs
// indented with two full-width spaces and wrapped at any character, and a
// page-number footer "— n —".
func pdfOf(tb testing.TB, paras []string) []byte {
	return pdfWith(tb, paras, "— %d —", nil)
}

// pdfWith is pdfOf with another footer ("" for none) and a hook that may
// change the document before the text is written.
func pdfWith(tb testing.TB, paras []string, footer string, setup func(*gofpdf.Fpdf)) []byte {
	tb.Helper()
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddUTF8Font("wqy", "", projectFont)
	if footer != "" {
		f.SetFooterFunc(func() {
			f.SetY(-15)
			f.CellFormat(0, 10, fmt.Sprintf(footer, f.PageNo()), "", 0, "C", false, 0, "")
		})
	}
	if setup != nil {
		setup(f)
	}
	f.SetFont("wqy", "", 12)
	f.AddPage()
	w, _ := f.GetPageSize()
	l, _, r, _ := f.GetMargins()
	for _, p := range paras {
		for _, line := range wrap(f, "\u3000\u3000"+p, w-l-r) {
			f.CellFormat(0, 7, line, "", 1, "L", false, 0, "")
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// wrap breaks text into lines that fit width, at any character as Chinese
// is set. (gofpdf's MultiCell drops the character at a break when the text
// has no spaces.)
func wrap(f *gofpdf.Fpdf, text string, width float64) []string {
	var lines []string
	var cur []rune
	for _, r := range text {
		if len(cur) > 0 && f.GetStringWidth(string(append(cur, r))) > width {
			lines = append(lines, string(cur))
			cur = cur[:0]
		}
		cur = append(cur, r)
	}
	return append(lines, string(cur))
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestPDFParagraphs: a printed sample report (several pages, simplified and
// traditional) reads back as the paragraphs of its text, page numbers gone.
func TestPDFParagraphs(t *testing.T) {
	for _, name := range []string{"ningbo.txt", "pingliang.txt"} {
		data, err := os.ReadFile(filepath.Join("..", "samples", "2024Q4", name))
		if err != nil {
			t.Fatal(err)
		}
		base, err := Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse("report.pdf", pdfOf(t, nonEmptyLines(string(data))))
		if err != nil {
			t.Fatal(err)
		}
		if d.Format != "pdf" || d.Traditional != base.Traditional {
			t.Fatalf("%s: format %q, traditional %v", name, d.Format, d.Traditional)
		}
		checkLines(t, d)
		if got, want := strings.Join(texts(d), "\n"), strings.Join(texts(base), "\n"); got != want {
			t.Errorf("%s: paragraphs differ\n got: %s\nwant: %s", name, got, want)
		}
	}
}

// TestPDFRunningHead: a head printed on every page goes, and paragraphs
// still run on over the page breaks.
func TestPDFRunningHead(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "samples", "2024Q4", "ningbo.txt"))
	if err != nil {
		t.Fatal(err)
	}
	base, err := Parse("ningbo.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	pdf := pdfWith(t, nonEmptyLines(string(data)), "第%d页 共3页", func(f *gofpdf.Fpdf) {
		f.SetHeaderFunc(func() {
			f.SetFont("wqy", "", 9)
			f.CellFormat(0, 8, fmt.Sprintf("宁波市委组织部 内部资料 第%d期", f.PageNo()+20), "B", 1, "R", false, 0, "")
			f.SetFont("wqy", "", 12)
		})
	})
	d, err := Parse("ningbo.pdf", pdf)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(texts(d), "\n"), strings.Join(texts(base), "\n"); got != want {
		t.Errorf("paragraphs differ\n got: %s\nwant: %s", got, want)
	}
}

// TestPDFLineNumbers: a paragraph is numbered by the running text line it
// starts on, counting the lines of every page, page numbers included.
func TestPDFLineNumbers(t *testing.T) {
	long := strings.Repeat("全市基层党组织共1075个，", 8) // three printed lines
	var paras []string
	for i := range 40 {
		paras = append(paras, fmt.Sprintf("第%d段。", i+1), long)
	}
	d, err := Parse("n.pdf", pdfOf(t, paras))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Lines) != 80 {
		t.Fatalf("%d paragraphs, want 80", len(d.Lines))
	}
	// A4 at 7 mm a line holds 38 lines; the footer is the 39th line.
	no := 1
	for i, l := range d.Lines {
		if no%39 == 0 {
			no++ // the page number line
		}
		if l.No != no {
			t.Fatalf("paragraph %d (%.20q) is line %d, want %d", i+1, l.Text, l.No, no)
		}
		lines := 1
		if i%2 == 1 {
			lines = 3
		}
		for range lines {
			if no++; no%39 == 0 {
				no++
			}
		}
	}
}

// TestPDFPageNumbers: the usual page-number lines go, a figure line that is
// just as short stays.
func TestPDFPageNumbers(t *testing.T) {
	for _, footer := range []string{"— %d —", "- %d -", "第 %d 页", "第%d页 共9页", "%d", "%d/9"} {
		d, err := Parse("p.pdf", pdfWith(t, []string{"党员120名。", "120名"}, footer, nil))
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(texts(d), "|"); got != "党员120名。|120名" {
			t.Errorf("footer %q: got %q", footer, got)
		}
	}
}

func imagePDF(tb testing.TB) []byte {
	img := image.NewGray(image.Rect(0, 0, 200, 280))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(3, 3, color.Black)
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		tb.Fatal(err)
	}
	f := gofpdf.New("P", "mm", "A4", "")
	f.AddPage()
	f.RegisterImageOptionsReader("scan", gofpdf.ImageOptions{ImageType: "PNG"}, &pngData)
	f.ImageOptions("scan", 10, 10, 190, 270, false, gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

func TestPDFErrors(t *testing.T) {
	good := pdfOf(t, []string{"党员120名。"})
	locked := pdfWith(t, []string{"党员120名。"}, "", func(f *gofpdf.Fpdf) { f.SetProtection(gofpdf.CnProtectPrint, "user", "owner") })
	html := []byte("<!DOCTYPE html><html><body><p>404 页面不存在</p></body></html>")
	tests := []struct {
		name   string
		data   []byte
		reason string
	}{
		{"scanned", imagePDF(t), reasonPDFScanned},
		{"password", locked, reasonPDFLocked},
		{"truncated", good[:len(good)/2], reasonBadPDF},
		{"header only", []byte("%PDF-1.4\n%%EOF\n"), reasonBadPDF},
		{"no trailer", bytes.ReplaceAll(good, []byte("startxref"), []byte("startxreg")), reasonBadPDF},
		{"web page named .pdf", html, reasonBadPDF},
		// The library would allocate a table for object 2^40 at once, and
		// follow a /Prev that points at its own section for ever.
		{"huge object number", bytes.Replace(good, []byte("xref\n0 "), []byte("xref\n1099511627776 "), 1), reasonBadPDF},
		{"xref loop", xrefLoop(good), reasonBadPDF},
		{"empty", nil, reasonBadPDF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("报告.pdf", tt.data)
			if err == nil {
				t.Fatalf("no error; lines %q", texts(d))
			}
			wantError(t, err, "报告.pdf", tt.reason)
		})
	}
}

// xrefLoop makes the trailer's /Prev point at its own xref section.
func xrefLoop(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("startxref\n"))
	off := string(bytes.Fields(data[i+len("startxref\n"):])[0])
	return bytes.Replace(data, []byte("trailer\n<<"), []byte("trailer\n<< /Prev "+off), 1)
}

// TestPDFReadable: files that are odd but readable.
func TestPDFReadable(t *testing.T) {
	tests := map[string][]byte{
		// (A file with only an owner password should read too, but gofpdf
		// cannot make one: it carries its RC4 keystream over from one string
		// of an object to the next, so no reader decrypts its streams.)
		// PDF 2.0 changed nothing the reader relies on.
		"version 2.0": bytes.Replace(pdfOf(t, []string{"党员120名。"}), []byte("%PDF-1.3"), []byte("%PDF-2.0"), 1),
	}
	for name, data := range tests {
		d, err := Parse("a.pdf", data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := strings.Join(texts(d), "|"); got != "党员120名。" {
			t.Errorf("%s: got %q", name, got)
		}
	}
	// The format follows the content: a PDF saved as .txt or .doc.
	for _, name := range []string{"a.txt", "a.doc", "a.docx"} {
		if d, err := Parse(name, pdfOf(t, []string{"党员120名。"})); err != nil || d.Format != "pdf" {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestPDFBounds(t *testing.T) {
	data := pdfOf(t, []string{"党员120名。"})
	defer func(n int) { maxPDFOps = n }(maxPDFOps)
	maxPDFOps = 5
	_, err := Parse("big.pdf", data)
	wantError(t, err, "big.pdf", reasonTooLarge)
	maxPDFOps = 1 << 20

	defer func(n int) { maxPDFPages = n }(maxPDFPages)
	maxPDFPages = 1
	_, err = Parse("long.pdf", pdfOf(t, nonEmptyLines(strings.Repeat("党员120名。\n", 60))))
	wantError(t, err, "long.pdf", "PDF 页数过多（超过 1 页），请拆分后重试")
}

// TestPDFRead goes through Read, which streams the file.
func TestPDFRead(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(p, pdfOf(t, []string{"党员120名。"}), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Read(p)
	if err != nil || len(d.Lines) != 1 || d.Lines[0].No != 1 {
		t.Fatalf("got %v %+v", err, d)
	}
	got, err := Collect([]string{filepath.Dir(p)})
	if err != nil || len(got) != 1 {
		t.Fatalf("Collect: %v %q", err, got)
	}
}

func TestToUnicode(t *testing.T) {
	cmap := `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
2 begincodespacerange <00> <7f> <8000> <ffff> endcodespacerange
2 beginbfchar <01> <0041> <8001> <515a> endbfchar
% a range wider than 256 codes, and one with a text for each code
2 beginbfrange <8100> <84ff> <4e00>
<9000> <9001> [<5e02> <d83dde00>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`
	m := parseToUnicode([]byte(cmap), 2)
	tests := map[string]string{
		"\x01":                 "A",
		"\x80\x01":             "党",
		"\x81\x00\x82\x01":     "一\u4f01",
		"\x90\x00\x90\x01":     "市😀",
		"\x01\x80\x01\x02":     "A党\uFFFD",
		"\x85\x00":             "\uFFFD",
		"\x81\x00\x01\x90\x01": "一A😀",
	}
	for raw, want := range tests {
		if got := m.Decode(raw); got != want {
			t.Errorf("Decode(%q) = %q, want %q", raw, got, want)
		}
	}
}

// rawPDF assembles a PDF from object bodies (object 1 is the catalog),
// with a correct cross-reference table.
func rawPDF(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

func pdfStream(dict, data string) string {
	return fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), dict, data)
}

// onePage is a one-page PDF whose page draws content with font F1 (object
// 5) and may use form X1 (object 6).
func onePage(content, font, form string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> /Contents 4 0 R >>",
		pdfStream("", content),
		font,
	}
	if form != "" {
		objs = append(objs, form)
	}
	return rawPDF(objs...)
}

func hexOf(b []byte) string { return fmt.Sprintf("<%x>", b) }

// TestPDFFonts: the encodings Chinese PDFs come with, and text in forms.
func TestPDFFonts(t *testing.T) {
	line := "全市党员120名，網格36個"
	cid := func(enc string) string {
		return "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /" + enc +
			" /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /DW 1000 >>] >>"
	}
	show := func(raw []byte) string { return "BT /F1 12 Tf 72 720 Td " + hexOf(raw) + " Tj ET" }
	helvetica := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"UniGB-UCS2-H", onePage(show(encode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), line)), cid("UniGB-UCS2-H"), ""), line},
		{"GBK-EUC-H", onePage(show(encode(t, gbk, "全市党员120名，网格36个")), cid("GBK-EUC-H"), ""), "全市党员120名，网格36个"},
		{"ETen-B5-H", onePage(show(encode(t, big5, "全市黨員120名")), cid("ETen-B5-H"), ""), "全市黨員120名"},
		{"WinAnsi, words spaced by TJ", onePage("BT /F1 12 Tf 72 720 Td [(Party)-280(members)-280(120)] TJ ET", helvetica, ""), "Party members 120"},
		{"form XObject", onePage("q 1 0 0 1 0 -100 cm /X1 Do Q",
			helvetica, pdfStream("/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>", "BT /F1 12 Tf 72 720 Td (Grid 36) Tj ET")), "Grid 36"},
	}
	for _, tt := range tests {
		d, err := Parse("f.pdf", tt.data)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := strings.Join(texts(d), "|"); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
	// Content the library's interpreter loops on (a hex string cut off by
	// the end of the stream) or that is not syntax (inline image data).
	for _, c := range []string{"BT /F1 12 Tf 72 720 Td (Grid 36) Tj ET <4142", "BI /W 2 /H 2 /BPC 8 /CS /G ID \x00)(<<[ EI Q\nBT /F1 12 Tf 72 720 Td (Grid 36) Tj ET"} {
		d, err := Parse("f.pdf", onePage(c, helvetica, ""))
		if err != nil || strings.Join(texts(d), "|") != "Grid 36" {
			t.Errorf("content %q: %v %q", c, err, texts(d))
		}
	}
	// A page whose content cannot be decoded is named.
	bad := rawPDF("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", pdfStream("/Filter /NoSuchDecode", "xx"))
	_, err := Parse("f.pdf", bad)
	wantError(t, err, "f.pdf", "PDF 第 1 页无法读取（文件可能已损坏）")
	// A CID font with neither a ToUnicode map nor a known CMap: the codes
	// say nothing about the characters.
	_, err = Parse("f.pdf", onePage(show([]byte{0x12, 0x34, 0x05, 0x06, 0x07, 0x08}), cid("Identity-H"), ""))
	wantError(t, err, "f.pdf", reasonPDFGlyphs)
}
