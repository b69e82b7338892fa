package extract

import (
	_ "embed"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"djreport/internal/cjkutf8"
)

// divisionsTSV is extract/data/divisions.tsv: code, name, level, parent code.
// See extract/data/README.md for how it was made.
//
//go:embed data/divisions.tsv
var divisionsTSV string

// formerTSV is extract/data/former.tsv: old code, old name, level as it
// was, successor code. A report written before 撤县设区 or a renaming names
// the unit as it was then, and is filed under that name.
//
//go:embed data/former.tsv
var formerTSV string

// Division is one administrative division of the mainland.
type Division struct {
	Code  string
	Name  string // 慈溪市
	Short string // 慈溪; "" when under 2 runes or generic (城区, 郊区 …)
	Level int    // 1 province, 2 prefecture, 3 county
	// Parent is the prefecture of a county (the municipality for its
	// districts, the province for a county-level unit directly under it),
	// the province of a prefecture, nil for a province. A former division
	// hangs under the present parent of its successor.
	Parent *Division
	// Successor is set on a former division (no longer under this name):
	// the present division that took its place.
	Successor *Division
}

// Former reports whether d is a name that no longer exists.
func (d *Division) Former() bool { return d.Successor != nil }

// Division levels.
const (
	LevelProvince   = 1
	LevelPrefecture = 2
	LevelCounty     = 3
)

// Places is a parsed gazetteer. It is immutable and safe for concurrent use.
type Places struct {
	// All lists every present division in file order: provinces,
	// prefectures, counties. Former lists the names that no longer exist.
	All    []*Division
	Former []*Division
	byCode map[string]*Division
	byName map[string][]*Division // full and short names
	// first maps a rune in [gazLo, gazHi) to 1+its bucket in buckets.
	first   []uint16
	buckets []gazBucket
	// starts has the bit r-gazLo set for every r with a bucket, and pairs
	// the bit gazPair(r1, r2) for the first and second rune of every key
	// (r2 as the text's decoder reads it): most runes of a text start no
	// name, and these tables are small enough to stay in the cache, where
	// first is not. starts is tested first: a bit test, no hash.
	starts *[(gazHi - gazLo) / 64]uint64
	pairs  *[1 << 16 / 64]uint64
	// startsBoth is starts as nextStart reads it, with no word's runes.
	startsBoth *gazBits2
}

// gazPair hashes a key's first two runes to a bit of Places.pairs.
func gazPair(r1, r2 rune) uint32 {
	return (uint32(r1)*0x9E3779B1 ^ uint32(r2)*0x85EBCA77) >> 16
}

// The scan table covers CJK Extension A and the Unified Ideographs block,
// where every division name starts (checked by a test).
const gazLo, gazHi = 0x3400, 0xA000

// gazBucket holds the keys sharing a first rune, grouped by second rune.
type gazBucket struct {
	second []rune
	groups [][]gazKey // longest first
}

// gazKey is one name Scan looks for.
type gazKey struct {
	text  string
	rs    []rune // text's
	runes int
	full  bool
	// risky: a full name in gazRiskyCounty, which the text after it may
	// reject; any other full name is taken wherever it stands.
	risky bool
	divs  []*Division
	// cityOK: short+"市" is a name, so a following 市 does not reject it.
	cityOK bool
	// context is a short form's gazShortContext, nil if none.
	context *gazContext
}

// Mention is one occurrence of a division name in a text.
type Mention struct {
	Start, End int         // rune offsets in the text
	Name       string      // the matched text
	Full       bool        // matched the full name (with suffix) rather than the short form
	Divisions  []*Division // all candidates; shared, do not modify
}

var (
	gazOnce sync.Once
	gazData *Places
)

// Gazetteer returns the embedded gazetteer, parsed on first use.
func Gazetteer() *Places {
	gazOnce.Do(func() { gazData = parseGazetteer(divisionsTSV) })
	return gazData
}

// parseGazetteer builds Places from TSV rows; parents precede children.
func parseGazetteer(tsv string) *Places {
	return parseGazetteerWith(tsv, formerTSV)
}

