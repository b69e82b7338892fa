package report

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"djreport/extract"
	"djreport/mapping"
	"djreport/source"
)

// sampleUnits builds the sample quarter's units as `djreport run` does.
func sampleUnits(t *testing.T) ([]Unit, *mapping.Set) {
	t.Helper()
	files, err := source.Collect([]string{filepath.Join("..", "samples", "2024Q4")})
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Config{})
	if err != nil {
		t.Fatal(err)
	}
	set, err := mapping.Load([]string{filepath.Join("..", "mapping", "standard.yaml")}, "")
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	figs := map[string][]extract.Figure{}
	srcs := map[string][]string{}
	for _, f := range files {
		doc, err := source.Read(f)
		if err != nil {
			t.Fatal(err)
		}
		d := x.Document(doc)
		for _, u := range d.Units {
			if _, ok := figs[u]; !ok {
				order = append(order, u)
			}
			srcs[u] = append(srcs[u], f)
		}
		for _, fg := range d.Figures {
			figs[fg.Unit] = append(figs[fg.Unit], fg)
		}
	}
	var units []Unit
	for _, u := range order {
		b, _ := set.Bind(u, figs[u])
		units = append(units, Unit{Name: u, Period: "2024Q4", Sources: srcs[u], Figures: figs[u], Bindings: b})
	}
	return units, set
}

// TestSampleBriefsText renders the brief of every sample unit and reads its
// text back with pdftotext: the four headings in order, the unit, every
// bound value; no line starts with closing punctuation and no number is cut
// from its unit at a line end.
func TestSampleBriefsText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	font := briefFonts(t)
	units, set := sampleUnits(t)
	if len(units) != 8 {
		t.Fatalf("%d sample units, want 8", len(units))
	}
	dir := t.TempDir()
	for _, u := range units {
		out := filepath.Join(dir, FileName(u.Name)+".pdf")
		if err := WriteBrief(out, font, u, set.Indicators, nil, BriefOptions{Simplify: source.Simplify}); err != nil {
			t.Fatal(err)
		}
		if st, _ := os.Stat(out); st.Size() > 200*1024 {
			t.Errorf("%s: %d bytes, over 200 KB", u.Name, st.Size())
		}
		raw, err := exec.Command("pdftotext", "-layout", out, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		flat := strings.Join(strings.Fields(text), "")
		checkBriefText(t, u.Name, flat)
		checkNoSentenceTwice(t, u.Name, flat)
		for _, b := range u.Bindings {
			if v := strings.Join(strings.Fields(source.Simplify(b.Text)), ""); !strings.Contains(flat, v) {
				t.Errorf("%s: value %s of %s missing", u.Name, v, b.ID)
			}
		}
		lines := strings.Split(text, "\n")
		for i, l := range lines {
			l = strings.TrimSpace(l)
			if l == "" {
				continue
			}
			if first := []rune(l)[0]; strings.ContainsRune(lineNoStart, first) {
				t.Errorf("%s: line starts with %q: %q", u.Name, first, l)
			}
			if i+1 < len(lines) {
				next := strings.TrimSpace(lines[i+1])
				if cutNumber(l, next) {
					t.Errorf("%s: number cut from its unit:\n%s\n%s", u.Name, l, next)
				}
			}
		}
	}
}

// cutNumber: a line ending in a digit whose next line starts with a measure
// or multiplier (1.2亿 | 元).
func cutNumber(line, next string) bool {
	rs := []rune(line)
	if len(rs) == 0 || next == "" {
		return false
	}
	end := rs[len(rs)-1]
	if !unicode.IsDigit(end) && !strings.ContainsRune("余多万亿", end) {
		return false
	}
	start := []rune(next)[0]
	return strings.ContainsRune("元名个户件次人%％万亿项条家场期枚部支盏处倍年天", start)
}

// checkBriefText checks a brief's text read back, whitespace removed: the
// unit is named and the four headings stand in order.
func checkBriefText(t *testing.T, unit, flat string) {
	t.Helper()
	if !strings.Contains(flat, unit) {
		t.Errorf("%s: unit name missing", unit)
	}
	// The sections with content stand in the four sections' order,
	// numbered 一、二、… without a gap; an empty one is left out.
	if strings.Contains(flat, "未报送") {
		t.Errorf("%s: brief prints 未报送", unit)
	}
	last, n := -1, 0
	for _, sec := range extract.Sections {
		i := strings.Index(flat, "、"+string(sec))
		if i < 0 {
			continue
		}
		if h := briefNumerals[n] + "、" + string(sec); i < len(briefNumerals[n]) || !strings.HasPrefix(flat[i-len(briefNumerals[n]):], h) || i <= last {
			t.Errorf("%s: heading %s missing, misnumbered or out of order", unit, h)
		}
		last = i
		n++
	}
	if n == 0 {
		t.Errorf("%s: no section", unit)
	}
}
