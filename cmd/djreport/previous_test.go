package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"djreport/mapping"
	"djreport/report"
)

func TestPreviousPeriod(t *testing.T) {
	for p, want := range map[string]string{"2024Q4": "2024Q3", "2024Q2": "2024Q1", "2025Q1": "2024Q4", "1000Q1": "0999Q4"} {
		if got := previousPeriod(p); got != want {
			t.Errorf("%s: %s, want %s", p, got, want)
		}
	}
}

// twoQuarters runs the sample's 2024Q3, then 2024Q4 into the same output
// root, as staff do quarter after quarter, and returns the root.
func twoQuarters(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, q := range []string{"2024Q3", "2024Q4"} {
		code, _, errs := runCLI(t, "run", "--quiet", "--period", q, "--sources", filepath.Join("samples", q), "--out", filepath.Join(root, q))
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", q, code, errs)
		}
	}
	return root
}

type previousReport struct {
	Previous  string            `json:"previous"`
	Checks    []mapping.Check   `json:"checks"`
	Warnings  []string          `json:"warnings"`
	Reminders []report.Reminder `json:"reminders"`
}

func readPreviousReport(t *testing.T, out string) previousReport {
	t.Helper()
	var rep previousReport
	data, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

// summaryCells maps 汇总's rows by the unit or total label in column A, and
// its columns by indicator id.
func summaryCells(t *testing.T, f *excelize.File) (rows map[string]int, cols map[string]string) {
	t.Helper()
	all, err := f.GetRows(report.TemplateSheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	rows, cols = map[string]int{}, map[string]string{}
	for i, r := range all {
		if len(r) > 0 && r[0] != "" {
			rows[r[0]] = i + 1
		}
	}
	for i, id := range all[report.TemplateSummaryIDRow-1] {
		name, _ := excelize.ColumnNumberToName(i + 1)
		cols[id] = name
	}
	return rows, cols
}

func cellNumber(t *testing.T, f *excelize.File, sheet, cell string) float64 {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s = %q, not a number", sheet, cell, v)
	}
	return x
}

// TestTwoQuartersSummary: 宁波市 and its county 慈溪市 in both quarters.
// Totals are per level (a city never added to its county), averages and
// rates are not summed, 环比 cells hold this quarter against the last, and
// the checks against last quarter are in run.json.
func TestTwoQuartersSummary(t *testing.T) {
	root := twoQuarters(t)
	out := filepath.Join(root, "2024Q4")
	rep := readPreviousReport(t, out)
	raw, _ := os.ReadFile(filepath.Join(out, "run.json"))
	if !strings.Contains(string(raw), `"reminders": []`) {
		t.Error("run.json reminders is not an empty list")
	}
	if rep.Previous != filepath.Join(root, "2024Q3", "run.json") {
		t.Errorf("previous = %q", rep.Previous)
	}
	kinds := map[string]string{}
	for _, c := range rep.Checks {
		if !strings.HasPrefix(c.Kind, "vs_previous") {
			continue // this period's own checks (review_checks.go)
		}
		kinds[c.Unit+" "+c.Indicator] = c.Kind
		if c.Message == "" || !strings.Contains(c.Message, c.Unit) {
			t.Errorf("check without a message naming its unit: %+v", c)
		}
	}
	for k, want := range map[string]string{
		"宁波市 funding_invested":     "vs_previous_jump", // 60万元 then 6万元
		"平凉市 investment_completed": "vs_previous_fell", // 23.1亿元 then 21.76亿元, a running total
		"慈溪市 members_recruited":    "vs_previous_gone",
	} {
		if kinds[k] != want {
			t.Errorf("check %s = %q, want %s (all: %v)", k, kinds[k], want, kinds)
		}
	}

	f, err := excelize.OpenFile(filepath.Join(out, "汇总.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sh := report.TemplateSheetSummary
	rows, cols := summaryCells(t, f)
	// The county stands right under its city.
	if rows["慈溪市"] != rows["宁波市"]+1 {
		t.Errorf("慈溪市 row %d, 宁波市 row %d: the county is not under its city", rows["慈溪市"], rows["宁波市"])
	}
	cityTotal, countyTotal := 0, 0
	for label, r := range rows {
		if strings.HasPrefix(label, "合计：市级") {
			cityTotal = r
		}
		if strings.HasPrefix(label, "合计：县级") {
			countyTotal = r
		}
	}
	if cityTotal == 0 || countyTotal == 0 {
		t.Fatalf("no per-level totals: %v", rows)
	}
	// 共富工坊: 聊城市 10 (city), 慈溪市 100 (county): never 110.
	// 选派下沉干部: cities 326+2246+1500, counties 17+182.
	for _, tc := range []struct {
		id          string
		row         int
		want        float64
		description string
	}{
		{"prosperity_workshops", cityTotal, 10, "city"},
		{"prosperity_workshops", countyTotal, 100, "county"},
		{"cadres_dispatched", cityTotal, 4072, "city"},
		{"cadres_dispatched", countyTotal, 199, "county"},
	} {
		cell := cols[tc.id] + strconv.Itoa(tc.row)
		if got := cellNumber(t, f, sh, cell); got != tc.want {
			t.Errorf("%s %s total %s = %v, want %v", tc.description, tc.id, cell, got, tc.want)
		}
		calc, err := f.CalcCellValue(sh, cell, excelize.Options{RawCellValue: true})
		if err != nil || calc != strconv.FormatFloat(tc.want, 'f', -1, 64) {
			t.Errorf("%s recalculates to %q (%v), want %v", cell, calc, err, tc.want)
		}
	}
	// Averages and rates: no total, ever.
	for _, id := range []string{"collective_income_avg", "mediation_rate"} {
		for _, r := range []int{cityTotal, countyTotal} {
			cell := cols[id] + strconv.Itoa(r)
			if v, _ := f.GetCellValue(sh, cell); v != "" {
				t.Errorf("%s total %s = %q, want empty", id, cell, v)
			}
			if formula, _ := f.GetCellFormula(sh, cell); formula != "" {
				t.Errorf("%s total %s has formula %q", id, cell, formula)
			}
		}
	}
	// Counts show whole numbers.
	if _, nf := numFmtOf(t, f, sh, cols["grids"]+strconv.Itoa(rows["宁波市"])); nf != report.TemplateCountFormat {
		t.Errorf("grids format %q", nf)
	}

	// 环比 in the summary and in the unit's workbook.
	for _, file := range []string{"汇总.xlsx", "宁波市.xlsx"} {
		g, err := excelize.OpenFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		all, err := g.GetRows(report.TemplateSheetPrevious)
		if err != nil {
			t.Fatalf("%s: no 环比 sheet: %v", file, err)
		}
		found := false
		for i, r := range all {
			if len(r) < 8 || r[0] != "宁波市" || r[2] != "治理网格" {
				continue
			}
			found = true
			n := strconv.Itoa(i + 1)
			for col, want := range map[string]float64{"E": 8000, "F": 7900, "G": 100, "H": 100.0 / 7900 * 100} {
				if got := cellNumber(t, g, report.TemplateSheetPrevious, col+n); math.Abs(got-want) > 1e-9 {
					t.Errorf("%s 环比 %s%s = %v, want %v", file, col, n, got, want)
				}
				calc, err := g.CalcCellValue(report.TemplateSheetPrevious, col+n, excelize.Options{RawCellValue: true})
				x, _ := strconv.ParseFloat(calc, 64)
				if err != nil || math.Abs(x-want) > 1e-6 {
					t.Errorf("%s 环比 %s%s recalculates to %q (%v), want %v", file, col, n, calc, err, want)
				}
			}
		}
		if !found {
			t.Errorf("%s: 宁波市 治理网格 not in 环比", file)
		}
		g.Close()
	}
	// A running total is labelled as such.
	g, _ := excelize.OpenFile(filepath.Join(out, "平凉市.xlsx"))
	defer g.Close()
	all, _ := g.GetRows(report.TemplateSheetPrevious)
	labelled := false
	for _, r := range all {
		if len(r) >= 9 && r[2] == "完成投资额" && strings.Contains(r[8], "累计数") {
			labelled = true
		}
	}
	if !labelled {
		t.Error("平凉市 完成投资额 not labelled as a running total")
	}
}

func numFmtOf(t *testing.T, f *excelize.File, sheet, cell string) (int, string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return st.NumFmt, *st.CustomNumFmt
	}
	return st.NumFmt, ""
}

// TestTwoQuartersLibreOffice: LibreOffice, recalculating on load, gets the
// same per-level totals and 环比 as the cached values.
func TestTwoQuartersLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice 未安装")
	}
	root := twoQuarters(t)
	dir := t.TempDir()
	in := filepath.Join(root, "2024Q4", "汇总.xlsx")
	csvOf := func(sheet int) [][]string {
		sub := filepath.Join(dir, strconv.Itoa(sheet))
		cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,"+strconv.Itoa(sheet), "--outdir", sub, in)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Skipf("soffice 转换失败：%v %s", err, b)
		}
		matches, _ := filepath.Glob(filepath.Join(sub, "*.csv"))
		if len(matches) == 0 {
			t.Skip("soffice 未生成 CSV")
		}
		b, err := os.ReadFile(matches[0])
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs
	}
	f, err := excelize.OpenFile(in)
	if err != nil {
		t.Fatal(err)
	}
	rows, cols := summaryCells(t, f)
	f.Close()
	sum := csvOf(1)
	at := func(recs [][]string, row int, col string) string {
		c, _ := excelize.ColumnNameToNumber(col)
		if row-1 >= len(recs) || c-1 >= len(recs[row-1]) {
			return ""
		}
		return strings.ReplaceAll(recs[row-1][c-1], ",", "")
	}
	for label, r := range rows {
		if strings.HasPrefix(label, "合计：县级") {
			if got := at(sum, r, cols["cadres_dispatched"]); got != "199" {
				t.Errorf("LibreOffice 县级 cadres total %q, want 199", got)
			}
		}
		if strings.HasPrefix(label, "合计：市级") {
			if got := at(sum, r, cols["prosperity_workshops"]); got != "10" {
				t.Errorf("LibreOffice 市级 workshops total %q, want 10", got)
			}
		}
	}
	prev := csvOf(2)
	found := false
	for i, r := range prev {
		if len(r) >= 8 && r[0] == "慈溪市" && strings.HasPrefix(r[2], "选派下沉干部") {
			found = true
			if g, h := at(prev, i+1, "G"), at(prev, i+1, "H"); g != "2" || !strings.HasPrefix(h, "13.3") {
				t.Errorf("LibreOffice 慈溪市 选派 增减 %q 环比 %q, want 2 and 13.3", g, h)
			}
		}
	}
	if !found {
		t.Errorf("LibreOffice 环比 sheet lacks 慈溪市 选派: %q", prev)
	}
}

