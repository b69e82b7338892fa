package mapping

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"djreport/extract"
)

// This file reads and writes the review decisions file
// (review/<period>.yaml, ../shared/spec/PRODUCT.md "Review decisions"):
// what staff accepted, corrected, rejected, moved or added.

// The actions of a decision.
const (
	ActionAccept  = "accept"
	ActionCorrect = "correct"
	ActionReject  = "reject"
	ActionMove    = "move"
	ActionAdd     = "add"
)

// Actions lists the actions in the order the contract gives them.
var Actions = []string{ActionAccept, ActionCorrect, ActionReject, ActionMove, ActionAdd}

// Review is one period's decisions file.
type Review struct {
	Period    string     `yaml:"period"`
	Decisions []Decision `yaml:"decisions"`
}

// Decision is one reviewer's decision about one unit's indicator or figure.
// Field order is the contract's, so a saved file reads as the spec does.
type Decision struct {
	Unit        string  `yaml:"unit" json:"unit"`
	Indicator   string  `yaml:"indicator,omitempty" json:"indicator,omitempty"`
	Figure      string  `yaml:"figure,omitempty" json:"figure,omitempty"`
	Action      string  `yaml:"action" json:"action"`
	Value       *Number `yaml:"value,omitempty" json:"value,omitempty"`
	Measure     string  `yaml:"measure,omitempty" json:"measure,omitempty"`
	ToUnit      string  `yaml:"to_unit,omitempty" json:"to_unit,omitempty"`
	ToIndicator string  `yaml:"to_indicator,omitempty" json:"to_indicator,omitempty"`
	ToSection   string  `yaml:"to_section,omitempty" json:"to_section,omitempty"`
	Source      string  `yaml:"source,omitempty" json:"source,omitempty"`
	Line        int     `yaml:"line,omitempty" json:"line,omitempty"`
	Quote       string  `yaml:"quote,omitempty" json:"quote,omitempty"`
	By          string  `yaml:"by,omitempty" json:"by,omitempty"`
	// At is written RFC 3339 with the reviewer's zone, as people type it.
	At   time.Time `yaml:"at,omitempty" json:"at,omitempty"`
	Note string    `yaml:"note,omitempty" json:"note,omitempty"`

	// FileLine is the decision's line in its file, for messages; 0 for a
	// decision not read from a file.
	FileLine int `yaml:"-" json:"-"`
}

// Number is a decision's value: written as people write numbers (1811,
// 0.5, 120000000), never in exponent form.
type Number float64

// MarshalYAML writes n in plain decimal notation.
func (n Number) MarshalYAML() (any, error) {
	// No tag: 1811 reads as an int, 0.5 as a float; both decode to Number.
	return &yaml.Node{Kind: yaml.ScalarNode, Value: FormatNumber(float64(n))}, nil
}

// FormatNumber is v in plain decimal notation, without a trailing .0.
func FormatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// NumberOf returns a pointer to v as a decision value.
func NumberOf(v float64) *Number { n := Number(v); return &n }

// Key identifies what a decision is about: a figure, an indicator, or (for
// add) the quoted place. A file holds at most one decision per key; a later
// one replaces an earlier one.
func (d *Decision) Key() string {
	switch {
	case d.Action == ActionAdd:
		return "add\x00" + d.Unit + "\x00" + d.Indicator + "\x00" + d.Source + "\x00" + strconv.Itoa(d.Line) + "\x00" + d.Quote
	case d.Figure != "":
		return "figure\x00" + d.Figure
	default:
		return "indicator\x00" + d.Unit + "\x00" + d.Indicator
	}
}

// Where names the decision in messages: the file and its line.
func (d *Decision) Where(file string) string {
	if d.FileLine > 0 {
		return fmt.Sprintf("%s:%d", file, d.FileLine)
	}
	return file
}

// decisionKeys are the keys a decision may hold, for unknown-key messages.
var decisionKeys = []string{"unit", "indicator", "figure", "action", "value", "measure", "to_unit", "to_indicator", "to_section", "source", "line", "quote", "by", "at", "note"}

// ParseReview reads a decisions file. Syntax errors, unknown keys, unknown
// actions, values that are not numbers and decisions missing what their
// action needs come back as *Problems naming file and line. The indicator
// ids and units are checked by Validate, which knows the catalogue.
func ParseReview(file string, data []byte) (*Review, error) {
	doc, err := ParseYAML(file, data)
	if err != nil {
		return nil, err
	}
	r := &Review{}
	if len(doc.Content) == 0 {
		return r, nil // an empty file: no decisions yet
	}
	root := doc.Content[0]
	ps := &Problems{}
	if root.Kind != yaml.MappingNode {
		ps.addf(file, root.Line, "审核文件顶层应为键值映射（period: …、decisions: …）")
		return nil, ps
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "period":
			if v.Kind != yaml.ScalarNode {
				ps.addf(file, v.Line, "period 应为期间，如 2024Q4")
				continue
			}
			r.Period = v.Value
		case "decisions":
			if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
				continue
			}
			if v.Kind != yaml.SequenceNode {
				ps.addf(file, v.Line, "decisions 应为列表（每项以「- unit: …」开始）")
				continue
			}
			for _, item := range v.Content {
				if d, ok := parseDecision(file, item, ps); ok {
					r.Decisions = append(r.Decisions, d)
				}
			}
		default:
			ps.addf(file, k.Line, "%s", UnknownKey("审核文件的键", k.Value, []string{"period", "decisions"}))
		}
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	return r, nil
}

