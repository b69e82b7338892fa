package report

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
	"io"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode"
	"unicode/utf16"
)

// The brief writes its PDF itself: a handful of text, line and rectangle
// operations, and each role font embedded as a TrueType subset (Type0 /
// CIDFontType2, Identity-H, with a ToUnicode map so the text copies and
// searches). gofpdf, which drew it before, parses every font in full for
// every document and cannot share a parsed font between documents; what the
// brief needs of a PDF library is small enough to own.

const briefPtPerMM = 72 / 25.4

// pdfOp is one drawing operation, in mm from the page's top left.
type pdfOp struct {
	kind       byte // 't' text, 'l' line, 'r' filled rectangle, 's' stroked rectangle (size: line width)
	color      [3]uint8
	x, y, w, h float64
	font       *Font
	size       float64 // pt
	spacing    float64 // extra space after each character, pt (Tc)
	bold       float64 // stroke width of emphasised text, pt; 0 plain
	s          string
}

type pdfWriter struct {
	buf  *bytes.Buffer
	offs []int // object number - 1 -> byte offset
	// shared are the spans of font files, streams shared by PDFs and
	// already identified by their key: the document's /ID hashes the key
	// instead of the bytes, most of a PDF's (hashing them was 1.5% of a
	// quarter).
	shared []pdfSpan
}

type pdfSpan struct {
	start, end int
	key        [sha256.Size]byte
}

