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
	err    error
}

func newJSONObject(w io.Writer) *jsonObject {
	o := &jsonObject{w: bufio.NewWriter(w)}
	o.write([]byte("{"))
	return o
}

func (o *jsonObject) write(b []byte) {
	if o.err == nil {
		_, o.err = o.w.Write(b)
	}
}

// encode writes v as JSON, indented for its depth, without HTML escaping.
func (o *jsonObject) encode(v any, prefix string) {
	if o.err != nil {
		return
	}
	o.buf.Reset()
	enc := json.NewEncoder(&o.buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if o.err = enc.Encode(v); o.err == nil {
		o.write(bytes.TrimRight(o.buf.Bytes(), "\n"))
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
