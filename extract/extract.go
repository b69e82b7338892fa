package extract

import (
	"context"
	"crypto/sha256"
	"encoding"
	"encoding/hex"
	"fmt"
	"hash"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"djreport/internal/cjkutf8"
	"djreport/source"
)

// Config is what config.yaml may set for extraction.
type Config struct {
	// Lexicon replaces the built-in section keywords per section it names.
	Lexicon Lexicon
	// Units, when given, narrow detection to these units and add aliases.
	Units []UnitConfig
	// Level is the reporting level: ReportAuto (""), ReportCity or ReportCounty.
	Level string
}

// Extractor turns read sources into figures. It is immutable after New and
// safe for concurrent use.
type Extractor struct {
	lexicon *lexIndex
	units   []UnitConfig
	places  *Places
	level   string
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
	switch cfg.Level {
	case "", ReportAuto, ReportCity, ReportCounty:
	default:
		return nil, fmt.Errorf("level「%s」无效（应为 auto、city 或 county）", cfg.Level)
	}
	return &Extractor{lexicon: lex.index(), units: cfg.Units, places: Gazetteer(), level: cfg.Level}, nil
}

// Document extracts every figure of one source document.
func (x *Extractor) Document(doc *source.Document) Document {
	d, _ := x.DocumentContext(context.Background(), doc)
	return d
}

// checkEvery is how many lines the extraction goes between looks at its
// context: a few milliseconds of work, so an interrupt is seen at once.
const checkEvery = 256