// id is the document's /ID: a digest of its bytes so far, each shared
// font file counted by its key.
func (w *pdfWriter) id() [sha256.Size]byte {
	h := sha256.New()
	b := w.buf.Bytes()
	at := 0
	for _, s := range w.shared {
		h.Write(b[at:s.start])
		h.Write(s.key[:])
		at = s.end
	}
	h.Write(b[at:])
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// pdfBufPool holds the buffers PDFs are built in: a brief grew a new one
// from nothing to its 50 to 200 KB, a fifth of its allocated bytes; the
// finished PDF is written from there.
var pdfBufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func (w *pdfWriter) obj(n int) {
	for len(w.offs) < n {
		w.offs = append(w.offs, 0)
	}
	w.offs[n-1] = w.buf.Len()
	fmt.Fprintf(w.buf, "%d 0 obj\n", n)
}

func (w *pdfWriter) end() { w.buf.WriteString("endobj\n") }

// zlibPool reuses compressors across briefs: a new one allocates about
// 1 MB of tables.
var zlibPool = sync.Pool{New: func() any {
	z, _ := zlib.NewWriterLevel(io.Discard, flate.BestSpeed+1)
	return z
}}

// zbufPool holds the buffers streams are compressed into before their
// length is known: growing a new one for each stream was a tenth of a
// brief's allocations.
var zbufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// stream writes object n, a stream of the parts joined.
func (w *pdfWriter) stream(n int, dict string, parts ...[]byte) {
	z := zbufPool.Get().(*bytes.Buffer)
	deflateInto(z, parts...)
	w.compressed(n, dict, z.Bytes())
	zbufPool.Put(z)
}

// compressed writes object n, a stream of deflated bytes z.
func (w *pdfWriter) compressed(n int, dict string, z []byte) {
	w.obj(n)
	fmt.Fprintf(w.buf, "<<%s /Filter /FlateDecode /Length %d>>\nstream\n", dict, len(z))
	w.buf.Write(z)
	w.buf.WriteString("\nendstream\n")
	w.end()
}

// deflateInto replaces z's content with the parts joined, zlib-compressed:
// compressing them one after the other gives the bytes compressing their
// concatenation would, without making it.
func deflateInto(z *bytes.Buffer, parts ...[]byte) {
	z.Reset()
	zw := zlibPool.Get().(*zlib.Writer)
	zw.Reset(z)
	for _, p := range parts {
		zw.Write(p)
	}
	zw.Close()
	zlibPool.Put(zw)
}

// deflated is the parts joined, zlib-compressed, in a slice of their own.
func deflated(parts ...[]byte) []byte {
	z := zbufPool.Get().(*bytes.Buffer)
	deflateInto(z, parts...)
	out := bytes.Clone(z.Bytes())
	zbufPool.Put(z)
	return out
}

// pdfText is a PDF text string: UTF-16BE with a byte order mark, in hex.
func pdfText(s string) string {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

func pdfNum(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	s = trimSuffixByte(s, '.')
	if s == "-0" {
		return "0"
	}
	return s
}

func trimSuffixByte(s string, c byte) string {
	if len(s) > 0 && s[len(s)-1] == c {
		return s[:len(s)-1]
	}
	return s
}

// pdfInfo is what the document properties show.
type pdfInfo struct {
	title, subject, author string
	date                   time.Time
	// pageW, pageH are the page size in mm; zero: A4 portrait.
	pageW, pageH float64
}

// pdfDoc is one PDF: its pages of ops and its properties.
type pdfDoc struct {
	pages [][]pdfOp
	info  pdfInfo
}

// writePDFs renders docs, each font's subset made for the first PDF that
// draws with it and shared by the later ones, which add a second subset of
// only the characters it lacks: a unit's brief and 核对单 quote the same
// sentences, and compressing font files was a quarter of a whole quarter's
// CPU. The first PDF (the brief) carries only its own glyphs, and its
// bytes depend on nothing but it.
//
// begin is told of each PDF before it is made; emit gets it, in a buffer
// that is reused once emit returns.
func writePDFs(docs []pdfDoc, begin func(i int), emit func(i int, pdf []byte)) {
	mains := map[*Font]*pdfFontFile{}
	buf := pdfBufPool.Get().(*bytes.Buffer)
	defer pdfBufPool.Put(buf)
	// The set's own font files, given back when all its PDFs are written.
	var borrowed []*bytes.Buffer
	defer func() {
		for _, z := range borrowed {
			zbufPool.Put(z)
		}
	}()
	borrow := func() *bytes.Buffer {
		z := zbufPool.Get().(*bytes.Buffer)
		borrowed = append(borrowed, z)
		return z
	}
	// The sets of characters drawn, one a font, emptied for each PDF: an
	// 8 KB set per font and PDF was a tenth of the PDFs' allocated bytes.
	var sets []*runeSet
	for i, d := range docs {
		begin(i)
		var fonts []*Font
		used := map[*Font]*runeSet{}
		for _, p := range d.pages {
			for _, op := range p {
				if op.kind != 't' {
					continue
				}
				u := used[op.font]
				if u == nil {
					fonts = append(fonts, op.font)
					if len(sets) < len(fonts) {
						sets = append(sets, &runeSet{})
					}
					u = sets[len(fonts)-1]
					u.reset()
					used[op.font] = u
				}
				for _, r := range op.s {
					u.add(r)
				}
			}
		}
		faces := make(map[*Font]*pdfFace, len(fonts))
		for _, f := range fonts {
			rs := used[f].runes()
			m := mains[f]
			if m == nil {
				m = f.fontFileIn(rs, borrow)
				mains[f] = m
				faces[f] = &pdfFace{main: m}
				continue
			}
			var extra []rune
			for _, r := range rs {
				if _, ok := m.sub.cid[r]; !ok && f.has(r) {
					extra = append(extra, r)
				}
			}
			face := &pdfFace{main: m}
			if len(extra) > 0 {
				face.ext = f.fontFileIn(extra, borrow)
			}
			faces[f] = face
		}
		buf.Reset()
		writePDFDoc(buf, d, fonts, faces)
		emit(i, buf.Bytes())
	}
}

// pdfFace is how one PDF draws with a font: the subset it shares (main)
// and, when it draws characters main lacks, a subset of those (ext), each
// a font resource of its own.
type pdfFace struct {
	main, ext         *pdfFontFile
	mainName, extName string // the resources' names in the PDF, /F1 …
}

// part is the character id of r and the resource name of the subset that
// draws it: ext for what main lacks (a character neither has draws
// .notdef, id 0, from main).
func (f *pdfFace) part(r rune) (uint16, string) {
	if c, ok := f.main.sub.cid[r]; ok {
		return c, f.mainName
	}
	if f.ext != nil {
		if c, ok := f.ext.sub.cid[r]; ok {
			return c, f.extName
		}
	}
	return 0, f.mainName
}

// writePDFDoc writes one PDF of docs to buf, drawing fonts with faces.
func writePDFDoc(buf *bytes.Buffer, doc pdfDoc, fonts []*Font, faces map[*Font]*pdfFace) {
	pages, info := doc.pages, doc.info

	pw, ph := info.pageW, info.pageH
	if pw == 0 || ph == 0 {
		pw, ph = briefPageW, briefPageH
	}
	w := &pdfWriter{buf: buf}
	w.buf.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	// Objects: 1 catalog, 2 pages, 3 info, then 5 per font file, then 2
	// per page.
	var files []*pdfFontFile
	for _, f := range fonts {
		face := faces[f]
		files = append(files, face.main)
		face.mainName = "/F" + strconv.Itoa(len(files))
		if face.ext != nil {
			files = append(files, face.ext)
			face.extName = "/F" + strconv.Itoa(len(files))
		}
	}
	pageObj := 4 + 5*len(files)

	w.obj(1)
	w.buf.WriteString("<</Type /Catalog /Pages 2 0 R /ViewerPreferences <</DisplayDocTitle true>>>>\n")
	w.end()
	w.obj(2)
	w.buf.WriteString("<</Type /Pages /Kids [")
	for i := range pages {
		fmt.Fprintf(w.buf, "%d 0 R ", pageObj+2*i)
	}
	fmt.Fprintf(w.buf, "] /Count %d /MediaBox [0 0 %s %s]>>\n", len(pages), pdfNum(pw*briefPtPerMM), pdfNum(ph*briefPtPerMM))
	w.end()
	w.obj(3)
	d := info.date.UTC().Format("20060102150405")
	fmt.Fprintf(w.buf, "<</Title %s /Subject %s /Author %s /Creator (djreport) /Producer (djreport) /CreationDate (D:%sZ) /ModDate (D:%sZ)>>\n",
		pdfText(info.title), pdfText(info.subject), pdfText(info.author), d, d)
	w.end()

	var res bytes.Buffer
	res.WriteString("<</Font <<")
	for i, ff := range files {
		fmt.Fprintf(&res, "/F%d %d 0 R ", i+1, 4+5*i)
		w.font(4+5*i, ff)
	}
	res.WriteString(">>>>")
	// One buffer for every page's content, compressed before the next.
	content := contentPool.Get().(*[]byte)
	for i, p := range pages {
		n := pageObj + 2*i
		w.obj(n)
		fmt.Fprintf(w.buf, "<</Type /Page /Parent 2 0 R /Resources %s /Contents %d 0 R>>\n", res.String(), n+1)
		w.end()
		*content = pageContent((*content)[:0], p, faces, ph)
		w.stream(n+1, "", *content)
	}
	contentPool.Put(content)

	xref := w.buf.Len()
	fmt.Fprintf(w.buf, "xref\n0 %d\n0000000000 65535 f \n", len(w.offs)+1)
	for _, o := range w.offs {
		fmt.Fprintf(w.buf, "%010d 00000 n \n", o)
	}
	id := w.id()
	fmt.Fprintf(w.buf, "trailer\n<</Size %d /Root 1 0 R /Info 3 0 R /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n", len(w.offs)+1, id[:16], id[:16], xref)
}

// runeSet gathers the characters a font draws in one PDF: a 核对单 draws
// thousands, of a few hundred kinds, and sorting them all was a tenth of
// writePDF's time.
type runeSet struct {
	bmp   [0x10000 / 64]uint64
	other []rune
}

func (s *runeSet) add(r rune) {
	if r >= 0 && r < 0x10000 {
		s.bmp[r>>6] |= 1 << (r & 63)
		return
	}
	s.other = append(s.other, r)
}

func (s *runeSet) reset() {
	clear(s.bmp[:])
	s.other = s.other[:0]
}

// runes is the set in ascending order, each once (other runes are above
// the BMP or negative; subset sorts and compacts them).
func (s *runeSet) runes() []rune {
	var out []rune
	for i, w := range s.bmp {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			out = append(out, rune(i<<6|b))
			w &= w - 1
		}
	}
	return append(out, s.other...)
}

// font writes a Type0 font and its parts as objects n to n+4.
func (w *pdfWriter) font(n int, ff *pdfFontFile) {
	s := ff.sub
	f := s.font
	name := ff.tag + "+" + f.name
	w.obj(n)
	fmt.Fprintf(w.buf, "<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>\n", name, n+1, n+3)
	w.end()

	w.obj(n + 1)
	fmt.Fprintf(w.buf, "<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 1000 /W [1 [", name, n+2)
	var num []byte
	for i := 1; i < len(s.glyphs); i++ {
		num = strconv.AppendInt(num[:0], int64(s.advance1000(i)), 10)
		w.buf.Write(num)
		w.buf.WriteByte(' ')
	}
	w.buf.WriteString("]]>>\n")
	w.end()

	em := func(v float64) string { return strconv.Itoa(int(v * 1000)) }
	flags := 4 // symbolic: the glyphs are outside the standard Latin set
	if f.fixed {
		flags |= 1
	}
	w.obj(n + 2)
	fmt.Fprintf(w.buf, "<</Type /FontDescriptor /FontName /%s /Flags %d /FontBBox [%s %s %s %s] /ItalicAngle %s /Ascent %s /Descent %s /CapHeight %s /StemV 80 /FontFile2 %d 0 R>>\n",
		name, flags, em(f.bbox[0]), em(f.bbox[1]), em(f.bbox[2]), em(f.bbox[3]), pdfNum(f.italic), em(f.ascent), em(-f.descent), em(f.capH), n+4)
	w.end()

	w.compressed(n+3, "", ff.cmap)
	w.compressed(n+4, fmt.Sprintf(" /Length1 %d", ff.length1), ff.file)
	end := w.buf.Len() - len("\nendstream\nendobj\n")
	w.shared = append(w.shared, pdfSpan{end - len(ff.file), end, ff.key})
}

// pdfFontFile is a font subset as PDFs embed it, its streams compressed.
type pdfFontFile struct {
	sub     *fontSubset
	tag     string
	key     [sha256.Size]byte // the font and the glyphs kept
	cmap    []byte            // ToUnicode, deflated
	file    []byte            // FontFile2, deflated
	length1 int               // FontFile2's size before deflating
}

// fontFile is the embedded subset of runes. The last few are kept per
// font: the heading fonts draw the same few characters in brief after
// brief, and an equal subset is equal bytes.
func (f *Font) fontFile(runes []rune) *pdfFontFile { return f.fontFileIn(runes, nil) }

// fontFileKeepMax is the most characters a kept subset has: a heading's or
// a title's. A body text's subset, hundreds of characters, is its unit's
// own and never drawn again.
const fontFileKeepMax = 96

// fontFileIn is fontFile; a subset too large to be kept is compressed into
// buffers of borrow, which its caller gives back once its PDFs are
// written (a body subset's 40 to 60 KB, copied out of the compressor for
// every brief, were a tenth of a quarter's allocated bytes). With borrow
// nil every subset is made to be kept.
func (f *Font) fontFileIn(runes []rune, borrow func() *bytes.Buffer) *pdfFontFile {
	s := f.subset(runes)
	key := subsetKey(s)
	if borrow != nil && len(runes) > fontFileKeepMax {
		ff := &pdfFontFile{sub: s, key: key, tag: subsetTag(key)}
		z := borrow()
		deflateInto(z, toUnicode(s))
		ff.cmap = z.Bytes()
		z = borrow()
		t := s.sfnt()
		deflateInto(z, t.parts()...)
		ff.file, ff.length1 = z.Bytes(), t.size
		return ff
	}
	f.filesMu.Lock()
	for _, ff := range f.files {
		if ff.key == key {
			f.filesMu.Unlock()
			return ff
		}
	}
	f.filesMu.Unlock()
	ff := &pdfFontFile{sub: s, key: key, tag: subsetTag(key)}
	ff.cmap = deflated(toUnicode(s))
	// The font file goes to the compressor in parts: the glyphs are the
	// font's cached pieces, never copied into one file. It is compressed
	// whole: glyphs deflated once per run and joined by sync flushes would
	// cost almost nothing here, but CJK outlines compress by matches
	// between glyphs (97 KB: 49 KB whole, 76 KB per glyph), and the 2024Q4
	// PDFs grew 46% (平凉市's brief 125 -> 184 KB).
	t := s.sfnt()
	ff.file = deflated(t.parts()...)
	ff.length1 = t.size
	f.filesMu.Lock()
	if len(f.files) == fontFilesKept {
		copy(f.files, f.files[1:])
		f.files = f.files[:fontFilesKept-1]
	}
	f.files = append(f.files, ff)
	f.filesMu.Unlock()
	return ff
}

// fontFilesKept is how many embedded subsets a font keeps: enough for the
// heading fonts' few distinct sets, little memory for the body's.
const fontFilesKept = 8

// subsetKey identifies a subset: its font, the glyphs kept and the
// characters drawn with them. Glyphs alone are not enough: two characters
// may share a glyph (年 and U+F98E in WenQuanYi), and a subset made for one
// has no character id for the other.
func subsetKey(s *fontSubset) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(s.font.name))
	for _, g := range s.glyphs {
		h.Write([]byte{byte(g >> 8), byte(g)})
	}
	h.Write([]byte{0})
	for _, r := range s.chars {
		h.Write([]byte{byte(r >> 16), byte(r >> 8), byte(r)})
	}
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k
}

