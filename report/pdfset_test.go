package report

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// TestPDFSetSharesFonts: a brief and a 核对单 written together share the
// brief's subset of each font (the same tagged name in both), the 核对单
// adds one of the characters the brief lacks, the brief is the same bytes
// as written alone, and each reads back as the same text as when written
// alone.
func TestPDFSetSharesFonts(t *testing.T) {
	u, cat, err := reviewedUnit()
	if err != nil {
		t.Fatal(err)
	}
	fonts := briefFonts(t)
	dir := t.TempDir()
	opts := BriefOptions{Simplify: func(s string) string { return s }}
	var set PDFSet
	if err := set.AddBrief(filepath.Join(dir, "set.pdf"), fonts, u, cat, NewPeers(nil), opts); err != nil {
		t.Fatal(err)
	}
	if err := set.AddChecklist(filepath.Join(dir, "set-核对单.pdf"), fonts, u, cat, nil); err != nil {
		t.Fatal(err)
	}
	if err := set.Write(); err != nil {
		t.Fatal(err)
	}
	if err := WriteBrief(filepath.Join(dir, "alone.pdf"), fonts, u, cat, NewPeers(nil), opts); err != nil {
		t.Fatal(err)
	}
	if err := WriteChecklist(filepath.Join(dir, "alone-核对单.pdf"), fonts, u, cat, nil); err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// The body font's subsets: their tagged names.
	body := regexp.MustCompile(`/BaseFont /([A-Z]{6}\+` + regexp.QuoteMeta(fonts.Body.name) + `)`)
	names := func(pdf []byte) map[string]bool {
		out := map[string]bool{}
		for _, m := range body.FindAllSubmatch(pdf, -1) {
			out[string(m[1])] = true
		}
		return out
	}
	b, c := names(read("set.pdf")), names(read("set-核对单.pdf"))
	if len(b) != 1 || len(c) != 2 {
		t.Fatalf("body subsets: brief %v, 核对单 %v; want one, and that one and another", b, c)
	}
	for n := range b {
		if !c[n] {
			t.Errorf("the 核对单 does not share the brief's body subset %s: %v", n, c)
		}
	}
	if !bytes.Equal(read("set.pdf"), read("alone.pdf")) {
		t.Error("the brief written with its 核对单 differs from the brief written alone")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed: text checks skipped")
	}
	for _, pair := range [][2]string{{"set.pdf", "alone.pdf"}, {"set-核对单.pdf", "alone-核对单.pdf"}} {
		x, err := exec.Command("pdftotext", filepath.Join(dir, pair[0]), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		y, err := exec.Command("pdftotext", filepath.Join(dir, pair[1]), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if len(x) < 200 || !bytes.Equal(x, y) {
			t.Errorf("%s reads differently from %s:\n%s\n---\n%s", pair[0], pair[1], x, y)
		}
	}
}

// TestFontFileKept: an equal subset is compressed once and reused; the
// font keeps only the last few.
func TestFontFileKept(t *testing.T) {
	f := briefFonts(t).Heading2
	a := f.fontFile([]rune("一、抓队伍"))
	if b := f.fontFile([]rune("抓队伍、一")); b != a {
		t.Error("an equal subset was made again")
	}
	if c := f.fontFile([]rune("二、建机制")); c == a || bytes.Equal(c.file, a.file) {
		t.Error("another subset got the first one's file")
	}
	for i := range fontFilesKept + 2 {
		f.fontFile([]rune{'甲' + rune(i)})
	}
	if len(f.files) > fontFilesKept {
		t.Errorf("%d subsets kept, want at most %d", len(f.files), fontFilesKept)
	}
	if b := f.fontFile([]rune("一、抓队伍")); b == a {
		t.Error("a subset older than the last few was still kept")
	}
}

// TestFontFileBorrowed: a body text's subset, made in a PDF set's own
// buffers, is the same bytes as one made to be kept, and is not kept; a
// heading's small subset still is.
func TestFontFileBorrowed(t *testing.T) {
	f := briefFonts(t).Body
	var body []rune
	for r := rune(0x4E00); len(body) <= fontFileKeepMax; r++ {
		if f.Has(r) {
			body = append(body, r)
		}
	}
	var bufs []*bytes.Buffer
	borrow := func() *bytes.Buffer { b := new(bytes.Buffer); bufs = append(bufs, b); return b }
	f.filesMu.Lock()
	f.files = nil
	f.filesMu.Unlock()
	got := f.fontFileIn(body, borrow)
	if len(bufs) != 2 || len(f.files) != 0 {
		t.Fatalf("a body subset: %d buffers borrowed, %d subsets kept; want 2, 0", len(bufs), len(f.files))
	}
	want := f.fontFile(body)
	if got.tag != want.tag || got.length1 != want.length1 || !bytes.Equal(got.file, want.file) || !bytes.Equal(got.cmap, want.cmap) {
		t.Fatal("a borrowed subset differs from the kept one")
	}
	small := f.fontFileIn([]rune("一、抓队伍"), borrow)
	if len(bufs) != 2 || f.fontFile([]rune("一、抓队伍")) != small {
		t.Error("a heading's subset was not kept")
	}
}

// forgetFontFiles empties the fonts' kept subsets, so that a benchmark
// writing one brief again and again measures what a quarter's briefs, each
// with its own characters, cost.
func forgetFontFiles(fs *Fonts) {
	for _, f := range []*Font{fs.Title, fs.Body, fs.Heading1, fs.Heading2, fs.Table} {
		f.filesMu.Lock()
		f.files = nil
		f.filesMu.Unlock()
	}
}

// FuzzAppendPDFNum: the integer formatting writes what the shortest
// float formatting of the value rounded to thousandths wrote.
func FuzzAppendPDFNum(f *testing.F) {
	for _, v := range []float64{0, -0.0004, 0.0005, 1, -1.5, 12.345, 297.0001, 841.889763, -0.001, 1e15, 1e300, -123456.7895} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		want := "0"
		if r := math.Round(v*1000) / 1000; r != 0 {
			want = strconv.FormatFloat(r, 'f', -1, 64)
		}
		if got := string(appendPDFNum(nil, v)); got != want {
			t.Errorf("%v: %s, want %s", v, got, want)
		}
	})
}

