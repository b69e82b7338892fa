package mapping

import (
	"slices"
)

// Score counts, for one indicator, how the current extraction fares
// against what reviewers decided: a value they accepted (or that now equals
// their correction) is right, a value they corrected, rejected or moved away
// is wrong, a value they had to add (or correct, or move in) is missed.
type Score struct {
	Indicator string `json:"indicator"`
	Right     int    `json:"right"`
	Wrong     int    `json:"wrong"`
	Missed    int    `json:"missed"`
}

// Precision is right over everything the tool filled; -1 when it filled
// nothing the reviewers looked at.
func (s Score) Precision() float64 {
	if s.Right+s.Wrong == 0 {
		return -1
	}
	return float64(s.Right) / float64(s.Right+s.Wrong)
}

// Recall is right over everything that should have been filled; -1 when
// nothing should have.
func (s Score) Recall() float64 {
	if s.Right+s.Missed == 0 {
		return -1
	}
	return float64(s.Right) / float64(s.Right+s.Missed)
}

// Evaluation is the score of one run's bindings against decisions.
type Evaluation struct {
	Scores []Score // in catalogue order; indicators nobody decided on left out
	// Unscored counts decisions that say nothing about the current
	// extraction: their figure is gone, or they confirm a value no longer
	// bound, or a rejected value is no longer bound either (already right).
	Unscored int
}

// Evaluate scores bound, the tool's own bindings per unit (no decisions
// applied), against the decisions of r. The same decision always counts
// the same way, so a rule change shows as a change of the scores.
func (r *Review) Evaluate(set *Set, bound map[string][]Binding) Evaluation {
	counts := map[string]*Score{}
	at := func(id string) *Score {
		if counts[id] == nil {
			counts[id] = &Score{Indicator: id}
		}
		return counts[id]
	}
	find := func(unit, id string) *Binding {
		for i := range bound[unit] {
			if bound[unit][i].ID == id {
				return &bound[unit][i]
			}
		}
		return nil
	}
	holding := func(fig string) *Binding {
		for u := range bound {
			for i := range bound[u] {
				if slices.Contains(bound[u][i].Figures, fig) {
					return &bound[u][i]
				}
			}
		}
		return nil
	}
	// filledWith scores an indicator that should hold v: right when it
	// does, else missed (and wrong when it holds something else).
	filledWith := func(b *Binding, id string, v float64) {
		switch {
		case b != nil && b.Value == v:
			at(id).Right++
		case b != nil:
			at(id).Wrong++
			at(id).Missed++
		default:
			at(id).Missed++
		}
	}
	ev := Evaluation{}
	for i := range r.Decisions {
		d := &r.Decisions[i]
		switch {
		case d.Action == ActionAdd:
			if d.Indicator == "" {
				ev.Unscored++
				continue
			}
			filledWith(find(d.Unit, d.Indicator), d.Indicator, float64(*d.Value))
		case d.Figure == "":
			b := find(d.Unit, d.Indicator)
			switch d.Action {
			case ActionAccept:
				if b == nil {
					ev.Unscored++
					continue
				}
				at(d.Indicator).Right++
			case ActionCorrect:
				filledWith(b, d.Indicator, float64(*d.Value))
			case ActionReject:
				if b == nil {
					ev.Unscored++
					continue
				}
				at(d.Indicator).Wrong++
			case ActionMove:
				if b == nil {
					ev.Unscored++
					continue
				}
				at(d.Indicator).Wrong++
				if d.ToIndicator != "" {
					to := d.Unit
					if d.ToUnit != "" {
						to = d.ToUnit
					}
					filledWith(find(to, d.ToIndicator), d.ToIndicator, b.Value)
				}
			}
		default:
			b := holding(d.Figure)
			switch d.Action {
			case ActionAccept:
				if b == nil {
					ev.Unscored++
					continue
				}
				at(b.ID).Right++
			case ActionCorrect:
				if b == nil {
					ev.Unscored++
					continue
				}
				filledWith(b, b.ID, float64(*d.Value))
			case ActionReject:
				if b == nil {
					ev.Unscored++
					continue
				}
				at(b.ID).Wrong++
			case ActionMove:
				if d.ToIndicator == "" {
					if b == nil {
						ev.Unscored++
					} else if d.ToUnit != "" && b.Unit != d.ToUnit {
						at(b.ID).Wrong++ // bound, but for the wrong unit
					} else {
						ev.Unscored++ // only the section changed
					}
					continue
				}
				switch {
				case b != nil && b.ID == d.ToIndicator:
					at(b.ID).Right++
				case b != nil:
					at(b.ID).Wrong++
					at(d.ToIndicator).Missed++
				default:
					at(d.ToIndicator).Missed++
				}
			}
		}
	}
	for _, ind := range set.Indicators {
		if s := counts[ind.ID]; s != nil {
			ev.Scores = append(ev.Scores, *s)
		}
	}
	return ev
}
