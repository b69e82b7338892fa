package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"djreport/internal/cjkutf8"
)

// hotpathLines are the lines of the real reports beside the repository.
func hotpathLines(t testing.TB) []string {
	t.Helper()
	var lines []string
	for _, dir := range []string{
		filepath.Join("testdata", "corpus", "dev", "docs"),
		filepath.Join("..", "samples"),
		filepath.Join("..", "..", "shared", "seeds"),
		filepath.Join("..", "..", "shared", "dev", "docs"),
	} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") || strings.Contains(path, "gbk") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err == nil {
				lines = append(lines, strings.Split(string(data), "\n")...)
			}
			return nil
		})
	}
	if len(lines) < 1000 {
		t.Skipf("only %d lines of reports found", len(lines))
	}
	return lines
}

// countClauseOpenersRunes is countClauseOpeners as it was, on a []rune.
func countClauseOpenersRunes(text string, words []string) int {
	rs := []rune(text)
	n := 0
	for i := 0; i < len(rs); i++ {
		if i > 0 && !isClauseBreak(rs[i-1]) && rs[i-1] != '　' && rs[i-1] != ' ' {
			continue
		}
		rest := string(rs[i:min(len(rs), i+4)])
		for _, l := range leadIns {
			if strings.HasPrefix(string(rs[i:]), l) {
				i += len([]rune(l)) - 1
				rest = ""
				break
			}
		}
		if hasAnyPrefix(rest, words) {
			n++
		}
	}
	return n
}

// TestCountClauseOpenersUnchanged: walking bytes counts what walking runes
// counted, on every line of the reports and on lines made to hit the
// lead-ins and scope words.
func TestCountClauseOpenersUnchanged(t *testing.T) {
	lines := append(hotpathLines(t),
		"", "全省", "今年以来，全省共有", "各地注重，我省 全区", "近年来，近来，全自治区共", "获评全省示范乡镇。全省",
		"以来，", "截至目前，全省", "　全省", "年以来，各地\xff全省")
	words := [][]string{provinceScopeWords(nil), provinceScopeWords(&Division{Name: "西藏自治区"})}
	hits := 0
	for _, l := range lines {
		for _, ws := range words {
			got, want := countClauseOpeners(l, ws), countClauseOpenersRunes(l, ws)
			if got != want {
				t.Fatalf("%q %v: %d, want %d", l, ws, got, want)
			}
			hits += got
		}
	}
	if hits < 50 {
		t.Fatalf("only %d clause openers in %d lines", hits, len(lines))
	}
}

// TestDefaultIndexMatchesFeatures: the integer-keyed index holds every
// feature of the built-in model, and posterior gives the same sums with it
// as with the string keys, on every line of the reports.
func TestDefaultIndexMatchesFeatures(t *testing.T) {
	if defaultIndex == nil || len(defaultIndex) != len(defaultModel.Features) {
		t.Fatalf("index of %d features, model has %d", len(defaultIndex), len(defaultModel.Features))
	}
	// The open-addressed table holds every key of the index and no other.
	n := 0
	for _, k := range defaultTable.keys {
		if k != 0 {
			n++
			if p, ok := defaultTable.get(k); !ok || p != defaultIndex[k] {
				t.Fatalf("table key %x: %v %v, index has %v", k, p, ok, defaultIndex[k])
			}
		}
	}
	if n != len(defaultIndex) {
		t.Fatalf("table holds %d keys, index %d", n, len(defaultIndex))
	}
	for k := range defaultIndex {
		if _, ok := defaultTable.get(k + 1<<63); ok {
			t.Fatalf("table finds %x, not a key", k+1<<63)
		}
	}
	byString := *defaultModel // a copy: posterior uses the index only for defaultModel itself
	for _, l := range append(hotpathLines(t), "\xff党\xfe建", "") {
		rs := []rune(l)
		for _, cut := range []int{0, min(2, len(rs)), len(rs) / 2} {
			if got, want := defaultModel.posterior(rs[:cut], rs[cut:]), byString.posterior(rs[:cut], rs[cut:]); got != want {
				t.Fatalf("%q: %v, want %v", l, got, want)
			}
		}
	}
	// Runes that are not valid are looked up as U+FFFD, as AppendRune writes them.
	bad := []rune{0xD800, '党', -1, 0x110000}
	if got, want := defaultModel.posterior(bad, bad), byString.posterior(bad, bad); got != want {
		t.Fatalf("invalid runes: %v, want %v", got, want)
	}
}

