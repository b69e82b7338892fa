package source

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

func init() {
	register(&format{name: "pdf", exts: []string{".pdf"},
		sniff:     func(head []byte) bool { return bytes.HasPrefix(head, []byte("%PDF-")) },
		parseFile: parsePDF})
}

const (
	reasonBadPDF     = "不是有效的 PDF 文件，或文件已损坏"
	reasonPDFLocked  = "PDF 已加密，需要密码才能打开，请提供未加密的 PDF 或 .docx/.txt"
	reasonPDFCrypt   = "PDF 使用了无法读取的加密方式，请提供未加密的 PDF 或 .docx/.txt"
	reasonPDFScanned = "PDF 中没有可提取的文字（可能是扫描件），请提供文字版 PDF 或 .docx/.txt"
	reasonPDFGlyphs  = "PDF 中的文字无法解码（字体缺少 Unicode 映射），请提供 .docx/.txt"
)

// Bounds on the work one PDF may cause; reports are tens of pages. Variables
// so tests can lower them.
var (
	maxPDFPages = 2000
	// maxPDFOps bounds content-stream operators and shown codes over the
	// whole document (a page of text is some thousands). It also bounds
	// inflating: content is decompressed as it is interpreted, so a stream
	// that inflates without end is cut off here.
	maxPDFOps = 5_000_000
	// maxPDFContent bounds the inflated bytes of content streams.
	maxPDFContent int64 = 256 << 20
)

// pdfBudget is what is left of the bounds for one document.
type pdfBudget struct {
	ops   int
	bytes int64
}

var errPDFBudget = errors.New("pdf: operator budget exhausted")

// parsePDF reads the text layer of a PDF and rebuilds the paragraphs of a
// single-column report: glyph runs are grouped into lines by baseline and
// ordered by x, a line that runs to the right margin continues into the next
// one (across pages too), and page-number lines are dropped.
//
// Line.No is the running number of the text line, counting every line of
// text on every page from the top of page 1 (page numbers included); a
// paragraph takes the number of its first line.
//
// github.com/ledongthuc/pdf signals malformed input by panicking, deep in
// its lexer and object resolver (objects are resolved lazily, so any Key
// call may panic); everything below runs under recover so bad input is an
// *Error naming the file, and the page when one is being read, never a
// crash. The work budget is enforced by panicking too.
func parsePDF(path string, r io.ReaderAt, size int64) (doc *Document, err error) {
	bad := func(reason string) (*Document, error) { return nil, &Error{Path: path, Reason: reason} }
	page := 0
	defer func() {
		if x := recover(); x != nil {
			reason := reasonBadPDF
			switch {
			case x == errPDFBudget:
				reason = reasonTooLarge
			case page > 0:
				reason = fmt.Sprintf("PDF 第 %d 页无法读取（文件可能已损坏）", page)
			}
			doc, err = nil, &Error{Path: path, Reason: reason}
		}
	}()
	if !xrefSane(r, size) {
		return bad(reasonBadPDF)
	}
	rd, err := pdf.NewReader(pdfHeaderFix{r}, size)
	switch {
	case errors.Is(err, pdf.ErrInvalidPassword):
		return bad(reasonPDFLocked)
	case err != nil && strings.Contains(err.Error(), "encryption"):
		return bad(reasonPDFCrypt)
	case err != nil:
		return bad(reasonBadPDF)
	}
	pages, ok := pdfPages(rd)
	if !ok {
		return bad(fmt.Sprintf("PDF 页数过多（超过 %d 页），请拆分后重试", maxPDFPages))
	}
	if len(pages) == 0 {
		return bad(reasonBadPDF)
	}
	budget := &pdfBudget{ops: maxPDFOps, bytes: maxPDFContent}
	var lines [][]pdfLine
	for i, p := range pages {
		page = i + 1
		lines = append(lines, pageLines(p, budget))
	}
	page = 0
	good, junk := 0, 0
	for _, pl := range lines {
		for _, l := range pl {
			for _, c := range l.text {
				switch {
				case unicode.IsSpace(c):
				case c == utf8.RuneError || unicode.IsControl(c) || unicode.In(c, unicode.Co):
					junk++
				default:
					good++
				}
			}
		}
	}
	switch {
	case good == 0 && junk == 0:
		return bad(reasonPDFScanned)
	case junk > good:
		return bad(reasonPDFGlyphs)
	}
	doc = &Document{Path: path, Format: "pdf", Encoding: "PDF", Lines: pdfParagraphs(lines)}
	return finish(doc, reasonNoText)
}

// pdfHeaderFix shows a PDF 2.0 header as 1.7: the library accepts only
// 1.0–1.7 headers, while a 2.0 file's text operators are the same.
type pdfHeaderFix struct{ r io.ReaderAt }

func (h pdfHeaderFix) ReadAt(p []byte, off int64) (int, error) {
	n, err := h.r.ReadAt(p, off)
	if off == 0 && bytes.HasPrefix(p[:n], []byte("%PDF-2.")) {
		copy(p, "%PDF-1.7")
	}
	return n, err
}

// maxPDFObjects bounds object numbers in cross-reference sections; reports
// have some thousands of objects.
const maxPDFObjects = 1 << 20

