package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"djreport/extract"
	"djreport/mapping"
	"djreport/source"
)

// maxFigures bounds the figures of one source: a report has hundreds, and
// the figures of every source stay in memory until the run ends (about
// 0.5 KB each), so a source dense with them is refused (README, 资源上限).
const maxFigures = 20000

// extracted is one source after reading and extraction.
type extracted struct {
	path string
	doc  extract.Document
	err  error
	// text fingerprints the report's text, so copies saved in other
	// formats or encodings are recognised; modTime orders versions.
	text    string
	modTime time.Time
}

// forEach calls fn for 0..n-1 on a bounded pool of workers. It stops
// handing out work when ctx ends and reports whether every item was done.
func forEach(ctx context.Context, n, workers int, fn func(i int)) bool {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(workers, max(1, n)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				fn(i)
			}
		}()
	}
	all := true
feed:
	for i := 0; i < n; i++ {
		select {
		case jobs <- i:
		case <-ctx.Done():
			all = false
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	return all
}

// extractSources reads and extracts the sources on the worker pool; results
// keep the order of paths. done, when set, is called (one at a time) as each
// source finishes.
func extractSources(ctx context.Context, paths []string, x *extract.Extractor, workers int, done func(extracted)) ([]extracted, bool) {
	out := make([]extracted, len(paths))
	var mu sync.Mutex
	all := forEach(ctx, len(paths), workers, func(i int) {
		r := extracted{path: paths[i]}
		doc, err := source.ReadContext(ctx, paths[i])
		if err == nil {
			r.doc, err = x.DocumentContext(ctx, doc)
		}
		if err != nil {
			r.err = err
		} else {
			if n := len(r.doc.Figures) + len(r.doc.Outside); n > maxFigures {
				r.doc, r.err = extract.Document{}, &source.Error{Path: paths[i], Reason: fmt.Sprintf("数据过多（%d 项，上限 %d 项），不像一份工作报告：可能是导出的数据表或多份材料合在一起，请拆分或只保留报告正文后重试", n, maxFigures)}
			}
			h := sha256.New()
			for _, l := range doc.Lines {
				h.Write([]byte(l.Simplified))
				h.Write([]byte{'\n'})
			}
			r.text = hex.EncodeToString(h.Sum(nil))
			if fi, err := os.Stat(paths[i]); err == nil {
				r.modTime = fi.ModTime()
			}
		}
		out[i] = r
		if done != nil {
			mu.Lock()
			done(r)
			mu.Unlock()
		}
	})
	return out, all
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

// supersede finds copies and older versions among the sources read.
func supersede(rs []extracted) []extract.Superseded {
	var vs []extract.Version
	for i := range rs {
		if rs[i].err == nil {
			vs = append(vs, extract.Version{Path: rs[i].path, Text: rs[i].text, ModTime: rs[i].modTime, Doc: &rs[i].doc})
		}
	}
	return extract.Supersede(vs)
}

// unitFigures groups the figures of all documents by unit, units in order
// of first appearance. Sources in skip (superseded) are left out, and so is
// extract.Unknown: text whose unit was not found is listed for review, never
// printed as a unit's workbook or brief.
func unitFigures(rs []extracted, skip map[string]bool) ([]string, map[string][]extract.Figure, map[string][]string) {
	var order []string
	figs := map[string][]extract.Figure{}
	srcs := map[string][]string{}
	for _, r := range rs {
		if r.err != nil || skip[r.path] {
			continue
		}
		for _, u := range r.doc.Units {
			if u == extract.Unknown {
				continue
			}
			if _, ok := figs[u]; !ok {
				order = append(order, u)
				figs[u] = nil
			}
			srcs[u] = append(srcs[u], r.path)
		}
		for _, f := range r.doc.Figures {
			if f.Unit != extract.Unknown {
				figs[f.Unit] = append(figs[f.Unit], f)
			}
		}
	}
	return order, figs, srcs
}

// dropEmpty keeps the units that have figures: a unit whose reports yield
// none gets no workbook or brief, which would be an empty form, only a
// warning (empty lists them).
func dropEmpty(order []string, figs map[string][]extract.Figure) (kept, empty []string) {
	for _, u := range order {
		if len(figs[u]) == 0 {
			empty = append(empty, u)
		} else {
			kept = append(kept, u)
		}
	}
	return kept, empty
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
