package extract_test

import (
	"bytes"
	"encoding/json"
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

// TestSectionModelReproducible: training is deterministic, and the committed
// model is what the trainer makes from the labelled reports it names. When
// more reports are labelled than the model knows, it says how to retrain.
func TestSectionModelReproducible(t *testing.T) {
	all := loadLabelled(t)
	var evs []extract.SectionEvidence
	var gold []extract.Section
	var docs []string
	have := map[string]bool{}
	for _, s := range all {
		if s.Train {
			evs, gold, docs = append(evs, s.Ev), append(gold, s.Gold), append(docs, s.Doc)
			have[s.Doc] = true
		}
	}
	a, err := extract.TrainSectionModel(evs, gold, docs).Encode()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := extract.TrainSectionModel(evs, gold, docs).Encode()
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings on the same reports differ")
	}
	committed, err := os.ReadFile("section_model.json")
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Docs []string }
	if err := json.Unmarshal(committed, &m); err != nil {
		t.Fatal(err)
	}
	if strings.Join(m.Docs, ",") != strings.Join(sortedKeys(have), ",") {
		t.Skipf("section_model.json was trained on %d reports, %d are labelled now: go run ./scripts/sectioncv -train extract/section_model.json", len(m.Docs), len(have))
	}
	if !bytes.Equal(a, committed) {
		t.Error("section_model.json is not what the trainer makes from its reports: go run ./scripts/sectioncv -train extract/section_model.json")
	}
}

// TestSectionRules: the hand rules on short evidence, without the learned
// model.
func TestSectionRules(t *testing.T) {
	c := extract.NewSectionClassifier(extract.DefaultLexicon(), extract.DefaultSectionWeights).WithModel(nil)
	for _, tc := range []struct {
		name string
		ev   extract.SectionEvidence
		want extract.Section
	}{
		{"the counted noun outvotes its sentence",
			extract.SectionEvidence{Counted: "党员", Figure: "466名", Measure: "名", Clause: "下辖65个党组织、466名党员",
				Sentence: "成立了综合党委,下辖65个党组织、466名党员,党组织覆盖率100%"}, extract.Team},
		{"the head of the counted phrase decides (小区党支部书记 counts 书记)",
			extract.SectionEvidence{Counted: "小区党支部书记", Figure: "1075名", Measure: "名", Clause: "择优选配1075名小区党支部书记"}, extract.Team},
		{"a word inside a longer one does not vote (发展 in 发展党员)",
			extract.SectionEvidence{Counted: "党员", Figure: "312名", Measure: "名", Clause: "全年发展党员312名"}, extract.Team},
		{"a longer entry overrules the shorter inside it (物业服务 over 服务)",
			extract.SectionEvidence{Counted: "物业服务企业", Figure: "12家", Measure: "家", Clause: "引进物业服务企业12家"}, extract.Governance},
		{"land is development without any other word",
			extract.SectionEvidence{Figure: "126亩", Measure: "亩", Clause: "面积126亩"}, extract.Development},
		{"cases handled are governance by their measure",
			extract.SectionEvidence{Figure: "536件", Measure: "件", Clause: "共收到536件"}, extract.Governance},
		{"elections put people into posts",
			extract.SectionEvidence{Counted: "支部委员", Figure: "979人", Measure: "人", Clause: "在换届中产生新一届支部委员979人"}, extract.Team},
		{"the paragraph decides where the sentence says nothing",
			extract.SectionEvidence{Figure: "8个", Measure: "个", Clause: "共有8个", Sentence: "共有8个。", Paragraph: "村集体经济持续壮大，共有8个。"}, extract.Development},
		{"a heading that names a section decides",
			extract.SectionEvidence{Counted: "党员", Figure: "30名", Measure: "名", Clause: "30名党员", Heading: "强治理 办好民生实事"}, extract.Governance},
		{"no evidence at all: 建机制",
			extract.SectionEvidence{Figure: "3个", Measure: "个", Clause: "3个"}, extract.Mechanism},
	} {
		if got := c.Classify(tc.ev); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestVocabularyReasons: every built-in word says why it is there, once.
func TestVocabularyReasons(t *testing.T) {
	seen := map[string]extract.Section{}
	for _, e := range extract.Vocabulary() {
		if strings.TrimSpace(e.Why) == "" {
			t.Errorf("%s %s has no reason", e.Section, e.Word)
		}
		if e.Measure {
			continue
		}
		if s, dup := seen[e.Word]; dup {
			t.Errorf("%s is listed under %s and %s", e.Word, s, e.Section)
		}
		seen[e.Word] = e.Section
	}
}

// FuzzSectionClassify: any text around a figure gives one of the four
// sections, without a panic.
func FuzzSectionClassify(f *testing.F) {
	f.Add("小区党支部书记", "1075名", "名", "择优选配1075名小区党支部书记", "强治理 办好实事")
	f.Add("", "", "", "", "")
	f.Add("党", "\xff", "亩", "发展党员发展", "抓队伍")
	c := extract.NewSectionClassifier(extract.DefaultLexicon(), extract.DefaultSectionWeights)
	f.Fuzz(func(t *testing.T, counted, figure, measure, clause, heading string) {
		ev := extract.SectionEvidence{Counted: counted, Figure: figure, Measure: measure, Clause: clause,
			Sentence: clause, Paragraph: heading + clause, Heading: heading}
		if got := c.Classify(ev); !got.Valid() {
			t.Errorf("%+v: section %q", ev, got)
		}
	})
}
