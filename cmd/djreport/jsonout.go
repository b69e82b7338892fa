package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

// jsonObject writes a JSON object field by field, and an array field item by
// item, so a large output (every figure of a 50 MB source) is never built
// whole in memory. The text is indented like json.MarshalIndent's.
type jsonObject struct {
	w      *bufio.Writer
	fields int
	buf    bytes.Buffer
	enc    *json.Encoder // writes compact JSON into buf, without HTML escaping
	err    error
}

func newJSONObject(w io.Writer) *jsonObject {
	o := &jsonObject{w: bufio.NewWriter(w)}
	o.enc = json.NewEncoder(&o.buf)
	o.enc.SetEscapeHTML(false)
	o.write([]byte("{"))
	return o
}

func (o *jsonObject) write(b []byte) {
	if o.err == nil {
		_, o.err = o.w.Write(b)
	}
}

// encode writes v as JSON, indented for its depth, without HTML escaping.
// encoding/json indents by encoding compactly and then running every byte
// through its validating scanner again (a sixth of extract's CPU); here the
// compact text is copied to the output once, whitespace added on the way
// (writeIndented), the same bytes as json.Indent's.
func (o *jsonObject) encode(v any, prefix string) {
	if o.err != nil {
		return
	}
	o.buf.Reset()
	if o.err = o.enc.Encode(v); o.err == nil {
		o.writeIndented(bytes.TrimRight(o.buf.Bytes(), "\n"), prefix)
	}
}

// writeIndented writes src, compact JSON as encoding/json makes it (no
// whitespace outside strings), indented like json.Indent(dst, src, prefix,
// "  "): a newline, prefix and two spaces per level after { [ and , (none
// inside an empty {} or []), ": " after a key.
func (o *jsonObject) writeIndented(src []byte, prefix string) {
	depth := 0
	open := false // after { or [: the newline waits for what comes next
	newline := func(depth int) {
		o.w.WriteByte('\n')
		o.w.WriteString(prefix)
		for range depth {
			o.w.WriteString("  ")
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			newline(depth)
		}
		switch c {
		case '"':
			// A string is copied whole: up to its closing quote, past
			// escaped ones.
			j := i + 1
			for j < len(src) {
				k := bytes.IndexAny(src[j:], `"\`)
				if k < 0 {
					j = len(src) - 1
					break
				}
				j += k
				if src[j] == '\\' {
					j += 2
					continue
				}
				break
			}
			j = min(j, len(src)-1)
			o.w.Write(src[i : j+1])
			i = j
		case '{', '[':
			open = true
			o.w.WriteByte(c)
		case ',':
			o.w.WriteByte(c)
			newline(depth)
		case ':':
			o.w.WriteString(": ")
		case '}', ']':
			if open {
				open = false // {} and [] stay on one line
			} else {
				depth--
				newline(depth)
			}
			o.w.WriteByte(c)
		default:
			o.w.WriteByte(c)
		}
	}
}

func (o *jsonObject) key(name string) {
	if o.fields > 0 {
		o.write([]byte(","))
	}
	o.fields++
	o.write([]byte("\n  "))
	o.encode(name, "")
	o.write([]byte(": "))
}

// field writes one field.
func (o *jsonObject) field(name string, v any) {
	o.key(name)
	o.encode(v, "  ")
}

// array writes a field holding n items, each made when it is written.
func (o *jsonObject) array(name string, n int, item func(i int) any) {
	o.key(name)
	if n == 0 {
		o.write([]byte("[]"))
		return
	}
	o.write([]byte("["))
	for i := 0; i < n; i++ {
		if i > 0 {
			o.write([]byte(","))
		}
		o.write([]byte("\n    "))
		o.encode(item(i), "    ")
	}
	o.write([]byte("\n  ]"))
}

// close ends the object and flushes it.
func (o *jsonObject) close() error {
	o.write([]byte("\n}\n"))
	if o.err == nil {
		o.err = o.w.Flush()
	}
	return o.err
}
