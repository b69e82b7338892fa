package extract

import (
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestZZHang(t *testing.T) {
	var seeds []string
	for _, c := range scanCases {
		seeds = append(seeds, c.in)
	}
	files, _ := filepath.Glob(os.Getenv("HOME") + "/.cache/go-build/fuzz/djreport/extract/FuzzScanLine/*")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		lines := string(b)
		// crude: take line 2
		var l string
		for i, p := 0, 0; i < len(lines); i++ {
			if lines[i] == '\n' {
				if p == 1 {
					l = lines[len("go test fuzz v1\n"):i]
				}
				p++
			}
		}
		if len(l) > 8 {
			if s, err := strconv.Unquote(l[len("string("):len(l)-1]); err == nil {
				seeds = append(seeds, s)
			}
		}
	}
	t.Logf("%d seeds", len(seeds))
	for _, s := range seeds {
		done := make(chan bool)
		go func() { scanLine([]rune(s)); done <- true }()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatalf("hang on %q", s)
		}
	}
	rng := rand.New(rand.NewSource(1))
	alphabet := []rune("0123456789一二三四五六七八九十百千万亿两零〇余多超过近约第、—-至到名个元%年成个百分点人(次)“”《》,.，。每周数几")
	for it := 0; it < 200000; it++ {
		n := rng.Intn(12) + 1
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[rng.Intn(len(alphabet))]
		}
		done := make(chan bool)
		go func() { scanLine(rs); done <- true }()
		select {
		case <-done:
		case <-time.After(2 * time.Second):
			t.Fatalf("hang on %q", string(rs))
		}
	}
}
