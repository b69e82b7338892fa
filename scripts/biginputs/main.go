// Command biginputs writes the oversized inputs of the memory ceiling
// (README, 资源上限): a .txt, a one-line .html and a .docx whose
// document.xml inflates far beyond its zip size, all made of report-like
// paragraphs dense with figures. Sizes are in MB of the file (the .docx:
// of its inflated document.xml). The files are generated, never committed.
//
//	go run ./scripts/biginputs -out /tmp/big                 # 200 MB txt, 50 MB html, 190 MB docx
//	go run ./scripts/biginputs -out /tmp/big -txt 8 -html 8 -docx 8
//
// -pad adds that many bytes of formatting markup to every paragraph of the
// .html and .docx, to build files of a given size with little text (the
// worst inputs just under the limits of source/limits.go).
package main

import (
	"archive/zip"
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	out := flag.String("out", "", "folder to write into (created)")
	txtMB := flag.Float64("txt", 200, "size of big.txt in MB (0: none)")
	htmlMB := flag.Float64("html", 50, "size of oneline.html in MB (0: none)")
	docxMB := flag.Float64("docx", 190, "inflated size of bomb.docx's document.xml in MB (0: none)")
	pad := flag.Int("pad", 0, "bytes of formatting markup per paragraph in the .html and .docx")
	flag.IntVar(&prose, "prose", 0, "paragraphs of prose without figures after each one with figures")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "biginputs: 请用 -out 指定输出文件夹")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	if *txtMB > 0 {
		write(filepath.Join(*out, "big.txt"), func(w io.Writer) error {
			return paragraphs(w, bytesOf(*txtMB), "", "\n")
		})
	}
	if *htmlMB > 0 {
		write(filepath.Join(*out, "oneline.html"), func(w io.Writer) error {
			// No newline anywhere: the whole page is line 1.
			io.WriteString(w, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>工作报告</title></head><body><div class="article">`)
			open := "<p>" + markup(`<span style="font-family:仿宋;font-size:16pt">`, `</span>`, *pad)
			if err := paragraphs(w, bytesOf(*htmlMB), open, "</p>"); err != nil {
				return err
			}
			_, err := io.WriteString(w, "</div></body></html>")
			return err
		})
	}
	if *docxMB > 0 {
		write(filepath.Join(*out, "bomb.docx"), func(w io.Writer) error {
			return docx(w, bytesOf(*docxMB), *pad)
		})
	}
}

// prose paragraphs follow each paragraph with figures (-prose).
var prose int

func bytesOf(mb float64) int64 { return int64(mb * (1 << 20)) }

// markup repeats an empty formatted element to about n bytes.
func markup(open, close string, n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(open)
		b.WriteString(close)
	}
	return b.String()
}

// paragraphs writes report sentences, each between open and close, until
// about size bytes are written; the figures vary so nothing dedupes them.
func paragraphs(w io.Writer, size int64, open, close string) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	var n int64
	for i := 0; n < size; i++ {
		k, err := fmt.Fprintf(bw, "%s第%d项：全县共发展党员%d名，培训村党组织书记%d期、%d余人次，村集体经济收入超过%d万元的村达到%d个。%s",
			open, i+1, 100+i%900, 3+i%40, 1000+i%9000, 10+i%90, 20+i%300, close)
		if err != nil {
			return err
		}
		n += int64(k)
		for j := 0; j < prose && n < size; j++ {
			k, err := fmt.Fprintf(bw, "%s坚持以党建引领基层治理，持续深化拓展主题教育成果，推动各项工作落地见效，不断增强基层党组织的政治功能和组织功能。%s", open, close)
			if err != nil {
				return err
			}
			n += int64(k)
		}
	}
	return bw.Flush()
}

// docx writes the smallest valid .docx around a document.xml of size bytes.
func docx(w io.Writer, size int64, pad int) error {
	zw := zip.NewWriter(w)
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels"} {
		f, err := zw.Create(name)
		if err != nil {
			return err
		}
		io.WriteString(f, parts[name])
	}
	f, err := zw.Create("word/document.xml")
	if err != nil {
		return err
	}
	io.WriteString(f, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	open := "<w:p>" + markup(`<w:r><w:rPr><w:rFonts w:ascii="仿宋" w:eastAsia="仿宋"/><w:sz w:val="32"/></w:rPr>`, `</w:r>`, pad) + "<w:r><w:t>"
	if err := paragraphs(f, size, open, "</w:t></w:r></w:p>"); err != nil {
		return err
	}
	io.WriteString(f, `</w:body></w:document>`)
	return zw.Close()
}

func write(path string, fill func(io.Writer) error) {
	f, err := os.Create(path)
	if err != nil {
		fail(err)
	}
	if err := fill(f); err != nil {
		fail(err)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
	info, _ := os.Stat(path)
	fmt.Printf("%s\t%d 字节\n", path, info.Size())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "biginputs:", err)
	os.Exit(1)
}