var (
	xrefSize     = regexp.MustCompile(`/Size\s+(\d+)`)
	xrefPrev     = regexp.MustCompile(`/Prev\s+(\d+)`)
	xrefIndex    = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
	xrefStartEnd = regexp.MustCompile(`startxref\s+(\d+)\s*%%EOF\s*$`)
)

// xrefSane checks the cross-reference sections before the library reads
// them: it allocates a table as long as the largest object number a section
// claims, in one piece, and follows /Prev links without noticing a loop, so
// one forged number exhausts memory (a fatal error no recover catches) and
// a /Prev pointing at itself never returns. Sections it cannot make out are
// left to the library, which refuses them itself.
func xrefSane(r io.ReaderAt, size int64) bool {
	tail := make([]byte, min(size, 1024))
	n, _ := r.ReadAt(tail, size-int64(len(tail)))
	m := xrefStartEnd.FindSubmatch(tail[:n])
	if m == nil {
		return true
	}
	seen := map[int64]bool{}
	for off := atoi64(m[1]); off > 0 || len(seen) == 0; {
		if seen[off] || len(seen) > 64 || off >= size {
			return !seen[off] && off >= size // a loop is refused, a bad offset left to the library
		}
		seen[off] = true
		prev, ok := xrefSection(io.NewSectionReader(r, off, size-off))
		if !ok {
			return false
		}
		if prev < 0 {
			return true
		}
		off = prev
	}
	return true
}

// xrefSection checks one section; prev is its /Prev offset, or -1.
func xrefSection(r io.Reader) (prev int64, ok bool) {
	br := bufio.NewReader(r)
	for {
		c, err := br.ReadByte()
		if err != nil {
			return -1, true
		}
		if !isPDFSpace(c) {
			br.UnreadByte()
			break
		}
	}
	first, _ := br.Peek(4)
	var dict []byte
	if string(first) == "xref" {
		// Subsection headers "start count", each followed by count
		// entries of three tokens, up to "trailer"; read as tokens, as the
		// library does, whatever the line breaks.
		sc := bufio.NewScanner(br)
		sc.Split(bufio.ScanWords)
		sc.Scan() // xref
		for tokens := 0; sc.Scan() && tokens < 4*maxPDFObjects; tokens++ {
			if strings.HasPrefix(sc.Text(), "trailer") {
				dict = []byte(sc.Text())
				for i := 0; i < 64 && sc.Scan(); i++ {
					dict = append(append(dict, ' '), sc.Bytes()...)
				}
				break
			}
			start := atoi64(sc.Bytes())
			if !sc.Scan() {
				break
			}
			count := atoi64(sc.Bytes())
			if start+count > maxPDFObjects {
				return 0, false
			}
			for i := int64(0); i < 3*count && sc.Scan(); i++ {
				tokens++
			}
		}
	} else {
		// A cross-reference stream: its dictionary opens the object.
		dict, _ = br.Peek(4096)
		if i := bytes.Index(dict, []byte("stream")); i >= 0 {
			dict = dict[:i]
		}
		if m := xrefIndex.FindSubmatch(dict); m != nil {
			f := strings.Fields(string(m[1]))
			for i := 0; i+1 < len(f); i += 2 {
				if atoi64([]byte(f[i]))+atoi64([]byte(f[i+1])) > maxPDFObjects {
					return 0, false
				}
			}
		}
	}
	if m := xrefSize.FindSubmatch(dict); m != nil && atoi64(m[1]) > maxPDFObjects {
		return 0, false
	}
	if m := xrefPrev.FindSubmatch(dict); m != nil {
		return atoi64(m[1]), true
	}
	return -1, true
}

// atoi64 reads decimal digits, saturating instead of overflowing.
func atoi64(b []byte) int64 {
	var v int64
	for _, c := range b {
		if c < '0' || c > '9' {
			break
		}
		if v > math.MaxInt64/10-10 {
			return math.MaxInt64 / 2
		}
		v = v*10 + int64(c-'0')
	}
	return v
}

// pdfPages walks the page tree. The walk is bounded (a malformed tree may
// loop back on itself); ok is false when there are more than maxPDFPages.
func pdfPages(rd *pdf.Reader) (pages []pdf.Page, ok bool) {
	visits := 0
	var walk func(node pdf.Value, depth int) bool
	walk = func(node pdf.Value, depth int) bool {
		if visits++; visits > 4*maxPDFPages || depth > 64 {
			return false
		}
		kids := node.Key("Kids")
		if kids.Kind() != pdf.Array {
			if node.Kind() == pdf.Dict && node.Key("Type").Name() != "Pages" {
				pages = append(pages, pdf.Page{V: node})
			}
			return len(pages) <= maxPDFPages
		}
		for i := 0; i < kids.Len(); i++ {
			if !walk(kids.Index(i), depth+1) {
				return false
			}
		}
		return true
	}
	return pages, walk(rd.Trailer().Key("Root").Key("Pages"), 0)
}

// A pdfRun is one string shown on a page, in page space (points, y up).
type pdfRun struct {
	x, end, y, size float64
	text            string
}

// A pdfLine is a line of text as shown on a page.
type pdfLine struct {
	x, end, y, size float64
	text            string
}

type matrix [3][3]float64

