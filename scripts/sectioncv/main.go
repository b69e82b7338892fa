// Command sectioncv measures the section classifier by leave-one-document-
// out cross-validation over the labelled reports, and trains its learned
// part. Run it from the repository root (../shared beside the repository
// gives the seeds and dev reports; extract/testdata/corpus/dev the corpus).
//
//	go run ./scripts/sectioncv              accuracy per report, per set, overall
//	go run ./scripts/sectioncv -errors all  ... and every wrong figure
//	go run ./scripts/sectioncv -grid -v     ring weights: best on all, then nested CV
//	go run ./scripts/sectioncv -train extract/section_model.json
//	go run ./scripts/sectioncv -ablate      per word: reports whose figures change without it
//	go run ./scripts/sectioncv -words 大棚,物业公司   gold sections of the figures near each word
//	go run ./scripts/sectioncv -occurs 大棚  reports whose text has each word
//	go run ./scripts/sectioncv -measures    gold sections per measure word
//
// In the cross-validation each report is classified by a model trained
// without it; the hand vocabulary and the weights are shared (the weights'
// own choice is cross-validated by -grid). samples/ is measured with the
// model of all training sets and never trained on.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"

	"djreport/extract"
	"djreport/internal/labelled"
)

func main() {
	corpus := flag.String("corpus", "extract/testdata/corpus/dev", "the growing labelled corpus (docs/ and gold/)")
	ablate := flag.Bool("ablate", false, "for every lexicon word: the documents where removing it changes a section")
	occurs := flag.String("occurs", "", "comma-separated words: the documents whose text has each")
	measures := flag.Bool("measures", false, "the gold sections of the figures of each measure word")
	words := flag.String("words", "", "comma-separated words: the gold sections of the figures whose clause or sentence has each")
	train := flag.String("train", "", "train the learned model on every training set and write it to this file (extract/section_model.json)")
	grid := flag.Bool("grid", false, "search ring weights")
	verbose := flag.Bool("v", false, "also report the built-in extractor's own sections")
	errs := flag.String("errors", "", "print the wrong figures of this set (all: every set)")
	flag.Parse()
	x, err := extract.New(extract.Config{})
	if err != nil {
		log.Fatal(err)
	}
	all, err := labelled.LoadAll(x, labelled.Sets(".", *corpus))
	if err != nil {
		log.Fatal(err)
	}
	if *occurs != "" {
		for _, w := range strings.Split(*occurs, ",") {
			var ds []string
			for d, t := range labelled.Texts {
				if strings.Contains(t, w) {
					ds = append(ds, d)
				}
			}
			sort.Strings(ds)
			fmt.Printf("%s %d %v\n", w, len(ds), ds)
		}
		return
	}
	if *measures {
		count := map[string]map[extract.Section]int{}
		docs := map[string]map[string]bool{}
		for _, s := range all {
			if !s.Train {
				continue
			}
			if count[s.Ev.Measure] == nil {
				count[s.Ev.Measure], docs[s.Ev.Measure] = map[extract.Section]int{}, map[string]bool{}
			}
			count[s.Ev.Measure][s.Gold]++
			docs[s.Ev.Measure][s.Doc] = true
		}
		var ms []string
		for m := range count {
			ms = append(ms, m)
		}
		sort.Strings(ms)
		for _, m := range ms {
			fmt.Printf("%-6s reports %2d %s\n", m, len(docs[m]), dist(count[m]))
		}
		return
	}
	if *words != "" {
		for _, w := range strings.Split(*words, ",") {
			near, sent := map[extract.Section]int{}, map[extract.Section]int{}
			nd, sd := map[string]bool{}, map[string]bool{}
			for _, s := range all {
				if !s.Train {
					continue
				}
				if strings.Contains(s.Ev.Counted+"|"+s.Ev.Clause, w) {
					near[s.Gold]++
					nd[s.Doc] = true
				} else if strings.Contains(s.Ev.Sentence, w) {
					sent[s.Gold]++
					sd[s.Doc] = true
				}
			}
			fmt.Printf("%-6s clause %2d docs %v | sentence-only %2d docs %v\n", w, len(nd), dist(near), len(sd), dist(sent))
		}
		return
	}
	if *ablate {
		ablation(all)
		return
	}
	if *train != "" {
		b, err := trainModel(all).Encode()
		if err == nil {
			err = os.WriteFile(*train, b, 0o644)
		}
		if err != nil {
			log.Fatal(err)
		}
		return
	}
	rings := foldRings(all)
	if *grid {
		searchWeights(all, rings, *verbose)
		return
	}
	i := 0 // report calls predict once per sample, in order
	predict := func(labelled.Sample) extract.Section {
		got := rings[i].Pick(extract.DefaultSectionWeights)
		i++
		return got
	}
	if *verbose {
		report("built-in extractor (committed model: not held out)", all, func(s labelled.Sample) extract.Section { return s.Builtin })
	}
	report("leave-one-document-out (the learned model trained without the document)", all, predict)
	if *errs != "" {
		for i, s := range all {
			got := rings[i].Pick(extract.DefaultSectionWeights)
			if (*errs == "all" || s.Set == *errs) && !s.Right(got) {
				fmt.Printf("%s want %s got %s | %s | %s | %s | H %s\n", s.Doc, s.Gold, got, s.Ev.Figure, s.Ev.Counted, s.Ev.Sentence, s.Ev.Heading)
			}
		}
	}
}

