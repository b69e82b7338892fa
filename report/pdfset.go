package report

import (
	"fmt"
	"io"
	"strings"
)

// PDFSet is PDFs laid out to be written together, with one subset per
// font for all of them (writePDFs): a unit's brief and 核对单 quote the
// same sentences, so their font files are nearly the same and are then
// compressed once. Add each PDF (AddBrief, AddChecklist), then Write.
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
func (set *PDFSet) Write() (err error) {
	paths, kinds, docs := set.paths, set.kinds, set.docs
	*set = PDFSet{}
	if len(docs) == 0 {
		return nil
	}
	cur := -1 // the PDF being written; -1 while the shared font files are made
	defer func() {
		if r := recover(); r != nil {
			if cur < 0 {
				// Before any file: none of them is written.
				var names []string
				for i := range paths {
					names = append(names, kinds[i]+" "+paths[i])
				}
				err = fmt.Errorf("%s：生成 PDF 失败（%v）", strings.Join(names, "、"), r)
				return
			}
			cur = min(cur, len(docs)-1)
			err = fmt.Errorf("%s %s：生成 PDF 失败（%v）", kinds[cur], paths[cur], r)
		}
	}()
	writePDFs(docs, func(i int, pdf []byte) {
		cur = i
		if werr := WriteAtomic(paths[i], func(w io.Writer) error {
			_, err := w.Write(pdf)
			return err
		}); werr != nil && err == nil {
			err = werr
		}
		cur = i + 1
	})
	return err
}
