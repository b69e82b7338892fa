package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"djreport/extract"
	"djreport/mapping"
	"djreport/report"
	"djreport/source"
)

// previousPeriod is the quarter before p (2024Q1 -> 2023Q4); p is valid.
func previousPeriod(p string) string {
	year, _ := strconv.Atoi(p[:4])
	q := int(p[5] - '0')
	if q == 1 {
		return fmt.Sprintf("%04dQ4", year-1)
	}
	return fmt.Sprintf("%04dQ%d", year, q-1)
}

// previousPath is the previous period's run.json: previous: in config.yaml
// or --previous when given (explicit), else out/<previous period>/run.json
// beside this period's output folder when that is out/<period>/, else under
// the config file's folder.
func (c *config) previousPath() (path string, explicit bool) {
	if c.Previous != "" {
		return c.Previous, true
	}
	prev := previousPeriod(c.Period)
	if filepath.Base(c.Out) == c.Period {
		return filepath.Join(filepath.Dir(c.Out), prev, "run.json"), false
	}
	base := "."
	if c.path != "" {
		if abs, err := filepath.Abs(c.path); err == nil {
			base = filepath.Dir(abs)
		}
	}
	return filepath.Join(base, "out", prev, "run.json"), false
}

// previousRun is what a run needs of last period's run.json.
type previousRun struct {
	path, period string
	units        map[string]map[string]report.Prior
	// sentences of the bound figures, by unit and indicator: a running
	// total (累计) is known by its wording.
	sentences map[string]map[string]string
}

// previousJSON is the part of run.json read back.
type previousJSON struct {
	Period string `json:"period"`
	Units  []struct {
		Name       string            `json:"name"`
		Indicators []mapping.Binding `json:"indicators"`
		Empty      []string          `json:"empty_indicators"`
		Error      string            `json:"error"`
	} `json:"units"`
}

// readPrevious reads last period's run.json. A file that is missing,
// corrupt, of another period or another indicator catalogue gives a Chinese
// message naming it and nil: the run goes on without 环比. A catalogue that
// only partly differs is compared on the indicators both have, and said.
func readPrevious(path string, explicit bool, period string, cat []mapping.Indicator) (*previousRun, []string) {
	want := previousPeriod(period)
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !explicit {
			// The advice names the folder looked in, so following it makes
			// the file this run looks for (a config whose out: is one
			// fixed folder would otherwise overwrite this quarter).
			return nil, []string{fmt.Sprintf("环比：未找到上一季度（%s）的 run.json（%s），本期不作环比；先运行上一季度（djreport run --period %s --sources <上季度报告> --out %s），或在 config.yaml 的 previous: 或 --previous 中指定", want, path, want, filepath.Dir(path))}
		}
		return nil, []string{fmt.Sprintf("环比：无法读取上期 run.json %s：%s；本期不作环比", path, source.OSReason(err))}
	}
	var pj previousJSON
	if err := json.Unmarshal(data, &pj); err != nil {
		return nil, []string{fmt.Sprintf("环比：上期 run.json %s 已损坏（%s），本期不作环比", path, jsonReason(data, err))}
	}
	if pj.Period == "" || pj.Units == nil {
		return nil, []string{fmt.Sprintf("环比：%s 不是 djreport 生成的 run.json（没有 period 或 units），本期不作环比", path)}
	}
	if pj.Period != want {
		return nil, []string{fmt.Sprintf("环比：上期 run.json %s 是 %s 的结果，不是上一季度 %s，本期不作环比", path, pj.Period, want)}
	}
	known := map[string]bool{}
	for _, ind := range cat {
		known[ind.ID] = true
	}
	theirs := map[string]bool{}
	for _, u := range pj.Units {
		for _, b := range u.Indicators {
			theirs[b.ID] = true
		}
		for _, id := range u.Empty {
			theirs[id] = true
		}
	}
	var common, foreign []string
	for id := range theirs {
		if known[id] {
			common = append(common, id)
		} else {
			foreign = append(foreign, id)
		}
	}
	slices.Sort(foreign)
	if len(theirs) > 0 && len(common) == 0 {
		return nil, []string{fmt.Sprintf("环比：上期 run.json %s 来自另一套指标目录（指标编号 %s 等与本期的映射文件都不相同），本期不作环比", path, strings.Join(foreign[:min(3, len(foreign))], "、"))}
	}
	var notes []string
	if len(foreign) > 0 {
		notes = append(notes, fmt.Sprintf("环比：上期 run.json %s 中的指标 %s 不在本期的指标目录中，不作比较", path, strings.Join(foreign, "、")))
	}
	prev := &previousRun{path: path, period: pj.Period, units: map[string]map[string]report.Prior{}, sentences: map[string]map[string]string{}}
	for _, u := range pj.Units {
		if u.Error != "" {
			continue // its outputs failed; its values were still bound
		}
		m := map[string]report.Prior{}
		s := map[string]string{}
		for _, b := range u.Indicators {
			if !known[b.ID] || math.IsNaN(b.Value) {
				continue
			}
			// run.json keeps the source's characters; every output that
			// quotes last quarter's wording (环比 sheets, brief, checks)
			// writes simplified characters.
			m[b.ID] = report.Prior{Period: pj.Period, Value: b.Value, Measure: b.Measure, Qualifier: b.Qualifier, Text: source.Simplify(b.Text)}
			s[b.ID] = source.Simplify(b.Sentence)
		}
		prev.units[u.Name] = m
		prev.sentences[u.Name] = s
	}
	return prev, notes
}