// TestFigureIDsUnchanged: ids come out as the joined-string version made
// them, for repeated pairs and for pairs whose NULs make joined keys meet.
func TestFigureIDsUnchanged(t *testing.T) {
	old := map[string]int{}
	oldNext := func(base, sentence, text string) string {
		key := sentence + "\x00" + text
		n := old[key]
		old[key] = n + 1
		h := sha256.Sum256([]byte(base + "\x00" + key + "\x00" + strconv.Itoa(n)))
		return hex.EncodeToString(h[:6])
	}
	pairs := [][2]string{{"全市共有党员12万名。", "12万名"}, {"全市共有党员12万名。", "12万名"}, {"a\x00b", "c"}, {"a", "b\x00c"},
		{"a\x00b", "c"}, {"", ""}, {"", ""}, {"a", "b"}, {"a\x00", "b"}, {"a", "\x00b"}}
	for _, l := range hotpathLines(t)[:200] {
		// A sentence's figures in a row reuse its hash state.
		pairs = append(pairs, [2]string{l, firstRunes(l, 3)}, [2]string{l, firstRunes(l, 3)}, [2]string{l, firstRunes(l, 40)},
			[2]string{l, ""}, [2]string{strings.Clone(l), firstRunes(l, 1)})
	}
	// The same pairs again, backwards: a sentence met again after others
	// goes on counting where it stopped.
	for i := len(pairs) - 1; i >= 0; i-- {
		pairs = append(pairs, [2]string{strings.Clone(pairs[i][0]), pairs[i][1]})
	}
	// Sentences around the 64-byte blocks of the hash, with the base.
	for n := 40; n < 140; n++ {
		l := strings.Repeat("a", n)
		pairs = append(pairs, [2]string{l, "1"}, [2]string{l, strings.Repeat("2", n)}, [2]string{l, "3"})
	}
	// The digest is reused by the next document, whose base differs.
	var h docBuf
	for _, base := range []string{"报告.txt", "另一份报告.txt", strings.Repeat("很长的文件名", 6) + ".txt", strings.Repeat("名", 21) + ".tx"} {
		clear(old)
		ids := newFigureIDs("dir/"+base, 0, &h)
		for _, p := range pairs {
			if got, want := ids.next(p[0], p[1]), oldNext(base, p[0], p[1]); got != want {
				t.Fatalf("%s %q: id %s, want %s", base, p, got, want)
			}
		}
	}
}

// runeDecodeCases are strings at the edges of UTF-8: the lead bytes left to
// the library (E0, ED, F0…), cut and overlong sequences, surrogates.
var runeDecodeCases = []string{"", "a", "党建", "\xe4\xb8", "\xe4", "\xe0\xa0\x80", "\xe0\x80\x80", "\xed\x9f\xbf",
	"\xed\xa0\x80", "\xef\xbf\xbd", "\xef\xbf\xbf", "\xe1\x80\x80", "\xf0\x9f\x98\x80", "\xc3\xa9", "\xff\xfe",
	"\xe4\xb8\xe4\xb8\xad", "１２３，“共富工坊”…"}

// checkRuneDecode: cjkutf8.Decode decodes as the library does, and runeOffsets
// cuts s where string([]rune) would and says whether it is valid.
func checkRuneDecode(t *testing.T, s string) {
	t.Helper()
	var offs []int32
	for i := 0; i < len(s); {
		r, n := cjkutf8.Decode(s, i)
		wr, wn := utf8.DecodeRuneInString(s[i:])
		if r != wr || n != wn {
			t.Fatalf("%q at %d: %U %d, want %U %d", s, i, r, n, wr, wn)
		}
		i += n
	}
	offs, valid := runeOffsets(offs, s)
	rs := []rune(s)
	if len(offs) != len(rs)+1 || valid != utf8.ValidString(s) {
		t.Fatalf("%q: %d offsets valid %v, want %d, %v", s, len(offs), valid, len(rs)+1, utf8.ValidString(s))
	}
	if string(appendRunes(nil, s)) != string(rs) {
		t.Fatalf("%q: appendRunes differs from []rune", s)
	}
	if rs2, offs2, valid2 := decodeLine(nil, nil, s); !slices.Equal(rs2, rs) || valid2 != valid || !slices.Equal(offs2, offs[len(offs)-len(rs)-1:]) {
		t.Fatalf("%q: decodeLine differs from runeOffsets", s)
	}
	if valid {
		for a := range rs {
			if got, want := s[offs[a]:offs[a+1]], string(rs[a:a+1]); got != want {
				t.Fatalf("%q rune %d: %q, want %q", s, a, got, want)
			}
		}
	}
}

