package mapping_test

import (
	"testing"

	"djreport/extract"
	"djreport/mapping"
	"djreport/source"
)

// TestBindingKeepsFigureIdentity: of two equal figures in one sentence the
// binding names the one it took, by id and span, not by searching for its
// text (小区12个，新建党组织12个 must bind the second 12).
func TestBindingKeepsFigureIdentity(t *testing.T) {
	x, err := extract.New(extract.Config{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := source.Parse("a.txt", []byte("临朐县党建工作\n临朐县聚焦城市基层治理，覆盖小区12个，新建党组织12个。\n"))
	if err != nil {
		t.Fatal(err)
	}
	d := x.Document(doc)
	if len(d.Figures) != 2 {
		t.Fatalf("figures %+v", d.Figures)
	}
	set, err := mapping.Load([]string{"standard.yaml"}, "")
	if err != nil {
		t.Fatal(err)
	}
	bound, _ := set.Bind("临朐县", d.Figures)
	var b *mapping.Binding
	for i := range bound {
		if bound[i].ID == "party_orgs_set_up" {
			b = &bound[i]
		}
	}
	if b == nil {
		t.Fatalf("party_orgs_set_up not bound: %+v", bound)
	}
	second := d.Figures[1]
	if len(b.Figures) != 1 || b.Figures[0] != second.ID || b.Span != second.Span {
		t.Errorf("bound figures %v span %v, want the second 12个 (%s, %v)", b.Figures, b.Span, second.ID, second.Span)
	}
}
