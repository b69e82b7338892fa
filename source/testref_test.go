package source

// Code the readers no longer call, kept for the tests that check their
// fast paths against it.

// scanUTF8 is utf8.Valid(data) and the count of controlHeavy's bytes.
func scanUTF8(data []byte) (valid bool, controls int) {
	f := scanText(string(data), false)
	return f.valid, f.controls
}
