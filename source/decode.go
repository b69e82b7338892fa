package source

import (
	"bytes"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
	// oleMagic starts every legacy .doc/.wps (and encrypted Office) file.
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// viewString is data as a string without a copy: the readers keep the
// bytes they are given (Read's, read from the file for this alone; Parse's
// caller may not change them afterwards), so a UTF-8 text's lines are
// pieces of them. Copying the whole file into a string was a twentieth of
// reading and extracting it, and a third of the bytes allocated.
func viewString(data []byte) string { return unsafe.String(unsafe.SliceData(data), len(data)) }

// decodeText turns the bytes of a plain-text source into UTF-8 and names the
// encoding found. It refuses rather than guess: a wrong guess would produce
// mojibake that nobody notices until the figures are wrong.
func decodeText(data []byte) (text, enc, reason string) {
	text, enc, _, reason = decodeTextScan(data, false)
	return text, enc, reason
}

// decodeTextScan is decodeText, and what the scan of UTF-8 input found on
// the way (known is false for the other encodings), with the look-ups for
// tradSet only when lookTrad is set: an HTML page's lines are not pieces
// of its bytes (entities, markup), so the facts would be of no use.
func decodeTextScan(data []byte, lookTrad bool) (text, enc string, facts textScan, reason string) {
	if len(data) == 0 {
		return "", "", facts, reasonEmpty
	}
	if bytes.HasPrefix(data, oleMagic) {
		return "", "", facts, reasonLegacy
	}
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		rest := data[len(bomUTF8):]
		if bytes.IndexByte(rest, 0) >= 0 {
			return "", "", facts, reasonBinary
		}
		// scanText counts controlHeavy's bytes and checks utf8.Valid.
		text = viewString(rest)
		if facts = scanText(text, lookTrad); facts.controls*20 > len(rest) {
			return "", "", textScan{}, reasonBinary
		}
		if !facts.valid {
			return "", "", textScan{}, reasonEncoding
		}
		return text, "UTF-8 BOM", facts, ""
	case bytes.HasPrefix(data, bomUTF16LE):
		text, enc, reason = decodeUTF16(data, xunicode.LittleEndian, "UTF-16LE")
		return text, enc, facts, reason
	case bytes.HasPrefix(data, bomUTF16BE):
		text, enc, reason = decodeUTF16(data, xunicode.BigEndian, "UTF-16BE")
		return text, enc, facts, reason
	}
	hasNUL := bytes.IndexByte(data, 0) >= 0
	if !hasNUL {
		// The string is made first, as it is kept in the common case,
		// and scanned: a string's pieces need no check of capacity.
		text = viewString(data)
		facts = scanText(text, lookTrad)
	}
	if !facts.valid {
		// Chinese saved as UTF-16 without a BOM has few NULs (only its
		// ASCII makes them) and often control-like bytes (。 is 02 30):
		// what it decodes to decides, before the binary checks refuse it.
		if order, name, ok := chineseUTF16(data); ok {
			if t, e, r := decodeUTF16(data, order, name); r == "" {
				return t, e, textScan{}, ""
			}
		}
	}
	if hasNUL {
		// UTF-16 saved without a BOM has NULs in every other byte for
		// ASCII; anything else with NULs is binary.
		if order, name, ok := bomlessUTF16(data); ok {
			if t, e, r := decodeUTF16(data, order, name); r == "" && plausibleChinese(t) {
				return t, e, textScan{}, ""
			}
		}
		return "", "", textScan{}, reasonBinary
	}
	if facts.controls*20 > len(data) { // controlHeavy, counted by scanText
		return "", "", textScan{}, reasonBinary
	}
	if facts.valid {
		return text, "UTF-8", facts, ""
	}
	if t, ok := decodeLegacy(data, simplifiedchinese.GB18030); ok {
		return t, "GB18030", textScan{}, ""
	}
	if t, ok := decodeLegacy(data, traditionalchinese.Big5); ok {
		return t, "Big5", textScan{}, ""
	}
	return "", "", textScan{}, reasonEncoding
}

func decodeUTF16(data []byte, order xunicode.Endianness, name string) (string, string, string) {
	if len(data)%2 == 1 {
		data = data[:len(data)-1] // a truncated last code unit
	}
	out, err := xunicode.UTF16(order, xunicode.UseBOM).NewDecoder().Bytes(data)
	if err != nil {
		return "", "", reasonEncoding
	}
	if len(out) == 0 {
		return "", "", reasonEmpty
	}
	if bytes.ContainsRune(out, utf8.RuneError) {
		return "", "", reasonEncoding
	}
	if bytes.IndexByte(out, 0) >= 0 || controlHeavy(out) {
		return "", "", reasonBinary
	}
	return string(out), name, ""
}

