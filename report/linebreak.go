package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"djreport/extract"
)

// Chinese line breaking (禁则). gofpdf's MultiCell and SplitText lose a
// character at every automatic break of Chinese text, so the brief breaks
// its lines itself and prints them one by one.

// lineNoStart may not begin a line: the character before is carried down.
const lineNoStart = "，。、；：？！）》」』”’％〕】〉｝］…·,.;:?!)%]}"

// lineNoEnd may not end a line: it is carried down with the next character.
const lineNoEnd = "（《「『“‘〔【〈｛［([{"

func lineIsLatin(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// breakLines breaks text into lines no wider than width as measure sees
// them, keeping explicit newlines. ASCII spaces at a break are dropped; a
// single unit wider than width (a very long number or word) is cut by
// character as a last resort.
func breakLines(text string, width float64, measure func(string) float64) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, para := range strings.Split(text, "\n") {
		out = append(out, lineBreakPara(para, width, measure)...)
	}
	return out
}

// lineUnit is a piece of text that is never broken inside.
type lineUnit struct {
	text  string
	space bool
}

func lineBreakPara(para string, width float64, measure func(string) float64) []string {
	units := lineUnits(lineAtoms(para))
	var lines []string
	var cur strings.Builder
	curW := 0.0
	flush := func() {
		lines = append(lines, strings.TrimRight(cur.String(), " "))
		cur.Reset()
		curW = 0
	}
	const eps = 1e-9
	for _, u := range units {
		if u.space && cur.Len() == 0 {
			continue
		}
		w := measure(u.text)
		if curW+w <= width+eps {
			cur.WriteString(u.text)
			curW += w
			continue
		}
		if u.space {
			flush()
			continue
		}
		if cur.Len() > 0 && strings.TrimRight(cur.String(), " ") != "" {
			flush()
		} else {
			cur.Reset()
			curW = 0
		}
		if w <= width+eps {
			cur.WriteString(u.text)
			curW = w
			continue
		}
		// Too wide for any line: cut by character, still carrying a
		// character down with closing punctuation.
		rs := []rune(u.text)
		for i := 0; i < len(rs); i++ {
			rw := measure(string(rs[i]))
			if curW+rw > width+eps && cur.Len() > 0 {
				line := []rune(cur.String())
				k := len(line) - 1
				for k > 0 && strings.ContainsRune(lineNoStart, line[k]) {
					k--
				}
				if strings.ContainsRune(lineNoStart, rs[i]) && k > 0 {
					carry := string(line[k:])
					cur.Reset()
					cur.WriteString(string(line[:k]))
					flush()
					cur.WriteString(carry)
					curW = measure(carry)
				} else {
					flush()
				}
			}
			cur.WriteRune(rs[i])
			curW += rw
		}
	}
	if cur.Len() > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// lineUnits glues the atoms into unbreakable units: closing punctuation to
// the atom before it, opening punctuation to the atom after it.
func lineUnits(atoms []string) []lineUnit {
	units := make([]lineUnit, 0, len(atoms)) // at most one per atom
	pending := ""                            // opening punctuation waiting for its atom
	for _, a := range atoms {
		first, _ := utf8.DecodeRuneInString(a)
		switch {
		case a == " ":
			if pending != "" {
				pending += a
				continue
			}
			units = append(units, lineUnit{text: a, space: true})
		case pending == "" && len(units) > 0 && !units[len(units)-1].space &&
			(strings.ContainsRune(lineNoStart, first) || (a == "—" && strings.HasSuffix(units[len(units)-1].text, "—"))):
			units[len(units)-1].text += a
		case strings.ContainsRune(lineNoEnd, first) && utf8.RuneCountInString(a) == 1:
			pending += a
		default:
			units = append(units, lineUnit{text: pending + a})
			pending = ""
		}
	}
	if pending != "" {
		if len(units) > 0 && !units[len(units)-1].space {
			units[len(units)-1].text += pending
		} else {
			units = append(units, lineUnit{text: pending})
		}
	}
	return units
}

// lineAtoms splits a paragraph into atoms: a number with its unit, a Latin
// word, an ASCII space, or any other single character.
func lineAtoms(s string) []string {
	rs := []rune(s)
	// Atoms are slices of s, not new strings: a brief's paragraphs make
	// thousands. Invalid UTF-8 decodes to U+FFFD, which s does not hold.
	off := make([]int, len(rs)+1)
	if utf8.ValidString(s) {
		i := 0
		for b := range s {
			off[i] = b
			i++
		}
		off[len(rs)] = len(s)
	}
	sub := func(i, j int) string {
		if off[len(rs)] == len(s) {
			return s[off[i]:off[j]]
		}
		return string(rs[i:j])
	}
	atoms := make([]string, 0, len(rs))
	for i := 0; i < len(rs); {
		if n := lineNumber(rs, i); n > i {
			atoms = append(atoms, sub(i, n))
			i = n
			continue
		}
		r := rs[i]
		switch {
		case r == ' ':
			atoms = append(atoms, " ")
			i++
		case lineIsLatin(r):
			j := i + 1
			for j < len(rs) && (lineIsLatin(rs[j]) || (strings.ContainsRune("-_/.&'’", rs[j]) && j+1 < len(rs) && lineIsLatin(rs[j+1]))) {
				j++
			}
			atoms = append(atoms, sub(i, j))
			i = j
		default:
			atoms = append(atoms, sub(i, i+1))
			i++
		}
	}
	return atoms
}

// lineNumber returns the end of the number group starting at i (i when
// there is none). The number grammar is the figure extractor's, so a
// figure the tool reports is never split across lines.
func lineNumber(rs []rune, i int) int {
	return extract.NumberGroupEnd(rs, i)
}
