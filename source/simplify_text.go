package source

// Simplify converts a text in traditional characters to simplified, keeping
// its length in runes; simplified text comes back as it is. Later stages
// (binding rules, the brief) use it on sentences quoted in the original.
func Simplify(s string) string {
	if !hasRune(s, &tradSet) {
		return s
	}
	cc, err := converter()
	if err != nil {
		return s
	}
	return sameLength(cc, s)
}
