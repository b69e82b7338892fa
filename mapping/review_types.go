package mapping

import "time"

// Manual says that a person decided a bound value (review/<period>.yaml,
// ../shared/spec/PRODUCT.md): every output that shows the value also shows
// 人工核定 with who and when, so a signed number is traceable to a person
// as well as to a sentence.
type Manual struct {
	Action string    `json:"action"` // accept, correct, move or add
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Note   string    `json:"note,omitempty"`
	// Original is the value the tool had bound before a correction.
	Original *float64 `json:"original,omitempty"`
}

// Check is one thing a reviewer should look at before signing: an
// approximate value, a rate over 100%, a doubtful unit, conflicting
// versions, a magnitude slip, a jump against last quarter. The review page
// lists checks first; run.json lists them all.
type Check struct {
	Unit      string `json:"unit"`
	Indicator string `json:"indicator,omitempty"`
	Figure    string `json:"figure,omitempty"` // figure id
	// Kind is a stable machine word: approximate, over_100, doubtful_unit,
	// versions, magnitude, vs_previous_jump, vs_previous_fell, vs_previous_gone …
	Kind    string `json:"kind"`
	Message string `json:"message"` // Chinese, for the reviewer
}