// TestPreviousUnusable: a previous run.json missing, corrupt, of another
// period or another catalogue gives a message naming the file; the run
// goes on without 环比.
func TestPreviousUnusable(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, path string
		want       []string
	}{
		{"missing", filepath.Join(dir, "nope.json"), []string{"无法读取上期 run.json", "nope.json"}},
		{"corrupt", write("corrupt.json", "{\n  \"period\": \"2024Q3\",\n  \"units\": [\n    {\"name\": \n"), []string{"corrupt.json", "已损坏", "不完整"}},
		{"bad json", write("bad.json", "{\n  \"period\": \"2024Q3\",\n  \"units\": [}\n"), []string{"bad.json", "已损坏", "第 3 行"}},
		{"not run.json", write("other.json", `{"a": 1}`), []string{"other.json", "不是 djreport 生成的 run.json"}},
		{"another period", write("q2.json", `{"period": "2024Q2", "units": []}`), []string{"q2.json", "2024Q2", "不是上一季度 2024Q3"}},
		{"another catalogue", write("cat.json", `{"period": "2024Q3", "units": [{"name": "慈溪市", "indicators": [{"id": "x_members", "value": 1, "measure": "名"}], "empty_indicators": ["x_grids"]}]}`),
			[]string{"cat.json", "另一套指标目录"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "2024Q4")
			code, _, errs := runCLI(t, "run", "--quiet", "--previous", tt.path, "--out", out, "samples/2024Q4/cixi.txt")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			rep := readPreviousReport(t, out)
			msg := ""
			for _, w := range rep.Warnings {
				if strings.HasPrefix(w, "环比：") {
					msg = w
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message %q lacks %q", msg, w)
				}
			}
			vs := 0
			for _, c := range rep.Checks {
				if strings.HasPrefix(c.Kind, "vs_previous") {
					vs++
				}
			}
			if rep.Previous != "" || vs != 0 {
				t.Errorf("previous %q, checks %v: want no 环比", rep.Previous, rep.Checks)
			}
			f, err := excelize.OpenFile(filepath.Join(out, "慈溪市.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if i, _ := f.GetSheetIndex(report.TemplateSheetPrevious); i >= 0 {
				t.Error("a 环比 sheet without a previous run")
			}
		})
	}
}

