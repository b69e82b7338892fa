package extract_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"djreport/source"
)

// pollCtx ends after its Err was asked limit times: it shows whether work
// checks the context inside a document, not only before it.
type pollCtx struct {
	context.Context
	polls, limit atomic.Int64
}

func (c *pollCtx) Err() error {
	if c.polls.Add(1) > c.limit.Load() {
		return context.Canceled
	}
	return nil
}

func TestDocumentContext(t *testing.T) {
	x := newExtractor(t)
	data, err := os.ReadFile(filepath.Join("..", "samples", "2024Q4", "ningbo.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := source.Parse("宁波.txt", []byte(strings.Repeat(string(data), 50)))
	if err != nil {
		t.Fatal(err)
	}
	want := x.Document(doc)
	got, err := x.DocumentContext(context.Background(), doc)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("DocumentContext differs from Document: %v", err)
	}
	// Ended after a few checks: the extraction stops inside the document.
	ctx := &pollCtx{Context: context.Background()}
	ctx.limit.Store(2)
	if _, err := x.DocumentContext(ctx, doc); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
	// A document of n lines is checked at least every few hundred lines.
	ctx = &pollCtx{Context: context.Background()}
	ctx.limit.Store(1 << 40)
	x.DocumentContext(ctx, doc)
	if n := ctx.polls.Load(); n < int64(len(doc.Lines)/512) {
		t.Errorf("%d checks for %d lines", n, len(doc.Lines))
	}
}
