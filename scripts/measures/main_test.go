package main

import (
	"os"
	"testing"
)

// TestGenerateMatchesCommitted regenerates the measures file from the
// installed jieba dictionary and compares it with the committed one, so the
// file and its recipe cannot drift apart.
func TestGenerateMatchesCommitted(t *testing.T) {
	const dict = "/usr/lib/python3/dist-packages/jieba/dict.txt"
	f, err := os.Open(dict)
	if err != nil {
		t.Skipf("jieba dictionary not installed (apt-get install python3-jieba): %v", err)
	}
	defer f.Close()
	got, n, err := generate(f, dict)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../extract/data/measures.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("extract/data/measures.txt differs from what scripts/measures generates (%d words): rerun it", n)
	}
}
