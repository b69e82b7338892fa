package report

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Font is a TrueType font read once per process and shared read-only by the
// briefs, which may be rendered in parallel.
type Font struct {
	path    string
	data    []byte
	widths  []uint16 // advance per BMP rune in 1/1000 em; 0: no glyph
	ascent  float64  // in em
	descent float64  // in em, positive
	mapped  []bool   // BMP characters the cmap maps to a glyph

	// common is the font cut to ASCII, CJK punctuation and the GB 2312
	// characters, built on first use: parsing it costs a fraction of the
	// full font, so a brief that uses only these characters embeds from it.
	commonOnce sync.Once
	common     []byte
	commonSet  []bool
}

// LoadFont reads a TrueType (.ttf, glyf outlines) font for the briefs.
func LoadFont(path string) (*Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("字体文件 %s 不存在", path)
		}
		return nil, fmt.Errorf("无法读取字体文件 %s：%v", path, err)
	}
	f := &Font{path: path, data: data}
	if err := f.checkTables(); err != nil {
		return nil, fmt.Errorf("字体文件 %s 不可用：%s", path, err)
	}
	if err := f.readWidths(); err != nil {
		return nil, fmt.Errorf("字体文件 %s 不可用：%s", path, err)
	}
	return f, nil
}

// Path is the file the font was read from.
func (f *Font) Path() string { return f.path }

// checkTables accepts a single TrueType font with the tables gofpdf needs,
// and reads the vertical metrics.
func (f *Font) checkTables() error {
	d := f.data
	if len(d) < 12 {
		return fmt.Errorf("不是 TrueType 字体")
	}
	switch string(d[:4]) {
	case "\x00\x01\x00\x00", "true":
	case "ttcf":
		return fmt.Errorf("是字体集（.ttc），请先取出其中一个字体另存为 .ttf")
	case "OTTO":
		return fmt.Errorf("是 CFF 轮廓的 OpenType 字体，需要 TrueType（glyf）轮廓的 .ttf")
	default:
		return fmt.Errorf("不是 TrueType 字体")
	}
	n := int(binary.BigEndian.Uint16(d[4:]))
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(d) {
			return fmt.Errorf("表目录不完整")
		}
		off := int(binary.BigEndian.Uint32(d[rec+8:]))
		ln := int(binary.BigEndian.Uint32(d[rec+12:]))
		if off < 0 || ln < 0 || off+ln > len(d) {
			return fmt.Errorf("表 %q 越界", d[rec:rec+4])
		}
		tables[string(d[rec:rec+4])] = d[off : off+ln]
	}
	for _, t := range []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"} {
		if _, ok := tables[t]; !ok {
			return fmt.Errorf("缺少 %s 表", t)
		}
	}
	head, hhea := tables["head"], tables["hhea"]
	if len(head) < 20 || len(hhea) < 8 {
		return fmt.Errorf("head 或 hhea 表不完整")
	}
	upm := float64(binary.BigEndian.Uint16(head[18:]))
	if upm == 0 {
		return fmt.Errorf("head 表的 unitsPerEm 为 0")
	}
	if err := f.readCmap(tables["cmap"]); err != nil {
		return err
	}
	f.ascent = float64(int16(binary.BigEndian.Uint16(hhea[4:]))) / upm
	f.descent = -float64(int16(binary.BigEndian.Uint16(hhea[6:]))) / upm
	return nil
}

// readWidths parses the font once with gofpdf, as the briefs will, and keeps
// the advance width of every BMP character.
func (f *Font) readWidths() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("解析失败（%v）", r)
		}
	}()
	pdf := gofpdf.New("P", "pt", "A4", "")
	pdf.AddUTF8FontFromBytes("f", "", f.data)
	pdf.SetFont("f", "", 10)
	if pdf.Err() {
		return fmt.Errorf("解析失败（%v）", pdf.Error())
	}
	f.widths = make([]uint16, 0x10000)
	for r := rune(0x20); r < 0x10000; r++ {
		if r >= 0xD800 && r < 0xE000 {
			continue
		}
		if w := pdf.GetStringSymbolWidth(string(r)); w > 0 && w < 65535 {
			f.widths[r] = uint16(w)
		}
	}
	// GetStringSymbolWidth gives unmapped characters the default width: keep
	// only the characters the cmap maps to a glyph.
	for r := range f.widths {
		if !f.mapped[r] {
			f.widths[r] = 0
		}
	}
	if f.widths[0x4E00] == 0 || f.widths['0'] == 0 {
		return fmt.Errorf("缺少中文或数字字形")
	}
	return nil
}

