package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// WriteAtomic writes a file through a temporary file in the same folder and
// renames it into place, so a reader never sees a half-written output and an
// interrupted run leaves the previous file intact.
//
// In a folder marked by Stage, on Linux, it writes the file directly and
// does not sync it: the folder is private to a run, which makes its files
// durable together (SyncStaged) before it moves them out.
func WriteAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if _, ok := stagedDirs.Load(filepath.Clean(dir)); ok && syncsTogether {
		if err, done := writeStaged(path, write); done {
			return err
		}
	}
	createMu.Lock()
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	createMu.Unlock()
	if err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	return nil
}

// createMu makes the workers create their files one at a time. Creating a
// file holds its folder's lock while the file system finds a free inode,
// and a second creator in the same folder spins on that lock in the kernel
// (on ext4 without a journal, finding an inode skips every one freed in the
// last half minute: perf showed the spin at 7% of a quarter's CPU); here it
// waits without burning a core.
var createMu sync.Mutex

// stagedDirs are the folders marked by Stage.
var stagedDirs sync.Map

// Stage marks dir, a run's private staging folder, until the returned
// function is called. A file there is only ever moved out as part of the
// whole set, after SyncStaged, and a run that fails leaves the folder to be
// removed: where the whole set can be synced at once (syncsTogether), a
// temporary file and a sync per file (an eighth of a quarter's CPU, most of
// it the sync) protect nothing there.
func Stage(dir string) (unmark func()) {
	dir = filepath.Clean(dir)
	stagedDirs.Store(dir, true)
	return func() { stagedDirs.Delete(dir) }
}

// writeStaged writes path in a staging folder; a failed write removes it,
// so a set never holds a partial file. A name written twice in one set
// (two units whose file names meet) is not written in place: done is false
// and WriteAtomic goes the temporary way, where the last complete file
// wins, as it always has.
func writeStaged(path string, write func(io.Writer) error) (err error, done bool) {
	createMu.Lock()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	createMu.Unlock()
	if errors.Is(err, fs.ErrExist) {
		return nil, false
	}
	if err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err), true
	}
	defer func() {
		if err != nil {
			removeOwn(path, f)
			f.Close()
		}
	}()
	if err = write(f); err != nil {
		return err, true
	}
	// The mode WriteAtomic gives, whatever the umask.
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err), true
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err), true
	}
	return nil, true
}

// removeOwn removes path if it is still the file f (open) wrote, not one
// another writer of the same name has renamed there since.
func removeOwn(path string, f *os.File) {
	mine, err1 := f.Stat()
	there, err2 := os.Stat(path)
	if err1 == nil && err2 == nil && os.SameFile(mine, there) {
		os.Remove(path)
	}
}

// SyncStaged makes the named files of staging folder dir durable, before
// they are renamed into place: after a crash a moved file holds its data,
// not nothing. Where files were synced as they were written it has
// nothing to do.
func SyncStaged(dir string, files []string) error {
	if !syncsTogether {
		return nil
	}
	return syncFiles(dir, files)
}

// syncEach syncs files one by one.
func syncEach(dir string, files []string) error {
	for _, name := range files {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_RDWR, 0)
		if err != nil {
			return fmt.Errorf("无法写入 %s：%w", filepath.Join(dir, name), err)
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return fmt.Errorf("无法写入 %s：%w", filepath.Join(dir, name), err)
		}
	}
	return nil
}
