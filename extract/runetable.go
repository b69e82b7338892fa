package extract

// runeTable maps runes to values by linear probing in a table at most half
// full: the word lists' look-ups by a first or last rune (measures,
// subject words) ran at nearly every figure, and a map's look-up cost
// several times a probe or two in one array.
type runeTable[V any] struct {
	keys  []rune // -1 for an empty slot (no rune is negative)
	vals  []V
	shift uint // 32 - log2(len(keys))
}

func newRuneTable[V any](m map[rune]V) *runeTable[V] {
	bits := uint(3)
	for 1<<bits < 2*len(m) {
		bits++
	}
	t := &runeTable[V]{keys: make([]rune, 1<<bits), vals: make([]V, 1<<bits), shift: 32 - bits}
	for i := range t.keys {
		t.keys[i] = -1
	}
	for r, v := range m {
		i := t.slot(r)
		for t.keys[i] >= 0 {
			i = (i + 1) & (len(t.keys) - 1)
		}
		t.keys[i], t.vals[i] = r, v
	}
	return t
}

func (t *runeTable[V]) slot(r rune) int { return int(uint32(r) * 0x9E3779B1 >> t.shift) }

// get is m[r] of the map t was made from.
func (t *runeTable[V]) get(r rune) (v V) {
	for i := t.slot(r); ; i = (i + 1) & (len(t.keys) - 1) {
		switch t.keys[i] {
		case r:
			return t.vals[i]
		case -1:
			return v
		}
	}
}
