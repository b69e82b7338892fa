package report

import (
	"encoding/binary"
	"slices"
	"sort"
)

// fontSubset is the part of a Font one brief uses, renumbered from 1 in
// rune order: the PDF's character ids are the subset's glyph ids
// (CIDToGIDMap /Identity), so the text needs no other table.
type fontSubset struct {
	font   *Font
	runes  []rune            // new glyph id i+1 draws runes[i]
	chars  []rune            // every character drawn, in order (two may share a glyph)
	cid    map[rune]uint16   // rune -> new glyph id
	glyphs []uint16          // new glyph id -> old; [0] is .notdef
	newOf  map[uint16]uint16 // old glyph id -> new
}

// subset keeps the glyphs of runes (the characters the font has) and the
// components of composite glyphs. Only the subset's tables are built per
// brief; the font itself is never parsed again.
func (f *Font) subset(runes []rune) *fontSubset {
	s := &fontSubset{font: f, cid: map[rune]uint16{}, newOf: map[uint16]uint16{0: 0}, glyphs: []uint16{0}}
	rs := slices.Clone(runes)
	slices.Sort(rs)
	rs = slices.Compact(rs)
	for _, r := range rs {
		if !f.has(r) {
			continue
		}
		s.chars = append(s.chars, r)
		g := f.gid[r]
		if n, ok := s.newOf[g]; ok {
			// Two characters on one glyph share its id; ToUnicode gives
			// the first.
			s.cid[r] = n
			continue
		}
		n := s.add(g)
		s.cid[r] = n
		s.runes = append(s.runes, r)
	}
	// Components of composite glyphs come after the characters' glyphs:
	// they get ids but no character.
	for i := 1; i < len(s.glyphs); i++ {
		for _, c := range glyphComponents(f.glyph(int(s.glyphs[i]))) {
			if _, ok := s.newOf[c]; !ok && int(c) < f.numGlyphs {
				s.add(c)
			}
		}
	}
	return s
}

func (s *fontSubset) add(g uint16) uint16 {
	n := uint16(len(s.glyphs))
	s.glyphs = append(s.glyphs, g)
	s.newOf[g] = n
	return n
}

// Composite glyph flags (TrueType glyf table).
const (
	glyfArgWords     = 0x0001
	glyfScale        = 0x0008
	glyfMore         = 0x0020
	glyfXYScale      = 0x0040
	glyfTwoByTwo     = 0x0080
	glyfInstructions = 0x0100
	glyfCompHeader   = 10
)

// glyphComponents walks a composite glyph, calling visit with the offset
// of each component's glyph index; it returns the component glyph ids.
func glyphComponents(g []byte) []uint16 {
	var out []uint16
	walkComponents(g, func(at int) { out = append(out, binary.BigEndian.Uint16(g[at+2:])) })
	return out
}

// walkComponents calls visit with the offset of each component's flags in
// composite glyph g (its glyph id follows them) and returns where the last
// component ends (len(g) for a simple or truncated glyph).
func walkComponents(g []byte, visit func(at int)) int {
	if len(g) < glyfCompHeader || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return len(g)
	}
	p := glyfCompHeader
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		visit(p)
		p += 4
		if flags&glyfArgWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&glyfScale != 0:
			p += 2
		case flags&glyfXYScale != 0:
			p += 4
		case flags&glyfTwoByTwo != 0:
			p += 8
		}
		if flags&glyfMore == 0 {
			return min(p, len(g))
		}
	}
	return len(g)
}

// advance1000 is new glyph n's advance in 1/1000 em, for the PDF's widths.
func (s *fontSubset) advance1000(n int) int {
	return int(s.font.advance(int(s.glyphs[n]))*1000/s.font.upm + 0.5)
}

// ttf writes the subset as a TrueType font: the outlines and metrics a
// PDF's FontFile2 needs (no cmap: the PDF maps character ids to glyph ids
// itself). Hinting is left out, outlines' instructions and the cvt, fpgm and
// prep tables: it is for screens at small sizes, printers and viewers
// rasterise a brief's 12 to 42 pt type well without it, and it is an
// eighth of SungtiL's outline bytes, which every brief would compress.
func (s *fontSubset) ttf() []byte {
	t := s.sfnt()
	out := make([]byte, 0, t.size)
	for _, p := range t.parts() {
		out = append(out, p...)
	}
	return out
}