// TestRuneDecodeUnchanged runs checkRuneDecode on every line of the
// reports and on the edge cases.
func TestRuneDecodeUnchanged(t *testing.T) {
	for _, l := range append(hotpathLines(t), runeDecodeCases...) {
		checkRuneDecode(t, l)
	}
}

func FuzzRuneDecode(f *testing.F) {
	for _, s := range runeDecodeCases {
		f.Add(s)
	}
	f.Fuzz(checkRuneDecode)
}

// TestRuneWalksUnchanged: listGap and isUnitHeading walk the runes they
// were given as the string versions did, on every line of the reports.
func TestRuneWalksUnchanged(t *testing.T) {
	oldListGap := func(rs []rune, from, to int) bool {
		if from > to || to > len(rs) {
			return false
		}
		g := []rune(strings.TrimLeft(string(rs[from:to]), "市县区州旗"))
		return len(g) == 1 && strings.ContainsRune("、和及与", g[0])
	}
	oldUnitHeading := func(line string) bool {
		rs := []rune(strings.TrimSpace(line))
		if len(rs) <= 8 {
			return true
		}
		for i, r := range rs {
			if i > 10 {
				break
			}
			if r == '：' || r == ':' {
				return true
			}
		}
		return false
	}
	gaps := 0
	for _, l := range append(hotpathLines(t), "洱源、剑川县、鹤庆和弥渡", "宁波市：", "一二三四五六七八九十十一：", "\xff\xfe：", "") {
		if got, want := isUnitHeading(l), oldUnitHeading(l); got != want {
			t.Fatalf("isUnitHeading(%q) = %v, want %v", l, got, want)
		}
		rs := []rune(l)
		for from := 0; from < min(len(rs), 40); from++ {
			for to := from - 1; to <= min(len(rs), from+4); to++ {
				got, want := listGap(rs, from, to), oldListGap(rs, from, max(to, 0))
				if to < 0 {
					want = false
				}
				if got != want {
					t.Fatalf("listGap(%q, %d, %d) = %v, want %v", l, from, to, got, want)
				}
				if got {
					gaps++
				}
			}
		}
	}
	if gaps == 0 {
		t.Fatal("no list gap found")
	}
}

// TestScoresInMatchesScores: the votes read from a line's hits are the
// votes of scanning the part of the line, for every part of up to 40 runes
// from each of the first 60 runes of every line of the reports, and for
// whole lines.
func TestScoresInMatchesScores(t *testing.T) {
	// A lexicon whose words have ids past scoresIn's bits too: private-use
	// words that match nothing come first.
	big := DefaultLexicon()
	for _, s := range Sections {
		var fill []string
		for i := range 150 {
			fill = append(fill, string(rune(0xE000+i))+string(s))
		}
		big[s] = append(fill, big[s]...)
	}
	for _, ix := range []*lexIndex{DefaultLexicon().index(), big.index()} {
		checkScoresIn(t, ix)
	}
}

func checkScoresIn(t *testing.T, ix *lexIndex) {
	found := 0
	for _, l := range append(hotpathLines(t), "党组织党组党建", "发展党员发展", "\xff党\xfe建") {
		rs := []rune(l)
		hits := ix.lineHits(nil, new(lineMarks), rs)
		check := func(a, b int) {
			var got, want [4]float64
			gl, wl := scoresIn(hits, a, b, &got), ix.scores(rs[a:b], 1, &want)
			if got != want || gl != wl {
				t.Fatalf("%q [%d:%d]: %v last %d, want %v last %d", l, a, b, got, gl, want, wl)
			}
			if wl >= 0 {
				found++
			}
		}
		check(0, len(rs))
		for a := 0; a < min(len(rs), 60); a++ {
			for b := a; b <= min(len(rs), a+40); b++ {
				check(a, b)
			}
		}
	}
	if found == 0 {
		t.Fatal("no lexicon word found")
	}
}