// DocumentContext is Document that stops when ctx ends, checking it every
// checkEvery lines of each pass over the document; it then returns ctx's
// error and a Document that must not be used.
func (x *Extractor) DocumentContext(ctx context.Context, doc *source.Document) (Document, error) {
	buf := docBufs.Get().(*docBuf)
	defer docBufs.Put(buf)
	// The per-line tables are pooled too: made per document they were a
	// tenth of all bytes, and nothing returned refers to them.
	n := len(doc.Lines)
	t := &buf.lines
	t.simp, t.nos = cleared(t.simp, n), cleared(t.nos, n)
	t.places, t.runes, t.valid = cleared(t.places, n), cleared(t.runes, n), cleared(t.valid, n)
	t.spans, t.offs, t.marks = cleared(t.spans, n), cleared(t.offs, n), cleared(t.marks, n)
	simp, nos := t.simp, t.nos
	for i, l := range doc.Lines {
		simp[i], nos[i] = l.Simplified, l.No
	}
	// Place names are found once per line: they give the units and tell
	// numbers inside names (三台县) from figures. The same pass gives every
	// line's runes, all in one array, for unitsOf and the figures below;
	// each line's slice is capped at its end, so an append to one never
	// writes into the next. The array is only read while this document is
	// extracted (figures copy what they keep into strings), so it is
	// pooled: allocating and clearing it was a sixth of all bytes.
	// The mentions go into one pooled array the same way.
	places, lineRunes, valid := t.places, t.runes, t.valid
	// The same walk gives what unitsOf asks of every line (unitMarks).
	wordMarks := t.marks
	// The byte offsets of a valid line's runes come from the same walk:
	// they let pieces of it be cut from its text rather than made from
	// runes. A line with a bad byte has none (nil: made from runes).
	lineOffs := t.offs
	all, allMs, allOffs := buf.runes[:0], buf.mentions[:0], buf.lineOffs[:0]
	for i, text := range simp {
		if i%checkEvery == 0 && ctx.Err() != nil {
			return Document{}, ctx.Err()
		}
		start, startMs, startOffs := len(all), len(allMs), len(allOffs)
		allMs, all, allOffs, valid[i], wordMarks[i] = x.places.scanMarked(text, allMs, all, allOffs, unitMarks)
		lineRunes[i] = all[start:len(all):len(all)]
		if len(allMs) > startMs {
			places[i] = allMs[startMs:len(allMs):len(allMs)]
		}
		if valid[i] {
			lineOffs[i] = allOffs[startOffs:len(allOffs):len(allOffs)]
		} else {
			allOffs = allOffs[:startOffs]
		}
	}
	buf.runes, buf.mentions, buf.lineOffs = all, allMs, allOffs
	// The spans of every line first: their number sizes Figures once,
	// where growing it by appends was another sixth of all bytes.
	lineSpans := t.spans
	buf.scan.spans = buf.scan.spans[:0]
	nSpans := 0
	for i := range doc.Lines {
		if i%checkEvery == 0 && ctx.Err() != nil {
			return Document{}, ctx.Err()
		}
		if mayHoldNumberRunes(lineRunes[i]) {
			lineSpans[i] = dropPlaceNames(places[i], buf.scan.line(lineRunes[i]))
			nSpans += len(lineSpans[i])
		}
	}
	att := x.unitsOf(simp, nos, places, lineRunes, lineOffs, wordMarks)
	if att.units == nil {
		att.units = []string{} // a province's piece with no unit of its own
	}
	out := Document{Source: doc.Path, Units: att.units, Figures: make([]Figure, 0, nSpans), Outside: []Figure{}, Doubt: att.doubt}
	ids := newFigureIDs(doc.Path, nSpans, buf)
	var heading string
	prevHeading := false
	// Reused by every sentence and line (section votes, lineContext), and
	// pooled with the rest: made per document they were a third of its
	// allocations.
	shared, line := &buf.shared, &buf.line
	*shared, *line = sharedRings{}, lineRings{}
	origBuf := buf.orig[:0]
	offs := buf.offs[:0]
	defer func() { buf.offs = offs }() // its largest, for the next document
	var lastHeading string
	lastLead := buf.lead[:0]
	counted := buf.counted[:0] // what a figure counts, in runes, for its section
	hitBuf := buf.hits[:0]
	// ctxRunes are the heading and lead the line's figures are read
	// under, made in the buffer the last line's are not in.
	var ctxRunes []rune
	ctxBufs := [2][]rune{buf.ctx[0][:0], buf.ctx[1][:0]}
	defer func() {
		buf.orig, buf.hits, buf.lead, buf.counted, buf.ctx = origBuf, hitBuf, lastLead, counted, ctxBufs
	}()
	marks := &buf.marks // the marks of the line being read, for around (pooled: lineHits' buffers grew per document)
	for i, l := range doc.Lines {
		if i%checkEvery == 0 && ctx.Err() != nil {
			return Document{}, ctx.Err()
		}
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
		rs, spans := lineRunes[i], lineSpans[i]
		if len(spans) == 0 {
			continue
		}
		// Byte offsets of orig's runes in origText let a sentence or a
		// figure's text be cut from the line instead of built from runes;
		// only valid UTF-8 gives back the same bytes, so a line with a bad
		// byte keeps the conversion: the original's runes are made only
		// then, its offsets telling their number.
		orig, origText := rs, l.Simplified
		var valid bool
		if l.Text != l.Simplified {
			// The reader guarantees equal lengths; stay safe if not.
			if offs, valid = runeOffsets(offs[:0], l.Text); len(offs) == len(rs)+1 {
				origText = l.Text
				if !valid {
					origBuf = appendRunes(origBuf[:0], l.Text)
					orig = origBuf
				}
			}
		}
		cutOffs := offs
		if origText == l.Simplified {
			// A line with spans has its offsets when it is valid.
			cutOffs, valid = lineOffs[i], lineOffs[i] != nil // the offsets runeOffsets gives
		}
		if !valid || len(cutOffs) != len(orig)+1 {
			cutOffs = nil
		}
		cut := func(a, b int) string {
			if len(cutOffs) == 0 {
				return string(orig[a:b])
			}
			return origText[cutOffs[a]:cutOffs[b]]
		}
		rline := runeLine{text: l.Simplified, rs: rs, offs: lineOffs[i]}
		// Most lines of a section share its heading and have no lead: the
		// text is joined again only when one of them changes, and the runes
		// made again only when the text does.
		if lead := rs[:leadOf(rs)]; heading != lastHeading || !slices.Equal(lead, lastLead) || ctxRunes == nil {
			lastHeading, lastLead = heading, append(lastLead[:0], lead...)
			// The runes of strings.TrimSpace(heading + " " + lead), made
			// from the heading's, decoded inline, and the lead's, with no
			// string joined: the joins were most of a document's
			// allocations.
			next := appendRunes(ctxBufs[1][:0], heading)
			next = append(next, ' ')
			ctxBufs[1] = append(next, lead...)
			if next := trimSpaceRunes(ctxBufs[1]); !slices.Equal(next, ctxRunes) || ctxRunes == nil {
				ctxRunes = next
				ctxBufs[0], ctxBufs[1] = ctxBufs[1], ctxBufs[0]
				line.headingDone = false // its votes are counted again
			}
		}
		lastSS, lastSE, prevEnd := -1, -1, -1
		var base sectionScores
		line.done = false // a new paragraph; the heading's votes stay while it does
		var hits []lexHit // the line's lexicon words
		var sentence string
		lead := 0 // runes TrimSpace took off the sentence's start
		hits = x.lexicon.lineHits(hitBuf[:0], marks, rs)
		if hitBuf = hits; hits == nil {
			hits = []lexHit{} // never nil: nil hits make classify scan again
		}
		for _, s := range spans {
			ss, se := marks.around(rs, s.start, s.end, sentenceUnit)
			if ss != lastSS || se != lastSE {
				lastSS, lastSE = ss, se
				base = x.lexicon.lineContext(rs[ss:se], ctxRunes, shared, line, hits, [2]int{ss, se})
				raw := cut(ss, se)
				sentence = strings.TrimSpace(raw)
				lead = utf8.RuneCountInString(raw[:len(raw)-len(strings.TrimLeftFunc(raw, unicode.IsSpace))])
			}
			cs, ce := marks.around(rs, s.start, s.end, clauseUnit)
			subject := subjectOf(rline, s)
			if n := len(out.Figures); n > 0 && s.start == prevEnd && out.Figures[n-1].Line == l.No {
				subject = out.Figures[n-1].Subject // 13期1654人(次): one subject, two counts
			}
			prevEnd = s.end
			text := cut(s.start, s.end)
			unit := att.unitAt(i, s.start)
			// The clause is cut from the simplified line when orig is it,
			// and made only when one of its runes may start a wide scope.
			if hasWideStart(rs[cs:s.start]) {
				clause := ""
				if origText == l.Simplified {
					clause = cut(cs, s.start)
				} else {
					clause = string(rs[cs:s.start])
				}
				if isWiderScope(clause) {
					unit = "" // 全省共有…: the province's figure, not the unit's
				}
			}
			counted = appendRunes(counted[:0], subject) // classify keeps none of it
			f := Figure{
				ID:   ids.next(sentence, text),
				Unit: unit,
				Section: x.lexicon.classify(&figureText{counted: counted, figure: rs[s.start:s.end], measure: s.measure, clause: rs[cs:ce], paragraph: rs,
					figureAt: [2]int{s.start, s.end}, clauseAt: [2]int{cs, ce}}, &base),
				Value:      s.value,
				Max:        s.max,
				Measure:    s.measure,
				Qualifier:  s.qualifier,
				Text:       text,
				Subject:    subject,
				Sentence:   sentence,
				Line:       l.No,
				Span:       [2]int{s.start, s.end},
				InSentence: s.start - ss - lead,
				Source:     doc.Path,
			}
			if unit == "" {
				out.Outside = append(out.Outside, f)
			} else {
				out.Figures = append(out.Figures, f)
			}
		}
	}
	return out, nil
}

