package mapping

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoad feeds arbitrary text to the mapping loader as a mapping file and
// as config.yaml: it must never panic, and every problem it reports must
// name the file it is about.
func FuzzLoad(f *testing.F) {
	std, err := os.ReadFile("standard.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(std), "mappings:\n  - id: grids\n    match:\n      subject: [网格]\n")
	f.Add("indicators:\n  - id: a\n    label: [\n", "mappings: 3\n")
	f.Add("indicators: {}\n", "mappings:\n  - {id: x, label: y, section: 抓队伍, measure: 名, target: 抓队伍!B3}\n")
	f.Add("- - -\n", "")
	// Binding options of issue 10: off, scale, lists extended with +.
	f.Add(string(std), "mappings:\n  - id: grids\n    target: off\n    scale: 万元\n    match:\n      subject+: [网格单元]\n      or+:\n        - subject: [网格员]\n")
	f.Fuzz(func(t *testing.T, mappingText, configText string) {
		dir := t.TempDir()
		m := filepath.Join(dir, "m.yaml")
		c := filepath.Join(dir, "config.yaml")
		if err := os.WriteFile(m, []byte(mappingText), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(c, []byte(configText), 0o644); err != nil {
			t.Fatal(err)
		}
		set, err := Load([]string{m}, c)
		if err != nil {
			if !strings.Contains(err.Error(), dir) {
				t.Errorf("problem without its file: %v", err)
			}
			return
		}
		for _, ind := range set.Indicators {
			if ind.ID == "" {
				t.Errorf("indicator without id loaded: %+v", ind)
			}
		}
	})
}
