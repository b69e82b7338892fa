package mapping

import (
	"strings"

	"djreport/extract"
)

// Indicator is one standard indicator of the quarterly workbook as a mapping
// file defines it: where it goes and which figures may fill it.
type Indicator struct {
	ID      string          `yaml:"id"`
	Label   string          `yaml:"label"`
	Section extract.Section `yaml:"section"`
	// Measure is the counting word the workbook shows (名, 个, 元, %, 人次 …).
	Measure string `yaml:"measure"`
	// Target is a defined name of the template (the catalogue uses the
	// indicator id) or an A1 address with its sheet, such as 抓队伍!C5;
	// TargetOff (target: off) switches the indicator's cell off.
	Target string `yaml:"target"`
	Match  Match  `yaml:"match"`
	// Pick says what to do when several figures match: max, first or sum
	// (empty: max).
	Pick string `yaml:"pick"`
	// Kind says what the value is (count, cumulative, average, rate,
	// standard; see kind.go): whether the summary may add it up and how it
	// is compared with last quarter. Empty: not declared, never summed.
	Kind string `yaml:"kind"`
	// Key marks an indicator every expected unit should report: a unit
	// without it is listed as 缺项 in the summary and run.json.
	Key bool `yaml:"key"`
	// Scale divides the value before it is written into a user's form
	// whose cell counts in a larger unit (scale: 万元 writes 1200000 元 as
	// 120); 0 means 1. ScaleName is how it was written, for messages.
	Scale     float64 `yaml:"-"`
	ScaleName string  `yaml:"-"`

	// File and Line say where the indicator was defined, for messages.
	File string `yaml:"-"`
	Line int    `yaml:"-"`
}

// Match holds the rules a figure must meet to fill an indicator.
//
// Words are looked for in the figure's context: its Subject plus the clause
// of its sentence around it (see clause). A word written "a+b" needs every
// part present, and its last part is the one whose distance counts. Text is
// compared in simplified characters.
type Match struct {
	// Subject: at least one of these words must stand in the context.
	Subject []string `yaml:"subject"`
	// Sentence: at least one of these words must stand anywhere in the
	// sentence (when given).
	Sentence []string `yaml:"sentence"`
	// Exclude: a figure whose context holds one of these is skipped; the
	// parent's Exclude also applies to every Or alternative.
	Exclude []string `yaml:"exclude"`
	// Measures accepted besides the indicator's own measure.
	Measures []string `yaml:"measures"`
	// Near, when above 0, is the farthest a subject word may stand from the
	// figure, in characters: the counted noun stands next to its number
	// (组建联合党组织259个), a modifier farther away.
	Near int `yaml:"near"`
	// Sections accepted (empty: any section).
	Sections []extract.Section `yaml:"sections"`
	// Or lists alternative word rules; a figure matches when the rule above
	// or any alternative does. An alternative without measures, sections or
	// near inherits the parent's.
	Or []Match `yaml:"or"`
}

// TargetOff is the target that places an indicator nowhere: the binding is
// made (run.json lists it) but no form cell receives it.
const TargetOff = "off"

// Off says whether the indicator's target is switched off: target: off,
// or false (what YAML users write for off; no defined name can be FALSE).
func (ind Indicator) Off() bool {
	return strings.EqualFold(ind.Target, TargetOff) || strings.EqualFold(ind.Target, "false")
}
