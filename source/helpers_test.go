package source

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

func texts(d *Document) []string {
	out := make([]string, len(d.Lines))
	for i, l := range d.Lines {
		out[i] = l.Text
	}
	return out
}

func encode(t testing.TB, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode: %v", err)
	}
	return b
}

var (
	gbk     = simplifiedchinese.GBK
	gb18030 = simplifiedchinese.GB18030
	big5    = traditionalchinese.Big5
	utf16le = xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM) // writes a BOM
	utf16be = xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM)
)

// wantError checks err is a *Error for path with the given reason.
func wantError(t *testing.T, err error, path, reason string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want *Error %q, got %v", reason, err)
	}
	if e.Path != path || e.Reason != reason {
		t.Fatalf("got %q, want %q", e.Error(), path+": "+reason)
	}
	if !strings.HasPrefix(e.Error(), path) {
		t.Fatalf("error %q does not name the file", e.Error())
	}
}

// checkLines enforces the invariants every Document must hold.
func checkLines(t testing.TB, d *Document) {
	t.Helper()
	prev := 0
	for _, l := range d.Lines {
		if !utf8.ValidString(l.Text) || !utf8.ValidString(l.Simplified) {
			t.Fatalf("line %d: invalid UTF-8", l.No)
		}
		if utf8.RuneCountInString(l.Text) != utf8.RuneCountInString(l.Simplified) {
			t.Fatalf("line %d: rune counts differ: %q / %q", l.No, l.Text, l.Simplified)
		}
		// HTML lines split by <br> may share a source line.
		if l.Text == "" || l.No < 1 || l.No < prev {
			t.Fatalf("line %d: empty or out of order (after %d)", l.No, prev)
		}
		prev = l.No
	}
}
