package report

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"encoding/xml"

	"djreport/mapping"

	"github.com/xuri/excelize/v2"
)

// The test forms (scripts/testforms/make_forms.py): one province form as
// openpyxl, LibreOffice, Excel, WPS and the Open XML SDK save it. Every
// test below runs on each.
func testForms(t *testing.T) []string {
	t.Helper()
	forms, err := filepath.Glob("testdata/forms/province-*.xlsx")
	if err != nil || len(forms) < 5 {
		t.Fatalf("test forms missing (%v): run scripts/testforms/make_forms.py", err)
	}
	return forms
}

// formTestMapping is config.yaml's mappings: as a newcomer writes it for
// the province form: a defined name, addresses spelt three ways, scales.
const formTestMapping = `mappings:
  - id: members_recruited
    target: 发展党员数
  - id: cadres_dispatched
    target: 统计表!c6
  - id: party_orgs_set_up
    target: "'统计表'!$C$7"
  - id: grids
    target: 统计表!C8
  - id: disputes_resolved
    target: 统计表!C9
  - id: funding_invested
    target: 统计表!C10
    scale: 万元
  - id: investment_completed
    target: 统计表!C11
    scale: 亿元
  - id: mediation_rate
    target: 统计表!C12
  - id: volunteers
    target: "off"
`

