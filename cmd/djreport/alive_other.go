//go:build !unix

package main

import "os"

// processAlive says whether pid runs on this machine; on Windows,
// FindProcess opens the process and fails when there is none.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
