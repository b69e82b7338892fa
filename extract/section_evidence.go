package extract

import "djreport/source"

// SectionEvidence is the text a figure's section is decided from, nearest
// first. The trainer and the cross-validation under scripts/ read it to learn
// and to measure the classifier on labelled reports.
type SectionEvidence struct {
	Counted   string // what the figure counts (Figure.Subject)
	Figure    string // the figure's own text, measure included (120亩)
	Measure   string // its measure word (亩)
	Clause    string // the clause around the figure
	Sentence  string
	Paragraph string // the figure's line
	Heading   string // the nearest heading, with the paragraph's short lead
}

// Evidence extracts doc like Document and returns, in figure order, the
// evidence each figure's section was decided from.
func (x *Extractor) Evidence(doc *source.Document) (Document, []SectionEvidence) {
	cp := *x
	ix := *x.lexicon // a copy: x stays safe for concurrent use
	var ev []SectionEvidence
	ix.record = &ev
	cp.lexicon = &ix
	d := cp.Document(doc)
	return d, ev
}
