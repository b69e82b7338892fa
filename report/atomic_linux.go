package report

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// syncsTogether: Linux syncs a whole file system in one call.
const syncsTogether = true

// syncFiles syncs the file system that holds dir once (syncfs(2)): one
// journal commit for a quarter's files, where a sync per file made one
// each. syncfs reports write-back errors only since Linux 5.8; on an
// older kernel (Kylin V10 and UOS ship 4.19) each file is then synced as
// well, which finds its data written and costs little, to hear of a
// failed write.
func syncFiles(dir string, files []string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("无法写入 %s：%w", dir, err)
	}
	err = unix.Syncfs(int(d.Fd()))
	d.Close()
	if err != nil || !syncfsReportsErrors() {
		// A file system that refuses it is synced file by file.
		return syncEach(dir, files)
	}
	return nil
}

// syncfsReportsErrors says whether the running kernel is 5.8 or later.
func syncfsReportsErrors() bool {
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return false
	}
	return kernelAtLeast(unix.ByteSliceToString(u.Release[:]), 5, 8)
}

// kernelAtLeast reads a release such as "5.10.0-21-amd64" or
// "4.19.90-52.22.v2207.ky10.x86_64"; one it cannot read is not.
func kernelAtLeast(release string, major, minor int) bool {
	parts := strings.SplitN(release, ".", 3)
	if len(parts) < 2 {
		return false
	}
	// The minor number ends where its digits do (5.8-rc1).
	digits := parts[1]
	if i := strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' }); i >= 0 {
		digits = digits[:i]
	}
	ma, err1 := strconv.Atoi(parts[0])
	mi, err2 := strconv.Atoi(digits)
	if err1 != nil || err2 != nil {
		return false
	}
	return ma > major || ma == major && mi >= minor
}
