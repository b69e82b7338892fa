package source

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// scanReference is scanText as separate passes: utf8.Valid, controlHeavy's
// count, hasRune over the whole text and cleanLineReference's stop test.
func scanReference(s string) textScan {
	f := textScan{valid: utf8.ValidString(s)}
	for _, b := range []byte(s) {
		f.controls += int(controlByte[b])
	}
	if !f.valid {
		return f
	}
	f.known, f.trad = true, hasRune(s, &tradSet)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\n' && c != '\r' && ((c < 0x20 && c != '\t') || c == 0x7F || (c == 0xC2 && i+1 < len(s) && s[i+1] < 0xA0)) {
			f.stops = true
		}
	}
	return f
}

// mixedPieces are what the random texts are made of: simplified and
// traditional prose, phrase runes, spaces, controls, line ends, runes of
// every length and broken UTF-8.
var mixedPieces = []string{"全市共有基层党组织", "1.2万个", "平涼市基層黨組織", "覆盖", "一目瞭然", "乾坤", "發", "隻", "么",
	"，", "。", "“共富工坊”", " ", "\u3000", "\u00a0", "\u200b", "\ufeff", "\t", "\n", "\r\n", "\r", "\x01", "\x0b", "\x0c", "\x1a", "\x7f",
	"\u0085", "\u009f", "\u00e9", "\u00c2", "©", "𠮷", "\U0001F600", "\U00020000", "\U0002A6D6", "\xff", "\xe4\xb8", "\xc2", "\xed\xa0\x80",
	"\xe0\xa0\x80", "\xe0\x80\x80", "\xef\xbf\xbd", "上一篇", "版权所有", "编辑：", "第3页", "ICP备", "a", "Z9"}

func randomMixed(r *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteString(mixedPieces[r.IntN(len(mixedPieces))])
	}
	return b.String()
}

// TestScanTextMatchesPasses: the one pass finds what the separate passes
// found, on random mixed text cut anywhere and on the seed reports and
// their traditional copies.
func TestScanTextMatchesPasses(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var cases []string
	for range 3000 {
		s := randomMixed(r, r.IntN(12))
		cases = append(cases, s)
		if len(s) > 1 {
			i := r.IntN(len(s))
			cases = append(cases, s[i:], s[:i])
		}
	}
	for _, data := range seeds(t) {
		cases = append(cases, string(data), Simplify(string(data)))
	}
	for _, c := range cases {
		want := scanReference(c)
		if got := scanText(c, true); got != want {
			t.Fatalf("scanText(%q) = %+v, want %+v", c, got, want)
		}
		if got := scanText(c, false); got != (textScan{valid: want.valid, controls: want.controls}) {
			t.Fatalf("scanText(%q) without tradSet = %+v, want %+v", c, got, want)
		}
	}
}

// TestNoSpaceIsTrad: what cleaning takes out of a line (spaces, controls,
// line ends) is never in tradSet or changeSet, so a line holds a tradSet
// rune only where its text does.
func TestNoSpaceIsTrad(t *testing.T) {
	for r := rune(0); r < 0x10000; r++ {
		if (isSpace(r) || unicode.IsControl(r) || r == ' ') && (inSet(&tradSet, r) || inSet(&changeSet, r)) {
			t.Fatalf("%U is cleaned out of lines but t2s may change it", r)
		}
	}
}

// parseGeneral is parseTxt without the scan's facts: every line cleaned in
// full and looked up for traditional runes, as all readers but .txt do.
func parseGeneral(path string, data []byte) (*Document, error) {
	text, enc, reason := decodeText(data)
	if reason != "" {
		return nil, &Error{Path: path, Reason: reason}
	}
	doc := &Document{Path: path, Format: "txt", Encoding: enc}
	doc.Lines = splitLines(text, true)
	return finish(doc, reasonNoText)
}

// TestParseFactsMatchGeneral: a .txt read with the scan's facts is the
// document read without them, on random mixed text (simplified,
// traditional, controls, bad UTF-8, which goes to GB18030 or is refused),
// with and without a BOM, and on the seed reports.
func TestParseFactsMatchGeneral(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var cases [][]byte
	for range 3000 {
		s := randomMixed(r, 1+r.IntN(30))
		cases = append(cases, []byte(s), []byte("\xef\xbb\xbf"+s))
	}
	for _, data := range seeds(t) {
		cases = append(cases, data, []byte(strings.ReplaceAll(string(data), "\n", "\r\n")))
	}
	for _, c := range cases {
		got, err := Parse("r.txt", c)
		want, werr := parseGeneral("r.txt", c)
		if !reflect.DeepEqual(err, werr) || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %+v %v\nwant %+v %v", c, got, err, want, werr)
		}
		if got == nil {
			continue
		}
		for i, l := range got.Lines {
			// A line t2s leaves alone shares its text, in both.
			if l.Simplified == l.Text && unsafe.StringData(l.Simplified) != unsafe.StringData(l.Text) {
				t.Fatalf("%q line %d: simplified copy of an unchanged line", c, i)
			}
		}
	}
}

// simplifyLinesReference is simplifyLines as it was: each changed line
// made a string of its own by sameLength.
func simplifyLinesReference(t *testing.T, lines []Line) bool {
	trad := false
	for i := range lines {
		lines[i].Simplified = lines[i].Text
		trad = trad || hasRune(lines[i].Text, &tradSet)
	}
	if !trad {
		return false
	}
	cc, err := converter()
	if err != nil {
		t.Fatal(err)
	}
	changed := false
	for i := range lines {
		if text := lines[i].Text; hasRune(text, &changeSet) {
			if s := sameLength(cc, text); s != text {
				lines[i].Simplified, changed = s, true
			}
		}
	}
	return changed
}

