package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"syscall"
	"testing"
)

// TestReadContext: with a live context ReadContext is Read; a context
// already ended reads nothing.
func TestReadContext(t *testing.T) {
	path := filepath.Join("..", "samples", "2024Q4", "cixi.txt")
	want, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadContext(context.Background(), path)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ReadContext differs from Read: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if doc, err := ReadContext(ctx, path); doc != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("ended context: %v, %v", doc, err)
	}
	// Failures stay the same *Error.
	var se *Error
	if _, err := ReadContext(context.Background(), "no/such.txt"); !errors.As(err, &se) {
		t.Errorf("missing file: %v", err)
	}
}

// TestReadContextStopsWhileReading: a read that does not end by itself (a
// FIFO nobody writes to) returns as soon as the context ends, with its cause.
func TestReadContextStopsWhileReading(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	stop := errors.New("interrupted")
	ctx, cancel := context.WithCancelCause(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := ReadContext(ctx, fifo)
		done <- err
	}()
	// Opening the write end succeeds only once Read has opened the read
	// end: from then on Read waits for bytes that never come.
	var w *os.File
	for {
		var err error
		if w, err = os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			break
		}
		runtime.Gosched()
	}
	defer w.Close() // lets the abandoned Read end
	cancel(stop)
	if err := <-done; !errors.Is(err, stop) {
		t.Errorf("got %v, want the context's cause", err)
	}
}
