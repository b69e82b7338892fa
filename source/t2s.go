package source

import (
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"

	"djreport/internal/cjkutf8"
)

// t2s converts traditional to simplified exactly as opencc's t2s does, from
// the same data: the dictionaries opencc.New("t2s") loads from its embedded
// copy of OpenCC's TSPhrases.txt and TSCharacters.txt (Apache 2.0, see
// opencc's LICENSE in the module), read once out of its tries.
//
// opencc's Convert makes a string of the next ten runes and a map of every
// key they start with, at every rune (most of the CPU of reading a
// traditional report). Here a bit set says at which runes any key starts;
// elsewhere a rune is copied as it is, and where one may start, the keys
// beginning with that rune are tried longest first, one map lookup per rune
// and no allocation. TestT2SMatchesOpencc compares the two on real reports.
type t2s struct {
	chain []t2sGroup // applied in turn, like opencc's conversion_chain
}

// t2sGroup is one step of the chain: at each position, the first of its
// dictionaries holding a key that starts there gives the longest such key.
type t2sGroup struct {
	// at[r] is 1 + the index in starts (and span) of what begins with BMP
	// rune r, 0 when no key does; high does the same above the BMP.
	at     []uint16
	high   map[rune]int
	starts []t2sStart // while the table is built; nil after
	// cands[span[i][0]:span[i][1]] are the keys of starts[i] in the order
	// match tries them, up to the first single rune's, which always
	// matches: one flat array read in turn, where walking starts' slices
	// of slices cost most of the conversion in cache misses.
	cands []t2sPair
	span  [][2]uint32
	// some has the bit of every BMP rune whose at is not 0: a sixteenth
	// of at's size, it stays in the cache, and most runes of a line
	// start no key.
	some *[1 << 16 / 64]uint64
	// rank[w] counts the bits of some before its word w: with the bits
	// before a rune in its word, that is the rune's index among the BMP
	// runes that start a key, in rune order, found without at (128 KB,
	// which missed the cache). quick and bmpSpan go by that index.
	rank    *[1 << 16 / 64]uint16
	bmpSpan [][2]uint32
	// quick is, for a rune whose only key is itself, three bytes long
	// (most of them), what match would do without reading cands: keep it
	// (quickKeep) or put the three bytes of its value (quickPut | bytes).
	// For a three-byte rune that also starts longer keys (quickPhrase),
	// it is what match does where none of them is there: keep the rune
	// (quickPut not set: its own key maps to itself, or it has none) or
	// put its value. 0 is for the others, which go through cands.
	quick []uint32
	// pairs has the bit pairBit(first, second) of the first two runes of
	// every key of two runes or more. Where a quickPhrase rune and the
	// next one have no bit, none of the rune's longer keys is there: most
	// runes that start a phrase somewhere are not in one.
	pairs *[1 << pairBits / 64]uint64
}

const (
	quickKeep   = 1 << 31
	quickPut    = 1 << 30
	quickPhrase = 1 << 29
)

// pairBits sizes t2sGroup.pairs: 2 KB for the few hundred pairs of
// opencc's phrases, about one bit in sixty set.
const pairBits = 14

// pairBit is where the pair of runes a, b has its bit in t2sGroup.pairs.
func pairBit(a, b rune) uint32 {
	return (uint32(a)*0x9E3779B1 ^ uint32(b)*0x85EBCA77) >> (32 - pairBits)
}

// t2sStart is every key beginning with one rune, dictionary by dictionary
// in the group's order (a dictionary without such keys is left out).
type t2sStart []t2sKeys

type t2sKeys struct {
	multi     []t2sPair // keys of two runes or more, longest first
	single    t2sPair   // the rune's own value, when hasSingle
	hasSingle bool
}

type t2sPair struct {
	key, value string
	same       bool // value is valid UTF-8 of as many runes as key
	change     bool // value is not key
	single     bool // key is one rune (in cands: matches wherever it starts)
}

func newPair(key, value string) t2sPair {
	return t2sPair{key: key, value: value, same: utf8.ValidString(value) && utf8.RuneCountInString(key) == utf8.RuneCountInString(value),
		change: key != value}
}

// t2sWindow is how many runes opencc's Convert looks ahead: a longer key can
// never match there, so it never matches here either.
const t2sWindow = 10

var (
	t2sOnce  sync.Once
	t2sTable *t2s
	t2sErr   error
)

