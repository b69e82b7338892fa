package main

import (
	"math"

	"djreport/extract"
	"djreport/internal/labelled"
)

// nbFeatures are the character bigrams of what a figure counts and of its
// clause, marked by ring.
func nbFeatures(ev extract.SectionEvidence) []string {
	var fs []string
	add := func(tag, s string) {
		rs := []rune(s)
		for i := 0; i+1 < len(rs); i++ {
			fs = append(fs, tag+string(rs[i:i+2]))
		}
	}
	add("c", ev.Counted)
	add("l", ev.Clause)
	return fs
}

type nbModel struct {
	logPrior [4]float64
	logP     map[string][4]float64
	logUnk   [4]float64
}

// trainNB: multinomial naive Bayes, Laplace smoothing, features kept only
// when they occur in two or more training documents.
func trainNB(train []labelled.Sample) *nbModel {
	docs := map[string]map[string]bool{}
	counts := map[string]*[4]float64{}
	var tot [4]float64
	var prior [4]float64
	for _, s := range train {
		k := sectionIdx(s.Gold)
		prior[k]++
		for _, f := range nbFeatures(s.Ev) {
			if docs[f] == nil {
				docs[f] = map[string]bool{}
				counts[f] = &[4]float64{}
			}
			docs[f][s.Doc] = true
			counts[f][k]++
		}
	}
	m := &nbModel{logP: map[string][4]float64{}}
	var kept [4]float64
	n := 0
	for f, c := range counts {
		if len(docs[f]) < 2 {
			continue
		}
		n++
		for k := range c {
			kept[k] += c[k]
		}
	}
	for k := range tot {
		tot[k] = kept[k] + float64(n) + 1
	}
	for f, c := range counts {
		if len(docs[f]) < 2 {
			continue
		}
		var lp [4]float64
		for k := range lp {
			lp[k] = math.Log((c[k] + 1) / tot[k])
		}
		m.logP[f] = lp
	}
	for k := range prior {
		m.logPrior[k] = math.Log((prior[k] + 1) / (float64(len(train)) + 4))
	}
	return m
}

// posterior returns log P(section|features) minus its maximum.
func (m *nbModel) posterior(ev extract.SectionEvidence) [4]float64 {
	lp := m.logPrior
	for _, f := range nbFeatures(ev) {
		if p, ok := m.logP[f]; ok {
			for k := range lp {
				lp[k] += p[k]
			}
		}
	}
	mx := lp[0]
	for _, v := range lp {
		mx = math.Max(mx, v)
	}
	for k := range lp {
		lp[k] -= mx
	}
	return lp
}

func sectionIdx(s extract.Section) int {
	for i, v := range extract.Sections {
		if v == s {
			return i
		}
	}
	return 0
}

// nbExperiment: leave-one-document-out, the rings plus lambda times the
// naive-Bayes log posterior.
func nbExperiment(all []labelled.Sample) {
	cls := extract.NewSectionClassifier(extract.DefaultLexicon(), extract.DefaultSectionWeights)
	post := make([][4]float64, len(all))
	models := map[string]*nbModel{}
	for i, s := range all {
		m := models[s.Doc]
		if m == nil {
			var train []labelled.Sample
			for _, t := range all {
				if t.Train && t.Doc != s.Doc {
					train = append(train, t)
				}
			}
			m = trainNB(train)
			models[s.Doc] = m
		}
		post[i] = m.posterior(s.Ev)
	}
	for _, lambda := range []float64{0, 0.1, 0.25, 0.5, 1, 2, 1000} {
		idx := map[string]int{}
		_ = idx
		i := 0
		report("rings + naive Bayes, lambda "+ftoa(lambda), all, func(s labelled.Sample) extract.Section {
			// report calls predict in order of all
			r := cls.Rings(s.Ev)
			sc, ex := r.Scores(extract.DefaultSectionWeights)
			p := post[i]
			i++
			if ex >= 0 {
				return extract.Sections[ex]
			}
			best := 0
			for k := range sc {
				if sc[k]+lambda*p[k] > sc[best]+lambda*p[best] {
					best = k
				}
			}
			return extract.Sections[best]
		})
	}
}

func ftoa(f float64) string { return string([]byte(fmtFloat(f))) }
