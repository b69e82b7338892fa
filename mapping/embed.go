package mapping

import _ "embed"

// Standard is standard.yaml as built into the binary: the mapping a run
// uses when config.yaml names no mapping file, so djreport works from any
// folder.
//
//go:embed standard.yaml
var Standard []byte

// StandardName is how messages name the built-in mapping file.
const StandardName = "内置 mapping/standard.yaml"
