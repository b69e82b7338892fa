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

// lexIndex finds lexicon words in a text in one pass: words grouped by
// their first rune.
type lexIndex struct {
	byFirst map[rune][]lexWord
	first   runeSet // quick rejection before the map lookup
	n       int
}

// runeSet is a bitset over the Basic Multilingual Plane.
type runeSet [0x10000 / 64]uint64

func (s *runeSet) add(r rune) {
	if r < 0x10000 {
		s[r/64] |= 1 << (r % 64)
	}
}

func (s *runeSet) has(r rune) bool { return r < 0x10000 && s[r/64]&(1<<(r%64)) != 0 }

type lexWord struct {
	text    []rune
	section int
	id      int
}

func (l Lexicon) index() *lexIndex {
	ix := &lexIndex{byFirst: map[rune][]lexWord{}}
	for si, s := range Sections {
		for _, w := range l[s] {
			if w == "" {
				continue
			}
			first := []rune(w)[0]
			ix.first.add(first)
			ix.byFirst[first] = append(ix.byFirst[first], lexWord{text: []rune(w), section: si, id: ix.n})
			ix.n++
		}
	}
	return ix
}

// scores adds weight per section for each lexicon word found in text (each
// word once). Every word counts the same: weighting longer words more let
// 党组织 outvote 书记 in 村党组织书记, and measured no better.
func (ix *lexIndex) scores(text []rune, weight float64, into *[4]float64) {
	var seen map[int]bool
	for i, r := range text {
		if !ix.first.has(r) {
			continue
		}
		for _, w := range ix.byFirst[r] {
			if !hasPrefixAt(text, i, w.text) || seen[w.id] {
				continue
			}
			if seen == nil {
				seen = map[int]bool{}
			}
			seen[w.id] = true
			into[w.section] += weight
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

// sectionScores accumulates the evidence for one figure's section.
type sectionScores [4]float64

// classify picks a figure's section from the evidence of its clause and
// subject (weight 3), added to base: the scores of its sentence (weight 1)
// and of the heading it stands under (weight 2), computed once per sentence.
func (ix *lexIndex) classify(clause, subject []rune, base sectionScores, heading string) Section {
	if s, ok := explicitSection(heading); ok {
		return s
	}
	sc := [4]float64(base)
	ix.scores(clause, 3, &sc)
	ix.scores(subject, 3, &sc)
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

// context scores a sentence and its heading, the part of a figure's
// evidence that its neighbours in the same sentence share.
func (ix *lexIndex) context(sentence, heading []rune) sectionScores {
	var sc [4]float64
	ix.scores(sentence, 1, &sc)
	ix.scores(heading, 2, &sc)
	return sc
}
