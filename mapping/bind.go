package mapping

import (
	"slices"
	"strings"
	"unicode/utf8"

	"djreport/extract"
	"djreport/source"
)

// Bind binds the figures of one unit to the indicators. Figures of another
// unit are ignored (a figure with no unit counts as this unit's).
//
// A figure fills at most one indicator: among the indicators whose rules it
// meets, the one whose matched word stands closest to the figure (then the
// longest word, then catalogue order). Each indicator then picks among its
// figures (max, first in input order, or sum). bound is in catalogue order;
// unbound lists, in input order, the unit's figures written nowhere,
// including those an indicator matched but did not pick.
func (s *Set) Bind(unit string, figs []extract.Figure) (bound []Binding, unbound []extract.Figure) {
	norm := map[string]string{}
	simp := func(t string) string {
		if v, ok := norm[t]; ok {
			return v
		}
		v := simplified(t)
		norm[t] = v
		return v
	}
	byInd := make([][]int, len(s.Indicators))
	used := make([]bool, len(figs))
	takers := s.byMeasure()
	var mine []int
	for i := range figs {
		f := &figs[i]
		if f.Unit != "" && f.Unit != unit {
			continue
		}
		mine = append(mine, i)
		ks := takers[f.Measure]
		if len(ks) == 0 {
			continue // no indicator counts in this measure
		}
		c := newContext(f, simp)
		best, bestInd := score{}, -1
		for _, k := range ks {
			sc, ok := s.Indicators[k].test(f, &c)
			if ok && (bestInd < 0 || sc.better(best)) {
				best, bestInd = sc, k
			}
		}
		if bestInd >= 0 {
			byInd[bestInd] = append(byInd[bestInd], i)
		}
	}
	for k, ind := range s.Indicators {
		cand := byInd[k]
		if len(cand) == 0 {
			continue
		}
		var picked []int
		switch ind.Pick {
		case "first":
			picked = cand[:1]
		case "sum":
			picked = cand
		default: // max; ties keep the first
			top := cand[0]
			for _, i := range cand[1:] {
				if figs[i].Value > figs[top].Value {
					top = i
				}
			}
			picked = []int{top}
		}
		first := figs[picked[0]]
		b := Binding{
			Unit: unit, ID: ind.ID, Value: first.Value, Measure: ind.Measure,
			Qualifier: first.Qualifier, Source: first.Source, Line: first.Line,
			Text: first.Text, Sentence: first.Sentence, Span: first.Span,
		}
		for _, i := range picked[1:] {
			b.Value += figs[i].Value
			// An approximate part makes the sum approximate.
			if b.Qualifier == "" {
				b.Qualifier = figs[i].Qualifier
			}
		}
		for _, i := range picked {
			used[i] = true
			b.Figures = append(b.Figures, figs[i].ID)
		}
		bound = append(bound, b)
	}
	for _, i := range mine {
		if !used[i] {
			unbound = append(unbound, figs[i])
		}
	}
	return bound, unbound
}

// byMeasure lists, for each measure, the indicators (in catalogue order)
// whose rules may take a figure in it: test refuses any other at once, and
// trying every indicator on every figure was most of binding's time.
func (s *Set) byMeasure() map[string][]int {
	out := map[string][]int{}
	for k := range s.Indicators {
		ind := &s.Indicators[k]
		take := func(ms ...string) {
			for _, m := range ms {
				// k only grows: a list ending in k has it already.
				if l := out[m]; len(l) == 0 || l[len(l)-1] != k {
					out[m] = append(l, k)
				}
			}
		}
		take(ind.Measure)
		take(ind.Match.Measures...)
		for _, alt := range ind.Match.Or {
			take(alt.Measures...)
		}
	}
	return out
}

// score ranks how specifically a figure meets an indicator's rules.
type score struct {
	dist   int // runes between the matched word and the figure
	length int // runes of the matched word
}

func (a score) better(b score) bool {
	if a.dist != b.dist {
		return a.dist < b.dist
	}
	return a.length > b.length
}

// sentenceOnly is the distance given to a rule with sentence words only:
// weaker than any subject word.
const sentenceOnly = 1 << 20

// test reports whether f meets the indicator's rules, and how specifically.
func (ind *Indicator) test(f *extract.Figure, c *context) (score, bool) {
	m := &ind.Match
	best, found := score{}, false
	try := func(r *Match, measures []string, sections []extract.Section) {
		if f.Measure != ind.Measure && !slices.Contains(measures, f.Measure) {
			return
		}
		if len(sections) > 0 && !slices.Contains(sections, f.Section) {
			return
		}
		near := r.Near
		if near == 0 {
			near = m.Near
		}
		sc, ok := r.words(c, m.Exclude, near)
		if ok && (!found || sc.better(best)) {
			best, found = sc, true
		}
	}
	try(m, m.Measures, m.Sections)
	for i := range m.Or {
		alt := &m.Or[i]
		measures, sections := alt.Measures, alt.Sections
		if len(measures) == 0 {
			measures = m.Measures
		}
		if len(sections) == 0 {
			sections = m.Sections
		}
		try(alt, measures, sections)
	}
	return best, found
}

