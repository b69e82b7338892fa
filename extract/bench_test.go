package extract_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/longbridgeapp/opencc"

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

// seedTexts are the labelled seed reports (../shared/seeds), as read from
// disk, or in traditional characters when trad is set: opencc s2t converts
// them once here, so the benchmark measures reading them back (t2s) and
// extracting, the path of a traditional report.
func seedTexts(b *testing.B, trad bool) (names []string, texts [][]byte) {
	b.Helper()
	dir := filepath.Join("..", "..", "shared", "seeds")
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Skip("no seed corpus:", err)
	}
	var s2t *opencc.OpenCC
	if trad {
		if s2t, err = opencc.New("s2t"); err != nil {
			b.Fatal(err)
		}
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		if trad {
			t, err := s2t.Convert(string(data))
			if err != nil {
				b.Fatal(err)
			}
			data = []byte(t)
		}
		names = append(names, e.Name())
		texts = append(texts, data)
	}
	return names, texts
}

// BenchmarkSeeds measures reading and extracting each seed report, in
// simplified and in traditional characters; MB/s is per core (run with
// -cpu 1).
func BenchmarkSeeds(b *testing.B) {
	for _, tc := range []struct {
		name string
		trad bool
	}{{"simplified", false}, {"traditional", true}} {
		b.Run(tc.name, func(b *testing.B) {
			names, texts := seedTexts(b, tc.trad)
			x := newExtractor(b)
			n := 0
			for _, t := range texts {
				n += len(t)
			}
			// The converter's dictionaries load once per process, not per
			// report: load them before timing.
			if _, err := source.Parse(names[0], texts[0]); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for j, t := range texts {
					doc, err := source.Parse(names[j], t)
					if err != nil {
						b.Fatal(err)
					}
					// Seed 001 quotes a few traditional characters, so
					// only the traditional copies are all traditional.
					if tc.trad && !doc.Traditional {
						b.Fatalf("%s: traditional %v", names[j], doc.Traditional)
					}
					x.Document(doc)
				}
			}
		})
	}
}
