package mapping

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"djreport/extract"
	"djreport/source"
)

// ReviewInput is what the decisions apply to: a run's units and figures
// before binding.
type ReviewInput struct {
	Order   []string                    // units, in the run's order
	Figures map[string][]extract.Figure // each unit's figures, in document order
	// Other are figures of the run listed for no unit (a province's
	// totals, text whose unit was not found): a decision may move one to a
	// unit.
	Other []extract.Figure
	// SourceExists says whether an added figure's source file is still
	// there; nil: every source is.
	SourceExists func(path string) bool
	// Read reads an added figure's source, to find its quote and sentence;
	// nil: source.Read.
	Read func(path string) (*source.Document, error)
}

// all yields every figure of the input, listed for a unit or not.
func (in *ReviewInput) all(yield func(extract.Figure) bool) {
	for _, u := range in.Order {
		for _, f := range in.Figures[u] {
			if !yield(f) {
				return
			}
		}
	}
	for _, f := range in.Other {
		if !yield(f) {
			return
		}
	}
}

// ReviewOutcome is the run after the decisions: what the outputs show.
type ReviewOutcome struct {
	Order   []string
	Figures map[string][]extract.Figure // rejected figures left out
	Bound   map[string][]Binding        // in catalogue order
	Unbound map[string][]extract.Figure
	Applied int     // decisions that took effect
	Stale   []Stale // decisions not applied, with the reason
	// Rejected are the indicators each unit's reviewer rejected (decisions
	// on the indicator): a value missing there is 不采用, not 漏报.
	Rejected map[string][]string
}

// Stale is a decision that could not be applied: its figure or source is no
// longer there, its unit has no report this period, or what it confirms is
// gone. It is reported, never applied silently.
type Stale struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Unit      string `json:"unit"`
	Indicator string `json:"indicator,omitempty"`
	Figure    string `json:"figure,omitempty"`
	Action    string `json:"action"`
	Reason    string `json:"reason"` // Chinese
}

func (s Stale) String() string {
	what := s.Indicator
	if s.Figure != "" {
		what = "数据 " + s.Figure
	}
	where := s.File
	if s.Line > 0 {
		where = fmt.Sprintf("%s:%d", s.File, s.Line)
	}
	return fmt.Sprintf("审核决定未应用：%s：%s %s（%s）：%s", where, s.Unit, what, s.Action, s.Reason)
}

// AddedID is the figure id of a figure a reviewer added: stable for the
// same decision, and unlike any id the extraction gives (those are 12 hex
// digits).
func AddedID(d *Decision) string {
	h := sha256.Sum256([]byte(d.Key()))
	return "add-" + hex.EncodeToString(h[:6])
}

// manualOf is the provenance a decision gives a bound value.
func manualOf(d *Decision) *Manual {
	return &Manual{Action: d.Action, By: d.By, At: d.At, Note: d.Note}
}

// manualRank orders provenances when a binding has several figures: a
// made value outranks a confirmed one.
func manualRank(m *Manual) int {
	switch m.Action {
	case ActionAccept:
		return 1
	case ActionMove:
		return 2
	default:
		return 3
	}
}