// jsonReason says where a JSON file is broken, by line.
func jsonReason(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		if strings.Contains(se.Error(), "unexpected end") {
			return "文件不完整，可能没有写完"
		}
		off = se.Offset
	case errors.As(err, &te):
		return fmt.Sprintf("字段 %s 的类型不对", te.Field)
	}
	if off < 0 {
		return "不是有效的 JSON"
	}
	line := 1 + bytes.Count(data[:min(int(off), len(data))], []byte("\n"))
	return fmt.Sprintf("第 %d 行不是有效的 JSON", line)
}

// attachPrevious fills each unit's level, parent, last period's values and
// the checks against them, and records in rep the run.json used and the
// checks. It returns the messages about the previous run.json.
// rejected are the indicators each unit's reviewer rejected.
func attachPrevious(c *config, units []report.Unit, cat []mapping.Indicator, rep *runReport, rejected map[string][]string) []string {
	names := make([]string, len(units))
	for i, u := range units {
		names[i] = u.Name
	}
	for i := range units {
		units[i].Level, units[i].Parent = extract.UnitLevel(units[i].Name, names)
	}
	path, explicit := c.previousPath()
	prev, notes := readPrevious(path, explicit, c.Period, cat)
	if prev == nil {
		return notes
	}
	rep.Previous = prev.path
	// A unit that reported last quarter and sent nothing now is worth a
	// reminder even when config.yaml lists no expected units.
	now := map[string]bool{}
	for _, n := range names {
		now[n] = true
	}
	var gone []string
	for n := range prev.units {
		if !now[n] && n != extract.Unknown {
			gone = append(gone, n)
		}
	}
	slices.Sort(gone)
	if len(gone) > 0 {
		notes = append(notes, fmt.Sprintf("环比：%s 上期（%s）有报告，本期没有：请确认是否未报送", strings.Join(gone, "、"), prev.period))
	}
	for i := range units {
		u := &units[i]
		pv, ok := prev.units[u.Name]
		if !ok {
			continue
		}
		u.Previous = pv
		cs := previousChecks(*u, prev.sentences[u.Name], cat, rejected[u.Name])
		u.Checks = append(u.Checks, cs...)
		rep.Checks = append(rep.Checks, cs...)
	}
	return notes
}

// sayPrevious tells on the console what 环比 and 催报 found.
func sayPrevious(say func(string, ...any), rep *runReport) {
	if rep.Previous != "" {
		say("环比：与 %s 比较，需核对 %d 处（见 run.json 的 checks）。\n", rep.Previous, len(rep.Checks))
		for i, c := range rep.Checks {
			if i == consoleWarnings {
				say("  …另有 %d 处\n", len(rep.Checks)-consoleWarnings)
				break
			}
			say("  %s\n", c.Message)
		}
	}
	var not, part []string
	for _, r := range rep.Reminders {
		if r.Status == report.NotReported {
			not = append(not, r.Unit)
		} else {
			part = append(part, r.Unit+"（"+strings.Join(r.MissingLabels, "、")+"）")
		}
	}
	if len(not) > 0 {
		say("催报：未报送 %d 个单位：%s\n", len(not), strings.Join(not, "、"))
	}
	if len(part) > 0 {
		say("催报：缺少重点指标 %d 个单位：%s\n", len(part), strings.Join(part, "、"))
	}
}

