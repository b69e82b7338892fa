package source

import "strings"

func init() {
	// A .txt often is a web page saved by a browser, or a renamed file of
	// another kind: any signature wins over the name.
	register(&format{name: "txt", exts: []string{".txt"}, aliases: []string{".text"},
		guessExt: true, parseBytes: parseTxt})
}

func parseTxt(path string, data []byte) (*Document, error) {
	text, enc, facts, reason := decodeTextScan(data, true)
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
	// Line ends are found with IndexByte, which reads many bytes at a
	// time (IndexAny for CR or LF read one at a time): the next LF once
	// per LF (lf: where it is in text, len(text) if none, -1 to look
	// again), and a CR before it only in a text that has one.
	hasCR := strings.IndexByte(text, '\r') >= 0
	no, lf := 0, -1
	for len(text) > 0 {
		no++
		if lf < 0 {
			if lf = strings.IndexByte(text, '\n'); lf < 0 {
				lf = len(text)
			}
		}
		end := lf
		if hasCR {
			if j := strings.IndexByte(text[:lf], '\r'); j >= 0 {
				end = j
			}
		}
		line := text[:end]
		next := len(text)
		if end < len(text) {
			next = end + 1
			if text[end] == '\r' && next < len(text) && text[next] == '\n' {
				next++
			}
		}
		text = text[next:]
		if next > lf {
			lf = -1
		} else {
			lf -= next
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
