package source

import (
	"bytes"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/longbridgeapp/opencc"
)

// simplifiedText builds about n bytes of report-like simplified text.
func simplifiedText(n int) []byte {
	para := []string{
		"抓队伍 强筋健骨出实招",
		"全市共组织95批次、3472名党员集中观展，覆盖基层党组织1075个，推选居民代表4万余名，实现“三长联动、包联到户”。",
		"选派1500余名机关干部进驻小区担任“第一书记”和工作队员，组建1600余支小区志愿服务队，建强小区治理骨干队伍。",
		"",
		"近年来，共召开“四方议事会”5000余场次，商议解决群众日常生活中关心关切问题1.2万余件。",
	}
	var b bytes.Buffer
	for b.Len() < n {
		for _, p := range para {
			b.WriteString(p)
			b.WriteString("\r\n")
		}
	}
	return b.Bytes()
}

func BenchmarkReadSimplified(b *testing.B) {
	data := simplifiedText(1 << 20)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("bench.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadTraditional(b *testing.B) {
	data := []byte(strings.Repeat("平涼市委組織部堅持黨建引領，全年完成投資21.76億元，選派797名黨建工作指導員。\n", 1<<20/120))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Parse("bench.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestLargeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("4 MB input")
	}
	// The largest text a source may have (limits.go).
	data := simplifiedText(maxText - 4<<10)
	start := time.Now()
	d, err := Parse("big.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); float64(len(data))/el.Seconds() < 15<<20 {
		t.Logf("slow: %.1f MB/s", float64(len(data))/el.Seconds()/(1<<20))
	}
	if len(d.Lines) == 0 || d.Traditional {
		t.Fatalf("%d lines, traditional %v", len(d.Lines), d.Traditional)
	}
	// One NUL deep inside a big UTF-8 file still makes it binary.
	data[len(data)/2] = 0
	_, err = Parse("big.txt", data)
	wantError(t, err, "big.txt", reasonBinary)
}

// BenchmarkSeedsParse is the reading half of extract's BenchmarkSeeds:
// Parse on each seed report, as it is and converted to traditional.
func BenchmarkSeedsParse(b *testing.B) {
	all := seeds(b)
	for _, trad := range []bool{false, true} {
		name := "simplified"
		if trad {
			name = "traditional"
		}
		b.Run(name, func(b *testing.B) {
			var texts [][]byte
			n := 0
			// In the order of their names, so that counts repeat.
			for _, name := range slices.Sorted(maps.Keys(all)) {
				data := all[name]
				if trad {
					s2t, err := opencc.New("s2t")
					if err != nil {
						b.Fatal(err)
					}
					t, err := s2t.Convert(string(data))
					if err != nil {
						b.Fatal(err)
					}
					data = []byte(t)
				}
				texts = append(texts, data)
				n += len(data)
			}
			if _, err := converter(); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				for _, t := range texts {
					if _, err := Parse("seed.txt", t); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
