package source

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strconv"
	"strings"
)

func init() {
	// A Word 97 file renamed .docx carries the OLE signature: the legacy
	// reader's message fits it better than "not a valid .docx".
	register(&format{name: "docx", exts: []string{".docx"},
		sniff:    func(head []byte) bool { return bytes.HasPrefix(head, []byte("PK\x03\x04")) },
		guessExt: true, parseFile: parseDocx})
}

func parseDocx(path string, r io.ReaderAt, size int64) (*Document, error) {
	bad := &Error{Path: path, Reason: reasonBadDocx}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, bad
	}
	var part *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			part = f
			break
		}
	}
	if part == nil {
		return nil, bad
	}
	if part.UncompressedSize64 > uint64(maxDocumentXML) {
		return nil, &Error{Path: path, Reason: reasonInflated(int64(min(part.UncompressedSize64, 1<<62)))}
	}
	rc, err := part.Open()
	if err != nil {
		return nil, bad
	}
	defer rc.Close()
	// archive/zip already refuses data beyond the header's size; the limit
	// keeps the bound explicit here.
	lines, err := docxLines(&limitedReader{r: rc, n: maxDocumentXML})
	if r := limitReason(err); r != "" {
		return nil, &Error{Path: path, Reason: r}
	}
	if err != nil {
		return nil, bad
	}
	doc := &Document{Path: path, Format: "docx", Encoding: "UTF-8", Lines: lines}
	return finish(doc, reasonNoText)
}

type limitedReader struct {
	r io.Reader
	n int64
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

func isWordML(space string) bool {
	return strings.HasSuffix(space, "/wordprocessingml/2006/main") || strings.HasSuffix(space, "/wordprocessingml/main")
}

// docxLines walks document.xml: the w:t runs of a paragraph join without
// spaces (Word splits runs anywhere, even mid-word), w:tab is a space, w:br
// ends a line, and table cells hold paragraphs of their own. Every line
// produced counts for numbering, empty ones included, like lines of a .txt.
// Tables (w:tbl, nested ones too) are collected and linearised by
// table.lines: a data row becomes one line numbered by its first paragraph.
func docxLines(r io.Reader) ([]Line, error) {
	dec := xml.NewDecoder(r)
	var (
		lines    []Line
		buf      strings.Builder
		no       int
		inText   int // depth of open w:t
		fallback int // depth inside mc:Fallback, a duplicate of mc:Choice
		depth    int // open w:p
		tables   []*table
		changed  int // depth inside w:tcPrChange & co: properties before a tracked change
		used     budget
		over     error // a limit passed: stop reading
	)
	add := func(l Line) {
		if len(tables) > 0 {
			tables[len(tables)-1].add(l)
		} else {
			lines = append(lines, l)
		}
	}
	emit := func() {
		no++
		if s := cleanLine(buf.String()); s != "" {
			// Counted once here: table rows are re-added when linearised.
			if over == nil {
				over = used.add(s)
			}
			add(Line{No: no, Text: s})
		}
		buf.Reset()
	}
	for {
		if over != nil {
			return nil, over
		}
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "Fallback" {
				fallback++
			}
			if fallback > 0 || !isWordML(t.Name.Space) {
				continue
			}
			switch t.Name.Local {
			case "p":
				if depth > 0 && buf.Len() > 0 {
					emit() // a text box inside a paragraph
				}
				depth++
			case "t":
				inText++
			case "tab", "ptab":
				buf.WriteByte(' ')
			case "br", "cr":
				if depth > 0 {
					emit()
				}
			case "noBreakHyphen":
				buf.WriteByte('-')
			case "tbl":
				if depth > 0 && buf.Len() > 0 {
					emit() // a table in a text box: the paragraph's text so far is not a cell's
				}
				tb := &table{}
				if len(tables) == 0 && len(lines) > 0 {
					tb.prev = lines[len(lines)-1].Text
				}
				tables = append(tables, tb)
			}
			if strings.HasSuffix(t.Name.Local, "PrChange") {
				changed++
			}
			if len(tables) == 0 || changed > 0 {
				continue
			}
			tb := tables[len(tables)-1]
			switch t.Name.Local {
			case "tr":
				tb.startRow()
			case "tc":
				tb.startCell(1, 1, vmergeNone)
			case "gridBefore":
				if tb.row != nil && tb.cell == nil {
					tb.row.before = wordInt(t.Attr)
				}
			case "gridSpan":
				if tb.cell != nil {
					tb.cell.colspan = max(wordInt(t.Attr), 1)
				}
			case "vMerge":
				if tb.cell != nil {
					tb.cell.vmerge = vmergeContinue
					if wordVal(t.Attr) == "restart" {
						tb.cell.vmerge = vmergeRestart
					}
				}
			}
		case xml.EndElement:
			if t.Name.Local == "Fallback" && fallback > 0 {
				fallback--
				continue
			}
			if fallback > 0 || !isWordML(t.Name.Space) {
				continue
			}
			if strings.HasSuffix(t.Name.Local, "PrChange") && changed > 0 {
				changed--
			}
			switch t.Name.Local {
			case "p":
				if depth > 0 {
					depth--
					emit()
				}
			case "t":
				if inText > 0 {
					inText--
				}
			case "tc":
				if len(tables) > 0 {
					tables[len(tables)-1].endCell()
				}
			case "tr":
				if len(tables) > 0 {
					tables[len(tables)-1].endRow()
				}
			case "tbl":
				if len(tables) > 0 {
					tb := tables[len(tables)-1]
					tables = tables[:len(tables)-1]
					for _, l := range tb.lines() {
						add(l)
					}
				}
			}
		case xml.CharData:
			if inText > 0 && fallback == 0 {
				buf.Write(t)
			}
		}
	}
	if buf.Len() > 0 {
		emit()
	}
	for len(tables) > 0 {
		t := tables[len(tables)-1]
		tables = tables[:len(tables)-1]
		for _, l := range t.lines() {
			add(l)
		}
	}
	return lines, nil
}

// wordVal is the w:val attribute of a WordprocessingML element.
func wordVal(attrs []xml.Attr) string {
	for _, a := range attrs {
		if a.Name.Local == "val" {
			return a.Value
		}
	}
	return ""
}

// wordInt is w:val as a small count; anything else counts as 1.
func wordInt(attrs []xml.Attr) int {
	n, err := strconv.Atoi(strings.TrimSpace(wordVal(attrs)))
	if err != nil || n < 0 {
		return 1
	}
	return min(n, maxTableCols)
}
