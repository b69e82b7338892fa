package mapping

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"djreport/extract"
)

// TestReviewAddFromSource: an added figure's wording is its value with the
// measure (or the figure the tool found inside the quote), and its
// sentence the real sentence of the source line around the quote — never
// the quote itself.
func TestReviewAddFromSource(t *testing.T) {
	set := standardSet(t)
	path, figs := pingliang(t)
	abs, _ := filepath.Abs(path)
	in := ReviewInput{Order: []string{"平凉市"}, Figures: map[string][]extract.Figure{"平凉市": figs}}
	tests := []struct {
		name, indicator, quote, measure string
		value                           float64
		text, sentenceStart             string
	}{
		// Quoted in simplified characters from a traditional source; the
		// tool found 2797個 inside the quote: its wording is kept.
		{"figure in quote", "grids", "优化调整网格2797个", "个", 2797, "2797個", "推行“一網十員”"},
		// A quote without the number: the value with its measure.
		{"quote without number", "grids", "做實網格治理", "个", 2797, "2797个", "做實網格治理。"},
		// A value other than the figure in the quote: not that figure's text.
		{"other value", "grids", "優化調整網格2797個", "个", 2798, "2798个", "推行“一網十員”"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Review{Decisions: []Decision{{Unit: "平凉市", Indicator: tt.indicator, Action: ActionAdd, Value: NumberOf(tt.value), Measure: tt.measure, Source: abs, Line: 37, Quote: tt.quote, By: "李明", FileLine: 3}}}
			out := r.Apply("r.yaml", set, in)
			if len(out.Stale) > 0 {
				t.Fatalf("stale: %+v", out.Stale)
			}
			b := bindingOf(out.Bound["平凉市"], tt.indicator)
			if b == nil {
				t.Fatalf("no %s bound", tt.indicator)
			}
			if b.Text != tt.text {
				t.Errorf("text %q, want %q", b.Text, tt.text)
			}
			if !strings.HasPrefix(b.Sentence, tt.sentenceStart) || !strings.HasSuffix(b.Sentence, "。") || b.Sentence == tt.quote {
				t.Errorf("sentence %q, want the source's sentence starting %q", b.Sentence, tt.sentenceStart)
			}
			if tt.text != "2797個" {
				return
			}
			// The figure's place is the number's in its line, for the page.
			line := []rune("做實網格治理。推行“一網十員”“十戶聯體”網格化管理模式，優化調整網格2797個，")
			if got := string(line[b.Span[0]:b.Span[1]]); got != "2797個" {
				t.Errorf("span %v is %q", b.Span, got)
			}
		})
	}
}

// TestReviewAddChecked: an added figure whose quote, line or source is not
// there is stale, with the decision's line; a measure the indicator never
// takes is an error of the file.
func TestReviewAddChecked(t *testing.T) {
	set := standardSet(t)
	path, figs := pingliang(t)
	abs, _ := filepath.Abs(path)
	in := ReviewInput{Order: []string{"平凉市"}, Figures: map[string][]extract.Figure{"平凉市": figs}}
	add := func(line int, src, quote string, fileLine int) Decision {
		return Decision{Unit: "平凉市", Indicator: "grids", Action: ActionAdd, Value: NumberOf(2797), Measure: "个", Source: src, Line: line, Quote: quote, FileLine: fileLine}
	}
	r := &Review{Decisions: []Decision{
		add(36, abs, "优化调整网格2797个", 3),
		add(9999, abs, "优化调整网格2797个", 10),
		add(37, filepath.Join(t.TempDir(), "gone.txt"), "优化调整网格2797个", 17),
		{Unit: "平凉市", Indicator: "volunteers", Action: ActionCorrect, Value: NumberOf(28), Source: abs, Line: 24, Quote: "志愿者28名", FileLine: 24},
	}}
	out := r.Apply("r.yaml", set, in)
	if out.Applied != 0 {
		t.Errorf("applied %d, want 0", out.Applied)
	}
	want := []string{"不在 pingliang.txt 第 36 行中", "没有第 9999 行", "无法读取来源文件：/", "不在 pingliang.txt 第 24 行中"}
	var lines []int
	for i, s := range out.Stale {
		lines = append(lines, s.Line)
		if i < len(want) && !strings.Contains(s.Reason, want[i]) {
			t.Errorf("stale %d: %q, want %q", i, s.Reason, want[i])
		}
	}
	if !slices.Equal(lines, []int{3, 10, 17, 24}) {
		t.Errorf("stale at lines %v (%+v)", lines, out.Stale)
	}
	// A measure grids does not take.
	bad := &Review{Decisions: []Decision{{Unit: "平凉市", Indicator: "grids", Action: ActionAdd, Value: NumberOf(2797), Measure: "名", Source: abs, Line: 37, FileLine: 5},
		{Unit: "平凉市", Indicator: "volunteers", Action: ActionAdd, Value: NumberOf(28), Measure: "人", Source: abs, Line: 37, FileLine: 12}}}
	err := bad.Validate("r.yaml", set, "")
	if err == nil || !strings.Contains(err.Error(), "r.yaml:5: 指标 grids") || strings.Contains(err.Error(), "r.yaml:12") {
		t.Errorf("Validate = %v; want the measure of r.yaml:5 only (人 is one of volunteers' measures)", err)
	}
}