// parseGazetteerWith adds the former names of former (old code, name,
// level, successor code) to the present divisions of tsv. Former divisions
// are found by name, never by code: codes are reused.
func parseGazetteerWith(tsv, former string) *Places {
	p := &Places{
		byCode: make(map[string]*Division, 4096),
		byName: make(map[string][]*Division, 8192),
	}
	for line := range strings.SplitSeq(tsv, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			continue
		}
		lv, err := strconv.Atoi(f[2])
		if err != nil {
			continue
		}
		d := &Division{Code: f[0], Name: f[1], Level: lv, Parent: p.byCode[f[3]]}
		d.Short = gazShortName(d)
		p.add(d)
		p.byCode[d.Code] = d
	}
	for line := range strings.SplitSeq(former, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			continue
		}
		lv, err := strconv.Atoi(f[2])
		succ := p.byCode[f[3]]
		if err != nil || succ == nil {
			continue
		}
		d := &Division{Code: f[0], Name: f[1], Level: lv, Successor: succ}
		switch {
		case lv == LevelPrefecture:
			d.Parent = provinceOf(succ)
		case succ.Level == LevelCounty:
			d.Parent = succ.Parent
		default:
			d.Parent = succ // merged into its prefecture (邢台县 -> 邢台市)
		}
		d.Short = gazShortName(d)
		p.add(d)
	}
	p.addAutonomousAliases()
	p.addOldSuffixes()
	p.buildIndex()
	return p
}

// addAutonomousAliases adds the everyday names of autonomous counties and
// banners, their short form with the plain suffix (宽城满族自治县 is written
// 宽城县, 鄂伦春自治旗 鄂伦春旗), as names of the division itself, before a
// district's old suffix (宽城区 of 长春市 never was 宽城县) can take them.
func (p *Places) addAutonomousAliases() {
	for _, d := range p.All {
		if d.Level != LevelCounty || d.Short == "" {
			continue
		}
		var alias string
		switch {
		case strings.HasSuffix(d.Name, "自治县"):
			alias = d.Short + "县"
		case strings.HasSuffix(d.Name, "自治旗"):
			alias = d.Short + "旗"
		default:
			continue
		}
		if len(p.byName[alias]) == 0 {
			p.byName[alias] = append(p.byName[alias], d)
		}
	}
}

// addOldSuffixes adds the names a district or county-level city had before
// 撤县设区, 撤市设区 or 撤县设市 (望城区 was 望城县, 富阳区 was 富阳市),
// changes older than former.tsv reaches, as former divisions: a report
// that says 望城县 is filed under 望城县. Names that are taken stay theirs.
func (p *Places) addOldSuffixes() {
	var add []*Division
	for _, d := range p.All {
		if d.Level != LevelCounty || d.Short == "" {
			continue
		}
		var olds []string
		switch {
		case strings.HasSuffix(d.Name, "区"):
			olds = []string{d.Short + "县", d.Short + "市"}
		case strings.HasSuffix(d.Name, "市"):
			olds = []string{d.Short + "县"}
		}
		for _, n := range olds {
			if len(p.byName[n]) == 0 {
				add = append(add, &Division{Code: d.Code, Name: n, Level: LevelCounty, Parent: d.Parent, Successor: d})
			}
		}
	}
	for _, d := range add {
		if len(p.byName[d.Name]) == 0 {
			p.add(d)
		}
	}
}

func (p *Places) add(d *Division) {
	if d.Former() {
		p.Former = append(p.Former, d)
	} else {
		p.All = append(p.All, d)
	}
	p.byName[d.Name] = append(p.byName[d.Name], d)
	if d.Short != "" && d.Short != d.Name {
		p.byName[d.Short] = append(p.byName[d.Short], d)
	}
}

func provinceOf(d *Division) *Division {
	for d != nil && d.Level > LevelProvince {
		d = d.Parent
	}
	return d
}