// subsetTag is the six capital letters before a subset's name (ISO 32000
// 9.6.4), from its key, so equal briefs are equal bytes.
func subsetTag(key [sha256.Size]byte) string {
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + key[i]%26
	}
	return string(tag)
}

// toUnicode maps the subset's character ids back to text, for copying,
// searching and pdftotext.
func toUnicode(s *fontSubset) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	const hex = "0123456789ABCDEF"
	hex4 := func(v uint16) {
		b.Write([]byte{hex[v>>12], hex[v>>8&15], hex[v>>4&15], hex[v&15]})
	}
	for i := 0; i < len(s.runes); i += 100 {
		chunk := s.runes[i:min(i+100, len(s.runes))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(chunk))
		for k, r := range chunk {
			b.WriteByte('<')
			hex4(uint16(i + k + 1))
			b.WriteString("> <")
			// As utf16.Encode: a pair above the BMP, U+FFFD for no character.
			switch r1, r2 := utf16.EncodeRune(r); {
			case r1 != unicode.ReplacementChar:
				hex4(uint16(r1))
				hex4(uint16(r2))
			case r >= 0 && r < 0x10000 && !utf16.IsSurrogate(r):
				hex4(uint16(r))
			default:
				hex4(unicode.ReplacementChar)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// contentPool holds the buffers page contents are made in.
var contentPool = sync.Pool{New: func() any { return new([]byte) }}

// pageContent is one page's content stream, appended to b[:0]. Text is drawn in the order the
// layout made it, which is reading order, so extracted text reads right.
// Plain text runs share one text object and say font, size and colour only
// when they change: a 核对单 page holds a thousand runs, and the stream's
// size is what compressing it costs.
func pageContent(b []byte, ops []pdfOp, faces map[*Font]*pdfFace, briefPageH float64) []byte {
	k := briefPtPerMM
	b = slices.Grow(b[:0], 64*len(ops))
	num := func(v float64) {
		b = appendPDFNum(b, v)
		b = append(b, ' ')
	}
	col := func(c [3]uint8, op string) {
		num(float64(c[0]) / 255)
		num(float64(c[1]) / 255)
		num(float64(c[2]) / 255)
		b = append(b, op...)
		b = append(b, '\n')
	}
	const hex = "0123456789ABCDEF"
	inText := false
	curFont := "" // the font resource set, "" none
	curSize := -1.0
	setFont := func(name string, size float64) {
		if name != curFont || size != curSize {
			b = append(b, name...)
			b = append(b, ' ')
			num(size)
			b = append(b, "Tf\n"...)
			curFont, curSize = name, size
		}
	}
	// glyphs shows text, switching to the other subset of its face where
	// a character is there: inside one text object the position goes on
	// across the switch.
	glyphs := func(face *pdfFace, size float64, text string) {
		b = append(b, '<')
		for _, r := range text {
			c, name := face.part(r)
			if name != curFont {
				b = append(b, "> Tj\n"...)
				setFont(name, size)
				b = append(b, '<')
			}
			b = append(b, hex[c>>12], hex[c>>8&15], hex[c>>4&15], hex[c&15])
		}
		b = append(b, "> Tj\n"...)
	}
	// firstName is the resource the text starts in.
	firstName := func(face *pdfFace, text string) string {
		for _, r := range text {
			_, name := face.part(r)
			return name
		}
		return face.mainName
	}
	// The fill colour in force; known says whether there is one.
	curColor, known := [3]uint8{}, false
	endText := func() {
		if inText {
			b = append(b, "ET\n"...)
			inText = false
		}
	}
	for _, op := range ops {
		switch op.kind {
		case 't':
			face := faces[op.font]
			if op.bold > 0 || op.spacing != 0 {
				// q…Q: render mode, line width and spacing are graphics
				// state and must not leak into the next text.
				endText()
				b = append(b, "q BT\n"...)
				curFont = ""
				setFont(firstName(face, op.s), op.size)
				col(op.color, "rg")
				if op.bold > 0 {
					col(op.color, "RG")
					num(op.bold)
					b = append(b, "w 2 Tr\n"...)
				}
				if op.spacing != 0 {
					num(op.spacing)
					b = append(b, "Tc\n"...)
				}
				num(op.x * k)
				num((briefPageH - op.y) * k)
				b = append(b, "Td\n"...)
				glyphs(face, op.size, op.s)
				b = append(b, "ET Q\n"...)
				curFont, curSize, known = "", -1, false
				continue
			}
			if !inText {
				b = append(b, "BT\n"...)
				inText = true
			}
			setFont(firstName(face, op.s), op.size)
			if !known || op.color != curColor {
				col(op.color, "rg")
				curColor, known = op.color, true
			}
			// An absolute position (Tm), so runs need not know each other.
			b = append(b, "1 0 0 1 "...)
			num(op.x * k)
			num((briefPageH - op.y) * k)
			b = append(b, "Tm\n"...)
			glyphs(face, op.size, op.s)
		case 'l':
			endText()
			num(op.size * k)
			b = append(b, "w "...)
			col(op.color, "RG")
			num(op.x * k)
			num((briefPageH - op.y) * k)
			b = append(b, "m "...)
			num(op.w * k)
			num((briefPageH - op.h) * k)
			b = append(b, "l S\n"...)
		case 'r', 's':
			endText()
			if op.kind == 's' {
				// A frame: w, h as for 'r', size is the line width.
				num(op.size * k)
				b = append(b, "w "...)
				col(op.color, "RG")
			} else {
				col(op.color, "rg")
				known = false // the text colour is the fill colour
			}
			num(op.x * k)
			num((briefPageH - op.y - op.h) * k)
			num(op.w * k)
			num(op.h * k)
			if op.kind == 's' {
				b = append(b, "re S\n"...)
			} else {
				b = append(b, "re f\n"...)
			}
		}
	}
	endText()
	return b
}

// appendPDFNum appends v rounded to three decimals, without trailing zeros.
func appendPDFNum(b []byte, v float64) []byte {
	r := math.Round(v * 1000)
	if r == 0 {
		return append(b, '0')
	}
	if math.Abs(r) >= 1<<53 || r != r {
		return strconv.AppendFloat(b, r/1000, 'f', -1, 64)
	}
	// Thousandths as an integer: the shortest form of r/1000, which
	// strconv finds much more slowly (a 核对单 page writes thousands).
	n := int64(r)
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	b = strconv.AppendInt(b, n/1000, 10)
	if f := n % 1000; f != 0 {
		d := [4]byte{'.', byte('0' + f/100), byte('0' + f/10%10), byte('0' + f%10)}
		k := 4
		for d[k-1] == '0' {
			k--
		}
		b = append(b, d[:k]...)
	}
	return b
}