// bomlessUTF16 recognises UTF-16 without a BOM by where its NULs sit: the
// high bytes of ASCII characters, nearly all at odd offsets (LE) or even
// ones (BE); the few others are CJK code points like U+4E00. Lines, digits
// and punctuation make NULs at least 5% of the bytes.
func bomlessUTF16(data []byte) (xunicode.Endianness, string, bool) {
	if len(data) < 4 || len(data)%2 == 1 {
		return xunicode.LittleEndian, "", false
	}
	var even, odd int
	for i, b := range data {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	if (even+odd)*20 < len(data) {
		return xunicode.LittleEndian, "", false // a few stray NULs: binary
	}
	switch {
	case odd > 8*even:
		return xunicode.LittleEndian, "UTF-16LE", true
	case even > 8*odd:
		return xunicode.BigEndian, "UTF-16BE", true
	}
	return xunicode.LittleEndian, "", false
}

// utf16Sample is how much of a file chineseUTF16 looks at; decodeUTF16
// then checks all of it.
const utf16Sample = 256 << 10

// chineseUTF16 recognises Chinese text in UTF-16 without a BOM by decoding
// the start of the file both ways: the right byte order gives almost only
// ideographs, CJK and ASCII punctuation, the wrong one scatters code units
// over unrelated blocks (Hangul, private use, Yi) or hits invalid
// surrogates. GB18030, Big5 and UTF-8 Chinese never read as Han-dense
// UTF-16. Where both orders read well, the NULs decide: the high bytes of
// ASCII sit at odd offsets in little-endian.
func chineseUTF16(data []byte) (xunicode.Endianness, string, bool) {
	if len(data) < 4 {
		return xunicode.LittleEndian, "", false
	}
	sample := data[:min(len(data), utf16Sample)&^1]
	le := utf16Chinese(sample, false)
	be := utf16Chinese(sample, true)
	switch {
	case le && be:
		var even, odd int
		for i, b := range sample {
			if b == 0 {
				if i%2 == 0 {
					even++
				} else {
					odd++
				}
			}
		}
		if odd > even {
			return xunicode.LittleEndian, "UTF-16LE", true
		}
		if even > odd {
			return xunicode.BigEndian, "UTF-16BE", true
		}
	case le:
		return xunicode.LittleEndian, "UTF-16LE", true
	case be:
		return xunicode.BigEndian, "UTF-16BE", true
	}
	return xunicode.LittleEndian, "", false
}

// utf16Chinese reads b as UTF-16 code units and reports whether they are
// valid and at least 95% characters of Chinese prose, a tenth of them Han.
// A sample cut inside a surrogate pair loses only its last unit.
func utf16Chinese(b []byte, bigEndian bool) bool {
	var total, text, han int
	for i := 0; i+1 < len(b); i += 2 {
		u := rune(b[i]) | rune(b[i+1])<<8
		if bigEndian {
			u = rune(b[i])<<8 | rune(b[i+1])
		}
		switch {
		case u >= 0xD800 && u <= 0xDBFF:
			if i+3 >= len(b) {
				continue // the sample ends inside the pair
			}
			v := rune(b[i+2]) | rune(b[i+3])<<8
			if bigEndian {
				v = rune(b[i+2])<<8 | rune(b[i+3])
			}
			if v < 0xDC00 || v > 0xDFFF {
				return false
			}
			i += 2
			total++
			text++ // Ext B and later ideographs, rare in reports
			han++
			continue
		case u >= 0xDC00 && u <= 0xDFFF:
			return false
		case u == 0 || (u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f'):
			return false
		}
		total++
		if unicode.Is(unicode.Han, u) {
			han++
			text++
		} else if chineseProse(u) {
			text++
		}
	}
	return total > 0 && text*20 >= total*19 && han*10 >= total
}

// chineseProse: the non-Han characters of Chinese prose.
func chineseProse(r rune) bool {
	switch {
	case r < 0x7F, // ASCII: digits, Latin, line ends
		r >= 0xA0 && r <= 0xFF,     // Latin-1 signs: · × °
		r >= 0x2000 && r <= 0x206F, // general punctuation: — “” …
		r >= 0x2100 && r <= 0x218F, // letterlike, number forms: ℃ Ⅻ
		r >= 0x2460 && r <= 0x24FF, // enclosed numbers: ①
		r >= 0x2500 && r <= 0x25FF, // box drawing, shapes: ■ ○
		r >= 0x3000 && r <= 0x303F, // CJK punctuation: 、。《》
		r >= 0xFF00 && r <= 0xFFEF: // full-width forms: ，（）
		return true
	}
	return false
}

// controlHeavy reports whether more than 5% of the bytes are C0 controls
// other than the whitespace ones text files use.
func controlHeavy(data []byte) bool {
	n := 0
	for _, b := range data {
		n += int(controlByte[b]) // a sum, not a branch per byte
	}
	return n*20 > len(data)
}

// textScan is what one pass over a file's bytes found. When known (the
// file is valid UTF-8), trad and stops hold for every line cut from the
// text: a line is a piece of it with its spaces trimmed and its controls
// blanked, and no space or control is in tradSet, so lines need no second
// look for what the whole text lacks.
type textScan struct {
	valid    bool // utf8.Valid
	controls int  // controlHeavy's bytes
	known    bool // valid and looked for tradSet: trad and stops below are filled
	trad     bool // some rune is in tradSet: t2s changes the text
	stops    bool // some byte cleanLine stops at (controlLead), CR and LF aside
}

// scanText is utf8.Valid(data), the count of controlHeavy's bytes, whether
// a rune is in tradSet and whether a byte stops cleanLine, in one pass:
// each of them was a pass over every rune of its own. scanRun takes the
// common steps; here are the others, decoded by the library.
func scanText(data string, lookTrad bool) textScan {
	valid := true
	controls := 0
	var trad uint64 // bit 0: some rune in tradSet (or not looked for)
	if !lookTrad {
		trad = 1
	}
	var stops uint8 // asciiScan's stop bit
	for i := 0; i < len(data); {
		j, n, st, tr := scanRun(data, i, trad&1 != 0)
		controls, stops, trad = controls+n, stops|st, trad|tr
		if i = j; i >= len(data) {
			break
		}
		c := data[i]
		if c < utf8.RuneSelf { // within the last three bytes
			f := asciiScan[c]
			controls += int(f & 1)
			stops |= f
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(data[i:])
		if r == utf8.RuneError && size == 1 {
			valid = false
		}
		if isTrad(r) {
			trad |= 1
		}
		if c == 0xC2 && size == 2 && data[i+1] < 0xA0 {
			stops |= 2 // a C1 control
		}
		i += size
	}
	known := valid && lookTrad
	return textScan{valid: valid, controls: controls, known: known, trad: known && trad&1 != 0, stops: known && stops&2 != 0}
}

// scanRun takes scanText's steps from i while the byte there is ASCII or
// starts a three-byte rune as cjkutf8.IsThree finds them, and four bytes
// are left: eight bytes (two runes) or four are read as one word, a rune's
// tradSet word and bit come straight from its bytes, and the ASCII bytes
// are looked up in asciiScan. With no call in it, its values stay in
// registers (as in t2sGroup.quickRun). Once a rune in tradSet is found
// (found: before i), the runes are no longer looked up. It returns where
// it stopped, the controls counted, the stop bits and tradSet's bit 0 if
// load64 is the first eight bytes of d, little-endian: one load once
// inlined where the caller knows d holds eight (binary.LittleEndian wants
// a []byte, and d is the file's text as a string, not copied).
func load64(d string) uint64 {
	_ = d[7]
	return uint64(d[0]) | uint64(d[1])<<8 | uint64(d[2])<<16 | uint64(d[3])<<24 |
		uint64(d[4])<<32 | uint64(d[5])<<40 | uint64(d[6])<<48 | uint64(d[7])<<56
}

// some rune is in it.
func scanRun(data string, i int, found bool) (next, controls int, stops uint8, trad uint64) {
	d := data[i:] // sliced as it is read: no index to check against the length
	// The pattern's constants in locals, loaded once: as constants they
	// were put into registers anew at every step.
	mask, want, bad := pairPattern[0], pairPattern[1], pairPattern[2]
	for !found && len(d) >= 8 {
		x := load64(d)
		// Two three-byte runes at once where there are: one comparison
		// for the pattern of both.
		if x&mask == want && (bad>>(x&0x0F))&1 == 0 && (bad>>((x>>24)&0x0F))&1 == 0 {
			d = d[6:]
			// Bit tests and a branch, not shifts into trad: no shift
			// count to move into CL.
			found = tradSet[(x&0x0F)<<6|(x>>8)&0x3F]&(1<<((x>>16)&0x3F)) != 0 ||
				tradSet[(x>>18)&0x3C0|(x>>32)&0x3F]&(1<<((x>>40)&0x3F)) != 0
			continue
		}
		if x&0x80 == 0 {
			f := asciiScan[x&0x7F]
			controls += int(f & 1)
			stops |= f
			d = d[1:]
			continue
		}
		if !threeAt(uint32(x)) {
			break
		}
		found = tradSet[(x&0x0F)<<6|(x>>8)&0x3F]&(1<<((x>>16)&0x3F)) != 0
		d = d[3:]
	}
	if found {
		trad = 1
	}
	// Once a rune is in tradSet, the rest is only checked.
	for found && len(d) >= 8 {
		x := load64(d)
		if x&mask == want && (bad>>(x&0x0F))&1 == 0 && (bad>>((x>>24)&0x0F))&1 == 0 {
			d = d[6:]
			continue
		}
		if x&0x80 == 0 {
			f := asciiScan[x&0x7F]
			controls += int(f & 1)
			stops |= f
			d = d[1:]
			continue
		}
		if !threeAt(uint32(x)) {
			break
		}
		d = d[3:]
	}
	for len(d) >= 4 {
		x := uint32(d[0]) | uint32(d[1])<<8 | uint32(d[2])<<16 | uint32(d[3])<<24
		if x&0x80 == 0 {
			f := asciiScan[x&0x7F]
			controls += int(f & 1)
			stops |= f
			d = d[1:]
			continue
		}
		if !threeAt(x) {
			break
		}
		trad |= tradSet[(x&0x0F)<<6|(x>>8)&0x3F] >> ((x >> 16) & 0x3F)
		d = d[3:]
	}
	return len(data) - len(d), controls, stops, trad
}

// pairPattern is the mask and value of two three-byte runes read as one
// word (see threeAt), and the lead nibbles left out, as variables.
var pairPattern = [3]uint64{0xC0C0F0C0C0F0, 0x8080E08080E0, 0x2001}

// threeAt reports whether x, three or four bytes of a text read
// little-endian, starts with a three-byte rune as cjkutf8.IsThree finds
// them: lead E1-EF but ED, and two continuation bytes (a fourth byte is
// not looked at).
// E0 and ED, whose second bytes are narrower, are left to the library.
func threeAt(x uint32) bool {
	return x&0xC0C0F0 == 0x8080E0 && (0x2001>>(x&0x0F))&1 == 0
}

// asciiScan has, for each ASCII byte, bit 0 from controlByte and bit 1 set
// when cleanLine stops at the byte (controlLead), CR and LF aside: they end
// lines and are never in one.
var asciiScan = func() (t [utf8.RuneSelf]uint8) {
	for b := range t {
		t[b] = controlByte[b]
		if controlLead[b] && b != '\n' && b != '\r' {
			t[b] |= 2
		}
	}
	return t
}()

// controlByte is 1 for the bytes controlHeavy counts: C0 controls other
// than the whitespace ones and SUB (0x1A, DOS end of file), and DEL.
var controlByte = func() (t [256]uint8) {
	for b := 0; b < 0x20; b++ {
		switch b {
		case '\n', '\r', '\t', '\f', '\v', 0x1A:
		default:
			t[b] = 1
		}
	}
	t[0x7F] = 1
	return t
}()

// decodeLegacy decodes data with a double-byte Chinese encoding and accepts
// the result only when it looks like Chinese text.
func decodeLegacy(data []byte, e encoding.Encoding) (string, bool) {
	out, err := e.NewDecoder().Bytes(data)
	if err != nil || !utf8.Valid(out) || bytes.ContainsRune(out, utf8.RuneError) {
		return "", false
	}
	s := string(out)
	return s, plausibleChinese(s)
}

// plausibleChinese catches the usual wrong guesses: Big5 read as GBK lands in
// the private-use area, and Latin-1 read as GBK gives lone ideographs wedged
// between ASCII letters.
func plausibleChinese(s string) bool {
	var han, pua, wedged, control, total int
	prev := rune(0)
	for i, r := range s {
		total++
		switch {
		case r >= 0xE000 && r <= 0xF8FF:
			pua++
		case unicode.Is(unicode.Han, r):
			han++
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if isASCIILetter(prev) && isASCIILetter(next) {
				wedged++
			}
		case unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t':
			control++
		}
		prev = r
	}
	if pua > 0 && pua*50 > han+pua {
		return false
	}
	if wedged > 0 && wedged*10 > han*3 {
		return false
	}
	return control*20 <= total
}

func isASCIILetter(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}