// TestReviewCorrectMagnitude: a correction to a negative count or to a
// fraction of a count is applied as the reviewer wrote it, and flagged.
func TestReviewCorrectMagnitude(t *testing.T) {
	set := standardSet(t)
	_, figs := pingliang(t)
	in := ReviewInput{Order: []string{"平凉市"}, Figures: map[string][]extract.Figure{"平凉市": figs}}
	for _, v := range []float64{-2797, 2797.5} {
		r := &Review{Decisions: []Decision{{Unit: "平凉市", Indicator: "grids", Action: ActionCorrect, Value: NumberOf(v)}}}
		out := r.Apply("r.yaml", set, in)
		cs := Checks(set, CheckInput{Unit: "平凉市", Bound: out.Bound["平凉市"]})
		if !slices.ContainsFunc(cs, func(c Check) bool { return c.Kind == "magnitude" && c.Indicator == "grids" }) {
			t.Errorf("correct to %v: no magnitude check in %+v", v, cs)
		}
		// And Validate refuses it with the file's line, before any run
		// prints it (second review: the brief printed 全年接收预备党员-1811名).
		r.Decisions[0].FileLine = 7
		if err := r.Validate("r.yaml", set, ""); err == nil || !strings.Contains(err.Error(), "r.yaml:7") {
			t.Errorf("Validate of a correction to %v = %v, want refused at r.yaml:7", v, err)
		}
	}
	ok := &Review{Decisions: []Decision{{Unit: "平凉市", Indicator: "mediation_rate", Action: ActionCorrect, Value: NumberOf(98.5), FileLine: 3}}}
	if err := ok.Validate("r.yaml", set, ""); err != nil {
		t.Errorf("a rate of 98.5 refused: %v", err)
	}
}

// TestReviewRejectKeepsMovedFigure: rejecting an indicator rejects the
// figure the tool had bound there, not the figure the reviewer moved in.
func TestReviewRejectKeepsMovedFigure(t *testing.T) {
	set := standardSet(t)
	_, figs := pingliang(t)
	bound, unbound := set.Bind("平凉市", figs)
	grids := bindingOf(bound, "grids")
	loose := unbound[0]
	in := ReviewInput{Order: []string{"平凉市"}, Figures: map[string][]extract.Figure{"平凉市": figs}}
	for _, order := range []string{"reject first", "move first"} {
		ds := []Decision{
			{Unit: "平凉市", Indicator: "grids", Action: ActionReject, By: "李明"},
			{Unit: "平凉市", Figure: loose.ID, Action: ActionMove, ToIndicator: "grids", By: "李明"},
		}
		if order == "move first" {
			ds[0], ds[1] = ds[1], ds[0]
		}
		out := (&Review{Decisions: ds}).Apply("r.yaml", set, in)
		g := bindingOf(out.Bound["平凉市"], "grids")
		if g == nil || !slices.Equal(g.Figures, []string{loose.ID}) || g.Value != loose.Value {
			t.Errorf("%s: grids = %+v, want the moved figure %s", order, g, loose.ID)
		}
		if !slices.ContainsFunc(out.Unbound["平凉市"], func(f extract.Figure) bool { return f.ID == grids.Figures[0] }) {
			t.Errorf("%s: the tool's figure is not listed unbound", order)
		}
		if !slices.Equal(out.Rejected["平凉市"], []string{"grids"}) || out.Applied != 2 {
			t.Errorf("%s: rejected %v, applied %d", order, out.Rejected, out.Applied)
		}
	}
	// Alone, the reject leaves the indicator empty, as before.
	out := (&Review{Decisions: []Decision{{Unit: "平凉市", Indicator: "grids", Action: ActionReject}}}).Apply("r.yaml", set, in)
	if g := bindingOf(out.Bound["平凉市"], "grids"); g != nil {
		t.Errorf("rejected grids = %+v", g)
	}
}

// TestParseReviewValueOnce: a value that is not a number is said once, not
// also as a missing value.
func TestParseReviewValueOnce(t *testing.T) {
	for _, action := range []string{"correct", "add"} {
		text := "period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicator: grids\n    action: " + action + "\n    value: 一千\n    measure: 个\n    source: a.txt\n"
		_, err := ParseReview("r.yaml", []byte(text))
		if err == nil || !strings.Contains(err.Error(), "r.yaml:6: value「一千」不是数字") || strings.Contains(err.Error(), "需要 value") {
			t.Errorf("%s: %v", action, err)
		}
	}
}
