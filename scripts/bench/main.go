// Command bench measures a whole quarter: it builds djreport, generates a
// quarter of N synthetic units from single-city reports (each copy renamed
// to another real city or county of the gazetteer), runs `djreport run` on
// it and reads the CPU time it used (user+sys), its wall time and its peak
// memory. With -base it also builds djreport as it was at that commit (git
// archive into a temporary folder) and runs both on the same quarters in
// the same session, alternating, so the ratios hold on a busy machine where
// the absolute times do not. Run it from the repository root:
//
//	go run ./scripts/bench                       # 300 and 1000 units from samples/2024Q4
//	go run ./scripts/bench -base 9a15a41 -runs 3  # against that commit, best of 3
//	go run ./scripts/bench -from ../shared/seeds -units 300,600
//	go run ./scripts/bench -units 300 -keep /tmp/q   # then: perf record djreport run --sources /tmp/q/src-300 ...
package main

import (
	"archive/tar"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"djreport/extract"
	"djreport/source"
)

func main() {
	from := flag.String("from", "samples/2024Q4", "folder of source reports to copy")
	counts := flag.String("units", "300,1000", "unit counts to measure, comma-separated")
	workers := flag.Int("workers", 0, "djreport --workers (0: number of cores)")
	base := flag.String("base", "", "also measure djreport built from this commit, and report ratios")
	runs := flag.Int("runs", 1, "runs per binary and count; the least CPU time is kept")
	keep := flag.String("keep", "", "also leave each generated quarter in this folder (src-N), to profile a run with perf")
	flag.Parse()
	if err := run(*from, *counts, *base, *keep, *workers, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// template is a single-city report and the names to replace in it.
type template struct {
	path  string
	text  string
	names []string // full name first, then the short name
}

// measure is one `djreport run`.
type measure struct {
	cpu, wall, rss float64 // seconds, seconds, MB
	files          int
}

func run(from, counts, base, keep string, workers, runs int) error {
	var ns []int
	for _, c := range strings.Split(counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n <= 0 {
			return fmt.Errorf("bad unit count %q", c)
		}
		ns = append(ns, n)
	}
	tmp, err := os.MkdirTemp("", "djreport-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bins := []string{filepath.Join(tmp, "djreport")}
	names := []string{"current"}
	// Each binary runs in the tree it was built from, with that tree's
	// config.yaml: an older binary refuses keys added since.
	dirs := []string{"."}
	if err := build(".", bins[0]); err != nil {
		return err
	}
	if base != "" {
		dir := filepath.Join(tmp, "base-src")
		if err := checkout(base, dir); err != nil {
			return err
		}
		bin := filepath.Join(tmp, "djreport-base")
		if err := build(dir, bin); err != nil {
			return fmt.Errorf("base %s: %w", base, err)
		}
		// The baseline runs first in each round.
		bins, names, dirs = []string{bin, bins[0]}, []string{"base " + base, "current"}, []string{dir, "."}
	}
	tpls, err := templates(from)
	if err != nil {
		return err
	}
	fmt.Printf("cores: %d, templates: %d single-city reports from %s, best of %d run(s)\n", runtime.NumCPU(), len(tpls), from, runs)
	fmt.Printf("%-16s %6s %9s %9s %9s %12s %6s\n", "binary", "units", "CPU (s)", "wall (s)", "RSS (MB)", "CPU ms/unit", "files")
	best := map[string]map[int]measure{}
	for _, n := range ns {
		src := filepath.Join(tmp, fmt.Sprintf("src-%d", n))
		if err := generate(src, tpls, n); err != nil {
			return err
		}
		if keep != "" {
			if err := generate(filepath.Join(keep, fmt.Sprintf("src-%d", n)), tpls, n); err != nil {
				return err
			}
		}
		// Outputs stay until every run of this count is done: on a file
		// system without a journal (ext4 as some VMs mount it) creating a
		// file skips each inode freed in the last minutes, so removing one
		// run's 900 files made the next run pay for them, most for the
		// binaries that do not sync each file (perf: up to a fifth of the
		// run's CPU in find_inode_bit/recently_deleted).
		var outs []string
		for r := 0; r < runs; r++ {
			for i, bin := range bins {
				out := filepath.Join(tmp, fmt.Sprintf("out-%d-%d-%d", n, i, r))
				m, err := quarter(bin, dirs[i], src, out, workers)
				if err != nil {
					return fmt.Errorf("%s on %d units: %w", names[i], n, err)
				}
				outs = append(outs, out)
				if best[names[i]] == nil {
					best[names[i]] = map[int]measure{}
				}
				if b, ok := best[names[i]][n]; !ok || m.cpu < b.cpu {
					best[names[i]][n] = m
				}
			}
		}
		for _, out := range outs {
			os.RemoveAll(out)
		}
		for _, name := range names {
			m := best[name][n]
			fmt.Printf("%-16s %6d %9.2f %9.2f %9.1f %12.2f %6d\n", name, n, m.cpu, m.wall, m.rss, 1000*m.cpu/float64(n), m.files)
		}
	}
	// Linear in units: the CPU per unit of the largest quarter over the
	// smallest's.
	if len(ns) > 1 {
		lo, hi := slices.Min(ns), slices.Max(ns)
		for _, name := range names {
			a, b := best[name][lo], best[name][hi]
			fmt.Printf("%s: CPU per unit at %d units / at %d units = %.2f (1.00 is linear)\n", name, hi, lo, (b.cpu/float64(hi))/(a.cpu/float64(lo)))
		}
	}
	if base != "" {
		for _, n := range ns {
			b, c := best[names[0]][n], best[names[1]][n]
			fmt.Printf("%d units: base/current CPU %.2fx, wall %.2fx, peak RSS current/base %.2f\n", n, b.cpu/c.cpu, b.wall/c.wall, c.rss/b.rss)
		}
	}
	return nil
}

// build compiles ./cmd/djreport of the module in dir.
func build(dir, bin string) error {
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/djreport")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	return nil
}

// checkout writes the tree of commit into dir (git archive), leaving the
// repository and its worktrees as they are.
func checkout(commit, dir string) error {
	var out, errb bytes.Buffer
	cmd := exec.Command("git", "archive", "--format=tar", commit)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("git archive %s: %v: %s", commit, err, strings.TrimSpace(errb.String()))
	}
	tr := tar.NewReader(&out)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Join(dir, filepath.FromSlash(h.Name))
		if !strings.HasPrefix(name, filepath.Clean(dir)+string(filepath.Separator)) {
			continue // git archive writes no such path; stay inside dir anyway
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(name, 0o755)
		case tar.TypeReg:
			err = writeFrom(name, tr, h.FileInfo().Mode().Perm())
		}
		if err != nil {
			return err
		}
	}
}

func writeFrom(name string, r io.Reader, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// quarter runs `djreport run` once and measures it.
func quarter(bin, dir, src, out string, workers int) (measure, error) {
	args := []string{"run", "--sources", src, "--out", out, "--quiet"}
	if workers > 0 {
		args = append(args, "--workers", strconv.Itoa(workers))
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return measure{}, err
	}
	m := measure{wall: time.Since(start).Seconds()}
	ps := cmd.ProcessState
	m.cpu = (ps.UserTime() + ps.SystemTime()).Seconds()
	m.rss = float64(ps.SysUsage().(*syscall.Rusage).Maxrss) / 1024
	files, _ := os.ReadDir(out)
	m.files = len(files)
	return m, nil
}

// templates picks the reports that name exactly one unit, by its full or
// short name, often enough to be renamed.
func templates(dir string) ([]template, error) {
	files, err := source.Collect([]string{dir})
	if err != nil {
		return nil, err
	}
	x, err := extract.New(extract.Config{})
	if err != nil {
		return nil, err
	}
	places := extract.Gazetteer()
	var out []template
	for _, f := range files {
		doc, err := source.Read(f)
		if err != nil || doc.Traditional {
			continue
		}
		d := x.Document(doc)
		if len(d.Units) != 1 {
			continue
		}
		var b strings.Builder
		for _, l := range doc.Lines {
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
		text := b.String()
		names := []string{d.Units[0]}
		for _, div := range places.Lookup(d.Units[0]) {
			if div.Short != "" {
				names = append(names, div.Short)
				break
			}
		}
		if strings.Count(text, names[len(names)-1]) < 2 {
			continue // named only through its counties: renaming would not move it
		}
		out = append(out, template{path: f, text: text, names: names})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no single-city report in %s", dir)
	}
	return out, nil
}

// generate writes n reports, each a template renamed to another city.
func generate(dir string, tpls []template, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	used := map[string]bool{}
	for _, t := range tpls {
		used[t.names[0]] = true
	}
	// Cities first (the templates are city reports), then counties: there
	// are not a thousand cities.
	var targets []*extract.Division
	for _, suffix := range []string{"市", "县"} {
		for _, d := range extract.Gazetteer().All {
			if d.Level >= extract.LevelPrefecture && d.Short != "" && strings.HasSuffix(d.Name, suffix) && !used[d.Name] && !d.Former() {
				if present(extract.Gazetteer().Lookup(d.Short)) == 1 {
					targets = append(targets, d)
				}
			}
		}
	}
	if n > len(targets) {
		return fmt.Errorf("only %d distinct city names for %d units", len(targets), n)
	}
	for i := 0; i < n; i++ {
		t := tpls[i%len(tpls)]
		d := targets[i]
		text := strings.ReplaceAll(t.text, t.names[0], d.Name)
		if len(t.names) > 1 {
			text = strings.ReplaceAll(text, t.names[1], d.Short)
		}
		name := filepath.Join(dir, fmt.Sprintf("%04d-%s.txt", i, d.Short))
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// present counts the divisions that exist today: a former name sharing a
// short form (临安市 beside 临安区) does not make a name ambiguous.
func present(ds []*extract.Division) int {
	n := 0
	for _, d := range ds {
		if !d.Former() {
			n++
		}
	}
	return n
}