// wideScopes open a clause about the whole province or country.
var wideScopes = []string{"全省", "我省", "全国", "全自治区"}

// isWiderScope reports whether the clause before a figure opens with a
// scope wider than any reporting unit (全省共有…, 我省…).
func isWiderScope(clause string) bool {
	s := strings.TrimLeft(clause, "　 ")
	for _, l := range leadIns {
		s = strings.TrimPrefix(s, strings.TrimSuffix(l, "，"))
	}
	return hasAnyPrefix(s, wideScopes)
}

// wideStarts are the first runes of wideScopes.
var wideStarts = func() (rs []rune) {
	for _, w := range wideScopes {
		if r, _ := utf8.DecodeRuneInString(w); !slices.Contains(rs, r) {
			rs = append(rs, r)
		}
	}
	return rs
}()

// hasWideStart: rs holds a rune a wide scope starts with. isWiderScope
// trims whole runes off its clause's start, so it never holds for a
// clause whose runes have none.
func hasWideStart(rs []rune) bool {
	for _, r := range rs {
		if slices.Contains(wideStarts, r) {
			return true
		}
	}
	return false
}

// figureIDs numbers the figures of one document stably.
type figureIDs struct {
	base string
	// idHash counts each (sentence, text); a pair of strings the figure
	// already holds makes no key string per figure. A pair holding a NUL
	// is counted in joined under sentence+NUL+text, the key it had
	// before, so two pairs share a count exactly when their joined keys
	// are equal.
	joined map[string]int
	// A sentence's figures hash the same base NUL sentence first: the
	// digest's state after the whole blocks of that prefix is kept
	// (state, of prefix bytes) and restored for the next figure of the
	// same sentence, so only the tail is hashed again. Without SHA
	// instructions the hash was a tenth of a traditional pass.
	*idHash
	sentence string
	prefix   int
	// nulIn says whether nulChecked, the last figure's sentence, holds a NUL.
	nulChecked string
	nulIn      bool
	// out holds the document's ids one after another: each is a piece of
	// its string (strings.Builder never changes bytes a String gave), one
	// allocation per document instead of one per figure.
	out strings.Builder
}