var identity = matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (x matrix) mul(y matrix) matrix {
	var z matrix
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				z[i][j] += x[i][k] * y[k][j]
			}
		}
	}
	return z
}

func translate(tx, ty float64) matrix { return matrix{{1, 0, 0}, {0, 1, 0}, {tx, ty, 1}} }

// pdfFont decodes a font's codes and knows their widths.
type pdfFont struct {
	enc     pdf.TextEncoding
	twoByte bool // composite (Type0) font: two bytes a code, as CJK fonts have
	simple  pdf.Font
	widths  map[int]float64 // composite: CID widths from /W
	dw      float64         // composite: /DW
	// mixed: codes of a predefined EUC CMap, one byte below 0x80 and two
	// (GB18030: four) above; their CIDs are unknown, so widths are /DW.
	mixed bool
}

// predefinedCMap decodes the codes of composite fonts that name one of
// Adobe's predefined Chinese CMaps instead of carrying a ToUnicode map, as
// PDFs set in non-embedded fonts (STSong-Light, MSung-Light) do: the codes
// are then Unicode or GBK/GB18030 or Big5 bytes. nil for other names.
func predefinedCMap(name string) (enc pdf.TextEncoding, mixed bool) {
	switch {
	case strings.HasPrefix(name, "Uni") && (strings.Contains(name, "UCS2") || strings.Contains(name, "UTF16")):
		return byteDecoder{xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)}, false
	case strings.HasPrefix(name, "GBK2K-"):
		return byteDecoder{simplifiedchinese.GB18030}, true
	case strings.HasPrefix(name, "GB") && strings.Contains(name, "EUC"):
		return byteDecoder{simplifiedchinese.GBK}, true
	case strings.HasPrefix(name, "B5") || strings.HasPrefix(name, "ETen") || strings.HasPrefix(name, "HKscs-B5"):
		return byteDecoder{traditionalchinese.Big5}, true
	}
	return nil, false
}

type byteDecoder struct{ e encoding.Encoding }

func (d byteDecoder) Decode(raw string) string {
	out, err := d.e.NewDecoder().String(raw)
	if err != nil {
		return "\uFFFD"
	}
	return out
}

func newPDFFont(res pdf.Value, name string) *pdfFont {
	f := pdf.Font{V: res.Key("Font").Key(name)}
	pf := &pdfFont{simple: f}
	pf.twoByte = f.V.Key("Subtype").Name() == "Type0"
	if tu := f.V.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		codeLen := 1
		if pf.twoByte {
			codeLen = 2
		}
		pf.enc = readToUnicode(tu, codeLen)
	} else if enc, mixed := predefinedCMap(f.V.Key("Encoding").Name()); pf.twoByte && enc != nil {
		pf.enc, pf.mixed = enc, mixed
	} else {
		pf.enc = f.Encoder()
	}
	if !pf.twoByte {
		return pf
	}
	pf.dw, pf.widths = 1000, map[int]float64{}
	d := f.V.Key("DescendantFonts").Index(0)
	if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
		pf.dw = dw.Float64()
	}
	// /W is [c [w1 w2 …] cfirst clast w …]; bounded like everything else.
	w := d.Key("W")
	n := 0 // widths set, overlaps included
	for i := 0; i+1 < w.Len() && n < 1<<17; {
		c := int(w.Index(i).Int64())
		if next := w.Index(i + 1); next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && n < 1<<17; j++ {
				pf.widths[c+j] = next.Index(j).Float64()
				n++
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			break
		}
		last, width := int(w.Index(i+1).Int64()), w.Index(i+2).Float64()
		for cid := c; cid <= last && n < 1<<17; cid++ {
			pf.widths[cid] = width
			n++
		}
		i += 3
	}
	return pf
}

// maxCMap bounds a ToUnicode CMap stream; real ones are a few hundred KB.
const maxCMap = 4 << 20

// toUnicode is a font's ToUnicode CMap. The library has one, but it maps a
// range by adding the offset to the last byte only, which turns ranges that
// span more than 256 codes (gofpdf writes one <0000> <FFFF> range) into
// garbage; this one adds the offset to the code point.
type toUnicode struct {
	space   [4][][2]string // codespace ranges by code length
	codeLen int            // code length when no codespace matches
	chars   map[string]string
	ranges  []cmapRange
}

type cmapRange struct {
	lo, hi string
	dst    []uint16 // UTF-16 of lo
	each   []string // or one text for each code of the range
}

func readToUnicode(strm pdf.Value, codeLen int) *toUnicode {
	rc := strm.Reader()
	defer rc.Close()
	data, _ := io.ReadAll(io.LimitReader(rc, maxCMap))
	return parseToUnicode(data, codeLen)
}

