package report

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// gb2312Hanzi lists the 6763 hanzi of GB 2312 (rows 16 to 87).
func gb2312Hanzi(t *testing.T) []rune {
	dec := simplifiedchinese.GBK.NewDecoder()
	var out []rune
	for hi := 0xB0; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			s, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err != nil {
				continue
			}
			for _, r := range string(s) {
				if r != 0xFFFD {
					out = append(out, r)
				}
			}
		}
	}
	if len(out) != 6763 {
		t.Fatalf("%d GB 2312 hanzi, want 6763", len(out))
	}
	return out
}

// TestFontCoverage: every default font of the brief draws every GB 2312
// hanzi and the punctuation and signs the brief prints.
func TestFontCoverage(t *testing.T) {
	hanzi := gb2312Hanzi(t)
	fs := briefFonts(t)
	for _, f := range []*Font{fs.Title, fs.Heading1, fs.Heading2} {
		var missing []string
		for _, r := range hanzi {
			if !f.Has(r) {
				missing = append(missing, string(r))
			}
		}
		for _, r := range "，。、；：？！“”‘’（）《》【】—…·％0123456789%.〓\u3000" {
			if !f.Has(r) {
				missing = append(missing, string(r))
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s lacks %d characters: %s", f.Path(), len(missing), strings.Join(missing[:min(20, len(missing))], ""))
		}
	}
}

// testCollection joins TrueType fonts into a collection (.ttc): each
// font's bytes after the header, its table offsets moved along.
func testCollection(t *testing.T, fonts ...[]byte) []byte {
	t.Helper()
	head := 12 + 4*len(fonts)
	out := make([]byte, head)
	copy(out, "ttcf\x00\x01\x00\x00")
	binary.BigEndian.PutUint32(out[8:], uint32(len(fonts)))
	for i, f := range fonts {
		base := len(out)
		binary.BigEndian.PutUint32(out[12+4*i:], uint32(base))
		out = append(out, f...)
		n := int(binary.BigEndian.Uint16(f[4:]))
		for k := 0; k < n; k++ {
			rec := base + 12 + 16*k + 8
			binary.BigEndian.PutUint32(out[rec:], binary.BigEndian.Uint32(out[rec:])+uint32(base))
		}
	}
	return out
}

func TestLoadFontCollection(t *testing.T) {
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("..", "templates", "fonts", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	ttc := filepath.Join(t.TempDir(), "office.ttc")
	if err := os.WriteFile(ttc, testCollection(t, read("gkai00mp.ttf"), read("wqy-microhei.ttf")), 0o644); err != nil {
		t.Fatal(err)
	}
	for spec, family := range map[string]string{
		ttc:                        "AR PL KaitiM GB",
		ttc + "#0":                 "AR PL KaitiM GB",
		ttc + "#1":                 "文泉驛微米黑",
		ttc + "#文泉驛微米黑":            "文泉驛微米黑",
		ttc + "#WenQuanYiMicroHei": "文泉驛微米黑",
		ttc + "#ar pl kaitim gb":   "AR PL KaitiM GB",
	} {
		f, err := LoadFont(spec)
		if err != nil {
			t.Errorf("LoadFont(%s): %v", spec, err)
			continue
		}
		if f.family != family || !f.Has('党') {
			t.Errorf("LoadFont(%s) = %q, want %q", spec, f.family, family)
		}
	}
	for spec, want := range map[string]string{
		ttc + "#2":  "只有 2 个字体",
		ttc + "#宋体": "没有名为",
		ttc + "#-1": "只有 2 个字体",
		filepath.Join("..", "templates", "fonts", "gkai00mp.ttf#1"): "不是字体集",
	} {
		if _, err := LoadFont(spec); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("LoadFont(%s) = %v, want an error with %q", spec, err, want)
		}
	}
	// A brief set in faces taken from the collection.
	kai, _ := LoadFont(ttc + "#0")
	hei, _ := LoadFont(ttc + "#1")
	out := filepath.Join(t.TempDir(), "ttc.pdf")
	if err := WriteBrief(out, &Fonts{Title: hei, Body: kai, Heading1: hei, Heading2: kai, Table: kai}, briefTestUnit(), briefCatalogue(t), nil, BriefOptions{}); err != nil {
		t.Fatal(err)
	}
	checkPDFFontsN(t, out, 2)
}

func TestLoadFontErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o644)
		return p
	}
	otf := write("cff.otf", append([]byte("OTTO"), make([]byte, 40)...))
	for _, tt := range []struct{ path, want string }{
		{filepath.Join(dir, "missing.ttf"), "不存在"},
		{write("bad.ttf", []byte("not a font at all")), "不是 TrueType 字体"},
		{write("x.ttc", []byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x00")), "字体集"},
		{otf, "CFF"},
		{write("short.ttf", []byte("\x00\x01\x00\x00\x00\x09\x00\x00\x00\x00\x00\x00")), "表目录不完整"},
	} {
		_, err := LoadFont(tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
			t.Errorf("LoadFont(%s) = %v, want error naming the file with %q", tt.path, err, tt.want)
		}
	}
}

// FuzzParseFont: any bytes give a font or a message, never a panic, and a
// font that parses can be cut to a subset.
func FuzzParseFont(f *testing.F) {
	kai, err := os.ReadFile(filepath.Join("..", "templates", "fonts", "gkai00mp.ttf"))
	if err != nil {
		f.Fatal(err)
	}
	// A small complete font, and the head of a large one.
	font, err := ParseFont("kai", kai)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(testTinyFont(f, font, "一党建0，"))
	f.Add(kai[:4096])
	f.Add([]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x01\x00\x00\x00\x10"))
	f.Fuzz(func(t *testing.T, data []byte) {
		font, err := ParseFont("fuzz.ttf", data)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.ttf") {
				t.Fatalf("message does not name the file: %v", err)
			}
			return
		}
		s := font.subset([]rune("一二三0"))
		s.ttf()
	})
}

