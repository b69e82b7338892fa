// Command djreport turns a quarter's Party-organisation work reports into the
// standard summary workbooks and printed briefs. This package only parses
// flags and wires the source, extract, mapping and report packages together.
package main

import (
	"os"
)

func main() {
	os.Exit(execute(os.Args[1:], os.Stdout, os.Stderr))
}
