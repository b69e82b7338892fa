package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"djreport/extract"
	"djreport/report"
)

// TestCSVNeutralisesFormulas: a cell that Excel would run as a formula
// starts with a quote; numbers stay numbers (issue 14.5).
func TestCSVNeutralisesFormulas(t *testing.T) {
	mx := -1.0
	doc := extract.Document{Figures: []extract.Figure{{
		Source: "=cmd|' /C calc'!A0", Unit: "+慈溪市", Value: -3, Max: &mx, Measure: "@个",
		Text: `=HYPERLINK("http://x","点")`, Subject: "-减少", Qualifier: "-Inf", Sentence: "\t制表符开头", Line: 2,
	}, {Source: "a.txt", Unit: "慈溪市", Value: 1.5, Text: "1.5万", Sentence: "\r回车", Line: 3}}}
	var b bytes.Buffer
	if err := writeCSV(&b, []extract.Document{doc}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"'=cmd|' /C calc'!A0", "'+慈溪市", "", "-3", "-1", "'@个", "'-Inf", `'=HYPERLINK("http://x","点")`, "'-减少", "'\t制表符开头", "2"}
	for i, w := range want {
		if rows[1][i] != w {
			t.Errorf("column %s: %q, want %q", csvHeader[i], rows[1][i], w)
		}
	}
	// (encoding/csv drops a lone CR when reading; the quote is what counts.)
	if rows[2][3] != "1.5" || !strings.HasPrefix(rows[2][9], "'") {
		t.Errorf("second row %q", rows[2])
	}
}

// copySamples puts the named sample reports into a fresh folder.
func copySamples(t *testing.T, dir string, names ...string) {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("samples/2024Q4", n))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, n), data, 0o644)
	}
}

func readRunJSON(t *testing.T, out string) map[string]json.RawMessage {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestRunSkippedListed: files left out and unreadable folders are listed in
// run.json and counted on the console; an unreadable folder is one error,
// exit 1, the rest still done (issue 14.6, 14.10).
func TestRunSkippedListed(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	copySamples(t, src, "cixi.txt")
	os.WriteFile(filepath.Join(src, "page.mht"), []byte("x"), 0o644)
	os.Symlink(filepath.Join(dir, "elsewhere.txt"), filepath.Join(src, "link.txt"))
	out := filepath.Join(dir, "out")
	code, _, errs := runCLI(t, "run", "--sources", src, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "跳过 2 个文件") {
		t.Errorf("console does not count skipped files: %q", errs)
	}
	var skipped []struct{ Path, Reason string }
	json.Unmarshal(readRunJSON(t, out)["skipped"], &skipped)
	if len(skipped) != 2 {
		t.Errorf("run.json skipped = %v, want page.mht and link.txt", skipped)
	}
}

func TestRunUnreadableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every folder")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	copySamples(t, src, "cixi.txt")
	copySamples(t, filepath.Join(src, "locked"), "ningbo.txt")
	os.Chmod(filepath.Join(src, "locked"), 0)
	t.Cleanup(func() { os.Chmod(filepath.Join(src, "locked"), 0o755) })
	out := filepath.Join(dir, "out")
	code, _, errs := runCLI(t, "run", "--sources", src, "--out", out, "--quiet")
	if code != 1 || !strings.Contains(errs, "locked") {
		t.Fatalf("exit %d, %q; want 1 and a message naming the folder", code, errs)
	}
	if _, err := os.Stat(filepath.Join(out, "慈溪市.xlsx")); err != nil {
		t.Error("the readable report was not processed")
	}
}

