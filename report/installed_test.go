package report

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"
)

// TestFindInstalled: files are found by name in any case, in subfolders
// and across folders, the best name of a role winning wherever it is;
// folders that are missing are passed over.
func TestFindInstalled(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, p := range []string{
		filepath.Join(a, "SIMFANG.TTF"),
		filepath.Join(a, "deep", "er", "SimHei.ttf"),
		filepath.Join(b, "仿宋_GB2312.TTF"),
		filepath.Join(b, "simkai.ttf.bak"), // not a font file name
		filepath.Join(b, "FZKTK.TTF"),
	} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A linked folder is walked, and a link back up is not walked again.
	linked := t.TempDir()
	os.WriteFile(filepath.Join(linked, "FZXBSJW.TTF"), []byte("x"), 0o644)
	link := filepath.Join(t.TempDir(), "fonts")
	if err := os.Symlink(linked, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	os.Symlink(linked, filepath.Join(linked, "loop"))
	got := FindInstalled([]string{filepath.Join(a, "missing"), a, b, link})
	want := map[string][]string{
		RoleTitle:    {filepath.Join(link, "FZXBSJW.TTF")},
		RoleBody:     {filepath.Join(b, "仿宋_GB2312.TTF"), filepath.Join(a, "SIMFANG.TTF")},
		RoleHeading1: {filepath.Join(a, "deep", "er", "SimHei.ttf")},
		RoleHeading2: {filepath.Join(b, "FZKTK.TTF")},
	}
	if len(got) != len(want) {
		t.Errorf("found %v, want %v", got, want)
	}
	for role, p := range want {
		if !slices.Equal(got[role], p) {
			t.Errorf("%s: %q, want %q", role, got[role], p)
		}
	}
}

// TestSystemFontDirs: the folders fontconfig, Windows and macOS install
// fonts in.
func TestSystemFontDirs(t *testing.T) {
	var want string
	switch runtime.GOOS {
	case "windows":
		want = filepath.Join(os.Getenv("WINDIR"), "Fonts")
	case "darwin":
		want = "/Library/Fonts"
	default:
		t.Setenv("XDG_DATA_DIRS", "")
		want = "/usr/share/fonts"
	}
	if dirs := SystemFontDirs(); !slices.Contains(dirs, want) {
		t.Errorf("system font folders %q lack %q", dirs, want)
	}
	if runtime.GOOS == "linux" {
		t.Setenv("XDG_DATA_DIRS", "/opt/a:/opt/b")
		if dirs := SystemFontDirs(); !slices.Contains(dirs, "/opt/b/fonts") || slices.Contains(dirs, "/usr/share/fonts") {
			t.Errorf("XDG_DATA_DIRS not followed: %q", dirs)
		}
	}
}

// TestEmbeddable: OS/2 fsType as the OpenType specification reads it.
func TestEmbeddable(t *testing.T) {
	for _, c := range []struct {
		fsType uint16
		want   bool
	}{
		{0x0000, true},  // installable
		{0x0002, false}, // restricted licence
		{0x0004, true},  // preview and print
		{0x0008, true},  // editable
		{0x0006, true},  // old fonts: the least restrictive bit counts
		{0x0200, false}, // bitmaps only
		{0x0100, false}, // no subsetting: a brief embeds only subsets
		{0x0108, false},
	} {
		os2 := make([]byte, 96)
		binary.BigEndian.PutUint16(os2[8:], c.fsType)
		f := &Font{tables: map[string][]byte{"OS/2": os2}}
		if got := f.Embeddable(); got != c.want {
			t.Errorf("fsType %#04x: embeddable %v, want %v", c.fsType, got, c.want)
		}
	}
	if !(&Font{tables: map[string][]byte{}}).Embeddable() {
		t.Error("a font without OS/2 is refused")
	}
	fs := briefFonts(t)
	for _, f := range []*Font{fs.Body, fs.Heading1, fs.Heading2} {
		if !f.Embeddable() {
			t.Errorf("built-in font %s may not be embedded", f.Path())
		}
	}
}

// TestTitleStroke: the title and the masthead are stroked in the built-in
// 宋 to give them 小标宋's weight, and not in a 小标宋, which has it.
func TestTitleStroke(t *testing.T) {
	song, err := LoadFont(filepath.Join("..", "templates", "fonts", "gbsn00lp.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	xbs, err := LoadFont(filepath.Join("..", "templates", "fonts", "gbsn00lp.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	xbs.names = append(xbs.names, "FZXiaoBiaoSong-B05S")
	base := briefFonts(t)
	u := briefTestUnit()
	opts := briefDefaults(BriefOptions{Simplify: func(s string) string { return s }}, u.Name, 2024, 4, time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC))
	for _, c := range []struct {
		title  *Font
		stroke bool
	}{{song, true}, {xbs, false}} {
		fs := &Fonts{Title: c.title, Body: base.Body, Heading1: base.Heading1, Heading2: base.Heading2, Table: base.Table}
		d := briefLayout(fs, u, briefCatalogue(t), briefTestPeers(), opts)
		stroked, drawn := 0, 0
		for _, op := range d.pages[0] {
			if op.kind == 't' && op.font == c.title && op.size >= briefTitleS {
				drawn++
				if op.bold > 0 {
					stroked++
				}
			}
		}
		if drawn == 0 {
			t.Fatal("no title or masthead drawn in the title font")
		}
		if (stroked == drawn) != c.stroke || (stroked == 0) == c.stroke {
			t.Errorf("xiaobiaosong %v: %d of %d title runs stroked", c.title.isXiaoBiaoSong(), stroked, drawn)
		}
	}
}
