package extract_test

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"djreport/extract"
	"djreport/internal/labelled"
)

// loadLabelled reads every labelled set present; the shared ones (seeds,
// dev) are needed for the vocabulary checks, so without them they skip.
func loadLabelled(t *testing.T) []labelled.Sample {
	t.Helper()
	if _, err := os.Stat(filepath.Join("..", "..", "shared", "seeds")); err != nil {
		t.Skip("../shared not present")
	}
	all, err := labelled.LoadAll(newExtractor(t), labelled.Sets("..", filepath.Join("testdata", "corpus", "dev")))
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// independent reports whether a labelled document counts as evidence of its
// own: samples/ retells the seeds' stories and is only measured.
func independent(doc string) bool { return !strings.HasPrefix(doc, "samples/") }

// TestVocabularyProvenance: every built-in word and measure vote says why it
// is there and is backed by more than one labelled report. A word occurs in
// at least two independent reports; a word added from the corpus ("corpus:"
// reasons, found by looking at one report's errors) must, when removed,
// change figures of at least two reports — else it only fits the report it
// came from. Schema and genre words are justified outside the corpus and
// may be redundant with their neighbours.
func TestVocabularyProvenance(t *testing.T) {
	all := loadLabelled(t)
	lex := extract.DefaultLexicon()
	w := extract.DefaultSectionWeights
	base := extract.NewSectionClassifier(lex, w)
	before := make([]extract.Section, len(all))
	for i, s := range all {
		before[i] = base.Classify(s.Ev)
	}
	for _, e := range extract.Vocabulary() {
		origin, _, ok := strings.Cut(e.Why, ":")
		if !ok || !slices.Contains([]string{"schema", "genre", "corpus"}, origin) && !e.Measure {
			t.Errorf("%s %s: reason %q does not start with schema:, genre: or corpus:", e.Section, e.Word, e.Why)
		}
		if e.Measure {
			checkMeasureVote(t, all, e)
			continue
		}
		var occurs []string
		for doc, text := range labelled.Texts {
			if independent(doc) && strings.Contains(text, e.Word) {
				occurs = append(occurs, doc)
			}
		}
		if len(occurs) < 2 {
			t.Errorf("%s %s occurs in %d labelled reports %v: a word of one report is not the genre's", e.Section, e.Word, len(occurs), occurs)
			continue
		}
		if origin != "corpus" {
			continue
		}
		c := extract.NewSectionClassifier(without(lex, e.Section, e.Word), w)
		changed := map[string]bool{}
		for i, s := range all {
			if independent(s.Doc) && c.Classify(s.Ev) != before[i] {
				changed[s.Doc] = true
			}
		}
		if len(changed) < 2 {
			t.Errorf("%s %s (%s): removing it changes figures of %d reports %v; it fits one report", e.Section, e.Word, e.Why, len(changed), sortedKeys(changed))
		}
	}
}

// checkMeasureVote: a measure votes for the section most of its labelled
// figures belong to, in at least two reports.
func checkMeasureVote(t *testing.T, all []labelled.Sample, e extract.VocabularyEntry) {
	t.Helper()
	count := map[extract.Section]int{}
	docs := map[string]bool{}
	for _, s := range all {
		if independent(s.Doc) && s.Ev.Measure == e.Word {
			count[s.Gold]++
			docs[s.Doc] = true
		}
	}
	n := 0
	for _, v := range count {
		n += v
	}
	if len(docs) < 2 || 2*count[e.Section] <= n {
		t.Errorf("measure %s votes %s, but its labelled figures are %v in %d reports", e.Word, e.Section, count, len(docs))
	}
}

func without(lex extract.Lexicon, sec extract.Section, word string) extract.Lexicon {
	l := extract.Lexicon{}
	for k, v := range lex {
		l[k] = v
	}
	l[sec] = slices.DeleteFunc(slices.Clone(lex[sec]), func(w string) bool { return w == word })
	return l
}

func sortedKeys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