// TestReminders: expected units with no source are 未报送, those lacking key
// indicators 缺项, in run.json and in 汇总's 报送情况 column.
func TestReminders(t *testing.T) {
	dir := t.TempDir()
	abs, _ := filepath.Abs("samples/2024Q4/cixi.txt")
	cfg := filepath.Join(dir, "config.yaml")
	text := "period: 2024Q4\nsources: [" + abs + "]\nexpected: [慈溪市, 湄潭县, 宁波]\n"
	if err := os.WriteFile(cfg, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, "run", "--config", cfg)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	out := filepath.Join(dir, "out", "2024Q4")
	rep := readPreviousReport(t, out)
	got := map[string]report.Reminder{}
	for _, r := range rep.Reminders {
		got[r.Unit] = r
	}
	if r := got["湄潭县"]; r.Status != report.NotReported || r.Level != "county" || r.Parent != "遵义市" {
		t.Errorf("湄潭县 %+v", r)
	}
	if r := got["慈溪市"]; r.Status != report.Incomplete || !strings.Contains(strings.Join(r.Missing, ","), "members_recruited") {
		t.Errorf("慈溪市 %+v", r)
	}
	if !strings.Contains(strings.Join(rep.Warnings, "\n"), "expected 中的「宁波」不是已知的单位全称，各期都会列为未报送；是不是「宁波市」？") {
		t.Errorf("no warning about 宁波: %q", rep.Warnings)
	}
	if !strings.Contains(errs, "催报：未报送 2 个单位：湄潭县、宁波") {
		t.Errorf("console lacks the 催报 list: %s", errs)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "汇总.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := summaryCells(t, f)
	all, _ := f.GetRows(report.TemplateSheetSummary)
	status := func(unit string) string {
		r := all[rows[unit]-1]
		return r[len(r)-1]
	}
	if s := status("湄潭县"); s != report.NotReported {
		t.Errorf("湄潭县 status %q", s)
	}
	if s := status("慈溪市"); !strings.HasPrefix(s, report.Incomplete+"：") || !strings.Contains(s, "发展党员") {
		t.Errorf("慈溪市 status %q", s)
	}
}

// FuzzReadPrevious: any file given as the previous run.json gives a value
// or a message, never a panic.
func FuzzReadPrevious(f *testing.F) {
	inPackageDir(f)
	f.Add([]byte(`{"period": "2024Q3", "units": [{"name": "慈溪市", "indicators": [{"id": "grids", "value": 1, "measure": "个", "sentence": "累计"}]}]}`))
	f.Add([]byte(`{"period": "2024Q3", "units": null}`))
	f.Add([]byte(`{"period": 3}`))
	f.Add([]byte("\xff\xfe{"))
	set, err := mapping.LoadFiles([]mapping.File{{Name: mapping.StandardName, Data: mapping.Standard}}, nil)
	if err != nil {
		f.Fatal(err)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "run.json")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		prev, notes := readPrevious(p, true, "2024Q4", set.Indicators)
		if prev == nil && len(notes) == 0 {
			t.Fatal("no previous run and no message")
		}
		for _, n := range notes {
			if !strings.Contains(n, p) {
				t.Errorf("message without the file: %s", n)
			}
		}
	})
}

