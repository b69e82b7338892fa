package main

import (
	"fmt"
	"io"
	"runtime"
	"sync"

	"djreport/extract"
	"djreport/mapping"
	"djreport/source"
)

// extracted is one source after reading and extraction.
type extracted struct {
	path string
	doc  extract.Document
	err  error
}

// extractSources reads and extracts the sources with a bounded worker pool;
// results keep the order of paths. done, when set, is called as each
// source finishes.
func extractSources(paths []string, x *extract.Extractor, workers int, done func(extracted)) []extracted {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	out := make([]extracted, len(paths))
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for w := 0; w < min(workers, max(1, len(paths))); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := extracted{path: paths[i]}
				doc, err := source.Read(paths[i])
				if err != nil {
					r.err = err
				} else {
					r.doc = x.Document(doc)
				}
				out[i] = r
				if done != nil {
					mu.Lock()
					done(r)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range paths {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out
}

// reportFailures prints one line per failed source and counts them.
func reportFailures(rs []extracted, stderr io.Writer) int {
	n := 0
	for _, r := range rs {
		if r.err != nil {
			fmt.Fprintf(stderr, "错误：%v\n", r.err)
			n++
		}
	}
	return n
}

// unitFigures groups the figures of all documents by unit, units in order
// of first appearance.
func unitFigures(rs []extracted) ([]string, map[string][]extract.Figure, map[string][]string) {
	var order []string
	figs := map[string][]extract.Figure{}
	srcs := map[string][]string{}
	for _, r := range rs {
		if r.err != nil {
			continue
		}
		for _, u := range r.doc.Units {
			if _, ok := figs[u]; !ok {
				order = append(order, u)
				figs[u] = nil
			}
			srcs[u] = append(srcs[u], r.path)
		}
		for _, f := range r.doc.Figures {
			figs[f.Unit] = append(figs[f.Unit], f)
		}
	}
	return order, figs, srcs
}

// bindAll binds each unit's figures to the standard indicators.
func bindAll(set *mapping.Set, order []string, figs map[string][]extract.Figure) ([]mapping.Binding, map[string][]mapping.Binding, map[string][]extract.Figure) {
	var all []mapping.Binding
	per := map[string][]mapping.Binding{}
	unbound := map[string][]extract.Figure{}
	for _, u := range order {
		b, rest := set.Bind(u, figs[u])
		per[u] = b
		unbound[u] = rest
		all = append(all, b...)
	}
	return all, per, unbound
}
