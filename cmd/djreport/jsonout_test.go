package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// refJSONObject is jsonObject as it was, with encoding/json's own indenting:
// the reference the one-pass copy must match byte for byte.
type refJSONObject struct {
	w      *bufio.Writer
	fields int
	buf    bytes.Buffer
	err    error
}

func newRefJSONObject(w io.Writer) *refJSONObject {
	o := &refJSONObject{w: bufio.NewWriter(w)}
	o.write([]byte("{"))
	return o
}

func (o *refJSONObject) write(b []byte) {
	if o.err == nil {
		_, o.err = o.w.Write(b)
	}
}

func (o *refJSONObject) encode(v any, prefix string) {
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

func (o *refJSONObject) key(name string) {
	if o.fields > 0 {
		o.write([]byte(","))
	}
	o.fields++
	o.write([]byte("\n  "))
	o.encode(name, "")
	o.write([]byte(": "))
}

func (o *refJSONObject) field(name string, v any) {
	o.key(name)
	o.encode(v, "  ")
}

func (o *refJSONObject) array(name string, n int, item func(i int) any) {
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

func (o *refJSONObject) close() error {
	o.write([]byte("\n}\n"))
	if o.err == nil {
		o.err = o.w.Flush()
	}
	return o.err
}

// bothJSON writes the same fields with jsonObject and the reference.
func bothJSON(t *testing.T, fields map[string]any, arrays map[string][]any) (got, want []byte) {
	t.Helper()
	var g, w bytes.Buffer
	o, r := newJSONObject(&g), newRefJSONObject(&w)
	for _, k := range sortedKeys(fields) {
		o.field(k, fields[k])
		r.field(k, fields[k])
	}
	for _, k := range sortedKeys(arrays) {
		a := arrays[k]
		o.array(k, len(a), func(i int) any { return a[i] })
		r.array(k, len(a), func(i int) any { return a[i] })
	}
	if err := o.close(); err != nil {
		t.Fatal(err)
	}
	if err := r.close(); err != nil {
		t.Fatal(err)
	}
	return g.Bytes(), w.Bytes()
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	for i := range ks {
		for j := i + 1; j < len(ks); j++ {
			if ks[j] < ks[i] {
				ks[i], ks[j] = ks[j], ks[i]
			}
		}
	}
	return ks
}

// TestJSONSameBytes: the extract JSON of the corpus, seeds and dev reports,
// and run.json of a quarter, come out byte for byte as encoding/json's
// indenting wrote them.
func TestJSONSameBytes(t *testing.T) {
	dirs := []string{"samples", filepath.Join("extract", "testdata", "corpus", "dev", "docs"),
		filepath.Join("..", "shared", "seeds"), filepath.Join("..", "shared", "dev", "docs")}
	for _, dir := range dirs {
		if _, err := os.Stat(dir); err != nil {
			t.Logf("skip %s: %v", dir, err)
			continue
		}
		code, out, errs := runCLI(t, "extract", "--format", "json", dir)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", dir, code, errs)
		}
		var x extractOutput
		if err := json.Unmarshal([]byte(out), &x); err != nil {
			t.Fatal(err)
		}
		var g, w bytes.Buffer
		if err := writeJSON(&g, x.Documents, x.Indicators); err != nil {
			t.Fatal(err)
		}
		r := newRefJSONObject(&w)
		r.array("documents", len(x.Documents), func(i int) any { return x.Documents[i] })
		r.array("indicators", len(x.Indicators), func(i int) any { return x.Indicators[i] })
		if err := r.close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(g.Bytes(), w.Bytes()) {
			t.Fatalf("%s: extract JSON differs from encoding/json's at byte %d", dir, firstDiff(g.Bytes(), w.Bytes()))
		}
		if !bytes.Equal(g.Bytes(), []byte(out)) {
			t.Fatalf("%s: rewritten JSON differs from the CLI's", dir)
		}
	}
	out := t.TempDir()
	if code, _, errs := runCLI(t, "run", "--sources", "samples/2024Q4", "--out", out, "--quiet"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, errs)
	}
	data, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var run map[string]any
	if err := json.Unmarshal(data, &run); err != nil {
		t.Fatal(err)
	}
	if got, want := bothJSON(t, run, nil); !bytes.Equal(got, want) {
		t.Fatalf("run.json differs at byte %d", firstDiff(got, want))
	}
}

// TestJSONEdgeCases: empty and nested containers, escapes, HTML characters,
// numbers, nulls.
func TestJSONEdgeCases(t *testing.T) {
	type inner struct {
		A []int           `json:"a"`
		B map[string]any  `json:"b,omitempty"`
		C *float64        `json:"c"`
		D string          `json:"d"`
		E json.RawMessage `json:"e,omitempty"`
	}
	f := 1e21
	fields := map[string]any{
		"empty":   map[string]any{},
		"list":    []any{},
		"nil":     nil,
		"nums":    []any{0, -1.5, 1e-7, f, math.MaxInt64, 3.0},
		"str":     "引号\"反斜杠\\ 换行\n <a href=\"x\">&</a> \u2028 \x01 ，：{}[]",
		"nest":    []any{[]any{}, map[string]any{"k": []any{map[string]any{}}}, [][]int{{1, 2}, {}}},
		"struct":  inner{A: []int{}, C: &f, D: `"\"`, E: json.RawMessage(`{ "x" : [ 1 , 2 ] }`)},
		"structs": []inner{{}, {A: []int{1}, B: map[string]any{"z": "\\\"", "a": true}}},
		`k"ey\`:   `"`,
	}
	arrays := map[string][]any{"none": nil, "some": {1, "x", nil, []any{}, map[string]any{"a": map[string]any{}}}}
	if got, want := bothJSON(t, fields, arrays); !bytes.Equal(got, want) {
		t.Fatalf("differs at byte %d\n got %s\nwant %s", firstDiff(got, want), got, want)
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// FuzzJSONIndent: any JSON value comes out as encoding/json indents it.
func FuzzJSONIndent(f *testing.F) {
	inPackageDir(f)
	for _, s := range []string{`{"a":[1,{},[]],"b":"x\"y\\"}`, `[]`, `"\u2028"`, `{"":{"":[[],[{}]]}}`, `[1e21,-0,true,null]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil {
			t.Skip()
		}
		got, want := bothJSON(t, map[string]any{"v": v}, map[string][]any{"a": {v, v}})
		if !bytes.Equal(got, want) {
			t.Fatalf("%q: differs at byte %d\n got %s\nwant %s", data, firstDiff(got, want), got, want)
		}
	})
}