func formTestSet(t testing.TB, extra string) *mapping.Set {
	t.Helper()
	s, err := formSetFrom(t, formTestMapping+extra)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// formSetFrom is the built-in catalogue with config.yaml's mappings: text.
func formSetFrom(t testing.TB, text string) (*mapping.Set, error) {
	t.Helper()
	doc, err := mapping.ParseYAML("config.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	root := doc.Content[0]
	o, err := mapping.ParseOverrides("config.yaml", root.Content[1])
	if err != nil {
		return nil, err
	}
	return mapping.LoadFiles([]mapping.File{{Name: mapping.StandardName, Data: mapping.Standard}}, o)
}

// formTestUnit is 平凉市 as the samples bind it.
func formTestUnit() Unit {
	b := func(id string, v float64, m string) mapping.Binding {
		return mapping.Binding{Unit: "平凉市", ID: id, Value: v, Measure: m, Source: "samples/2024Q4/pingliang.txt", Line: 3}
	}
	return Unit{Name: "平凉市&崆峒", Period: "2024Q4", Bindings: []mapping.Binding{
		b("members_recruited", 1810, "名"), b("cadres_dispatched", 2246, "名"), b("party_orgs_set_up", 259, "个"),
		b("grids", 2797, "个"), b("disputes_resolved", 536, "件"), b("funding_invested", 23390000, "元"),
		b("investment_completed", 2176000000, "元"), b("mediation_rate", 98.6, "%"),
		b("volunteers", 5000, "名"), b("service_sites", 147, "个"),
	}}
}

func formPlace(t testing.TB, path string, set *mapping.Set) (*Form, *mapping.Placement) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pl, err := set.FormTargets(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	fm, err := LoadForm(path, data, pl.Cells)
	if err != nil {
		t.Fatal(err)
	}
	return fm, pl
}

func formZipParts(t *testing.T, data []byte) map[string]*zip.File {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*zip.File{}
	for _, f := range zr.File {
		out[f.Name] = f
	}
	return out
}

func formRead(t *testing.T, zf *zip.File) []byte {
	t.Helper()
	rc, err := zf.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func formRaw(t *testing.T, zf *zip.File) []byte {
	t.Helper()
	r, err := zf.OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFormPlacement(t *testing.T) {
	for _, path := range testForms(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			_, pl := formPlace(t, path, formTestSet(t, ""))
			want := map[string]string{
				"members_recruited": "统计表!C5", "cadres_dispatched": "统计表!C6", "party_orgs_set_up": "统计表!C7",
				"grids": "统计表!C8", "disputes_resolved": "统计表!C9", "funding_invested": "统计表!C10",
				"investment_completed": "统计表!C11", "mediation_rate": "统计表!C12",
			}
			if len(pl.Cells) != len(want) {
				t.Errorf("placed %v", pl.Cells)
			}
			for id, c := range want {
				if pl.Cells[id].String() != c {
					t.Errorf("%s -> %v, want %s", id, pl.Cells[id], c)
				}
			}
			if !slices.Equal(pl.Off, []string{"volunteers"}) {
				t.Errorf("off %v", pl.Off)
			}
			// The 14 catalogue indicators the form has no cell for.
			if len(pl.Missing) != 22-len(want)-1 || !slices.Contains(pl.Missing, "service_sites") {
				t.Errorf("missing %v", pl.Missing)
			}
		})
	}
}

// TestFormFill fills each form and checks, part by part, that nothing but
// the bound cells, the token texts, the formulas' cached results and
// fullCalcOnLoad changed, and that the values read back right.
func TestFormFill(t *testing.T) {
	for _, path := range testForms(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			before, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(before)
			set := formTestSet(t, "")
			fm, _ := formPlace(t, path, set)
			out := filepath.Join(t.TempDir(), "out.xlsx")
			if err := fm.Fill(out, formTestUnit(), set.Indicators, FormOptions{Date: "2025年1月6日"}); err != nil {
				t.Fatal(err)
			}
			after, _ := os.ReadFile(path)
			if sha256.Sum256(after) != sum {
				t.Fatal("the form file changed")
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			formCheckParts(t, fm, before, got, map[string]map[string]bool{"统计表": {"C5": true, "C6": true, "C7": true, "C8": true, "C9": true, "C10": true, "C11": true, "C12": true}})
			formCheckValues(t, got)
		})
	}
}

// formCheckParts compares the template's parts with the output's.
func formCheckParts(t *testing.T, fm *Form, tpl, out []byte, written map[string]map[string]bool) {
	t.Helper()
	a, b := formZipParts(t, tpl), formZipParts(t, out)
	if len(a) != len(b) {
		t.Errorf("%d parts, template has %d", len(b), len(a))
	}
	sheetParts := map[string]bool{}
	for _, sh := range fm.sheets {
		sheetParts[sh.part] = true
	}
	for name, za := range a {
		zb, ok := b[name]
		if !ok {
			t.Errorf("part %s lost", name)
			continue
		}
		if sheetParts[name] || name == fm.sst || name == fm.workbook {
			continue
		}
		// Styles (number formats, fills, borders), drawings, charts,
		// comments, other sheets: byte for byte, compressed bytes included.
		if !bytes.Equal(formRaw(t, za), formRaw(t, zb)) || za.CRC32 != zb.CRC32 || !za.Modified.Equal(zb.Modified) {
			t.Errorf("part %s changed", name)
		}
	}
	for _, sh := range fm.sheets {
		formCheckSheet(t, formRead(t, a[sh.part]), formRead(t, b[sh.part]), written[sh.name])
	}
	wb := string(formRead(t, b[fm.workbook]))
	if fm.formulas > 0 && !strings.Contains(wb, `fullCalcOnLoad="1"`) {
		t.Error("no fullCalcOnLoad")
	}
	if strings.Replace(wb, ` fullCalcOnLoad="1"`, "", 1) != string(formRead(t, a[fm.workbook])) &&
		!strings.Contains(string(formRead(t, a[fm.workbook])), "fullCalcOnLoad") &&
		!strings.Contains(wb, `<calcPr fullCalcOnLoad="1"/>`) {
		t.Error("workbook.xml changed beyond fullCalcOnLoad")
	}
}

// formCheckSheet compares a sheet part of the form (sa) with the output's
// (sb): outside sheetData (merges, conditional formats, validations, print
// setup, the header apart from its tokens) unchanged; in it, every row tag
// and every cell but the written ones, the formulas' results and tokens.
func formCheckSheet(t *testing.T, sa, sb []byte, written map[string]bool) {
	t.Helper()
	xa, err := scanSheetXML(sa)
	if err != nil {
		t.Fatal(err)
	}
	xb, err := scanSheetXML(sb)
	if err != nil {
		t.Fatal(err)
	}
	headerless := func(s []byte, x *formXMLSheet) string {
		out := string(s[x.dataEnd:])
		for _, tx := range x.texts {
			if tx.header && tx.start >= x.dataEnd {
				out = strings.Replace(out, string(s[tx.start:tx.end]), "HEADER", 1)
			}
		}
		return out
	}
	if string(sa[:xa.dataStart]) != string(sb[:xb.dataStart]) {
		t.Error("the sheet before sheetData changed")
	}
	if headerless(sa, xa) != headerless(sb, xb) {
		t.Errorf("the sheet after sheetData changed:\n%s\n%s", headerless(sa, xa), headerless(sb, xb))
	}
	// Rows by number: a written cell may add its row; a row written as
	// <row …/> opens to take a cell.
	rowsB := map[int]formXMLRow{}
	for _, r := range xb.rows {
		rowsB[r.row] = r
	}
	tag := func(b []byte) string {
		return strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(string(b), ">"), "/"), " ")
	}
	for _, ra := range xa.rows {
		rb, ok := rowsB[ra.row]
		if !ok {
			t.Errorf("row %d lost", ra.row)
			continue
		}
		if tag(sa[ra.start:ra.startEnd]) != tag(sb[rb.start:rb.startEnd]) {
			t.Errorf("row %d tag changed: %s -> %s", ra.row, sa[ra.start:ra.startEnd], sb[rb.start:rb.startEnd])
		}
	}
	if added := len(xb.rows) - len(xa.rows); added < 0 || added > len(written) {
		t.Errorf("%d rows, form has %d", len(xb.rows), len(xa.rows))
	}
	for _, c := range xa.cells {
		ref, _ := excelize.CoordinatesToCellName(c.col, c.row)
		i, ok := xb.byCell[[2]int{c.col, c.row}]
		if !ok {
			t.Errorf("cell %s lost", ref)
			continue
		}
		cb := xb.cells[i]
		if written[ref] {
			// The cell keeps its style.
			if formAttr(c.attrs, "s") != formAttr(cb.attrs, "s") {
				t.Errorf("%s style %q -> %q", ref, formAttr(c.attrs, "s"), formAttr(cb.attrs, "s"))
			}
			continue
		}
		if c.formula != nil {
			if string(c.formula) != string(cb.formula) || formAttr(c.attrs, "s") != formAttr(cb.attrs, "s") {
				t.Errorf("formula cell %s changed beyond its result: %s", ref, sb[cb.start:cb.end])
			}
			continue
		}
		if string(sa[c.start:c.end]) != string(sb[cb.start:cb.end]) && !formHasToken(sa[c.start:c.end]) {
			t.Errorf("cell %s changed: %s -> %s", ref, sa[c.start:c.end], sb[cb.start:cb.end])
		}
	}
}

