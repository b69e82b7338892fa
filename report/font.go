package report

import (
	"encoding/binary"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf16"
)

// Font is one TrueType face, parsed once per run and then only read: the
// briefs, rendered in parallel, measure text with it and cut their subsets
// from its tables (fontsubset.go). Reading the tables ourselves, rather than
// through gofpdf, is what lets a brief embed a subset without parsing the
// font again (gofpdf parses the whole font for every document, 13 MB of
// allocations per brief).
type Font struct {
	path   string // as messages name it: the file and, for a collection, the face
	name   string // PostScript name, for the PDF's BaseFont
	family string
	names  []string // every family, full and PostScript name, in any language

	tables map[string][]byte // slices of the file, never written
	upm    float64

	numGlyphs int
	longLoca  bool
	loca      []byte
	glyf      []byte
	hmtx      []byte
	nHMetrics int

	gid     []uint16 // BMP rune -> glyph; 0: none
	widths  []uint16 // BMP rune -> advance in 1/1000 em; 0: no glyph
	ascent  float64  // in em
	descent float64  // in em, positive
	capH    float64  // in em
	bbox    [4]float64
	italic  float64
	fixed   bool

	// pieces caches glyphs as subsets embed them (font_subset.go), filled
	// as briefs need them; the only part of a Font written after parsing.
	pieces []atomic.Pointer[glyphPiece]

	// files keeps the last embedded subsets (brief_pdf.go fontFile).
	filesMu sync.Mutex
	files   []*pdfFontFile
}

// LoadFont reads a TrueType font (.ttf, glyf outlines) or one face of a
// TrueType collection (.ttc): "simsun.ttc#1" or "simsun.ttc#NSimSun" picks
// the face by index or name, a collection without # gives its first face.
func LoadFont(spec string) (*Font, error) {
	path, face := splitFontSpec(spec)
	data, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("字体文件 %s 不存在", path)
		}
		return nil, fmt.Errorf("无法读取字体文件 %s：%v", path, err)
	}
	return parseFontFace(spec, data, face)
}

// ParseFont is LoadFont over bytes already read, such as a font built into
// the binary; name is how messages call it, and may end in #face.
func ParseFont(name string, data []byte) (*Font, error) {
	_, face := splitFontSpec(name)
	return parseFontFace(name, data, face)
}

