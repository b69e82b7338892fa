package mapping

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"djreport/extract"
	"djreport/source"
)

func TestParseReviewExample(t *testing.T) {
	data, err := os.ReadFile("testdata/review/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := ParseReview("example.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if r.Period != "2024Q4" || len(r.Decisions) != 4 {
		t.Fatalf("period %q, %d decisions", r.Period, len(r.Decisions))
	}
	d := r.Decisions[0]
	at := time.Date(2025, 1, 6, 10, 20, 0, 0, time.FixedZone("", 8*3600))
	if d.Unit != "平凉市" || d.Indicator != "members_recruited" || d.Action != ActionCorrect || *d.Value != 1811 ||
		d.Measure != "名" || d.By != "李明" || !d.At.Equal(at) || d.Note != "以组织部统计为准" || d.FileLine != 4 {
		t.Errorf("first decision = %+v", d)
	}
	if a := r.Decisions[3]; a.Action != ActionAdd || a.Line != 37 || a.Quote != "优化调整网格2797个" || a.Source != "samples/2024Q4/pingliang.txt" {
		t.Errorf("add = %+v", a)
	}
	if m := r.Decisions[2]; m.ToUnit != "庆阳市" || m.Figure != "ba9876543210" {
		t.Errorf("move = %+v", m)
	}
}

// TestReviewRoundTrip: what MarshalReview writes reads back equal, with
// every field of the contract, and a second write is byte-identical.
func TestReviewRoundTrip(t *testing.T) {
	cst := time.FixedZone("", 8*3600)
	r := &Review{Period: "2024Q4", Decisions: []Decision{
		{Unit: "平凉市", Indicator: "members_recruited", Action: ActionCorrect, Value: NumberOf(1811), Measure: "名", By: "李明", At: time.Date(2025, 1, 6, 10, 20, 0, 0, cst), Note: "以组织部统计为准：\n见附件"},
		{Unit: "平凉市", Figure: "0123456789ab", Action: ActionReject, By: "王芳", At: time.Date(2025, 1, 6, 11, 0, 0, 0, cst)},
		{Unit: "平凉市", Figure: "ba9876543210", Action: ActionMove, ToUnit: "庆阳市", ToIndicator: "grids", ToSection: "强治理"},
		{Unit: "平凉市", Indicator: "funding_invested", Action: ActionAdd, Value: NumberOf(120000000), Measure: "元", Source: "samples/2024Q4/平凉 市.txt", Line: 37, Quote: "投入资金1.2亿元：\"专项\""},
		{Unit: "平凉市", Indicator: "mediation_rate", Action: ActionCorrect, Value: NumberOf(0.5)},
		{Unit: "yes", Indicator: "null", Action: ActionAccept, Note: "123"},
	}}
	data, err := MarshalReview(r)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "e+") {
		t.Errorf("a value in exponent form:\n%s", data)
	}
	back, err := ParseReview("r.yaml", data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	for i := range back.Decisions {
		back.Decisions[i].FileLine = 0
	}
	for i := range r.Decisions {
		if !r.Decisions[i].At.Equal(back.Decisions[i].At) {
			t.Errorf("decision %d: at %v, read back %v", i, r.Decisions[i].At, back.Decisions[i].At)
		}
		back.Decisions[i].At = r.Decisions[i].At
	}
	if !reflect.DeepEqual(r, back) {
		t.Errorf("round trip:\n%+v\n%+v\n%s", r.Decisions, back.Decisions, data)
	}
	again, _ := MarshalReview(back)
	if string(again) != string(data) {
		t.Errorf("second write differs:\n%s\n%s", data, again)
	}
}

func TestParseReviewProblems(t *testing.T) {
	tests := []struct{ text, want string }{
		{"period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicator: grids\n    action: correct\n    value: 两千\n", "r.yaml:6: value「两千」不是数字"},
		{"period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicator: grids\n    action: corect\n    value: 1\n", "r.yaml:5: action「corect」未知，是不是「correct」？"},
		{"period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicatr: grids\n    action: accept\n", "r.yaml:4: 决定中的键「indicatr」未知，是不是「indicator」？"},
		{"period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicator: grids\n    action: correct\n", "r.yaml:3: correct 需要 value"},
		{"period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    action: add\n    value: 3\n    measure: 个\n", "r.yaml:3: add 需要 source"},
		{"period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    figure: abc\n    action: move\n    to_section: 强治里\n", "r.yaml:3: to_section 中板块「强治里」未知，是不是「强治理」？"},
		{"period: 2024Q4\ndecisions:\n  - unit: 平凉市\n\tindicator: grids\n", "r.yaml:4: YAML 格式错误"},
		{"period: 2024Q4\ndecisions:\n  - unit：平凉市\n", "r.yaml:3: "},
		{"period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicator: grids\n    action: accept\n    at: 昨天\n", "r.yaml:6: at「昨天」不是时间"},
		{"period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicator: grids\n    action: accept\n    line: -3\n", "r.yaml:6: line「-3」应为正整数"},
		{"- a\n", "r.yaml:1: 审核文件顶层应为键值映射"},
	}
	for _, tt := range tests {
		_, err := ParseReview("r.yaml", []byte(tt.text))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseReview(%q) = %v; want %q", tt.text, err, tt.want)
		}
	}
}

