package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"djreport/report"
)

// One run owns an out folder at a time, and writes its outputs as a set:
//
//   - .djreport.lock, created with O_EXCL, holds the run's pid, host and
//     start; a second run waits lockWait for it, then refuses. A lock of a
//     process that has ended (same host), or one written on another host
//     more than lockStale ago, is taken over with a message.
//   - Every output is written into .djreport-staging-<pid>/; an interrupted
//     or failed run removes it and leaves the folder as it was.
//   - At the end the set is moved into place under a marker file
//     (incompleteName) that says the folder is being replaced; files of the
//     earlier set that are not in the new one are removed; run.json, whose
//     "files" lists the set, comes last; then the marker goes. A run killed
//     while moving leaves the marker, which names the files in question.
//
// Files nobody's run wrote (a staff member's notes) are never touched.
const (
	lockName       = ".djreport.lock"
	stagingPrefix  = ".djreport-staging-"
	incompleteName = "！输出不完整-请重新运行.txt"
)

// lockWait is how long a second run waits for the first to finish.
var lockWait = 3 * time.Second

// lockStale is the age after which a lock written on another computer is
// taken over: a whole quarter runs in under a minute (README, 速度).
var lockStale = 6 * time.Hour

type outLock struct{ path string }

// lockOut takes the out folder's lock; say prints notices to the console.
func lockOut(dir string, say func(string, ...any)) (*outLock, error) {
	path := filepath.Join(dir, lockName)
	host, _ := os.Hostname()
	deadline := time.Now().Add(lockWait)
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := fmt.Fprintf(f, "pid %d\nhost %s\nstarted %s\n", os.Getpid(), host, time.Now().Format(time.RFC3339))
			if cerr := f.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				os.Remove(path)
				return nil, fmt.Errorf("无法在输出文件夹 %s 中写锁文件：%v", dir, werr)
			}
			return &outLock{path: path}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("无法在输出文件夹 %s 中创建锁文件 %s：%v", dir, lockName, err)
		}
		data, _ := os.ReadFile(path)
		owner := parseLock(string(data))
		if owner.pid > 0 && (owner.host == "" || owner.host == host) && !processAlive(owner.pid) {
			if takeOver(path, data) {
				say("提示：输出文件夹 %s 的锁属于已结束的进程 %d（%s 开始），上次运行可能被强行终止；本次运行接管该文件夹。\n", dir, owner.pid, owner.started)
			}
			continue
		}
		// Another computer's process cannot be asked whether it still runs
		// (a shared or network folder); a run takes seconds to minutes, so a
		// lock older than lockStale is one whose run was cut off.
		if owner.host != "" && owner.host != host {
			if t, err := time.Parse(time.RFC3339, owner.started); err == nil && time.Since(t) > lockStale {
				if takeOver(path, data) {
					say("提示：输出文件夹 %s 的锁由计算机 %s 上的进程 %d 于 %s 创建，已超过 %d 小时，该次运行应已中断；本次运行接管该文件夹。\n", dir, owner.host, owner.pid, owner.started, int(lockStale.Hours()))
				}
				continue
			}
		}
		if !time.Now().Before(deadline) {
			who := "另一次运行"
			if owner.pid > 0 {
				who = fmt.Sprintf("另一次运行（进程 %d，%s 开始", owner.pid, owner.started)
				if owner.host != "" && owner.host != host {
					who += "，在计算机 " + owner.host + " 上"
				}
				who += "）"
			}
			return nil, fmt.Errorf("输出文件夹 %s 正在被%s使用：两次运行写同一文件夹会互相覆盖。请等它结束后再运行，或用 --out 换一个文件夹；如确认没有别的运行，可删除 %s", dir, who, path)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// takeOver removes a stale lock, but only if it still is the one read: a
// run that took it over a moment ago must keep its new lock.
func takeOver(path string, stale []byte) bool {
	aside := path + "." + strconv.Itoa(os.Getpid()) + ".stale"
	if err := os.Rename(path, aside); err != nil {
		return false
	}
	if got, _ := os.ReadFile(aside); string(got) != string(stale) {
		os.Rename(aside, path) // someone else's fresh lock: put it back
		return false
	}
	os.Remove(aside)
	return true
}

func (l *outLock) release() { os.Remove(l.path) }

type lockOwner struct {
	pid           int
	host, started string
}

func parseLock(s string) lockOwner {
	var o lockOwner
	for _, line := range strings.Split(s, "\n") {
		k, v, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch k {
		case "pid":
			o.pid, _ = strconv.Atoi(v)
		case "host":
			o.host = v
		case "started":
			o.started = v
		}
	}
	return o
}

// cleanLeftovers removes what runs killed earlier left in dir: their
// staging folders (only those of ended processes) and the temporary files
// of versions that wrote beside the outputs. It runs under the lock, so
// no live run of this version has files there.
func cleanLeftovers(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		switch {
		case strings.HasPrefix(n, stagingPrefix) && e.IsDir():
			pid, err := strconv.Atoi(strings.TrimPrefix(n, stagingPrefix))
			if err == nil && (pid == os.Getpid() || !processAlive(pid)) {
				os.RemoveAll(filepath.Join(dir, n))
			}
		case strings.HasPrefix(n, ".") && strings.HasSuffix(n, ".tmp") && !e.IsDir():
			os.Remove(filepath.Join(dir, n))
		}
	}
}