// words checks r's word rules (not its Or list) against the context; with
// near > 0 a subject word farther than near runes does not count. A
// rule without subject or sentence words never matches: it would take any
// figure of the right measure, and a wrong number is worse than a blank.
func (r *Match) words(c *context, parentExclude []string, near int) (score, bool) {
	if len(r.Subject) == 0 && len(r.Sentence) == 0 {
		return score{}, false
	}
	sc := score{dist: sentenceOnly}
	if len(r.Subject) > 0 {
		found := false
		for _, w := range r.Subject {
			d, ok := c.find(w)
			if !ok || near > 0 && d > near {
				continue
			}
			cand := score{d, wordLen(w)}
			if !found || cand.better(sc) {
				sc, found = cand, true
			}
		}
		if !found {
			return score{}, false
		}
	}
	if len(r.Sentence) > 0 && !slices.ContainsFunc(r.Sentence, c.inSentence) {
		return score{}, false
	}
	for _, ex := range [][]string{parentExclude, r.Exclude} {
		for _, w := range ex {
			if _, ok := c.find(w); ok {
				return score{}, false
			}
		}
	}
	return sc, true
}

// context is the text a figure's rules look at, in simplified characters:
// its own text (a quote may hold its noun), its subject, and the clause of
// its sentence before and after it.
type context struct {
	text, subject, before, after, sentence string
}

func newContext(f *extract.Figure, simp func(string) string) context {
	before, after, _ := clause(f.Sentence, f.Text, f.InSentence)
	return context{
		text:     simp(f.Text),
		subject:  simp(f.Subject),
		before:   simp(before),
		after:    simp(after),
		sentence: simp(f.Sentence),
	}
}

// find looks for a word (every part of an a+b word) in the figure's text,
// subject and clause, and returns its distance to the figure: 0 in the
// text; for the subject, runes after the word to the subject's end (where
// its head noun stands); in the clause, runes between the word and the
// figure. An a+b word is as far as its last part, by convention the noun
// counted (组建+党组织).
func (c *context) find(word string) (int, bool) {
	d := 0
	for _, part := range strings.Split(word, "+") {
		var ok bool
		if d, ok = c.findPart(part); !ok {
			return 0, false
		}
	}
	return d, true
}

func (c *context) findPart(w string) (int, bool) {
	best := -1
	keep := func(d int) {
		if best < 0 || d < best {
			best = d
		}
	}
	if strings.Contains(c.text, w) {
		return 0, true
	}
	if i := strings.LastIndex(c.subject, w); i >= 0 {
		keep(utf8.RuneCountInString(c.subject[i+len(w):]))
	}
	if i := strings.LastIndex(c.before, w); i >= 0 {
		keep(utf8.RuneCountInString(c.before[i+len(w):]))
	}
	if i := strings.Index(c.after, w); i >= 0 {
		keep(utf8.RuneCountInString(c.after[:i]))
	}
	return best, best >= 0
}

func (c *context) inSentence(word string) bool {
	for _, part := range strings.Split(word, "+") {
		if !strings.Contains(c.sentence, part) {
			return false
		}
	}
	return true
}

func wordLen(w string) int {
	return utf8.RuneCountInString(strings.ReplaceAll(w, "+", ""))
}

// Clause stops. Strong stops end a clause; 、 ends only the part after the
// figure, because in "新建、改扩建党群服务中心147个" or "调解率、化解率分别达到
// 98.6%、96.1%" the words before a 、 still describe the figure, while in
// "80余个片区、100余家共富工坊" the words after one describe the next.
const (
	strongStops = "，,；;。：:！!？?\n"
	weakStops   = "、"
)

// clause returns the text of sentence around text: before runs from the
// previous strong stop up to text, after from text to the next stop of
// either kind. ok is false when text is not in sentence (a number is only
// found where no digit precedes it, so 12个 is not found inside 112个).
func clause(sentence, text string, inSentence int) (before, after string, ok bool) {
	if text == "" {
		return "", "", false
	}
	at := -1
	// The figure's own place in its sentence, when it is known and right;
	// searching for its text finds the first of two equal figures.
	if inSentence > 0 {
		i := 0
		for n := 0; n < inSentence && i < len(sentence); n++ {
			_, size := utf8.DecodeRuneInString(sentence[i:])
			i += size
		}
		if strings.HasPrefix(sentence[i:], text) {
			at = i
		}
	}
	for from := 0; at < 0 && from < len(sentence); {
		i := strings.Index(sentence[from:], text)
		if i < 0 {
			break
		}
		i += from
		r, _ := utf8.DecodeLastRuneInString(sentence[:i])
		if i == 0 || !(r >= '0' && r <= '9' || r == '.') {
			at = i
			break
		}
		from = i + 1
	}
	if at < 0 {
		return "", "", false
	}
	start := strings.LastIndexAny(sentence[:at], strongStops)
	if start < 0 {
		start = 0
	} else {
		_, n := utf8.DecodeRuneInString(sentence[start:])
		start += n
	}
	rest := sentence[at+len(text):]
	end := strings.IndexAny(rest, strongStops+weakStops)
	if end < 0 {
		end = len(rest)
	}
	return sentence[start:at], rest[:end], true
}

// Matching compares simplified text, so simplified rule words also match
// traditional reports.
func simplified(s string) string { return source.Simplify(s) }