func TestReviewValidate(t *testing.T) {
	set := standardSet(t)
	r, err := ParseReview("r.yaml", []byte("period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicator: grid\n    action: accept\n  - unit: 平凉市\n    figure: x\n    action: move\n    to_indicator: volunter\n"))
	if err != nil {
		t.Fatal(err)
	}
	err = r.Validate("r.yaml", set, "2025Q1")
	for _, want := range []string{"r.yaml:1: 审核文件的期间是 2024Q4，而本次运行的期间是 2025Q1", "r.yaml:3: 指标「grid」未知，是不是「grids」？", "r.yaml:6: 指标「volunter」未知，是不是「volunteers」？"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate = %v; want %q", err, want)
		}
	}
}

func standardSet(t testing.TB) *Set {
	set, err := Load([]string{"standard.yaml"}, "")
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// pingliang extracts the sample report of 平凉市 as a run does.
func pingliang(t *testing.T) (string, []extract.Figure) {
	path := filepath.Join("..", "samples", "2024Q4", "pingliang.txt")
	doc, err := source.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Config{})
	if err != nil {
		t.Fatal(err)
	}
	d := x.Document(doc)
	if len(d.Units) == 0 || d.Units[0] != "平凉市" {
		t.Fatalf("units %v", d.Units)
	}
	return path, d.Figures
}

func bindingOf(bs []Binding, id string) *Binding {
	for i := range bs {
		if bs[i].ID == id {
			return &bs[i]
		}
	}
	return nil
}