func (p *Places) buildIndex() {
	full := map[string][]*Division{}
	short := map[string][]*Division{}
	for _, d := range slices.Concat(p.All, p.Former) {
		if !gazGenericFull[d.Name] {
			full[d.Name] = append(full[d.Name], d)
		}
		if d.Short != "" && !gazDenyShort[d.Short] {
			short[d.Short] = append(short[d.Short], d)
		}
	}
	// index maps a first rune to the scan keys starting with it, longest first.
	index := map[rune][]gazKey{}
	var keyRunes []rune // every key's runes, in one array
	var keyOffs []int32 // decodeLine's offsets, not kept
	add := func(s string, isFull bool, ds []*Division) {
		r, _ := utf8.DecodeRuneInString(s)
		n := len(keyRunes)
		keyRunes, keyOffs, _ = decodeLine(keyRunes, keyOffs[:0], s)
		k := gazKey{text: s, rs: keyRunes[n:len(keyRunes):len(keyRunes)], runes: len(keyRunes) - n, full: isFull, divs: ds}
		if isFull {
			k.risky = gazRiskyCounty[s]
		} else if c, ok := gazShortContext[s]; ok {
			k.context = &gazContext{before: c.before, after: c.after}
		}
		index[r] = append(index[r], k)
	}
	for s, ds := range full {
		add(s, true, ds)
	}
	for s, ds := range short {
		if _, ok := full[s]; ok {
			// A short form equal to another division's full name: the full
			// entry wins, and all candidates are listed there.
			continue
		}
		add(s, false, ds)
	}
	for r, ks := range index {
		for i := range ks {
			_, ks[i].cityOK = full[ks[i].text+"市"]
		}
		index[r] = ks
	}
	for r, ks := range index {
		sort.Slice(ks, func(i, j int) bool {
			if len(ks[i].text) != len(ks[j].text) {
				return len(ks[i].text) > len(ks[j].text)
			}
			return ks[i].text < ks[j].text
		})
		index[r] = ks
	}
	// Merge candidates of a full name with divisions whose short form equals it.
	for r, ks := range index {
		for i, k := range ks {
			if k.full {
				if ds, ok := short[k.text]; ok {
					ks[i].divs = append(append([]*Division(nil), k.divs...), ds...)
				}
			}
		}
		index[r] = ks
	}
	p.first = make([]uint16, gazHi-gazLo)
	p.pairs = new([1 << 16 / 64]uint64)
	p.starts = new([(gazHi - gazLo) / 64]uint64)
	for r, ks := range index {
		if r < gazLo || r >= gazHi {
			continue
		}
		var b gazBucket
		for _, k := range ks { // keeps longest-first order within a group
			_, n := utf8.DecodeRuneInString(k.text)
			r2, _ := utf8.DecodeRuneInString(k.text[n:])
			g := slices.Index(b.second, r2)
			if g < 0 {
				g = len(b.second)
				b.second = append(b.second, r2)
				b.groups = append(b.groups, nil)
			}
			b.groups[g] = append(b.groups[g], k)
		}
		p.buckets = append(p.buckets, b)
		p.first[r-gazLo] = uint16(len(p.buckets))
		p.starts[(r-gazLo)/64] |= 1 << ((r - gazLo) % 64)
		for _, r2 := range b.second {
			h := gazPair(r, r2)
			p.pairs[h>>6] |= 1 << (h & 63)
		}
	}
	p.startsBoth = interleave(p.starts, &noCJKWords)
}

// Lookup returns the divisions whose full or short name is name; several
// when the name is ambiguous, nil when unknown.
func (p *Places) Lookup(name string) []*Division {
	return p.byName[name]
}

// ByCode returns the division with a 6-digit code, or nil.
func (p *Places) ByCode(code string) *Division {
	return p.byCode[code]
}

