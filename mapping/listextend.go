package mapping

import (
	"slices"
	"strings"
)

// A list field of match: written with a trailing + (subject+: [志愿服务])
// in config.yaml's mappings: extends the built-in list instead of
// replacing it, so a staff member adds a word without copying the
// catalogue's list (and without losing what a later version adds to it).
var extendable = []string{"subject", "sentence", "exclude", "measures", "sections", "or"}

// listKey splits a match key into the field and whether it extends.
func listKey(k string) (string, bool) {
	if base, ok := strings.CutSuffix(k, "+"); ok && slices.Contains(extendable, base) {
		return base, true
	}
	return k, false
}

// extendField appends src's list to dst's for a field written with +
// (match.subject+ …), leaving out words dst already has.
func extendField(dst, src *Indicator, field string) {
	base, ok := strings.CutSuffix(field, "+")
	if !ok {
		return
	}
	add := func(d *[]string, s []string) {
		out := slices.Clone(*d)
		for _, w := range s {
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
		*d = out
	}
	switch base {
	case "match.subject":
		add(&dst.Match.Subject, src.Match.Subject)
	case "match.sentence":
		add(&dst.Match.Sentence, src.Match.Sentence)
	case "match.exclude":
		add(&dst.Match.Exclude, src.Match.Exclude)
	case "match.measures":
		add(&dst.Match.Measures, src.Match.Measures)
	case "match.sections":
		for _, s := range src.Match.Sections {
			if !slices.Contains(dst.Match.Sections, s) {
				dst.Match.Sections = append(slices.Clone(dst.Match.Sections), s)
			}
		}
	case "match.or":
		dst.Match.Or = append(slices.Clone(dst.Match.Or), src.Match.Or...)
	}
}
