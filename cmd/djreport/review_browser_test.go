package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"djreport/mapping"
)

// chromium is the headless browser of the end-to-end test: Debian's
// chromium package (.ci/run installs it), or $DJREPORT_CHROMIUM.
func chromium() string {
	if p := os.Getenv("DJREPORT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// reviewProject is a project folder with one real report: config.yaml,
// samples/2024Q4/pingliang.txt, and the outputs under out/.
func reviewProject(t *testing.T) (dir string, c *config) {
	t.Helper()
	dir = t.TempDir()
	src := filepath.Join(dir, "samples", "2024Q4")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("samples", "2024Q4", "pingliang.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "pingliang.txt"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("period: 2024Q4\nsources: [samples/2024Q4]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err = loadConfig(newViper(), cfg, true)
	if err != nil {
		t.Fatal(err)
	}
	return dir, c
}

// TestReviewInBrowser drives the review page in headless Chromium as a
// reviewer does: corrects one value (keyboard), rejects another (mouse),
// adds a figure by selecting its text, reloads, then runs djreport and
// reads the decisions back from the workbook.
func TestReviewInBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("no chromium: apt-get install -y chromium")
	}
	dir, c := reviewProject(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	served := make(chan error, 1)
	go func() { served <- runReview(ctx, c, 0, pw, io.Discard); pw.Close() }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no address on stdout: %v (%v)", err, <-served)
	}
	go io.Copy(io.Discard, pr)
	addr := strings.TrimSpace(line)
	if !strings.HasPrefix(addr, "http://127.0.0.1:") {
		t.Fatalf("first line %q is not the page's address", addr)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("headless", true), chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()))
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()

	row := func(id string) chromedp.CSS { return chromedp.CSS(`#bound tr[data-indicator="` + id + `"]`) }
	in := func(sel chromedp.CSS, sub string) chromedp.CSS { return sel + chromedp.CSS(" "+sub) }
	status := func(id string) chromedp.CSS { return in(row(id), "td:nth-child(4)") }
	value := chromedp.CSS(`#dlgform input[name="value"]`)
	indicator := chromedp.CSS(`#dlgform select[name="indicator"]`)
	steps := []chromedp.Action[chromedp.Void]{
		chromedp.EmulateViewport(1400, 900),
		chromedp.Navigate(addr),
		chromedp.WaitVisible(row("members_recruited")),
		chromedp.WaitVisible(chromedp.CSS(`#doc p[data-line="45"]`)),
		chromedp.SendKeys(chromedp.CSS(`#by`), "李明"),
		// Correct with the keyboard: select the row, c, type, Enter.
		chromedp.Click(in(row("members_recruited"), "td:first-child")),
		chromedp.KeyEvent("c"),
		chromedp.WaitVisible(value),
		script(`document.querySelector('#dlgform input[name="value"]').select(); true`),
		chromedp.KeyEvent("1811\r"),
		chromedp.WaitVisible(in(status("members_recruited"), ".st-correct")),
		// Reject with the mouse.
		chromedp.Click(in(row("grids"), `button[title="r"]`)),
		chromedp.WaitVisible(in(status("grids"), ".st-reject")),
		// Add a missed figure: select its text in the document.
		script(selectScript("45", "選派797名黨建工作指導員")),
		chromedp.WaitVisible(chromedp.CSS(`#addsel`)),
		chromedp.Click(chromedp.CSS(`#addsel`)),
		chromedp.WaitVisible(indicator),
		chromedp.SetValue(indicator, "volunteers"),
		chromedp.Click(chromedp.CSS(`#dlgok`)),
		chromedp.WaitVisible(row("volunteers")),
		// The decisions are in the file: a reload shows them.
		chromedp.Reload(),
		chromedp.WaitVisible(in(status("volunteers"), ".st-add")),
		// The figure's sentence is highlighted beside it.
		chromedp.Click(in(row("volunteers"), "td:first-child")),
		chromedp.WaitVisible(chromedp.CSS(`#doc .sent`)),
	}
	// The browser starts with the first step, on a context without a
	// deadline (a deadline there would stop the browser itself); each
	// later step is bounded, so a hung page fails instead of hanging.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatal(err)
	}
	for i, step := range steps {
		sctx, scancel := context.WithTimeout(bctx, 20*time.Second)
		err := chromedp.Do(sctx, step)
		scancel()
		if err != nil {
			msg, _ := chromedp.Run(bctx, chromedp.Evaluate[string](`document.querySelector("#msg").textContent + " | " + (document.querySelector("dialog[open]") ? "dialog open" : "")`))
			t.Fatalf("step %d: %v (page says %q)", i, err, msg)
		}
	}
	// REVIEW_SCREENSHOT=page.png keeps a picture of the page, for people.
	if keep := os.Getenv("REVIEW_SCREENSHOT"); keep != "" {
		if png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot()); err == nil {
			os.WriteFile(keep, png, 0o644)
		}
	}
	text := func(sel chromedp.CSS) string {
		s, err := chromedp.Run(bctx, chromedp.Text(sel))
		if err != nil {
			t.Fatalf("%s: %v", sel, err)
		}
		return s
	}
	corrected, rejected, added := text(status("members_recruited")), text(status("grids")), text(row("volunteers"))
	progress := text(chromedp.CSS(`#progress`))
	after, err := chromedp.Run(bctx, chromedp.Evaluate[string](`[...document.querySelectorAll("#doc .sent")].map((e) => e.textContent).join("")`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(corrected, "已更正 1,811") || rejected != "不采用" || !strings.Contains(added, "797") {
		t.Errorf("after reload: corrected %q, rejected %q, added %q", corrected, rejected, added)
	}
	if !strings.HasPrefix(progress, "已核 ") {
		t.Errorf("progress %q", progress)
	}
	// The added figure's sentence is the source's, around the quote.
	if !strings.HasPrefix(after, "“兩企三新”：開展黨建集中攻堅，選派797名黨建工作指導員") || !strings.HasSuffix(after, "。") {
		t.Errorf("highlighted sentence %q", after)
	}
	cancel()
	if err := <-served; err != nil {
		t.Fatal(err)
	}

	r, err := mapping.LoadReview(filepath.Join(dir, "review", "2024Q4.yaml"), "2024Q4")
	if err != nil || len(r.Decisions) != 3 {
		t.Fatalf("review file: %+v %v", r, err)
	}
	if a := r.Decisions[2]; a.Source != "samples/2024Q4/pingliang.txt" || a.Line != 45 || a.Quote != "選派797名黨建工作指導員" || *a.Value != 797 || a.Measure != "名" || a.By != "李明" {
		t.Errorf("added decision %+v", a)
	}

	// The next run prints the decisions.
	code, _, errs := runCLI(t, "run", "--config", filepath.Join(dir, "config.yaml"), "--quiet")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, errs)
	}
	checkReviewedOutputs(t, filepath.Join(dir, "out", "2024Q4"))
}