// Prefecture returns the prefecture-level unit d belongs to: d itself for a
// prefecture, a municipality or a county-level unit directly under a
// province (仙桃市, 济源市); the parent prefecture otherwise. A province
// other than a municipality yields nil.
func (p *Places) Prefecture(d *Division) *Division {
	switch {
	case d == nil:
		return nil
	case d.Level == LevelPrefecture:
		return d
	case d.Level == LevelProvince:
		if gazMunicipalities[d.Name] {
			return d
		}
		return nil
	case d.Parent == nil:
		return nil
	case d.Parent.Level == LevelPrefecture:
		return d.Parent
	case gazMunicipalities[d.Parent.Name]:
		return d.Parent
	default:
		return d // directly under a province
	}
}

var gazMunicipalities = map[string]bool{"北京市": true, "天津市": true, "上海市": true, "重庆市": true}

// Scan returns the leftmost-longest, non-overlapping occurrences of full and
// short division names in text. Short forms are filtered against common
// words (see gazDenyShort and gazRejectAfterShort); generic full names
// (城区, 郊区 …) are not scanned.
func (p *Places) Scan(text string) []Mention {
	out, _, _ := p.scanRunes(text, nil, nil)
	return out
}

// noMarks has no words: a scan that is asked for none.
var noMarks = newRuneMarks()

// scanRunes is Scan appending its mentions to ms, and text's runes to rs,
// the runes []rune(text) holds: the extraction needs every line's runes
// anyway, and the scan reads them rather than the bytes.
// It also says whether text is valid UTF-8 (then rs re-encoded is text).
//
// The line is decoded first, then its runes are scanned: one loop doing
// both (decoding the next rune for the pair test, keeping a byte and a
// rune offset) had more live values than registers and spilled them at
// every rune; each loop alone keeps its few in registers.
func (p *Places) scanRunes(text string, ms []Mention, rs []rune) ([]Mention, []rune, bool) {
	ms, rs, _, valid, _ := p.scanMarked(text, ms, rs, nil, noMarks)
	return ms, rs, valid
}

// scanMarked is scanRunes that also gives rm.marks of text's runes: the
// walk over the runes is the same, the words' first runes in the names'
// range tested with the names' (rm.startsWith), a rune outside it by one
// more bit test.
func (p *Places) scanMarked(text string, ms []Mention, rs []rune, offs []int32, rm *runeMarks) ([]Mention, []rune, []int32, bool, uint8) {
	n0 := len(rs)
	rs, offs, valid := decodeLine(rs, offs, text)
	ms, marks := p.scanLine(rs[n0:], ms, rm)
	return ms, rs, offs, valid, marks
}

// decodeLine appends the runes of s to dst, as []rune(s) holds them, and
// their byte offsets in s then len(s) to offs (runeOffsets), and says
// whether s is valid UTF-8. It writes by index into room made once (no
// rune is shorter than a byte): an append per rune kept a call to grow in
// the loop. The offsets cost a store per rune here, where summing them
// from the runes again was a walk of its own.
func decodeLine(dst []rune, offs []int32, s string) ([]rune, []int32, bool) {
	n0, o0 := len(dst), len(offs)
	dst = slices.Grow(dst, len(s))[:n0+len(s)]
	offs = slices.Grow(offs, len(s)+1)[:o0+len(s)+1]
	out, off, k := dst[n0:], offs[o0:], 0
	valid := true
	for i := 0; i < len(s); {
		// The three-byte runes of Chinese (cjkutf8.IsThree), their two
		// continuation bytes read and tested as one word, and ASCII
		// inline: a call per rune cost more than the decoding. The loop
		// over them has no call in it, so that its values stay in
		// registers; it leaves for the other runes.
		for i < len(s) {
			c := s[i]
			if c-0xE1 <= 0xEF-0xE1 && c != 0xED && i+2 < len(s) {
				if v := uint32(s[i+1]) | uint32(s[i+2])<<8; v&0xC0C0 == 0x8080 {
					off[k], out[k] = int32(i), rune(c&0x0F)<<12|rune(v&0x3F)<<6|rune(v>>8&0x3F)
					i, k = i+3, k+1
					continue
				}
			}
			if c >= utf8.RuneSelf {
				break
			}
			off[k], out[k] = int32(i), rune(c)
			i, k = i+1, k+1
		}
		if i >= len(s) {
			break
		}
		r, n := cjkutf8.Decode(s, i)
		if r == utf8.RuneError && n == 1 {
			valid = false
		}
		off[k], out[k] = int32(i), r
		i, k = i+n, k+1
	}
	off[k] = int32(len(s))
	return dst[:n0+k], offs[:o0+k+1], valid
}

