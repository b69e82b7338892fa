package report

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

// PDFSet is PDFs laid out to be written together (writePDFs): the later
// ones reuse the first one's subset of each font and add a subset of only
// the characters it lacks. A unit's brief and 核对单 quote the same
// sentences, so most of the 核对单's font files are the brief's, compressed
// once. Add each PDF (AddBrief, AddChecklist), then Write.
type PDFSet struct {
	paths []string
	kinds []string // 简报, 核对单: what messages call each PDF
	docs  []pdfDoc
}

func (set *PDFSet) add(path, kind string, doc pdfDoc) {
	set.paths = append(set.paths, path)
	set.kinds = append(set.kinds, kind)
	set.docs = append(set.docs, doc)
}

// Write writes every PDF added, each atomically, and empties the set. It
// goes on past a file it cannot write and returns the first error.
func (set *PDFSet) Write() error {
	return set.emit(func(path string, pdf []byte) error {
		return WriteAtomic(path, func(w io.Writer) error {
			_, err := w.Write(pdf)
			return err
		})
	})
}

// emit makes every PDF added and gives each to put with its path, in a
// buffer reused once put returns; it empties the set, goes on past a PDF
// put fails on and returns the first error.
func (set *PDFSet) emit(put func(path string, pdf []byte) error) (err error) {
	paths, kinds, docs := set.paths, set.kinds, set.docs
	*set = PDFSet{}
	if len(docs) == 0 {
		return nil
	}
	cur := 0 // the PDF being made
	defer func() {
		if r := recover(); r != nil {
			cur = min(cur, len(docs)-1)
			msg := fmt.Sprintf("%s %s：生成 PDF 失败（%v）", kinds[cur], paths[cur], r)
			// The PDFs after it were not made either.
			var rest []string
			for i := cur + 1; i < len(docs); i++ {
				rest = append(rest, kinds[i]+" "+paths[i])
			}
			if len(rest) > 0 {
				msg += "，因此也未生成" + strings.Join(rest, "、")
			}
			err = fmt.Errorf("%s", msg)
		}
	}()
	defer func() {
		for _, d := range docs {
			releasePages(d.pages)
		}
	}()
	writePDFs(docs, func(i int) { cur = i }, func(i int, pdf []byte) {
		if perr := put(paths[i], pdf); perr != nil && err == nil {
			err = perr
		}
	})
	return err
}

// pagePool keeps the operations of pages written: a brief's or a 核对单's
// page holds hundreds to a thousand and more, and growing them anew for
// every PDF was a fifth of a quarter's allocated bytes.
var pagePool sync.Pool // *[]pdfOp

// pooledPage is an empty page with room for about hint operations.
func pooledPage(hint int) []pdfOp {
	if p, ok := pagePool.Get().(*[]pdfOp); ok && cap(*p) >= hint {
		return (*p)[:0]
	}
	return make([]pdfOp, 0, max(hint, 64))
}

// releasePages gives written pages back, emptied: the fonts and strings
// their operations name are not kept alive by the pool.
func releasePages(pages [][]pdfOp) {
	for _, p := range pages {
		if cap(p) == 0 {
			continue
		}
		clear(p)
		p = p[:0]
		pagePool.Put(&p)
	}
}
