// Package report renders a unit's figures and bound indicators as the
// standard quarterly workbook, the cross-unit summary workbook and the PDF brief.
package report

import (
	"djreport/extract"
	"djreport/mapping"
)

// Unit is everything the outputs of one reporting unit are made from. It is
// built once per run and only read by the renderers, which may run in parallel.
type Unit struct {
	Name     string            // 慈溪市
	Period   string            // 2024Q4
	Sources  []string          // source files that fed the unit, as given
	Figures  []extract.Figure  // every figure of the unit, in document order
	Bindings []mapping.Binding // bound indicators, in catalogue order
	// Level is the unit's administrative level, "city" (prefecture) or
	// "county" (county-level: 县, 县级市, 区, 旗), "" when unknown; the
	// summary never adds the two, and a brief compares like with like.
	Level string
	// Parent is the prefecture-level city of a county-level unit, "" else.
	Parent string
	// Previous holds last period's values by indicator id (环比), nil when
	// there is no previous run.
	Previous map[string]Prior
	// Checks are what a reviewer should look at for this unit.
	Checks []mapping.Check
}

// Prior is one indicator's value in the previous period's run.json.
type Prior struct {
	Period    string  // 2024Q3
	Value     float64 // base units, as in run.json
	Measure   string
	Qualifier string
	Text      string // the figure's own wording (1.2亿元)
}