// checkReviewedOutputs reads the workbook and run.json of a run with the
// decisions of TestReviewInBrowser.
func checkReviewedOutputs(t *testing.T, out string) {
	t.Helper()
	f, err := excelize.OpenFile(filepath.Join(out, "平凉市.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	value := func(id string) (string, []string) {
		sheet, cell := definedCell(t, f, id)
		v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		_, r, _ := excelize.CellNameToCoordinates(cell)
		rows, _ := f.GetRows(sheet)
		if r-1 < len(rows) {
			return v, rows[r-1]
		}
		return v, nil
	}
	v, cells := value("members_recruited")
	if v != "1811" || !strings.Contains(strings.Join(cells, "|"), "人工核定（李明，") || !strings.Contains(strings.Join(cells, "|"), "原为 1,810") {
		t.Errorf("corrected members_recruited: %q, row %q", v, cells)
	}
	if v, cells := value("grids"); v != "" {
		t.Errorf("rejected grids is printed: %q, row %q", v, cells)
	}
	if v, cells := value("volunteers"); v != "797" || !strings.Contains(strings.Join(cells, "|"), "人工核定（李明，") {
		t.Errorf("added volunteers: %q, row %q", v, cells)
	}
	rows, err := f.GetRows("核对单")
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, r := range rows {
		text = append(text, strings.Join(r, "|"))
	}
	all := strings.Join(text, "\n")
	if !strings.Contains(all, "1,811|名|人工核定（李明，") || !strings.Contains(all, "审核人：") || !strings.Contains(all, "☐") {
		t.Errorf("核对单:\n%s", all)
	}
	var rep struct {
		Review reviewReport `json:"review"`
		Units  []struct {
			Indicators []mapping.Binding `json:"indicators"`
		} `json:"units"`
	}
	data, _ := os.ReadFile(filepath.Join(out, "run.json"))
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Review.Applied != 3 || len(rep.Review.Stale) != 0 {
		t.Errorf("run.json review: %+v", rep.Review)
	}
	manual := 0
	for _, b := range rep.Units[0].Indicators {
		if b.Manual != nil && b.Manual.By == "李明" {
			manual++
		}
	}
	if manual != 2 {
		t.Errorf("run.json: %d values with 人工核定, want 2", manual)
	}
}

// script runs JavaScript that returns true, as a step.
func script(js string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := chromedp.Evaluate[bool](js)(ctx, t)
		return chromedp.Void{}, err
	}
}

