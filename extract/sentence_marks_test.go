package extract

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

// marksOf finds a line's marks rune by rune, by isSentenceEnd and
// isClauseEnd, as lineHits must from its table.
func marksOf(rs []rune) lineMarks {
	var m lineMarks
	for i, r := range rs {
		if isSentenceEnd(r) {
			m.sentence = append(m.sentence, int32(i))
		}
		if isClauseEnd(r) {
			m.clause = append(m.clause, int32(i))
		}
	}
	return m
}

// TestLineMarksAround: the sentence and clause around a span found from a
// line's marks are the ones the rune-by-rune scan finds, on random lines
// of marks, spaces and text, some longer than maxSentence without a mark.
func TestLineMarksAround(t *testing.T) {
	alpha := []rune("党员发展12，。！？；;!?…,：: \u3000\u00a0a、．.\U0002000B")
	rng := rand.New(rand.NewSource(7))
	var m lineMarks
	ix := DefaultLexicon().index()
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
		ix.lineHits(nil, &m, rs)
		if want := marksOf(rs); !slices.Equal(m.clause, want.clause) || !slices.Equal(m.sentence, want.sentence) {
			t.Fatalf("%q: marks %v %v, want %v %v", string(rs), m.clause, m.sentence, want.clause, want.sentence)
		}
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

// TestLexiconWordStartsBounded: a lexicon whose words begin with more
// distinct characters than the index can number is refused with a message,
// not indexed wrongly; one just under the bound works.
func TestLexiconWordStartsBounded(t *testing.T) {
	words := func(n int) []string {
		var ws []string
		for r := rune(0x4E00); len(ws) < n; r++ {
			ws = append(ws, string(r)+"建")
		}
		return ws
	}
	// Only these words: the other sections' built-in ones are replaced.
	only := func(ws []string) Lexicon { return Lexicon{Team: ws, Mechanism: {}, Development: {}, Governance: {}} }
	if _, err := New(Config{Lexicon: only(words(maxWordStarts + 1))}); err == nil || !strings.Contains(err.Error(), "首字") {
		t.Fatalf("%d word starts: error %v, want one about 首字", maxWordStarts+1, err)
	}
	// Characters above the BMP are not indexed and do not count.
	above := append(words(maxWordStarts), "\U00020000建", "\U00020001建")
	x, err := New(Config{Lexicon: only(above)})
	if err != nil {
		t.Fatal(err)
	}
	// The last bucket numbers a word that is still found, its bits not
	// taken for a mark's.
	last := []rune(words(maxWordStarts)[maxWordStarts-1])
	if hits := x.lexicon.lineHits(nil, new(lineMarks), last); len(hits) != 1 || hits[0].end != 2 {
		t.Fatalf("last bucket's word %q: hits %v", string(last), hits)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("NewSectionClassifier took a lexicon Validate refuses")
			}
		}()
		NewSectionClassifier(only(words(maxWordStarts+1)), DefaultSectionWeights)
	}()
	var m lineMarks
	line := []rune("一建，乙建。")
	if hits := x.lexicon.lineHits(nil, &m, line); len(hits) != 2 || len(m.clause) != 2 || len(m.sentence) != 1 {
		t.Fatalf("hits %v, marks %v", hits, m)
	}
}
