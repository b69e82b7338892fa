package source

import "unicode/utf8"

// tradSet marks the BMP runes that t2s changes on their own (built from
// tradRunes, which TestTradTable checks against opencc). Looking runes up
// here lets simplified documents skip the converter entirely.
var tradSet, phraseSet [1 << 16 / 64]uint64

func init() {
	for _, r := range tradRunes {
		tradSet[r>>6] |= 1 << (r & 63)
	}
	for _, r := range tradPhraseRunes {
		phraseSet[r>>6] |= 1 << (r & 63)
	}
}

// isTrad reports whether r is converted by t2s even without context. Runes
// outside the BMP are rare in reports; all of them count, so the few
// traditional ones there are not missed.
func isTrad(r rune) bool {
	if r > 0xFFFF {
		return r >= 0x20000
	}
	return tradSet[r>>6]&(1<<(r&63)) != 0
}

// mayChange reports whether r may change inside some phrase of a document
// already known to be traditional (e.g. 瞭 in 一目瞭然).
func mayChange(r rune) bool {
	return isTrad(r) || (r <= 0xFFFF && phraseSet[r>>6]&(1<<(r&63)) != 0)
}

func hasRune(s string, pred func(rune) bool) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if pred(r) {
			return true
		}
		i += n - 1
	}
	return false
}

// simplifyLines fills Simplified for every line and reports whether any line
// changed. Only lines holding a rune t2s may change are converted; the rest
// share their Text string.
func simplifyLines(lines []Line) (bool, error) {
	trad := false
	for i := range lines {
		lines[i].Simplified = lines[i].Text
		if !trad && hasRune(lines[i].Text, isTrad) {
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
	changed := false
	for i := range lines {
		text := lines[i].Text
		if !hasRune(text, mayChange) {
			continue
		}
		if s := sameLength(cc, text); s != text {
			lines[i].Simplified = s
			changed = true
		}
	}
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
