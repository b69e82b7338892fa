package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkRunQuarter measures `djreport run` in-process on a quarter of 50
// units (the ningbo sample renamed to other cities): ns/op is one whole run.
// scripts/bench measures the built binary at 300 and 600 units.
func BenchmarkRunQuarter(b *testing.B) {
	data, err := os.ReadFile("samples/2024Q4/ningbo.txt")
	if err != nil {
		b.Fatal(err)
	}
	src := b.TempDir()
	names := []string{"杭州", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水",
		"南京", "无锡", "徐州", "常州", "苏州", "南通", "淮安", "盐城", "扬州", "镇江",
		"泰州", "宿迁", "合肥", "芜湖", "蚌埠", "淮南", "马鞍山", "淮北", "铜陵", "安庆",
		"黄山", "滁州", "阜阳", "宿州", "六安", "亳州", "池州", "宣城", "福州", "厦门",
		"莆田", "三明", "泉州", "漳州", "南平", "龙岩", "宁德", "南昌", "景德镇", "萍乡"}
	for _, n := range names {
		text := strings.ReplaceAll(string(data), "宁波", n)
		if err := os.WriteFile(filepath.Join(src, n+".txt"), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	v := newViper()
	c, err := loadConfig(v, "config.yaml", false)
	if err != nil {
		b.Fatal(err)
	}
	c.Sources = []string{src}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Out = filepath.Join(b.TempDir(), fmt.Sprint(i))
		if err := runRun(context.Background(), c, &runOptions{quiet: true}, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteJSON writes the extract JSON of the corpus reports
// (extract/testdata/corpus/dev/docs), with jsonObject and with the
// reference that let encoding/json indent (jsonout_test.go).
func BenchmarkWriteJSON(b *testing.B) {
	var out bytes.Buffer
	if code := execute([]string{"extract", "--format", "json", filepath.Join("extract", "testdata", "corpus", "dev", "docs")}, &out, io.Discard); code != 0 {
		b.Fatalf("extract: exit %d", code)
	}
	var x extractOutput
	if err := json.Unmarshal(out.Bytes(), &x); err != nil {
		b.Fatal(err)
	}
	b.Run("one-pass", func(b *testing.B) {
		b.SetBytes(int64(out.Len()))
		b.ReportAllocs()
		for b.Loop() {
			if err := writeJSON(io.Discard, x.Documents, x.Indicators); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json.Indent", func(b *testing.B) {
		b.SetBytes(int64(out.Len()))
		b.ReportAllocs()
		for b.Loop() {
			r := newRefJSONObject(io.Discard)
			r.array("documents", len(x.Documents), func(i int) any { return x.Documents[i] })
			r.array("indicators", len(x.Indicators), func(i int) any { return x.Indicators[i] })
			if err := r.close(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