// weightGrid is the grid the ring weights are chosen from (the sentence
// ring's weight is the unit).
func weightGrid() []extract.SectionWeights {
	var ws []extract.SectionWeights
	for _, c := range []float64{2, 3, 4, 6} {
		for _, cl := range []float64{1, 2, 3} {
			for _, p := range []float64{0, 0.25, 0.5, 1} {
				for _, h := range []float64{0.5, 1, 1.5, 2} {
					for _, m := range []float64{0, 0.5, 1, 2} {
						for _, hd := range []float64{0, 1, 2, 4} {
							for _, l := range []float64{0, 0.1, 0.25, 0.5, 1} {
								ws = append(ws, extract.SectionWeights{Counted: c, Head: hd, Clause: cl, Sentence: 1, Paragraph: p, Heading: h, Measure: m, Learned: l, ExplicitHeading: true})
							}
						}
					}
				}
			}
		}
	}
	return ws
}

// searchWeights prints the best weights of the grid over all training
// documents, then a nested cross-validation of the choice itself: for each
// document, the weights best on the other documents, scored on it.
func searchWeights(all []labelled.Sample, rings []extract.Rings, verbose bool) {
	grid := weightGrid()
	// right[g][i]: weights g classify sample i right.
	right := make([][]bool, len(grid))
	for g, w := range grid {
		right[g] = make([]bool, len(all))
		for i, s := range all {
			right[g][i] = s.Right(rings[i].Pick(w))
		}
	}
	best := func(skip string) int {
		b, bn := 0, -1
		for g := range grid {
			n := 0
			for i, s := range all {
				if s.Train && s.Doc != skip && right[g][i] {
					n++
				}
			}
			if n > bn {
				b, bn = g, n
			}
		}
		return b
	}
	g := best("")
	fmt.Printf("best on all training documents: %+v\n", grid[g])
	if verbose {
		type gs struct{ g, n int }
		var all2 []gs
		for g := range grid {
			n := 0
			for i, s := range all {
				if s.Train && right[g][i] {
					n++
				}
			}
			all2 = append(all2, gs{g, n})
		}
		sort.SliceStable(all2, func(i, j int) bool { return all2[i].n > all2[j].n })
		for _, x := range all2[:20] {
			fmt.Printf("  %d %+v\n", x.n, grid[x.g])
		}
	}
	chosen := map[string]int{}
	for _, s := range all {
		if _, ok := chosen[s.Doc]; !ok {
			chosen[s.Doc] = best(s.Doc)
		}
	}
	i := 0
	report("weights chosen without the document (nested cross-validation)", all, func(s labelled.Sample) extract.Section {
		got := rings[i].Pick(grid[chosen[s.Doc]])
		i++
		return got
	})
}