// parseToUnicode reads the sections of a CMap that map codes to text; the
// PostScript around them is skipped.
func parseToUnicode(data []byte, codeLen int) *toUnicode {
	m := &toUnicode{codeLen: codeLen, chars: map[string]string{}}
	var ops []any // operands since the last begin…: string or []string
	var arr []string
	inArr := false
	for len(data) > 0 {
		c := data[0]
		switch {
		case c == '%':
			i := bytes.IndexAny(data, "\r\n")
			if i < 0 {
				i = len(data)
			}
			data = data[i:]
		case c == '<' && len(data) > 1 && data[1] == '<', c == '>' && len(data) > 1 && data[1] == '>':
			data = data[2:]
		case c == '<':
			i := bytes.IndexByte(data, '>')
			if i < 0 {
				i = len(data) - 1
			}
			s := unhexPDF(data[1:i])
			data = data[i+1:]
			if inArr {
				arr = append(arr, s)
			} else {
				ops = append(ops, s)
			}
		case c == '[':
			inArr, arr = true, nil
			data = data[1:]
		case c == ']':
			if inArr {
				ops = append(ops, arr)
			}
			inArr = false
			data = data[1:]
		case c <= ' ' || c == '(' || c == ')' || c == '{' || c == '}' || c == '/' || c == '>':
			data = data[1:]
		default:
			i := 0
			for i < len(data) && data[i] > ' ' && !bytes.ContainsRune([]byte("<>[]()/{}%"), rune(data[i])) {
				i++
			}
			m.apply(string(data[:i]), ops)
			if strings.HasPrefix(string(data[:i]), "begin") || strings.HasPrefix(string(data[:i]), "end") {
				ops = ops[:0]
			}
			data = data[i:]
		}
	}
	sort.SliceStable(m.ranges, func(i, j int) bool {
		a, b := m.ranges[i], m.ranges[j]
		return len(a.lo) < len(b.lo) || len(a.lo) == len(b.lo) && a.lo < b.lo
	})
	return m
}

// apply takes the operands of an end…range or end…char section.
func (m *toUnicode) apply(op string, ops []any) {
	str := func(i int) string { s, _ := ops[i].(string); return s }
	switch op {
	case "endcodespacerange":
		for i := 0; i+1 < len(ops); i += 2 {
			lo, hi := str(i), str(i+1)
			if n := len(lo); n >= 1 && n <= 4 && len(hi) == n {
				m.space[n-1] = append(m.space[n-1], [2]string{lo, hi})
			}
		}
	case "endbfchar":
		for i := 0; i+1 < len(ops) && len(m.chars) < 1<<17; i += 2 {
			m.chars[str(i)] = utf16Text(utf16Units(str(i + 1)))
		}
	case "endbfrange":
		for i := 0; i+2 < len(ops) && len(m.ranges) < 1<<16; i += 3 {
			r := cmapRange{lo: str(i), hi: str(i + 1)}
			if len(r.lo) == 0 || len(r.lo) != len(r.hi) {
				continue
			}
			switch d := ops[i+2].(type) {
			case string:
				r.dst = utf16Units(d)
			case []string:
				for _, s := range d {
					r.each = append(r.each, utf16Text(utf16Units(s)))
				}
			}
			m.ranges = append(m.ranges, r)
		}
	}
}

func (m *toUnicode) Decode(raw string) string {
	var b strings.Builder
	for len(raw) > 0 {
		n := m.codeLength(raw)
		code := raw[:n]
		raw = raw[n:]
		if t, ok := m.chars[code]; ok {
			b.WriteString(t)
			continue
		}
		b.WriteString(m.inRange(code))
	}
	return b.String()
}

func (m *toUnicode) codeLength(raw string) int {
	for n := 1; n <= 4 && n <= len(raw); n++ {
		for _, sp := range m.space[n-1] {
			if sp[0] <= raw[:n] && raw[:n] <= sp[1] {
				return n
			}
		}
	}
	return min(m.codeLen, len(raw))
}

// inRange looks code up among the ranges, sorted by code length and start:
// the candidates are the few ranges starting at or before code.
func (m *toUnicode) inRange(code string) string {
	i := sort.Search(len(m.ranges), func(i int) bool {
		r := m.ranges[i]
		return len(r.lo) > len(code) || len(r.lo) == len(code) && r.lo > code
	})
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		r := m.ranges[j]
		if len(r.lo) != len(code) || code < r.lo || code > r.hi {
			continue
		}
		off := codeValue(code) - codeValue(r.lo)
		if r.each != nil {
			if off < len(r.each) {
				return r.each[off]
			}
			break
		}
		if len(r.dst) == 0 {
			break
		}
		u := slices.Clone(r.dst)
		last := int(u[len(u)-1]) + off
		if len(u) == 1 && last > 0xFFFF {
			return string(rune(last))
		}
		u[len(u)-1] = uint16(last)
		return utf16Text(u)
	}
	return "\uFFFD"
}

func codeValue(s string) int {
	v := 0
	for i := 0; i < len(s); i++ {
		v = v<<8 | int(s[i])
	}
	return v
}

func utf16Units(s string) []uint16 {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return u
}

func utf16Text(u []uint16) string { return string(utf16.Decode(u)) }

func unhexPDF(h []byte) string {
	var out []byte
	hi, half := byte(0), false
	for _, c := range h {
		var v byte
		switch {
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4)
	}
	return string(out)
}