func TestReviewApply(t *testing.T) {
	set := standardSet(t)
	path, figs := pingliang(t)
	in := ReviewInput{Order: []string{"平凉市", "庆阳市"}, Figures: map[string][]extract.Figure{"平凉市": figs, "庆阳市": nil},
		SourceExists: func(p string) bool { return p == path }}
	bound, _ := set.Bind("平凉市", figs)
	members, grids := bindingOf(bound, "members_recruited"), bindingOf(bound, "grids")
	if members == nil || grids == nil {
		t.Fatalf("the sample binds no members_recruited or grids: %+v", bound)
	}
	// A figure no indicator takes, for the move.
	_, unbound := set.Bind("平凉市", figs)
	if len(unbound) == 0 {
		t.Fatal("no unbound figure")
	}
	loose := unbound[0]
	at := time.Date(2025, 1, 6, 10, 20, 0, 0, time.FixedZone("", 8*3600))
	r := &Review{Period: "2024Q4", Decisions: []Decision{
		{Unit: "平凉市", Indicator: "members_recruited", Action: ActionCorrect, Value: NumberOf(1811), By: "李明", At: at, Note: "以组织部统计为准", FileLine: 3},
		{Unit: "平凉市", Figure: grids.Figures[0], Action: ActionReject, By: "李明", At: at, FileLine: 10},
		{Unit: "平凉市", Indicator: "volunteers", Action: ActionAdd, Value: NumberOf(797), Measure: "名", Source: path, Line: 45, Quote: "选派797名党建工作指导员", By: "王芳", At: at, FileLine: 13},
		{Unit: "平凉市", Figure: loose.ID, Action: ActionMove, ToUnit: "庆阳市", By: "王芳", At: at, FileLine: 20},
		{Unit: "平凉市", Figure: "deadbeef0000", Action: ActionAccept, FileLine: 23},
		{Unit: "平凉市", Indicator: "grids", Action: ActionAdd, Value: NumberOf(1), Measure: "个", Source: "gone.txt", Line: 1, FileLine: 26},
		{Unit: "兰州市", Indicator: "grids", Action: ActionAccept, FileLine: 30},
	}}
	out := r.Apply("review/2024Q4.yaml", set, in)

	m := bindingOf(out.Bound["平凉市"], "members_recruited")
	if m == nil || m.Value != 1811 || m.Manual == nil || m.Manual.Action != ActionCorrect || m.Manual.By != "李明" || m.Manual.Original == nil || *m.Manual.Original != members.Value {
		t.Errorf("corrected members_recruited = %+v (manual %+v)", m, m.Manual)
	}
	if g := bindingOf(out.Bound["平凉市"], "grids"); g != nil && g.Figures[0] == grids.Figures[0] {
		t.Errorf("the rejected figure is still bound: %+v", g)
	}
	for _, f := range out.Figures["平凉市"] {
		if f.ID == grids.Figures[0] {
			t.Errorf("the rejected figure is still listed: %+v", f)
		}
		if f.ID == loose.ID {
			t.Errorf("the moved figure is still 平凉市's")
		}
	}
	if len(out.Figures["庆阳市"]) != 1 || out.Figures["庆阳市"][0].ID != loose.ID || out.Figures["庆阳市"][0].Unit != "庆阳市" {
		t.Errorf("庆阳市's figures = %+v", out.Figures["庆阳市"])
	}
	v := bindingOf(out.Bound["平凉市"], "volunteers")
	if v == nil || v.Value != 797 || v.Manual == nil || v.Manual.Action != ActionAdd || v.Manual.By != "王芳" || v.Line != 45 || v.Source != path {
		t.Errorf("added volunteers = %+v", v)
	}
	if out.Applied != 4 {
		t.Errorf("applied %d, want 4", out.Applied)
	}
	var reasons []string
	for _, s := range out.Stale {
		reasons = append(reasons, fmt.Sprintf("%d %s", s.Line, s.Reason))
	}
	want := []string{"23 数据 deadbeef0000 已不在报告中（报告可能已修改），请重新核对", "26 来源文件 gone.txt 不存在（或不在本期报告中）", "30 单位「兰州市」本期没有报告"}
	if !reflect.DeepEqual(reasons, want) {
		t.Errorf("stale:\n%q\nwant\n%q", reasons, want)
	}
	// Deterministic: the same decisions give the same outcome.
	if again := r.Apply("review/2024Q4.yaml", set, in); !reflect.DeepEqual(again, out) {
		t.Error("a second Apply differs")
	}
	// The input is not changed.
	if b, _ := set.Bind("平凉市", in.Figures["平凉市"]); !reflect.DeepEqual(b, bound) {
		t.Error("Apply changed its input")
	}
}

