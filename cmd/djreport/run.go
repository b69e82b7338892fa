package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"djreport/extract"
	"djreport/mapping"
	"djreport/report"
	"djreport/source"
)

// consoleWarnings is how many warnings a run prints; run.json has them all.
const consoleWarnings = 10

// runOptions are the inputs of `djreport run` besides config.yaml.
type runOptions struct {
	quiet bool
}

func newRunCmd(a *app) *cobra.Command {
	opts := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [选项] [文件|文件夹]...",
		Short: "完成整个季度的汇总：提取数据，生成各单位汇总表、汇总.xlsx、PDF 简报和 run.json",
		Long: "完成整个季度的汇总：提取数据，生成各单位汇总表、汇总.xlsx、PDF 简报和 run.json。\n" +
			"报告可作为参数给出（文件或文件夹，可多个），未给出时取 --sources 或配置中的 sources。\n" +
			"按 Ctrl-C 停止运行（已写完的文件保持完整），再按一次立即退出。",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := a.config(cmd)
			if err != nil {
				return err
			}
			if len(args) > 0 {
				// Sources named on the command line replace config.yaml's,
				// together with any --sources given too.
				if cmd.Flags().Changed("sources") {
					args = append(slices.Clone(c.Sources), args...)
				}
				c.Sources = args
			}
			return runRun(cmd.Context(), c, opts, a.stderr)
		},
	}
	f := cmd.Flags()
	f.StringSlice("sources", nil, "报告文件或文件夹（可多次给出；默认取配置 sources）")
	f.String("out", "", "输出文件夹（默认 out/<期间>/）")
	f.String("period", "", "期间，如 2024Q4（默认取配置 period）")
	f.Int("workers", 0, "并行数（默认为 CPU 核数）")
	f.BoolVar(&opts.quiet, "quiet", false, "只输出错误信息")
	f.String("previous", "", "上一季度的 run.json，用于环比（默认 out/<上一季度>/run.json）")
	for _, k := range []string{"sources", "out", "period", "workers", "previous"} {
		_ = a.v.BindPFlag(k, f.Lookup(k))
	}
	return cmd
}

// maxListed bounds each list of figures in run.json per source or unit:
// more is not reviewed by anyone, and a document dense with figures once
// made run.json 1.49 GB. The rest is counted.
const maxListed = 100

// capFigures keeps the first maxListed figures and counts the rest.
func capFigures(figs []extract.Figure) ([]extract.Figure, int) {
	if len(figs) <= maxListed {
		return figs, 0
	}
	return figs[:maxListed:maxListed], len(figs) - maxListed
}

// runReport is run.json: what the run did, for people and scripts.
type runReport struct {
	Period  string         `json:"period"`
	Sources []sourceStatus `json:"sources"`
	Units   []unitReport   `json:"units"`
	// Warnings are things a person should look at.
	Warnings []string `json:"warnings"`
	// Unplaced are figures of sources whose unit was not found: listed for
	// review, not printed for any unit.
	Unplaced []extract.Figure `json:"unplaced"`
	// UnplacedMore counts unplaced figures left out of the list: at most
	// maxListed are listed per source.
	UnplacedMore int `json:"unplaced_more,omitempty"`
	// Superseded are copies and older versions left out of this run.
	Superseded []extract.Superseded `json:"superseded"`
	// Skipped are files in the source folders not read, with the reason
	// (unsupported type, link not followed).
	Skipped []source.Skip `json:"skipped"`
	// Files is the set of outputs this run wrote, run.json included; the
	// next run into the folder removes those of them it does not write.
	Files []string `json:"files"`
	// Checks are what a reviewer should look at before signing.
	Checks []mapping.Check `json:"checks"`
	// Previous is last period's run.json the 环比 came from, "" when none.
	Previous string `json:"previous,omitempty"`
	// Reminders are the expected units to chase (催报): not reported, or
	// lacking key indicators.
	Reminders []report.Reminder `json:"reminders"`
}

type sourceStatus struct {
	Path    string   `json:"path"`
	Status  string   `json:"status"` // ok, error or superseded
	Error   string   `json:"error,omitempty"`
	Units   []string `json:"units,omitempty"`
	Figures int      `json:"figures"`
	// Doubt: the evidence for the source's unit was weak or split.
	Doubt *extract.Doubt `json:"doubt,omitempty"`
	// Outside are figures about no unit (a province's totals).
	Outside     []extract.Figure `json:"outside,omitempty"`
	OutsideMore int              `json:"outside_more,omitempty"`
}

