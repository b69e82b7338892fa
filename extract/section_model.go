package extract

import (
	_ "embed"
	"encoding/json"
	"math"
	"sort"
	"unicode/utf8"
)

// The learned part of the section classifier: a multinomial naive-Bayes
// model over the character bigrams of what a figure counts and of its
// clause. It hears words the hand vocabulary lacks (党建项目, 产业党支部) and
// adds its log posterior, scaled by SectionWeights.Learned, to the rings'
// votes. Trained by `go run ./scripts/sectioncv -train` from the labelled
// reports; the output is byte-for-byte the same for the same reports.

//go:embed section_model.json
var defaultModelJSON []byte

// SectionModel is a trained naive-Bayes model.
type SectionModel struct {
	// Prior and Features are log probabilities in Sections order; a feature
	// absent from Features is ignored.
	Prior    [4]float64            `json:"prior"`
	Features map[string][4]float64 `json:"features"`
	// Docs are the labelled reports it was trained on ("set/stem").
	Docs []string `json:"docs"`
}

var defaultModel = mustModel(defaultModelJSON)

// defaultIndex is defaultModel's Features keyed by (ring, rune, rune) in
// one integer: posterior looks up every rune pair of a figure's text, and
// making each pair's string to look it up was most of its cost. It is nil
// if some key is not one ring tag and two runes (then Features serves).
var defaultIndex = indexFeatures(defaultModel)

// defaultFilter has the bit featureBit(k) of every key k of defaultIndex:
// most rune pairs of a text are no feature (three in five), and a bit
// test in a table that stays in the cache rejects them before the map.
var defaultFilter = func() *[1 << 16 / 64]uint64 {
	var f [1 << 16 / 64]uint64
	for k := range defaultIndex {
		b := featureBit(k)
		f[b>>6] |= 1 << (b & 63)
	}
	return &f
}()

// featureBit hashes a feature key to a bit of defaultFilter.
func featureBit(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> 48 }

// defaultTable is defaultIndex again, open-addressed: a pair that passes
// the filter costs a multiply and a probe or two in one array, where the
// map's lookup was half of posterior's instructions.
var defaultTable = newFeatureTable(defaultIndex)

// newFeatureTable is ix as a probeTable at most a quarter full, nil for a
// nil ix. No key is 0 (its top byte is the ring's letter); its multiplier
// is not featureBit's, so the pairs the filter lets through spread over
// the table.
func newFeatureTable(ix map[uint64][4]float64) *probeTable[uint64, [4]float64] {
	if ix == nil {
		return nil
	}
	return newProbeTable(ix, 0, 0xC2B2AE3D27D4EB4F, 4)
}

func indexFeatures(m *SectionModel) map[uint64][4]float64 {
	ix := make(map[uint64][4]float64, len(m.Features))
	for f, p := range m.Features {
		r1, n1 := utf8.DecodeRuneInString(f[min(1, len(f)):])
		r2, n2 := utf8.DecodeRuneInString(f[min(1+n1, len(f)):])
		if len(f) == 0 || 1+n1+n2 != len(f) || string(utf8.AppendRune(utf8.AppendRune([]byte{f[0]}, r1), r2)) != f {
			return nil
		}
		ix[featureKey(f[0], r1, r2)] = p
	}
	return ix
}

// featureKey packs a feature: utf8.AppendRune writes an invalid rune as
// U+FFFD, so it is keyed as one.
func featureKey(tag byte, r1, r2 rune) uint64 {
	if !utf8.ValidRune(r1) {
		r1 = utf8.RuneError
	}
	if !utf8.ValidRune(r2) {
		r2 = utf8.RuneError
	}
	return uint64(tag)<<42 | uint64(r1)<<21 | uint64(r2)
}

func mustModel(b []byte) *SectionModel {
	var m SectionModel
	if err := json.Unmarshal(b, &m); err != nil {
		panic("extract/section_model.json: " + err.Error()) // embedded at build time
	}
	return &m
}

// modelFeatures are the bigrams of the counted noun (c) and of the clause
// (l), as posterior reads them. add gets a buffer it must not keep (a map lookup with string(b) does
// not allocate).
func modelFeatures(counted, clause []rune, add func([]byte)) {
	buf := make([]byte, 0, 1+2*utf8.UTFMax)
	for _, ring := range []struct {
		tag  byte
		text []rune
	}{{'c', counted}, {'l', clause}} {
		for i := 0; i+1 < len(ring.text); i++ {
			buf = append(buf[:0], ring.tag)
			buf = utf8.AppendRune(buf, ring.text[i])
			buf = utf8.AppendRune(buf, ring.text[i+1])
			add(buf)
		}
	}
}

