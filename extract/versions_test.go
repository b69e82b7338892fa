package extract

import (
	"testing"
	"time"
)

func TestVersionStem(t *testing.T) {
	for _, c := range []struct{ path, stem string }{
		{"a/临朐县三季度总结（修改稿）.docx", "临朐县三季度总结"},
		{"临朐县三季度总结.txt", "临朐县三季度总结"},
		{"临朐县三季度总结-gbk.txt", "临朐县三季度总结"},
		{"临朐县三季度总结_v2.docx", "临朐县三季度总结"},
		{"临朐县三季度总结 终稿.txt", "临朐县三季度总结"},
		{"临朐县三季度总结(1).txt", "临朐县三季度总结"},
		{"临朐县三季度总结 - 副本.txt", "临朐县三季度总结"},
		{"奎文区总结.txt", "奎文区总结"},
	} {
		if got := versionStem(c.path); got != c.stem {
			t.Errorf("versionStem(%s) = %q, want %q", c.path, got, c.stem)
		}
	}
	if !(versionRank("总结（终稿）.txt") > versionRank("总结（修改稿）.txt") &&
		versionRank("总结（修改稿）.txt") > versionRank("总结_v3.txt") &&
		versionRank("总结_v3.txt") > versionRank("总结_v2.txt") &&
		versionRank("总结_v2.txt") > versionRank("总结.txt")) {
		t.Error("version ranks out of order")
	}
}

func figs(unit string, vals ...float64) *Document {
	d := &Document{Units: []string{unit}}
	for _, v := range vals {
		d.Figures = append(d.Figures, Figure{Unit: unit, Value: v, Measure: "个", Subject: "党组织", Text: "x"})
	}
	return d
}

func TestSupersede(t *testing.T) {
	old, newer := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 10, 8, 0, 0, 0, 0, time.UTC)
	vs := []Version{
		{Path: "临朐.txt", Text: "A", Doc: figs("临朐县", 1, 2, 3, 4, 5, 6)},
		{Path: "临朐.html", Text: "A", Doc: figs("临朐县", 1, 2, 3, 4, 5, 6)},
		// Another name, mostly the same figures, newer: a later copy.
		{Path: "报送材料.txt", Text: "B", ModTime: newer, Doc: figs("临朐县", 1, 2, 3, 4, 5, 7)},
		{Path: "奎文.txt", Text: "C", ModTime: old, Doc: figs("奎文区", 1, 2, 3, 4, 5, 6)},
	}
	vs[0].ModTime = old
	got := Supersede(vs)
	if len(got) != 2 {
		t.Fatalf("superseded = %+v", got)
	}
	if got[0].Path != "临朐.html" || got[0].Kind != "相同副本" {
		t.Errorf("copy: %+v", got[0])
	}
	if got[1].Path != "临朐.txt" || got[1].By != "报送材料.txt" || got[1].Kind != "旧版本" || len(got[1].Changed) == 0 {
		t.Errorf("version: %+v", got[1])
	}
}
