//go:build !linux

package report

// syncsTogether: elsewhere staged files are synced one by one as they are
// written, in the workers, as every other output is (a sync per file at
// the commit would run them one after another).
const syncsTogether = false

func syncFiles(dir string, files []string) error { return syncEach(dir, files) }
