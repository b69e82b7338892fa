package extract

import (
	_ "embed"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed lexicon.yaml
var defaultLexiconYAML []byte

// Lexicon holds, per section, the words that point to it.
type Lexicon map[Section][]string

// DefaultLexicon is the built-in lexicon (extract/lexicon.yaml).
func DefaultLexicon() Lexicon {
	var m map[string][]string
	if err := yaml.Unmarshal(defaultLexiconYAML, &m); err != nil {
		panic("extract/lexicon.yaml: " + err.Error()) // embedded at build time
	}
	lex := Lexicon{}
	for k, v := range m {
		lex[Section(k)] = v
	}
	return lex
}

// Validate reports a section name that is not one of the four.
func (l Lexicon) Validate() error {
	for s := range l {
		if !s.Valid() {
			return fmt.Errorf("未知板块「%s」（应为 抓队伍、建机制、促发展、强治理 之一）", s)
		}
	}
	return nil
}

// Valid reports whether s is one of the four sections.
func (s Section) Valid() bool {
	for _, v := range Sections {
		if s == v {
			return true
		}
	}
	return false
}

// scores adds, per section, the weight of the lexicon words found in text:
// a word's length in runes, so 预备党员 outweighs 党员.
func (l Lexicon) scores(text string, weight float64, into *[4]float64) {
	if text == "" {
		return
	}
	for i, s := range Sections {
		for _, w := range l[s] {
			if strings.Contains(text, w) {
				into[i] += weight * float64(len([]rune(w)))
			}
		}
	}
}

// explicitSection reports a heading that names one of the four sections
// itself (抓队伍 强筋健骨出实招): such headings decide.
func explicitSection(heading string) (Section, bool) {
	for _, s := range Sections {
		if strings.HasPrefix(heading, string(s)) {
			return s, true
		}
	}
	return "", false
}

// classify picks a figure's section from its clause, subject, sentence and
// the heading it stands under.
func (l Lexicon) classify(clause, subject, sentence, heading string) Section {
	if s, ok := explicitSection(heading); ok {
		return s
	}
	var sc [4]float64
	l.scores(clause, 3, &sc)
	l.scores(subject, 3, &sc)
	l.scores(sentence, 1, &sc)
	l.scores(heading, 2, &sc)
	best := 0
	for i := range sc {
		if sc[i] > sc[best] {
			best = i
		}
	}
	if sc[best] == 0 {
		return Mechanism
	}
	return Sections[best]
}
