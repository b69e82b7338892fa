package source

import (
	"bytes"
	"unicode"
	"unicode/utf8"

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

// decodeText turns the bytes of a plain-text source into UTF-8 and names the
// encoding found. It refuses rather than guess: a wrong guess would produce
// mojibake that nobody notices until the figures are wrong.
func decodeText(data []byte) (text, enc, reason string) {
	if len(data) == 0 {
		return "", "", reasonEmpty
	}
	if bytes.HasPrefix(data, oleMagic) {
		return "", "", reasonLegacy
	}
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		rest := data[len(bomUTF8):]
		if bytes.IndexByte(rest, 0) >= 0 || controlHeavy(rest) {
			return "", "", reasonBinary
		}
		if !utf8.Valid(rest) {
			return "", "", reasonEncoding
		}
		return string(rest), "UTF-8 BOM", ""
	case bytes.HasPrefix(data, bomUTF16LE):
		return decodeUTF16(data, xunicode.LittleEndian, "UTF-16LE")
	case bytes.HasPrefix(data, bomUTF16BE):
		return decodeUTF16(data, xunicode.BigEndian, "UTF-16BE")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		// UTF-16 saved without a BOM has NULs in every other byte for
		// ASCII; anything else with NULs is binary.
		if order, name, ok := bomlessUTF16(data); ok {
			if t, e, r := decodeUTF16(data, order, name); r == "" && plausibleChinese(t) {
				return t, e, ""
			}
		}
		return "", "", reasonBinary
	}
	if controlHeavy(data) {
		return "", "", reasonBinary
	}
	if utf8.Valid(data) {
		return string(data), "UTF-8", ""
	}
	if t, ok := decodeLegacy(data, simplifiedchinese.GB18030); ok {
		return t, "GB18030", ""
	}
	if t, ok := decodeLegacy(data, traditionalchinese.Big5); ok {
		return t, "Big5", ""
	}
	return "", "", reasonEncoding
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

// controlHeavy reports whether more than 5% of the bytes are C0 controls
// other than the whitespace ones text files use.
func controlHeavy(data []byte) bool {
	n := 0
	for _, b := range data {
		if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\v' && b != 0x1A) || b == 0x7F {
			n++
		}
	}
	return n*20 > len(data)
}

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