// Apply binds the run's figures with the decisions of r (read from file)
// applied, deterministically: figure decisions first (in file order), then
// binding, then the decisions on indicators. A later decision with the same
// key as an earlier one replaces it.
func (r *Review) Apply(file string, set *Set, in ReviewInput) *ReviewOutcome {
	out := &ReviewOutcome{
		Order:    slices.Clone(in.Order),
		Figures:  map[string][]extract.Figure{},
		Bound:    map[string][]Binding{},
		Unbound:  map[string][]extract.Figure{},
		Rejected: map[string][]string{},
	}
	inRun := map[string]bool{}
	for _, u := range in.Order {
		out.Figures[u] = slices.Clone(in.Figures[u])
		inRun[u] = true
	}
	stale := func(d *Decision, format string, args ...any) {
		out.Stale = append(out.Stale, Stale{File: file, Line: d.FileLine, Unit: d.Unit, Indicator: d.Indicator, Figure: d.Figure, Action: d.Action, Reason: fmt.Sprintf(format, args...)})
	}
	noUnit := func(d *Decision, u string) {
		msg := fmt.Sprintf("单位「%s」本期没有报告", u)
		if s := Suggest(u, in.Order); s != "" {
			msg += fmt.Sprintf("，是不是「%s」？", s)
		}
		stale(d, "%s", msg)
	}

	// The last decision per key is the one that counts.
	last := map[string]int{}
	for i := range r.Decisions {
		last[r.Decisions[i].Key()] = i
	}
	var decisions []*Decision
	for i := range r.Decisions {
		d := &r.Decisions[i]
		if last[d.Key()] != i {
			stale(d, "同一项在第 %d 行又有决定，以后者为准", r.Decisions[last[d.Key()]].FileLine)
			continue
		}
		decisions = append(decisions, d)
	}

	// Where each figure is: unit and index, or in Other.
	type place struct {
		unit string
		i    int
	}
	where := func(id string) (place, bool) {
		for _, u := range out.Order {
			for i := range out.Figures[u] {
				if out.Figures[u][i].ID == id {
					return place{u, i}, true
				}
			}
		}
		return place{}, false
	}
	removed := map[string]bool{}
	forced := map[string]string{} // figure id -> indicator id
	manual := map[string]*Manual{}
	var forcedOrder []string

	for _, d := range decisions {
		if d.Figure == "" && d.Action != ActionAdd {
			continue
		}
		if d.Action == ActionAdd {
			if !inRun[d.Unit] {
				noUnit(d, d.Unit)
				continue
			}
			if in.SourceExists != nil && !in.SourceExists(d.Source) {
				stale(d, "来源文件 %s 不存在（或不在本期报告中）", d.Source)
				continue
			}
			f := extract.Figure{ID: AddedID(d), Unit: d.Unit, Value: float64(*d.Value), Measure: d.Measure, Source: d.Source, Line: d.Line}
			if ind, ok := set.ByID(d.Indicator); ok {
				f.Section = ind.Section
				if f.Measure == "" {
					f.Measure = ind.Measure
				}
			}
			if d.ToSection != "" {
				f.Section = extract.Section(d.ToSection)
			}
			q, why := resolveQuote(d, f.Value, f.Measure, in.Read, in.all)
			if why != "" {
				stale(d, "%s", why)
				continue
			}
			f.Text, f.Qualifier, f.Sentence, f.Span, f.InSentence = q.text, q.qualifier, q.sentence, q.span, q.inSentence
			out.Figures[d.Unit] = append(out.Figures[d.Unit], f)
			manual[f.ID] = manualOf(d)
			if d.Indicator != "" {
				forced[f.ID] = d.Indicator
				forcedOrder = append(forcedOrder, f.ID)
			}
			out.Applied++
			continue
		}
		p, ok := where(d.Figure)
		if !ok {
			var other *extract.Figure
			for i := range in.Other {
				if in.Other[i].ID == d.Figure {
					other = &in.Other[i]
				}
			}
			switch {
			case other == nil:
				stale(d, "数据 %s 已不在报告中（报告可能已修改），请重新核对", d.Figure)
				continue
			case d.Action == ActionMove && d.ToUnit != "":
				if !inRun[d.ToUnit] {
					noUnit(d, d.ToUnit)
					continue
				}
				f := *other
				f.Unit = d.ToUnit
				out.Figures[d.ToUnit] = append(out.Figures[d.ToUnit], f)
				p = place{d.ToUnit, len(out.Figures[d.ToUnit]) - 1}
			default:
				// Not printed for any unit already: accept, correct or
				// reject change nothing the outputs show.
				out.Applied++
				continue
			}
		}
		f := &out.Figures[p.unit][p.i]
		switch d.Action {
		case ActionReject:
			removed[f.ID] = true
		case ActionAccept:
			manual[f.ID] = manualOf(d)
		case ActionCorrect:
			m := manualOf(d)
			orig := f.Value
			m.Original = &orig
			f.Value = float64(*d.Value)
			if d.Measure != "" {
				f.Measure = d.Measure
			}
			manual[f.ID] = m
		case ActionMove:
			if d.ToSection != "" {
				f.Section = extract.Section(d.ToSection)
			}
			if d.ToUnit != "" && d.ToUnit != p.unit {
				if !inRun[d.ToUnit] {
					noUnit(d, d.ToUnit)
					continue
				}
				moved := *f
				moved.Unit = d.ToUnit
				out.Figures[p.unit] = slices.Delete(out.Figures[p.unit], p.i, p.i+1)
				out.Figures[d.ToUnit] = append(out.Figures[d.ToUnit], moved)
			}
			if d.ToIndicator != "" {
				forced[d.Figure] = d.ToIndicator
				forcedOrder = append(forcedOrder, d.Figure)
			}
			manual[d.Figure] = manualOf(d)
		}
		out.Applied++
	}

	// Binding, with the forced figures set aside.
	for _, u := range out.Order {
		var kept, free []extract.Figure
		for _, f := range out.Figures[u] {
			if removed[f.ID] {
				continue
			}
			kept = append(kept, f)
			if _, ok := forced[f.ID]; !ok {
				free = append(free, f)
			}
		}
		out.Figures[u] = kept
		b, rest := set.Bind(u, free)
		out.Bound[u], out.Unbound[u] = b, rest
	}
	for _, id := range forcedOrder {
		p, ok := where(id)
		if !ok || removed[id] {
			continue
		}
		nb := out.bindingOf(set, forced[id], out.Figures[p.unit][p.i])
		if m := manual[id]; m != nil {
			c := *m
			nb.Manual = &c
		}
		out.place(set, p.unit, nb)
	}
	for _, u := range out.Order {
		for k := range out.Bound[u] {
			b := &out.Bound[u][k]
			for _, id := range b.Figures {
				m := manual[id]
				if m == nil || b.Manual != nil && manualRank(b.Manual) >= manualRank(m) {
					continue
				}
				c := *m
				if c.Original != nil && len(b.Figures) > 1 {
					c.Original = nil // one part of a sum was corrected
				}
				b.Manual = &c
			}
		}
	}

	// Decisions on indicators act on the bound values.
	for _, d := range decisions {
		if d.Figure != "" || d.Action == ActionAdd {
			continue
		}
		if !inRun[d.Unit] {
			noUnit(d, d.Unit)
			continue
		}
		k := slices.IndexFunc(out.Bound[d.Unit], func(b Binding) bool { return b.ID == d.Indicator })
		switch d.Action {
		case ActionAccept:
			if k < 0 {
				stale(d, "指标 %s 本期没有取值，无可确认", d.Indicator)
				continue
			}
			out.Bound[d.Unit][k].Manual = manualOf(d)
		case ActionCorrect:
			m := manualOf(d)
			if k < 0 {
				ind, _ := set.ByID(d.Indicator)
				b := Binding{Unit: d.Unit, ID: d.Indicator, Value: float64(*d.Value), Measure: ind.Measure, Source: file, Line: d.FileLine, Figures: []string{}, Manual: m}
				if d.Measure != "" {
					b.Measure = d.Measure
				}
				b.Text = FormatNumber(b.Value) + b.Measure
				if d.Source != "" {
					q, why := resolveQuote(d, b.Value, b.Measure, in.Read, in.all)
					if why != "" {
						stale(d, "%s", why)
						continue
					}
					b.Source, b.Line, b.Text, b.Qualifier, b.Sentence, b.Span = d.Source, d.Line, q.text, q.qualifier, q.sentence, q.span
				}
				out.place(set, d.Unit, b)
				break
			}
			b := &out.Bound[d.Unit][k]
			orig := b.Value
			m.Original = &orig
			b.Value = float64(*d.Value)
			if d.Measure != "" {
				b.Measure = d.Measure
			}
			b.Manual = m
		case ActionReject:
			if k < 0 {
				stale(d, "指标 %s 本期没有取值，无可不采用", d.Indicator)
				continue
			}
			out.Rejected[d.Unit] = append(out.Rejected[d.Unit], d.Indicator)
			// The reject is of the value the tool had bound: a figure the
			// reviewer moved (or added) here replaced that one already
			// (place), and is what the reviewer wants there now.
			b := out.Bound[d.Unit][k]
			if slices.ContainsFunc(b.Figures, func(id string) bool { return forced[id] == b.ID }) {
				break
			}
			out.release(d.Unit, b)
			out.Bound[d.Unit] = slices.Delete(out.Bound[d.Unit], k, k+1)
		case ActionMove:
			if k < 0 {
				stale(d, "指标 %s 本期没有取值，无可移动", d.Indicator)
				continue
			}
			to := d.Unit
			if d.ToUnit != "" {
				to = d.ToUnit
			}
			if !inRun[to] {
				noUnit(d, to)
				continue
			}
			b := out.Bound[d.Unit][k]
			out.Bound[d.Unit] = slices.Delete(out.Bound[d.Unit], k, k+1)
			b.Unit = to
			if d.ToIndicator != "" {
				b.ID = d.ToIndicator
				if ind, ok := set.ByID(b.ID); ok {
					b.Measure = ind.Measure
				}
			}
			b.Manual = manualOf(d)
			out.place(set, to, b)
		}
		out.Applied++
	}
	return out
}

