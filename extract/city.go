package extract

import (
	"sort"
	"strings"
)

// UnitConfig narrows or extends unit detection: when config.yaml lists units,
// only they are reported, and their aliases (a newspaper's name, an old
// name) count as mentions.
type UnitConfig struct {
	Name    string   `mapstructure:"name" yaml:"name"`
	Aliases []string `mapstructure:"aliases" yaml:"aliases"`
}

// Unknown is the unit of figures in a document that names no place.
const Unknown = "未识别单位"

// mention is a reference to a reporting unit candidate in one line.
type unitMention struct {
	line    int       // index into the document's lines
	atStart bool      // the name opens its line (a heading candidate)
	div     *Division // nil for a configured alias
	name    string    // the unit it speaks for when div is nil
}

// unitsOf decides a document's reporting units and the unit of each line,
// from the place names of each line (places[i] for lines[i]).
func (x *Extractor) unitsOf(lines []string, places [][]Mention) ([]string, []string) {
	var ms []unitMention
	for li, text := range lines {
		for _, m := range places[li] {
			if d := x.pickDivision(m.Divisions); d != nil {
				ms = append(ms, unitMention{line: li, atStart: m.Start == 0, div: d})
			}
		}
		for _, u := range x.units {
			for _, a := range append([]string{u.Name}, u.Aliases...) {
				if a != "" && strings.Contains(text, a) {
					ms = append(ms, unitMention{line: li, atStart: strings.HasPrefix(text, a), name: u.Name})
				}
			}
		}
	}
	lineUnit := make([]string, len(lines))
	// A document with several units introduces each with a heading line
	// (株洲市：) — two or more distinct heading units make it a multi-unit page.
	var heads []unitMention
	for _, m := range ms {
		if m.atStart && isUnitHeading(lines[m.line]) {
			if u := x.unitName(m); u != "" {
				m.name = u
				heads = append(heads, m)
			}
		}
	}
	if distinct := distinctNames(heads); len(distinct) >= 2 {
		cur := heads[0].name
		h := 0
		for li := range lines {
			for h < len(heads) && heads[h].line == li {
				cur = heads[h].name
				h++
			}
			lineUnit[li] = cur
		}
		return distinct, lineUnit
	}
	u := x.mainUnit(ms)
	for li := range lineUnit {
		lineUnit[li] = u
	}
	return []string{u}, lineUnit
}

// isUnitHeading: a short line that is a place name, possibly with a colon
// (株洲市：) or a title after the colon (宁波市：发挥党建统领作用).
func isUnitHeading(line string) bool {
	rs := []rune(strings.TrimSpace(line))
	if len(rs) <= 8 {
		return true
	}
	for i, r := range rs {
		if i > 10 {
			break
		}
		if r == '：' || r == ':' {
			return true
		}
	}
	return false
}

func distinctNames(ms []unitMention) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range ms {
		if !seen[m.name] {
			seen[m.name] = true
			out = append(out, m.name)
		}
	}
	return out
}

// pickDivision keeps county- and prefecture-level candidates; of several
// (ambiguous short names) it prefers the prefecture level.
func (x *Extractor) pickDivision(ds []*Division) *Division {
	var best *Division
	for _, d := range ds {
		if d.Level < LevelPrefecture {
			continue
		}
		if best == nil || d.Level < best.Level {
			best = d
		}
	}
	return best
}

// unitName maps a heading mention to its unit: the division itself (a
// county named as a heading is a unit of its own). With configured units
// only they are returned, a county standing for its configured prefecture.
func (x *Extractor) unitName(m unitMention) string {
	if m.div == nil {
		return m.name
	}
	name := m.div.Name
	if len(x.units) == 0 {
		return name
	}
	for _, u := range x.units {
		if u.Name == name {
			return name
		}
	}
	if p := x.places.Prefecture(m.div); p != nil {
		for _, u := range x.units {
			if u.Name == p.Name {
				return p.Name
			}
		}
	}
	return ""
}

// mainUnit picks the single unit of a document: the prefecture with the most
// evidence (its own mentions and its counties'), or one of its counties when
// the report is plainly about that county (a county-level report).
func (x *Extractor) mainUnit(ms []unitMention) string {
	own := map[string]float64{}
	agg := map[string]float64{}
	first := map[string]int{}
	countyOf := map[string]string{}
	n := 0
	for _, m := range ms {
		w := 1.0
		if m.line < 2 {
			w = 3 // the title says what the report is about
		}
		if m.div == nil {
			own[m.name] += w
			agg[m.name] += w
			if _, ok := first[m.name]; !ok {
				first[m.name] = n
			}
			n++
			continue
		}
		name := m.div.Name
		pref := name
		if m.div.Level == LevelCounty {
			if p := x.places.Prefecture(m.div); p != nil {
				pref = p.Name
				countyOf[name] = pref
			}
		}
		own[name] += w
		agg[pref] += w
		if _, ok := first[pref]; !ok {
			first[pref] = n
		}
		n++
	}
	cands := make([]string, 0, len(agg))
	for k := range agg {
		if x.allowed(k) || x.anyCountyAllowed(k, countyOf) {
			cands = append(cands, k)
		}
	}
	if len(cands) == 0 {
		if len(x.units) == 1 {
			return x.units[0].Name
		}
		return Unknown
	}
	sort.Slice(cands, func(i, j int) bool {
		if agg[cands[i]] != agg[cands[j]] {
			return agg[cands[i]] > agg[cands[j]]
		}
		return first[cands[i]] < first[cands[j]]
	})
	p := cands[0]
	// The dominant county of that prefecture, if one dominates.
	var best string
	var total float64
	for c, pref := range countyOf {
		if pref != p {
			continue
		}
		total += own[c]
		if best == "" || own[c] > own[best] || own[c] == own[best] && c < best {
			best = c
		}
	}
	if best != "" && own[best] >= 3 && own[best] >= 2*own[p] && own[best] >= 0.6*total && x.allowed(best) {
		return best
	}
	if !x.allowed(p) {
		if best != "" && x.allowed(best) {
			return best
		}
	}
	return p
}

func (x *Extractor) allowed(name string) bool {
	if len(x.units) == 0 {
		return true
	}
	for _, u := range x.units {
		if u.Name == name {
			return true
		}
	}
	return false
}

func (x *Extractor) anyCountyAllowed(pref string, countyOf map[string]string) bool {
	for c, p := range countyOf {
		if p == pref && x.allowed(c) {
			return true
		}
	}
	return false
}