// idHash is figureIDs' digest, counts and buffers, kept in docBuf for the
// next document (the counts cleared).
type idHash struct {
	// sentences numbers each sentence's group of texts in texts: a
	// sentence's figures come one after another, so the map is asked once
	// per sentence (group holds the last one), where a map of (sentence,
	// text) pairs hashed the whole sentence twice for every figure.
	sentences     map[string]int32
	texts         [][]textCount
	group         int32 // -1 before the first
	groupSentence string
	buf           []byte
	h             hash.Hash
	state         []byte
	sum           []byte
}

// textCount is how many figures of a sentence had this text so far.
type textCount struct {
	text string
	n    int
}

// newFigureIDs numbers about n figures (the map is made that big once,
// then reused by the next documents).
func newFigureIDs(path string, n int, buf *docBuf) *figureIDs {
	h := &buf.ids
	if h.sentences == nil {
		h.sentences, h.buf = make(map[string]int32, n), make([]byte, 0, 512)
	}
	clear(h.sentences)
	h.texts, h.group, h.groupSentence = h.texts[:0], -1, ""
	ids := &figureIDs{base: filepath.Base(path), joined: map[string]int{}, idHash: h}
	ids.out.Grow(12 * n)
	return ids
}

// count returns how many figures with this text this sentence had before,
// and counts this one.
func (h *idHash) count(sentence, text string) int {
	if h.group < 0 || sentence != h.groupSentence {
		g, ok := h.sentences[sentence]
		if !ok {
			g = int32(len(h.texts))
			h.sentences[sentence] = g
			if len(h.texts) < cap(h.texts) {
				h.texts = h.texts[:g+1]
				h.texts[g] = h.texts[g][:0] // a group of the last document, emptied
			} else {
				h.texts = append(h.texts, nil)
			}
		}
		h.group, h.groupSentence = g, sentence
	}
	ts := h.texts[h.group]
	for i := range ts {
		if ts[i].text == text {
			ts[i].n++
			return ts[i].n - 1
		}
	}
	h.texts[h.group] = append(ts, textCount{text, 1})
	return 0
}

// next returns the id of a figure with this text in this sentence; the
// same text twice in one sentence (or the same sentence twice) is counted.
func (ids *figureIDs) next(sentence, text string) string {
	var n int
	if sentence != ids.nulChecked {
		// Once per sentence, not once per figure: a sentence is long.
		ids.nulChecked, ids.nulIn = sentence, strings.IndexByte(sentence, 0) >= 0
	}
	if !ids.nulIn && strings.IndexByte(text, 0) < 0 {
		n = ids.count(sentence, text)
	} else {
		key := sentence + "\x00" + text
		n = ids.joined[key]
		ids.joined[key] = n + 1
	}
	// The hash input is base NUL sentence NUL text NUL count. When the
	// digest's state after its first from bytes is kept from the
	// sentence's last figure, the buffer holds only the bytes after them:
	// copying the whole sentence again for every figure was a third of
	// the time of its id.
	from := 0
	if ids.prefix > 0 && sentence == ids.sentence {
		from = ids.prefix
	}
	b := ids.buf[:0]
	switch base := ids.base; {
	case from <= len(base):
		b = append(b, base[from:]...)
		b = append(b, 0)
		b = append(b, sentence...)
	default:
		b = append(b, sentence[from-len(base)-1:]...)
	}
	b = append(b, 0)
	b = append(b, text...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(n), 10)
	ids.buf = b
	var id [12]byte
	hex.Encode(id[:], ids.hash(b, from, sentence)[:6])
	ids.out.Write(id[:])
	all := ids.out.String()
	return all[len(all)-len(id):]
}

