// Package extract finds the reported figures of a work report: numbers with
// their units and approximation words, the reporting unit (city) each passage
// is about, and the section of the four-part structure each figure belongs to.
package extract

// Section is one of the four sections of the quarterly structure.
type Section string

// The four sections, in the order the workbook and the brief present them.
const (
	Team        Section = "抓队伍"
	Mechanism   Section = "建机制"
	Development Section = "促发展"
	Governance  Section = "强治理"
)

// Sections lists the four sections in presentation order.
var Sections = []Section{Team, Mechanism, Development, Governance}

// Figure is one reported quantity, with everything needed to trace it back to
// its sentence. Text and Sentence are in the source's original characters.
type Figure struct {
	// ID identifies the figure across runs of the same input: a hash of the
	// file's name, its sentence, its text and which occurrence it is, so it
	// survives lines added elsewhere in the report.
	ID        string   `json:"id"`
	Unit      string   `json:"unit"`
	Section   Section  `json:"section"`
	Value     float64  `json:"value"`
	Max       *float64 `json:"max"`
	Measure   string   `json:"measure"`
	Qualifier string   `json:"qualifier"`
	Text      string   `json:"text"`
	Subject   string   `json:"subject"`
	Sentence  string   `json:"sentence"`
	Line      int      `json:"line"`
	// Span is [start, end): rune offsets of Text within its line, in the
	// source's own characters.
	Span [2]int `json:"span"`
	// InSentence is the rune offset of Text within Sentence, so binding
	// reads the clause around this figure, never another with the same
	// text (小区12个，新建党组织12个).
	InSentence int `json:"-"`
	// Source is the path of the document the figure comes from; the JSON
	// contract carries it on the document, not on each figure.
	Source string `json:"-"`
}

// Document is the extraction of one source report.
type Document struct {
	Source  string   `json:"source"`
	Units   []string `json:"units"`
	Figures []Figure `json:"figures"`
	// Outside are figures about no reporting unit: a province's totals in a
	// round-up (全省…). They are never bound or printed for a unit.
	Outside []Figure `json:"outside"`
	// Doubt is set when the evidence for the document's unit was weak or
	// split; a person should check it.
	Doubt *Doubt `json:"doubt,omitempty"`
}