func TestReviewApplyFigureDecisions(t *testing.T) {
	set := standardSet(t)
	_, figs := pingliang(t)
	bound, unbound := set.Bind("平凉市", figs)
	grids := bindingOf(bound, "grids")
	loose := unbound[0]
	in := ReviewInput{Order: []string{"平凉市"}, Figures: map[string][]extract.Figure{"平凉市": figs}}
	r := &Review{Decisions: []Decision{
		{Unit: "平凉市", Figure: grids.Figures[0], Action: ActionCorrect, Value: NumberOf(2798), By: "李明"},
		{Unit: "平凉市", Figure: loose.ID, Action: ActionMove, ToIndicator: "disputes_resolved", ToSection: "强治理", By: "李明"},
		{Unit: "平凉市", Indicator: "mediation_rate", Action: ActionReject, By: "李明"},
		{Unit: "平凉市", Indicator: "members_recruited", Action: ActionAccept, By: "李明"},
	}}
	out := r.Apply("r.yaml", set, in)
	g := bindingOf(out.Bound["平凉市"], "grids")
	if g == nil || g.Value != 2798 || g.Manual == nil || g.Manual.Action != ActionCorrect || *g.Manual.Original != grids.Value {
		t.Errorf("grids = %+v", g)
	}
	d := bindingOf(out.Bound["平凉市"], "disputes_resolved")
	if d == nil || d.Figures[0] != loose.ID || d.Value != loose.Value || d.Manual == nil || d.Manual.Action != ActionMove {
		t.Errorf("disputes_resolved = %+v", d)
	}
	if bindingOf(out.Bound["平凉市"], "mediation_rate") != nil {
		t.Error("the rejected indicator is still bound")
	}
	if m := bindingOf(out.Bound["平凉市"], "members_recruited"); m == nil || m.Manual == nil || m.Manual.Action != ActionAccept {
		t.Errorf("accepted = %+v", m)
	}
	// Catalogue order is kept.
	for i := 1; i < len(out.Bound["平凉市"]); i++ {
		a, b := out.Bound["平凉市"][i-1].ID, out.Bound["平凉市"][i].ID
		if set.index[a] > set.index[b] {
			t.Errorf("%s before %s", a, b)
		}
	}
}

// TestUpdateReviewConcurrent: saves from many goroutines at once (two
// browser tabs, many times over) all land, and the file always parses.
func TestUpdateReviewConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "review", "2024Q4.yaml")
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- UpdateReview(path, "2024Q4", func(r *Review) error {
				r.Upsert(Decision{Unit: "平凉市", Figure: fmt.Sprintf("fig%02d", i), Action: ActionAccept})
				return nil
			})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	r, err := LoadReview(path, "2024Q4")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Decisions) != 40 {
		t.Errorf("%d decisions landed, want 40", len(r.Decisions))
	}
}

// TestUpdateReviewKeepsBrokenFile: a file a person broke by hand is not
// overwritten by a save; the save says where it is broken.
func TestUpdateReviewKeepsBrokenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "2024Q4.yaml")
	broken := "period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    action: corect\n    indicator: grids\n"
	if err := os.WriteFile(path, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	err := UpdateReview(path, "2024Q4", func(r *Review) error {
		r.Upsert(Decision{Unit: "a", Indicator: "grids", Action: ActionAccept})
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), path+":4:") {
		t.Errorf("err = %v", err)
	}
	if data, _ := os.ReadFile(path); string(data) != broken {
		t.Error("the broken file was overwritten")
	}
}

func TestChecks(t *testing.T) {
	set := standardSet(t)
	bound := []Binding{
		{Unit: "甲市", ID: "members_recruited", Value: 1810, Measure: "名", Qualifier: "余", Text: "1810余名", Figures: []string{"a"}},
		{Unit: "甲市", ID: "mediation_rate", Value: 104, Measure: "%", Figures: []string{"b"}},
		{Unit: "甲市", ID: "volunteers", Value: 28000000000, Measure: "名", Figures: []string{"c"}},
		{Unit: "甲市", ID: "funding_invested", Value: 12, Measure: "元", Figures: []string{"d"}},
		{Unit: "甲市", ID: "grids", Value: 2797.5, Measure: "个", Figures: []string{"e"}},
		{Unit: "甲市", ID: "disputes_resolved", Value: 5012, Measure: "件", Figures: []string{"f"}},
	}
	cs := Checks(set, CheckInput{Unit: "甲市", Bound: bound, Sources: []string{"a.txt"},
		Doubts:     map[string]*extract.Doubt{"a.txt": {Unit: "甲市", RunnerUp: "乙县", Reason: "两地提及相当"}},
		Superseded: []extract.Superseded{{Path: "a-初稿.txt", By: "a.txt", Kind: "旧版本", Changed: []string{"党员 名：1810 → 1811"}}}})
	var kinds []string
	for _, c := range cs {
		kinds = append(kinds, c.Kind+" "+c.Indicator)
	}
	want := []string{"doubtful_unit ", "versions ", "approximate members_recruited", "over_100 mediation_rate", "magnitude volunteers", "magnitude funding_invested", "magnitude grids"}
	if !reflect.DeepEqual(kinds, want) {
		t.Errorf("checks %q, want %q", kinds, want)
	}
}

