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
	// Source is the path of the document the figure comes from; the JSON
	// contract carries it on the document, not on each figure.
	Source string `json:"-"`
}

// Document is the extraction of one source report.
type Document struct {
	Source  string   `json:"source"`
	Units   []string `json:"units"`
	Figures []Figure `json:"figures"`
}