// subsetSFNT is a subset's TrueType file in three parts: the bytes before
// the glyf table's, its glyphs in order, the bytes after. The glyphs are
// the font's own cached pieces (composites excepted), so a brief neither
// copies nor checksums outlines that an earlier brief already prepared.
type subsetSFNT struct {
	pre, post []byte
	glyphs    []*glyphPiece
	size      int
}

// parts are the file's bytes in order, as the compressor takes them.
func (t subsetSFNT) parts() [][]byte {
	parts := make([][]byte, 0, len(t.glyphs)+2)
	parts = append(parts, t.pre)
	for _, p := range t.glyphs {
		parts = append(parts, p.data)
	}
	return append(parts, t.post)
}

func (s *fontSubset) sfnt() subsetSFNT {
	f := s.font
	n := len(s.glyphs)
	pieces := make([]*glyphPiece, n)
	loca := make([]byte, 4*(n+1))
	hmtx := make([]byte, 4*n)
	off := 0
	for i, old := range s.glyphs {
		p := f.piece(int(old))
		if p.composite {
			p = s.renumbered(p)
		}
		pieces[i] = p
		binary.BigEndian.PutUint32(loca[4*i:], uint32(off))
		off += len(p.data)
		binary.BigEndian.PutUint16(hmtx[4*i:], uint16(f.advance(int(old))))
		binary.BigEndian.PutUint16(hmtx[4*i+2:], f.lsb(int(old)))
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(off))

	head := slices.Clone(f.tables["head"])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca
	hhea := slices.Clone(f.tables["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(f.tables["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	// post version 3: no glyph names.
	post := make([]byte, 32)
	if p := f.tables["post"]; len(p) >= 32 {
		copy(post, p[:32])
	}
	binary.BigEndian.PutUint32(post, 0x00030000)

	tables := map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx, "loca": loca, "post": post}
	if b, ok := f.tables["OS/2"]; ok {
		tables["OS/2"] = b
	}
	return layoutSFNT(tables, pieces)
}

// glyphPiece is one glyph as a subset embeds it: without instructions,
// padded to four bytes, with its sfnt checksum. A Font keeps the pieces it
// has made: briefs share most of their characters.
type glyphPiece struct {
	data      []byte
	n         int // length before padding
	sum       uint32
	composite bool // names components by glyph id: renumbered per subset
}

// piece is glyph g's piece, made once per font and then shared by every
// brief (the first to store it wins; all make the same bytes).
func (f *Font) piece(g int) *glyphPiece {
	if g < len(f.pieces) {
		if p := f.pieces[g].Load(); p != nil {
			return p
		}
	}
	raw := f.glyph(g)
	data := appendUnhinted(make([]byte, 0, len(raw)+3), raw)
	p := &glyphPiece{n: len(data), composite: len(raw) >= glyfCompHeader && int16(binary.BigEndian.Uint16(raw)) < 0}
	for len(data)%4 != 0 {
		data = append(data, 0)
	}
	p.data = slices.Clip(data)
	p.sum = sfntChecksum(p.data)
	if g < len(f.pieces) {
		f.pieces[g].CompareAndSwap(nil, p)
		return f.pieces[g].Load()
	}
	return p
}

// renumbered is composite piece p with its components named by the
// subset's ids.
func (s *fontSubset) renumbered(p *glyphPiece) *glyphPiece {
	data := slices.Clone(p.data)
	walkComponents(data[:p.n], func(at int) {
		c := binary.BigEndian.Uint16(data[at+2:])
		binary.BigEndian.PutUint16(data[at+2:], s.newOf[c])
	})
	return &glyphPiece{data: data, n: p.n, sum: sfntChecksum(data), composite: true}
}

// appendUnhinted appends glyph g without its TrueType instructions.
func appendUnhinted(dst, g []byte) []byte {
	if len(g) < glyfCompHeader {
		return append(dst, g...)
	}
	nc := int(int16(binary.BigEndian.Uint16(g)))
	if nc >= 0 {
		p := glyfCompHeader + 2*nc
		if p+2 > len(g) {
			return append(dst, g...)
		}
		ni := int(binary.BigEndian.Uint16(g[p:]))
		if p+2+ni > len(g) {
			return append(dst, g...)
		}
		dst = append(dst, g[:p]...)
		dst = append(dst, 0, 0)
		return append(dst, g[p+2+ni:]...)
	}
	// Composite: clear WE_HAVE_INSTRUCTIONS on the last component and end
	// the glyph after it.
	start := len(dst)
	dst = append(dst, g...)
	last := -1
	end := walkComponents(g, func(at int) { last = at })
	if last >= 0 {
		flags := binary.BigEndian.Uint16(g[last:])
		if flags&glyfInstructions != 0 {
			binary.BigEndian.PutUint16(dst[start+last:], flags&^glyfInstructions)
			dst = dst[:start+end]
		}
	}
	return dst
}

// lsb is glyph g's left side bearing.
func (f *Font) lsb(g int) uint16 {
	if g < f.nHMetrics {
		return binary.BigEndian.Uint16(f.hmtx[4*g+2:])
	}
	return binary.BigEndian.Uint16(f.hmtx[4*f.nHMetrics+2*(g-f.nHMetrics):])
}

// writeSFNT lays tables out as a TrueType file, in tag order, each padded
// to four bytes, with the directory's checksums.
func writeSFNT(tables map[string][]byte) []byte {
	t := layoutSFNT(tables, nil)
	return append(t.pre, t.post...)
}

// layoutSFNT is writeSFNT with, if glyf is not nil, a glyf table made of
// those pieces, which it only measures and sums, and with head's
// checkSumAdjustment set (the whole font then sums to 0xB1B0AFBA).
func layoutSFNT(tables map[string][]byte, glyf []*glyphPiece) subsetSFNT {
	glyfLen, glyfSum := 0, uint32(0)
	for _, p := range glyf {
		glyfLen += len(p.data)
		glyfSum += p.sum
	}
	tags := make([]string, 0, len(tables)+1)
	size := 12 + 16*len(tables)
	for t, b := range tables {
		tags = append(tags, t)
		size += (len(b) + 3) &^ 3
	}
	if glyf != nil {
		tags = append(tags, "glyf")
		size += 16 // the glyphs themselves stay where they are
	}
	sort.Strings(tags)
	out := make([]byte, 12+16*len(tags), size)
	binary.BigEndian.PutUint32(out, 0x00010000)
	nt := len(tags)
	binary.BigEndian.PutUint16(out[4:], uint16(nt))
	sr, sel := 1, 0
	for sr*2 <= nt {
		sr *= 2
		sel++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(16*(nt-sr)))
	split, headAt := -1, -1
	for i, t := range tags {
		rec := out[12+16*i:]
		copy(rec, t)
		if glyf != nil && t == "glyf" {
			// The glyphs stand between pre and post; offsets after them
			// count their bytes.
			split = len(out)
			binary.BigEndian.PutUint32(rec[4:], glyfSum)
			binary.BigEndian.PutUint32(rec[8:], uint32(len(out)))
			binary.BigEndian.PutUint32(rec[12:], uint32(glyfLen))
			continue
		}
		b := tables[t]
		at := len(out)
		if split >= 0 {
			at += glyfLen
		}
		if t == "head" {
			headAt = len(out)
		}
		binary.BigEndian.PutUint32(rec[4:], sfntChecksum(b))
		binary.BigEndian.PutUint32(rec[8:], uint32(at))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(b)))
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	if split < 0 {
		split = len(out)
	}
	if glyf != nil && headAt >= 0 {
		adj := 0xB1B0AFBA - (sfntChecksum(out) + glyfSum)
		binary.BigEndian.PutUint32(out[headAt+8:], adj)
	}
	return subsetSFNT{pre: out[:split:split], post: out[split:], glyphs: glyf, size: len(out) + glyfLen}
}

// sfntChecksum sums b as big-endian 32-bit words, the last one padded.
func sfntChecksum(b []byte) uint32 {
	var sum uint32
	n := len(b) &^ 3
	for i := 0; i < n; i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	if n < len(b) {
		var w [4]byte
		copy(w[:], b[n:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