// hash is sha256.Sum256 of the id's input, of which b is the part from
// from on: from is 0, or the sentence's kept state holds the rest. A
// whole input keeps the state after the whole blocks of base NUL sentence
// for the sentence's next figure.
func (ids *figureIDs) hash(b []byte, from int, sentence string) []byte {
	if ids.h == nil {
		ids.h, ids.sum = sha256.New(), make([]byte, 0, sha256.Size)
	}
	h := ids.h
	if from > 0 {
		if err := h.(encoding.BinaryUnmarshaler).UnmarshalBinary(ids.state); err != nil {
			panic(err) // the state is the digest's own
		}
		h.Write(b)
		ids.sum = h.Sum(ids.sum[:0])
		return ids.sum
	}
	whole := (len(ids.base) + 1 + len(sentence)) &^ (sha256.BlockSize - 1)
	if whole == 0 {
		s := sha256.Sum256(b)
		return append(ids.sum[:0], s[:]...)
	}
	h.Reset()
	h.Write(b[:whole])
	var err error
	if ids.state, err = h.(encoding.BinaryAppender).AppendBinary(ids.state[:0]); err != nil {
		panic(err)
	}
	ids.sentence, ids.prefix = sentence, whole
	h.Write(b[whole:])
	ids.sum = h.Sum(ids.sum[:0])
	return ids.sum
}

// docBuf is the memory of one document's extraction that nothing
// returned refers to, reused from document to document.
type docBuf struct {
	runes    []rune    // every line's runes (Places.scanMarked)
	mentions []Mention // and their place names
	offs     []int32   // a line's rune offsets (runeOffsets)
	lineOffs []int32   // every valid line's (decodeLine)
	scan     scanBuf
	ids      idHash
	orig     []rune // a traditional line's runes
	hits     []lexHit
	lines    lineTables
	marks    lineMarks
	shared   sharedRings
	line     lineRings
	lead     []rune    // the last line's lead
	counted  []rune    // a figure's subject
	ctx      [2][]rune // the heading and lead, this line's and the last's
}

// lineTables are DocumentContext's tables of one entry per line.
type lineTables struct {
	simp   []string
	nos    []int
	places [][]Mention
	runes  [][]rune
	valid  []bool
	spans  [][]span
	offs   [][]int32
	marks  []uint8
}

