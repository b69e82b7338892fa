package main

import (
	"errors"
	"fmt"
	"io"
)

// Exit codes, decided in one place from the error.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	// exitInterrupted is 128+SIGINT, what shells report for a process
	// ended by Ctrl-C, so scripts can tell an interrupt from a failure.
	exitInterrupted = 130
)

// exitHelp explains the statuses in every command's help.
const exitHelp = "退出状态：0 成功；1 部分失败（部分报告或文件未处理，见错误信息）；2 用法或配置错误；130 被中断（Ctrl-C）"

// usageError is bad usage or bad configuration: exit 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// interruptedError is a run stopped by a signal: exit 130.
type interruptedError struct{ err error }

func (e interruptedError) Error() string { return e.err.Error() }
func (e interruptedError) Unwrap() error { return e.err }

func interruptedf(format string, args ...any) error {
	return interruptedError{fmt.Errorf(format, args...)}
}

// partialError says some inputs failed (already reported one by one) while
// the rest was done: exit 1 without another message.
type partialError struct{ failed int }

func (e partialError) Error() string { return fmt.Sprintf("%d 个文件处理失败", e.failed) }

// exitCode maps an error to the process exit status and prints it.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return exitOK
	}
	var pe partialError
	if errors.As(err, &pe) {
		fmt.Fprintf(stderr, "完成，但有 %d 个文件处理失败（见上方错误信息）。\n", pe.failed)
		return exitFailure
	}
	var ie interruptedError
	if errors.As(err, &ie) {
		fmt.Fprintf(stderr, "%v\n", err)
		return exitInterrupted
	}
	fmt.Fprintf(stderr, "错误：%v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitFailure
}