// scanLine appends the mentions in a line's runes to out. A name is in
// the runes exactly where it is in the text: a key is valid UTF-8 with no
// U+FFFD, and a bad byte decodes to U+FFFD with decoding resuming at the
// next byte, so the runes of a key's bytes are the key's runes.
// It also gives rm.marks(rs).
func (p *Places) scanLine(rs []rune, out []Mention, rm *runeMarks) (_ []Mention, marks uint8) {
	cjkWords, both, words := &noCJKWords, p.startsBoth, rm.first
	if rm != noMarks {
		cjkWords, both = rm.startsWith(p)
	}
	for i := p.nextStart(rs, 0, both, words); i < len(rs); i = p.nextStart(rs, i+1, both, words) {
		r := rs[i]
		b := uint32(r - gazLo)
		if b >= gazHi-gazLo {
			marks |= rm.at(rs, i) // a word's rune outside the names' range
			continue
		}
		r2 := nextRune(rs, i)
		if cjkWords[b/64]&(1<<(b%64)) != 0 {
			// A word's rune, which may start a name too; any other rune
			// nextStart stops at starts a name and passed the pair test.
			marks |= rm.at(rs, i)
			if h := gazPair(r, r2); p.starts[b/64]&(1<<(b%64)) == 0 || p.pairs[h>>6]&(1<<(h&63)) == 0 {
				continue
			}
		}
		hit := p.match(r, r2, rs, i)
		if hit == nil {
			continue
		}
		out = append(out, Mention{
			Start: i, End: i + hit.runes,
			Name: hit.text, Full: hit.full, Divisions: hit.divs,
		})
		for k := i + 1; k < i+hit.runes; k++ {
			if u := uint32(rs[k]); u < 0x10000 && words[u/64]&(1<<(u%64)) != 0 {
				marks |= rm.at(rs, k) // a word may begin inside a name
			}
		}
		i += hit.runes - 1
	}
	return out, marks
}

// nextRune is the rune after rs[i] as the text's decoder reads it
// (RuneError at the end, as utf8.DecodeRuneInString gives for "").
func nextRune(rs []rune, i int) rune {
	if i+1 < len(rs) {
		return rs[i+1]
	}
	return utf8.RuneError
}

// noCJKWords is the cjkWords of a scan asked for no words.
var noCJKWords [(gazHi - gazLo) / 64]uint64

// nextStart is the first index from i where a name may begin (its rune
// has a bucket and its first two runes a bit in pairs) or a word of
// words: both has two bits per rune of the names' range, the low one set
// for a name's first rune or a word's, the high one for a word's (one
// load gives both). It has no call, so its values stay in registers; in
// scanLine's loop, around the calls for a name or a word, they were
// spilled at every rune.
func (p *Places) nextStart(rs []rune, i int, both *gazBits2, words *runeSet) int {
	// The tables as slices of known length, taken once: no nil check at
	// every rune, and no bounds check either.
	c2, w, pairs := both[:], words[:], p.pairs[:]
	for ; uint(i) < uint(len(rs)); i++ {
		u := uint32(rs[i])
		b := u - gazLo
		if b >= gazHi-gazLo {
			if u < 0x10000 && w[u/64]&(1<<(u%64)) != 0 {
				return i
			}
			continue
		}
		// A word's rune, or a rune that starts a name and passes the pair
		// test, in arithmetic with one branch for the answer: a name's
		// first rune is a common one, and a branch on it, taken in no
		// pattern, was mispredicted at half the runes that start one.
		r2 := utf8.RuneError
		if i+1 < len(rs) {
			r2 = rs[i+1]
		}
		h := gazPair(rune(u), r2)
		v := c2[b/32] >> (b % 32 * 2)
		if v&(v>>1|pairs[h>>6]>>(h&63))&1 != 0 {
			return i
		}
	}
	return len(rs)
}

