// Package templates holds the workbook templates and the brief's font as
// built into the binary: the defaults a run uses when config.yaml names no
// other, so djreport works from any folder. maketemplate/ regenerates the
// .xlsx files.
package templates

import _ "embed"

var (
	//go:embed quarterly.xlsx
	Quarterly []byte
	//go:embed summary.xlsx
	Summary []byte
	//go:embed fonts/wqy-microhei.ttf
	Font []byte
)

// Names of the built-in files in messages.
const (
	QuarterlyName = "内置 templates/quarterly.xlsx"
	SummaryName   = "内置 templates/summary.xlsx"
	FontName      = "内置 templates/fonts/wqy-microhei.ttf"
)
