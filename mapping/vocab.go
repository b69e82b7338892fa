package mapping

import (
	"slices"
	"strings"

	"djreport/extract"
)

// Measures lists the counting words a mapping may name: those the extractor
// reports, and 万元, which a workbook may show. A measure outside it is
// almost always a typo, which would silently never match.
var Measures = append(extract.Measures(), "万元")

// Picks are the ways to choose among several matching figures.
var Picks = []string{"max", "first", "sum"}

func knownMeasure(m string) bool { return slices.Contains(Measures, m) }

func knownSection(s extract.Section) bool { return slices.Contains(extract.Sections, s) }

func sectionNames() string {
	names := make([]string, len(extract.Sections))
	for i, s := range extract.Sections {
		names[i] = string(s)
	}
	return strings.Join(names, "、")
}
