package extract

import (
	"strings"
	"unicode/utf8"

	"djreport/source"
)

// Config is what config.yaml may set for extraction.
type Config struct {
	// Lexicon replaces the built-in section keywords per section it names.
	Lexicon Lexicon
	// Units, when given, narrow detection to these units and add aliases.
	Units []UnitConfig
}

// Extractor turns read sources into figures. It is immutable after New and
// safe for concurrent use.
type Extractor struct {
	lexicon *lexIndex
	units   []UnitConfig
	places  *Places
}

// New builds an extractor from config; missing parts take the defaults.
func New(cfg Config) (*Extractor, error) {
	lex := DefaultLexicon()
	for s, words := range cfg.Lexicon {
		lex[s] = words
	}
	if err := lex.Validate(); err != nil {
		return nil, err
	}
	return &Extractor{lexicon: lex.index(), units: cfg.Units, places: Gazetteer()}, nil
}

// Document extracts every figure of one source document.
func (x *Extractor) Document(doc *source.Document) Document {
	simp := make([]string, len(doc.Lines))
	for i, l := range doc.Lines {
		simp[i] = l.Simplified
	}
	// Place names are found once per line: they give the units and tell
	// numbers inside names (三台县) from figures.
	places := make([][]Mention, len(simp))
	for i, text := range simp {
		places[i] = x.places.Scan(text)
	}
	units, lineUnit := x.unitsOf(simp, places)
	out := Document{Source: doc.Path, Units: units, Figures: []Figure{}}
	var heading string
	prevHeading := false
	for i, l := range doc.Lines {
		if isHeading(l.Simplified) {
			if prevHeading {
				heading += " " + l.Simplified
			} else {
				heading = l.Simplified
			}
			prevHeading = true
		} else {
			prevHeading = false
		}
		if !mayHoldNumber(l.Simplified) {
			continue
		}
		rs := []rune(l.Simplified)
		spans := dropPlaceNames(places[i], scanLine(rs))
		if len(spans) == 0 {
			continue
		}
		orig := rs
		if l.Text != l.Simplified {
			if o := []rune(l.Text); len(o) == len(rs) {
				orig = o // the reader guarantees equal lengths; stay safe if not
			}
		}
		ctxText := strings.TrimSpace(heading + " " + leadOf(rs))
		ctx := []rune(ctxText)
		lastSS, lastSE, prevEnd := -1, -1, -1
		var base sectionScores
		var sentence string
		for _, s := range spans {
			ss, se := around(rs, s.start, s.end, isSentenceEnd)
			if ss != lastSS || se != lastSE {
				lastSS, lastSE = ss, se
				base = x.lexicon.context(rs[ss:se], ctx)
				sentence = strings.TrimSpace(string(orig[ss:se]))
			}
			cs, ce := around(rs, s.start, s.end, isClauseEnd)
			subject := subjectOf(rs, s)
			if n := len(out.Figures); n > 0 && s.start == prevEnd && out.Figures[n-1].Line == l.No {
				subject = out.Figures[n-1].Subject // 13期1654人(次): one subject, two counts
			}
			prevEnd = s.end
			out.Figures = append(out.Figures, Figure{
				Unit:      lineUnit[i],
				Section:   x.lexicon.classify(figureText{counted: []rune(subject), figure: rs[s.start:s.end], measure: s.measure, clause: rs[cs:ce], paragraph: rs}, base),
				Value:     s.value,
				Max:       s.max,
				Measure:   s.measure,
				Qualifier: s.qualifier,
				Text:      string(orig[s.start:s.end]),
				Subject:   subject,
				Sentence:  sentence,
				Line:      l.No,
				Source:    doc.Path,
			})
		}
	}
	return out
}

// isHeading: a short line without the punctuation of running text.
func isHeading(line string) bool {
	if line == "" || len(line) > 30*4 || utf8.RuneCountInString(line) > 30 {
		return false
	}
	return !strings.ContainsAny(line, "。，,；！？")
}

// mayHoldNumber: whether a line has a character a figure can start with; a
// line with none is skipped without further work.
func mayHoldNumber(line string) bool {
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c >= '0' && c <= '9' {
			return true
		}
		if c >= 0x80 {
			r, n := utf8.DecodeRuneInString(line[i:])
			if isDigitRune(r) || isChineseNumeralStart(r) {
				return true
			}
			if _, ok := bigUnit(r); ok {
				return true
			}
			i += n - 1
		}
	}
	return false
}

// leadOf returns a paragraph's short opening sentence (党员干部当先锋。),
// which works as a sub-heading in this genre.
func leadOf(rs []rune) string {
	for i, r := range rs {
		if i > 14 {
			break
		}
		if r == '。' {
			return string(rs[:i])
		}
	}
	return ""
}

// dropPlaceNames removes numbers that are part of a place's name (三台县,
// 六安市, 七台河市): the gazetteer knows them better than the grammar.
func dropPlaceNames(ms []Mention, spans []span) []span {
	if len(spans) == 0 || len(ms) == 0 {
		return spans
	}
	kept := spans[:0]
	for _, s := range spans {
		inName := false
		for _, m := range ms {
			if m.Full && s.numStart >= m.Start && s.numStart < m.End {
				inName = true
				break
			}
		}
		if !inName {
			kept = append(kept, s)
		}
	}
	return kept
}
