package source

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits that bound what one source may cost, whatever it holds. A
// quarterly report is tens of KB of text; the largest real sources (a
// province's compendium) stay under 1 MB. The limits sit far above that
// and far below what exhausts a small machine: with them reading and
// extracting one source peaked at 114 MB (README, Limits, measured with
// scripts/biginputs). Variables so tests can lower them.
var (
	// maxTextFileSize bounds .txt and .html files, which are read whole.
	maxTextFileSize int64 = 16 << 20
	// maxDocumentXML bounds the inflated main part of a .docx: a zip bomb
	// must not be able to exhaust memory.
	maxDocumentXML int64 = 64 << 20
	// maxText bounds the text of one document (UTF-8 bytes of its lines),
	// which decides the work and memory of extraction.
	maxText = 2 << 20
	// maxLines bounds the lines (paragraphs, table rows) of one document.
	maxLines = 50000
	// maxLineBytes bounds one line: the longest of the corpus (189 .txt)
	// has 2,001 bytes. Extraction's cost grows with the square of a line's
	// length (a 256 KB line took 27 s, 2 MB over 6 minutes before it was
	// stopped), so longer lines are cut at sentence ends.
	maxLineBytes = 4 << 10
)

var (
	errTooLarge  = errors.New("document.xml too large")
	errTextLimit = errors.New("text too long")
	errLineLimit = errors.New("too many lines")
)

// budget counts the text of a document while it is read, so readers that
// stream (.docx) stop as soon as a limit is passed.
type budget struct{ text, lines int }

func (b *budget) add(s string) error {
	b.text += len(s)
	b.lines++
	switch {
	case b.text > maxText:
		return errTextLimit
	case b.lines > maxLines:
		return errLineLimit
	}
	return nil
}

// checkLimits applies the budget to lines already read.
func checkLimits(lines []Line) error {
	var b budget
	for _, l := range lines {
		if err := b.add(l.Text); err != nil {
			return err
		}
	}
	return nil
}

// limitReason says which limit err is, and the likely cause; "" if none.
func limitReason(err error) string {
	switch {
	case errors.Is(err, errTextLimit):
		return fmt.Sprintf("正文过长（超过 %s，约 %d 万字），不像一份工作报告：可能是多份材料或数据表合在了一个文件里，请拆分或只保留报告正文后重试", mb(int64(maxText)), maxText/3/10000)
	case errors.Is(err, errLineLimit):
		return fmt.Sprintf("段落过多（超过 %d 段），不像一份工作报告：可能是导出的数据或日志，请只保留报告正文后重试", maxLines)
	case errors.Is(err, errTooLarge):
		return reasonInflated(-1)
	}
	return ""
}

// reasonFileSize refuses a .txt or .html file by its size.
func reasonFileSize(size int64) string {
	return fmt.Sprintf("文件过大（%s，上限 %s）：工作报告通常不足 1 MB，这可能是数据导出、日志或内嵌图片的网页；请只保留报告正文（可另存为 .txt）后重试", mb(size), mb(maxTextFileSize))
}

// reasonInflated refuses a .docx whose document.xml inflates beyond the
// limit; size is what its header claims, -1 when it lied.
func reasonInflated(size int64) string {
	claim := ""
	if size >= 0 {
		claim = "（" + mb(size) + "）"
	}
	return fmt.Sprintf("Word 正文部分解压后%s超过上限 %s：文件可能已损坏，或是恶意构造的压缩包；请用 Word 打开后另存为 .docx，或把正文复制为 .txt 后重试", claim, mb(maxDocumentXML))
}

// mb formats a size for messages: whole MB, or KB below 1 MB.
func mb(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", (n+1023)>>10)
	}
	return fmt.Sprintf("%d MB", (n+(1<<19))>>20)
}

// splitLong cuts lines longer than maxLineBytes into pieces that end at a
// sentence end (else a clause end), keeping the line number: nothing is
// lost and the user still finds the text.
func splitLong(lines []Line) []Line {
	long := 0
	for _, l := range lines {
		if len(l.Text) > maxLineBytes {
			long++
		}
	}
	if long == 0 {
		return lines
	}
	out := make([]Line, 0, len(lines)+long*4)
	for _, l := range lines {
		text := l.Text
		for len(text) > maxLineBytes {
			cut := cutAt(text, maxLineBytes)
			if piece := strings.TrimFunc(text[:cut], isSpace); piece != "" {
				out = append(out, Line{No: l.No, Text: piece})
			}
			text = strings.TrimLeftFunc(text[cut:], isSpace)
		}
		if text != "" {
			out = append(out, Line{No: l.No, Text: text})
		}
	}
	return out
}

// cutAt is where to end a piece of text of at most limit bytes (limit <
// len(text)): after the last sentence end, else the last clause end. With
// neither, the piece runs to the next one, or the line stays whole: a cut
// elsewhere could split a figure ("34|72名"), and text without punctuation
// costs extraction no more than short lines (extract's
// TestLineWithoutPunctuation).
func cutAt(text string, limit int) int {
	s := text[:limit]
	for _, ends := range breaks {
		if i := strings.LastIndexAny(s, ends); i > 0 {
			_, n := utf8.DecodeRuneInString(s[i:])
			return i + n
		}
	}
	best := len(text)
	for _, ends := range breaks {
		if i := strings.IndexAny(text[limit:], ends); i >= 0 && limit+i < best {
			_, n := utf8.DecodeRuneInString(text[limit+i:])
			best = limit + i + n
		}
	}
	return best
}

// breaks are where a long line may be cut, best first.
var breaks = []string{"。！？!?", "；;", "，,、"}
