package report

import (
	"strings"
	"unicode"
)

// FileName turns a unit's name into a safe file name (without extension):
// no path separators, no parent references, no control characters, no
// names Windows reserves, so a unit can never write outside the out folder.
func FileName(unit string) string {
	var b strings.Builder
	for _, r := range unit {
		switch {
		case r == '/' || r == '\\' || r == ':' || r == '*' || r == '?' || r == '"' || r == '<' || r == '>' || r == '|':
			b.WriteRune('_')
		case r == 0 || unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	name := strings.Trim(b.String(), ". ")
	if name == "" {
		return "_"
	}
	upper := strings.ToUpper(name)
	if i := strings.IndexByte(upper, '.'); i >= 0 {
		upper = upper[:i]
	}
	switch upper {
	case "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
		"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9":
		return "_" + name
	}
	if len(name) > 200 {
		name = string([]rune(name)[:60])
	}
	return name
}
