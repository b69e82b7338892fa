// Package mapping loads the mapping files that bind extracted figures to the
// standard indicators of the quarterly workbook, validates them against the
// template, and performs the binding.
package mapping

// Binding is one standard indicator of one unit filled from one figure (or,
// with pick: sum, from several; Line and Text then name the first).
type Binding struct {
	Unit      string  `json:"unit"`
	ID        string  `json:"id"`
	Value     float64 `json:"value"`
	Measure   string  `json:"measure"`
	Qualifier string  `json:"qualifier,omitempty"`
	Source    string  `json:"source"`
	Line      int     `json:"line"`
	Text      string  `json:"text"`
	Sentence  string  `json:"sentence,omitempty"`
	// Span is the first figure's place in its line; Figures are the ids of
	// the figures the value came from, so a reviewer's decision, the
	// workbook and the brief reach the figure itself, not its text.
	Span    [2]int   `json:"span"`
	Figures []string `json:"figures"`
	// Manual is set when a review decision made or confirmed the value.
	Manual *Manual `json:"manual,omitempty"`
}
