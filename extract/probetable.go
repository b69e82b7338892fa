package extract

// probeTable maps keys to values by linear probing in one array, a few
// slots per key: the look-ups on extraction's hot path (a model feature
// per rune pair, a word list by a first or last rune at nearly every
// figure) cost a multiply and a probe or two, where a map's cost several
// times that. empty is a key no entry has; mul, the hash's multiplier,
// may be chosen apart from another hash of the same keys.
type probeTable[K ~uint64 | ~int32, V any] struct {
	keys  []K
	vals  []V
	empty K
	mul   uint64
	shift uint // 64 - log2(len(keys))
}

func newProbeTable[K ~uint64 | ~int32, V any](m map[K]V, empty K, mul uint64, slotsPerKey int) *probeTable[K, V] {
	bits := uint(3)
	for 1<<bits < slotsPerKey*len(m) {
		bits++
	}
	t := &probeTable[K, V]{keys: make([]K, 1<<bits), vals: make([]V, 1<<bits), empty: empty, mul: mul, shift: 64 - bits}
	for i := range t.keys {
		t.keys[i] = empty
	}
	for k, v := range m {
		i := t.slot(k)
		for t.keys[i] != empty {
			i = (i + 1) & (len(t.keys) - 1)
		}
		t.keys[i], t.vals[i] = k, v
	}
	return t
}

func (t *probeTable[K, V]) slot(k K) int { return int(uint64(k) * t.mul >> t.shift) }

// get is m[k] of the map t was made from, and whether k is in it.
func (t *probeTable[K, V]) get(k K) (v V, ok bool) {
	for i := t.slot(k); ; i = (i + 1) & (len(t.keys) - 1) {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case t.empty:
			return v, false
		}
	}
}

// value is get's value alone (the zero value for a key not in t).
func (t *probeTable[K, V]) value(k K) V {
	v, _ := t.get(k)
	return v
}

// newRuneTable is a probeTable of runes: -1 is no rune.
func newRuneTable[V any](m map[rune]V) *probeTable[rune, V] {
	return newProbeTable(m, -1, 0x9E3779B97F4A7C15, 2)
}