// parseDecision reads one item of decisions; problems go to ps.
func parseDecision(file string, n *yaml.Node, ps *Problems) (Decision, bool) {
	d := Decision{FileLine: n.Line}
	if n.Kind != yaml.MappingNode {
		ps.addf(file, n.Line, "decisions 的每一项应为键值映射（unit: …、action: …）")
		return d, false
	}
	before := len(ps.List)
	badValue := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			ps.addf(file, v.Line, "%s 应为单个值，而这里写的是列表或键值映射", k.Value)
			continue
		}
		val := strings.TrimSpace(v.Value)
		if v.Tag == "!!null" {
			val = ""
		}
		switch k.Value {
		case "unit":
			d.Unit = val
		case "indicator":
			d.Indicator = val
		case "figure":
			d.Figure = val
		case "action":
			d.Action = val
			if !contains(Actions, val) {
				ps.addf(file, v.Line, "%s", UnknownKey("action", val, Actions))
			}
		case "value":
			if val == "" {
				continue
			}
			f, err := strconv.ParseFloat(strings.ReplaceAll(val, ",", ""), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				badValue = true // said here; not "needs value" again below
				ps.addf(file, v.Line, "value「%s」不是数字：请写阿拉伯数字，按基本单位（如 1811、12000000、95.5），不要带量词或「万」", v.Value)
				continue
			}
			d.Value = NumberOf(f)
		case "measure":
			d.Measure = val
		case "to_unit":
			d.ToUnit = val
		case "to_indicator":
			d.ToIndicator = val
		case "to_section":
			d.ToSection = val
		case "source":
			d.Source = val
		case "line":
			l, err := strconv.Atoi(val)
			if err != nil || l < 1 {
				ps.addf(file, v.Line, "line「%s」应为正整数（来源文件中的行号）", v.Value)
				continue
			}
			d.Line = l
		case "quote":
			d.Quote = v.Value
		case "by":
			d.By = val
		case "at":
			if val == "" {
				continue
			}
			t, err := parseTime(val)
			if err != nil {
				ps.addf(file, v.Line, "at「%s」不是时间：请写成 2025-01-06T10:20:00+08:00 或 2025-01-06", v.Value)
				continue
			}
			d.At = t
		case "note":
			d.Note = v.Value
		default:
			ps.addf(file, k.Line, "%s", UnknownKey("决定中的键", k.Value, decisionKeys))
		}
	}
	need := func(ok bool, format string, args ...any) {
		if !ok {
			ps.addf(file, n.Line, format, args...)
		}
	}
	need(d.Unit != "", "这项决定缺少 unit（单位名称）")
	need(d.Action != "", "这项决定缺少 action（accept、correct、reject、move 或 add）")
	switch d.Action {
	case ActionAccept, ActionReject:
		need(d.Indicator != "" || d.Figure != "", "%s 需要 indicator（指标）或 figure（数据编号）", d.Action)
	case ActionCorrect:
		need(d.Indicator != "" || d.Figure != "", "correct 需要 indicator（指标）或 figure（数据编号）")
		need(d.Value != nil || badValue, "correct 需要 value（更正后的数值）")
	case ActionMove:
		need(d.Indicator != "" || d.Figure != "", "move 需要 indicator（指标）或 figure（数据编号）")
		need(d.ToUnit != "" || d.ToIndicator != "" || d.ToSection != "", "move 需要 to_unit、to_indicator 或 to_section 中至少一项")
		need(d.Figure != "" || d.ToSection == "", "按指标移动时不能改板块（板块由指标决定）：请按数据（figure）移动，或改用 to_indicator")
	case ActionAdd:
		need(d.Value != nil || badValue, "add 需要 value（数值）")
		need(d.Measure != "" || d.Indicator != "", "add 需要 measure（量词）或 indicator（指标）")
		need(d.Source != "", "add 需要 source（来源文件）")
	}
	if d.ToSection != "" && !extract.Section(d.ToSection).Valid() {
		ps.addf(file, n.Line, "to_section 中%s", UnknownKey("板块", d.ToSection, sectionList()))
	}
	return d, len(ps.List) == before
}

// parseTime accepts RFC 3339 and, as people type it, a bare date or a
// date and time without zone (read as China Standard Time).
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	cst := time.FixedZone("CST", 8*3600)
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, cst); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a time")
}