type unitReport struct {
	Name       string            `json:"name"`
	Workbook   string            `json:"workbook"`
	Brief      string            `json:"brief"`
	Sources    []string          `json:"sources"`
	Figures    int               `json:"figures"`
	Indicators []mapping.Binding `json:"indicators"`
	Empty      []string          `json:"empty_indicators"`
	Unbound    []extract.Figure  `json:"unbound"`
	// UnboundMore counts unbound figures beyond the maxListed listed.
	UnboundMore int    `json:"unbound_more,omitempty"`
	Error       string `json:"error,omitempty"`
	// Detail and NotPlaced: with a user's form (form.go).
	Detail    string   `json:"detail,omitempty"`
	NotPlaced []string `json:"not_in_form,omitempty"`
}

// renderer is what every unit's outputs are made from: loaded and checked
// once per run, then only read by the workers.
type renderer struct {
	out       string
	set       *mapping.Set
	workbook  *report.Template
	summary   *report.Template
	fonts     *report.Fonts
	fontUses  []fontUse // the file each role of the brief is set in
	fontNotes []string  // installed fonts found and passed over
	brief     report.BriefOptions
	peers     *report.Peers     // averages per indicator among units of a level
	files     map[string]string // unit name -> file name without extension
	// form: the user's form each unit's workbook is (form.go).
	form        *report.Form
	placement   *mapping.Placement
	formDate    string
	summaryForm *report.SummaryForm
}

// newRenderer loads the mapping, the templates and the font, and checks them
// against each other; any problem is bad configuration.
func newRenderer(c *config) (*renderer, error) {
	a, err := c.loadAssets()
	if err != nil {
		return nil, usageError{err}
	}
	r := &renderer{out: c.Out, set: a.set, workbook: a.workbook, summary: a.summary, fonts: a.fonts, fontUses: a.fontUses, fontNotes: a.fontNotes, brief: c.Brief.options(),
		form: a.form, placement: a.placement, formDate: c.Brief.Date, summaryForm: a.summaryForm}
	r.brief.Simplify = source.Simplify
	return r, nil
}

