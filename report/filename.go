package report

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
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
	// File systems cap a name at 255 bytes (a CJK character is 3 in UTF-8);
	// a long name keeps its start and gains a hash of the whole, so two long
	// names with the same start stay distinct.
	if len(name) > 200 {
		name = string([]rune(name)[:60]) + "~" + nameHash(unit)
	}
	// A unit named as another file of the run would write over it, or two
	// workers would write one file: it gets its hash.
	if NamesOtherFile(name) {
		name += "~" + nameHash(unit)
	}
	return name
}

// NamesOtherFile says whether a file name (without extension) is one a run
// gives files other than a unit's own: 汇总.xlsx, and each unit's 核对单 and
// 明细 (甲-核对单.pdf is 甲's).
func NamesOtherFile(name string) bool {
	return name == "汇总" || strings.HasSuffix(name, "-核对单") || strings.HasSuffix(name, "-明细")
}

// nameHash is a short stable fingerprint of a unit's name.
func nameHash(unit string) string {
	h := sha256.Sum256([]byte(unit))
	return hex.EncodeToString(h[:4])
}

// FileNames gives every unit its own file name. Units whose safe names
// coincide (甲/乙 and 甲:乙 both become 甲_乙; ABC and abc are one file on
// Windows and macOS) get a hash of their full name appended, except the
// first (in sorted order) name that is already safe as it is; the result does not depend on the order of
// names nor on which other units a run has, so a unit keeps its file from
// quarter to quarter.
func FileNames(names []string) map[string]string {
	groups := map[string][]string{}
	out := make(map[string]string, len(names))
	for _, n := range names {
		if _, dup := out[n]; dup {
			continue
		}
		base := FileName(n)
		out[n] = base
		k := strings.ToLower(base)
		groups[k] = append(groups[k], n)
	}
	taken := map[string]bool{}
	for k := range groups {
		taken[k] = true
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g := groups[k]
		if len(g) < 2 {
			continue
		}
		sort.Strings(g)
		kept := false
		for _, n := range g {
			if out[n] == n && !kept {
				kept = true // the first name already safe keeps its file
				continue
			}
			name := out[n] + "~" + nameHash(n)
			for i := 2; taken[strings.ToLower(name)]; i++ {
				name = out[n] + "~" + nameHash(n) + "-" + strconv.Itoa(i)
			}
			taken[strings.ToLower(name)] = true
			out[n] = name
		}
	}
	return out
}
