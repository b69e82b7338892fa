// Package source reads source reports (.txt, .html/.htm, .docx, and .pdf
// with a text layer) and turns each into a list of non-empty lines in
// reading order, with the original characters, a simplified-character twin
// of each line, and the line number a user can find in the file. Legacy
// .doc/.wps files and scanned PDFs are refused with a message saying what
// to provide instead.
//
// Each format is one file (txt.go, html.go, docx.go, legacy.go, pdf.go)
// that registers a format: its extensions, its signature, its parse
// function. Read, Parse, Collect and the unsupported-type message consult
// the registry, so adding a reader is adding one file.
package source

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// Line is one line (paragraph) of a source in reading order.
type Line struct {
	// No is the 1-based line number in the original file. For HTML it is the
	// line of the source HTML where the block's text starts; for .docx it is
	// the ordinal of the paragraph line (table cells included); for PDF it is
	// the running number of the printed text line where the paragraph
	// starts, counting every line of text on every page from the top of
	// page 1 (page-number lines included), as a reader counts down the pages.
	No int
	// Text holds the original characters (traditional stays traditional).
	Text string
	// Simplified is Text converted traditional->simplified, with exactly the
	// same number of runes, so rune offsets map 1:1 between the two.
	Simplified string
}

// Document is one source report after decoding and cleaning.
type Document struct {
	Path        string // as given
	Format      string // "txt", "html", "docx", "pdf"
	Encoding    string // "UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE", "GB18030", "Big5", the HTML's declared charset, or "PDF" (text from the fonts' Unicode maps)
	Traditional bool   // true when t2s conversion changed anything
	Lines       []Line // non-empty lines only, boilerplate dropped, numbers kept
}

// Error is a user-facing failure of one source (as opposed to a bug).
type Error struct {
	Path   string
	Line   int // 0 when the failure concerns the whole file
	Reason string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Reason)
	}
	return e.Path + ": " + e.Reason
}

// Reasons shared by several readers; tests compare against them.
const (
	reasonEmpty     = "文件为空"
	reasonBinary    = "不是文本文件（疑似二进制文件）"
	reasonEncoding  = "无法识别文件编码（不是 UTF-8、UTF-16 或 GBK/GB18030）"
	reasonLegacy    = "旧版 Word/WPS 文件无法读取，请另存为 .docx 后重试"
	reasonNoText    = "没有可读取的正文"
	reasonNoArticle = "网页中没有找到正文"
	reasonBadDocx   = "不是有效的 .docx 文件"
	reasonTooLarge  = "文件过大，无法读取"
)

// A format is one kind of source file. Each reader registers its format
// from its own file, so adding a reader touches nothing else: Read, Parse,
// Collect and the unsupported-type message all consult the registry.
type format struct {
	name string // Document.Format
	// exts are lower-case extensions with the dot. Folders yield files
	// with these; the unsupported-type message lists them unless refused.
	exts []string
	// aliases are also read when a file is named, but not taken from
	// folders nor advertised (rare spellings such as .text, .xhtml).
	aliases []string
	// sniff says the first bytes of a file (at most sniffLen) plainly are
	// this format, whatever the name says; nil: no signature.
	sniff func(head []byte) bool
	// guessExt: files with these extensions are often something else
	// (web pages saved as .doc or .txt, Word 97 files renamed .docx), so
	// another format's signature wins over the extension.
	guessExt bool
	// refused formats are recognised only to say why they cannot be read.
	refused bool
	// Exactly one of parseBytes and parseFile is set. parseFile reads
	// through r, so Read streams the file instead of loading it whole.
	parseBytes func(path string, data []byte) (*Document, error)
	parseFile  func(path string, r io.ReaderAt, size int64) (*Document, error)
}

// sniffLen is how much of a file sniffing looks at.
const sniffLen = 512

// formats in registration order (the order of the files that register
// them), which is also the order signatures are tried in.
var formats []*format

func register(f *format) {
	if (f.parseBytes == nil) == (f.parseFile == nil) {
		panic("source: format " + f.name + " needs exactly one parse function")
	}
	formats = append(formats, f)
}

// formatOf picks the reader for a file from its name, corrected by its first
// bytes where the two plainly disagree (a .doc that is really a web page, a
// .txt that is really HTML); nil when no reader takes the file.
func formatOf(path string, head []byte) *format {
	ext := strings.ToLower(filepath.Ext(path))
	var byExt *format
	for _, f := range formats {
		if slices.Contains(f.exts, ext) || slices.Contains(f.aliases, ext) {
			byExt = f
			break
		}
	}
	if byExt == nil {
		return nil
	}
	if !byExt.guessExt || (byExt.sniff != nil && byExt.sniff(head)) {
		return byExt
	}
	for _, f := range formats {
		if f != byExt && f.sniff != nil && f.sniff(head) {
			return f
		}
	}
	return byExt
}

// collected says whether Collect takes a file with this extension from a
// folder. Refused formats are kept so Read can tell the user to re-save
// them instead of skipping them silently.
func collected(ext string) bool {
	ext = strings.ToLower(ext)
	for _, f := range formats {
		if slices.Contains(f.exts, ext) {
			return true
		}
	}
	return false
}

// reasonFormat lists the extensions that can be read.
func reasonFormat() string {
	return "不支持的文件类型（支持 " + Extensions() + "）"
}

// Extensions lists the extensions that can be read, for messages
// (.docx、.htm、.html、.pdf、.txt).
func Extensions() string {
	var exts []string
	for _, f := range formats {
		if !f.refused {
			exts = append(exts, f.exts...)
		}
	}
	return strings.Join(exts, "、")
}