// selectScript selects quote in the document's line as a reviewer does
// with the mouse, and lets the page see the mouseup.
func selectScript(line, quote string) string {
	q, _ := json.Marshal(quote)
	return `(() => {
  const p = document.querySelector('#doc p[data-line="` + line + `"]');
  const quote = ` + string(q) + `;
  const nodes = [];
  const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  let n, text = "";
  while ((n = w.nextNode())) { if (!n.parentElement.closest(".ln")) { nodes.push([n, text.length]); text += n.data; } }
  const at = text.indexOf(quote);
  if (at < 0) throw new Error("quote not in line");
  const find = (k) => { for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= k) return [nodes[i][0], k - nodes[i][1]]; };
  const [sn, so] = find(at), [en, eo] = find(at + quote.length);
  const r = document.createRange();
  r.setStart(sn, so); r.setEnd(en, eo);
  const s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
  document.querySelector("#doc").dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
  return true;
})()`
}

// TestEval scores the current extraction against a review file written
// by hand: one value accepted, one corrected, one missed.
func TestEval(t *testing.T) {
	dir, _ := reviewProject(t)
	file := filepath.Join(dir, "review", "2024Q4.yaml")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	text := `period: 2024Q4
decisions:
  - unit: 平凉市
    indicator: members_recruited
    action: accept
    by: 李明
  - unit: 平凉市
    indicator: activists_reserve
    action: correct
    value: 7102
    by: 李明
  - unit: 平凉市
    indicator: volunteers
    action: add
    value: 797
    measure: 名
    source: samples/2024Q4/pingliang.txt
    line: 45
    by: 李明
`
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "eval", "--config", filepath.Join(dir, "config.yaml"), "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Indicators []struct {
			Indicator            string
			Right, Wrong, Missed int
			Precision, Recall    *float64
		}
		Total struct{ Right, Wrong, Missed int }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got.Indicators) != 3 || got.Total.Right != 1 || got.Total.Wrong != 1 || got.Total.Missed != 2 {
		t.Errorf("eval: %s", out)
	}
	code, out, _ = runCLI(t, "eval", "--config", filepath.Join(dir, "config.yaml"))
	if code != 0 || !strings.Contains(out, "members_recruited") || !strings.Contains(out, "100.0%") || !strings.Contains(out, "合计") {
		t.Errorf("eval table: %d\n%s", code, out)
	}
}