// advance is the width of raw in text space units of 1/1000 em, and the
// number of codes and single-byte spaces it holds.
func (f *pdfFont) advance(raw string) (w float64, codes, spaces int) {
	if f.mixed {
		for i := 0; i < len(raw); codes++ {
			switch {
			case raw[i] < 0x80:
				w += f.dw / 2
				if raw[i] == ' ' {
					spaces++
				}
				i++
			case i+1 < len(raw) && raw[i+1] >= '0' && raw[i+1] <= '9':
				w += f.dw
				i += 4
			default:
				w += f.dw
				i += 2
			}
		}
		return w, codes, spaces
	}
	if f.twoByte {
		for i := 0; i+1 < len(raw); i += 2 {
			cid := int(raw[i])<<8 | int(raw[i+1])
			cw, ok := f.widths[cid]
			if !ok {
				cw = f.dw
			}
			w += cw
			codes++
		}
		return w, codes, 0
	}
	for i := 0; i < len(raw); i++ {
		cw := f.simple.Width(int(raw[i]))
		if cw == 0 {
			cw = 500 // standard fonts carry no widths; half an em is typical
		}
		w += cw
		codes++
		if raw[i] == ' ' {
			spaces++
		}
	}
	return w, codes, spaces
}

// maxFormDepth bounds form XObjects drawn inside forms; a form that draws
// itself would otherwise never end.
const maxFormDepth = 8

// pageRuns interprets a page's content stream for the strings it shows.
func pageRuns(p pdf.Page, budget *pdfBudget) []pdfRun {
	return contentRuns(p.Resources(), p.V.Key("Contents"), identity, budget, 0)
}

// contentRuns interprets one content stream (a page's, or a form XObject's
// drawn from it) with its resources. Only what places text is followed: text
// and line matrices, the CTM with its save/restore stack, font, size,
// spacing and scaling, and forms (letterheads and whole pages are often
// drawn as forms).
func contentRuns(res, contents pdf.Value, ctm matrix, budget *pdfBudget, depth int) []pdfRun {
	if contents.Kind() == pdf.Null {
		return nil
	}
	type state struct {
		ctm                   matrix
		tc, tw, th, tl, trise float64
		tfs                   float64
		font                  *pdfFont
	}
	g := state{ctm: ctm, th: 1}
	var stack []state
	var tm, tlm matrix
	inText := false
	fonts := map[string]*pdfFont{}
	var runs []pdfRun
	show := func(raw string) {
		if !inText || g.font == nil || raw == "" {
			return
		}
		if budget.ops -= len(raw); budget.ops < 0 {
			panic(errPDFBudget)
		}
		text := g.font.enc.Decode(raw)
		w, codes, spaces := g.font.advance(raw)
		trm := matrix{{g.tfs * g.th, 0, 0}, {0, g.tfs, 0}, {0, g.trise, 1}}.mul(tm).mul(g.ctm)
		tx := (w/1000*g.tfs + g.tc*float64(codes) + g.tw*float64(spaces)) * g.th
		tm = translate(tx, 0).mul(tm)
		end := matrix{{1, 0, 0}, {0, 1, 0}, {0, g.trise, 1}}.mul(tm).mul(g.ctm)
		size := math.Hypot(trm[1][0], trm[1][1])
		runs = append(runs, pdfRun{x: trm[2][0], end: end[2][0], y: trm[2][1], size: size, text: text})
	}
	nextLine := func() {
		tlm = translate(0, -g.tl).mul(tlm)
		tm = tlm
	}
	var args []operand
	lx := &contentLexer{r: bufio.NewReader(contentReader(contents, budget))}
	for {
		o, op, ok := lx.next(0)
		if !ok {
			break
		}
		if op == "" {
			if o.kind != ']' && o.kind != '>' && len(args) < 32 {
				args = append(args, o)
			}
			continue
		}
		if budget.ops--; budget.ops < 0 {
			panic(errPDFBudget)
		}
		num := func(i int) float64 { return args[i].num }
		switch op {
		case "BI":
			lx.skipInlineImage()
		case "q":
			if len(stack) < 1024 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if len(args) == 6 {
				m := matrix{{num(0), num(1), 0}, {num(2), num(3), 0}, {num(4), num(5), 1}}
				g.ctm = m.mul(g.ctm)
			}
		case "BT":
			inText, tm, tlm = true, identity, identity
		case "ET":
			inText = false
		case "Tc":
			if len(args) == 1 {
				g.tc = num(0)
			}
		case "Tw":
			if len(args) == 1 {
				g.tw = num(0)
			}
		case "Tz":
			if len(args) == 1 {
				g.th = num(0) / 100
			}
		case "TL":
			if len(args) == 1 {
				g.tl = num(0)
			}
		case "Ts":
			if len(args) == 1 {
				g.trise = num(0)
			}
		case "Tf":
			if len(args) == 2 {
				name := args[0].Name()
				f, ok := fonts[name]
				if !ok {
					f = newPDFFont(res, name)
					fonts[name] = f
				}
				g.font, g.tfs = f, num(1)
			}
		case "Td", "TD":
			if len(args) == 2 {
				if op == "TD" {
					g.tl = -num(1)
				}
				tlm = translate(num(0), num(1)).mul(tlm)
				tm = tlm
			}
		case "Tm":
			if len(args) == 6 {
				tm = matrix{{num(0), num(1), 0}, {num(2), num(3), 0}, {num(4), num(5), 1}}
				tlm = tm
			}
		case "T*":
			nextLine()
		case "Do":
			if len(args) != 1 || depth >= maxFormDepth {
				break
			}
			xo := res.Key("XObject").Key(args[0].Name())
			if xo.Kind() != pdf.Stream || xo.Key("Subtype").Name() != "Form" {
				break
			}
			m := identity
			if a := xo.Key("Matrix"); a.Len() == 6 {
				m = matrix{{a.Index(0).Float64(), a.Index(1).Float64(), 0}, {a.Index(2).Float64(), a.Index(3).Float64(), 0}, {a.Index(4).Float64(), a.Index(5).Float64(), 1}}
			}
			fres := xo.Key("Resources")
			if fres.Kind() != pdf.Dict {
				fres = res
			}
			runs = append(runs, contentRuns(fres, xo, m.mul(g.ctm), budget, depth+1)...)
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'":
			if len(args) == 1 {
				nextLine()
				show(args[0].RawString())
			}
		case "\"":
			if len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
				nextLine()
				show(args[2].RawString())
			}
		case "TJ":
			if len(args) == 1 {
				a := args[0]
				for i := 0; i < a.Len(); i++ {
					if x := a.Index(i); x.kind == 's' {
						show(x.RawString())
					} else {
						tm = translate(-x.num/1000*g.tfs*g.th, 0).mul(tm)
					}
				}
			}
		}
		args = args[:0]
	}
	return runs
}

