package source

import (
	"testing"
)

// fuzzParse checks the invariants of any successful parse; failures must be
// *Error values, never panics.
func fuzzParse(t *testing.T, path string, data []byte) {
	d, err := Parse(path, data)
	if err != nil {
		if _, ok := err.(*Error); !ok {
			t.Fatalf("error of type %T: %v", err, err)
		}
		return
	}
	if len(d.Lines) == 0 {
		t.Fatal("document without lines")
	}
	checkLines(t, d)
}

func FuzzParseTxt(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("平涼市基層黨組織1075個\r上一篇\r"))
	f.Add([]byte("\xEF\xBB\xBF编辑：王五\n"))
	f.Add([]byte("\xFF\xFE\x5a\x51\x0a\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "f.txt", data)
	})
}

func FuzzParseHTML(f *testing.F) {
	f.Add([]byte("<html><head><meta charset=gbk></head><body><p>党建</p></body></html>"))
	f.Add([]byte("<p>第一行<br>第二行</p><nav>首页</nav><div class=share>分享到</div>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "f.html", data)
	})
}

func FuzzParseDocx(f *testing.F) {
	f.Add(makeDocx(f, `<w:p><w:r><w:t>党建</w:t></w:r><w:r><w:t>引领</w:t><w:br/><w:tab/></w:r></w:p>`))
	f.Add(makeDocx(f, `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>平涼</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "f.docx", data)
	})
}

func FuzzParsePDF(f *testing.F) {
	// testdata/fuzz/FuzzParsePDF holds small hand-made files: a simple
	// font, a CID font with a ToUnicode CMap, a truncated file and a page
	// tree that loops; a printed report is added here.
	f.Add(pdfOf(f, []string{"全市党员120名。", "一、抓队伍", "网格36个"}))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzParse(t, "f.pdf", data)
	})
}