func formAttr(attrs []xml.Attr, name string) string {
	for _, a := range attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func formHasToken(b []byte) bool {
	s, _ := xmlText(b)
	return strings.Contains(string(b), "{") || strings.Contains(s, "{")
}

// formCheckValues reads the output back: values in the form's units,
// tokens filled, cached totals right, number formats and styles kept.
func formCheckValues(t *testing.T, out []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sh = "统计表"
	raw := func(cell string) string {
		v, err := f.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	num := func(cell string) float64 {
		v, err := strconv.ParseFloat(raw(cell), 64)
		if err != nil {
			t.Errorf("%s = %q, not a number", cell, raw(cell))
		}
		return v
	}
	for cell, want := range map[string]float64{
		"C5": 1810, "C6": 2246, "C7": 259, "C8": 2797, "C9": 536,
		"C10": 2339, "C11": 21.76, "C12": 0.986,
		// Cached results: 合计 and 同比.
		"C13": 1810 + 2246 + 259 + 2797 + 536, "E13": 6840,
		"F5": 1810.0/1500 - 1, "F12": 0.986/0.97 - 1, "F13": 7648.0/6840 - 1,
	} {
		if got := num(cell); math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
			t.Errorf("%s = %v, want %v", cell, got, want)
		}
	}
	for cell, want := range map[string]string{
		"A1": "平凉市&崆峒基层党建工作季度统计表", "A2": "填报单位：平凉市&崆峒",
		"D2": "所属期间：2024年第四季度", "F2": "填报日期：2025年1月6日", "A13": "合计",
	} {
		if got := raw(cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	// The % cell shows 98.6% through the form's own format.
	if v, _ := f.GetCellValue(sh, "C12"); v != "98.6%" {
		t.Errorf("C12 shows %q, want 98.6%%", v)
	}
	notes, _ := f.GetCellValue("填报说明", "A2")
	if !strings.Contains(notes, "2024年第四季度") {
		t.Errorf("填报说明!A2 = %q", notes)
	}
	hf, err := f.GetHeaderFooter(sh)
	if err != nil || hf == nil || !strings.Contains(hf.OddHeader, "平凉市&&崆峒") {
		t.Errorf("header %+v %v", hf, err)
	}
	// Features excelize reads: merges, validation, names, comment, picture.
	merges, _ := f.GetMergeCells(sh)
	if len(merges) < 9 {
		t.Errorf("%d merges", len(merges))
	}
	dvs, _ := f.GetDataValidations(sh)
	if len(dvs) != 1 || dvs[0].Type != "list" {
		t.Errorf("validations %v", dvs)
	}
	names := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name] = true
	}
	for _, n := range []string{"发展党员数", "合计_本期", "_xlnm.Print_Titles"} {
		if !names[n] {
			t.Errorf("defined name %s lost (%v)", n, names)
		}
	}
	if cs, _ := f.GetComments(sh); len(cs) != 1 {
		t.Errorf("comments %v", cs)
	}
	if pics, _ := f.GetPictures(sh, "J1"); len(pics) != 1 {
		t.Errorf("%d pictures at J1", len(pics))
	}
}

// TestFormOpensElsewhere: the filled forms open in openpyxl (which refuses
// a 10-digit colour) and LibreOffice shows the right totals. Skipped when
// the tools are absent.
func TestFormOpensElsewhere(t *testing.T) {
	py, soffice := "/usr/bin/python3", "soffice"
	dir := t.TempDir()
	set := formTestSet(t, "")
	var outs []string
	for _, path := range testForms(t) {
		fm, _ := formPlace(t, path, set)
		out := filepath.Join(dir, strings.TrimSuffix(filepath.Base(path), ".xlsx")+"-filled.xlsx")
		if err := fm.Fill(out, formTestUnit(), set.Indicators, FormOptions{}); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
	}
	t.Run("openpyxl", func(t *testing.T) {
		if exec.Command(py, "-c", "import openpyxl").Run() != nil {
			t.Skip("python3-openpyxl absent")
		}
		for _, out := range outs {
			b, err := exec.Command(py, "-c", `import openpyxl,sys
ws=openpyxl.load_workbook(sys.argv[1])["统计表"]
print(ws["C5"].value, ws["C12"].number_format, ws["C10"].number_format)`, out).CombinedOutput()
			if err != nil || strings.TrimSpace(string(b)) != "1810 0.0% #,##0.00" {
				t.Errorf("%s: openpyxl: %s %v", filepath.Base(out), b, err)
			}
		}
	})
	t.Run("libreoffice", func(t *testing.T) {
		if _, err := exec.LookPath(soffice); err != nil {
			t.Skip("soffice absent")
		}
		csvDir := filepath.Join(dir, "csv")
		cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
			"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", "--outdir", csvDir)
		cmd.Args = append(cmd.Args, outs...)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, b)
		}
		for _, out := range outs {
			base := strings.TrimSuffix(filepath.Base(out), ".xlsx")
			matches, _ := filepath.Glob(filepath.Join(csvDir, base+"*.csv"))
			var rows [][]string
			for _, m := range matches {
				b, _ := os.ReadFile(m)
				if r, err := csv.NewReader(bytes.NewReader(b)).ReadAll(); err == nil && len(r) > 12 && len(r[0]) > 0 && strings.Contains(r[0][0], "基层党建") {
					rows = r
				}
			}
			if rows == nil {
				t.Errorf("%s: no csv of 统计表 (%v)", base, matches)
				continue
			}
			// Formatted as LibreOffice shows them after its own recalculation.
			got := fmt.Sprintf("%s|%s|%s|%s", rows[12][2], rows[12][5], rows[11][2], rows[0][0])
			want := "7648|11.8%|98.6%|平凉市&崆峒基层党建工作季度统计表"
			if got != want {
				t.Errorf("%s: LibreOffice shows %s, want %s", base, got, want)
			}
		}
	})
}