// bindingOf is the binding of indicator id made from one figure.
func (o *ReviewOutcome) bindingOf(set *Set, id string, f extract.Figure) Binding {
	ind, _ := set.ByID(id)
	return Binding{
		Unit: f.Unit, ID: id, Value: f.Value, Measure: ind.Measure,
		Qualifier: f.Qualifier, Source: f.Source, Line: f.Line,
		Text: f.Text, Sentence: f.Sentence, Span: f.Span, Figures: []string{f.ID},
	}
}

// place puts b into unit's bindings in catalogue order, replacing (and
// releasing the figures of) a binding of the same indicator; the one
// replaced is recorded as the original value.
func (o *ReviewOutcome) place(set *Set, unit string, b Binding) {
	bs := o.Bound[unit]
	if k := slices.IndexFunc(bs, func(x Binding) bool { return x.ID == b.ID }); k >= 0 {
		old := bs[k]
		o.release(unit, old)
		if b.Manual != nil && b.Manual.Original == nil && old.Value != b.Value {
			m := *b.Manual
			v := old.Value
			m.Original = &v
			b.Manual = &m
		}
		bs = slices.Delete(bs, k, k+1)
	}
	rank := func(id string) int {
		for i, ind := range set.Indicators {
			if ind.ID == id {
				return i
			}
		}
		return len(set.Indicators)
	}
	at := len(bs)
	for i, x := range bs {
		if rank(x.ID) > rank(b.ID) {
			at = i
			break
		}
	}
	o.Bound[unit] = slices.Insert(bs, at, b)
}

// release lists a binding's figures among the unit's unbound again.
func (o *ReviewOutcome) release(unit string, b Binding) {
	for _, id := range b.Figures {
		for _, f := range o.Figures[unit] {
			if f.ID == id {
				o.Unbound[unit] = append(o.Unbound[unit], f)
			}
		}
	}
}