// gazBits2 has two bits per rune of the names' range (interleave).
type gazBits2 [(gazHi - gazLo) / 32]uint64

// interleave puts c's bit for each rune at 2*(b%32) of word b/32 of a
// gazBits2, and cw's above it.
func interleave(c, cw *[(gazHi - gazLo) / 64]uint64) *gazBits2 {
	var t gazBits2
	for b := uint32(0); b < gazHi-gazLo; b++ {
		t[b/32] |= (c[b/64]>>(b%64)&1 | cw[b/64]>>(b%64)&1<<1) << (b % 32 * 2)
	}
	return &t
}

// match is the key Scan takes at rs[i], whose first two runes are r and
// r2 (r has a bucket), or nil.
func (p *Places) match(r, r2 rune, rs []rune, i int) *gazKey {
	b := &p.buckets[p.first[r-gazLo]-1]
	g := slices.Index(b.second, r2)
	if g < 0 {
		return nil
	}
	prev := rune(-1)
	if i > 0 {
		prev = rs[i-1]
	}
	ks := b.groups[g]
	for k := range ks {
		if !hasPrefixAt(rs, i, ks[k].rs) {
			continue
		}
		if ks[k].full && !ks[k].risky {
			return &ks[k] // gazAccept takes it wherever it stands
		}
		// The text after the name begins with a word exactly when its
		// runes begin with the word's (the argument of scanLine).
		after := rs[i+len(ks[k].rs):]
		next := utf8.RuneError
		if len(after) > 0 {
			next = after[0]
		}
		if gazAcceptAt(&ks[k], prev, next, func(s string) bool { return runesBegin(after, s) }) {
			return &ks[k]
		}
	}
	return nil
}

// gazAcceptAt is gazAccept told the rune after the match (RuneError at the
// end of the text) and asking after whether the text there begins with a
// word: the scan asks its runes, with no text made of them.
func gazAcceptAt(k *gazKey, prev, next rune, after func(string) bool) bool {
	if k.full {
		if !k.risky {
			return true
		}
		// Two-rune names like 高县, 成县, 兴县 hide in 提高县域, 形成县级, 振兴县城.
		if strings.ContainsRune(gazRejectAfterShortCounty, next) {
			return false
		}
		if k.text == "和县" && strings.ContainsRune("市省州区盟旗乡镇", prev) {
			return false // 市和县 is "cities and counties"
		}
		return true
	}
	for i, s := range gazRejectAfterShort {
		// A word the text begins with begins with the text's next rune.
		if gazRejectFirst[i] == next && after(s) && !gazAllowAfter(after) {
			return false
		}
	}
	if c := k.context; c != nil {
		if strings.ContainsRune(c.before, prev) {
			return false
		}
		for _, s := range c.after {
			if after(s) {
				return false
			}
		}
	}
	// 打通城市: 通城 (通城县) followed by 市 is not a place unless 通城市 is.
	return next != '市' || k.cityOK
}

// gazRejectFirst are the first runes of gazRejectAfterShort.
var gazRejectFirst = func() []rune {
	var rs []rune
	for _, s := range gazRejectAfterShort {
		r, _ := utf8.DecodeRuneInString(s)
		rs = append(rs, r)
	}
	return rs
}()

// runesBegin says whether rs begin with the runes of s.
func runesBegin(rs []rune, s string) bool {
	j := 0
	for _, r := range s {
		if j >= len(rs) || rs[j] != r {
			return false
		}
		j++
	}
	return true
}

// gazContext is the context that rejects a short form (gazShortContext).
type gazContext struct {
	before string
	after  []string
}

