package mapping

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"djreport/extract"
	"djreport/source"
)

// quoted is what a decision's source, line and quote point at: the real
// sentence of the source around the quote and the figure's own wording.
type quoted struct {
	sentence   string
	text       string // the figure as written, e.g. 2797个
	qualifier  string
	span       [2]int // of text (or of the quote) in the line, in runes
	inSentence int
}

// resolveQuote reads d's source with read and finds d.Quote on line
// d.Line. A source that cannot be read, a line the file does not have or a
// quote not on that line gives a reason (Chinese) and no result: the
// report was changed since the decision, so it is stale, not applied. The
// text is the wording of a figure the tool found inside the quote with the
// same value (figs), else the value with its measure: never the quote,
// which is the reviewer's pointer, not the figure.
func resolveQuote(d *Decision, value float64, measure string, read func(string) (*source.Document, error), figs func(yield func(extract.Figure) bool)) (quoted, string) {
	if read == nil {
		read = source.Read
	}
	doc, err := read(d.Source)
	if err != nil {
		return quoted{}, fmt.Sprintf("无法读取来源文件：%v", err)
	}
	k := slices.IndexFunc(doc.Lines, func(l source.Line) bool { return l.No == d.Line })
	if k < 0 {
		last := 0
		if n := len(doc.Lines); n > 0 {
			last = doc.Lines[n-1].No
		}
		if d.Line > last {
			return quoted{}, fmt.Sprintf("来源文件 %s 只有 %d 行，没有第 %d 行（报告可能已修改）", d.Source, last, d.Line)
		}
		return quoted{}, fmt.Sprintf("来源文件 %s 第 %d 行没有正文（空行或页眉页脚）", d.Source, d.Line)
	}
	l := doc.Lines[k]
	orig := []rune(l.Text)
	q := strings.TrimSpace(d.Quote)
	qs, qe := 0, len(orig)
	if q != "" {
		// The quote may be typed in simplified characters for a
		// traditional source: the two have the same runes' offsets.
		i := strings.Index(l.Text, q)
		in := l.Text
		if i < 0 {
			i, in = strings.Index(l.Simplified, q), l.Simplified
		}
		if i < 0 {
			return quoted{}, fmt.Sprintf("引文「%s」不在 %s 第 %d 行中（报告可能已修改），请重新核对", q, filepath.Base(d.Source), d.Line)
		}
		qs = utf8.RuneCountInString(in[:i])
		qe = qs + utf8.RuneCountInString(q)
	}
	from, to := extract.SentenceAround(orig, qs, qe)
	raw := string(orig[from:to])
	sentence := strings.TrimSpace(raw)
	from += utf8.RuneCountInString(raw) - utf8.RuneCountInString(strings.TrimLeft(raw, " \t\u3000\u00a0"))
	out := quoted{sentence: sentence, text: FormatNumber(value) + measure, span: [2]int{qs, qe}}
	if figs != nil {
		abs := absPath(d.Source)
		for f := range figs {
			if f.Line == d.Line && f.Value == value && f.Span[0] >= qs && f.Span[1] <= qe && absPath(f.Source) == abs {
				out.text, out.qualifier, out.span = f.Text, f.Qualifier, f.Span
				break
			}
		}
	}
	out.inSentence = max(0, out.span[0]-from)
	return out, ""
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// accepts reports whether a figure counted in measure may fill ind: its
// own measure, or one its match rules (or their alternatives) accept.
func (ind *Indicator) accepts(measure string) bool {
	if measure == "" || measure == ind.Measure || slices.Contains(ind.Match.Measures, measure) {
		return true
	}
	for _, alt := range ind.Match.Or {
		if slices.Contains(alt.Measures, measure) {
			return true
		}
	}
	return false
}

// measureList names the measures ind accepts, for messages.
func (ind *Indicator) measureList() string {
	list := []string{ind.Measure}
	add := func(ms []string) {
		for _, m := range ms {
			if !slices.Contains(list, m) {
				list = append(list, m)
			}
		}
	}
	add(ind.Match.Measures)
	for _, alt := range ind.Match.Or {
		add(alt.Measures)
	}
	return strings.Join(list, "、")
}
