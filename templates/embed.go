// Package templates holds the workbook templates and the brief's fonts as
// built into the binary: the defaults a run uses when config.yaml names no
// other, so djreport works from any folder. maketemplate/ regenerates the
// .xlsx files; fonts/README.md says where each font comes from.
package templates

import _ "embed"

var (
	//go:embed quarterly.xlsx
	Quarterly []byte
	//go:embed summary.xlsx
	Summary []byte
	// Font is the brief's 黑体 (WenQuanYi Micro Hei): first-level headings
	// and table headers.
	//go:embed fonts/wqy-microhei.ttf
	Font []byte
	// Song is AR PL SungtiL GB (宋): title, body, tables and page numbers.
	//go:embed fonts/gbsn00lp.ttf
	Song []byte
	// Kai is AR PL KaitiM GB (楷): second-level headings.
	//go:embed fonts/gkai00mp.ttf
	Kai []byte
)

// Names of the built-in files in messages.
const (
	QuarterlyName = "内置 templates/quarterly.xlsx"
	SummaryName   = "内置 templates/summary.xlsx"
	FontName      = "内置 templates/fonts/wqy-microhei.ttf"
	SongName      = "内置 templates/fonts/gbsn00lp.ttf"
	KaiName       = "内置 templates/fonts/gkai00mp.ttf"
)
