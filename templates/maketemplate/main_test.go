package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestTemplatesAreRegenerated: the committed templates are exactly what the
// generator makes from mapping/standard.yaml, so a change to the catalogue
// or the layout cannot leave a stale template behind.
func TestTemplatesAreRegenerated(t *testing.T) {
	out := t.TempDir()
	if err := run(filepath.Join("..", "..", "mapping", "standard.yaml"), out); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"quarterly.xlsx", "summary.xlsx"} {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("templates/%s differs from the generator's output: run go run ./templates/maketemplate", name)
		}
	}
}
