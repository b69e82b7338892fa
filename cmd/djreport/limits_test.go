package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run.json lists what a person can review: at most maxListed figures of
// each list per source or unit, and how many more there are (issue 14,
// item 1: a 190 MB document.xml once wrote a 1.49 GB run.json).
func TestRunJSONListsAreCapped(t *testing.T) {
	src := t.TempDir()
	var placed, unplaced strings.Builder
	placed.WriteString("临朐县2025年第三季度党建工作总结\n")
	unplaced.WriteString("工作简讯\n")
	for i := range 3 * maxListed {
		// Figures no indicator takes: unbound in the unit, unplaced in the note.
		fmt.Fprintf(&placed, "临朐县第%d批发放宣传册%d份。\n", i+1, 100+i)
		fmt.Fprintf(&unplaced, "第%d批发放宣传册%d份。\n", i+1, 100+i)
	}
	for name, s := range map[string]string{"临朐县三季度工作总结.txt": placed.String(), "工作简讯.txt": unplaced.String()} {
		if err := os.WriteFile(filepath.Join(src, name), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := t.TempDir()
	if code, _, errs := runCLI(t, "run", "--sources", src, "--out", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	b, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rep runReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Unplaced) != maxListed || rep.UnplacedMore < maxListed {
		t.Errorf("unplaced: %d listed, %d more; want %d listed and the rest counted", len(rep.Unplaced), rep.UnplacedMore, maxListed)
	}
	if len(rep.Units) != 1 {
		t.Fatalf("units %+v", rep.Units)
	}
	u := rep.Units[0]
	if len(u.Unbound) != maxListed || u.UnboundMore < maxListed {
		t.Errorf("unbound: %d listed, %d more; want %d listed and the rest counted", len(u.Unbound), u.UnboundMore, maxListed)
	}
}

// A source with more figures than any report is refused by name: its
// figures would stay in memory for the whole run.
func TestTooManyFigures(t *testing.T) {
	src := t.TempDir()
	var b strings.Builder
	b.WriteString("临朐县工作总结\n")
	for i := 0; i < maxFigures/3; i++ {
		fmt.Fprintf(&b, "临朐县第%d批发展党员%d名，培训书记%d期、%d人次，建成站点%d个。\n", i+1, 100+i, 3+i, 200+i, 5+i)
	}
	p := filepath.Join(src, "临朐县数据.txt")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	code, _, errs := runCLI(t, "run", "--sources", src, "--out", out)
	if code == 0 || !strings.Contains(errs, p) || !strings.Contains(errs, "数据过多") {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
}
