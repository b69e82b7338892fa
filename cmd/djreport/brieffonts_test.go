package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"djreport/templates"
)

// TestBriefFontsConfig: brief: fonts: names a font per role, relative to
// config.yaml's folder, a face of a collection with #; unnamed roles take
// font:, else the built-in font of the role; one file is parsed once.
func TestBriefFontsConfig(t *testing.T) {
	dir := t.TempDir()
	kai := templates.Kai
	if err := os.WriteFile(filepath.Join(dir, "kai.ttf"), kai, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("brief:\n  copies: 40\n  cc: 各县（市、区）委组织部\n  fonts:\n    body: kai.ttf\n    table: kai.ttf#0\n"), 0o644)
	c, err := loadConfig(newViper(), cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	if o := c.Brief.options(); o.Copies != 40 || o.CC != "各县（市、区）委组织部" {
		t.Errorf("版记 options = %+v", o)
	}
	fs, err := c.loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(fs.Body.Path(), filepath.Join(dir, "kai.ttf")) || !strings.HasSuffix(fs.Table.Path(), "kai.ttf#0") {
		t.Errorf("body %s, table %s: want %s", fs.Body.Path(), fs.Table.Path(), filepath.Join(dir, "kai.ttf"))
	}
	if fs.Title.Path() != "内置 templates/fonts/gbsn00lp.ttf" || fs.Heading1.Path() != "内置 templates/fonts/wqy-microhei.ttf" || fs.Heading2.Path() != "内置 templates/fonts/gkai00mp.ttf" {
		t.Errorf("defaults: %s, %s, %s", fs.Title.Path(), fs.Heading1.Path(), fs.Heading2.Path())
	}

	// font: alone sets every role, as before roles existed.
	os.WriteFile(cfg, []byte("font: kai.ttf\n"), 0o644)
	c, err = loadConfig(newViper(), cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	if fs, err = c.loadFonts(); err != nil {
		t.Fatal(err)
	}
	if fs.Title != fs.Body || fs.Body != fs.Heading1 || fs.Heading1 != fs.Heading2 || fs.Heading2 != fs.Table {
		t.Error("font: did not give one parsed font to every role")
	}

	// Problems name the role and the file.
	os.WriteFile(cfg, []byte("brief:\n  fonts:\n    heading2: missing.ttc#1\n    title: kai.ttf#3\n"), 0o644)
	c, err = loadConfig(newViper(), cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.loadFonts()
	if err == nil {
		t.Fatal("no error for a missing font")
	}
	for _, want := range []string{"brief.fonts.heading2", "missing.ttc", "brief.fonts.title", "不是字体集"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}

	// A misspelt role is reported with the key it probably means.
	_, err = loadConfig(newViper(), writeConfig(t, "brief:\n  fonts:\n    heading: x.ttf\n"), true)
	if err == nil || !strings.Contains(err.Error(), "brief.fonts.heading") || !strings.Contains(err.Error(), "heading1") {
		t.Errorf("misspelt role: %v", err)
	}
}
