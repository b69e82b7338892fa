package extract

import (
	"strings"

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
	lexicon Lexicon
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
	return &Extractor{lexicon: lex, units: cfg.Units, places: Gazetteer()}, nil
}

// Document extracts every figure of one source document.
func (x *Extractor) Document(doc *source.Document) Document {
	simp := make([]string, len(doc.Lines))
	for i, l := range doc.Lines {
		simp[i] = l.Simplified
	}
	units, lineUnit := x.unitsOf(simp)
	out := Document{Source: doc.Path, Units: units, Figures: []Figure{}}
	var heading string
	prevHeading := false
	for i, l := range doc.Lines {
		rs := []rune(l.Simplified)
		if isHeading(rs) {
			if prevHeading {
				heading += " " + l.Simplified
			} else {
				heading = l.Simplified
			}
			prevHeading = true
		} else {
			prevHeading = false
		}
		spans := scanLine(rs)
		if len(spans) == 0 {
			continue
		}
		orig := []rune(l.Text)
		if len(orig) != len(rs) {
			orig = rs // the reader guarantees equal lengths; stay safe if not
		}
		lead := leadOf(rs)
		for _, s := range spans {
			ss, se := around(rs, s.start, s.end, isSentenceEnd)
			cs, ce := around(rs, s.start, s.end, isClauseEnd)
			subject := subjectOf(rs, s)
			section := x.lexicon.classify(string(rs[cs:ce]), subject, string(rs[ss:se]), strings.TrimSpace(heading+" "+lead))
			out.Figures = append(out.Figures, Figure{
				Unit:      lineUnit[i],
				Section:   section,
				Value:     s.value,
				Max:       s.max,
				Measure:   s.measure,
				Qualifier: s.qualifier,
				Text:      string(orig[s.start:s.end]),
				Subject:   subject,
				Sentence:  strings.TrimSpace(string(orig[ss:se])),
				Line:      l.No,
				Source:    doc.Path,
			})
		}
	}
	return out
}

// isHeading: a short line without the punctuation of running text.
func isHeading(rs []rune) bool {
	if len(rs) == 0 || len(rs) > 30 {
		return false
	}
	for _, r := range rs {
		switch r {
		case '。', '，', ',', '；', '！', '？':
			return false
		}
	}
	return true
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
