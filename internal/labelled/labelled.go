// Package labelled reads the project's labelled reports (gold files as in
// ../shared/gold/SCHEMA.md) and pairs each gold figure with the figure the
// extractor found and the evidence its section was decided from. The section
// cross-validation (scripts/sectioncv) and the lexicon's provenance test use it.
package labelled

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"djreport/extract"
	"djreport/source"
)

// Set is one folder of labelled reports: documents and their gold
// files (../shared/gold/SCHEMA.md). Train false keeps a set out of training:
// it is only measured.
type Set struct {
	Name     string
	Docs     string
	Gold     string // a folder of <stem>.json, or one JSON list of gold docs
	Train    bool
	Optional bool // may be absent (the shared folders, the growing corpus)
}

type goldFigure struct {
	Unit       string  `json:"unit"`
	Section    string  `json:"section"`
	AltSection string  `json:"alt_section"`
	Quote      string  `json:"quote"`
	Value      float64 `json:"value"`
	Optional   bool    `json:"optional"`
}

type goldDoc struct {
	Doc     string       `json:"doc"`
	Figures []goldFigure `json:"figures"`
}

// Sample is one core gold figure the extractor found, with its evidence.
type Sample struct {
	Set, Doc string
	Ev       extract.SectionEvidence
	Gold     extract.Section
	Alt      extract.Section
	Builtin  extract.Section // what the built-in classifier said
	Train    bool            // from a set that may be trained and tuned on
}

// Right reports whether got is the gold section or its alternative.
func (s Sample) Right(got extract.Section) bool {
	return got == s.Gold || (s.Alt != "" && got == s.Alt)
}

var encodingSuffix = regexp.MustCompile(`-(gbk|gb18030|utf16|big5|bom)$`)

func stem(path string) string {
	b := filepath.Base(path)
	return encodingSuffix.ReplaceAllString(strings.TrimSuffix(b, filepath.Ext(b)), "")
}

// Texts maps each document of the loaded sets ("set/stem") to its text,
// simplified, one line per line.
var Texts = map[string]string{}

// Load reads a set: one source file per stem (the plain UTF-8 .txt when a
// report comes in several encodings, so no report counts twice).
func Load(x *extract.Extractor, set Set) ([]Sample, error) {
	golds := map[string]goldDoc{}
	if st, err := os.Stat(set.Gold); err != nil {
		return nil, err
	} else if st.IsDir() {
		files, _ := filepath.Glob(filepath.Join(set.Gold, "*.json"))
		for _, f := range files {
			var g goldDoc
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			if json.Unmarshal(b, &g) != nil || g.Figures == nil {
				continue // indicators.json and other files
			}
			golds[stem(f)] = g
		}
	} else {
		var gs []goldDoc
		b, err := os.ReadFile(set.Gold)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &gs); err != nil {
			return nil, fmt.Errorf("%s: %v", set.Gold, err)
		}
		for _, g := range gs {
			golds[stem(g.Doc)] = g
		}
	}
	files, err := source.Collect([]string{set.Docs})
	if err != nil {
		return nil, err
	}
	chosen := map[string]string{}
	for _, f := range files {
		s := stem(f)
		if _, ok := golds[s]; !ok {
			continue
		}
		if old, ok := chosen[s]; !ok || rank(f) < rank(old) {
			chosen[s] = f
		}
	}
	stems := make([]string, 0, len(chosen))
	for s := range chosen {
		stems = append(stems, s)
	}
	sort.Strings(stems)
	var out []Sample
	for _, s := range stems {
		doc, err := source.Read(chosen[s])
		if err != nil {
			return nil, err
		}
		var text strings.Builder
		for _, l := range doc.Lines {
			text.WriteString(l.Simplified)
			text.WriteByte('\n')
		}
		Texts[set.Name+"/"+s] = text.String()
		d, ev, err := x.Evidence(doc)
		if err != nil {
			return nil, err
		}
		for _, p := range match(d.Figures, golds[s].Figures) {
			g := golds[s].Figures[p.gold]
			out = append(out, Sample{Set: set.Name, Doc: set.Name + "/" + s, Ev: ev[p.fig],
				Gold: extract.Section(g.Section), Alt: extract.Section(g.AltSection), Builtin: d.Figures[p.fig].Section})
		}
	}
	return out, nil
}

// rank prefers the plain text of a report over its other encodings and forms.
func rank(path string) int {
	r := 0
	if stem(path) != strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) {
		r += 2
	}
	if filepath.Ext(path) != ".txt" {
		r++
	}
	return r
}

type pair struct{ fig, gold int }

// match pairs extracted figures with core gold figures one-to-one by value,
// as the scorer does, but without looking at the section (a learned or tuned
// classifier's guess must not pick its own gold) and without requiring the
// unit (unit attribution is measured elsewhere; a wrong unit must not hide a
// figure's section): among equal values a gold of the same unit wins, then
// one whose quote contains the figure's text.
func match(figs []extract.Figure, gold []goldFigure) []pair {
	used := make([]bool, len(gold))
	var ps []pair
	for fi, f := range figs {
		best, bestScore := -1, -1
		for gi, g := range gold {
			if used[gi] || !closeTo(f.Value, g.Value) {
				continue
			}
			score := 0
			if !g.Optional {
				score += 4
			}
			if g.Unit == f.Unit {
				score += 2
			}
			if strings.Contains(g.Quote, f.Text) {
				score++
			}
			if score > bestScore {
				best, bestScore = gi, score
			}
		}
		if best < 0 {
			continue
		}
		used[best] = true
		if !gold[best].Optional {
			ps = append(ps, pair{fi, best})
		}
	}
	return ps
}

func closeTo(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

// Sets are the labelled sets, with paths relative to the repository root
// root. The growing corpus is read from corpus (docs/ and gold/). samples/
// is measured but never trained or tuned on: its gold is the extractor's
// own regression test.
func Sets(root, corpus string) []Set {
	j := func(p ...string) string { return filepath.Join(append([]string{root}, p...)...) }
	return []Set{
		{Name: "seeds", Docs: j("..", "shared", "seeds"), Gold: j("..", "shared", "gold"), Train: true, Optional: true},
		{Name: "dev", Docs: j("..", "shared", "dev", "docs"), Gold: j("..", "shared", "dev", "gold"), Train: true, Optional: true},
		{Name: "heldout", Docs: j("extract", "testdata", "heldout"), Gold: j("extract", "testdata", "heldout"), Train: true},
		{Name: "final", Docs: j("extract", "testdata", "final"), Gold: j("extract", "testdata", "final"), Train: true},
		{Name: "corpus", Docs: filepath.Join(corpus, "docs"), Gold: filepath.Join(corpus, "gold"), Train: true, Optional: true},
		{Name: "samples", Docs: j("samples", "2024Q4"), Gold: j("extract", "testdata", "samples.golden.json")},
	}
}

// LoadAll reads every set that is present; an optional set may be absent.
func LoadAll(x *extract.Extractor, sets []Set) ([]Sample, error) {
	var all []Sample
	for _, s := range sets {
		ss, err := Load(x, s)
		if err != nil {
			if s.Optional && os.IsNotExist(err) {
				continue
			}
			return nil, fmt.Errorf("%s: %w", s.Name, err)
		}
		for i := range ss {
			ss[i].Train = s.Train
		}
		all = append(all, ss...)
	}
	return all, nil
}