// TestSimplifyLinesOneBuffer: the lines converted into one buffer are
// those sameLength made one by one, and a line t2s leaves alone still
// shares its text, on random documents of simplified and traditional
// text, phrases, keys that change length (pairs of which sameLength undoes
// rune by rune) and bad UTF-8.
func TestSimplifyLinesOneBuffer(t *testing.T) {
	cc, err := converter()
	if err != nil {
		t.Fatal(err)
	}
	pieces := append([]string{"么麼的問題", "覆蓋範圍", "瞭解", "乾坤未定", "頭髮和發展", "\xe4\xb8"}, mixedPieces...)
	for _, g := range cc.chain {
		for _, p := range g.cands {
			if p.change && len(p.value) != len(p.key) {
				pieces = append(pieces, p.key)
			}
		}
	}
	r := rand.New(rand.NewPCG(9, 10))
	// Lines t2s leaves alone but for their bad bytes, which sameLength
	// turns into U+FFFD.
	docs := [][]string{{"黨", "覆盖\xff"}, {"覆\xe4\xb8", "平涼"}, {"么\xff", "黨組織"}, {"黨\xff"}}
	for range 400 {
		doc := make([]string, 1+r.IntN(20))
		for i := range doc {
			var b strings.Builder
			for range r.IntN(12) {
				b.WriteString(pieces[r.IntN(len(pieces))])
			}
			doc[i] = b.String()
		}
		docs = append(docs, doc)
	}
	for _, doc := range docs {
		lines := make([]Line, len(doc))
		for i, text := range doc {
			lines[i] = Line{No: i + 1, Text: text}
		}
		want := slices.Clone(lines)
		wantChanged := simplifyLinesReference(t, want)
		changed, err := simplifyLines(lines, textScan{})
		if err != nil || changed != wantChanged || !reflect.DeepEqual(lines, want) {
			t.Fatalf("simplifyLines = %v %v\n%+v\nwant %v\n%+v", changed, err, lines, wantChanged, want)
		}
		for _, l := range lines {
			if l.Simplified == l.Text && unsafe.StringData(l.Simplified) != unsafe.StringData(l.Text) {
				t.Fatalf("%q: unchanged line copied", l.Text)
			}
		}
	}
}

// splitLinesReference is splitLines as it was: IndexAny for CR or LF.
func splitLinesReference(text string) []Line {
	lines := make([]Line, 0, strings.Count(text, "\n")+1)
	sep := "\n"
	if strings.IndexByte(text, '\r') >= 0 {
		sep = "\r\n"
	}
	no := 0
	for len(text) > 0 {
		no++
		i := strings.IndexAny(text, sep)
		var line string
		if i < 0 {
			line, text = text, ""
		} else {
			line = text[:i]
			if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
				text = text[i+2:]
			} else {
				text = text[i+1:]
			}
		}
		if line = cleanLine(line); line != "" {
			lines = append(lines, Line{No: no, Text: line})
		}
	}
	return lines
}

// TestSplitLinesMatchesIndexAny: lines and their numbers are those cut at
// the first CR or LF, on random text of LF, CRLF, lone CR and runs of
// them (and none), with and without cleaning where the scan allows.
func TestSplitLinesMatchesIndexAny(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	ends := []string{"\n", "\r\n", "\r", "\n\r", "\r\r\n", "\n\n", ""}
	for range 5000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(mixedPieces[r.IntN(len(mixedPieces))])
			if r.IntN(2) == 0 {
				b.WriteString(ends[r.IntN(len(ends))])
			}
		}
		text := b.String()
		want := splitLinesReference(text)
		if got := splitLines(text, true); !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %+v\nwant %+v", text, got, want)
		}
		if f := scanText(text, true); f.known && !f.stops {
			if got := splitLines(text, false); !reflect.DeepEqual(got, want) {
				t.Fatalf("%q without controls:\n got %+v\nwant %+v", text, got, want)
			}
		}
	}
}

// FuzzFastPaths: on any input, the .txt reader with the scan's facts reads
// what the general path reads, the scan finds what the separate passes
// found, and boilerplate drops what it dropped before its fast paths, on
// every line (as read, and as if valid where it is).
func FuzzFastPaths(f *testing.F) {
	f.Add([]byte("平涼市基層黨組織1075個\r\n上一篇：党建\n\u3000版权所有 ©2024\x01\n"))
	f.Add([]byte("\xef\xbb\xbf覆盖率\xe0\xa0\x80，一目瞭然\r\r\n第 2 页"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Parse("f.txt", data)
		want, werr := parseGeneral("f.txt", data)
		if !reflect.DeepEqual(err, werr) || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %+v %v\nwant %+v %v", data, got, err, want, werr)
		}
		s := string(data)
		if a, b := scanText(s, true), scanReference(s); a != b {
			t.Fatalf("scanText(%q) = %+v, want %+v", s, a, b)
		}
		for _, l := range strings.Split(s, "\n") {
			want := boilerplateReference(l)
			if got := boilerplate(l); got != want {
				t.Fatalf("boilerplate(%q) = %q, want %q", l, got, want)
			}
			if utf8.ValidString(l) {
				if got := boilerplateOf(l, true); got != want {
					t.Fatalf("boilerplateOf(%q, valid) = %q, want %q", l, got, want)
				}
			}
		}
	})
}
