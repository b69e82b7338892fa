// Command bench measures a whole quarter: it builds djreport, generates a
// quarter of N synthetic units from single-city reports (each copy renamed
// to another real city of the gazetteer), times `djreport run` on it and
// reads its peak memory. Run it from the repository root:
//
//	go run ./scripts/bench                      # 300 and 600 units from samples/2024Q4
//	go run ./scripts/bench -from ../shared/seeds -units 300,600
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"djreport/extract"
	"djreport/source"
)

func main() {
	from := flag.String("from", "samples/2024Q4", "folder of source reports to copy")
	counts := flag.String("units", "300,600", "unit counts to measure, comma-separated")
	workers := flag.Int("workers", 0, "djreport --workers (0: number of cores)")
	flag.Parse()
	if err := run(*from, *counts, *workers); err != nil {
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

func run(from, counts string, workers int) error {
	tmp, err := os.MkdirTemp("", "djreport-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "djreport")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/djreport").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	tpls, err := templates(from)
	if err != nil {
		return err
	}
	fmt.Printf("cores: %d, templates: %d single-city reports from %s\n", runtime.NumCPU(), len(tpls), from)
	fmt.Printf("%8s %10s %12s %10s %8s\n", "units", "wall (s)", "peak RSS MB", "files out", "s/unit")
	for _, c := range strings.Split(counts, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || n <= 0 {
			return fmt.Errorf("bad unit count %q", c)
		}
		src := filepath.Join(tmp, fmt.Sprintf("src-%d", n))
		if err := generate(src, tpls, n); err != nil {
			return err
		}
		out := filepath.Join(tmp, fmt.Sprintf("out-%d", n))
		args := []string{"run", "--sources", src, "--out", out, "--quiet"}
		if workers > 0 {
			args = append(args, "--workers", strconv.Itoa(workers))
		}
		cmd := exec.Command(bin, args...)
		cmd.Stderr = os.Stderr
		start := time.Now()
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("djreport run on %d units: %v", n, err)
		}
		wall := time.Since(start).Seconds()
		rss := float64(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss) / 1024
		files, _ := os.ReadDir(out)
		fmt.Printf("%8d %10.2f %12.1f %10d %8.4f\n", n, wall, rss, len(files), wall/float64(n))
	}
	return nil
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
	var targets []*extract.Division
	for _, d := range extract.Gazetteer().All {
		if d.Level >= extract.LevelPrefecture && d.Short != "" && strings.HasSuffix(d.Name, "市") && !used[d.Name] {
			if present(extract.Gazetteer().Lookup(d.Short)) == 1 {
				targets = append(targets, d)
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