func TestReviewEvaluate(t *testing.T) {
	set := standardSet(t)
	_, figs := pingliang(t)
	bound, unbound := set.Bind("平凉市", figs)
	secretary := bindingOf(bound, "secretary_reserve")
	r := &Review{Decisions: []Decision{
		{Unit: "平凉市", Indicator: "members_recruited", Action: ActionAccept},
		{Unit: "平凉市", Indicator: "activists_reserve", Action: ActionCorrect, Value: NumberOf(7102)},
		{Unit: "平凉市", Indicator: "grids", Action: ActionReject},
		{Unit: "平凉市", Indicator: "volunteers", Action: ActionAdd, Value: NumberOf(2800), Source: "x.txt"},
		// Corrected once, right now: the tool got better.
		{Unit: "平凉市", Figure: secretary.Figures[0], Action: ActionCorrect, Value: NumberOf(secretary.Value)},
		{Unit: "平凉市", Figure: unbound[0].ID, Action: ActionMove, ToIndicator: "disputes_resolved"},
		{Unit: "平凉市", Figure: "deadbeef0000", Action: ActionAccept},
	}}
	ev := r.Evaluate(set, map[string][]Binding{"平凉市": bound})
	got := map[string]Score{}
	for _, s := range ev.Scores {
		got[s.Indicator] = s
	}
	want := map[string]Score{
		"members_recruited": {"members_recruited", 1, 0, 0},
		"activists_reserve": {"activists_reserve", 0, 1, 1},
		"grids":             {"grids", 0, 1, 0},
		"volunteers":        {"volunteers", 0, 0, 1},
		"secretary_reserve": {"secretary_reserve", 1, 0, 0},
		"disputes_resolved": {"disputes_resolved", 0, 0, 1},
	}
	if !reflect.DeepEqual(got, want) || ev.Unscored != 1 {
		t.Errorf("scores %+v (unscored %d)\nwant %+v", got, ev.Unscored, want)
	}
	if p := got["activists_reserve"].Precision(); p != 0 {
		t.Errorf("precision %v", p)
	}
	if r := got["members_recruited"].Recall(); r != 1 {
		t.Errorf("recall %v", r)
	}
}

// TestUpdateReviewKeepsComments: a save keeps what a person wrote by hand
// around the decisions it does not change.
func TestUpdateReviewKeepsComments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "2024Q4.yaml")
	hand := `# 平凉市的决定，李明 1 月 6 日核对
period: 2024Q4
decisions:
  # 统计局口径
  - unit: 平凉市
    indicator: members_recruited
    action: correct
    value: 1811 # 以组织部统计为准
    by: 李明
  - unit: 平凉市
    indicator: grids
    action: accept # 已电话核实
    by: 李明
`
	if err := os.WriteFile(path, []byte(hand), 0o644); err != nil {
		t.Fatal(err)
	}
	err := UpdateReview(path, "2024Q4", func(r *Review) error {
		r.Upsert(Decision{Unit: "平凉市", Indicator: "grids", Action: ActionCorrect, Value: NumberOf(2798), By: "王芳"})
		r.Upsert(Decision{Unit: "平凉市", Figure: "0123456789ab", Action: ActionReject, By: "王芳"})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	for _, want := range []string{"# 平凉市的决定，李明 1 月 6 日核对", "# 统计局口径", "value: 1811 # 以组织部统计为准", "value: 2798", "figure: 0123456789ab"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("saved file lacks %q:\n%s", want, data)
		}
	}
	r, err := ParseReview(path, data)
	if err != nil || len(r.Decisions) != 3 || r.Decisions[1].By != "王芳" || *r.Decisions[1].Value != 2798 {
		t.Errorf("saved file reads back as %+v, %v:\n%s", r, err, data)
	}
}