// gazShortContext rejects a short form inside a few frequent words:
// runes before it (繁荣昌盛, 孙中山) or text after it (长治久安, 新乡贤).
var gazShortContext = map[string]gazContext{
	"荣昌": {before: "繁"},
	"兴和": {before: "振复新"},
	"开化": {before: "公"},
	"中山": {before: "孙"},
	"海口": {before: "出"},
	"兰山": {before: "贺"},
	"长治": {after: []string{"久"}},
	"乌苏": {after: []string{"里"}},              // 乌苏里江 (corpus a13)
	"大同": {before: "最", after: []string{"心"}}, // 画出最大同心圆 (corpus b07)
	"河源": {before: "黄江"},
	"白山": {after: []string{"松水", "黑水"}}, // 白山松水, 白山黑水: the northeast (corpus g11)                      // 黄河源头, 江河源 (corpus f08)
	"新乡": {after: []string{"贤"}},
	"朝阳": {after: []string{"产业", "行业"}},
	"光山": {after: []string{"色"}},
	"临城": {after: []string{"下"}},
	"建水": {before: "党"}, // 党建水平, 党建水准: three reports of the corpus (f, i, k); 建水县 itself still matches
}

// gazRiskyCounty are two-rune county names whose first rune often ends a
// word (提高, 形成, 振兴, 治理 …).
var gazRiskyCounty = map[string]bool{
	"高县": true, "成县": true, "兴县": true, "理县": true, "应县": true, "新县": true, "南县": true, "道县": true,
	"富县": true, "代县": true, "康县": true, "文县": true, "义县": true, "云县": true, "古县": true, "夏县": true,
	"吉县": true, "宁县": true, "容县": true, "和县": true, "青县": true, "唐县": true, "单县": true, "丰县": true,
	"忠县": true, "荣县": true, "环县": true, "礼县": true, "息县": true, "温县": true, "叶县": true, "房县": true,
	"随县": true, "寿县": true, "易县": true, "雄县": true, "景县": true,
}

// gazRejectAfterShortCounty: runes after a risky two-rune name X县 that make
// 县 part of a word (县域, 县级, 县城, 县委 …).
const gazRejectAfterShortCounty = "域级城委长直乡区市镇际"

// gazRejectAfterShort: a short form followed by one of these names a street,
// a village, a company or a school rather than the division (新华路,
// 长安街, 和平村, 黄山大学). 日报, 站 etc. are kept: 聊城日报 is about 聊城.
var gazRejectAfterShort = []string{
	"路", "街", "大道", "巷", "弄", "胡同", "村", "镇", "乡", "社区", "小区", "花园", "广场",
	"公司", "集团", "股份", "大学", "学院", "中学", "小学", "学校", "银行", "宾馆", "酒店", "饭店",
	"大厦", "号", "牌", "桥",
}

// gazAllowAfterShort are words that start like a gazRejectAfterShort entry
// but follow a place name in report prose (慈溪乡村振兴, 宁波社区治理).
var gazAllowAfterShort = []string{
	"乡村", "乡镇", "村民", "村级", "村庄", "村干部", "村党组织", "镇街", "镇村",
	"社区治理", "社区工作",
}

func gazAllowAfter(after func(string) bool) bool {
	for _, s := range gazAllowAfterShort {
		if after(s) {
			return true
		}
	}
	return false
}

// gazGenericFull are full names too generic to scan (Lookup still finds them).
var gazGenericFull = map[string]bool{
	"城区": true, "郊区": true, "矿区": true, "东区": true, "西区": true, "市中区": true,
}

