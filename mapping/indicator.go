package mapping

import "djreport/extract"

// Indicator is one standard indicator of the quarterly workbook as a mapping
// file defines it: where it goes and which figures may fill it.
type Indicator struct {
	ID      string          `yaml:"id"`
	Label   string          `yaml:"label"`
	Section extract.Section `yaml:"section"`
	// Measure is the counting word the workbook shows (名, 个, 元, %, 人次 …).
	Measure string `yaml:"measure"`
	// Target is a defined name of the template (by default the indicator id)
	// or an A1 address with its sheet, such as 抓队伍!C5.
	Target string `yaml:"target"`
	Match  Match  `yaml:"match"`
	// Pick says what to do when several figures match: max, first or sum.
	Pick string `yaml:"pick"`

	// File and Line say where the indicator was defined, for messages.
	File string `yaml:"-"`
	Line int    `yaml:"-"`
}

// Match holds the rules a figure must meet to fill an indicator.
type Match struct {
	// Subject: at least one of these words must stand in the figure's subject
	// (or, when Sentence is empty, in its sentence).
	Subject []string `yaml:"subject"`
	// Sentence: at least one of these words must stand in the sentence.
	Sentence []string `yaml:"sentence"`
	// Exclude: a figure whose subject or sentence holds one of these is skipped.
	Exclude []string `yaml:"exclude"`
	// Measures accepted (empty: the indicator's own measure only).
	Measures []string `yaml:"measures"`
	// Sections accepted (empty: any section).
	Sections []extract.Section `yaml:"sections"`
}
