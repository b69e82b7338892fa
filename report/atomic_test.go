package report

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteAtomicStaged: in a staged folder a file is written in place, a
// failed write leaves nothing, and SyncStaged syncs what is there (and
// names a file that is not); outside one, a failed write keeps the old
// file.
func TestWriteAtomicStaged(t *testing.T) {
	dir := t.TempDir()
	unmark := Stage(dir)
	ok := func(w io.Writer) error { _, err := io.WriteString(w, "新"); return err }
	bad := func(w io.Writer) error { io.WriteString(w, "半"); return errors.New("坏") }
	path := filepath.Join(dir, "a.pdf")
	if err := WriteAtomic(path, ok); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("staged file: %v %v", fi, err)
	}
	if err := WriteAtomic(filepath.Join(dir, "b.pdf"), bad); err == nil {
		t.Fatal("a failed write reported no error")
	}
	if names := dirNames(t, dir); strings.Join(names, ",") != "a.pdf" {
		t.Fatalf("staged folder holds %v, want only a.pdf (no partial file, no temporary)", names)
	}
	if err := SyncStaged(dir, []string{"a.pdf"}); err != nil {
		t.Fatal(err)
	}
	if err := syncEach(dir, []string{"a.pdf", "缺.pdf"}); err == nil || !strings.Contains(err.Error(), "缺.pdf") {
		t.Fatalf("syncing a missing file: %v", err)
	}

	// A name written twice in the set: the second write is whole and
	// wins; the first writer failing afterwards does not remove it.
	twice := filepath.Join(dir, "甲-核对单.pdf")
	if err := WriteAtomic(twice, ok); err != nil {
		t.Fatal(err)
	}
	second := func(w io.Writer) error { _, err := io.WriteString(w, "第二"); return err }
	if err := WriteAtomic(twice, second); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(twice); string(b) != "第二" {
		t.Fatalf("a name written twice holds %q", b)
	}
	f, err := os.Create(filepath.Join(dir, "other"))
	if err != nil {
		t.Fatal(err)
	}
	removeOwn(twice, f) // not the file there: kept
	f.Close()
	os.Remove(filepath.Join(dir, "other"))
	if _, err := os.Stat(twice); err != nil {
		t.Fatalf("removeOwn removed another writer's file: %v", err)
	}
	os.Remove(twice)
	unmark()

	// Unmarked, the folder is an output folder again: the old file stays.
	if err := WriteAtomic(path, bad); err == nil {
		t.Fatal("a failed write reported no error")
	}
	if b, _ := os.ReadFile(path); string(b) != "新" {
		t.Fatalf("a failed write outside a staging folder left %q", b)
	}
	if names := dirNames(t, dir); strings.Join(names, ",") != "a.pdf" {
		t.Fatalf("folder holds %v after a failed write", names)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}