// TestFontFileSharedGlyph: a kept subset is reused only for the same
// characters, not merely the same glyphs (年 and U+F98E share one in
// WenQuanYi; review of issue 15).
func TestFontFileSharedGlyph(t *testing.T) {
	fs := briefFonts(t)
	f := fs.Heading1
	if f.gid['年'] == 0 || f.gid['年'] != f.gid[0xF98E] {
		t.Skip("the heading font does not draw 年 and U+F98E with one glyph")
	}
	forgetFontFiles(fs)
	f.fontFile([]rune("一年"))
	b := f.fontFile([]rune{'一', 0xF98E})
	if b.sub.cid[0xF98E] == 0 {
		t.Error("U+F98E got the subset made for 年, which has no id for it: it would print as a blank box")
	}
}

// TestPDFSetOrder: what a font keeps between PDFs never shows in their
// bytes: two units' briefs come out the same in either order, and a PDF's
// /ID follows its content.
func TestPDFSetOrder(t *testing.T) {
	fs := briefFonts(t)
	u, cat, err := reviewedUnit()
	if err != nil {
		t.Fatal(err)
	}
	v := u
	v.Name = "庆阳市"
	opts := BriefOptions{Simplify: func(s string) string { return s }}
	dir := t.TempDir()
	write := func(order []Unit, tag string) map[string][]byte {
		forgetFontFiles(fs)
		out := map[string][]byte{}
		for _, x := range order {
			var set PDFSet
			p := filepath.Join(dir, tag+x.Name+".pdf")
			if err := set.AddBrief(p, fs, x, cat, NewPeers(nil), opts); err != nil {
				t.Fatal(err)
			}
			if err := set.AddChecklist(filepath.Join(dir, tag+x.Name+"-核对单.pdf"), fs, x, cat, nil); err != nil {
				t.Fatal(err)
			}
			if err := set.Write(); err != nil {
				t.Fatal(err)
			}
			out[x.Name], _ = os.ReadFile(p)
		}
		return out
	}
	a, b := write([]Unit{u, v}, "a"), write([]Unit{v, u}, "b")
	for _, name := range []string{u.Name, v.Name} {
		if len(a[name]) == 0 || !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s's brief depends on the order the briefs were written in", name)
		}
	}
	id := regexp.MustCompile(`/ID \[<([0-9a-f]+)>`)
	ia, ib := id.FindSubmatch(a[u.Name]), id.FindSubmatch(a[v.Name])
	if ia == nil || ib == nil || bytes.Equal(ia[1], ib[1]) {
		t.Errorf("two briefs of different units share the /ID %q", ia)
	}
}