func TestPreviousChecks(t *testing.T) {
	set, err := mapping.LoadFiles([]mapping.File{{Name: mapping.StandardName, Data: mapping.Standard}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := func(id string, v float64, measure, sentence string) mapping.Binding {
		return mapping.Binding{ID: id, Value: v, Measure: measure, Sentence: sentence, Figures: []string{"f-" + id}}
	}
	p := func(v float64, measure string) report.Prior {
		return report.Prior{Period: "2024Q3", Value: v, Measure: measure}
	}
	tests := []struct {
		name, period string
		cur          []mapping.Binding
		prev         map[string]report.Prior
		prevSentence string
		want         string // kind, "" for none
	}{
		{"万 slip up", "2024Q4", []mapping.Binding{b("funding_invested", 6e6, "元", "")}, map[string]report.Prior{"funding_invested": p(6e5, "元")}, "", "vs_previous_jump"},
		{"万 slip down", "2024Q4", []mapping.Binding{b("funding_invested", 6e4, "元", "")}, map[string]report.Prior{"funding_invested": p(6e5, "元")}, "", "vs_previous_jump"},
		{"nine times", "2024Q4", []mapping.Binding{b("grids", 900, "个", "")}, map[string]report.Prior{"grids": p(100, "个")}, "", ""},
		{"cumulative kind fell", "2024Q4", []mapping.Binding{b("investment_completed", 2e9, "元", "")}, map[string]report.Prior{"investment_completed": p(2.3e9, "元")}, "", "vs_previous_fell"},
		{"cumulative kind fell, new year", "2025Q1", []mapping.Binding{b("investment_completed", 2e8, "元", "")}, map[string]report.Prior{"investment_completed": p(2.3e8, "元")}, "", ""},
		{"running total by wording", "2024Q4", []mapping.Binding{b("members_recruited", 1600, "名", "今年以来发展党员1600名")}, map[string]report.Prior{"members_recruited": p(1650, "名")}, "今年以来发展党员1650名", "vs_previous_fell"},
		{"a count may fall", "2024Q4", []mapping.Binding{b("members_recruited", 300, "名", "三季度发展党员300名")}, map[string]report.Prior{"members_recruited": p(320, "名")}, "", ""},
		{"gone", "2024Q4", nil, map[string]report.Prior{"grids": p(100, "个")}, "", "vs_previous_gone"},
		{"other measure", "2024Q4", []mapping.Binding{b("grids", 1000, "个", "")}, map[string]report.Prior{"grids": p(10, "%")}, "", ""},
		{"new this quarter", "2024Q4", []mapping.Binding{b("grids", 1000, "个", "")}, map[string]report.Prior{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := report.Unit{Name: "慈溪市", Period: tt.period, Bindings: tt.cur, Previous: tt.prev}
			sentences := map[string]string{}
			for id := range tt.prev {
				sentences[id] = tt.prevSentence
			}
			cs := previousChecks(u, sentences, set.Indicators, nil)
			got := ""
			if len(cs) > 0 {
				got = cs[0].Kind
			}
			if got != tt.want || len(cs) > 1 {
				t.Fatalf("checks %+v, want %q", cs, tt.want)
			}
			if len(cs) == 1 && (cs[0].Unit != "慈溪市" || cs[0].Indicator == "" || !strings.Contains(cs[0].Message, "慈溪市")) {
				t.Errorf("check %+v", cs[0])
			}
			if len(cs) == 1 && len(tt.cur) > 0 && cs[0].Figure != tt.cur[0].Figures[0] {
				t.Errorf("check figure %q", cs[0].Figure)
			}
		})
	}
}

// TestRemindersUnits: an expected unit whose report gave no figure is 缺项
// of every key indicator; one whose report has them all is not listed.
func TestRemindersUnits(t *testing.T) {
	set, err := mapping.LoadFiles([]mapping.File{{Name: mapping.StandardName, Data: mapping.Standard}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var all []mapping.Binding
	keys := 0
	for _, ind := range set.Indicators {
		all = append(all, mapping.Binding{ID: ind.ID})
		if ind.Key {
			keys++
		}
	}
	units := []report.Unit{{Name: "宁波市", Level: "city", Bindings: all}}
	srcs := map[string][]string{"宁波市": {"a.txt"}, "慈溪市": {"b.txt"}}
	got := reminders([]string{"宁波市", "慈溪市", " 湄潭县 ", ""}, units, srcs, set.Indicators)
	if len(got) != 2 || got[0].Unit != "慈溪市" || got[0].Status != report.Incomplete || len(got[0].Missing) != keys ||
		got[1].Unit != "湄潭县" || got[1].Status != report.NotReported {
		t.Errorf("reminders %+v", got)
	}
}

// TestPreviousUnitGone: a unit of last quarter's run.json with no report
// now is said.
func TestPreviousUnitGone(t *testing.T) {
	dir := t.TempDir()
	prev := filepath.Join(dir, "prev.json")
	text := `{"period": "2024Q3", "units": [{"name": "宁波市", "indicators": [{"id": "grids", "value": 7900, "measure": "个", "text": "7900多个"}], "empty_indicators": []}]}`
	if err := os.WriteFile(prev, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "2024Q4")
	code, _, errs := runCLI(t, "run", "--quiet", "--previous", prev, "--out", out, "samples/2024Q4/cixi.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rep := readPreviousReport(t, out)
	if !strings.Contains(strings.Join(rep.Warnings, "\n"), "环比：宁波市 上期（2024Q3）有报告，本期没有") {
		t.Errorf("warnings %q", rep.Warnings)
	}
	if rep.Previous != prev {
		t.Errorf("previous %q", rep.Previous)
	}
}

func TestExpectedUnits(t *testing.T) {
	c := &config{Expected: []string{"宁波市 慈溪市", " 平凉市 ", "", "株洲市,娄底市"}}
	if got := strings.Join(expectedUnits(c), "|"); got != "宁波市|慈溪市|平凉市|株洲市|娄底市" {
		t.Errorf("%q", got)
	}
}

// TestPreviousChecksWording: a check names the value used (a correction,
// not the source's text), officially and in simplified characters, and an
// indicator the reviewer rejected is 不采用, not 漏报.
func TestPreviousChecksWording(t *testing.T) {
	set, err := mapping.LoadFiles([]mapping.File{{Name: mapping.StandardName, Data: mapping.Standard}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	prev := map[string]report.Prior{"grids": {Period: "2024Q3", Value: 2790, Measure: "个", Text: "2790個"}}
	corrected := mapping.Binding{ID: "grids", Value: 27970000, Measure: "个", Text: "2797個", Source: "a.txt", Line: 37, Figures: []string{"f"},
		Manual: &mapping.Manual{Action: mapping.ActionCorrect}}
	u := report.Unit{Name: "慈溪市", Period: "2024Q4", Bindings: []mapping.Binding{corrected}, Previous: prev}
	cs := previousChecks(u, nil, set.Indicators, nil)
	if len(cs) != 1 || !strings.Contains(cs[0].Message, "本期 2797万个，上期 2790个，") || strings.Contains(cs[0].Message, "個") {
		t.Errorf("jump checks %+v", cs)
	}
	u.Bindings = nil
	cs = previousChecks(u, nil, set.Indicators, []string{"grids"})
	if len(cs) != 1 || cs[0].Kind != "vs_previous_gone" || !strings.Contains(cs[0].Message, "不采用") || strings.Contains(cs[0].Message, "漏报") || strings.Contains(cs[0].Message, "個") {
		t.Errorf("gone checks %+v", cs)
	}
}

// TestPreviousSimplified: last quarter's wording is quoted in simplified
// characters, as everything else the outputs print (second review: 环比
// sheets said 上期原文：2339萬元).
func TestPreviousSimplified(t *testing.T) {
	set, err := mapping.LoadFile(filepath.Join("mapping", "standard.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "run.json")
	os.WriteFile(p, []byte(`{"period": "2024Q4", "units": [{"name": "平凉市", "indicators": [
		{"id": "funding_invested", "value": 23390000, "measure": "元", "text": "2339萬元", "sentence": "投入經費2339萬元。"}]}]}`), 0o644)
	prev, notes := readPrevious(p, true, "2025Q1", set)
	if prev == nil {
		t.Fatalf("not read: %v", notes)
	}
	if got := prev.units["平凉市"]["funding_invested"].Text; got != "2339万元" {
		t.Errorf("previous text %q, want 2339万元", got)
	}
	if got := prev.sentences["平凉市"]["funding_invested"]; got != "投入经费2339万元。" {
		t.Errorf("previous sentence %q", got)
	}
}

// TestPreviousAdviceNamesFolder: the advice when last quarter's run.json is
// missing names the folder it was looked for in, so following it makes that
// file (second review: with out: one fixed folder, the advice would have
// overwritten this quarter's outputs and still not made the file).
func TestPreviousAdviceNamesFolder(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	abs, _ := filepath.Abs(filepath.Join("samples", "2024Q4", "cixi.txt"))
	os.WriteFile(cfg, []byte("period: 2024Q4\nsources: ["+abs+"]\nout: results\n"), 0o644)
	code, _, _ := runCLI(t, "run", "--config", cfg, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	rep := readPreviousReport(t, filepath.Join(dir, "results"))
	want := "--out " + filepath.Join(dir, "out", "2024Q3")
	if !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, want) }) {
		t.Errorf("warnings %q lack %q", rep.Warnings, want)
	}
}
