package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"djreport/extract"
	"djreport/mapping"
	"djreport/report"
)

// This file is how `djreport run` applies the period's review decisions
// (review/<period>.yaml) and makes the checks of run.json; run.go calls it
// in a few lines.

// reviewed is a run's units after the review decisions.
type reviewed struct {
	file    string // the decisions file, "" when there is none
	found   bool   // whether the file exists
	total   int    // decisions in the file
	order   []string
	figs    map[string][]extract.Figure
	bound   map[string][]mapping.Binding
	unbound map[string][]extract.Figure
	applied int
	stale   []mapping.Stale
	// rejected are the indicators rejected per unit, for 环比.
	rejected map[string][]string
}

// baseDir is the folder relative paths of the review file start from: the
// config file's, else the current folder.
func (c *config) baseDir() string {
	if c.path != "" {
		if abs, err := filepath.Abs(c.path); err == nil {
			return filepath.Dir(abs)
		}
	}
	wd, _ := os.Getwd()
	return wd
}

// loadRunReview reads and validates the decisions file of c's period; a
// missing file is no decisions.
func loadRunReview(c *config, set *mapping.Set) (*mapping.Review, bool, error) {
	_, err := os.Stat(c.Review)
	found := err == nil
	r, err := mapping.LoadReview(c.Review, c.Period)
	if err != nil {
		return nil, false, usagef("审核文件有误：\n%v", err)
	}
	if err := r.Validate(c.Review, set, c.Period); err != nil {
		return nil, false, usagef("审核文件有误：\n%v", err)
	}
	// Sources are written relative to config.yaml's folder; the run
	// knows them by their full path.
	r.ResolveSources(c.baseDir())
	return r, found, nil
}

// reviewBind binds the units' figures with the decisions applied; it takes
// the place of bindAll in a run.
func reviewBind(c *config, set *mapping.Set, order []string, figs map[string][]extract.Figure, rs []extracted, skip map[string]bool) (*reviewed, error) {
	r, found, err := loadRunReview(c, set)
	if err != nil {
		return nil, err
	}
	in := mapping.ReviewInput{Order: order, Figures: figs}
	live := map[string]bool{}
	for _, x := range rs {
		if x.err != nil || skip[x.path] {
			continue
		}
		if abs, err := filepath.Abs(x.path); err == nil {
			live[abs] = true
		}
		in.Other = append(in.Other, x.doc.Outside...)
		for _, f := range x.doc.Figures {
			if f.Unit == extract.Unknown {
				in.Other = append(in.Other, f)
			}
		}
	}
	in.SourceExists = func(p string) bool {
		abs, err := filepath.Abs(p)
		return err == nil && live[abs]
	}
	out := r.Apply(c.Review, set, in)
	return &reviewed{file: c.Review, found: found, total: len(r.Decisions), order: out.Order, figs: out.Figures,
		bound: out.Bound, unbound: out.Unbound, applied: out.Applied, stale: out.Stale, rejected: out.Rejected}, nil
}

// addChecks computes each unit's checks of the current period (and the
// stale decisions about it) into units[i].Checks; checks of other kinds
// (against the previous period) are appended there too, and run.json
// lists them all (unitChecks).
func (rv *reviewed) addChecks(set *mapping.Set, units []report.Unit, rs []extracted, superseded []extract.Superseded) {
	doubts := map[string]*extract.Doubt{}
	for _, x := range rs {
		if x.err == nil && x.doc.Doubt != nil {
			doubts[x.path] = x.doc.Doubt
		}
	}
	for i := range units {
		u := &units[i]
		u.Checks = append(mapping.StaleChecks(u.Name, rv.stale), mapping.Checks(set, mapping.CheckInput{
			Unit: u.Name, Bound: u.Bindings, Sources: u.Sources, Doubts: doubts, Superseded: superseded,
		})...)
	}
}

// unitChecks are run.json's checks: every unit's, in unit order.
func unitChecks(units []report.Unit) []mapping.Check {
	out := []mapping.Check{}
	for _, u := range units {
		out = append(out, u.Checks...)
	}
	return out
}

// warnings are the stale decisions, for the console and run.json.
func (rv *reviewed) warnings() []string {
	var out []string
	for _, s := range rv.stale {
		out = append(out, s.String())
	}
	return out
}

// reviewReport is run.json's review: which file, what was applied, what
// was not and why.
type reviewReport struct {
	File    string          `json:"file"`
	Exists  bool            `json:"exists"`
	Total   int             `json:"decisions"`
	Applied int             `json:"applied"`
	Stale   []mapping.Stale `json:"stale"`
}

func (rv *reviewed) report() reviewReport {
	return reviewReport{File: rv.file, Exists: rv.found, Total: rv.total, Applied: rv.applied, Stale: append([]mapping.Stale{}, rv.stale...)}
}

// summary is the console line about the review file, "" when there is
// none.
func (rv *reviewed) summary() string {
	if !rv.found {
		return ""
	}
	s := fmt.Sprintf("审核决定：%s 中 %d 项，已应用 %d 项", rv.file, rv.total, rv.applied)
	if n := len(rv.stale); n > 0 {
		s += fmt.Sprintf("，%d 项未应用（见下方警告和 run.json 的 review.stale）", n)
	}
	return s
}

// unitsOrder keeps the units that still have figures after the decisions
// (a unit whose every figure was rejected or moved gets no outputs).
func (rv *reviewed) unitsOrder() []string {
	return slices.DeleteFunc(slices.Clone(rv.order), func(u string) bool { return len(rv.figs[u]) == 0 })
}
