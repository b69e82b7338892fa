package report

import (
	"djreport/mapping"
)

// ManualNote is how every output marks a value a person decided:
// 人工核定（李明，2025-01-06）, with the value it replaced when it was a
// correction, so a signed number is traceable to a person. "" when m is nil.
func ManualNote(m *mapping.Manual) string {
	if m == nil {
		return ""
	}
	who := m.By
	if who == "" {
		who = "未署名"
	}
	s := "人工核定（" + who
	if !m.At.IsZero() {
		s += "，" + m.At.Format("2006-01-02")
	}
	if m.Original != nil {
		s += "；原为 " + FormatValue(*m.Original)
	}
	return s + "）"
}

// withManual appends ManualNote(m) to a note (the qualifier 余, 多 …) of
// the workbook's 说明 or the brief's table.
func withManual(note string, m *mapping.Manual) string {
	mn := ManualNote(m)
	switch {
	case mn == "":
		return note
	case note == "":
		return mn
	default:
		return note + "；" + mn
	}
}
