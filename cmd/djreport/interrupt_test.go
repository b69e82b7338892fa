package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"djreport/extract"
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

// TestInterruptInsideOneFile: Ctrl-C while a quarter is being read and
// written stops the run there, not after it: exit 130, a Chinese message,
// and no run.json that would pass for a finished run. (One file large
// enough to take seconds is now refused by the source limits, so the run is
// made long by many units, each a report of its own county.)
func TestInterruptInsideOneFile(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "reports")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, d := range extract.Gazetteer().All {
		if n == 400 {
			break
		}
		if d.Level != extract.LevelCounty || !strings.HasSuffix(d.Name, "县") || len(extract.Gazetteer().Lookup(d.Name)) != 1 {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s2024年基层党建工作总结\n", d.Name)
		for k := 0; k < 40; k++ {
			fmt.Fprintf(&b, "%s委组织部坚持党建引领，新发展党员%d名，建成党群服务中心%d个，化解矛盾纠纷%d件。\n", d.Name, 100+k, 10+k, 200+k)
		}
		if err := os.WriteFile(filepath.Join(src, fmt.Sprintf("%03d.txt", n)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		n++
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
