package source

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// maxDocumentXML bounds the uncompressed main part: a zip bomb must not be
// able to exhaust memory. A variable so tests can lower it.
var maxDocumentXML int64 = 200 << 20

var errTooLarge = errors.New("document.xml too large")

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
		return nil, &Error{Path: path, Reason: reasonTooLarge}
	}
	rc, err := part.Open()
	if err != nil {
		return nil, bad
	}
	defer rc.Close()
	// archive/zip already refuses data beyond the header's size; the limit
	// keeps the bound explicit here.
	lines, err := docxLines(&limitedReader{r: rc, n: maxDocumentXML})
	if errors.Is(err, errTooLarge) {
		return nil, &Error{Path: path, Reason: reasonTooLarge}
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
func docxLines(r io.Reader) ([]Line, error) {
	dec := xml.NewDecoder(r)
	var (
		lines    []Line
		buf      strings.Builder
		no       int
		inText   int // depth of open w:t
		fallback int // depth inside mc:Fallback, a duplicate of mc:Choice
		depth    int // open w:p
	)
	emit := func() {
		no++
		if s := cleanLine(buf.String()); s != "" {
			lines = append(lines, Line{No: no, Text: s})
		}
		buf.Reset()
	}
	for {
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
			}
		case xml.EndElement:
			if t.Name.Local == "Fallback" && fallback > 0 {
				fallback--
				continue
			}
			if fallback > 0 || !isWordML(t.Name.Space) {
				continue
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
	return lines, nil
}