// cleared is s with length n and every element zero, reusing its array
// when it is big enough.
func cleared[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

var docBufs = sync.Pool{New: func() any { return new(docBuf) }}

// appendRunes is append(dst, []rune(s)...) without the temporary slice.
func appendRunes(dst []rune, s string) []rune {
	for i := 0; i < len(s); {
		// ASCII and the three-byte case (cjkutf8) inline: the call per
		// rune cost more than the decoding.
		if c := s[i]; c < utf8.RuneSelf {
			dst = append(dst, rune(c))
			i++
			continue
		} else if cjkutf8.IsThree(s, i) {
			dst = append(dst, cjkutf8.Three(s, i))
			i += 3
			continue
		}
		r, n := cjkutf8.Decode(s, i)
		dst = append(dst, r)
		i += n
	}
	return dst
}

// runeLine is a line's simplified text and its runes, with their byte
// offsets in it (and its length) when it is valid UTF-8, nil otherwise.
type runeLine struct {
	text string
	rs   []rune
	offs []int32
}

// cut is string(l.rs[a:b]), cut from the text when it can be.
func (l runeLine) cut(a, b int) string {
	if l.offs == nil {
		return string(l.rs[a:b])
	}
	return l.text[l.offs[a]:l.offs[b]]
}

// runeOffsets appends to dst the byte offset of each rune of s and then
// len(s), and says whether s is valid UTF-8.
func runeOffsets(dst []int32, s string) ([]int32, bool) {
	valid := true
	// Written by index into room made once (no rune is shorter than a
	// byte): an append per rune kept a call to grow in the loop.
	n0 := len(dst)
	dst = slices.Grow(dst, len(s)+1)[:n0+len(s)+1]
	out, k := dst[n0:], 0
	for i := 0; i < len(s); k++ {
		out[k] = int32(i)
		// ASCII and the three-byte runes of Chinese inline, as in
		// appendRunes.
		if c := s[i]; c < utf8.RuneSelf {
			i++
			continue
		} else if cjkutf8.IsThree(s, i) {
			i += 3
			continue
		}
		r, n := cjkutf8.Decode(s, i)
		if r == utf8.RuneError && n == 1 {
			valid = false
		}
		i += n
	}
	out[k] = int32(len(s))
	return dst[:n0+k+1], valid
}

// headingPunct are the marks of running text, commonest first: a
// strings.Contains per mark is strings.ContainsAny(line, "。，,；！？")
// without a look-up per rune of every line.
var headingPunct = []string{"，", "。", ",", "；", "！", "？"}

// isHeading: a short line without the punctuation of running text.
func isHeading(line string) bool {
	if line == "" || len(line) > 30*4 || moreRunesThan(line, 30) {
		return false
	}
	return !containsAny(line, headingPunct)
}

// moreRunesThan is utf8.RuneCountInString(s) > n, counting no further
// than n+1 runes: the lines asked about are most often long.
func moreRunesThan(s string, n int) bool {
	if len(s) <= n {
		return false // no rune is shorter than a byte
	}
	for i := 0; i < len(s); {
		if n--; n < 0 {
			return true
		}
		// ASCII and the three-byte runes of Chinese inline (cjkutf8).
		if s[i] < utf8.RuneSelf {
			i++
		} else if cjkutf8.IsThree(s, i) {
			i += 3
		} else {
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
		}
	}
	return false
}

// mayHoldNumberRunes: whether a line has a character a figure can start
// with; a line with none is skipped without further work. One bit test per
// rune of the line's runes.
func mayHoldNumberRunes(rs []rune) bool {
	for _, r := range rs {
		if r >= 0 && r < 0x10000 {
			if mayHoldSet.has(r) {
				return true
			}
		} else if holdsNumber(r) {
			return true
		}
	}
	return false
}

// holdsNumber: whether a figure can start with r.
func holdsNumber(r rune) bool {
	_, big := bigUnit(r)
	return isDigitRune(r) || isChineseNumeralStart(r) || big
}

// mayHoldSet holds the BMP runes holdsNumber accepts.
var mayHoldSet = func() *runeSet {
	var s runeSet
	for r := rune(0); r < 0x10000; r++ {
		if holdsNumber(r) {
			s.add(r)
		}
	}
	return &s
}()

// leadOf returns the length in runes of a paragraph's short opening
// sentence (党员干部当先锋。), which works as a sub-heading in this genre,
// without its mark; 0 for none.
func leadOf(rs []rune) int {
	for i, r := range rs {
		if i > 14 {
			break
		}
		if r == '。' {
			return i
		}
	}
	return 0
}

// trimSpaceRunes is rs without the white space (unicode.IsSpace) at its
// ends, as strings.TrimSpace trims the text rs decodes.
func trimSpaceRunes(rs []rune) []rune {
	for len(rs) > 0 && unicode.IsSpace(rs[0]) {
		rs = rs[1:]
	}
	for len(rs) > 0 && unicode.IsSpace(rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
	}
	return rs
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

// ConfigWarnings says what in the configuration looks wrong: a listed unit
// that is no division's name (present or former) is matched only as written.
func (x *Extractor) ConfigWarnings() []string {
	var out []string
	for _, u := range x.units {
		if len(x.places.Lookup(u.Name)) == 0 {
			out = append(out, fmt.Sprintf("config.yaml 的 units 中「%s」不是行政区划名称，只按原文和别名匹配", u.Name))
		}
	}
	return out
}
