package report

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// planTestUnit is workbookTestUnit with last period's values (one
// comparable, one in another measure, one not reported now), a long
// sentence and a name with & (doubled in headers).
func planTestUnit() Unit {
	u := workbookTestUnit()
	u.Name = "慈溪&市"
	u.Figures[0].Sentence = strings.Repeat("组织党员集中观展，", 30)
	u.Previous = map[string]Prior{
		"members_recruited":     {Period: "2024Q3", Value: 2500, Measure: "名", Text: "2500名"},
		"funding_invested":      {Period: "2024Q3", Value: 0.25, Measure: "万元", Qualifier: "近"},
		"villages_supported":    {Period: "2024Q3", Value: 12.5, Measure: "个"},
		"mediation_rate":        {Period: "2024Q3", Value: 97.25, Measure: "%"},
		"collective_income_avg": {Period: "2024Q3", Value: 0, Measure: "元"},
	}
	return u
}

// TestWorkbookPlanSameAsExcelize: the workbook written from the plan reads
// back as the one excelize writes: every sheet's cells (values, formulas,
// number formats, fonts and fills), row heights, column widths, merges,
// panes, page setup, headers, defined names and calculation properties.
func TestWorkbookPlanSameAsExcelize(t *testing.T) {
	for _, tc := range []struct {
		name, tpl string
		own       bool
		unit      func() Unit
	}{
		{"quarterly", workbookTestTemplate, false, planTestUnit},
		{"detail", workbookTestTemplate, true, planTestUnit},
		{"no previous", workbookTestTemplate, false, workbookTestUnit},
		{"openpyxl", "testdata/forms/quarterly-openpyxl.xlsx", false, planTestUnit},
		{"empty", workbookTestTemplate, false, func() Unit { return Unit{Name: "某县", Period: "2025Q1", Previous: map[string]Prior{}} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cat := workbookTestCat(t)
			tpl := testTemplate(t, tc.tpl)
			if tpl.plan(cat, tc.own) == nil {
				t.Fatal("no plan for the template")
			}
			dir := t.TempDir()
			fast, slow := filepath.Join(dir, "fast.xlsx"), filepath.Join(dir, "slow.xlsx")
			if err := writeUnitWorkbook(tpl, fast, tc.unit(), cat, tc.own); err != nil {
				t.Fatal(err)
			}
			if err := writeUnitWorkbookExcelize(tpl, slow, tc.unit(), cat, tc.own); err != nil {
				t.Fatal(err)
			}
			planCompare(t, fast, slow)
		})
	}
}