func sectionList() []string {
	out := make([]string, len(extract.Sections))
	for i, s := range extract.Sections {
		out[i] = string(s)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Validate checks the decisions against the catalogue: every indicator and
// to_indicator must be one of set's ids, and the period the run's. Units
// are not checked here: a unit whose report is gone makes its decisions
// stale (Apply), not the file wrong.
// wholeMeasures count people or things: their values are whole.
var wholeMeasures = map[string]bool{"名": true, "人": true, "个": true, "户": true, "件": true, "家": true, "次": true, "人次": true, "场": true, "场次": true, "处": true, "所": true, "项": true, "条": true, "批": true, "期": true, "支": true, "座": true, "间": true, "位": true}

func (r *Review) Validate(file string, set *Set, period string) error {
	ps := &Problems{}
	if r.Period != "" && period != "" && r.Period != period {
		ps.addf(file, 1, "审核文件的期间是 %s，而本次运行的期间是 %s：请用 review/%s.yaml，或在 config.yaml 的 review: 中指明", r.Period, period, period)
	}
	ids := make([]string, len(set.Indicators))
	for i, ind := range set.Indicators {
		ids[i] = ind.ID
	}
	for _, d := range r.Decisions {
		for _, id := range []string{d.Indicator, d.ToIndicator} {
			if id == "" {
				continue
			}
			if _, ok := set.ByID(id); !ok {
				ps.addf(file, d.FileLine, "%s", UnknownKey("指标", id, ids))
			}
		}
		// A measure the indicator never takes is a slip in the file, like
		// an unknown id: the same whatever the reports say, so an error
		// rather than a stale decision.
		if ind, ok := set.ByID(d.Indicator); ok && d.Measure != "" && (d.Action == ActionAdd || d.Action == ActionCorrect) && !ind.accepts(d.Measure) {
			ps.addf(file, d.FileLine, "指标 %s（%s）的量词是「%s」，这里写的是「%s」：请改 measure，或换一个指标", ind.ID, ind.Label, ind.measureList(), d.Measure)
		}
		// A value no report can have is a slip too: the indicators count,
		// sum money or give rates, none of them below zero, and a count of
		// people or things is whole.
		if d.Value != nil && (d.Action == ActionAdd || d.Action == ActionCorrect) {
			v := float64(*d.Value)
			m := d.Measure
			if ind, ok := set.ByID(d.Indicator); ok && m == "" {
				m = ind.Measure
			}
			switch {
			case v < 0:
				ps.addf(file, d.FileLine, "value %v 是负数：报告中的数量、金额和比率都不会小于 0，请核对", v)
			case v != math.Trunc(v) && wholeMeasures[m]:
				ps.addf(file, d.FileLine, "value %v 不是整数，而「%s」计的是人或事物的个数：请核对", v, m)
			}
		}
	}
	return ps.err()
}

// MarshalReview writes r as a decisions file: the contract's layout, one
// decision per item, fields in the contract's order.
func MarshalReview(r *Review) ([]byte, error) {
	var b strings.Builder
	b.WriteString("# 审核决定（djreport review 写入，也可手工编辑）。格式见 PRODUCT.md「Review decisions」。\n")
	out, err := yaml.Marshal(struct {
		Period    string     `yaml:"period"`
		Decisions []Decision `yaml:"decisions"`
	}{r.Period, nonNil(r.Decisions)})
	if err != nil {
		return nil, err
	}
	b.Write(out)
	return []byte(b.String()), nil
}

func nonNil(ds []Decision) []Decision {
	if ds == nil {
		return []Decision{}
	}
	return ds
}

// Upsert puts d in r, replacing the decision with the same key (a reviewer
// changing their mind), else appending it.
func (r *Review) Upsert(d Decision) {
	for i := range r.Decisions {
		if r.Decisions[i].Key() == d.Key() {
			r.Decisions[i] = d
			return
		}
	}
	r.Decisions = append(r.Decisions, d)
}

// Remove drops the decision with key, reporting whether there was one.
func (r *Review) Remove(key string) bool {
	for i := range r.Decisions {
		if r.Decisions[i].Key() == key {
			r.Decisions = append(r.Decisions[:i], r.Decisions[i+1:]...)
			return true
		}
	}
	return false
}

// Find returns the decision with key, or nil.
func (r *Review) Find(key string) *Decision {
	for i := range r.Decisions {
		if r.Decisions[i].Key() == key {
			return &r.Decisions[i]
		}
	}
	return nil
}

// ResolveSources makes the relative source paths of the decisions
// absolute from base (the folder of config.yaml): the file is written
// with paths relative to it, so it moves with the project.
func (r *Review) ResolveSources(base string) {
	for i := range r.Decisions {
		if s := r.Decisions[i].Source; s != "" && !filepath.IsAbs(s) {
			r.Decisions[i].Source = filepath.Join(base, s)
		}
	}
}

// RelativeSource is path as a decision writes it: relative to base when
// it lies inside it, else absolute (a path relative to the current folder
// would be read back relative to base, ResolveSources, and miss).
func RelativeSource(base, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs
	}
	return filepath.ToSlash(rel)
}
