package extract

import (
	_ "embed"
	"fmt"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

//go:embed lexicon.yaml
var defaultLexiconYAML []byte

// Lexicon holds, per section, the words that point to it.
type Lexicon map[Section][]string

// lexEntry is one word of the built-in vocabulary and why it is there.
type lexEntry struct {
	word, why string
}

// defaultEntries is readEntries, once per process: parsing the YAML is
// 70 M instructions (callgrind), paid by every Extractor made. Callers only read
// what it gives.
var defaultEntries = sync.OnceValues(readEntries)

// readEntries reads extract/lexicon.yaml in file order: per section a
// mapping from word to its reason.
func readEntries() (map[Section][]lexEntry, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(defaultLexiconYAML, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("not a mapping of sections")
	}
	out := map[Section][]lexEntry{}
	top := doc.Content[0].Content
	for i := 0; i+1 < len(top); i += 2 {
		sec, words := Section(top[i].Value), top[i+1]
		if !sec.Valid() || words.Kind != yaml.MappingNode {
			return nil, fmt.Errorf("line %d: %q is not a section with words and reasons", top[i].Line, top[i].Value)
		}
		for j := 0; j+1 < len(words.Content); j += 2 {
			out[sec] = append(out[sec], lexEntry{word: words.Content[j].Value, why: words.Content[j+1].Value})
		}
	}
	return out, nil
}

// DefaultLexicon is the built-in lexicon (extract/lexicon.yaml).
func DefaultLexicon() Lexicon {
	es, err := defaultEntries()
	if err != nil {
		panic("extract/lexicon.yaml: " + err.Error()) // embedded at build time
	}
	lex := Lexicon{}
	for s, e := range es {
		for _, w := range e {
			lex[s] = append(lex[s], w.word)
		}
	}
	return lex
}

// Validate reports a section name that is not one of the four, and a
// lexicon whose words begin with more distinct characters (of the BMP,
// the ones it indexes) than its index numbers.
func (l Lexicon) Validate() error {
	starts := map[rune]bool{}
	for s, words := range l {
		if !s.Valid() {
			return fmt.Errorf("未知板块「%s」（应为 抓队伍、建机制、促发展、强治理 之一）", s)
		}
		for _, w := range words {
			if r, _ := utf8.DecodeRuneInString(w); w != "" && r < 0x10000 {
				starts[r] = true
			}
		}
	}
	if len(starts) > maxWordStarts {
		return fmt.Errorf("config.yaml 的 lexicon：板块词表的词有 %d 个不同的首字，超过上限 %d", len(starts), maxWordStarts)
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
// their first rune, longest first.
type lexIndex struct {
	// record, when set, collects every figure's evidence (Evidence).
	record *[]SectionEvidence
	// at[r] is, in its low bits (atWords), 1 + the index in byFirst of the
	// words starting with BMP rune r, 0 for none (a word starting above
	// the BMP is never found, as before when a BMP bit set rejected runes
	// first); atClause and atSentence mark the runes that end a clause or
	// a sentence (isClauseEnd, isSentenceEnd), so that one look-up per
	// rune finds a line's words and its marks together.
	at      []uint16
	byFirst [][]lexWord
	// pairFilter has the bit pairBit of every word's first two runes: most
	// runes that start a word are not followed by a second rune of one.
	pairFilter *[1 << 16 / 64]uint64
	n          int
	weights    SectionWeights
	model      *SectionModel
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
	// second is text's second rune, -1 for a one-rune word: lineHits
	// rejects most words of a bucket (党 has ten) by it.
	second rune
}

const (
	atWords    = 1<<13 - 1
	atSingle   = 1 << 13 // a one-rune word starts here
	atClause   = 1 << 14
	atSentence = 1 << 15
)

// maxWordStarts bounds the distinct first characters (of the BMP) of a
// lexicon's words: buckets are numbered 1..atWords in the at table. The
// built-in lexicon has a few hundred.
const maxWordStarts = atWords

func (l Lexicon) index() *lexIndex {
	ix := &lexIndex{at: make([]uint16, 0x10000), pairFilter: new([1 << 16 / 64]uint64), weights: DefaultSectionWeights, model: defaultModel}
	for r := rune(0); r < 0x10000; r++ {
		if isClauseEnd(r) {
			ix.at[r] |= atClause
		}
		if isSentenceEnd(r) {
			ix.at[r] |= atSentence
		}
	}
	for si, s := range Sections {
		for _, w := range l[s] {
			if w == "" {
				continue
			}
			first := []rune(w)[0]
			if first < 0x10000 {
				if ix.at[first]&atWords == 0 {
					ix.byFirst = append(ix.byFirst, nil)
					ix.at[first] |= uint16(len(ix.byFirst)) // Validate keeps it below maxWordStarts
				}
				g := ix.at[first]&atWords - 1
				word := lexWord{text: []rune(w), section: si, id: ix.n, second: -1}
				if len(word.text) > 1 {
					word.second = word.text[1]
					b := pairBit(first, word.second)
					ix.pairFilter[b>>6] |= 1 << (b & 63)
				} else {
					ix.at[first] |= atSingle
				}
				ix.byFirst[g] = append(ix.byFirst[g], word)
			}
			ix.n++
		}
	}
	for _, ws := range ix.byFirst {
		sort.SliceStable(ws, func(i, j int) bool { return len(ws[i].text) > len(ws[j].text) })
	}
	return ix
}

// scores adds weight per section for each lexicon word found in text. Words
// are matched longest first and do not overlap, so a word inside a longer
// one does not count again (党组 in 党组织, 发展 in 发展党员); a word found
// twice counts once. It returns the section of the last word found, or -1.
func (ix *lexIndex) scores(text []rune, weight float64, into *[4]float64) (last int) {
	last = -1
	if weight == 0 {
		return last
	}
	// Words found in one text are few: a slice on the stack, searched
	// linearly, costs less than the map this was (half of all allocations).
	var buf [32]int
	seen := buf[:0]
	for i := 0; i < len(text); i++ {
		r := text[i]
		if r < 0 || r >= 0x10000 || ix.at[r]&atWords == 0 {
			continue
		}
		var next rune = -2 // matches no word's second
		if i+1 < len(text) {
			next = text[i+1]
		}
		// As in lineHits: a rune that starts no one-rune word and whose
		// pair no word begins with starts none.
		if b := pairBit(r, next); ix.at[r]&atSingle == 0 && ix.pairFilter[b>>6]>>(b&63)&1 == 0 {
			continue
		}
		ws := ix.byFirst[ix.at[r]&atWords-1]
		for k := range ws {
			w := &ws[k]
			if w.second >= 0 && w.second != next || len(w.text) > 2 && !hasPrefixAt(text, i+2, w.text[2:]) {
				continue // as in lineHits: the first two runes are known
			}
			i += len(w.text) - 1
			last = w.section
			if !slices.Contains(seen, w.id) {
				seen = append(seen, w.id)
				into[w.section] += weight
			}
			break
		}
	}
	return last
}

// lexHit is one lexicon word found in a line, at rune offsets [pos, end).
type lexHit struct {
	pos, end, section, id int32
}

// lineHits appends every lexicon word found at every rune of line, by
// position and, at one position, in the order scores tries them (longest
// first), and puts the line's marks in m. A figure's clause and sentence
// and the figure itself are parts of its line: scoresIn reads their votes
// from the line's hits instead of scanning the same runes again for each,
// and m.around finds them from the marks.
func (ix *lexIndex) lineHits(dst []lexHit, m *lineMarks, line []rune) []lexHit {
	m.clause, m.sentence = m.clause[:0], m.sentence[:0]
	// First the places of the marks and of the runes that may start a
	// word (a one-rune word, or a pair the filter knows), each rune written
	// and kept by a count that grows by 0 or 1: a branch at each rune,
	// taken for a quarter of them in no pattern, was mispredicted at
	// nearly every word, and two in three word starts begin no word.
	cand := slices.Grow(m.cand[:0], len(line))[:len(line)]
	n := lineCands((*[0x10000]uint16)(ix.at), ix.pairFilter, line, cand)
	m.cand = cand
	for _, e := range cand[:n] {
		i, c := int32(e>>16), uint16(e)
		if c&atClause != 0 {
			m.clause = append(m.clause, i)
			if c&atSentence != 0 {
				m.sentence = append(m.sentence, i)
			}
		}
		if c&atWords == 0 {
			continue
		}
		var next rune = -2 // matches no word's second
		if int(i)+1 < len(line) {
			next = line[i+1]
		}
		ws := ix.byFirst[c&atWords-1]
		for k := range ws {
			w := &ws[k]
			if w.second >= 0 && w.second != next {
				continue
			}
			// The first rune is the bucket's and the second was just
			// compared: a word of one or two runes is found.
			if len(w.text) <= 2 || hasPrefixAt(line, int(i)+2, w.text[2:]) {
				dst = append(dst, lexHit{pos: i, end: i + int32(len(w.text)), section: int32(w.section), id: int32(w.id)})
			}
		}
	}
	return dst
}

// lineCands is lineHits' first pass, on its own so that its few values
// stay in registers (with the second pass's they were spilled at every
// rune), its tables as arrays (no bounds check): it puts in cand, in
// order, each rune that is a mark, a one-rune word or a word start whose
// pair may begin a word, with its entry of at, and returns how many.
func lineCands(at *[0x10000]uint16, pairs *[1 << 16 / 64]uint64, line []rune, cand []uint64) int {
	n := 0
	cand = cand[:len(line)]
	for i, r := range line {
		c := uint16(0)
		if u := uint32(r); u < 0x10000 {
			c = at[u]
		}
		next := rune(-2)
		if i+1 < len(line) {
			next = line[i+1]
		}
		b := pairBit(r, next)
		pair := int(pairs[b>>6]>>(b&63)) & 1
		cand[n] = uint64(i)<<16 | uint64(c) // the entry kept with it, not looked up again
		// Kept: a mark or a one-rune word (the top three bits), or a word
		// start whose pair may begin a word; in arithmetic, as || and &&
		// would branch.
		n += b2i(c>>13 != 0) | b2i(c&atWords != 0)&pair
	}
	return n
}

// pairBit hashes two runes to a bit of a pair filter.
func pairBit(r1, r2 rune) uint32 { return (uint32(r1)*0x9E3779B1 ^ uint32(r2)*0x85EBCA77) >> 16 }

// b2i is 1 for true and 0 for false, compiled to a flag set, not a branch.
func b2i(b bool) int {
	var n int
	if b {
		n = 1
	}
	return n
}

// scoresIn is scores(line[a:b], 1, into) from the line's hits: the same
// words, matched longest first without overlap, each counted once, in the
// same order (so the sums are the same bits).
func scoresIn(hits []lexHit, a, b int, into *[4]float64) (last int) {
	last = -1
	// The words counted: a bit per id, the ids past the bits in a list (a
	// lexicon from config.yaml may be larger); a list searched for every
	// hit was a fifth of scoresIn's time on a paragraph's many words.
	var seenBits [8]uint64
	var buf [8]int32
	seen := buf[:0]
	// The first hit at or after a, searched by hand: BinarySearchFunc
	// called its comparison through a function value at every step.
	k, hi := 0, len(hits)
	for k < hi {
		if m := int(uint(k+hi) >> 1); hits[m].pos < int32(a) {
			k = m + 1
		} else {
			hi = m
		}
	}
	next := int32(a) // where the next word may start: after the last one taken
	for ; k < len(hits); k++ {
		h := &hits[k]
		if h.pos >= int32(b) {
			break
		}
		// A word overlapping the one taken, or running past b (then a
		// shorter one at its position may still fit).
		if h.pos < next || h.end > int32(b) {
			continue
		}
		next = h.end
		last = int(h.section)
		if id := uint32(h.id); id < uint32(len(seenBits)*64) {
			if w, bit := id/64, uint64(1)<<(id%64); seenBits[w]&bit == 0 {
				seenBits[w] |= bit
				into[h.section]++
			}
		} else if !slices.Contains(seen, h.id) {
			seen = append(seen, h.id)
			into[h.section]++
		}
	}
	return last
}

// explicitSection reports a heading that names one of the four sections
// itself (抓队伍 强筋健骨出实招).
func explicitSection(heading []rune) (Section, bool) {
	for i, s := range Sections {
		if hasPrefixAt(heading, 0, sectionRunes[i]) {
			return s, true
		}
	}
	return "", false
}

// sectionRunes are the names of Sections in runes, made once.
var sectionRunes = func() (rs [][]rune) {
	for _, s := range Sections {
		rs = append(rs, []rune(string(s)))
	}
	return rs
}()

// SectionWeights says how much each ring of text around a figure counts:
// what the figure counts most, then its clause, its sentence, its paragraph
// and the heading it stands under. Rings nest (a clause word is also a
// sentence word), so near words add up. Measure is the vote of the figure's
// measure word (件, 期 …), a hint of what kind of thing it counts.
type SectionWeights struct {
	Counted, Clause, Sentence, Paragraph, Heading, Measure float64
	// Learned scales the learned model's log posterior (section_model.go).
	Learned float64
	// Head is the extra vote of the last word of what the figure counts:
	// a Chinese noun phrase ends in its head (小区党支部书记 counts 书记).
	Head float64
	// ExplicitHeading: a heading that names a section (抓队伍 …) decides.
	ExplicitHeading bool
}

// DefaultSectionWeights are the best of a grid by leave-one-document-out
// cross-validation over the labelled reports (go run ./scripts/sectioncv
// -grid -v: 944 of 977 figures right; the top of the grid is flat, and the
// weights' own choice, nested, scores 939).
var DefaultSectionWeights = SectionWeights{Counted: 2, Head: 1, Clause: 2, Sentence: 1, Paragraph: 1, Heading: 1, Measure: 0.5, Learned: 0.5, ExplicitHeading: true}

// measureVotes: what a measure word counts points to a section. The counts
// are of the core gold figures with that measure in the labelled reports
// (go run ./scripts/sectioncv -measures); 个, %, 人, 户 and the like spread
// over several sections and do not vote. 亩 is a lexicon word: it votes
// wherever it stands, not only as the figure's own measure.
var measureVotes = []struct {
	measure string
	section Section
	why     string
}{
	{"件", Governance, "corpus: cases, requests and disputes handled: 25 of 27 figures, 19 reports"},
	{"期", Team, "corpus: training courses: 11 of 13 figures, 10 reports"},
	{"名", Team, "corpus: people, mostly members and cadres: 107 of 143 figures, 36 reports"},
	{"元", Development, "corpus: money, mostly income and investment: 115 of 141 figures, 44 reports"},
	{"岁", Team, "corpus: ages of cadres: 3 of 3 figures, 3 reports"},
	{"人次", Team, "corpus: training attendance: 14 of 19 figures, 12 reports"},
	{"支", Governance, "corpus: volunteer and service teams: 5 of 6 figures, 6 reports"},
}

// measureVoteIndex is measureVotes with each section's index, found once
// rather than by comparing section names at every figure.
var measureVoteIndex = func() (out []struct {
	measure string
	section int
}) {
	for _, m := range measureVotes {
		out = append(out, struct {
			measure string
			section int
		}{m.measure, sectionIndex(m.section)})
	}
	return out
}()

// ringScores are the votes of each ring before weighting; decide weighs
// them, and the cross-validation re-weighs them without rescanning text.
type ringScores struct {
	counted, head, clause, sentence, paragraph, heading, measure, learned [4]float64
	explicit                                                              int // section index named by the heading, or -1
}

func (ix *lexIndex) rings(e *figureEvidence) ringScores {
	r := ix.nearRings(e)
	var sh sharedRings
	ix.sharedRings(e, &sh, nil)
	r.sentence, r.paragraph, r.heading, r.explicit = sh.sentence, sh.paragraph, sh.heading, sh.explicit
	return r
}

// nearRings are the votes of the figure's own text: what it counts, its
// measure, its clause and the learned model.
func (ix *lexIndex) nearRings(e *figureEvidence) ringScores {
	var r ringScores
	if h := ix.scores(e.counted, 1, &r.counted); h >= 0 {
		r.head[h] = 1
	}
	if e.line.ok {
		scoresIn(e.line.hits, e.line.figure[0], e.line.figure[1], &r.counted)
		scoresIn(e.line.hits, e.line.clause[0], e.line.clause[1], &r.clause)
	} else {
		ix.scores(e.figure, 1, &r.counted)
		ix.scores(e.clause, 1, &r.clause)
	}
	for _, m := range measureVoteIndex {
		if e.measure == m.measure {
			r.measure[m.section] = 1
		}
	}
	if ix.model != nil {
		r.learned = ix.model.posterior(e.counted, e.clause)
	}
	return r
}

// sharedRings are the votes of the sentence, paragraph and heading; line,
// when not nil, caches the paragraph's and heading's.
func (ix *lexIndex) sharedRings(e *figureEvidence, sh *sharedRings, lr *lineRings) {
	*sh = sharedRings{}
	if e.line.ok {
		scoresIn(e.line.hits, e.line.sentence[0], e.line.sentence[1], &sh.sentence)
	} else {
		ix.scores(e.sentence, 1, &sh.sentence)
	}
	if lr == nil || !lr.done {
		var l lineRings
		if e.line.ok {
			scoresIn(e.line.hits, 0, len(e.paragraph), &l.paragraph)
		} else {
			ix.scores(e.paragraph, 1, &l.paragraph)
		}
		if lr != nil && lr.headingDone {
			// The line's heading and lead are the last line's (the caller
			// says so by keeping headingDone).
			l.heading, l.explicit = lr.heading, lr.explicit
		} else {
			ix.scores(e.heading, 1, &l.heading)
			l.explicit = -1
			if s, ok := explicitSection(e.heading); ok {
				l.explicit = sectionIndex(s)
			}
		}
		l.done, l.headingDone = true, true
		if lr == nil {
			lr = &l
		} else {
			*lr = l
		}
	}
	sh.paragraph, sh.heading, sh.explicit = lr.paragraph, lr.heading, lr.explicit
}

func sectionIndex(s Section) int {
	for i, v := range Sections {
		if v == s {
			return i
		}
	}
	return -1
}

// pick weighs the rings. Where no word votes, the learned model's choice
// decides; with no evidence at all the figure goes to 建机制, the commonest
// section of figures counted in 个 (organisations, centres, platforms), the
// measure of most figures without a telling word.
func (r *ringScores) pick(w SectionWeights) Section {
	if w.ExplicitHeading && r.explicit >= 0 {
		return Sections[r.explicit]
	}
	sc := r.weigh(w)
	best := 0
	for i := range sc {
		if sc[i] > sc[best] {
			best = i
		}
	}
	if sc == [4]float64{} {
		return Mechanism
	}
	return Sections[best]
}

func (r *ringScores) weigh(w SectionWeights) [4]float64 {
	var sc [4]float64
	for i := range sc {
		sc[i] = w.Counted*r.counted[i] + w.Head*r.head[i] + w.Clause*r.clause[i] + w.Sentence*r.sentence[i] +
			w.Paragraph*r.paragraph[i] + w.Heading*r.heading[i] + w.Measure*r.measure[i] +
			w.Learned*r.learned[i]
	}
	return sc
}

// sentenceContext is the part of a figure's evidence that its neighbours in
// the same sentence share: Document makes one per sentence, and the rings
// of sentence, paragraph and heading are scanned once for all its figures.
type sentenceContext struct {
	sentence, heading []rune
	shared            *sharedRings
	// line, when set, holds the paragraph and heading votes, the same for
	// every sentence of a line: they are counted once per line, not once
	// per sentence.
	line *lineRings
	// hits, when set with line, are the lexicon words of the line (the
	// paragraph); sentence is line[at[0]:at[1]].
	hits []lexHit
	at   [2]int
}

// lineRings caches the votes of a line's paragraph and heading. done says
// the paragraph's are counted; headingDone the heading's, which a line
// keeps from the last when the heading and lead are the same.
type lineRings struct {
	paragraph, heading [4]float64
	explicit           int
	done, headingDone  bool
}

// sharedRings caches the votes of the rings a sentence's figures share.
type sharedRings struct {
	sentence, paragraph, heading [4]float64
	explicit                     int
}

// sectionScores is what Document keeps per sentence.
type sectionScores = sentenceContext

// figureText is the text around one figure, nearest first.
type figureText struct {
	counted   []rune // what the figure counts (its subject)
	figure    []rune // the figure itself, measure included
	measure   string
	clause    []rune
	paragraph []rune // the figure's line
	// figureAt and clauseAt place figure and clause in paragraph, for a
	// sentenceContext made by lineContext.
	figureAt, clauseAt [2]int
}

// classify picks a figure's section.
func (ix *lexIndex) classify(ft *figureText, base *sentenceContext) Section {
	ev := figureEvidence{counted: ft.counted, figure: ft.figure, measure: ft.measure, clause: ft.clause, sentence: base.sentence,
		paragraph: ft.paragraph, heading: base.heading}
	if base.line != nil && base.hits != nil {
		ev.line = inLine{ok: true, hits: base.hits, figure: ft.figureAt, clause: ft.clauseAt, sentence: base.at}
	}
	if ix.record != nil {
		*ix.record = append(*ix.record, ev.export())
	}
	if base.shared == nil {
		return ix.decide(&ev)
	}
	if base.shared.explicit == -2 { // first figure of the sentence
		ix.sharedRings(&ev, base.shared, base.line)
	}
	r := ix.nearRings(&ev)
	r.sentence, r.paragraph, r.heading, r.explicit = base.shared.sentence, base.shared.paragraph, base.shared.heading, base.shared.explicit
	return r.pick(ix.weights)
}

// lineContext starts the evidence a sentence's figures share, for a
// sentence of a line whose figures all have that line as their paragraph
// and heading as their heading: shared and line are reused from one
// sentence to the next (the caller marks line's paragraph votes undone for
// each line, and its heading votes when the heading and lead change).
//
// hits are lineHits of the line, never nil; sentence is line[at[0]:at[1]].
func (ix *lexIndex) lineContext(sentence, heading []rune, shared *sharedRings, line *lineRings, hits []lexHit, at [2]int) sentenceContext {
	*shared = sharedRings{explicit: -2}
	return sentenceContext{sentence: sentence, heading: heading, shared: shared, line: line, hits: hits, at: at}
}

// figureEvidence is SectionEvidence in runes.
type figureEvidence struct {
	counted, figure, clause, sentence, paragraph, heading []rune
	measure                                               string
	// line, when ok, places figure, clause and sentence in paragraph,
	// whose lexicon words it holds: their votes are read from there.
	line inLine
}

// inLine is where a figure's rings stand in its line (rune offsets) and
// the line's lexicon words.
type inLine struct {
	ok                       bool // set: the offsets are known
	hits                     []lexHit
	figure, clause, sentence [2]int
}

func (e figureEvidence) export() SectionEvidence {
	return SectionEvidence{Counted: string(e.counted), Figure: string(e.figure), Measure: e.measure, Clause: string(e.clause),
		Sentence: string(e.sentence), Paragraph: string(e.paragraph), Heading: string(e.heading)}
}

func (e SectionEvidence) runes() figureEvidence {
	return figureEvidence{counted: []rune(e.Counted), figure: []rune(e.Figure), measure: e.Measure, clause: []rune(e.Clause),
		sentence: []rune(e.Sentence), paragraph: []rune(e.Paragraph), heading: []rune(e.Heading)}
}

// decide picks the section of the figure e describes.
func (ix *lexIndex) decide(e *figureEvidence) Section {
	r := ix.rings(e)
	return r.pick(ix.weights)
}

// SectionClassifier decides sections from evidence alone; the trainer and
// the cross-validation use it, Extractor uses the same code.
type SectionClassifier struct{ ix *lexIndex }

// NewSectionClassifier builds a classifier from a lexicon and ring weights.
// It panics on a lexicon Validate refuses (the trainer and the
// cross-validation pass lexicons made from the built-in one).
func NewSectionClassifier(l Lexicon, w SectionWeights) *SectionClassifier {
	if err := l.Validate(); err != nil {
		panic("NewSectionClassifier: " + err.Error())
	}
	ix := l.index()
	ix.weights = w
	return &SectionClassifier{ix: ix}
}

// WithModel returns a classifier that uses m as its learned part (nil: none),
// for cross-validation with a model trained without the measured report.
func (c *SectionClassifier) WithModel(m *SectionModel) *SectionClassifier {
	ix := *c.ix
	ix.model = m
	return &SectionClassifier{ix: &ix}
}

// Classify decides the section of the figure ev describes.
func (c *SectionClassifier) Classify(ev SectionEvidence) Section {
	e := ev.runes()
	return c.ix.decide(&e)
}

// Rings are a figure's unweighted votes, for re-weighing many times.
type Rings struct{ r ringScores }

// Rings scans ev once.
func (c *SectionClassifier) Rings(ev SectionEvidence) Rings {
	e := ev.runes()
	return Rings{c.ix.rings(&e)}
}

// Scores are the weighted votes per section (in Sections order) and the
// section a heading names, or -1.
func (r *Rings) Scores(w SectionWeights) ([4]float64, int) { return r.r.weigh(w), r.r.explicit }

// Pick decides with weights w.
func (r *Rings) Pick(w SectionWeights) Section { return r.r.pick(w) }

// VocabularyEntry is one built-in word or measure vote and why it is there.
type VocabularyEntry struct {
	Section Section
	Word    string
	Measure bool // a measure vote (measureVotes), not a lexicon word
	Why     string
}

// Vocabulary lists the built-in words (extract/lexicon.yaml) and measure
// votes with their reasons, for the provenance test and for staff.
func Vocabulary() []VocabularyEntry {
	es, err := defaultEntries()
	if err != nil {
		panic("extract/lexicon.yaml: " + err.Error())
	}
	var out []VocabularyEntry
	for _, s := range Sections {
		for _, e := range es[s] {
			out = append(out, VocabularyEntry{Section: s, Word: e.word, Why: e.why})
		}
	}
	for _, m := range measureVotes {
		out = append(out, VocabularyEntry{Section: m.section, Word: m.measure, Measure: true, Why: m.why})
	}
	return out
}