// previousChecks compare a unit's values with last quarter's: a value ten
// times or a tenth of the last (a 万/亿 slip), a running total that fell
// within the year, an indicator reported last quarter and not now (or
// rejected, the ids in rejected, by the reviewer). Values are written as
// used, officially and in simplified characters: a source's own wording
// may be traditional and a correction has none.
func previousChecks(u report.Unit, sentences map[string]string, cat []mapping.Indicator, rejected []string) []mapping.Check {
	cur := map[string]mapping.Binding{}
	for _, b := range u.Bindings {
		cur[b.ID] = b
	}
	sameYear := len(u.Period) == 6 && u.Period[5] != '1'
	var out []mapping.Check
	for _, ind := range cat {
		p, had := u.Previous[ind.ID]
		if !had {
			continue
		}
		b, has := cur[ind.ID]
		check := mapping.Check{Unit: u.Name, Indicator: ind.ID}
		if has && len(b.Figures) > 0 {
			check.Figure = b.Figures[0]
		}
		now, then := report.FormatOfficial(b.Value, b.Measure, b.Qualifier), report.FormatOfficial(p.Value, p.Measure, p.Qualifier)
		switch {
		case !has && slices.Contains(rejected, ind.ID):
			check.Kind = "vs_previous_gone"
			check.Message = fmt.Sprintf("%s：%s 上期为 %s，本期审核时不采用：请确认本期确无此项", u.Name, ind.Label, then)
		case !has:
			check.Kind = "vs_previous_gone"
			check.Message = fmt.Sprintf("%s：%s 上期为 %s，本期报告中没有找到：请核对是否漏报，或未能识别", u.Name, ind.Label, then)
		case b.Measure != p.Measure:
			continue // not comparable; the 环比 sheet says so
		case p.Value != 0 && b.Value != 0 && (b.Value/p.Value >= 10 || b.Value/p.Value <= 0.1):
			check.Kind = "vs_previous_jump"
			check.Message = fmt.Sprintf("%s：%s 本期 %s，上期 %s，相差十倍以上：请核对是否万、亿写错（%s:%d）", u.Name, ind.Label, now, then, b.Source, b.Line)
		case b.Value < p.Value && sameYear && (ind.Kind == mapping.KindCumulative ||
			(mapping.CumulativeWord(b.Sentence, b.Text) != "" && mapping.CumulativeWord(sentences[ind.ID], u.Previous[ind.ID].Text) != "")):
			check.Kind = "vs_previous_fell"
			check.Message = fmt.Sprintf("%s：%s 是累计数，本期 %s 少于上期 %s：请核对口径（%s:%d）", u.Name, ind.Label, now, then, b.Source, b.Line)
		default:
			continue
		}
		out = append(out, check)
	}
	return out
}

// reminders is the 催报 list: the expected units (config.yaml expected:)
// with no source this period, and those lacking a key indicator.
func reminders(expected []string, units []report.Unit, srcs map[string][]string, cat []mapping.Indicator) []report.Reminder {
	byName := map[string]*report.Unit{}
	for i := range units {
		byName[units[i].Name] = &units[i]
	}
	out := []report.Reminder{} // run.json lists [] rather than null
	for _, name := range expected {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		u, ok := byName[name]
		if !ok && len(srcs[name]) == 0 {
			level, parent := extract.UnitLevel(name, expected)
			out = append(out, report.Reminder{Unit: name, Status: report.NotReported, Level: level, Parent: parent})
			continue
		}
		have := map[string]bool{}
		if u != nil {
			for _, b := range u.Bindings {
				have[b.ID] = true
			}
		}
		r := report.Reminder{Unit: name, Status: report.Incomplete}
		if u != nil {
			r.Level, r.Parent = u.Level, u.Parent
		}
		for _, ind := range cat {
			if ind.Key && !have[ind.ID] {
				r.Missing = append(r.Missing, ind.ID)
				r.MissingLabels = append(r.MissingLabels, ind.Label)
			}
		}
		if len(r.Missing) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// kindNotes say which indicators declare no kind: 汇总 does not add them up,
// which is safe but may not be what staff meant.
func kindNotes(set *mapping.Set) []string {
	var ids []string
	for _, ind := range set.Indicators {
		if ind.Kind == "" {
			ids = append(ids, ind.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	return []string{fmt.Sprintf("指标 %s 没有声明 kind（%s），汇总.xlsx 不作合计", strings.Join(ids, "、"), strings.Join(mapping.Kinds, "、"))}
}

// expectedNotes say which names in expected: are no unit djreport can
// report on (neither a division's full name nor a configured unit), with
// the full name when a short one was written: such a unit would be listed
// as 未报送 every quarter.
func expectedNotes(c *config) []string {
	configured := map[string]bool{}
	for _, u := range c.Units {
		configured[u.Name] = true
	}
	var out []string
	for _, name := range expectedUnits(c) {
		if configured[name] {
			continue
		}
		if level, _ := extract.UnitLevel(name, nil); level != "" {
			continue
		}
		where := "expected"
		if c.path != "" {
			where = c.path + " 的 expected"
		}
		msg := fmt.Sprintf("%s 中的「%s」不是已知的单位全称，各期都会列为未报送", where, name)
		var full []string
		for _, d := range extract.Gazetteer().Lookup(name) {
			if !slices.Contains(full, d.Name) {
				full = append(full, d.Name)
			}
		}
		if len(full) > 0 {
			msg += "；是不是「" + strings.Join(full, "」或「") + "」？"
		}
		out = append(out, msg)
	}
	return out
}

// expectedUnits is config.yaml's expected: list. From the environment
// (DJREPORT_EXPECTED="宁波市 慈溪市") it is one string: unit names hold no
// space or comma, so those separate names.
func expectedUnits(c *config) []string {
	var out []string
	for _, item := range c.Expected {
		out = append(out, strings.FieldsFunc(item, func(r rune) bool {
			return r == ' ' || r == ',' || r == '，' || r == '、' || r == '\t'
		})...)
	}
	return out
}