func runRun(ctx context.Context, c *config, opts *runOptions, stderr io.Writer) error {
	say := func(format string, args ...any) {
		if !opts.quiet {
			fmt.Fprintf(stderr, format, args...)
		}
	}
	if c.note != "" {
		say("%s\n", c.note)
	}
	if !validPeriod(c.Period) {
		return usagef("期间「%s」格式不对，应为 年份+Q+季度，如 2024Q4", c.Period)
	}
	r, err := newRenderer(c)
	if err != nil {
		return err
	}
	if s := installedSummary(r.fontUses); s != "" {
		say("%s\n", s)
	}
	col, err := source.Scan(c.Sources)
	if err != nil {
		return usageError{err}
	}
	files := col.Files
	if len(files) == 0 && len(col.Errors) == 0 {
		return usagef("在 %v 中没有找到报告文件（%s）", c.Sources, source.Extensions())
	}
	x, err := extract.New(c.extractConfig())
	if err != nil {
		return usageError{err}
	}
	if err := os.MkdirAll(c.Out, 0o755); err != nil {
		return fmt.Errorf("无法创建输出文件夹 %s：%v", c.Out, err)
	}
	if err := checkWritable(c.Out); err != nil {
		return err
	}
	lock, err := lockOut(c.Out, say)
	if err != nil {
		return err
	}
	defer lock.release()
	cleanLeftovers(c.Out)

	say("正在读取 %d 份报告……\n", len(files))
	prog := newProgress(stderr, "读取报告", len(files), opts.quiet)
	rs, all := extractSources(ctx, files, x, c.Workers, func(e extracted) { prog.source(e) })
	prog.done()
	if !all || ctx.Err() != nil {
		return interruptedf("运行已中断：尚未生成任何文件")
	}
	// An unreadable folder is one failed source, like an unreadable file.
	for _, e := range col.Errors {
		var se *source.Error
		p := ""
		if errors.As(e, &se) {
			p = se.Path
		}
		rs = append(rs, extracted{path: p, err: e})
	}
	failed := reportFailures(rs, stderr)
	superseded := supersede(rs)
	skip := map[string]bool{}
	for _, s := range superseded {
		skip[s.Path] = true
	}
	order, figs, srcs := unitFigures(rs, skip)
	order, empty := dropEmpty(order, figs)
	rv, err := reviewBind(c, r.set, order, figs, rs, skip)
	if err != nil {
		return err
	}
	order, figs, bound, unbound := rv.unitsOrder(), rv.figs, rv.bound, rv.unbound
	units := make([]report.Unit, len(order))
	for i, name := range order {
		units[i] = report.Unit{Name: name, Period: c.Period, Sources: srcs[name], Figures: figs[name], Bindings: bound[name]}
	}
	rv.addChecks(r.set, units, rs, superseded)
	rep := newRunReport(c.Period, rs, superseded)
	// Levels, last period's values and the checks against them (previous.go).
	prevNotes := attachPrevious(c, units, r.set.Indicators, rep, rv.rejected)
	// The brief's chart compares a unit with units of its level: after
	// attachPrevious has filled Level.
	r.peers = report.NewPeers(units)
	rep.Warnings = append(rep.Warnings, x.ConfigWarnings()...)
	rep.Warnings = append(rep.Warnings, prevNotes...)
	rep.Warnings = append(rep.Warnings, expectedNotes(c)...)
	rep.Warnings = append(rep.Warnings, rv.warnings()...)
	rep.Warnings = append(rep.Warnings, r.fontNotes...)
	rep.Reminders = reminders(expectedUnits(c), units, srcs, r.set.Indicators)
	rep.Skipped = col.Skipped
	if rep.Skipped == nil {
		rep.Skipped = []source.Skip{}
	}
	for _, u := range empty {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s：报告中没有提取到任何数据，未生成汇总表和简报（报告：%s）", u, strings.Join(srcs[u], "、")))
	}

	r.files = report.FileNames(order)
	rep.Warnings = append(rep.Warnings, fileNameWarnings(order, r.files)...)

	// Outputs are written into a staging folder and moved into place as a
	// set at the end (outdir.go): an interrupted run leaves the folder as
	// it was.
	stage, err := newStaging(c.Out)
	if err != nil {
		return err
	}
	defer os.RemoveAll(stage)
	defer report.Stage(stage)()
	r.out = stage

	// Units are rendered on the same bounded pool; an interrupt stops new
	// work while the files being written finish (temp file + rename).
	rep.Units = make([]unitReport, len(units))
	unitProg := newProgress(stderr, "生成文件", len(units), opts.quiet)
	var mu sync.Mutex
	all = forEach(ctx, len(units), c.Workers, func(i int) {
		ur := r.unit(units[i], unbound[units[i].Name])
		rep.Units[i] = ur
		mu.Lock()
		unitProg.unit(ur)
		mu.Unlock()
	})
	unitProg.done()
	if !all || ctx.Err() != nil {
		return interruptedf("运行已中断：输出文件夹未改动，仍是上次运行的结果")
	}

	errs := failed
	for _, u := range rep.Units {
		if u.Error != "" {
			errs++
			fmt.Fprintf(stderr, "错误：%s：%s\n", u.Name, u.Error)
		}
		rep.Warnings = append(rep.Warnings, unitWarnings(u)...)
	}
	// The summary comes last, over every unit's figures, when the run holds
	// the most: collecting more often there keeps the peak memory near the
	// units' (300 units: peak RSS 108 -> 92 MB, CPU the same).
	restoreGC := tightGC()
	notes, err := r.writeSummary(stage, units, rep.Reminders)
	restoreGC()
	rep.Warnings = append(rep.Warnings, notes...)
	if err != nil {
		fmt.Fprintf(stderr, "错误：汇总.xlsx：%v\n", err)
		errs++
	}
	// Approximate values (one per indicator, also review checks) come after
	// the other warnings, so they do not hide one about the run itself.
	slices.SortStableFunc(rep.Warnings, func(a, b string) int {
		return boolInt(strings.Contains(a, "取自约数")) - boolInt(strings.Contains(b, "取自约数"))
	})
	rep.Files = stagedFiles(stage)
	if err := report.WriteAtomic(filepath.Join(stage, "run.json"), func(w io.Writer) error {
		o := newJSONObject(w)
		o.field("period", rep.Period)
		o.field("sources", rep.Sources)
		o.field("skipped", rep.Skipped)
		o.field("warnings", rep.Warnings)
		o.field("superseded", rep.Superseded)
		o.field("files", rep.Files)
		o.field("review", rv.report())
		// Every unit's checks: this period's (review_run.go) and those
		// against last quarter (previous.go).
		o.field("checks", unitChecks(units))
		if rep.Previous != "" {
			o.field("previous", rep.Previous)
		}
		o.field("reminders", rep.Reminders)
		o.field("fonts", r.fontUses)
		if r.form != nil {
			o.field("form", r.formReport())
		}
		o.array("unplaced", len(rep.Unplaced), func(i int) any { return rep.Unplaced[i] })
		if rep.UnplacedMore > 0 {
			o.field("unplaced_more", rep.UnplacedMore)
		}
		o.array("units", len(rep.Units), func(i int) any { return rep.Units[i] })
		return o.close()
	}); err != nil {
		return err
	}
	if err := commitSet(stage, c.Out, rep.Files); err != nil {
		return err
	}

	nFigs, nBound := 0, 0
	for _, u := range rep.Units {
		nFigs += u.Figures
		nBound += len(u.Indicators)
	}
	if s := rv.summary(); s != "" {
		say("%s\n", s)
	}
	say("完成：%d 个单位，%d 份报告（失败 %d 份），%d 项数据，绑定指标 %d 项，警告 %d 条，错误 %d 个。\n",
		len(units), len(files), failed, nFigs, nBound, len(rep.Warnings), errs)
	// The warnings are said on the console, not only counted: the first
	// few, in the order run.json lists them.
	for i, w := range rep.Warnings {
		if i == consoleWarnings {
			say("  …另有 %d 条，见 %s\n", len(rep.Warnings)-consoleWarnings, filepath.Join(c.Out, "run.json"))
			break
		}
		say("  %s\n", w)
	}
	sayPrevious(say, rep)
	if n := len(rep.Skipped); n > 0 {
		say("跳过 %d 个文件（不支持的类型或未跟随的链接），原因见 run.json 的 skipped。\n", n)
	}
	say("输出位置：%s\n", c.Out)
	if errs > 0 {
		return partialError{errs}
	}
	return nil
}