// gazDenyShort are short forms that are ordinary words, so Scan does not
// report them (their full names still match). Chosen by checking which short
// forms are frequent non-place words in a general word-frequency list (see
// extract/data/README.md).
var gazDenyShort = map[string]bool{
	"万年": true, "东方": true, "东风": true, "中原": true, "中方": true, "丰满": true, "乐业": true, "互助": true,
	"会同": true, "光明": true, "全州": true, "公安": true, "共和": true, "利通": true, "前进": true, "前锋": true,
	"南岸": true, "南湖": true, "南部": true, "博爱": true, "卫东": true, "友好": true, "友谊": true, "古城": true,
	"合作": true, "同仁": true, "同德": true, "同心": true, "名山": true, "向阳": true, "和平": true, "和政": true,
	"回民": true, "城东": true, "城中": true, "城北": true, "城南": true, "城西": true, "复兴": true, "大兴": true,
	"大化": true, "大悟": true, "大方": true, "大田": true, "太平": true, "安宁": true, "安定": true, "安居": true,
	"宏伟": true, "富民": true, "富裕": true, "小店": true, "工农": true, "市中": true, "平和": true, "平安": true,
	"平定": true, "平房": true, "延长": true, "建平": true, "惠民": true, "振兴": true, "政和": true, "新兴": true,
	"新华": true, "新城": true, "新安": true, "新市": true, "新建": true, "方正": true, "无为": true, "朝天": true,
	"来宾": true, "武功": true, "比如": true, "民权": true, "永安": true, "江南": true, "江山": true, "泰山": true,
	"洞口": true, "清新": true, "清水": true, "温泉": true, "港口": true, "灯塔": true, "爱民": true, "白云": true,
	"红旗": true, "老城": true, "解放": true, "资源": true, "路桥": true, "运河": true, "通道": true, "金山": true,
	"长子": true, "长安": true, "长寿": true, "青山": true,
	// Seen in the development corpus as ordinary words: 边境线上高高飘扬 (a13),
	// 闯过…大关 (c07).
	"上高": true, "大关": true,
	// 惠民惠农补贴 (i04), 梁三元 a person's name and 三元 three yuan (i15).
	"惠农": true, "三元": true,
}

// gazShortSuffixes are stripped from a name, longest first.
var gazShortSuffixes = []string{
	"自治县", "自治州", "自治旗", "自治区", "地区", "特区", "林区", "新区", "矿区",
	"市", "县", "区", "盟", "旗", "省",
}

// gazEthnic are ethnic group names dropped before 自治 (恩施土家族苗族自治州
// -> 恩施). Single-rune names are only dropped with 族.
var gazEthnic = []string{
	"蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白",
	"土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡",
	"纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬",
	"锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
	"裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各",
}

// gazGenericShort are short forms that name no particular place.
var gazGenericShort = map[string]bool{
	"城": true, "郊": true, "矿": true, "市辖": true, "新": true, "开发": true, "城关": true,
}

// gazShortName derives the short form of a division's name.
func gazShortName(d *Division) string {
	if d.Level == LevelCounty && len(d.Code) == 6 && d.Code[4] == '7' {
		return "" // development zones (xx7x codes): full names only
	}
	name := d.Name
	var s string
	for _, suf := range gazShortSuffixes {
		if rest, ok := strings.CutSuffix(name, suf); ok && utf8.RuneCountInString(rest) >= 2 {
			s = rest
			if strings.HasPrefix(suf, "自治") {
				s = gazStripEthnic(s)
			}
			if suf == "旗" && strings.ContainsAny(gazLastRune(s), "左右前中后合") {
				return "" // 巴林左旗: 巴林左 is no name
			}
			break
		}
	}
	if s == "" || utf8.RuneCountInString(s) < 2 || gazGenericShort[s] ||
		strings.HasSuffix(s, "开发") || strings.HasSuffix(s, "管理") {
		return ""
	}
	return s
}

// gazStripEthnic drops trailing ethnic names while at least 2 runes remain.
func gazStripEthnic(s string) string {
	for {
		cut := false
		for _, e := range gazEthnic {
			for _, form := range []string{e + "族", e} {
				if form == e && utf8.RuneCountInString(e) < 2 {
					continue
				}
				if rest, ok := strings.CutSuffix(s, form); ok && utf8.RuneCountInString(rest) >= 2 {
					s, cut = rest, true
					break
				}
			}
			if cut {
				break
			}
		}
		if !cut {
			break
		}
	}
	// 鄂温克族自治旗, 东乡族自治县: the whole name is the ethnic name.
	if rest, ok := strings.CutSuffix(s, "族"); ok && utf8.RuneCountInString(rest) >= 2 {
		s = rest
	}
	return s
}

func gazLastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}
