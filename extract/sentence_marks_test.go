package extract

import (
	"math/rand"
	"testing"
)

// TestLineMarksAround: the sentence and clause around a span found from a
// line's marks are the ones the rune-by-rune scan finds, on random lines
// of marks, spaces and text, some longer than maxSentence without a mark.
func TestLineMarksAround(t *testing.T) {
	alpha := []rune("党员发展12，。！？；;!?…,：: \u3000\u00a0a")
	rng := rand.New(rand.NewSource(7))
	var m lineMarks
	for n := 0; n < 20000; n++ {
		rs := make([]rune, rng.Intn(3*maxSentence))
		markless := rng.Intn(4) == 0 // long runs without a mark
		for i := range rs {
			if markless && i%(maxSentence+7) != 0 {
				rs[i] = '党'
				continue
			}
			rs[i] = alpha[rng.Intn(len(alpha))]
		}
		m.reset(rs)
		for k := 0; k < 5 && len(rs) > 0; k++ {
			start := rng.Intn(len(rs))
			end := min(start+rng.Intn(8), len(rs))
			for _, clause := range []bool{sentenceUnit, clauseUnit} {
				f0, t0 := around(rs, start, end, clause)
				f1, t1 := m.around(rs, start, end, clause)
				if f0 != f1 || t0 != t1 {
					t.Fatalf("%q [%d,%d) clause %v: scan [%d,%d), marks [%d,%d)", string(rs), start, end, clause, f0, t0, f1, t1)
				}
			}
		}
	}
}