// newRunReport starts run.json with the status of every source, and says
// what a person must check about units: doubts, text with no unit, copies
// and older versions left out.
func newRunReport(period string, rs []extracted, superseded []extract.Superseded) *runReport {
	rep := &runReport{Period: period, Warnings: []string{}, Unplaced: []extract.Figure{}, Superseded: superseded,
		Checks: []mapping.Check{}, Reminders: []report.Reminder{}}
	if rep.Superseded == nil {
		rep.Superseded = []extract.Superseded{}
	}
	by := map[string]extract.Superseded{}
	for _, s := range superseded {
		by[s.Path] = s
	}
	for _, r := range rs {
		st := sourceStatus{Path: r.path, Status: "ok"}
		if r.err != nil {
			st.Status, st.Error = "error", r.err.Error()
			rep.Sources = append(rep.Sources, st)
			continue
		}
		st.Units, st.Figures, st.Doubt = r.doc.Units, len(r.doc.Figures), r.doc.Doubt
		st.Outside, st.OutsideMore = capFigures(r.doc.Outside)
		if s, ok := by[r.path]; ok {
			st.Status = "superseded"
			if s.Kind == "相同副本" {
				rep.Warnings = append(rep.Warnings, fmt.Sprintf("重复报告：%s 与 %s 内容相同，只用后者", r.path, s.By))
			} else {
				w := fmt.Sprintf("旧版本：%s 是 %s 的旧版本，只用后者", r.path, s.By)
				if len(s.Changed) > 0 {
					w += "；两版不同的数据：" + strings.Join(s.Changed, "；")
				}
				rep.Warnings = append(rep.Warnings, w)
			}
			rep.Sources = append(rep.Sources, st)
			continue
		}
		switch {
		case len(r.doc.Figures) == 0 && len(r.doc.Outside) == 0:
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s：没有提取到任何数据（正文中没有带量词的数字：请确认这是工作报告，数据不在图片或附件里）", r.path))
		case slices.Contains(r.doc.Units, extract.Unknown):
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("未识别单位：%s 中找不到所属单位，%d 项数据未生成简报，列在 run.json 的 unplaced 中待核（每份报告最多列 %d 项）；可在 config.yaml 的 units 中配置", r.path, len(r.doc.Figures), maxListed))
			listed, more := capFigures(r.doc.Figures)
			rep.Unplaced = append(rep.Unplaced, listed...)
			rep.UnplacedMore += more
		case r.doc.Doubt != nil:
			d := r.doc.Doubt
			w := fmt.Sprintf("单位存疑：%s 判为 %s", r.path, d.Unit)
			if d.RunnerUp != "" {
				w += "（次选 " + d.RunnerUp + "）"
			}
			w += "，" + d.Reason
			if len(d.Evidence) > 0 {
				w += "；依据：" + strings.Join(d.Evidence, "；")
			}
			rep.Warnings = append(rep.Warnings, w)
		}
		if n := len(r.doc.Outside); n > 0 {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s：%d 项数据属于全省（全国）范围，不计入任何单位", r.path, n))
		}
		rep.Sources = append(rep.Sources, st)
	}
	return rep
}