func planCompare(t *testing.T, fastPath, slowPath string) {
	t.Helper()
	fast, err := excelize.OpenFile(fastPath)
	if err != nil {
		t.Fatal(err)
	}
	defer fast.Close()
	slow, err := excelize.OpenFile(slowPath)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	same := func(what string, a, b any) {
		t.Helper()
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: plan %v, excelize %v", what, a, b)
		}
	}
	same("sheets", fast.GetSheetList(), slow.GetSheetList())
	names := func(f *excelize.File) map[string]string {
		m := map[string]string{}
		for _, dn := range f.GetDefinedName() {
			m[dn.Name+"@"+dn.Scope] = dn.RefersTo
		}
		return m
	}
	same("defined names", names(fast), names(slow))
	pf, _ := fast.GetCalcProps()
	ps, _ := slow.GetCalcProps()
	same("fullCalcOnLoad", *pf.FullCalcOnLoad, *ps.FullCalcOnLoad)
	for _, sheet := range slow.GetSheetList() {
		rf, _ := fast.GetRows(sheet)
		rs, _ := slow.GetRows(sheet)
		same(sheet+" rows", rf, rs)
		nrows := max(len(rs), 3)
		for r := 1; r <= nrows+1; r++ {
			hf, _ := fast.GetRowHeight(sheet, r)
			hs, _ := slow.GetRowHeight(sheet, r)
			same(fmt.Sprintf("%s row %d height", sheet, r), hf, hs)
			for c := 1; c <= 12; c++ {
				cell, _ := excelize.CoordinatesToCellName(c, r)
				ff, _ := fast.GetCellFormula(sheet, cell)
				fs, _ := slow.GetCellFormula(sheet, cell)
				same(sheet+"!"+cell+" formula", ff, fs)
				tf, _ := fast.GetCellType(sheet, cell)
				ts, _ := slow.GetCellType(sheet, cell)
				// Text is an inline string, not a shared one; an empty
				// text (excelize writes an empty string) no value.
				vf, _ := fast.GetCellValue(sheet, cell)
				if tf != ts && !(tf == excelize.CellTypeInlineString && ts == excelize.CellTypeSharedString) && !(vf == "" && tf == excelize.CellTypeUnset) {
					t.Errorf("%s!%s type: plan %v, excelize %v", sheet, cell, tf, ts)
				}
				same(sheet+"!"+cell+" style", planStyleOf(t, fast, sheet, cell), planStyleOf(t, slow, sheet, cell))
			}
		}
		for c := 1; c <= 12; c++ {
			col, _ := excelize.ColumnNumberToName(c)
			wf, _ := fast.GetColWidth(sheet, col)
			ws, _ := slow.GetColWidth(sheet, col)
			same(sheet+" width "+col, wf, ws)
		}
		mf, _ := fast.GetMergeCells(sheet)
		ms, _ := slow.GetMergeCells(sheet)
		same(sheet+" merges", planMerges(mf), planMerges(ms))
		lf, _ := fast.GetPageLayout(sheet)
		ls, _ := slow.GetPageLayout(sheet)
		same(sheet+" page layout", lf, ls)
		hff, _ := fast.GetHeaderFooter(sheet)
		hfs, _ := slow.GetHeaderFooter(sheet)
		same(sheet+" header", hff, hfs)
		pnf, _ := fast.GetPanes(sheet)
		pns, _ := slow.GetPanes(sheet)
		same(sheet+" panes", pnf.Freeze, pns.Freeze)
		same(sheet+" panes", pnf.YSplit, pns.YSplit)
		same(sheet+" panes", pnf.TopLeftCell, pns.TopLeftCell)
		spf, _ := fast.GetSheetProps(sheet)
		sps, _ := slow.GetSheetProps(sheet)
		same(sheet+" fit to page", spf.FitToPage, sps.FitToPage)
	}
}

func planMerges(ms []excelize.MergeCell) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.GetStartAxis()+":"+m.GetEndAxis()+"="+m.GetCellValue())
	}
	return out
}

// planStyleOf is what a cell's style shows, not its id.
func planStyleOf(t *testing.T, f *excelize.File, sheet, cell string) string {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	nf := ""
	if st.CustomNumFmt != nil {
		nf = *st.CustomNumFmt
	}
	st.CustomNumFmt = nil
	b, _ := json.Marshal(st)
	return nf + "|" + string(b)
}

// TestWorkbookPlanParallel: units written in parallel from one template
// (one plan, made by whichever comes first) give each its own workbook;
// run it with -race.
func TestWorkbookPlanParallel(t *testing.T) {
	cat := workbookTestCat(t)
	tpl := testTemplate(t, workbookTestTemplate)
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := planTestUnit()
			u.Name = fmt.Sprintf("单位%d", i)
			errs[i] = WriteWorkbook(tpl, filepath.Join(dir, fmt.Sprintf("%d.xlsx", i)), u, cat)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(filepath.Join(dir, fmt.Sprintf("%d.xlsx", i)))
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := f.GetCellValue(TemplateSheetPrevious, "A3"); got != fmt.Sprintf("单位%d", i) {
			t.Errorf("workbook %d: 环比 A3 = %q", i, got)
		}
		f.Close()
	}
}