// pageLines groups a page's runs into lines, top to bottom, each read left
// to right.
func pageLines(p pdf.Page, budget *pdfBudget) []pdfLine {
	runs := pageRuns(p, budget)
	kept := runs[:0]
	for _, r := range runs {
		r.text = strings.ToValidUTF8(r.text, "\uFFFD")
		if strings.TrimSpace(r.text) != "" && r.size > 0 && !math.IsNaN(r.x+r.y+r.end) && !math.IsInf(r.x+r.y+r.end, 0) {
			kept = append(kept, r)
		}
	}
	runs = kept
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].y > runs[j].y })
	var lines []pdfLine
	for start := 0; start < len(runs); {
		end := start + 1
		// A run belongs to the line while its baseline is within half a
		// glyph of the line's first run: superscripts and mixed fonts stay.
		for end < len(runs) && runs[start].y-runs[end].y <= 0.5*min(runs[start].size, runs[end].size) {
			end++
		}
		lines = append(lines, joinRuns(runs[start:end]))
		start = end
	}
	return lines
}

// joinRuns reads one line's runs left to right. Text drawn twice at almost
// the same place (fake bold, shadows) is kept once.
func joinRuns(runs []pdfRun) pdfLine {
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].x < runs[j].x })
	var b strings.Builder
	l := pdfLine{x: runs[0].x, y: runs[0].y}
	var prev *pdfRun
	for i := range runs {
		r := &runs[i]
		if prev != nil && r.text == prev.text && math.Abs(r.x-prev.x) < 0.2*r.size && math.Abs(r.y-prev.y) < 0.2*r.size {
			continue
		}
		if prev != nil {
			gap := r.x - prev.end
			last, _ := utf8.DecodeLastRuneInString(prev.text)
			first, _ := utf8.DecodeRuneInString(r.text)
			// A wide gap is a tab or a column; a small one separates words
			// only between Latin letters and digits, never inside Chinese.
			if gap > 1.5*r.size || (gap > 0.25*r.size && latin(last) && latin(first)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(r.text)
		l.end = max(l.end, r.end)
		l.size = max(l.size, r.size)
		prev = r
	}
	l.text = b.String()
	return l
}

func latin(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// pageNumber matches the lines that only number a page: "— 1 —", "- 2 -",
// "第 3 页", "第3页 共5页", "4/5", "·5·".
var pageNumber = regexp.MustCompile(`^[\s\-—–－·•]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*\d{1,4}|\s*[,，]?\s*共\s*\d{1,4}\s*页)?[\s\-—–－·•]*$`)

// paragraphStart: headings of the genre begin a paragraph even when the line
// before runs to the margin.
var paragraphStart = regexp.MustCompile(`^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[、.．]\D|第[一二三四五六七八九十]+[章节部分篇])`)

// runningLines finds running heads and feet: a line that opens or closes
// (page numbers aside) at least three pages and half of them, the same but
// for its digits. They are dropped, so a paragraph that goes on over the page
// break is still joined.
func runningLines(pages [][]pdfLine) map[[2]int]bool {
	key := func(s string) string {
		return strings.Map(func(r rune) rune {
			switch {
			case unicode.IsDigit(r):
				return '#'
			case isSpace(r):
				return -1
			}
			return r
		}, s)
	}
	type at struct{ page, line int }
	seen := map[string][]at{}
	for pi, pl := range pages {
		first, last := 0, len(pl)-1
		for first <= last && pageNumber.MatchString(pl[first].text) {
			first++
		}
		for last >= first && pageNumber.MatchString(pl[last].text) {
			last--
		}
		if first > last {
			continue
		}
		seen["head "+key(pl[first].text)] = append(seen["head "+key(pl[first].text)], at{pi, first})
		if last != first {
			seen["foot "+key(pl[last].text)] = append(seen["foot "+key(pl[last].text)], at{pi, last})
		}
	}
	out := map[[2]int]bool{}
	for _, ats := range seen {
		if len(ats) >= 3 && 2*len(ats) >= len(pages) {
			for _, a := range ats {
				out[[2]int{a.page, a.line}] = true
			}
		}
	}
	return out
}

const bullets = "●•·○■□◆◇▪▶►※*-"

// pdfParagraphs numbers the lines of all pages and joins each line that runs
// to the right margin with the next unless that one is indented, a heading,
// or set in another size.
func pdfParagraphs(pages [][]pdfLine) []Line {
	var ends, starts, sizes []float64
	for _, pl := range pages {
		for _, l := range pl {
			ends = append(ends, l.end)
			starts = append(starts, l.x)
			sizes = append(sizes, l.size)
		}
	}
	// Margins are taken over the document, so a short last page still
	// knows where its lines end. The right margin is the rightmost place
	// that many lines end at (wrapped lines of body text), so a few wider
	// lines (a letterhead, a table) do not move it; when no place holds
	// enough lines, nothing is joined.
	left := percentile(starts, 0.05)
	right := math.Inf(1)
	if len(ends) > 0 {
		tol := 1.2 * percentile(sizes, 0.5)
		sorted := slices.Clone(ends)
		slices.Sort(sorted)
		need := max(2, len(sorted)*15/100)
		for i := len(sorted) - 1; i >= 0; i-- {
			lo := sort.SearchFloat64s(sorted, sorted[i]-tol)
			if i-lo+1 >= need {
				right = sorted[i]
				break
			}
		}
	}
	var out []Line
	var cur strings.Builder
	var prev *pdfLine
	curNo, no := 0, 0
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, Line{No: curNo, Text: cleanLine(cur.String())})
			cur.Reset()
		}
	}
	running := runningLines(pages)
	for pi, pl := range pages {
		for i := range pl {
			l := &pl[i]
			no++
			if (i == 0 || i == len(pl)-1) && pageNumber.MatchString(l.text) || running[[2]int{pi, i}] {
				continue
			}
			text := strings.TrimFunc(l.text, isSpace)
			// The lines of a bulleted paragraph may hang under its text.
			hang := 0.8
			if r, _ := utf8.DecodeRuneInString(cur.String()); strings.ContainsRune(bullets, r) {
				hang = 2
			}
			// Kinsoku (no line opens with closing punctuation, a number
			// stays with its unit) leaves wrapped lines up to two glyphs
			// short of the margin.
			join := prev != nil &&
				prev.end >= right-2*prev.size &&
				l.x+indent(l.text)*l.size <= left+hang*l.size &&
				math.Abs(l.size-prev.size) <= 0.2*prev.size &&
				!paragraphStart.MatchString(text)
			if join {
				last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(cur.String(), isSpace))
				first, _ := utf8.DecodeRuneInString(text)
				if latin(last) && latin(first) && unicode.IsLetter(last) && unicode.IsLetter(first) {
					cur.WriteByte(' ')
				}
			} else {
				flush()
				curNo = no
			}
			cur.WriteString(text)
			prev = l
		}
	}
	flush()
	kept := out[:0]
	for _, l := range out {
		if l.Text != "" {
			kept = append(kept, l)
		}
	}
	return kept
}

