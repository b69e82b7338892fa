package report

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// syncFiles syncs the file system that holds dir once (syncfs(2)): one
// journal commit for a quarter's files, where a sync per file made one
// each. Since Linux 5.8 it reports the write-back errors of files on it.
func syncFiles(dir string, files []string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("无法写入 %s：%w", dir, err)
	}
	defer d.Close()
	if err := unix.Syncfs(int(d.Fd())); err != nil {
		// A file system that refuses it is synced file by file.
		return syncEach(dir, files)
	}
	return nil
}
