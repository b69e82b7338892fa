package extract

import (
	"fmt"

	"djreport/source"
)

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

// Evidence extracts doc like Document and returns the evidence each of the
// document's Figures (not Outside) was classified from, in the same order.
func (x *Extractor) Evidence(doc *source.Document) (Document, []SectionEvidence, error) {
	cp := *x
	ix := *x.lexicon // a copy: x stays safe for concurrent use
	var ev []SectionEvidence
	ix.record = &ev
	cp.lexicon = &ix
	d := cp.Document(doc)
	// Figures were classified in reading order and then split into Figures
	// and Outside; walking both by line and span undoes the split.
	if len(ev) != len(d.Figures)+len(d.Outside) {
		return d, nil, fmt.Errorf("%s：%d 条板块依据对应 %d 个数字", doc.Path, len(ev), len(d.Figures)+len(d.Outside))
	}
	out := make([]SectionEvidence, 0, len(d.Figures))
	fi, oi := 0, 0
	for _, e := range ev {
		if fi < len(d.Figures) && (oi >= len(d.Outside) || before(d.Figures[fi], d.Outside[oi])) {
			if e.Counted != d.Figures[fi].Subject {
				return d, nil, fmt.Errorf("%s 第 %d 行：板块依据与数字「%s」不对应", doc.Path, d.Figures[fi].Line, d.Figures[fi].Text)
			}
			out = append(out, e)
			fi++
		} else {
			oi++
		}
	}
	return d, out, nil
}

// before: a comes before b in reading order.
func before(a, b Figure) bool {
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Span[0] < b.Span[0]
}
