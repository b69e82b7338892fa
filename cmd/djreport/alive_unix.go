//go:build unix

package main

import (
	"errors"
	"syscall"
)

// processAlive says whether pid runs on this machine: signal 0 checks
// without sending anything; EPERM means it runs as another user.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