// splitFontSpec cuts "file.ttc#face" into the file and the face; a # that
// is part of a file name without a face after it stays in the path.
func splitFontSpec(spec string) (path, face string) {
	i := strings.LastIndexByte(spec, '#')
	if i < 0 || i == len(spec)-1 || strings.ContainsAny(spec[i+1:], `/\`) {
		return spec, ""
	}
	return spec[:i], spec[i+1:]
}

func parseFontFace(name string, data []byte, face string) (f *Font, err error) {
	defer func() {
		// A malformed font must give a message, never a panic.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("字体文件 %s 不可用：结构有误（%v）", name, r)
		}
	}()
	off, err := fontFaceOffset(data, face)
	if err == nil {
		f, err = parseSFNT(data, off)
	}
	if err != nil {
		return nil, fmt.Errorf("字体文件 %s 不可用：%s", name, err)
	}
	f.path = name
	return f, nil
}

// fontFaceOffset finds the offset table of the face to use: 0 for a single
// font, the chosen face's for a collection.
func fontFaceOffset(d []byte, face string) (int, error) {
	if len(d) < 12 {
		return 0, fmt.Errorf("不是 TrueType 字体")
	}
	switch string(d[:4]) {
	case "\x00\x01\x00\x00", "true":
		if face != "" && face != "0" {
			return 0, fmt.Errorf("不是字体集（.ttc），不能选第 %s 个字体", face)
		}
		return 0, nil
	case "OTTO":
		return 0, fmt.Errorf("是 CFF 轮廓的 OpenType 字体，需要 TrueType（glyf）轮廓的字体")
	case "ttcf":
	default:
		return 0, fmt.Errorf("不是 TrueType 字体")
	}
	n := int(binary.BigEndian.Uint32(d[8:]))
	if n <= 0 || 12+4*n > len(d) {
		return 0, fmt.Errorf("字体集目录不完整")
	}
	offs := make([]int, n)
	for i := range offs {
		offs[i] = int(binary.BigEndian.Uint32(d[12+4*i:]))
	}
	if face == "" {
		return offs[0], nil
	}
	if i, err := strconv.Atoi(face); err == nil {
		if i < 0 || i >= n {
			return 0, fmt.Errorf("字体集只有 %d 个字体（0 至 %d），没有第 %d 个", n, n-1, i)
		}
		return offs[i], nil
	}
	var names []string
	for _, o := range offs {
		f, err := parseSFNT(d, o)
		if err != nil {
			continue
		}
		for _, n := range f.names {
			if strings.EqualFold(n, face) {
				return o, nil
			}
		}
		names = append(names, f.family)
	}
	return 0, fmt.Errorf("字体集中没有名为 %q 的字体（有：%s）", face, strings.Join(names, "、"))
}

func parseSFNT(d []byte, off int) (*Font, error) {
	if off < 0 || off+12 > len(d) {
		return nil, fmt.Errorf("表目录不完整")
	}
	if v := string(d[off : off+4]); v == "OTTO" {
		return nil, fmt.Errorf("是 CFF 轮廓的 OpenType 字体，需要 TrueType（glyf）轮廓的字体")
	} else if v != "\x00\x01\x00\x00" && v != "true" {
		return nil, fmt.Errorf("不是 TrueType 字体")
	}
	n := int(binary.BigEndian.Uint16(d[off+4:]))
	f := &Font{tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := off + 12 + 16*i
		if rec+16 > len(d) {
			return nil, fmt.Errorf("表目录不完整")
		}
		to := int(binary.BigEndian.Uint32(d[rec+8:]))
		tl := int(binary.BigEndian.Uint32(d[rec+12:]))
		if to < 0 || tl < 0 || to+tl > len(d) || to+tl < to {
			return nil, fmt.Errorf("表 %q 越界", d[rec:rec+4])
		}
		f.tables[string(d[rec:rec+4])] = d[to : to+tl : to+tl]
	}
	if _, ok := f.tables["CFF "]; ok {
		return nil, fmt.Errorf("是 CFF 轮廓的 OpenType 字体，需要 TrueType（glyf）轮廓的字体")
	}
	for _, t := range []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"} {
		if _, ok := f.tables[t]; !ok {
			return nil, fmt.Errorf("缺少 %s 表", t)
		}
	}
	head, hhea, maxp := f.tables["head"], f.tables["hhea"], f.tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, fmt.Errorf("head、hhea 或 maxp 表不完整")
	}
	f.upm = float64(binary.BigEndian.Uint16(head[18:]))
	if f.upm == 0 {
		return nil, fmt.Errorf("head 表的 unitsPerEm 为 0")
	}
	for i := range f.bbox {
		f.bbox[i] = float64(int16(binary.BigEndian.Uint16(head[36+2*i:]))) / f.upm
	}
	f.longLoca = binary.BigEndian.Uint16(head[50:]) == 1
	f.numGlyphs = int(binary.BigEndian.Uint16(maxp[4:]))
	f.nHMetrics = int(binary.BigEndian.Uint16(hhea[34:]))
	f.loca, f.glyf, f.hmtx = f.tables["loca"], f.tables["glyf"], f.tables["hmtx"]
	f.pieces = make([]atomic.Pointer[glyphPiece], f.numGlyphs)
	locaLen := 2 * (f.numGlyphs + 1)
	if f.longLoca {
		locaLen *= 2
	}
	if f.numGlyphs == 0 || len(f.loca) < locaLen {
		return nil, fmt.Errorf("loca 表不完整")
	}
	if f.nHMetrics == 0 || f.nHMetrics > f.numGlyphs || len(f.hmtx) < 4*f.nHMetrics+2*(f.numGlyphs-f.nHMetrics) {
		return nil, fmt.Errorf("hmtx 表不完整")
	}
	f.ascent = float64(int16(binary.BigEndian.Uint16(hhea[4:]))) / f.upm
	f.descent = -float64(int16(binary.BigEndian.Uint16(hhea[6:]))) / f.upm
	f.capH = f.ascent * 0.8
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		if c := float64(int16(binary.BigEndian.Uint16(os2[88:]))) / f.upm; c > 0 {
			f.capH = c
		}
	}
	if post := f.tables["post"]; len(post) >= 16 {
		f.italic = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
		f.fixed = binary.BigEndian.Uint32(post[12:]) != 0
	}
	f.readNames()
	if err := f.readCmap(); err != nil {
		return nil, err
	}
	f.widths = make([]uint16, 0x10000)
	for r, g := range f.gid {
		if g != 0 {
			// Never 0 for a mapped character: 0 means "no glyph".
			f.widths[r] = uint16(max(1, min(65535, f.advance(int(g))*1000/f.upm)))
		}
	}
	if f.widths[0x4E00] == 0 || f.widths['0'] == 0 {
		return nil, fmt.Errorf("缺少中文或数字字形")
	}
	return f, nil
}

// advance is glyph g's advance width in font units.
func (f *Font) advance(g int) float64 {
	if g >= f.nHMetrics {
		g = f.nHMetrics - 1
	}
	return float64(binary.BigEndian.Uint16(f.hmtx[4*g:]))
}

// glyph is the outline bytes of glyph g (empty for a blank glyph).
func (f *Font) glyph(g int) []byte {
	var a, b int
	if f.longLoca {
		a, b = int(binary.BigEndian.Uint32(f.loca[4*g:])), int(binary.BigEndian.Uint32(f.loca[4*g+4:]))
	} else {
		a, b = 2*int(binary.BigEndian.Uint16(f.loca[2*g:])), 2*int(binary.BigEndian.Uint16(f.loca[2*g+2:]))
	}
	if a < 0 || b < a || b > len(f.glyf) {
		return nil
	}
	return f.glyf[a:b:b]
}

// readNames reads the family and PostScript names (name ids 1 and 6),
// preferring the Windows Unicode records.
func (f *Font) readNames() {
	t := f.tables["name"]
	if len(t) < 6 {
		return
	}
	count, store := int(binary.BigEndian.Uint16(t[2:])), int(binary.BigEndian.Uint16(t[4:]))
	got := map[int]string{}
	for i := 0; i < count; i++ {
		r := 6 + 12*i
		if r+12 > len(t) {
			break
		}
		pid, id := binary.BigEndian.Uint16(t[r:]), int(binary.BigEndian.Uint16(t[r+6:]))
		ln, o := int(binary.BigEndian.Uint16(t[r+8:])), store+int(binary.BigEndian.Uint16(t[r+10:]))
		if (id != 1 && id != 4 && id != 6 && id != 16) || o+ln > len(t) {
			continue
		}
		var s string
		switch pid {
		case 0, 3:
			u := make([]uint16, ln/2)
			for k := range u {
				u[k] = binary.BigEndian.Uint16(t[o+2*k:])
			}
			s = string(utf16.Decode(u))
		case 1:
			s = string(t[o : o+ln])
		default:
			continue
		}
		if s != "" && !slices.Contains(f.names, s) {
			f.names = append(f.names, s)
		}
		if _, ok := got[id]; !ok || pid == 3 {
			got[id] = s
		}
	}
	f.family = got[1]
	// The PostScript name goes into the PDF as a name object: keep it to
	// the characters that need no escaping.
	f.name = strings.Map(func(r rune) rune {
		if r > ' ' && r < 0x7F && !strings.ContainsRune("()<>[]{}/%#", r) {
			return r
		}
		return -1
	}, got[6])
	if f.name == "" {
		f.name = "Font"
	}
}

// readCmap maps the BMP characters through the Unicode cmap subtable:
// format 12 (3,10) when present, else format 4.
func (f *Font) readCmap() error {
	cmap := f.tables["cmap"]
	if len(cmap) < 4 {
		return fmt.Errorf("cmap 表不完整")
	}
	u16 := func(b []byte, i int) int {
		if i < 0 || i+2 > len(b) {
			return 0
		}
		return int(binary.BigEndian.Uint16(b[i:]))
	}
	u32 := func(b []byte, i int) int {
		if i < 0 || i+4 > len(b) {
			return 0
		}
		return int(binary.BigEndian.Uint32(b[i:]))
	}
	var sub4, sub12 []byte
	for i := 0; i < u16(cmap, 2); i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		pid, eid, off := u16(cmap, rec), u16(cmap, rec+2), u32(cmap, rec+4)
		if off+4 > len(cmap) || (pid != 0 && pid != 3) || (pid == 3 && eid != 1 && eid != 10) {
			continue
		}
		switch u16(cmap, off) {
		case 4:
			if sub4 == nil || pid == 3 {
				sub4 = cmap[off:]
			}
		case 12:
			sub12 = cmap[off:]
		}
	}
	f.gid = make([]uint16, 0x10000)
	set := func(c, g int) {
		if c < 0x10000 && g > 0 && g < f.numGlyphs && (c < 0xD800 || c >= 0xE000) {
			f.gid[c] = uint16(g)
		}
	}
	switch {
	case sub12 != nil:
		n := u32(sub12, 12)
		for i := 0; i < n && 16+12*i+12 <= len(sub12); i++ {
			r := 16 + 12*i
			start, end, g := u32(sub12, r), u32(sub12, r+4), u32(sub12, r+8)
			for c := start; c <= end && c < 0x10000; c++ {
				set(c, g+c-start)
			}
		}
	case sub4 != nil:
		seg := u16(sub4, 6) / 2
		if seg <= 0 || 16+8*seg > len(sub4) {
			return fmt.Errorf("cmap 表不完整")
		}
		ends, starts, deltas, ranges := 14, 16+2*seg, 16+4*seg, 16+6*seg
		for s := 0; s < seg; s++ {
			end, start := u16(sub4, ends+2*s), u16(sub4, starts+2*s)
			delta, ro := u16(sub4, deltas+2*s), u16(sub4, ranges+2*s)
			for c := start; c <= end && c < 0xFFFF; c++ {
				g := 0
				if ro == 0 {
					g = (c + delta) & 0xFFFF
				} else if v := u16(sub4, ranges+2*s+ro+2*(c-start)); v > 0 {
					g = (v + delta) & 0xFFFF
				}
				set(c, g)
			}
		}
	default:
		return fmt.Errorf("缺少 Unicode 字符映射（cmap 格式 4 或 12）")
	}
	return nil
}

// Path is the file (and face) the font was read from.
func (f *Font) Path() string { return f.path }

// Has reports whether the font has a glyph for r.
func (f *Font) Has(r rune) bool {
	return r >= 0x20 && r < 0x10000 && f.widths[r] > 0
}

// has is Has for the package's own use.
func (f *Font) has(r rune) bool { return f.Has(r) }

// width is the advance of s in 1/1000 em.
func (f *Font) width(s string) float64 {
	w := 0
	for _, r := range s {
		if r >= 0 && r < 0x10000 {
			w += int(f.widths[r])
		}
	}
	return float64(w)
}

// clean replaces what the font cannot draw (characters outside the BMP and
// characters without a glyph) with 〓, the printer's mark for a missing
// character, and drops control characters.
func (f *Font) clean(s string) string { return cleanText(s, f.has) }

func cleanText(s string, has func(rune) bool) string {
	ok := true
	for _, r := range s {
		if r != '\n' && !has(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || has(r):
			b.WriteRune(r)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7F || r == 0xFEFF || r == 0x200B:
		case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF:
			// variation selectors belong to the previous character
		default:
			b.WriteRune('〓')
		}
	}
	return b.String()
}
