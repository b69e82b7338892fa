package mapping

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Kinds of indicator: what a value is, which says how values of several
// units may be combined and how one is compared with last quarter. Declared
// in the mapping (kind:), never guessed from the label.
const (
	// KindCount is a number of people, things, events or money reported
	// for the unit (发展党员1810名): summed over units of one level.
	KindCount = "count"
	// KindCumulative is a running total (累计, 今年以来): summed over units
	// of one level like a count, but compared with last quarter as a
	// running total, and it should not fall within a year.
	KindCumulative = "cumulative"
	// KindAverage is a mean over the unit's members (村均收入): never summed.
	KindAverage = "average"
	// KindRate is a share (调解率, 组建率): never summed.
	KindRate = "rate"
	// KindStandard is a per-unit norm (每村每年不少于12万元): never summed.
	KindStandard = "standard"
)

// Kinds are the kinds a mapping may declare.
var Kinds = []string{KindCount, KindCumulative, KindAverage, KindRate, KindStandard}

func knownKind(k string) bool { return slices.Contains(Kinds, k) }

// Summable reports whether values of the indicator may be added across units
// of one level. An indicator with no declared kind is not: a wrong total is
// worse than none.
func (ind Indicator) Summable() bool {
	return ind.Kind == KindCount || ind.Kind == KindCumulative
}

// KindLabel is how the summary names a kind, for a reader.
func KindLabel(kind string) string {
	switch kind {
	case KindCount:
		return "总量"
	case KindCumulative:
		return "累计数"
	case KindAverage:
		return "平均数"
	case KindRate:
		return "比率"
	case KindStandard:
		return "标准"
	}
	return "未声明类别"
}

// Words that make a figure a running total. Time scopes (今年以来, 全年 …)
// usually open the sentence and cover all of it; 累计 qualifies its own
// clause only (招聘社区工作者260名，累计达到1582名). The words are the
// issue's (今年以来, 累计, 全年) and their usual variants in the genre's
// reports, with the traditional forms, since a binding's sentence keeps the
// source's characters.
var (
	cumulativeScopes  = []string{"今年以来", "今年以來", "年初以来", "年初以來", "全年", "前三季度", "上半年以来", "上半年以來"}
	cumulativeClauses = []string{"累计", "累計"}
)

// CumulativeWord returns the word that makes the figure written text in
// sentence a running total, "" when none does. With text "" (or not found)
// the whole sentence counts as the figure's clause.
func CumulativeWord(sentence, text string) string {
	for _, w := range cumulativeScopes {
		if strings.Contains(sentence, w) {
			return w
		}
	}
	clause := sentence
	if i := strings.Index(sentence, text); text != "" && i >= 0 {
		start := strings.LastIndexAny(sentence[:i], "，；。：,;")
		clause = sentence[start+1 : i+len(text)]
	}
	for _, w := range cumulativeClauses {
		if strings.Contains(clause, w) {
			return w
		}
	}
	return ""
}

// parseKindField reads an indicator's kind: or key: field into ind; false
// when the value is not usable (the problem is reported).
func parseKindField(path, id, field string, v *yaml.Node, ind *Indicator, ps *Problems) bool {
	s, ok := scalar(path, id, field, v, ps)
	if !ok {
		return false
	}
	s = strings.TrimSpace(s)
	switch field {
	case "kind":
		if s != "" && !knownKind(s) {
			ps.addf(path, v.Line, "指标 %s 的 kind「%s」未知，应为 %s 之一", id, s, strings.Join(Kinds, "、"))
			return false
		}
		ind.Kind = s
	case "key":
		switch strings.ToLower(s) {
		case "true", "yes", "是":
			ind.Key = true
		case "false", "no", "否", "":
			ind.Key = false
		default:
			ps.addf(path, v.Line, "指标 %s 的 key「%s」应为 true 或 false", id, s)
			return false
		}
	}
	return true
}

// copyKindField copies kind: or key: from a config.yaml override.
func copyKindField(dst, src *Indicator, field string) {
	if field == "kind" {
		dst.Kind = src.Kind
	} else {
		dst.Key = src.Key
	}
}