// minDocs: a feature is kept only when it occurs in this many training
// reports, so that no bigram of a single report is learned. By leave-one-
// document-out, 1 gives 928, 2 gives 932, 3 and 4 give 925 of 968 right.
const minDocs = 2

// TrainSectionModel learns a model from labelled figures: evidence, gold
// section and the report each comes from. Laplace smoothing (add one);
// probabilities are rounded to 1e-4 so the file stays small and stable.
func TrainSectionModel(evs []SectionEvidence, gold []Section, docs []string) *SectionModel {
	counts := map[string]*[4]float64{}
	seenIn := map[string]map[string]bool{}
	var prior [4]float64
	for i, ev := range evs {
		k := sectionIndex(gold[i])
		if k < 0 {
			continue
		}
		prior[k]++
		modelFeatures([]rune(ev.Counted), []rune(ev.Clause), func(b []byte) {
			f := string(b)
			if counts[f] == nil {
				counts[f] = &[4]float64{}
				seenIn[f] = map[string]bool{}
			}
			counts[f][k]++
			seenIn[f][docs[i]] = true
		})
	}
	var kept []string
	for f := range counts {
		if len(seenIn[f]) >= minDocs {
			kept = append(kept, f)
		}
	}
	sort.Strings(kept) // a fixed summation order: the same bytes every run
	var tot [4]float64
	for _, f := range kept {
		for k, c := range counts[f] {
			tot[k] += c
		}
	}
	m := &SectionModel{Features: map[string][4]float64{}}
	seenDoc := map[string]bool{}
	for _, d := range docs {
		if !seenDoc[d] {
			seenDoc[d] = true
			m.Docs = append(m.Docs, d)
		}
	}
	sort.Strings(m.Docs)
	n := float64(len(kept))
	for _, f := range kept {
		var lp [4]float64
		for k, c := range counts[f] {
			lp[k] = round4(math.Log((c + 1) / (tot[k] + n)))
		}
		m.Features[f] = lp
	}
	all := prior[0] + prior[1] + prior[2] + prior[3]
	for k := range prior {
		m.Prior[k] = round4(math.Log((prior[k] + 1) / (all + 4)))
	}
	return m
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// Encode is the model's file form (encoding/json sorts the features).
func (m *SectionModel) Encode() ([]byte, error) {
	b, err := json.Marshal(m)
	return append(b, '\n'), err
}

// posterior is log P(section | features) less its maximum: 0 for the
// likeliest section, negative for the others.
func (m *SectionModel) posterior(counted, clause []rune) [4]float64 {
	lp := m.Prior
	var buf [1 + 2*utf8.UTFMax]byte
	ix := defaultTable
	if m != defaultModel {
		ix = nil
	}
	for ri, text := range [2][]rune{counted, clause} {
		buf[0] = "cl"[ri]
		if ix != nil {
			// The pairs the filter lets through are listed first, each
			// key written and kept by a count that grows by 0 or 1: two
			// pairs in five pass, in no pattern, and a branch on each
			// was mispredicted. They are added in the text's order, so
			// the sums are the same bits.
			var keys [64]uint64
			for from := 0; from+1 < len(text); from += len(keys) {
				n := 0
				for i := from; i+1 < len(text) && i < from+len(keys); i++ {
					k := featureKey(buf[0], text[i], text[i+1])
					b := featureBit(k)
					keys[n] = k
					n += int(defaultFilter[b>>6] >> (b & 63) & 1)
				}
				for _, k := range keys[:n] {
					if p, ok := ix.get(k); ok {
						lp[0] += p[0]
						lp[1] += p[1]
						lp[2] += p[2]
						lp[3] += p[3]
					}
				}
			}
			continue
		}
		for i := 0; i+1 < len(text); i++ {
			b := utf8.AppendRune(buf[:1], text[i])
			b = utf8.AppendRune(b, text[i+1])
			if p, ok := m.Features[string(b)]; ok {
				for k := range lp {
					lp[k] += p[k]
				}
			}
		}
	}
	mx := math.Max(math.Max(lp[0], lp[1]), math.Max(lp[2], lp[3]))
	for k := range lp {
		lp[k] -= mx
	}
	return lp
}
