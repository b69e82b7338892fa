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
}
