package source

import (
	"unicode/utf8"

	"djreport/internal/cjkutf8"
)

// tradSet marks the BMP runes that t2s changes on their own (built from
// tradRunes, which TestTradTable checks against opencc). Looking runes up
// here lets simplified documents skip the converter entirely. changeSet is
// tradSet and the runes that may change inside a phrase (tradPhraseRunes).
var tradSet, phraseSet, changeSet [1 << 16 / 64]uint64

func init() {
	for _, r := range tradRunes {
		tradSet[r>>6] |= 1 << (r & 63)
	}
	for _, r := range tradPhraseRunes {
		phraseSet[r>>6] |= 1 << (r & 63)
	}
	for i := range changeSet {
		changeSet[i] = tradSet[i] | phraseSet[i]
	}
}

// isTrad reports whether r is converted by t2s even without context. Runes
// outside the BMP are rare in reports; all of them count, so the few
// traditional ones there are not missed.
func isTrad(r rune) bool {
	return inSet(&tradSet, r)
}

// mayChange reports whether r may change inside some phrase of a document
// already known to be traditional (e.g. 瞭 in 一目瞭然).
func mayChange(r rune) bool {
	return inSet(&changeSet, r)
}

// inSet looks a BMP rune up in set; every rune from U+20000 on is in it
// (see isTrad).
func inSet(set *[1 << 16 / 64]uint64, r rune) bool {
	if r > 0xFFFF {
		return r >= 0x20000
	}
	return set[r>>6]&(1<<(r&63)) != 0
}

// hasRune reports whether some rune of s is in set (tradSet or changeSet,
// as inSet reads them). It runs over every line of every document, so the
// three-byte runes of Chinese are decoded inline rather than by a call.
func hasRune(s string, set *[1 << 16 / 64]uint64) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		var r rune
		n := 3
		if cjkutf8.IsThree(s, i) {
			r = cjkutf8.Three(s, i)
		} else {
			r, n = cjkutf8.Decode(s, i)
		}
		if inSet(set, r) {
			return true
		}
		i += n
	}
	return false
}

// simplifyLines fills Simplified for every line and reports whether any line
// changed. Only lines holding a rune t2s may change are converted; the rest
// share their Text string. When the scan of the text the lines were cut
// from is known, it says whether some line holds a tradSet rune.
func simplifyLines(lines []Line, facts textScan) (bool, error) {
	trad := facts.known && facts.trad
	for i := range lines {
		lines[i].Simplified = lines[i].Text
		if !trad && !facts.known && hasRune(lines[i].Text, &tradSet) {
			trad = true
		}
	}
	if !trad {
		return false, nil
	}
	cc, err := converter()
	if err != nil {
		return false, err
	}
	if len(cc.chain) != 1 {
		changed := false
		for i := range lines {
			if text := lines[i].Text; hasRune(text, &changeSet) {
				if s := sameLength(cc, text); s != text {
					lines[i].Simplified, changed = s, true
				}
			}
		}
		return changed, nil
	}
	// The changed lines are converted into one buffer and made one string,
	// which their Simplified share: one allocation, not one per line. A
	// line sameLength would not take as its group converts it (bad UTF-8,
	// runes gained or lost) is done by sameLength itself.
	type piece struct{ line, from, to int }
	pieces := make([]piece, 0, 64)
	scratch := t2sBufs.Get().(*[]byte)
	buf := (*scratch)[:0]
	changed := false
	for i := range lines {
		text := lines[i].Text
		if !hasRune(text, &changeSet) {
			continue
		}
		from := len(buf)
		out, conv, same, valid := cc.chain[0].convertInto(buf, text)
		if valid && !conv {
			continue
		}
		if s := out[from:]; valid && string(s) != text &&
			(same || utf8.RuneCount(s) == utf8.RuneCountInString(text) && utf8.Valid(s)) {
			buf = out
			pieces = append(pieces, piece{i, from, len(buf)})
			changed = true
			continue
		}
		buf = out[:from]
		if s := sameLength(cc, text); s != text {
			lines[i].Simplified, changed = s, true
		}
	}
	all := string(buf)
	for _, p := range pieces {
		lines[p.line].Simplified = all[p.from:p.to]
	}
	*scratch = buf[:0]
	t2sBufs.Put(scratch)
	return changed, nil
}

// sameLength converts text, falling back to rune-by-rune conversion when a
// phrase mapping changed the number of runes, so offsets stay aligned.
func sameLength(cc *t2s, text string) string {
	s, same := cc.convertSame(text)
	if s == text || same {
		return s // unchanged, or changed rune for rune
	}
	if utf8.RuneCountInString(s) == utf8.RuneCountInString(text) && utf8.ValidString(s) {
		return s
	}
	out := make([]byte, 0, len(text))
	for _, r := range text {
		if isTrad(r) {
			if c := cc.convert(string(r)); utf8.RuneCountInString(c) == 1 && utf8.ValidString(c) {
				out = append(out, c...)
				continue
			}
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out)
}