// unit writes one unit's workbook and brief.
func (r *renderer) unit(u report.Unit, unbound []extract.Figure) unitReport {
	base, ok := r.files[u.Name]
	if !ok {
		base = report.FileName(u.Name)
	}
	ur := unitReport{
		Name: u.Name, Workbook: base + ".xlsx", Brief: base + ".pdf",
		Sources: u.Sources, Figures: len(u.Figures), Indicators: u.Bindings,
		Empty: []string{},
	}
	ur.Unbound, ur.UnboundMore = capFigures(unbound)
	if ur.Indicators == nil {
		ur.Indicators = []mapping.Binding{}
	}
	if ur.Unbound == nil {
		ur.Unbound = []extract.Figure{}
	}
	have := map[string]bool{}
	for _, b := range u.Bindings {
		have[b.ID] = true
	}
	for _, ind := range r.set.Indicators {
		if !have[ind.ID] {
			ur.Empty = append(ur.Empty, ind.ID)
		}
	}
	if r.form != nil {
		if err := r.formUnit(u, &ur); err != nil {
			ur.Error = err.Error()
			return ur
		}
	} else if err := report.WriteWorkbook(r.workbook, filepath.Join(r.out, ur.Workbook), u, r.set.Indicators); err != nil {
		ur.Error = err.Error()
		return ur
	}
	// 环比 is a sheet of the project's own workbook, written with it: the
	// province's form gets nothing it did not have (issue 10), so with a
	// form it is in the 明细 workbook.
	// The brief and the 核对单 are written together: they share their
	// font subsets, which are then compressed once.
	var pdfs report.PDFSet
	if err := pdfs.AddBrief(filepath.Join(r.out, ur.Brief), r.fonts, u, r.set.Indicators, r.peers, r.brief); err != nil {
		ur.Error = err.Error()
	}
	if err := pdfs.AddChecklist(filepath.Join(r.out, base+"-核对单.pdf"), r.fonts, u, r.set.Indicators, r.brief.Simplify); err != nil && ur.Error == "" {
		ur.Error = err.Error()
	}
	if err := pdfs.Write(); err != nil && ur.Error == "" {
		ur.Error = err.Error()
	}
	return ur
}

// tightGC sets a low garbage-collection target (GOGC 40) until the
// function it returns is called, unless the user chose one (GOGC set, or
// collection off).
func tightGC() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(40)
	if old < 0 {
		debug.SetGCPercent(old)
	}
	return func() { debug.SetGCPercent(old) }
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// checkWritable fails early, before any work, when out cannot be written.
func checkWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".djreport-check-*")
	if err != nil {
		return fmt.Errorf("输出文件夹 %s 无法写入：%v", dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

func validPeriod(p string) bool {
	if len(p) != 6 || p[4] != 'Q' || p[5] < '1' || p[5] > '4' {
		return false
	}
	for _, c := range p[:4] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// fileNameWarnings say which units' files are not named after the unit
// as it is: names shared by two units, names too long for a file.
func fileNameWarnings(order []string, files map[string]string) []string {
	var out []string
	for _, name := range order {
		f := files[name]
		switch {
		case f != report.FileName(name):
			out = append(out, fmt.Sprintf("文件名：单位「%s」与其他单位的文件名相同（%s），其文件改名为 %s.xlsx、%s.pdf", name, report.FileName(name), f, f))
		case len(name) > 200:
			out = append(out, fmt.Sprintf("文件名：单位「%s…」名称过长，文件名缩短为 %s.xlsx、%s.pdf", string([]rune(name)[:30]), f, f))
		case report.NamesOtherFile(name):
			out = append(out, fmt.Sprintf("文件名：单位「%s」的名称与本次运行的其他文件（汇总.xlsx、各单位的核对单、明细）重名，其文件改名为 %s.xlsx、%s.pdf", name, f, f))
		}
	}
	return out
}

// unitWarnings are what a person should check in one unit's outputs:
// values taken from approximate figures, rates over 100%, a unit with
// figures but no standard indicator.
func unitWarnings(u unitReport) []string {
	var out []string
	if u.Figures > 0 && len(u.Indicators) == 0 {
		out = append(out, fmt.Sprintf("%s：有 %d 项数据，但没有一项对应标准指标，请核对映射规则", u.Name, u.Figures))
	}
	for _, b := range u.Indicators {
		if b.Qualifier != "" {
			out = append(out, fmt.Sprintf("%s：指标 %s 取自约数「%s」（%s:%d），请核对", u.Name, b.ID, b.Text, b.Source, b.Line))
		}
		if b.Measure == "%" && b.Value > 100 {
			out = append(out, fmt.Sprintf("%s：指标 %s 的比率 %v%% 超过 100%%（%s:%d）", u.Name, b.ID, b.Value, b.Source, b.Line))
		}
	}
	return out
}