// indent is the width in em of the spaces a line starts with: Chinese
// reports often indent paragraphs with typed full-width spaces instead of a
// paragraph setting.
func indent(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == '\u3000':
			w++
		case isSpace(r):
			w += 0.3
		default:
			return w
		}
	}
	return w
}

func percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[int(p*float64(len(s)-1))]
}

// contentReader reads a content stream, or the streams of an array of them
// as one, within the byte budget.
func contentReader(contents pdf.Value, budget *pdfBudget) io.Reader {
	if contents.Kind() != pdf.Array {
		return &budgetReader{r: contents.Reader(), budget: budget}
	}
	var parts []io.Reader
	for i := 0; i < contents.Len() && i < 4096; i++ {
		parts = append(parts, contents.Index(i).Reader(), strings.NewReader("\n"))
	}
	return &budgetReader{r: io.MultiReader(parts...), budget: budget}
}

type budgetReader struct {
	r      io.Reader
	budget *pdfBudget
}

func (b *budgetReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if b.budget.bytes -= int64(n); b.budget.bytes < 0 {
		panic(errPDFBudget)
	}
	return n, err
}

// An operand of a content-stream operator.
type operand struct {
	kind byte // 'n' number, 's' string, '/' name, '[' array, '?' other; ']' '>' end markers
	num  float64
	str  string
	arr  []operand
}

func (o operand) Name() string {
	if o.kind == '/' {
		return o.str
	}
	return ""
}

func (o operand) RawString() string {
	if o.kind == 's' {
		return o.str
	}
	return ""
}

func (o operand) Len() int            { return len(o.arr) }
func (o operand) Index(i int) operand { return o.arr[i] }

// contentLexer splits a content stream into operands and operators. It is
// ours rather than the library's Interpret, which loops for ever on a hex
// string cut off by the end of the stream; every loop here ends at the end
// of the stream, and nesting is bounded.
type contentLexer struct {
	r *bufio.Reader
}

const (
	maxLexDepth  = 32
	maxLexString = 1 << 20
	maxLexArray  = 1 << 16
)

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }

