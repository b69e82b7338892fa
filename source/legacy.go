package source

import "bytes"

func init() {
	// Word 97–2003 and WPS files are OLE compound files that no pure-Go
	// library reads well; they are recognised only to tell the user to
	// re-save them. Such names often hide a .docx or a saved web page, which
	// the signatures of those formats pick up first.
	register(&format{name: "legacy", exts: []string{".doc", ".wps"}, aliases: []string{".dot", ".wpt"},
		sniff:    func(head []byte) bool { return bytes.HasPrefix(head, oleMagic) },
		guessExt: true, refused: true, parseBytes: parseLegacy})
}

func parseLegacy(path string, _ []byte) (*Document, error) {
	return nil, &Error{Path: path, Reason: reasonLegacy}
}
