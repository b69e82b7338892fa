package mapping

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"djreport/extract"
)

// CheckInput is what the current period's checks look at for one unit.
type CheckInput struct {
	Unit    string
	Bound   []Binding
	Sources []string // the unit's sources
	// Doubts are the unit's sources whose unit was found on weak or split
	// evidence, by path.
	Doubts map[string]*extract.Doubt
	// Superseded are the run's copies and older versions left out.
	Superseded []extract.Superseded
}

// plausible is the range a bound value of a measure can take for one
// unit in one quarter. The bounds come from what the measure counts, not
// from sample reports: no prefecture has more than a few million people
// to count, and a money figure under 100 元 has lost its 万. A value
// outside is most often a 万 read twice or dropped, a slip of 10^4.
type plausible struct {
	min, max float64
	whole    bool // a count of people or things: never a fraction
}

var plausibleByMeasure = map[string]plausible{
	"名":  {0, 5e6, true},
	"人":  {0, 5e6, true},
	"户":  {0, 5e6, true},
	"人次": {0, 5e7, true},
	"个":  {0, 1e6, true},
	"件":  {0, 1e6, true},
	"家":  {0, 1e6, true},
	"处":  {0, 1e6, true},
	"项":  {0, 1e6, true},
	"次":  {0, 1e7, true},
	"元":  {100, 1e12, false},
	"%":  {0, math.Inf(1), false}, // over 100: over_100
}

// Checks are the current period's checks of one unit, in a stable order:
// the unit's own (doubtful unit, conflicting versions), then per bound
// indicator in catalogue order (approximate, over 100%, magnitude).
func Checks(set *Set, in CheckInput) []Check {
	var out []Check
	for _, src := range in.Sources {
		if d := in.Doubts[src]; d != nil {
			msg := fmt.Sprintf("单位存疑：%s 判为 %s", filepath.Base(src), d.Unit)
			if d.RunnerUp != "" {
				msg += "（次选 " + d.RunnerUp + "）"
			}
			msg += "，" + d.Reason
			out = append(out, Check{Unit: in.Unit, Kind: "doubtful_unit", Message: msg})
		}
	}
	for _, s := range in.Superseded {
		if s.Kind == "相同副本" || !slices.Contains(in.Sources, s.By) {
			continue
		}
		msg := fmt.Sprintf("有两个版本：%s 是 %s 的旧版本，只用后者", filepath.Base(s.Path), filepath.Base(s.By))
		if len(s.Changed) > 0 {
			msg += "；两版不同的数据：" + strings.Join(s.Changed, "；")
		}
		out = append(out, Check{Unit: in.Unit, Kind: "versions", Message: msg})
	}
	for _, b := range in.Bound {
		ind, _ := set.ByID(b.ID)
		label := ind.Label
		if label == "" {
			label = b.ID
		}
		fig := ""
		if len(b.Figures) > 0 {
			fig = b.Figures[0]
		}
		add := func(kind, format string, args ...any) {
			out = append(out, Check{Unit: in.Unit, Indicator: b.ID, Figure: fig, Kind: kind, Message: fmt.Sprintf(format, args...)})
		}
		if b.Qualifier != "" {
			add("approximate", "%s 取自约数「%s」（%s），不是确数", label, b.Text, b.Qualifier)
		}
		m := b.Measure
		if m == "" {
			m = ind.Measure
		}
		if m == "%" && b.Value > 100 {
			add("over_100", "%s 的比率 %s%% 超过 100%%", label, FormatNumber(b.Value))
		}
		if p, ok := plausibleByMeasure[m]; ok {
			switch {
			case b.Value < 0:
				// Only a hand correction gives one: the extraction reads no signs.
				add("magnitude", "%s 为 %s%s，数量不应为负数：数值可能填错", label, FormatNumber(b.Value), m)
			case b.Value > p.max:
				add("magnitude", "%s 为 %s%s，超出一个单位一季度可能的数量（上限约 %s%s）：是否多算了「万」？", label, FormatNumber(b.Value), m, FormatNumber(p.max), m)
			case b.Value < p.min && b.Value > 0:
				add("magnitude", "%s 只有 %s%s：是否漏了「万」或「亿」？", label, FormatNumber(b.Value), m)
			case p.whole && b.Value != math.Trunc(b.Value):
				add("magnitude", "%s 为 %s%s，计数不应有小数：单位或数值可能读错", label, FormatNumber(b.Value), m)
			}
		}
	}
	return out
}

// StaleChecks turns the stale decisions of a unit into checks, so the
// review page lists them first with the rest.
func StaleChecks(unit string, stale []Stale) []Check {
	var out []Check
	for _, s := range stale {
		if s.Unit == unit {
			out = append(out, Check{Unit: unit, Indicator: s.Indicator, Figure: s.Figure, Kind: "stale_decision", Message: fmt.Sprintf("审核决定未应用（%s 第 %d 行，%s）：%s", filepath.Base(s.File), s.Line, s.Action, s.Reason)})
		}
	}
	return out
}
