//go:build !linux

package report

func syncFiles(dir string, files []string) error { return syncEach(dir, files) }
