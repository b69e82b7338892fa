package source

import "strings"

func init() {
	// A .txt often is a web page saved by a browser, or a renamed file of
	// another kind: any signature wins over the name.
	register(&format{name: "txt", exts: []string{".txt"}, aliases: []string{".text"},
		guessExt: true, parseBytes: parseTxt})
}

func parseTxt(path string, data []byte) (*Document, error) {
	text, enc, facts, reason := decodeTextScan(data)
	if reason != "" {
		return nil, &Error{Path: path, Reason: reason}
	}
	doc := &Document{Path: path, Format: "txt", Encoding: enc}
	doc.Lines = splitLines(text, !facts.known || facts.stops)
	return finishScanned(doc, reasonNoText, facts)
}

// splitLines cuts text at LF, CRLF or CR and keeps the non-empty lines with
// their 1-based numbers. Lines share text's memory. Without controls (no
// byte of text stops cleanLine), cleaning a line is trimming it.
func splitLines(text string, controls bool) []Line {
	// Sized once by the line feeds (a fast count), not grown by appends.
	lines := make([]Line, 0, strings.Count(text, "\n")+1)
	sep := "\n"
	if strings.IndexByte(text, '\r') >= 0 {
		sep = "\r\n"
	}
	no := 0
	for len(text) > 0 {
		no++
		i := strings.IndexAny(text, sep)
		var line string
		if i < 0 {
			line, text = text, ""
		} else {
			line = text[:i]
			if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				text = text[i+2:]
			} else {
				text = text[i+1:]
			}
		}
		if controls {
			line = cleanLine(line)
		} else {
			line = trimSpace(line)
		}
		if line != "" {
			lines = append(lines, Line{No: no, Text: line})
		}
	}
	return lines
}
