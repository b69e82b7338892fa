package report

import (
	"path/filepath"
	"strings"
	"testing"

	"djreport/source"
)

// TestSampleBriefsReadBack renders the brief of every sample unit and reads
// it back with djreport's own PDF reader, as a user feeding a brief back in
// would: the unit, the four headings in order and every bound value must
// come back as text.
func TestSampleBriefsReadBack(t *testing.T) {
	font := briefFonts(t)
	units, set := sampleUnits(t)
	dir := t.TempDir()
	values := 0
	for _, u := range units {
		out := filepath.Join(dir, FileName(u.Name)+".pdf")
		if err := WriteBrief(out, font, u, set.Indicators, nil, BriefOptions{Simplify: source.Simplify}); err != nil {
			t.Fatal(err)
		}
		doc, err := source.Read(out)
		if err != nil {
			t.Fatalf("%s: %v", u.Name, err)
		}
		var text strings.Builder
		for _, l := range doc.Lines {
			text.WriteString(l.Text)
			text.WriteByte('\n')
		}
		flat := strings.Join(strings.Fields(text.String()), "")
		checkBriefText(t, u.Name, flat)
		values += len(u.Bindings)
		for _, b := range u.Bindings {
			if v := strings.Join(strings.Fields(source.Simplify(b.Text)), ""); !strings.Contains(flat, v) {
				t.Errorf("%s: value %s of %s missing", u.Name, v, b.ID)
			}
		}
		if t.Failed() {
			t.Logf("%s read back:\n%s", u.Name, text.String())
		}
	}
	if values < 20 {
		t.Errorf("only %d bound values over %d units", values, len(units))
	}
}