// newStaging makes the run's private staging folder inside dir (same file
// system, so files are moved by rename).
func newStaging(dir string) (string, error) {
	stage := filepath.Join(dir, stagingPrefix+strconv.Itoa(os.Getpid()))
	os.RemoveAll(stage)
	if err := os.Mkdir(stage, 0o755); err != nil {
		return "", fmt.Errorf("无法在输出文件夹 %s 中创建临时文件夹：%v", dir, err)
	}
	return stage, nil
}

// stagedFiles lists the outputs in stage, sorted, plus run.json (written
// last, after the list).
func stagedFiles(stage string) []string {
	entries, _ := os.ReadDir(stage)
	files := []string{"run.json"}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") && e.Type().IsRegular() {
			files = append(files, e.Name())
		}
	}
	sort.Strings(files)
	return files
}

// previousSet is what earlier runs wrote into dir: run.json's "files" (or,
// from versions before it, its units' workbooks and briefs and 汇总.xlsx)
// and the files named by a marker an interrupted replacement left.
func previousSet(dir string) []string {
	var set []string
	if data, err := os.ReadFile(filepath.Join(dir, "run.json")); err == nil {
		var old struct {
			Files []string `json:"files"`
			Units []struct {
				Workbook string `json:"workbook"`
				Brief    string `json:"brief"`
			} `json:"units"`
		}
		if json.Unmarshal(data, &old) == nil {
			set = append(set, old.Files...)
			if old.Files == nil {
				for _, u := range old.Units {
					set = append(set, u.Workbook, u.Brief)
				}
				set = append(set, "汇总.xlsx")
			}
		}
	}
	if data, err := os.ReadFile(filepath.Join(dir, incompleteName)); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if n, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), "  - "); ok {
				set = append(set, n)
			}
		}
	}
	return set
}

// commitSet moves the staged set into dir and removes files of earlier
// sets that are not in it. It ignores interrupts: it only renames, and
// stopping half-way would leave the mix it exists to prevent.
func commitSet(stage, dir string, files []string) error {
	// Staged files are written unsynced (report.Stage): all of them are
	// made durable here, before the first is moved.
	if err := report.SyncStaged(stage, files); err != nil {
		return err
	}
	old := previousSet(dir)
	in := map[string]bool{}
	for _, f := range files {
		in[f] = true
	}
	var stale []string
	for _, f := range old {
		// Names from a file on disk: only plain names in dir are removed.
		if f != "" && !in[f] && filepath.Base(f) == f && f != "." && f != ".." && !strings.HasPrefix(f, ".") {
			stale = append(stale, f)
		}
	}
	sort.Strings(stale)
	stale = slices.Compact(stale)
	marker := filepath.Join(dir, incompleteName)
	if err := report.WriteAtomic(marker, func(w io.Writer) error {
		var b strings.Builder
		fmt.Fprintf(&b, "djreport 正在用新一次运行（进程 %d，%s）的结果替换本文件夹中的输出。\r\n", os.Getpid(), time.Now().Format("2006-01-02 15:04:05"))
		b.WriteString("如果运行结束后本文件仍在，说明替换中途被打断：下列文件可能是新旧混杂或缺失，run.json 和 汇总.xlsx 不可信。请重新运行 djreport run。\r\n")
		b.WriteString("涉及的文件：\r\n")
		for _, f := range append(slices.Clone(files), stale...) {
			b.WriteString("  - " + f + "\r\n")
		}
		_, err := io.WriteString(w, b.String())
		return err
	}); err != nil {
		return err
	}
	// The old run.json goes first, so a folder caught half-way never has a
	// run.json that describes files it no longer holds.
	var errs []string
	if err := os.Remove(filepath.Join(dir, "run.json")); err != nil && !errors.Is(err, fs.ErrNotExist) {
		errs = append(errs, fmt.Sprintf("run.json：%v", err))
	}
	for _, f := range files {
		if f == "run.json" {
			continue
		}
		if err := os.Rename(filepath.Join(stage, f), filepath.Join(dir, f)); err != nil {
			errs = append(errs, fmt.Sprintf("%s：%v", f, err))
		}
	}
	for _, f := range stale {
		if err := os.Remove(filepath.Join(dir, f)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, fmt.Sprintf("无法删除上次运行的 %s：%v", f, err))
		}
	}
	if err := os.Rename(filepath.Join(stage, "run.json"), filepath.Join(dir, "run.json")); err != nil {
		errs = append(errs, fmt.Sprintf("run.json：%v", err))
	}
	if len(errs) > 0 {
		return fmt.Errorf("输出文件夹 %s 未能完整更新（%s 说明了涉及的文件；文件可能正在 Excel 或 PDF 阅读器中打开，关闭后重新运行）：%s", dir, incompleteName, strings.Join(errs, "；"))
	}
	os.Remove(marker)
	return nil
}
