package mapping

import (
	"os"
	"strings"
	"testing"
)

// FuzzParseReview feeds arbitrary text to the decisions-file reader: it
// must never panic, every problem must name the file, and what it accepts
// must survive a write and a read unchanged.
func FuzzParseReview(f *testing.F) {
	if data, err := os.ReadFile("testdata/review/example.yaml"); err == nil {
		f.Add(string(data))
	}
	f.Add("period: 2024Q4\ndecisions:\n  - unit: 甲市\n    indicator: grids\n    action: correct\n    value: 1,811\n")
	f.Add("decisions: [{unit: a, figure: b, action: move, to_section: 强治理}]\n")
	f.Add("period: [\n")
	f.Fuzz(func(t *testing.T, text string) {
		r, err := ParseReview("r.yaml", []byte(text))
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "r.yaml") {
					t.Fatalf("a problem that does not name the file: %q", line)
				}
			}
			return
		}
		data, err := MarshalReview(r)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseReview("r.yaml", data)
		if err != nil {
			t.Fatalf("written file does not read back: %v\n%s", err, data)
		}
		if len(back.Decisions) != len(r.Decisions) {
			t.Fatalf("%d decisions read back as %d", len(r.Decisions), len(back.Decisions))
		}
		for i := range r.Decisions {
			if r.Decisions[i].Key() != back.Decisions[i].Key() {
				t.Fatalf("decision %d: key %q read back as %q", i, r.Decisions[i].Key(), back.Decisions[i].Key())
			}
		}
		// Written over the text it came from (comments kept), the same.
		over, err := marshalOver([]byte(text), r)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseReview("r.yaml", over)
		if err != nil {
			t.Fatalf("file written over the old text does not read back: %v\n%s", err, over)
		}
		if len(again.Decisions) != len(r.Decisions) || again.Period != r.Period {
			t.Fatalf("%d decisions (period %q) read back as %d (%q):\n%s", len(r.Decisions), r.Period, len(again.Decisions), again.Period, over)
		}
		for i := range r.Decisions {
			if a, b := mustText(t, &r.Decisions[i]), mustText(t, &again.Decisions[i]); a != b {
				t.Fatalf("decision %d changed:\n%s\n%s", i, a, b)
			}
		}
	})
}

func mustText(t *testing.T, d *Decision) string {
	s, err := decisionText(d)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
