package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScanUnreadableFolder: an unreadable subfolder is one error, like an
// unreadable file; the rest of the tree is still collected (issue 14.6).
func TestScanUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder")
	}
	dir := t.TempDir()
	writeFile(filepath.Join(dir, "a.txt"), []byte("x"))
	writeFile(filepath.Join(dir, "locked", "b.txt"), []byte("x"))
	writeFile(filepath.Join(dir, "z", "c.txt"), []byte("x"))
	locked := filepath.Join(dir, "locked")
	os.Chmod(locked, 0)
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	got, err := Scan([]string{dir})
	if err != nil {
		t.Fatalf("unreadable subfolder aborts: %v", err)
	}
	if len(got.Files) != 2 {
		t.Errorf("files %q, want a.txt and z/c.txt", got.Files)
	}
	if len(got.Errors) != 1 || !strings.Contains(got.Errors[0].Error(), "locked") || !strings.Contains(got.Errors[0].Error(), "没有读取权限") {
		t.Errorf("errors %v, want one naming locked", got.Errors)
	}
}

// TestScanSkippedAndLinks: files left out are listed with the reason, not
// dropped silently; links to files inside the tree are followed once, links
// out of the tree, to folders or nowhere are listed (issue 14.10).
func TestScanSkippedAndLinks(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	writeFile(filepath.Join(dir, "a.txt"), []byte("x"))
	writeFile(filepath.Join(dir, "page.mht"), []byte("x"))
	writeFile(filepath.Join(dir, "memo.rtf"), []byte("x"))
	writeFile(filepath.Join(dir, "photo.jpg"), []byte("x"))
	writeFile(filepath.Join(dir, ".cache", "r.txt"), []byte("x"))
	writeFile(filepath.Join(dir, "~$a.docx"), []byte("x"))
	writeFile(filepath.Join(outside, "far.txt"), []byte("x"))
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Symlink(filepath.Join(dir, ".cache", "r.txt"), filepath.Join(dir, "linked.txt")))
	must(os.Symlink("a.txt", filepath.Join(dir, "b-same.txt")))
	must(os.Symlink(filepath.Join(outside, "far.txt"), filepath.Join(dir, "far.txt")))
	must(os.Symlink("nowhere.txt", filepath.Join(dir, "broken.txt")))
	must(os.Symlink(dir, filepath.Join(dir, "loop")))
	got, err := Scan([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, p := range got.Files {
		r, _ := filepath.Rel(dir, p)
		rel = append(rel, r)
	}
	if strings.Join(rel, " ") != "a.txt linked.txt" {
		t.Errorf("files %q, want a.txt linked.txt", rel)
	}
	reasons := map[string]string{}
	for _, s := range got.Skipped {
		r, _ := filepath.Rel(dir, s.Path)
		reasons[r] = s.Reason
	}
	for name, want := range map[string]string{
		"page.mht": "不支持", "memo.rtf": "不支持", "photo.jpg": "不支持",
		"b-same.txt": "a.txt", "far.txt": "来源文件夹以外", "broken.txt": "链接", "loop": "文件夹",
	} {
		if !strings.Contains(reasons[name], want) {
			t.Errorf("%s: reason %q, want it to say %q", name, reasons[name], want)
		}
	}
	if len(got.Skipped) != 7 {
		t.Errorf("skipped %v, want 7 (hidden files and Office lock files are not listed)", got.Skipped)
	}
}
