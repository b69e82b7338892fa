package report

import (
	"regexp"
	"strings"
)

// A sentence lifted from a report may lean on the one before it: "他发挥专业
//所长…" (who?), "与会人员走进…" (which meeting?), "该项目…". In the brief's
// list (一是…二是…) it stands alone and the reference is lost, so briefFile
// joins it to the sentence before it, or leaves it out.

// briefAnaphorOpen matches a sentence or clause that opens with a word
// pointing back: personal pronouns, demonstratives (该/此/这/上述/前述), 与会
// (at the meeting just told of), and the connectives 为此/对此/由此/据此.
// From the reviewer's reading of the sample quarter (cixi.txt "他发挥专业
// 所长", liaocheng-gbk.txt "与会人员走进") and the corpus sentences in
// brief_anaphor_test.go. 其中/其他/其余/其次/其实 and 此外 do not point back
// to a thing and are left alone.
var briefAnaphorOpen = regexp.MustCompile(`^(?:他们|她们|它们|他|她|它|其(?:[^中他余次实间后])|该|此(?:[^外])|这|那些|上述|前述|以上|与会|为此|对此|由此|据此|因此|所以|于是|也因此)`)

// briefAlsoThus matches a later clause that opens with 也因此 (so, because
// of what was told before): the sentence leans on the one before it
// ("…燃气管道改造，也因此有了资金保障。", second review of cixi.txt).
var briefAlsoThus = regexp.MustCompile(`[，,；;](?:也因此|也由此|也正因如此)`)

// briefFrame matches a first clause that only frames the sentence (在…中，
// 通过…，随着…，): a pronoun opening the next clause then points outside
// the sentence too ("在片区建设中，他发挥…").
var briefFrame = regexp.MustCompile(`^(?:在|于|随着|通过|围绕|针对|按照|依托|为了|经过|截至|自)[^，,；;。]*[，,]`)

// briefAnaphoric reports whether s (a sentence as the brief prints it,
// without the source's enumeration) opens with a reference back.
func briefAnaphoric(s string) bool {
	open := func(s string) bool {
		s = strings.TrimLeft(s, " \u3000“\"")
		return briefAnaphorOpen.MatchString(s) && !briefNotAnaphor.MatchString(s)
	}
	if open(s) || briefAlsoThus.MatchString(s) {
		return true
	}
	if m := briefFrame.FindString(s); m != "" {
		return open(s[len(m):])
	}
	return false
}

// briefNotAnaphor are openings of those words that point to the present,
// not back: 这几年, 这些年 (recent years).
var briefNotAnaphor = regexp.MustCompile(`^这(?:几年|些年|两年|一年来)`)

// briefUnitRef writes the unit's name for 该县 (该市, 该区, 该旗) opening a
// sentence about it, as news-style reports refer to the county they are
// about: the brief is that county's own. 该镇, 该村 are other places.
func briefUnitRef(s, unit string) string {
	rs := []rune(unit)
	if len(rs) < 2 {
		return s
	}
	ref := "该" + string(rs[len(rs)-1])
	if strings.HasPrefix(s, ref) {
		return unit + strings.TrimPrefix(s, ref)
	}
	if m := briefFrame.FindString(s); m != "" && strings.HasPrefix(s[len(m):], ref) {
		return m + unit + strings.TrimPrefix(s[len(m):], ref)
	}
	return s
}