// TestPDFSetExtSwitch: a later PDF's characters that the first one's
// subset lacks are drawn from a second subset, switched to inside the
// text object, in every kind of text run: plain, bold (q…Q, 2 Tr), with
// letter spacing, starting with such a character, empty; and a font only
// the later PDF uses. The later PDF reads and renders as when written
// alone.
func TestPDFSetExtSwitch(t *testing.T) {
	fs := briefFonts(t)
	body, head := fs.Body, fs.Heading1
	black := [3]uint8{0, 0, 0}
	op := func(f *Font, y float64, s string) pdfOp {
		return pdfOp{kind: 't', font: f, size: 14, x: 20, y: y, s: s, color: black}
	}
	first := pdfDoc{pages: [][]pdfOp{{op(body, 30, "甲乙丙丁")}}}
	bold := op(body, 50, "丙戊己丁")
	bold.bold = 0.3
	spaced := op(body, 60, "庚甲辛乙")
	spaced.spacing = 1.5
	both := op(body, 70, "壬甲癸")
	both.bold, both.spacing = 0.3, 1
	later := pdfDoc{pages: [][]pdfOp{{
		op(body, 40, "戊甲己乙"), bold, spaced, both, op(body, 80, ""), op(head, 90, "子丑寅"),
	}}}
	write := func(docs ...pdfDoc) [][]byte {
		var out [][]byte
		writePDFs(docs, func(int) {}, func(_ int, pdf []byte) { out = append(out, bytes.Clone(pdf)) })
		return out
	}
	forgetFontFiles(fs)
	set := write(first, later)
	forgetFontFiles(fs)
	alone := write(later)[0]
	if n := bytes.Count(set[1], []byte("/FontFile2")); n != 3 {
		t.Errorf("the later PDF embeds %d font files, want 3 (the shared subset, its additions, the other font)", n)
	}
	dir := t.TempDir()
	files := map[string][]byte{"set.pdf": set[1], "alone.pdf": alone}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(tool string, args ...string) []byte {
		out, err := exec.Command(tool, args...).Output()
		if err != nil {
			t.Fatalf("%s %v: %v", tool, args, err)
		}
		return out
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	x, y := run("pdftotext", filepath.Join(dir, "set.pdf"), "-"), run("pdftotext", filepath.Join(dir, "alone.pdf"), "-")
	if !bytes.Equal(x, y) || !bytes.Contains(x, []byte("丙戊己丁")) || !bytes.Contains(x, []byte("子丑寅")) {
		t.Errorf("the later PDF reads\n%s\nalone\n%s", x, y)
	}
	if _, err := exec.LookPath("mutool"); err != nil {
		t.Skip("mutool not installed: rendering not compared")
	}
	for name := range files {
		run("mutool", "draw", "-q", "-r", "72", "-o", filepath.Join(dir, name+".pgm"), filepath.Join(dir, name), "1")
	}
	a, _ := os.ReadFile(filepath.Join(dir, "set.pdf.pgm"))
	b, _ := os.ReadFile(filepath.Join(dir, "alone.pdf.pgm"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("the later PDF renders differently from the same PDF written alone")
	}
}
