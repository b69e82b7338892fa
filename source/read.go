package source

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"djreport/internal/cjkutf8"
)

// maxFileSize bounds any source file (a .docx or .pdf may carry images);
// .txt and .html have the lower maxTextFileSize (limits.go).
const maxFileSize = 512 << 20

// Read reads and normalises one source report.
func Read(path string) (*Document, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, &Error{Path: path, Reason: osReason(err)}
	}
	if info.IsDir() {
		return nil, &Error{Path: path, Reason: "这是文件夹，不是文件"}
	}
	if info.Size() > maxFileSize {
		return nil, &Error{Path: path, Reason: reasonTooLarge}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Path: path, Reason: osReason(err)}
	}
	defer f.Close()
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, &Error{Path: path, Reason: osReason(err)}
	}
	format := formatOf(path, head[:n])
	if format == nil {
		return nil, &Error{Path: path, Reason: reasonFormat()}
	}
	if format.parseBytes != nil && info.Size() > maxTextFileSize {
		return nil, &Error{Path: path, Reason: reasonFileSize(info.Size())}
	}
	if format.parseFile != nil {
		// The reader reads through the file, so only what it needs is held.
		return format.parseFile(path, f, info.Size())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Path: path, Reason: osReason(err)}
	}
	return format.parseBytes(path, data)
}

// ReadContext is Read that gives up when ctx ends: it returns
// context.Cause(ctx) at once, even while a reader is in the middle of a
// large file, so an interrupted run stops within moments. The abandoned
// Read runs to its end on its own goroutine and its result is dropped;
// that costs CPU and memory only until then (a CLI that was interrupted
// exits anyway). With a context that never ends it is exactly Read.
func ReadContext(ctx context.Context, path string) (*Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, context.Cause(ctx)
	}
	if ctx.Done() == nil {
		return Read(path)
	}
	type result struct {
		doc *Document
		err error
	}
	ch := make(chan result, 1) // buffered: the abandoned Read never blocks
	go func() {
		doc, err := Read(path)
		ch <- result{doc, err}
	}()
	select {
	case r := <-ch:
		return r.doc, r.err
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

// OSReason says an OS error in Chinese: the common ones by name, others
// with the system's own words.
func OSReason(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "文件不存在"
	case errors.Is(err, fs.ErrPermission):
		return "没有读取权限"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if pe.Err.Error() == "is a directory" {
			return "这是文件夹，不是文件"
		}
		err = pe.Err
	}
	return "无法读取文件：" + err.Error()
}

func osReason(err error) string { return OSReason(err) }

// Parse is Read over bytes already in memory; the format comes from the
// path's extension, corrected by the content where the two plainly disagree
// (a .doc that is really a web page, a .txt that is really HTML).
//
// Parse keeps data: the Document's text may be made of it without a copy,
// and so may everything cut from the text later (an extraction's figures,
// their sentences), so the caller must not change data afterwards: pass a
// buffer of its own, never one that is reused.
func Parse(path string, data []byte) (*Document, error) {
	format := formatOf(path, data[:min(len(data), sniffLen)])
	switch {
	case format == nil:
		return nil, &Error{Path: path, Reason: reasonFormat()}
	case format.parseFile != nil:
		return format.parseFile(path, bytes.NewReader(data), int64(len(data)))
	case int64(len(data)) > maxTextFileSize:
		return nil, &Error{Path: path, Reason: reasonFileSize(int64(len(data)))}
	}
	return format.parseBytes(path, data)
}

// cleanLine trims the whitespace around a line (NBSP, U+3000 and zero-width
// characters included) and blanks out control characters, which no reader
// shows and spreadsheets reject. Rune counts inside the line are kept.
func cleanLine(s string) string {
	s = trimSpace(s)
	for i := 0; i < len(s); i++ {
		// Eight bytes at a time while none of them can be one to stop at.
		if i = skipPlain(s, i); i >= len(s) {
			break
		}
		c := s[i]
		// C0 controls but tab, DEL, and C1 controls (UTF-8 C2 80..C2 9F);
		// one table look-up passes every other byte of every line.
		if controlLead[c] && (c != 0xC2 || i+1 < len(s) && s[i+1] < 0xA0) {
			return strings.TrimFunc(strings.Map(blankControl, s), isSpace)
		}
	}
	return s
}