// converter builds the table once per process: loading the dictionaries
// costs a few milliseconds, which plain simplified documents never pay. The
// table is read-only afterwards, so conversions may run in parallel.
func converter() (*t2s, error) {
	t2sOnce.Do(func() {
		cc, err := opencc.New("t2s")
		if err != nil {
			t2sErr = err
			return
		}
		t2sTable, t2sErr = newT2S(cc)
	})
	return t2sTable, t2sErr
}

// newT2S reads cc's dictionaries out of their tries.
func newT2S(cc *opencc.OpenCC) (*t2s, error) {
	t := &t2s{}
	for _, g := range cc.DictChains {
		group := t2sGroup{at: make([]uint16, 1<<16), high: map[rune]int{}}
		// keysOf finds or adds what starts with r in dictionary d.
		keysOf := func(r rune, d int) (*t2sKeys, error) {
			i := 0
			if r < 1<<16 {
				i = int(group.at[r]) - 1
			} else if j, ok := group.high[r]; ok {
				i = j - 1
			} else {
				i = -1
			}
			if i < 0 {
				if len(group.starts) >= 1<<16-1 {
					return nil, fmt.Errorf("opencc %v: too many keys", g.Files)
				}
				group.starts = append(group.starts, make(t2sStart, len(g.Dicts)))
				i = len(group.starts) - 1
				if r < 1<<16 {
					group.at[r] = uint16(i + 1)
				} else {
					group.high[r] = i + 1
				}
			}
			return &group.starts[i][d], nil
		}
		for d, dict := range g.Dicts {
			// An empty prefix predicts every key of the trie.
			for _, id := range dict.Trie.PrefixPredict(nil, 0) {
				key, err := dict.Trie.Key(id)
				if err != nil {
					return nil, fmt.Errorf("opencc %v: %w", g.Files, err)
				}
				v, err := dict.Trie.Value(id)
				if err != nil {
					return nil, fmt.Errorf("opencc %v: %w", g.Files, err)
				}
				if v < 0 || v >= len(dict.Values) || len(dict.Values[v]) == 0 {
					return nil, fmt.Errorf("opencc %v: no value for %q", g.Files, key)
				}
				k, value := string(key), dict.Values[v][0]
				if !utf8.ValidString(k) || utf8.RuneCountInString(k) > t2sWindow {
					continue // never matched by Convert
				}
				r, size := utf8.DecodeRuneInString(k)
				ks, err := keysOf(r, d)
				if err != nil {
					return nil, err
				}
				if size == len(k) {
					ks.single, ks.hasSingle = newPair(k, value), true
				} else {
					ks.multi = append(ks.multi, newPair(k, value))
				}
			}
		}
		// Keep only the dictionaries holding keys for each rune, in order.
		for i, st := range group.starts {
			kept := st[:0]
			for _, ks := range st {
				if ks.hasSingle || len(ks.multi) > 0 {
					sort.Slice(ks.multi, func(a, b int) bool { return len(ks.multi[a].key) > len(ks.multi[b].key) })
					kept = append(kept, ks)
				}
			}
			group.starts[i] = kept
		}
		for _, st := range group.starts {
			lo := len(group.cands)
		keys:
			for _, ks := range st {
				group.cands = append(group.cands, ks.multi...)
				if ks.hasSingle {
					p := ks.single
					p.single = true
					group.cands = append(group.cands, p)
					break keys // what follows is never tried
				}
			}
			group.span = append(group.span, [2]uint32{uint32(lo), uint32(len(group.cands))})
		}
		group.starts = nil
		group.some = new([1 << 16 / 64]uint64)
		group.rank = new([1 << 16 / 64]uint16)
		group.pairs = new([1 << pairBits / 64]uint64)
		for _, p := range group.cands {
			if !p.single {
				a, n := utf8.DecodeRuneInString(p.key)
				b, _ := utf8.DecodeRuneInString(p.key[n:])
				h := pairBit(a, b)
				group.pairs[h>>6] |= 1 << (h & 63)
			}
		}
		for r, i := range group.at {
			if r&63 == 0 && r > 0 {
				group.rank[r>>6] = group.rank[r>>6-1] + uint16(bits.OnesCount64(group.some[r>>6-1]))
			}
			if i == 0 {
				continue
			}
			group.some[r>>6] |= 1 << (r & 63)
			sp := group.span[i-1]
			group.bmpSpan = append(group.bmpSpan, sp)
			group.quick = append(group.quick, quickOf(rune(r), group.cands[sp[0]:sp[1]]))
		}
		t.chain = append(t.chain, group)
	}
	return t, nil
}