// testTinyFont cuts f to runes and gives the cut a format 4 cmap, making a
// small complete TrueType font (a fuzz seed, and a check of the subset).
func testTinyFont(t testing.TB, f *Font, runes string) []byte {
	s := f.subset([]rune(runes))
	raw := s.ttf()
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(raw[4:]))
	for i := 0; i < n; i++ {
		rec := raw[12+16*i:]
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		tables[string(rec[:4])] = raw[off : off+ln]
	}
	// One segment per character, then the 0xFFFF end segment.
	seg := len(s.runes) + 1
	sub := make([]byte, 16+8*seg)
	binary.BigEndian.PutUint16(sub, 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*seg))
	for i := 0; i < seg; i++ {
		c, g := uint16(0xFFFF), uint16(0)
		if i < len(s.runes) {
			c, g = uint16(s.runes[i]), s.cid[s.runes[i]]
		}
		binary.BigEndian.PutUint16(sub[14+2*i:], c)
		binary.BigEndian.PutUint16(sub[16+2*seg+2*i:], c)
		binary.BigEndian.PutUint16(sub[16+4*seg+2*i:], g-c)
	}
	cmap := append([]byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}, sub...)
	tables["cmap"] = cmap
	return writeSFNT(tables)
}

// TestFontSubset: a subset reads back as a font with the same glyphs and
// advances, composite glyphs included.
func TestFontSubset(t *testing.T) {
	for _, f := range []*Font{briefFonts(t).Body, briefFonts(t).Heading1, briefFonts(t).Heading2} {
		const text = "一党建引领基层治理0123%，。“”—Aé"
		tiny, err := ParseFont("tiny", testTinyFont(t, f, text))
		if err != nil {
			t.Fatalf("%s: subset does not parse: %v", f.Path(), err)
		}
		for _, r := range text {
			if f.Has(r) != tiny.Has(r) || f.widths[r] != tiny.widths[r] {
				t.Errorf("%s: %q: width %d in the font, %d in the subset", f.Path(), r, f.widths[r], tiny.widths[r])
			}
			if g := tiny.glyph(int(tiny.gid[r])); f.Has(r) && len(g) == 0 && len(f.glyph(int(f.gid[r]))) > 0 {
				t.Errorf("%s: %q lost its outline", f.Path(), r)
			}
		}
		// A composite glyph names its components by the subset's own ids.
		composites := 0
		for _, r := range text {
			if !f.Has(r) {
				continue
			}
			c0, c1 := glyphComponents(f.glyph(int(f.gid[r]))), glyphComponents(tiny.glyph(int(tiny.gid[r])))
			if len(c0) != len(c1) {
				t.Errorf("%s: %q: %d components in the font, %d in the subset", f.Path(), r, len(c0), len(c1))
				continue
			}
			composites += len(c0)
			for i := range c1 {
				if int(c1[i]) >= tiny.numGlyphs || len(tiny.glyph(int(c1[i]))) == 0 != (len(f.glyph(int(c0[i]))) == 0) {
					t.Errorf("%s: %q: component %d is glyph %d of %d in the subset", f.Path(), r, i, c1[i], tiny.numGlyphs)
				}
			}
		}
		t.Logf("%s: %d components checked", f.Path(), composites)
		if tiny.numGlyphs > len(text)+8 {
			t.Errorf("%s: subset of %d characters has %d glyphs", f.Path(), len([]rune(text)), tiny.numGlyphs)
		}
	}
}