// readCmap marks the BMP characters that the Unicode cmap subtable
// (format 4) maps to a glyph other than .notdef.
func (f *Font) readCmap(cmap []byte) error {
	if len(cmap) < 4 {
		return fmt.Errorf("cmap 表不完整")
	}
	u16 := func(b []byte, i int) int {
		if i < 0 || i+2 > len(b) {
			return -1
		}
		return int(binary.BigEndian.Uint16(b[i:]))
	}
	var sub []byte
	n := u16(cmap, 2)
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		pid, eid := u16(cmap, rec), u16(cmap, rec+2)
		off := int(binary.BigEndian.Uint32(cmap[rec+4:]))
		if off < 0 || off+4 > len(cmap) || u16(cmap, off) != 4 {
			continue
		}
		if (pid == 3 && eid == 1) || pid == 0 || sub == nil {
			sub = cmap[off:]
		}
	}
	if sub == nil {
		return fmt.Errorf("缺少 Unicode 字符映射（cmap 格式 4）")
	}
	seg := u16(sub, 6) / 2
	if seg <= 0 || 16+8*seg > len(sub) {
		return fmt.Errorf("cmap 表不完整")
	}
	ends, starts, deltas, ranges := 14, 16+2*seg, 16+4*seg, 16+6*seg
	f.mapped = make([]bool, 0x10000)
	for s := 0; s < seg; s++ {
		end, start := u16(sub, ends+2*s), u16(sub, starts+2*s)
		delta, ro := u16(sub, deltas+2*s), u16(sub, ranges+2*s)
		for c := start; c <= end && c < 0xFFFF; c++ {
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else if v := u16(sub, ranges+2*s+ro+2*(c-start)); v > 0 {
				g = (v + delta) & 0xFFFF
			}
			f.mapped[c] = g != 0
		}
	}
	return nil
}

// has reports whether the font can draw r.
func (f *Font) has(r rune) bool {
	return r >= 0x20 && r < 0x10000 && f.widths[r] > 0
}

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

// clean replaces what the font cannot draw (characters outside the BMP,
// which also make gofpdf panic, and characters without a glyph) with 〓, the
// printer's mark for a missing character, and drops control characters.
func (f *Font) clean(s string) string {
	ok := true
	for _, r := range s {
		if r != '\n' && !f.has(r) {
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
		case r == '\n' || f.has(r):
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

// bytesFor returns the font cut to runes (and ASCII): from the shared
// common cut when it covers them, otherwise from the full font.
func (f *Font) bytesFor(runes []rune) []byte {
	f.commonOnce.Do(f.buildCommon)
	covered := f.common != nil
	for _, r := range runes {
		if covered && (r >= 0x10000 || !f.commonSet[r]) {
			covered = false
		}
	}
	src := f.data
	if covered {
		src = f.common
	}
	// gofpdf pads each table it checksums by appending to a sub-slice of
	// the bytes it is given, writing into the next table of the font every
	// worker shares (a data race, and corrupt fonts): it gets its own copy.
	src = bytes.Clone(src)
	set := map[rune]bool{}
	for r := rune(0x20); r < 0x7F; r++ {
		set[r] = true
	}
	for _, r := range runes {
		set[r] = true
	}
	// Cutting the small common font to the document's characters and
	// embedding from that is faster than embedding from the common font.
	cut := gofpdf.UTF8CutFont(src, fontRuneString(set))
	if cut == nil {
		return src
	}
	return cut
}

func (f *Font) buildCommon() {
	set := map[rune]bool{}
	for r := rune(0x20); r < 0x7F; r++ {
		set[r] = true
	}
	for _, rg := range [][2]rune{{0x2000, 0x206F}, {0x3000, 0x303F}, {0xFF00, 0xFFEF}, {0x00A0, 0x00FF}, {0x25A0, 0x25FF}} {
		for r := rg[0]; r <= rg[1]; r++ {
			set[r] = true
		}
	}
	dec := simplifiedchinese.GBK.NewDecoder()
	for hi := 0xA1; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			s, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err != nil {
				continue
			}
			for _, r := range string(s) {
				if r != 0xFFFD {
					set[r] = true
				}
			}
		}
	}
	for r := range set {
		if !f.has(r) {
			delete(set, r)
		}
	}
	cut := gofpdf.UTF8CutFont(f.data, fontRuneString(set))
	if cut == nil {
		return
	}
	f.common = cut
	f.commonSet = make([]bool, 0x10000)
	for r := range set {
		f.commonSet[r] = true
	}
}

// fontRuneString lists a rune set in order, so cuts are repeatable.
func fontRuneString(set map[rune]bool) string {
	rs := make([]rune, 0, len(set))
	for r := range set {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	return string(rs)
}
