package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteAtomic writes a file through a temporary file in the same folder and
// renames it into place, so a reader never sees a half-written output and an
// interrupted run leaves the previous file intact.
func WriteAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
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