// skipPlain is i advanced by eight bytes at a time while none of them is
// below 0x20 (tab too), DEL or C2: every byte controlLead marks is one.
// The tests are SWAR's "has a byte less than n" and "has a zero byte"
// (after an xor), each exact for the word as a whole.
func skipPlain(s string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		del, c2 := x^(ones*0x7F), x^(ones*0xC2)
		if ((x-ones*0x20)&^x|(del-ones)&^del|(c2-ones)&^c2)&highs != 0 {
			break
		}
	}
	return i
}

// controlLead marks the bytes cleanLine stops at: the C0 controls but tab,
// DEL, and C2, the first byte of a C1 control.
var controlLead = func() (t [256]bool) {
	for c := 0; c < 0x20; c++ {
		t[c] = c != '\t'
	}
	t[0x7F], t[0xC2] = true, true
	return t
}()

func blankControl(r rune) rune {
	if unicode.IsControl(r) && r != '\t' {
		return ' '
	}
	return r
}

// trimSpace is strings.TrimFunc(s, isSpace). Most lines begin and end
// with ASCII above the blank or a three-byte rune, seen without a call.
func trimSpace(s string) string {
	if n := len(s); n == 0 || n >= 3 && plainEdge(s, 0) && plainEdge(s, n-1) {
		return s
	}
	return strings.TrimFunc(s, isSpace)
}

// plainEdge reports whether the rune at s[i] (i = 0), or the one ending at
// s[i] (i = len(s)-1), is ASCII or three bytes long, and no space. The
// rune ending the string is the three bytes before its end when they are
// one: its last two are continuation bytes, so the decoding from the end
// stops at the lead byte.
func plainEdge(s string, i int) bool {
	if c := s[i]; c < utf8.RuneSelf {
		return c > ' '
	}
	if i > 0 {
		i -= 2
	}
	if !cjkutf8.IsThree(s, i) {
		return false
	}
	// isSpace's three-byte runes (TestTrimSpace checks them all); above
	// U+3000, where most runes of a report are, only U+FEFF.
	r := cjkutf8.Three(s, i)
	if r > 0x3000 {
		return r != 0xFEFF
	}
	switch {
	case r >= 0x2000 && r <= 0x200D, r == 0x1680, r == 0x2028, r == 0x2029, r == 0x202F, r == 0x205F, r == 0x2060, r == 0x3000:
		return false
	}
	return true
}

func isSpace(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return unicode.IsSpace(r)
}

// finish converts, drops boilerplate and refuses documents left empty.
func finish(doc *Document, emptyReason string) (*Document, error) {
	return finishScanned(doc, emptyReason, textScan{})
}

// finishScanned is finish for lines cut from a text whose scan found facts.
func finishScanned(doc *Document, emptyReason string, facts textScan) (*Document, error) {
	doc.Lines = splitLong(doc.Lines)
	if r := limitReason(checkLimits(doc.Lines)); r != "" {
		return nil, &Error{Path: doc.Path, Reason: r}
	}
	trad, err := simplifyLines(doc.Lines, facts)
	if err != nil {
		return nil, &Error{Path: doc.Path, Reason: "繁简转换失败：" + err.Error()}
	}
	kept := doc.Lines[:0]
	for _, l := range doc.Lines {
		// Lines cut from a text the scan found valid are valid, and
		// so are their conversions.
		if boilerplateOf(l.Simplified, facts.known) == "" {
			kept = append(kept, l)
		}
	}
	// Only lines that stay decide whether the document is traditional.
	doc.Traditional = false
	if trad {
		for _, l := range kept {
			if l.Simplified != l.Text {
				doc.Traditional = true
				break
			}
		}
	}
	clear(doc.Lines[len(kept):])
	doc.Lines = kept
	if len(doc.Lines) == 0 {
		return nil, &Error{Path: doc.Path, Reason: emptyReason}
	}
	return doc, nil
}