// A template that already has a 核对单 sheet keeps it: the plan leaves such
// templates to excelize.
func TestWorkbookPlanDeclines(t *testing.T) {
	f, err := excelize.OpenFile(workbookTestTemplate)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet(ChecklistSheetName); err != nil {
		t.Fatal(err)
	}
	_ = f.SetCellStr(ChecklistSheetName, "A1", "自己的核对单")
	buf, err := f.WriteToBuffer()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := ParseTemplate("own.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	cat := workbookTestCat(t)
	if tpl.plan(cat, false) != nil {
		t.Error("a plan for a template with its own 核对单")
	}
	out := filepath.Join(t.TempDir(), "u.xlsx")
	if err := WriteWorkbook(tpl, out, workbookTestUnit(), cat); err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if v, _ := g.GetCellValue(ChecklistSheetName, "A1"); v != "自己的核对单" {
		t.Errorf("核对单 A1 = %q", v)
	}
}

var _ = mapping.TargetOff

// FuzzWorkbookPlanText: text from the sources (a unit's name, a figure's
// subject and sentence) reads back from the plan's workbook as from the
// excelize one: escaping, spaces, control characters, broken UTF-8.
func FuzzWorkbookPlanText(f *testing.F) {
	f.Add("慈溪市", "党员", "组织党员集中观展。")
	f.Add("A&B<c>", " 前后空格 ", "=SUM(1)+\"x\"\n第二行\t]]>")
	f.Add("\x01\x1f", "\xff\xfe", "&amp;&#21333;【单位】{期间}")
	cat := workbookTestCat(&testing.T{})
	tpl, err := LoadTemplate(workbookTestTemplate)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, subject, sentence string) {
		// A long name makes the header shortening (templateFillHeader)
		// quadratic in both writers: a unit's name is short.
		if len(name) > 100 || len(subject)+len(sentence) > 4000 {
			return
		}
		u := workbookTestUnit()
		u.Name = name
		u.Figures[0].Subject, u.Figures[0].Sentence = subject, sentence
		u.Bindings[0].Sentence = sentence
		u.Previous = map[string]Prior{"members_recruited": {Value: 1, Measure: "名", Text: sentence}}
		dir := t.TempDir()
		fast, slow := filepath.Join(dir, "fast.xlsx"), filepath.Join(dir, "slow.xlsx")
		errFast := writeUnitWorkbook(tpl, fast, u, cat, false)
		errSlow := writeUnitWorkbookExcelize(tpl, slow, u, cat, false)
		if (errFast == nil) != (errSlow == nil) {
			t.Fatalf("plan: %v, excelize: %v", errFast, errSlow)
		}
		if errFast != nil {
			return
		}
		a, err := excelize.OpenFile(fast)
		if err != nil {
			t.Fatal(err)
		}
		defer a.Close()
		b, err := excelize.OpenFile(slow)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		for _, sheet := range b.GetSheetList() {
			ra, _ := a.GetRows(sheet)
			rb, _ := b.GetRows(sheet)
			if !reflect.DeepEqual(ra, rb) {
				t.Errorf("%s: plan %q\nexcelize %q", sheet, ra, rb)
			}
		}
	})
}

// TestPlanOutSorted: cells come out by row, then column, one per cell, the
// last one set, keeping the style before it when it has none of its own.
func TestPlanOutSorted(t *testing.T) {
	var o planOut
	o.set(2, 1, planCell{style: 4, kind: 's', text: "甲"})
	o.set(1, 3, planCell{style: -1, kind: 'n', text: "1"})
	o.set(2, 1, planCell{style: -1, kind: 'n', text: "2"}) // keeps style 4
	o.set(1, 1, planCell{style: 7})
	o.set(1, 3, planCell{style: 5, kind: 'n', text: "3"})
	o.set(1, 3, planCell{style: -1, kind: 's', text: "乙"}) // keeps style 5
	o.set(1, 1, planCell{style: 9, kind: 's', text: "丙"})  // its own style
	got := o.sorted()
	want := []planEntry{
		{1, 1, planCell{style: 9, kind: 's', text: "丙"}},
		{2, 1, planCell{style: 4, kind: 'n', text: "2"}},
		{1, 3, planCell{style: 5, kind: 's', text: "乙"}},
	}
	if !slices.Equal(got, want) {
		t.Fatalf("sorted:\n got %v\nwant %v", got, want)
	}
	if again := o.sorted(); !slices.Equal(again, want) {
		t.Fatalf("sorted twice: %v", again)
	}
}