// quickOf is quick for r, which keys c start.
func quickOf(r rune, c []t2sPair) uint32 {
	if utf8.RuneLen(r) != 3 || len(c) == 0 {
		return 0
	}
	last := c[len(c)-1]
	var q uint32
	switch {
	case !last.single: // only longer keys: where none is there, r stays
	case !last.change:
		q = quickKeep
	case len(last.value) == 3 && last.same:
		q = quickPut | uint32(last.value[0])<<16 | uint32(last.value[1])<<8 | uint32(last.value[2])
	default:
		return 0
	}
	if len(c) == 1 && last.single {
		return q
	}
	// Longer keys come first in c, the rune's own (if any) last.
	return q&^quickKeep | quickPhrase
}

// convert is opencc's Convert: s converted by each group in turn.
func (t *t2s) convert(s string) string {
	s, _ = t.convertSame(s)
	return s
}

// convertSame is convert, and whether every replacement kept the number of
// runes (then so did the whole, and the result is valid UTF-8).
func (t *t2s) convertSame(s string) (string, bool) {
	same := true
	for i := 0; i < len(t.chain); i++ {
		out, ok, valid := t.chain[i].convert(s)
		if !valid && i == 0 {
			// Convert works on []rune, where each bad byte is one U+FFFD
			// (RuneCountInString counts each as one rune too): the first
			// group starts again on that text. It sees every byte, so a
			// valid text is not checked in a pass of its own.
			s, i = string([]rune(s)), -1
			continue
		}
		s, same = out, same && ok
	}
	return s, same
}

// startOf is what keys begin with r (in cands), nil when none does.
func (g *t2sGroup) startOf(r rune) []t2sPair {
	i := 0
	if r < 1<<16 {
		if g.some[r>>6]&(1<<(r&63)) == 0 {
			return nil
		}
		i = int(g.at[r])
	} else {
		i = g.high[r]
	}
	if i == 0 {
		return nil
	}
	sp := g.span[i-1]
	return g.cands[sp[0]:sp[1]]
}

// convert returns s itself when nothing in it changes, whether every
// replacement kept the number of runes, and whether s is valid UTF-8.
func (g *t2sGroup) convert(s string) (_ string, same, valid bool) {
	buf := t2sBufs.Get().(*[]byte)
	out, changed, same, valid := g.convertInto((*buf)[:0], s)
	if !changed {
		t2sBufs.Put(buf)
		return s, true, valid
	}
	res := string(out)
	*buf = out // keeps what it grew to
	t2sBufs.Put(buf)
	return res, same, valid
}

// convertInto is convert appending the converted s to dst, which it
// returns as it is when nothing changes (changed false), so that the
// lines of a document can be converted into one buffer and made strings
// at once.
func (g *t2sGroup) convertInto(dst []byte, s string) (_ []byte, changed, same, valid bool) {
	// The copy (out[base:]) is made at the first change. While every
	// change keeps the length in bytes (most do: one three-byte rune for
	// another), it is a copy of s patched in place. After one that does
	// not, it is filled a stretch at a time: the text between changes
	// (copied: how much of s is in out) is copied at the next change or
	// the end. A key that maps to itself leaves s as it is.
	out, base := dst, len(dst)
	copied, patch := 0, false
	same, valid = true, true
	for i := 0; i < len(s); {
		if !changed {
			i = g.quickRun(s, i, nil)
		} else if patch {
			i = g.quickRun(s, i, out[base:])
		}
		if i >= len(s) {
			break
		}
		// The three-byte runes of Chinese decoded inline (see cjkutf8).
		var r rune
		n := 3
		if c := s[i]; c < utf8.RuneSelf {
			r, n = rune(c), 1
		} else if cjkutf8.IsThree(s, i) {
			r = cjkutf8.Three(s, i)
		} else if r, n = cjkutf8.Decode(s, i); r == utf8.RuneError && n == 1 {
			valid = false
		}
		var st []t2sPair
		if r < 1<<16 {
			w, bit := g.some[r>>6], uint64(1)<<(r&63)
			if w&bit == 0 {
				i += n
				continue
			}
			k := int(g.rank[r>>6]) + bits.OnesCount64(w&(bit-1))
			if q := g.quick[k]; q&quickPhrase != 0 {
				// Through cands, which has the longer keys.
			} else if q&quickKeep != 0 {
				i += 3
				continue
			} else if q&quickPut != 0 {
				// match's single key, three bytes for three: as below.
				if !changed {
					out = append(slices.Grow(out, len(s)+len(s)/8), s...)
					changed, patch = true, true
				}
				if patch {
					o := out[base+i : base+i+3]
					o[0], o[1], o[2] = byte(q>>16), byte(q>>8), byte(q)
				} else {
					out = append(append(out, s[copied:i]...), byte(q>>16), byte(q>>8), byte(q))
					copied = i + 3
				}
				i += 3
				continue
			}
			sp := g.bmpSpan[k]
			st = g.cands[sp[0]:sp[1]]
		} else {
			st = g.startOf(r)
		}
		if st != nil {
			if p := match(st, s[i:]); p != nil {
				if p.change {
					if !changed {
						out = append(slices.Grow(out, len(s)+len(s)/8), s...)
						changed, patch = true, true
					}
					if v := p.value; patch && len(v) == len(p.key) {
						if o := out[base+i:]; len(v) == 3 {
							o[0], o[1], o[2] = v[0], v[1], v[2]
						} else {
							copy(o, v)
						}
					} else {
						if patch {
							out, patch = out[:base+i], false
						} else {
							out = append(out, s[copied:i]...)
						}
						out = append(out, v...)
						copied = i + len(p.key)
					}
					same = same && p.same
				}
				i += len(p.key)
				continue
			}
		}
		i += n
	}
	if !changed {
		return dst, false, true, valid
	}
	if !patch {
		out = append(out, s[copied:]...)
	}
	return out, true, same, valid
}