// TestFormFillParallel: units are filled in parallel from one Form (run
// with -race): the same bytes as one at a time.
func TestFormFillParallel(t *testing.T) {
	set := formTestSet(t, "")
	fm, _ := formPlace(t, "testdata/forms/province-excel.xlsx", set)
	want, err := fm.FillBytes(formTestUnit(), set.Indicators, FormOptions{Date: "2025年1月6日"})
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			got, err := fm.FillBytes(formTestUnit(), set.Indicators, FormOptions{Date: "2025年1月6日"})
			if err == nil && !bytes.Equal(got, want) {
				err = fmt.Errorf("output differs")
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

// TestFormRefusesDamagingBindings: issue 10 item 7, on every test form.
func TestFormRefusesDamagingBindings(t *testing.T) {
	set, err := formSetFrom(t, `mappings:
  - id: members_recruited
    target: 统计表!F5
  - id: cadres_dispatched
    target: 统计表!B13
  - id: party_orgs_set_up
    target: 统计表!B6
  - id: grids
    target: 统计表!G7
  - id: disputes_resolved
    target: 统计表!c9
  - id: service_sites
    target: 统计表!$C$9
  - id: volunteers
    target: 合计_本期
  - id: funding_invested
    target: 统计表!A13
`)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range testForms(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			_, err = set.FormTargets(f)
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			for _, want := range []string{
				"config.yaml:3: 指标 members_recruited 的目标 统计表!F5（统计表!F5）是公式单元格",
				"config.yaml:5: 指标 cadres_dispatched 的目标 统计表!B13（统计表!B13）位于合并区域 A13:B13 中",
				"config.yaml:7: 指标 party_orgs_set_up 的目标 统计表!B6（统计表!B6）已有文字「选派干部」",
				"config.yaml:9: 指标 grids 的目标 统计表!G7（统计表!G7）有下拉列表校验（已核实、待核实、有疑问），不接受数值",
				"的目标是同一个单元格 统计表!C9",
				"config.yaml:15: 指标 volunteers 的目标 统计表!C13（合计_本期）是公式单元格",
				"config.yaml:17: 指标 funding_invested 的目标 统计表!A13（统计表!A13）已有文字「合计」",
			} {
				if !strings.Contains(msg, want) {
					t.Errorf("missing %q in\n%s", want, msg)
				}
			}
		})
	}
}

