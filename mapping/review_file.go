package mapping

import (
	gocontext "context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"

	"djreport/source"
)

// LoadReview reads the decisions file at path. A missing file is an empty
// review of period: nothing decided yet.
func LoadReview(path, period string) (*Review, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Review{Period: period}, nil
	}
	if err != nil {
		return nil, &Problems{List: []Problem{{File: path, Msg: "无法读取审核文件：" + source.OSReason(err)}}}
	}
	r, err := ParseReview(path, data)
	if err != nil {
		return nil, err
	}
	if r.Period == "" {
		r.Period = period
	}
	return r, nil
}

// ErrReviewBusy is returned when another writer holds the review file's
// lock for longer than a save takes.
var ErrReviewBusy = errors.New("审核文件正被另一个程序写入")

// lockWait is how long a save waits for another save to finish.
const lockWait = 5 * time.Second

// UpdateReview is a read-modify-write of the decisions file at path under
// an exclusive lock on path + ".lock" (gofrs/flock: flock on Unix,
// LockFileEx on Windows, released by the OS if the process dies, so no
// lock is ever left stale): the file is read afresh, edit changes it, and
// it is written through a temporary file renamed into place. Two saves at
// once, from two tabs or two processes, thus both land, one after the
// other, and a reader never sees half a file. A file that no longer
// parses is left alone and its problems returned: a person's hand edit is
// not overwritten.
func UpdateReview(path, period string, edit func(*Review) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("无法创建审核文件夹 %s：%s", filepath.Dir(path), source.OSReason(err))
	}
	lock := flock.New(path + ".lock")
	ctx, cancel := gocontext.WithTimeout(gocontext.Background(), lockWait)
	defer cancel()
	ok, err := lock.TryLockContext(ctx, 10*time.Millisecond)
	if err != nil && !errors.Is(err, gocontext.DeadlineExceeded) {
		return fmt.Errorf("无法写入审核文件（锁文件 %s：%s）", lock.Path(), source.OSReason(err))
	}
	if !ok {
		return fmt.Errorf("%w（锁文件 %s）：请稍后再试", ErrReviewBusy, lock.Path())
	}
	defer lock.Unlock()
	r, err := LoadReview(path, period)
	if err != nil {
		return err
	}
	old, _ := os.ReadFile(path)
	if err := edit(r); err != nil {
		return err
	}
	data, err := marshalOver(old, r)
	if err != nil {
		return fmt.Errorf("%s：%v", path, err)
	}
	return writeAtomic(path, data)
}

// writeAtomic writes data to path through a temporary file in the same
// folder, synced and renamed into place.
func writeAtomic(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("无法写入 %s：%s", path, source.OSReason(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("无法写入 %s：%s", path, source.OSReason(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("无法写入 %s：%s", path, source.OSReason(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("无法写入 %s：%s", path, source.OSReason(err))
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("无法写入 %s：%s", path, source.OSReason(err))
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("无法写入 %s：%s", path, source.OSReason(err))
	}
	return nil
}