// next reads one operand, or an operator (op != ""); ok is false at the end.
func (lx *contentLexer) next(depth int) (o operand, op string, ok bool) {
	for {
		c, err := lx.r.ReadByte()
		if err != nil {
			return o, "", false
		}
		switch {
		case isPDFSpace(c):
		case c == '%':
			for err == nil && c != '\n' && c != '\r' {
				c, err = lx.r.ReadByte()
			}
		case c == '(':
			return operand{kind: 's', str: lx.literal()}, "", true
		case c == '<':
			if c2, err := lx.r.ReadByte(); err == nil && c2 == '<' {
				if depth < maxLexDepth {
					lx.skipDict(depth + 1)
				}
				return operand{kind: '?'}, "", true
			} else if err == nil {
				lx.r.UnreadByte()
			}
			return operand{kind: 's', str: lx.hex()}, "", true
		case c == '>':
			if c2, err := lx.r.ReadByte(); err == nil && c2 == '>' {
				return operand{kind: '>'}, "", true
			} else if err == nil {
				lx.r.UnreadByte()
			}
		case c == '[':
			if depth >= maxLexDepth {
				return operand{kind: '?'}, "", true
			}
			return lx.array(depth + 1), "", true
		case c == ']':
			return operand{kind: ']'}, "", true
		case c == '/':
			return operand{kind: '/', str: lx.word()}, "", true
		case isPDFDelim(c): // stray ) { }
		default:
			lx.r.UnreadByte()
			w := lx.word()
			if strings.IndexByte("+-.0123456789", w[0]) >= 0 {
				v, _ := strconv.ParseFloat(w, 64)
				if math.IsNaN(v) || math.IsInf(v, 0) {
					v = 0
				}
				return operand{kind: 'n', num: v}, "", true
			}
			switch w {
			case "true", "false", "null":
				return operand{kind: '?'}, "", true
			}
			return o, w, true
		}
	}
}

// word reads regular characters; a word is never empty, as next calls it on
// a regular character or after '/'.
func (lx *contentLexer) word() string {
	var b []byte
	for {
		c, err := lx.r.ReadByte()
		if err != nil {
			break
		}
		if isPDFSpace(c) || isPDFDelim(c) {
			lx.r.UnreadByte()
			break
		}
		if len(b) < 256 {
			b = append(b, c)
		}
	}
	if len(b) == 0 {
		return "?"
	}
	return string(b)
}

func (lx *contentLexer) literal() string {
	var b []byte
	put := func(c byte) {
		if len(b) < maxLexString {
			b = append(b, c)
		}
	}
	nest := 1
	for {
		c, err := lx.r.ReadByte()
		if err != nil {
			return string(b)
		}
		switch c {
		case '(':
			nest++
			put(c)
		case ')':
			if nest--; nest == 0 {
				return string(b)
			}
			put(c)
		case '\\':
			e, err := lx.r.ReadByte()
			if err != nil {
				return string(b)
			}
			switch e {
			case 'n':
				put('\n')
			case 'r':
				put('\r')
			case 't':
				put('\t')
			case 'b':
				put('\b')
			case 'f':
				put('\f')
			case '\r':
				if c, err := lx.r.ReadByte(); err == nil && c != '\n' {
					lx.r.UnreadByte()
				}
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for range 2 {
						d, err := lx.r.ReadByte()
						if err != nil {
							break
						}
						if d < '0' || d > '7' {
							lx.r.UnreadByte()
							break
						}
						v = v*8 + int(d-'0')
					}
					put(byte(v))
				} else {
					put(e)
				}
			}
		default:
			put(c)
		}
	}
}

func (lx *contentLexer) hex() string {
	var h []byte
	for {
		c, err := lx.r.ReadByte()
		if err != nil || c == '>' {
			break
		}
		if len(h) < 2*maxLexString {
			h = append(h, c)
		}
	}
	return unhexPDF(h)
}

func (lx *contentLexer) array(depth int) operand {
	a := operand{kind: '['}
	for {
		o, op, ok := lx.next(depth)
		if !ok || o.kind == ']' {
			return a
		}
		if op == "" && o.kind != '>' && len(a.arr) < maxLexArray {
			a.arr = append(a.arr, o)
		}
	}
}

// skipDict reads past a dictionary (marked content properties, inline
// image parameters).
func (lx *contentLexer) skipDict(depth int) {
	for {
		o, _, ok := lx.next(depth)
		if !ok || o.kind == '>' {
			return
		}
	}
}

// skipInlineImage reads past the parameters and the binary data of an
// inline image (BI … ID data EI); the data is not PDF syntax.
func (lx *contentLexer) skipInlineImage() {
	for {
		_, op, ok := lx.next(0)
		if !ok {
			return
		}
		if op == "ID" {
			break
		}
	}
	// The data ends at "EI" between white space.
	b3, b2, b1 := byte(' '), byte(' '), byte(' ')
	for {
		c, err := lx.r.ReadByte()
		if err != nil {
			return
		}
		if isPDFSpace(b3) && b2 == 'E' && b1 == 'I' && isPDFSpace(c) {
			return
		}
		b3, b2, b1 = b2, b1, c
	}
}