// quickRun takes convert's common steps from i while the rune there is
// ASCII that starts no key, or a three-byte one that starts no key or
// whose only key is itself, three bytes to three: one kept moves on, one
// put is patched into out, a copy of s (no out yet: convert's general
// step makes it). It is a function of its own with no call, so its values
// stay in registers; in convert's loop, around the calls of its general
// step, they were spilled at every rune. It returns where it stopped.
func (g *t2sGroup) quickRun(s string, i int, out []byte) int {
	some, rank, quick := g.some, g.rank, g.quick
	// Sliced as it is read, as in scanRun, three bytes at a time
	// (threeAt looks at no fourth).
	d := s[i:]
	for len(d) >= 3 {
		x := uint32(d[0]) | uint32(d[1])<<8 | uint32(d[2])<<16
		if x&0x80 == 0 {
			// ASCII (digits, mostly) that starts no key moves on too.
			if some[(x&0x7F)>>6]&(1<<(x&0x3F)) != 0 {
				break
			}
			d = d[1:]
			continue
		}
		if !threeAt(x) {
			break
		}
		hi, bit := (x&0x0F)<<6|(x>>8)&0x3F, (x>>16)&0x3F // r>>6, r&63
		w := some[hi]
		if w>>bit&1 == 0 {
			d = d[3:]
			continue
		}
		q := quick[int(rank[hi])+bits.OnesCount64(w&(1<<bit-1))]
		if q&quickKeep != 0 {
			d = d[3:]
			continue
		}
		if q&quickPhrase != 0 {
			// None of the longer keys is there if the next rune, a
			// three-byte one, has no pair bit with this one.
			if len(d) < 6 {
				break
			}
			y := uint32(d[3]) | uint32(d[4])<<8 | uint32(d[5])<<16
			if !threeAt(y) {
				break
			}
			next := rune(y&0x0F)<<12 | rune(y>>8&0x3F)<<6 | rune(y>>16&0x3F)
			if h := pairBit(rune(hi<<6|bit), next); g.pairs[h>>6]>>(h&63)&1 != 0 {
				break
			}
			if q&quickPut == 0 {
				d = d[3:]
				continue
			}
		}
		if q&quickPut == 0 || out == nil {
			break
		}
		o := out[len(s)-len(d):][:3]
		o[0], o[1], o[2] = byte(q>>16), byte(q>>8), byte(q)
		d = d[3:]
	}
	return len(s) - len(d)
}

// t2sBufs are convert's buffers, reused from line to line.
var t2sBufs = sync.Pool{New: func() any { return new([]byte) }}

// match finds the longest key s starts with, in the first dictionary that
// has one, or nil; cands are what keys start with s's first rune.
func match(cands []t2sPair, s string) *t2sPair {
	for i := range cands {
		if p := &cands[i]; p.single || len(s) >= len(p.key) && s[:len(p.key)] == p.key {
			return p
		}
	}
	return nil
}
