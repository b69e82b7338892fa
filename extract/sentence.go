package extract

import "slices"

// Boundaries inside a line: sentences end at 。！？； and clauses at ，：
// as well; the figure's sentence and clause are cut from the line's runes.

func isSentenceEnd(r rune) bool {
	// Han characters and the kana and symbols around them (U+3003 to
	// U+FF00) end nothing: most runes of a line are passed over by one
	// test instead of the switch.
	if r > '。' && r < '！' {
		return false
	}
	switch r {
	case '。', '！', '？', '；', '!', '?', ';', '…':
		return true
	}
	return false
}

func isClauseEnd(r rune) bool {
	if r > '。' && r < '！' {
		return false // as in isSentenceEnd
	}
	if isSentenceEnd(r) {
		return true
	}
	switch r {
	case '，', ',', '：', ':':
		return true
	}
	return false
}

// Units around a figure: its sentence, or its clause.
const (
	sentenceUnit = false
	clauseUnit   = true
)

// endsUnit is isClauseEnd(r) for a clause, isSentenceEnd(r) for a sentence,
// small enough to be inlined in around's loops (a function value was
// called for every rune of every figure's sentence).
func endsUnit(r rune, clause bool) bool {
	if r > '。' && r < '！' {
		return false // as in isSentenceEnd
	}
	return endsUnitMark(r, clause)
}

// endsUnitMark is endsUnit for the runes that may be marks.
func endsUnitMark(r rune, clause bool) bool {
	if clause {
		return isClauseEnd(r)
	}
	return isSentenceEnd(r)
}

// around returns [from, to) of the sentence (clause: of the clause) around
// [start, end); the closing mark is kept.
func around(rs []rune, start, end int, clause bool) (int, int) {
	// A window keeps a line without punctuation (a page saved as one line)
	// from making every figure scan the whole line.
	from := start
	for from > 0 && start-from < maxSentence && !endsUnit(rs[from-1], clause) {
		from--
	}
	to := end
	for to < len(rs) && to-end < maxSentence && !endsUnit(rs[to], clause) {
		to++
	}
	for to < len(rs) && endsUnit(rs[to], clause) {
		to++
	}
	for from < to && isSpaceRune(rs[from]) {
		from++
	}
	return from, to
}

// maxSentence bounds how far a sentence or clause reaches on either side of
// its figure, in runes.
const maxSentence = 300

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u3000' || r == '\u00a0'
}

// SentenceAround is [from, to) of the sentence of line runes rs around
// [start, end), cut as the extraction cuts a figure's sentence: a figure a
// reviewer adds by hand gets the same sentence the tool would have given.
func SentenceAround(rs []rune, start, end int) (int, int) {
	return around(rs, start, end, sentenceUnit)
}

// lineMarks are the places of a line's clause marks (sentence marks among
// them), found once for the line (with its words, lexIndex.lineHits):
// around scanned the sentence and the clause of every figure rune by rune,
// most of them over the same text.
type lineMarks struct {
	clause, sentence []int32  // ascending
	cand             []uint64 // lineHits' buffer
}

// around is around(rs, start, end, clause) from the marks of rs.
func (m *lineMarks) around(rs []rune, start, end int, clause bool) (int, int) {
	marks := m.sentence
	if clause {
		marks = m.clause
	}
	// The last mark before start ends the unit before; the scan stopped
	// maxSentence runes back at most.
	from := max(start-maxSentence, 0)
	k, _ := slices.BinarySearch(marks, int32(start))
	if k > 0 && int(marks[k-1])+1 > from {
		from = int(marks[k-1]) + 1
	}
	// The first mark at or after end closes it (within maxSentence runes),
	// then every mark right after where it stopped.
	to := min(end+maxSentence, len(rs))
	j, _ := slices.BinarySearch(marks, int32(end))
	if j < len(marks) && int(marks[j]) < to {
		to = int(marks[j])
	}
	for j < len(marks) && int(marks[j]) < to {
		j++
	}
	for j < len(marks) && int(marks[j]) == to {
		to++
		j++
	}
	for from < to && isSpaceRune(rs[from]) {
		from++
	}
	return from, to
}