// report prints accuracy per document, per set and overall.
func report(name string, all []labelled.Sample, predict func(labelled.Sample) extract.Section) {
	type acc struct{ ok, n int }
	perDoc, perSet := map[string]*acc{}, map[string]*acc{}
	var docs, setNames []string
	var tot acc
	for _, s := range all {
		if perDoc[s.Doc] == nil {
			perDoc[s.Doc] = &acc{}
			docs = append(docs, s.Doc)
		}
		if perSet[s.Set] == nil {
			perSet[s.Set] = &acc{}
			setNames = append(setNames, s.Set)
		}
		ok := 0
		if s.Right(predict(s)) {
			ok = 1
		}
		perDoc[s.Doc].ok += ok
		perDoc[s.Doc].n++
		perSet[s.Set].ok += ok
		perSet[s.Set].n++
		if s.Train {
			tot.ok += ok
			tot.n++
		}
	}
	sort.Strings(docs)
	fmt.Printf("== %s\n", name)
	for _, d := range docs {
		a := perDoc[d]
		fmt.Printf("  %-40s %3d/%3d %.3f\n", d, a.ok, a.n, float64(a.ok)/float64(a.n))
	}
	for _, s := range setNames {
		a := perSet[s]
		fmt.Printf("set %-10s %4d/%4d %.3f\n", s, a.ok, a.n, float64(a.ok)/float64(a.n))
	}
	fmt.Printf("overall (training sets) %d/%d %.3f\n", tot.ok, tot.n, float64(tot.ok)/float64(tot.n))
}

// ablation removes each lexicon word in turn and prints the documents whose
// sections change and the change in right answers.
func ablation(all []labelled.Sample) {
	lex := extract.DefaultLexicon()
	base := extract.NewSectionClassifier(lex, extract.DefaultSectionWeights)
	before := make([]extract.Section, len(all))
	for i, s := range all {
		before[i] = base.Classify(s.Ev)
	}
	for _, sec := range extract.Sections {
		for wi, w := range lex[sec] {
			l := extract.Lexicon{}
			for k, v := range lex {
				l[k] = v
			}
			l[sec] = append(append([]string{}, lex[sec][:wi]...), lex[sec][wi+1:]...)
			c := extract.NewSectionClassifier(l, extract.DefaultSectionWeights)
			changed := map[string]bool{}
			occurs := map[string]bool{}
			delta := 0
			for i, s := range all {
				got := c.Classify(s.Ev)
				if got == before[i] {
					continue
				}
				changed[s.Doc] = true
				if s.Train {
					if s.Right(got) {
						delta++
					} else if s.Right(before[i]) {
						delta--
					}
				}
			}
			for d, t := range labelled.Texts {
				if !strings.HasPrefix(d, "samples/") && strings.Contains(t, w) {
					occurs[d] = true
				}
			}
			fmt.Printf("%s %-8s occurs %2d changes %2d removal %+d %v\n", sec, w, len(occurs), len(changed), delta, keys(changed))
		}
	}
}

func keys(m map[string]bool) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func dist(m map[extract.Section]int) string {
	var b strings.Builder
	for _, s := range extract.Sections {
		fmt.Fprintf(&b, "%s%-3d ", string([]rune(string(s))[1]), m[s])
	}
	return b.String()
}

// trainModel learns the model from every training set's figures.
func trainModel(all []labelled.Sample) *extract.SectionModel {
	var evs []extract.SectionEvidence
	var gold []extract.Section
	var docs []string
	for _, s := range all {
		if s.Train {
			evs, gold, docs = append(evs, s.Ev), append(gold, s.Gold), append(docs, s.Doc)
		}
	}
	return extract.TrainSectionModel(evs, gold, docs)
}

// foldRings scans every figure with a classifier whose learned model was
// trained without the figure's document (samples/, never trained on, use
// the model of all training sets).
func foldRings(all []labelled.Sample) []extract.Rings {
	base := extract.NewSectionClassifier(extract.DefaultLexicon(), extract.DefaultSectionWeights)
	byDoc := map[string]*extract.SectionClassifier{}
	full := base.WithModel(trainModel(all))
	rings := make([]extract.Rings, len(all))
	for i, s := range all {
		c := full
		if s.Train {
			if byDoc[s.Doc] == nil {
				var rest []labelled.Sample
				for _, t := range all {
					if t.Doc != s.Doc {
						rest = append(rest, t)
					}
				}
				byDoc[s.Doc] = base.WithModel(trainModel(rest))
			}
			c = byDoc[s.Doc]
		}
		rings[i] = c.Rings(s.Ev)
	}
	return rings
}
