// Package source reads source reports (.txt, .html/.htm, .docx) and turns
// each into a list of non-empty lines in reading order, with the original
// characters, a simplified-character twin of each line, and the line number
// a user can find in the file.
package source

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Line is one line (paragraph) of a source in reading order.
type Line struct {
	// No is the 1-based line number in the original file. For HTML it is the
	// line of the source HTML where the block's text starts; for .docx it is
	// the ordinal of the paragraph line (table cells included).
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
	Format      string // "txt", "html", "docx"
	Encoding    string // "UTF-8", "UTF-8 BOM", "UTF-16LE", "UTF-16BE", "GB18030", "Big5", or the HTML's declared charset
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
	reasonFormat    = "不支持的文件类型（支持 .txt、.html、.htm、.docx）"
)

// formatOf maps a file name to the reader that handles it.
func formatOf(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text":
		return "txt"
	case ".htm", ".html", ".xhtml":
		return "html"
	case ".docx":
		return "docx"
	case ".doc", ".wps", ".dot", ".wpt":
		return "legacy"
	}
	return ""
}
