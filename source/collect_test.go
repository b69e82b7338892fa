package source

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func writeFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		"b/2.txt", "b/1.HTML", "a.docx", "a.txt", "c/d/e.htm", "old.doc", "old.wps",
		"notes.md", "image.png", ".hidden.txt", ".git/x.txt", "b/~$lock.docx",
	}
	for _, f := range files {
		if err := writeFile(filepath.Join(dir, f), []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	single := filepath.Join(dir, "notes.md")
	got, err := Collect([]string{dir, single, filepath.Join(dir, "a.txt")})
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, p := range got {
		r, _ := filepath.Rel(dir, p)
		rel = append(rel, filepath.ToSlash(r))
	}
	want := []string{"a.docx", "a.txt", "b/1.HTML", "b/2.txt", "c/d/e.htm", "old.doc", "old.wps", "notes.md"}
	if !reflect.DeepEqual(rel, want) {
		t.Fatalf("got %q\nwant %q", rel, want)
	}

	_, err = Collect([]string{dir, filepath.Join(dir, "nope")})
	if err == nil || !strings.Contains(err.Error(), "nope: 文件或文件夹不存在") {
		t.Fatalf("missing arg: got %v", err)
	}
}
