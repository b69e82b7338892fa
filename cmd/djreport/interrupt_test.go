package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary builds djreport into a temporary folder for tests that need
// a real process (signals, exit status).
func buildBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "djreport")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/djreport").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

// TestInterruptInsideOneFile: Ctrl-C while one large report is being read
// and extracted stops the run there, not after the file: exit 130, a
// Chinese message, and no run.json that would pass for a finished run.
func TestInterruptInsideOneFile(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	data, err := os.ReadFile("samples/2024Q4/ningbo.txt")
	if err != nil {
		t.Fatal(err)
	}
	// ~40 MB of report text: several seconds of extraction for one file.
	src := filepath.Join(dir, "宁波.txt")
	if err := os.WriteFile(src, bytes.Repeat(data, 40<<20/len(data)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(bin, "run", "--out", out, src)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	var lines []string
	started := false
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if strings.Contains(sc.Text(), "正在读取") {
			started = true
			break
		}
	}
	if !started {
		cmd.Wait()
		t.Fatalf("the run never said it was reading; stderr:\n%s", strings.Join(lines, "\n"))
	}
	sent := time.Now()
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	err = cmd.Wait()
	t.Logf("exited %v after the signal", time.Since(sent))
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Errorf("exit %v, want status 130; stderr:\n%s", err, strings.Join(lines, "\n"))
	}
	if !strings.Contains(strings.Join(lines, "\n"), "已中断") {
		t.Errorf("no interrupt message:\n%s", strings.Join(lines, "\n"))
	}
	if _, err := os.Stat(filepath.Join(out, "run.json")); err == nil {
		t.Error("an interrupted run wrote run.json")
	}
}

// TestSecondInterruptExits: the first signal cancels the context, the
// second ends the process at once with 130 (exit is a hook here, so the
// test process survives).
func TestSecondInterruptExits(t *testing.T) {
	exited := make(chan int, 1)
	var msg bytes.Buffer
	ctx, stop := interruptContext(context.Background(), &msg, func(code int) { exited <- code })
	defer stop()
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	<-ctx.Done()
	if !errors.Is(context.Cause(ctx), errInterrupted) {
		t.Errorf("cause %v, want errInterrupted", context.Cause(ctx))
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	if code := <-exited; code != exitInterrupted {
		t.Errorf("second interrupt: exit %d, want %d", code, exitInterrupted)
	}
	if !strings.Contains(msg.String(), "再按一次 Ctrl-C") || !strings.Contains(msg.String(), "立即退出") {
		t.Errorf("messages %q", msg.String())
	}
}

// TestInterruptedExitStatus: an interrupted run is 130, not a partial
// failure (1).
func TestInterruptedExitStatus(t *testing.T) {
	var b bytes.Buffer
	err := interruptedf("运行已中断")
	if code := exitCode(err, &b); code != 130 || !strings.Contains(b.String(), "运行已中断") {
		t.Errorf("exit %d, %q", code, b.String())
	}
}
