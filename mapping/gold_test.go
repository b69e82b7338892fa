package mapping

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"djreport/extract"
)

// sharedDir holds the team's gold files and seeds (read-only).
func sharedDir() string {
	if d := os.Getenv("DJREPORT_SHARED"); d != "" {
		return d
	}
	return filepath.Join("..", "..", "shared")
}

type goldFile struct {
	Doc     string `json:"doc"`
	Figures []struct {
		Unit      string   `json:"unit"`
		Section   string   `json:"section"`
		Quote     string   `json:"quote"`
		Value     float64  `json:"value"`
		Max       *float64 `json:"max"`
		Measure   string   `json:"measure"`
		Qualifier string   `json:"qualifier"`
		About     string   `json:"about"`
	} `json:"figures"`
}

// goldFigures builds, per unit, the figures a perfect extractor would give,
// with the gold "about" as subject (or, when withSubject is false, no subject
// and a text starting at the number, leaving the sentence's clause to speak)
// and the seed sentence holding the quote.
func goldFigures(t *testing.T, withSubject bool) map[string][]extract.Figure {
	t.Helper()
	dir := sharedDir()
	files, _ := filepath.Glob(filepath.Join(dir, "gold", "0*.json"))
	if len(files) == 0 {
		t.Skip("no gold files under", dir)
	}
	out := map[string][]extract.Figure{}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var g goldFile
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		seed, err := os.ReadFile(filepath.Join(dir, "seeds", g.Doc))
		if err != nil {
			t.Skip("seeds not available:", err)
		}
		lines := strings.Split(string(seed), "\n")
		for _, gf := range g.Figures {
			f := extract.Figure{
				Unit: gf.Unit, Section: extract.Section(gf.Section), Value: gf.Value, Max: gf.Max,
				Measure: gf.Measure, Qualifier: gf.Qualifier, Text: gf.Quote, Source: g.Doc,
			}
			if withSubject {
				f.Subject = gf.About
			} else {
				// As the extractor gives it: the number first (預備黨員1810名 -> 1810名).
				f.Text = numberFirst(gf.Quote)
			}
			for i, l := range lines {
				if strings.Contains(l, gf.Quote) {
					f.Line, f.Sentence = i+1, sentenceOf(l, gf.Quote)
					break
				}
			}
			out[gf.Unit] = append(out[gf.Unit], f)
		}
	}
	return out
}

// numberFirst drops what precedes the number in a quote.
func numberFirst(q string) string {
	if i := strings.IndexFunc(q, func(r rune) bool {
		return r >= '0' && r <= '9' || strings.ContainsRune("一二三四五六七八九十两超近约过", r)
	}); i > 0 {
		return q[i:]
	}
	return q
}

// sentenceOf returns the sentence (ended by 。！？) of line holding quote.
func sentenceOf(line, quote string) string {
	const stops = "。！？!?"
	i := strings.Index(line, quote)
	start, end := 0, len(line)
	if j := strings.LastIndexAny(line[:i], stops); j >= 0 {
		_, n := utf8.DecodeRuneInString(line[j:])
		start = j + n
	}
	if j := strings.IndexAny(line[i+len(quote):], stops); j >= 0 {
		j += i + len(quote)
		_, n := utf8.DecodeRuneInString(line[j:])
		end = j + n
	}
	return line[start:end]
}

// simulate binds the gold figures and scores them against
// gold/indicators.json as score.py does.
func simulate(t *testing.T, withSubject bool) float64 {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(sharedDir(), "gold", "indicators.json"))
	if err != nil {
		t.Skip("no gold indicators:", err)
	}
	var want map[string]map[string]*float64
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	s, err := Load([]string{"standard.yaml"}, "")
	if err != nil {
		t.Fatal(err)
	}
	figs := goldFigures(t, withSubject)
	units := make([]string, 0, len(want))
	for u := range want {
		units = append(units, u)
	}
	sort.Strings(units)
	got := map[string][]Binding{}
	for _, unit := range units {
		got[unit], _ = s.Bind(unit, figs[unit])
	}
	right, total := compareIndicators(t, want, got)
	acc := float64(right) / float64(total)
	t.Logf("indicator accuracy (subject=%v): %.3f (%d/%d)", withSubject, acc, right, total)
	return acc
}

func TestGoldIndicatorAccuracy(t *testing.T) {
	if acc := simulate(t, true); acc < 0.90 {
		t.Errorf("indicator accuracy with gold subjects %.3f, want >= 0.90", acc)
	}
}

// Without subjects only the clause around each figure speaks; the real
// extractor's short subjects fall between the two.
func TestGoldIndicatorAccuracyClauseOnly(t *testing.T) {
	if acc := simulate(t, false); acc < 0.90 {
		t.Errorf("indicator accuracy from clauses alone %.3f, want >= 0.90", acc)
	}
}

// compareIndicators counts the indicator cells of want (unit -> id -> value
// or null) that the bindings fill right: the value, or empty for null.
func compareIndicators(t *testing.T, want map[string]map[string]*float64, bound map[string][]Binding) (right, total int) {
	t.Helper()
	units := make([]string, 0, len(want))
	for u := range want {
		units = append(units, u)
	}
	sort.Strings(units)
	for _, unit := range units {
		got := map[string]Binding{}
		for _, b := range bound[unit] {
			got[b.ID] = b
		}
		ids := make([]string, 0, len(want[unit]))
		for id := range want[unit] {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			w := want[unit][id]
			b, have := got[id]
			total++
			switch {
			case w == nil && !have, w != nil && have && math.Abs(b.Value-*w) <= 1e-6*math.Max(1, math.Abs(*w)):
				right++
			case w == nil:
				t.Logf("FILL  %s %s: got %v (%s), want empty", unit, id, b.Value, b.Text)
			case !have:
				t.Logf("MISS  %s %s: want %v", unit, id, *w)
			default:
				t.Logf("WRONG %s %s: got %v (%s), want %v", unit, id, b.Value, b.Text, *w)
			}
		}
	}
	return right, total
}