// TestRunLock: a second run on an out folder in use refuses with a message
// and leaves the other run's files alone; a lock of a dead process is taken
// over (issue 14.2).
func TestRunLock(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	copySamples(t, src, "cixi.txt")
	out := filepath.Join(dir, "out")
	os.MkdirAll(out, 0o755)
	// pid 1 is always alive: another run holds the folder.
	os.WriteFile(filepath.Join(out, ".djreport.lock"), []byte("pid 1\nstarted 2026-01-01T00:00:00Z\n"), 0o644)
	live := filepath.Join(out, ".慈溪市.xlsx.12345.tmp")
	os.WriteFile(live, []byte("being written"), 0o644)
	defer func(w time.Duration) { lockWait = w }(lockWait)
	lockWait = 0 // refuse at once; waiting is not what is tested
	code, _, errs := runCLI(t, "run", "--sources", src, "--out", out, "--quiet")
	if code == 0 || !strings.Contains(errs, "正在") || !strings.Contains(errs, out) {
		t.Errorf("second run: exit %d, %q; want a refusal naming the folder", code, errs)
	}
	if _, err := os.Stat(live); err != nil {
		t.Error("the other run's temporary file was deleted")
	}
	if _, err := os.Stat(filepath.Join(out, "慈溪市.xlsx")); err == nil {
		t.Error("the refused run wrote outputs")
	}

	// A dead process's lock is taken over, with a message.
	dead := exec.Command("true")
	dead.Run()
	os.WriteFile(filepath.Join(out, ".djreport.lock"), []byte(fmt.Sprintf("pid %d\nstarted 2026-01-01T00:00:00Z\n", dead.Process.Pid)), 0o644)
	code, _, errs = runCLI(t, "run", "--sources", src, "--out", out)
	if code != 0 || !strings.Contains(errs, "已结束") {
		t.Errorf("stale lock: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(out, ".djreport.lock")); err == nil {
		t.Error("the lock was left after the run")
	}
}

// TestRunLockOtherHost: a lock written on another computer (a shared
// folder) is live while recent, and taken over, with a notice naming the
// computer, once older than any run lasts.
func TestRunLockOtherHost(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	copySamples(t, src, "cixi.txt")
	out := filepath.Join(dir, "out")
	os.MkdirAll(out, 0o755)
	lock := filepath.Join(out, ".djreport.lock")
	defer func(w time.Duration) { lockWait = w }(lockWait)
	lockWait = 0
	os.WriteFile(lock, []byte("pid 4242\nhost other-pc\nstarted "+time.Now().Add(-time.Minute).Format(time.RFC3339)+"\n"), 0o644)
	code, _, errs := runCLI(t, "run", "--sources", src, "--out", out, "--quiet")
	if code == 0 || !strings.Contains(errs, "other-pc") {
		t.Errorf("recent lock of another computer: exit %d, %q; want a refusal naming it", code, errs)
	}
	os.WriteFile(lock, []byte("pid 4242\nhost other-pc\nstarted 2026-01-01T00:00:00Z\n"), 0o644)
	code, _, errs = runCLI(t, "run", "--sources", src, "--out", out)
	if code != 0 || !strings.Contains(errs, "other-pc") || !strings.Contains(errs, "接管") {
		t.Errorf("old lock of another computer: exit %d, %q; want it taken over with a notice", code, errs)
	}
	if _, err := os.Stat(filepath.Join(out, "慈溪市.xlsx")); err != nil {
		t.Error("the run that took the lock over wrote no workbook")
	}
}

// TestRunReplacesSet: a second run into the same folder removes the
// workbooks of units no longer in the sources; run.json lists the set
// (issue 14.12).
func TestRunReplacesSet(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	copySamples(t, src, "cixi.txt", "ningbo.txt")
	out := filepath.Join(dir, "out")
	if code, _, errs := runCLI(t, "run", "--sources", src, "--out", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	os.WriteFile(filepath.Join(out, "我的笔记.txt"), []byte("staff's own file"), 0o644)
	os.Remove(filepath.Join(src, "ningbo.txt"))
	if code, _, errs := runCLI(t, "run", "--sources", src, "--out", out, "--quiet"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, name := range []string{"宁波市.xlsx", "宁波市.pdf"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("stale %s of the earlier run left beside the new set", name)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "我的笔记.txt")); err != nil {
		t.Error("a file no run wrote was removed")
	}
	var files []string
	json.Unmarshal(readRunJSON(t, out)["files"], &files)
	entries, _ := os.ReadDir(out)
	var have []string
	for _, e := range entries {
		if e.Name() != "我的笔记.txt" {
			have = append(have, e.Name())
		}
	}
	if strings.Join(files, " ") != strings.Join(have, " ") {
		t.Errorf("run.json files %q, folder %q", files, have)
	}
}

// TestRunDistinctFiles: units whose names make the same file name, and a
// unit name too long for a file, each keep their files (issue 14.3, 14.9).
func TestRunDistinctFiles(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	copySamples(t, src, "cixi.txt", "ningbo.txt", "pingliang.txt")
	long := strings.Repeat("某某县", 100)
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte("units:\n  - name: 甲/乙\n    aliases: [慈溪市, 慈溪]\n  - name: 甲:乙\n    aliases: [宁波市, 宁波]\n  - name: "+long+"\n    aliases: [平凉市, 平凉]\n"), 0o644)
	out := filepath.Join(dir, "out")
	code, _, errs := runCLI(t, "run", "--config", cfg, "--sources", src, "--out", out, "--quiet")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var units []unitReport
	json.Unmarshal(readRunJSON(t, out)["units"], &units)
	files := map[string]string{}
	for _, u := range units {
		for _, f := range []string{u.Workbook, u.Brief} {
			if prev, dup := files[f]; dup {
				t.Errorf("%s and %s share %s", prev, u.Name, f)
			}
			files[f] = u.Name
			if _, err := os.Stat(filepath.Join(out, f)); err != nil {
				t.Errorf("%s: %v", u.Name, err)
			}
		}
	}
	if len(units) != 3 {
		t.Errorf("units %d, want 3", len(units))
	}
	if !strings.Contains(string(readRunJSON(t, out)["warnings"]), "文件名") {
		t.Error("run.json does not say file names were changed")
	}
}

// TestExtractSkippedAndFolders: extract says which files it left out and
// treats an unreadable folder as one failed source (issue 14.6, 14.10).
func TestExtractSkippedAndFolders(t *testing.T) {
	dir := t.TempDir()
	copySamples(t, dir, "cixi.txt")
	os.WriteFile(filepath.Join(dir, "memo.rtf"), []byte("x"), 0o644)
	code, out, errs := runCLI(t, "extract", "--format", "csv", dir)
	if code != 0 || !strings.Contains(errs, "跳过 1 个文件") || !strings.Contains(errs, "memo.rtf") || !strings.Contains(out, "30余万元") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if os.Geteuid() == 0 {
		return // root reads every folder
	}
	locked := filepath.Join(dir, "locked")
	copySamples(t, locked, "ningbo.txt")
	os.Chmod(locked, 0)
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	code, out, errs = runCLI(t, "extract", "--format", "csv", dir)
	if code != 1 || !strings.Contains(errs, "locked") || !strings.Contains(out, "30余万元") {
		t.Errorf("unreadable folder: exit %d, stderr %q", code, errs)
	}
}

// TestCommitSetMarksIncomplete: when the set cannot be moved into place
// whole, the folder keeps a marker naming the files involved, and the next
// run removes the files the marker names that it does not write (issue
// 14.12).
func TestCommitSetMarksIncomplete(t *testing.T) {
	dir := t.TempDir()
	stage, err := newStaging(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"甲.xlsx", "乙.xlsx", "run.json"} {
		os.WriteFile(filepath.Join(stage, n), []byte("new "+n), 0o644)
	}
	// A folder where 乙.xlsx should go: its rename fails.
	os.MkdirAll(filepath.Join(dir, "乙.xlsx", "x"), 0o755)
	files := stagedFiles(stage)
	err = commitSet(stage, dir, files)
	if err == nil || !strings.Contains(err.Error(), "乙.xlsx") || !strings.Contains(err.Error(), incompleteName) {
		t.Fatalf("commit: %v", err)
	}
	marker, err := os.ReadFile(filepath.Join(dir, incompleteName))
	if err != nil || !strings.Contains(string(marker), "  - 乙.xlsx") || !strings.Contains(string(marker), "新旧混杂") {
		t.Fatalf("marker %q, %v", marker, err)
	}
	// The next run writes only 丙: 甲 (named by the marker) goes, and so
	// does the marker.
	os.RemoveAll(filepath.Join(dir, "乙.xlsx"))
	stage2, _ := newStaging(dir)
	os.WriteFile(filepath.Join(stage2, "丙.xlsx"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(stage2, "run.json"), []byte("{}"), 0o644)
	if err := commitSet(stage2, dir, stagedFiles(stage2)); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), stagingPrefix) {
			names = append(names, e.Name())
		}
	}
	if strings.Join(names, " ") != "run.json 丙.xlsx" {
		t.Errorf("folder after the next run: %q", names)
	}
}

// TestFileNameWarnings: a unit named as another file of the run (甲's
// 核对单, the summary) gets files of its own and a warning naming them; the
// others none.
func TestFileNameWarnings(t *testing.T) {
	order := []string{"甲", "甲-核对单", "汇总", "乙"}
	files := report.FileNames(order)
	seen := map[string]bool{}
	for _, n := range order {
		for _, f := range []string{files[n] + ".pdf", files[n] + "-核对单.pdf", files[n] + ".xlsx"} {
			if seen[f] || f == "汇总.xlsx" {
				t.Errorf("%s: file %s is another's", n, f)
			}
			seen[f] = true
		}
	}
	got := fileNameWarnings(order, files)
	if len(got) != 2 || !strings.Contains(got[0], "「甲-核对单」") || !strings.Contains(got[0], files["甲-核对单"]+".pdf") || !strings.Contains(got[1], "「汇总」") {
		t.Fatalf("warnings %q", got)
	}
}