func TestFormUncomputed(t *testing.T) {
	set := formTestSet(t, "")
	fm, _ := formPlace(t, "testdata/forms/province-excel.xlsx", set)
	if u := fm.Uncomputed(); len(u) != 0 {
		t.Errorf("uncomputed %v", u)
	}
	f := excelize.NewFile()
	f.SetCellFormula("Sheet1", "A1", "NOSUCHFUNCTION(B1)")
	f.SetCellFormula("Sheet1", "A2", "SUM(B1:B3)")
	buf, _ := f.WriteToBuffer()
	fm, err := LoadForm("x.xlsx", buf.Bytes(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if u := fm.Uncomputed(); len(u) != 1 || u[0] != "Sheet1!A1" {
		t.Errorf("uncomputed %v", u)
	}
}

// TestFormFillReusesNothing: a unit filled after another that had more
// values gets exactly what it gets alone (the calculation copy is reused).
func TestFormFillReusesNothing(t *testing.T) {
	set := formTestSet(t, "")
	full := formTestUnit()
	few := Unit{Name: "岳西县", Period: "2024Q4", Bindings: []mapping.Binding{{ID: "grids", Value: 1362}, {ID: "mediation_rate", Value: 98.7}}}
	fresh, _ := formPlace(t, "testdata/forms/province-libreoffice.xlsx", set)
	want, err := fresh.FillBytes(few, set.Indicators, FormOptions{Date: "2025年1月6日"})
	if err != nil {
		t.Fatal(err)
	}
	fm, _ := formPlace(t, "testdata/forms/province-libreoffice.xlsx", set)
	if _, err := fm.FillBytes(full, set.Indicators, FormOptions{Date: "2025年1月6日"}); err != nil {
		t.Fatal(err)
	}
	got, err := fm.FillBytes(few, set.Indicators, FormOptions{Date: "2025年1月6日"})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("the second unit's form differs from its form filled alone")
	}
	f, _ := excelize.OpenReader(bytes.NewReader(got))
	defer f.Close()
	if v, _ := f.GetCellValue("统计表", "C13", excelize.Options{RawCellValue: true}); v != "1362" {
		t.Errorf("合计 cached %q, want 1362", v)
	}
}