// TestSentenceEndsUnchanged: the range test in front of the switches
// changes no rune's answer.
func TestSentenceEndsUnchanged(t *testing.T) {
	oldSentenceEnd := func(r rune) bool {
		switch r {
		case '。', '！', '？', '；', '!', '?', ';', '…':
			return true
		}
		return false
	}
	oldClauseEnd := func(r rune) bool {
		switch r {
		case '，', ',', '：', ':':
			return true
		}
		return oldSentenceEnd(r)
	}
	for r := rune(-1); r <= utf8.MaxRune+1; r++ {
		if isSentenceEnd(r) != oldSentenceEnd(r) || isClauseEnd(r) != oldClauseEnd(r) {
			t.Fatalf("%U: sentence end %v, clause end %v", r, isSentenceEnd(r), isClauseEnd(r))
		}
	}
}

// mayHoldNumber is mayHoldNumberRunes as it was, a walk over the string.
func mayHoldNumber(line string) bool {
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c >= '0' && c <= '9' {
			return true
		}
		if c >= 0x80 {
			r, n := cjkutf8.Decode(line, i)
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

// TestMayHoldNumberRunesUnchanged: the bit set on runes answers as the
// walk over the string did, on every line of the reports and the edge
// cases of UTF-8.
func TestMayHoldNumberRunesUnchanged(t *testing.T) {
	for _, l := range append(hotpathLines(t), append(runeDecodeCases, "萬", "億元", "〇", "０", "\U0001D7CE")...) {
		if got, want := mayHoldNumberRunes([]rune(l)), mayHoldNumber(l); got != want {
			t.Fatalf("%q: %v, want %v", l, got, want)
		}
	}
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if got, want := mayHoldNumberRunes([]rune{r}), mayHoldNumber(string(r)); got != want {
			t.Fatalf("%U: %v, want %v", r, got, want)
		}
	}
}

// scanBefore is Places.Scan as it was before it decoded each rune once
// (first table, then the second runes of the bucket).
func scanBefore(p *Places, text string) []Mention {
	var out []Mention
	prev := rune(-1)
	runeIdx := 0
	for i := 0; i < len(text); {
		r, size := cjkutf8.Decode(text, i)
		var hit *gazKey
		if r >= gazLo && r < gazHi && p.first[r-gazLo] != 0 {
			b := &p.buckets[p.first[r-gazLo]-1]
			rest := text[i:]
			r2, _ := runeAt(rest, size)
			for g, sr := range b.second {
				if sr != r2 {
					continue
				}
				ks := b.groups[g]
				for k := range ks {
					if strings.HasPrefix(rest, ks[k].text) && gazAccept(&ks[k], prev, rest[len(ks[k].text):]) {
						hit = &ks[k]
						break
					}
				}
				break
			}
		}
		if hit == nil {
			i += size
			runeIdx++
			prev = r
			continue
		}
		out = append(out, Mention{Start: runeIdx, End: runeIdx + hit.runes, Name: hit.text, Full: hit.full, Divisions: hit.divs})
		i += len(hit.text)
		runeIdx += hit.runes
		prev, _ = utf8.DecodeLastRuneInString(hit.text)
	}
	return out
}

// TestPlacesScanUnchanged: Scan finds what it found before, on every line
// of the reports and on names cut by bad bytes.
func TestPlacesScanUnchanged(t *testing.T) {
	p := Gazetteer()
	found := 0
	for _, l := range append(hotpathLines(t), append(runeDecodeCases, "宁波\xff市", "\xe5宁波市慈溪市", "慈溪", "慈", "北京市朝阳区\xed\xa0\x80吉林")...) {
		got, want := p.Scan(l), scanBefore(p, l)
		ms, rs, valid := p.scanRunes(l, make([]Mention, 1), []rune("前"))
		if !slices.Equal(rs, append([]rune("前"), []rune(l)...)) || len(ms) != 1+len(got) || valid != utf8.ValidString(l) {
			t.Fatalf("%q: scanRunes gave runes %q, %d mentions", l, string(rs), len(ms))
		}
		if len(got) != len(want) {
			t.Fatalf("%q: %d mentions, want %d", l, len(got), len(want))
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.Start != w.Start || g.End != w.End || g.Name != w.Name || g.Full != w.Full || len(g.Divisions) != len(w.Divisions) {
				t.Fatalf("%q mention %d: %+v, want %+v", l, i, g, w)
			}
		}
		found += len(got)
	}
	if found < 100 {
		t.Fatalf("only %d mentions", found)
	}
}

// TestDatelineFiltersKeepMatches: every text the dateline regexps match
// passes their cheap filters, on every line of the reports and its clauses
// and on made-up datelines.
func TestDatelineFiltersKeepMatches(t *testing.T) {
	opens, afters := 0, 0
	for _, l := range append(hotpathLines(t), "本报3月3日讯", "（新华社北京5月2日电", "【人民网", "(中新社", "12月12日电", "电", "讯息", "7月1日讯") {
		for _, s := range append([]string{l, strings.TrimLeft(l, "　 ")}, strings.FieldsFunc(l, isClauseBreak)...) {
			if datelineOpen.MatchString(s) {
				opens++
				if !mayOpenDateline(s) {
					t.Fatalf("%q opens a dateline, filtered out", s)
				}
			}
			if datelineAfter.MatchString(s) {
				afters++
				if !mayBeDateline(s) {
					t.Fatalf("%q is a dateline, filtered out", s)
				}
			}
		}
	}
	if opens == 0 || afters == 0 {
		t.Fatalf("%d opening and %d following datelines", opens, afters)
	}
}

// TestRuneWordsMatchContainsAny: the scope words and breadcrumb marks are
// in a line's runes exactly when they are in the line, on every line of
// the reports and on lines with bad bytes next to the words.
func TestRuneWordsMatchContainsAny(t *testing.T) {
	region := &Division{Name: "西藏自治区"}
	for _, c := range []struct {
		words []string
		rw    *runeWords
	}{
		{provinceScopeWords(nil), provinceScopeRunes(nil)},
		{provinceScopeWords(region), provinceScopeRunes(region)},
		{breadcrumbMarks, breadcrumbRunes},
	} {
		found := 0
		for _, l := range append(hotpathLines(t), "", "全", "\xe5全省", "全\xff省", "各地\xe5", "\xf0\x9f全自治区", "全自治", "全区",
			"山西新闻网>>地市频道", "首页»", "\xe3》", "》\xe3", "→") {
			got, want := c.rw.in([]rune(l)), containsAny(l, c.words)
			if got != want {
				t.Fatalf("%q %q: %v, want %v", l, c.words, got, want)
			}
			if got {
				found++
			}
		}
		if found < 5 {
			t.Fatalf("%q: only %d lines hold a word", c.words, found)
		}
	}
}

// TestPunctListsMatchContainsAny: a strings.Contains per mark finds what
// strings.ContainsAny found, on every line of the reports and around bad
// bytes.
func TestPunctListsMatchContainsAny(t *testing.T) {
	marks := strings.Join(headingPunct, "")
	if marks != "，。,；！？" {
		t.Fatalf("headingPunct %q", marks)
	}
	for _, l := range append(hotpathLines(t), "", "\xef\xbc", "\xe4，", "标题\xff", "全市；") {
		if got, want := containsAny(l, headingPunct), strings.ContainsAny(l, "。，,；！？"); got != want {
			t.Fatalf("%q: %v, want %v", l, got, want)
		}
	}
}

// TestWideStartKeepsWiderScope: a clause isWiderScope takes always holds
// one of wideStarts, so skipping the others changes nothing.
func TestWideStartKeepsWiderScope(t *testing.T) {
	var clauses []string
	for _, l := range hotpathLines(t) {
		rs := []rune(l)
		for i := 0; i < len(rs); i += 7 {
			clauses = append(clauses, string(rs[i:min(i+16, len(rs))]))
		}
	}
	for _, w := range wideScopes {
		for _, l := range append([]string{"", "　 ", " "}, leadIns...) {
			clauses = append(clauses, l+w+"共有", " "+strings.TrimSuffix(l, "，")+w)
		}
	}
	wide := 0
	for _, c := range clauses {
		if isWiderScope(c) {
			wide++
			if !hasWideStart([]rune(c)) {
				t.Errorf("%q: wider scope without a wide start", c)
			}
		}
	}
	if wide == 0 {
		t.Fatal("no clause of a wider scope")
	}
}

// TestMoreRunesThan is utf8.RuneCountInString(s) > n on UTF-8's edges and
// on the reports' lines.
func TestMoreRunesThan(t *testing.T) {
	for _, s := range append(append([]string{}, runeDecodeCases...), hotpathLines(t)[:300]...) {
		for n := range 40 {
			if got, want := moreRunesThan(s, n), utf8.RuneCountInString(s) > n; got != want {
				t.Fatalf("moreRunesThan(%q, %d) = %v, want %v", s, n, got, want)
			}
		}
	}
}

// TestLastRunes: lastRunes cuts what []rune made again, bad bytes included.
func TestLastRunes(t *testing.T) {
	cases := append(append([]string{}, runeDecodeCases...), "中\xe4中文", "\xe4\xb8中", "中\xb8", "组织部\xed\xa0\x80门", "ab中\xff")
	for _, l := range hotpathLines(t)[:200] {
		cases = append(cases, l, l+"\xe4", "\xe4"+l)
	}
	for _, s := range cases {
		for n := range 14 {
			if got, want := lastRunes(s, n), lastRunesOf(s, n); got != want {
				t.Fatalf("lastRunes(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}

// TestNumberPrefiltersUnchanged: the rune-set tests before measureAt,
// prefixQualifierBefore and the word sets' walks change no answer, at every
// rune of the reports' lines and of lines with bad bytes.
func TestNumberPrefiltersUnchanged(t *testing.T) {
	oldMeasureAt := func(rs []rune, i int) (string, int) {
		if i >= len(rs) {
			return "", i
		}
		for _, m := range measureList {
			if hasPrefixAt(rs, i, m) {
				return measureForms[string(m)], i + len(m)
			}
		}
		return "", i
	}
	oldPrefixQualifier := func(rs []rune, i int) (string, int) {
		for qi, q := range prefixQualifiers {
			k := i - len(q)
			if k < 0 || !hasPrefixAt(rs, k, q) {
				continue
			}
			if len(q) == 1 && k > 0 {
				if bad, ok := notQualifierBefore[q[0]]; ok && containsRune(bad, rs[k-1]) {
					continue
				}
			}
			return prefixQualifierWords[qi], k
		}
		return "", i
	}
	oldLastBefore := func(ws wordSet, s string, limit int) (end, start int) {
		end, start = -1, -1
		for i, r := range s {
			if i >= limit {
				break
			}
			for _, w := range ws.words.value(r) {
				if strings.HasPrefix(s[i:], w) && i+len(w) > end {
					start, end = i, i+len(w)
				}
			}
		}
		return end, start
	}
	oldFirst := func(ws wordSet, s string) int {
		for i, r := range s {
			for _, w := range ws.words.value(r) {
				if strings.HasPrefix(s[i:], w) {
					return i
				}
			}
		}
		return -1
	}
	found := map[string]int{}
	for _, l := range append(hotpathLines(t), "约\xff12名", "近３０余万元多", "累计达到\xe4\xb8培育了", "") {
		rs := []rune(l)
		for i := 0; i <= len(rs); i++ {
			gm, ge := measureAt(rs, i)
			wm, we := oldMeasureAt(rs, i)
			if gm != wm || ge != we {
				t.Fatalf("measureAt(%q, %d) = %q %d, want %q %d", l, i, gm, ge, wm, we)
			}
			gq, gk := prefixQualifierBefore(rs, i)
			wq, wk := oldPrefixQualifier(rs, i)
			if gq != wq || gk != wk {
				t.Fatalf("prefixQualifierBefore(%q, %d) = %q %d, want %q %d", l, i, gq, gk, wq, wk)
			}
			if gm != "" {
				found["measure"]++
			}
			if gq != "" {
				found["qualifier"]++
			}
		}
		for _, ws := range []wordSet{stopIndex, verbIndex, newWordSet(subjectPredicates)} {
			if got, want := ws.first(l), oldFirst(ws, l); got != want {
				t.Fatalf("first(%q) = %d, want %d", l, got, want)
			}
			for _, limit := range []int{len(l), len(l) / 2, 7} {
				ge, gs := ws.lastBefore(l, limit)
				we, wsn := oldLastBefore(ws, l, limit)
				if ge != we || gs != wsn {
					t.Fatalf("lastBefore(%q, %d) = %d %d, want %d %d", l, limit, ge, gs, we, wsn)
				}
				if ge >= 0 {
					found["word"]++
				}
			}
		}
	}
	for _, k := range []string{"measure", "qualifier", "word"} {
		if found[k] < 100 {
			t.Fatalf("only %d hits of %s: the test reaches too little", found[k], k)
		}
	}
}

// BenchmarkLineHits measures finding the lexicon words and marks of every
// line of the reports (hotpathLines), the per-line pass of classify.
func BenchmarkLineHits(b *testing.B) {
	var lines [][]rune
	for _, l := range hotpathLines(b) {
		lines = append(lines, []rune(l))
	}
	ix := DefaultLexicon().index()
	var m lineMarks
	var hits []lexHit
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			hits = ix.lineHits(hits[:0], &m, l)
		}
	}
}

// BenchmarkScanSpans measures finding the figures of every line of the
// reports that has a rune a figure may start with.
func BenchmarkScanSpans(b *testing.B) {
	var lines [][]rune
	for _, l := range hotpathLines(b) {
		if rs := []rune(l); mayHoldNumberRunes(rs) {
			lines = append(lines, rs)
		}
	}
	var sb scanBuf
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, l := range lines {
			sb.spans = sb.spans[:0]
			sb.line(l)
		}
	}
}

// TestSubjectTrimsUnchanged: dropping predicates by their last rune and
// passing over phrases that open no scope word trim what the loops over
// every word trimmed, on the phrases before every rune of the reports.
func TestSubjectTrimsUnchanged(t *testing.T) {
	predicates := newWordSet(subjectPredicates)
	oldPredicates := func(before string) string {
		for changed := true; changed; {
			changed = false
			if end, begin := predicates.last(before); end == len(before) && begin > 0 {
				before, changed = before[:begin], true
			}
		}
		return before
	}
	oldScopes := func(before string) string {
		for changed := true; changed; {
			changed = false
			for _, w := range subjectScopes {
				if strings.HasPrefix(before, w) && utf8.RuneCountInString(before) > utf8.RuneCountInString(w)+1 {
					before, changed = before[len(w):], true
				}
			}
		}
		return before
	}
	trimmed := map[string]int{}
	for _, l := range append(hotpathLines(t), "全市共累计达到", "其中全县已有", "达到达", "\xff达到", "已有\xe4") {
		rs := []rune(l)
		for end := 0; end <= len(rs); end++ {
			for _, start := range []int{max(end-24, 0), max(end-6, 0), max(end-2, 0)} {
				before := string(rs[start:end])
				if got, want := trimPredicates(before), oldPredicates(before); got != want {
					t.Fatalf("trimPredicates(%q) = %q, want %q", before, got, want)
				} else if got != before {
					trimmed["predicate"]++
				}
				if got, want := trimScopes(before), oldScopes(before); got != want {
					t.Fatalf("trimScopes(%q) = %q, want %q", before, got, want)
				} else if got != before {
					trimmed["scope"]++
				}
			}
		}
	}
	if trimmed["predicate"] < 500 || trimmed["scope"] < 500 {
		t.Fatalf("only %v trimmed: the test reaches too little", trimmed)
	}
}

// oldQuoteMask is quoteMask as it was, walking every rune.
func oldQuoteMask(rs []rune) []bool {
	var mask []bool
	for i := 0; i < len(rs); i++ {
		if r := rs[i]; r != '"' && (r < '‘' || r > '『') {
			continue
		}
		closer, ok := closingQuote(rs[i])
		straight := rs[i] == '"'
		if !ok && !straight {
			continue
		}
		if straight {
			closer = '"'
		}
		j := i + 1
		for j < len(rs) && rs[j] != closer && j-i <= 60 {
			j++
		}
		if j >= len(rs) || rs[j] != closer {
			continue
		}
		inner := rs[i+1 : j]
		name := rs[i] == '《' || rs[i] == '〈' || isNameLike(inner)
		if !name && !straight {
			continue
		}
		if name {
			if mask == nil {
				mask = make([]bool, len(rs))
			}
			for k := i; k <= j; k++ {
				mask[k] = true
			}
		}
		i = j
	}
	return mask
}

// TestQuoteMaskUnchanged: walking the listed openers masks what walking
// every rune masked, on the reports' lines and on random lines of quotes,
// marks and text, nested and unclosed; and scanSpans lists the openers.
func TestQuoteMaskUnchanged(t *testing.T) {
	lines := hotpathLines(t)
	alpha := []rune("“”「」『』《》‘’〈〉\"，。党员12、 \U0002000B")
	rng := rand.New(rand.NewSource(3))
	for n := 0; n < 20000; n++ {
		rs := make([]rune, rng.Intn(150))
		for i := range rs {
			rs[i] = alpha[rng.Intn(len(alpha))]
			if rng.Intn(3) > 0 {
				rs[i] = '党' // long quotes, some past 60 runes
			}
		}
		lines = append(lines, string(rs))
	}
	var b scanBuf
	masked := 0
	for _, l := range lines {
		rs := []rune(l)
		var openers []int32
		for i, r := range rs {
			if quoteOpeners.has(r) {
				openers = append(openers, int32(i))
			}
		}
		want := oldQuoteMask(rs)
		if got := quoteMask(rs, openers, nil); (got == nil) != (want == nil) || !slices.Equal(got, want) {
			t.Fatalf("%q: mask %v, want %v", l, got, want)
		}
		b.line(rs)
		if !slices.Equal(b.quotes[:len(openers)], openers) {
			t.Fatalf("%q: scanSpans listed openers %v, want %v", l, b.quotes[:len(openers)], openers)
		}
		if want != nil {
			masked++
		}
	}
	if masked < 1000 {
		t.Fatalf("only %d lines with a quoted name", masked)
	}
}

// TestTrimBracketsMatchesTrim: trimming with the runes decoded inline is
// strings.Trim with the cutset, on the reports' lines, their pieces and
// strings of brackets and bad bytes.
func TestTrimBracketsMatchesTrim(t *testing.T) {
	cases := append([]string{}, runeDecodeCases...)
	cases = append(cases, "（“共富工坊”）", "、、党员、", " (12) ", "\xe2\x80“党”\x9d", "（\xff）", "”", "\x9c“", "）\xef\xbc")
	for _, l := range hotpathLines(t) {
		rs := []rune(l)
		for a := 0; a < len(rs); a += 7 {
			cases = append(cases, string(rs[a:min(a+12, len(rs))]))
		}
	}
	trimmed := 0
	for _, s := range cases {
		got, want := trimBrackets(s), strings.Trim(s, "“”\"（）() 、")
		if got != want {
			t.Fatalf("trimBrackets(%q) = %q, want %q", s, got, want)
		}
		if got != s {
			trimmed++
		}
	}
	if trimmed < 100 {
		t.Fatalf("only %d strings trimmed", trimmed)
	}
}

// TestVerbOccurrencesMatchLastBefore: the last verb starting before each
// limit, taken from the verbs found once, is the one lastBefore finds by
// walking the phrase, on the pieces of the reports' lines.
func TestVerbOccurrencesMatchLastBefore(t *testing.T) {
	found := 0
	for _, l := range append(hotpathLines(t), strings.Repeat("培育组建", 10), "建成\xff打造") {
		rs := []rune(l)
		for a := 0; a < len(rs); a += 5 {
			s := string(rs[a:min(a+24, len(rs))])
			occ := verbIndex.all(s, nil)
			for limit := 0; limit <= len(s); limit++ {
				end, start := -1, -1
				for _, o := range occ {
					if o.start < limit && o.end > end {
						start, end = o.start, o.end
					}
				}
				wend, wstart := verbIndex.lastBefore(s, limit)
				if end != wend || start != wstart {
					t.Fatalf("%q before %d: %d %d, want %d %d", s, limit, end, start, wend, wstart)
				}
				if end >= 0 {
					found++
				}
			}
		}
	}
	if found < 1000 {
		t.Fatalf("only %d verbs found", found)
	}
}

// TestTrimSpaceRunes: trimming the runes trims what strings.TrimSpace
// trims from the text, wide and narrow spaces and bad bytes included.
func TestTrimSpaceRunes(t *testing.T) {
	cases := append([]string{" 一、抓队伍 党员干部当先锋", "\u3000\u3000标题\u00a0", "\t\n", "", "\xff ", " \xe4\xb8"}, runeDecodeCases...)
	for _, l := range hotpathLines(t)[:300] {
		cases = append(cases, " "+l, l+"\u3000")
	}
	for _, s := range cases {
		if got, want := string(trimSpaceRunes([]rune(s))), string([]rune(strings.TrimSpace(s))); got != want {
			t.Fatalf("trimSpaceRunes(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestRuneTable: the table finds what the map it was made from holds, for
// every BMP rune and some above, and nothing else.
func TestRuneTable(t *testing.T) {
	for _, n := range []int{0, 1, 7, 200} {
		m := map[rune]int{}
		for i := range n {
			m[rune(0x4E00+i*37)] = i + 1
		}
		m[0x20000] = -5
		tab := newRuneTable(m)
		for r := rune(0); r < 0x10000; r++ {
			if got := tab.value(r); got != m[r] {
				t.Fatalf("%d entries: get(%U) = %d, want %d", n, r, got, m[r])
			}
		}
		if tab.value(0x20000) != -5 || tab.value(0x10FFFF) != 0 {
			t.Fatalf("%d entries: runes above the BMP", n)
		}
	}
}
