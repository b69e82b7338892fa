package main

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"testing"
)

// TestTemplatesAreRegenerated: the committed templates hold exactly what the
// generator makes from mapping/standard.yaml, so a change to the catalogue
// or the layout cannot leave a stale template behind. Parts are compared
// unzipped: the compressed bytes differ between Go releases (compress/flate).
func TestTemplatesAreRegenerated(t *testing.T) {
	out := t.TempDir()
	if err := run(filepath.Join("..", "..", "mapping", "standard.yaml"), out); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"quarterly.xlsx", "summary.xlsx"} {
		got := parts(t, filepath.Join(out, name))
		want := parts(t, filepath.Join("..", name))
		if len(got) != len(want) {
			t.Errorf("templates/%s has %d parts, the generator makes %d: run go run ./templates/maketemplate", name, len(want), len(got))
		}
		for part, data := range got {
			if !bytes.Equal(data, want[part]) {
				t.Errorf("templates/%s: %s differs from the generator's output: run go run ./templates/maketemplate", name, part)
			}
		}
	}
}

// parts reads every entry of an .xlsx, uncompressed.
func parts(t *testing.T, path string) map[string][]byte {
	t.Helper()
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out := map[string][]byte{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = data
	}
	return out
}
