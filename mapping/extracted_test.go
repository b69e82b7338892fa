package mapping

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"djreport/extract"
	"djreport/source"
)

// TestExtractedIndicators binds what the real extractor finds, as `djreport
// run` does, and scores the indicators against hand-made values: the seed
// reports (when ../shared is there) and the held-out reports the rules were
// not written from.
func TestExtractedIndicators(t *testing.T) {
	cases := []struct{ name, sources, want string }{
		{"seeds", filepath.Join(sharedDir(), "seeds"), filepath.Join(sharedDir(), "gold", "indicators.json")},
		{"held-out", filepath.Join("..", "extract", "testdata", "heldout"), filepath.Join("..", "extract", "testdata", "heldout", "indicators.json")},
		// Written blind after the rules were frozen: for measuring only.
		{"final", filepath.Join("..", "extract", "testdata", "final"), filepath.Join("..", "extract", "testdata", "final", "indicators.json")},
	}
	set, err := Load([]string{"standard.yaml"}, "")
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, err := os.ReadFile(c.want)
			if err != nil {
				t.Skip("no expected indicators:", err)
			}
			var want map[string]map[string]*float64
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatal(err)
			}
			files, err := source.Collect([]string{c.sources})
			if err != nil {
				t.Fatal(err)
			}
			figs := map[string][]extract.Figure{}
			for _, f := range files {
				doc, err := source.Read(f)
				if err != nil {
					t.Fatal(err)
				}
				for _, fg := range x.Document(doc).Figures {
					figs[fg.Unit] = append(figs[fg.Unit], fg)
				}
			}
			got := map[string][]Binding{}
			for unit := range want {
				got[unit], _ = set.Bind(unit, figs[unit])
			}
			right, total := compareIndicators(t, want, got)
			acc := float64(right) / float64(total)
			t.Logf("%s: indicators %.3f (%d/%d)", c.name, acc, right, total)
			if acc < 0.90 {
				t.Errorf("%s: indicator accuracy %.3f, want >= 0.90", c.name, acc)
			}
		})
	}
}
