package extract

import (
	"slices"
	"testing"
	"unicode/utf8"

	"djreport/source"
)

// FuzzDocument runs unit attribution and extraction over arbitrary text:
// every figure is under one of the document's units (or listed apart), its
// span points at its text in its line, and ids are unique.
func FuzzDocument(f *testing.F) {
	for _, s := range []string{
		"山东省抓党建促乡村振兴综述\n全省共有村党组织6.9万个。\n潍坊市：\n潍坊市新发展党员2000名。\n临沂市：\n临沂市选派第一书记1200名。",
		"潍坊市奎文区委组织部坚持党建引领，划分网格486个。",
		"本报潍坊讯 临朐县组织60名书记赴寿光市学习考察，借鉴寿光经验新建大棚3000个。",
		"“以前村里没人管。”利津县南岭村党支部书记说，周边6个村联建。黑龙江有1393个边境村。",
		"章丘市委组织部2014年新建活动场所56处。\n合计：12个。",
		"",
	} {
		f.Add(s)
	}
	x, err := New(Config{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		doc, err := source.Parse("fuzz.txt", []byte(text))
		if err != nil {
			return
		}
		lines := map[int]string{}
		for _, l := range doc.Lines {
			lines[l.No] = l.Text
		}
		d := x.Document(doc)
		ids := map[string]bool{}
		check := func(fig Figure, outside bool) {
			if outside != (fig.Unit == "") {
				t.Fatalf("figure %q unit %q outside=%v", fig.Text, fig.Unit, outside)
			}
			if !outside && !slices.Contains(d.Units, fig.Unit) {
				t.Fatalf("figure %q under %q, not one of %v", fig.Text, fig.Unit, d.Units)
			}
			rs := []rune(lines[fig.Line])
			if fig.Span[0] < 0 || fig.Span[1] > len(rs) || fig.Span[0] >= fig.Span[1] || string(rs[fig.Span[0]:fig.Span[1]]) != fig.Text {
				t.Fatalf("span %v of %q does not hold it in line %d", fig.Span, fig.Text, fig.Line)
			}
			if ids[fig.ID] {
				t.Fatalf("id %s twice", fig.ID)
			}
			ids[fig.ID] = true
		}
		for _, fig := range d.Figures {
			check(fig, false)
		}
		for _, fig := range d.Outside {
			check(fig, true)
		}
	})
}
