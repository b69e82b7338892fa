package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// errInterrupted is the cause of a context ended by Ctrl-C or SIGTERM.
var errInterrupted = errors.New("收到中断信号")

// interruptContext ends ctx on the first SIGINT or SIGTERM, so reading,
// extraction and the worker pools stop where they are; the second signal
// exits at once with 130 (through exit, a hook for tests), for when even
// the orderly stop takes too long. stop releases the signals.
func interruptContext(parent context.Context, stderr io.Writer, exit func(int)) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
		case <-done:
			return
		}
		fmt.Fprintln(stderr, "收到中断信号，正在停止……（再按一次 Ctrl-C 立即退出）")
		cancel(errInterrupted)
		select {
		case <-sig:
			fmt.Fprintln(stderr, "再次收到中断信号，立即退出；输出文件夹中可能留有未写完的临时文件（.*.tmp）。")
			exit(exitInterrupted)
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sig)
		close(done)
		cancel(nil)
	}
}
