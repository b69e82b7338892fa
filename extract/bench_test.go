package extract_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"djreport/source"
)

// benchText is about 1 MB made of the simplified sample reports.
func benchText(b *testing.B) []byte {
	var one bytes.Buffer
	for _, name := range []string{"cixi.txt", "ningbo.txt"} {
		data, err := os.ReadFile(filepath.Join("..", "samples", "2024Q4", name))
		if err != nil {
			b.Fatal(err)
		}
		one.Write(data)
		one.WriteByte('\n')
	}
	var text bytes.Buffer
	for text.Len() < 1<<20 {
		text.Write(one.Bytes())
	}
	return text.Bytes()
}

// BenchmarkExtract measures extraction alone (units, figures, sections,
// subjects) on simplified text already read.
func BenchmarkExtract(b *testing.B) {
	text := benchText(b)
	doc, err := source.Parse("bench.txt", text)
	if err != nil {
		b.Fatal(err)
	}
	x := newExtractor(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if d := x.Document(doc); len(d.Figures) == 0 {
			b.Fatal("no figures")
		}
	}
}

// BenchmarkReadExtract measures decoding, cleaning and extraction together.
func BenchmarkReadExtract(b *testing.B) {
	text := benchText(b)
	x := newExtractor(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		doc, err := source.Parse("bench.txt", text)
		if err != nil {
			b.Fatal(err)
		}
		if d := x.Document(doc); len(d.Figures) == 0 {
			b.Fatal("no figures")
		}
	}
}
