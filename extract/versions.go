package extract

import (
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
)

// Version is one extracted source, as the version check sees it.
type Version struct {
	Path string
	// Text identifies the content: two sources with equal Text are copies
	// (the same report saved twice, as .txt and .html, GBK and UTF-8).
	Text    string
	ModTime time.Time
	Doc     *Document
}

// Superseded is a source left out of a run because another one is the same
// report: an identical copy, or an older version (…（修改稿）, v2, a later
// copy with mostly the same figures).
type Superseded struct {
	Path string `json:"path"`
	By   string `json:"by"`
	// Kind is 相同副本 or 旧版本.
	Kind string `json:"kind"`
	// Changed lists, for an older version, the figures whose values differ
	// from the version used ("党员 名：1810 → 1811"), and those in only one.
	Changed []string `json:"changed,omitempty"`
}

// versionMarks are the ways offices mark drafts and versions in file names,
// ranked: a final version beats a revision, a revision beats a draft.
var versionMarks = []struct {
	re   *regexp.Regexp
	rank int
}{
	{regexp.MustCompile(`(终稿|定稿|最终版|最终稿|正式稿|正式版|final)`), 30},
	{regexp.MustCompile(`(修改稿|修订稿|修订版|修改版|二稿|三稿|送审稿|报送稿|更正版?|更新版?)`), 20},
	{regexp.MustCompile(`(?i)(^|[^a-z])v(\d+)$`), 10},
	{regexp.MustCompile(`(初稿|草稿|征求意见稿|讨论稿|一稿)`), 5},
	{regexp.MustCompile(`(副本|copy)`), 1},
}

var (
	markStrip  = regexp.MustCompile(`(?i)[（(\[【]?(终稿|定稿|最终版|最终稿|正式稿|正式版|final|修改稿|修订稿|修订版|修改版|二稿|三稿|送审稿|报送稿|更正版?|更新版?|初稿|草稿|征求意见稿|讨论稿|一稿|副本|copy|v\d+|\d{1,2})[）)\]】]?$`)
	sepStrip   = regexp.MustCompile(`[-_ 　.·]+$`)
	variantEnc = regexp.MustCompile(`(?i)-(gbk|gb18030|utf16|utf-16|big5|bom)$`)
)

// versionStem is a file name without extension, encoding suffix and version
// marks: 平凉市三季度总结（修改稿）.docx and 平凉市三季度总结.txt share one.
func versionStem(path string) string {
	s := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	s = variantEnc.ReplaceAllString(s, "")
	for {
		t := sepStrip.ReplaceAllString(markStrip.ReplaceAllString(s, ""), "")
		if t == s || t == "" {
			return s
		}
		s = t
	}
}

func versionRank(path string) int {
	s := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	best := 0
	for _, m := range versionMarks {
		if sub := m.re.FindStringSubmatch(s); sub != nil {
			r := m.rank
			if m.rank == 10 && len(sub) > 2 {
				var n int
				fmt.Sscan(sub[2], &n)
				r += min(n, 9)
			}
			best = max(best, r)
		}
	}
	return best
}

// Supersede finds the sources that are copies or older versions of another,
// and says which one is used: of copies the first; of versions the one
// marked final, else the highest revision, else the newest file.
func Supersede(vs []Version) []Superseded {
	var out []Superseded
	dropped := make([]bool, len(vs))
	// Identical copies.
	first := map[string]int{}
	for i, v := range vs {
		if v.Text == "" {
			continue
		}
		if j, ok := first[v.Text]; ok {
			dropped[i] = true
			out = append(out, Superseded{Path: v.Path, By: vs[j].Path, Kind: "相同副本"})
			continue
		}
		first[v.Text] = i
	}
	// Versions: the same units and either the same stem or mostly the same
	// figures.
	var groups [][]int
	inGroup := make([]bool, len(vs))
	for i := range vs {
		if dropped[i] || inGroup[i] || vs[i].Doc == nil {
			continue
		}
		g := []int{i}
		for j := i + 1; j < len(vs); j++ {
			if dropped[j] || inGroup[j] || vs[j].Doc == nil {
				continue
			}
			if sameReport(vs[i], vs[j]) {
				g = append(g, j)
				inGroup[j] = true
			}
		}
		if len(g) > 1 {
			groups = append(groups, g)
		}
	}
	for _, g := range groups {
		sort.SliceStable(g, func(a, b int) bool {
			va, vb := vs[g[a]], vs[g[b]]
			if ra, rb := versionRank(va.Path), versionRank(vb.Path); ra != rb {
				return ra > rb
			}
			if !va.ModTime.Equal(vb.ModTime) {
				return va.ModTime.After(vb.ModTime)
			}
			return va.Path > vb.Path
		})
		kept := vs[g[0]]
		for _, i := range g[1:] {
			s := Superseded{Path: vs[i].Path, By: kept.Path, Kind: "旧版本", Changed: changedFigures(vs[i].Doc, kept.Doc)}
			if len(s.Changed) == 0 && maps.Equal(figureKeys(vs[i].Doc), figureKeys(kept.Doc)) {
				s.Kind = "相同副本" // the same report in another format or encoding
			}
			out = append(out, s)
		}
	}
	// A copy of a source that is itself superseded points at the one used.
	by := map[string]string{}
	for _, s := range out {
		by[s.Path] = s.By
	}
	for i := range out {
		for n := 0; n < len(out); n++ {
			next, ok := by[out[i].By]
			if !ok {
				break
			}
			out[i].By = next
		}
	}
	return out
}

// sameReport: two sources on the same units, with one stem or with at least
// 60% of their figures in common.
func sameReport(a, b Version) bool {
	if !slices.Equal(sortedCopy(a.Doc.Units), sortedCopy(b.Doc.Units)) || slices.Contains(a.Doc.Units, Unknown) {
		return false
	}
	if versionStem(a.Path) == versionStem(b.Path) {
		return true
	}
	ka, kb := figureKeys(a.Doc), figureKeys(b.Doc)
	if len(ka) < 5 || len(kb) < 5 {
		return false
	}
	common := 0
	for k := range ka {
		if kb[k] {
			common++
		}
	}
	return float64(common) >= 0.6*float64(max(len(ka), len(kb)))
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

func figureKeys(d *Document) map[string]bool {
	k := map[string]bool{}
	for _, f := range d.Figures {
		k[fmt.Sprintf("%s|%g|%s", f.Unit, f.Value, f.Measure)] = true
	}
	return k
}

// changedFigures compares an older version with the one used: figures on
// the same subject and measure with another value, then figures only in one.
func changedFigures(old, cur *Document) []string {
	key := func(f Figure) string { return f.Unit + "|" + f.Subject + "|" + f.Measure }
	vals := func(d *Document) map[string][]Figure {
		m := map[string][]Figure{}
		for _, f := range d.Figures {
			m[key(f)] = append(m[key(f)], f)
		}
		return m
	}
	ov, cv := vals(old), vals(cur)
	var out []string
	keys := make([]string, 0, len(ov))
	for k := range ov {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		of, cf := ov[k], cv[k]
		for i := 0; i < max(len(of), len(cf)); i++ {
			switch {
			case i >= len(cf):
				out = append(out, fmt.Sprintf("仅旧版有：%s（第%d行）", of[i].Text, of[i].Line))
			case i >= len(of):
			case of[i].Value != cf[i].Value:
				out = append(out, fmt.Sprintf("%s：%s → %s（第%d行）", describeFigure(cf[i]), of[i].Text, cf[i].Text, cf[i].Line))
			}
		}
	}
	for k, cf := range cv {
		for i := len(ov[k]); i < len(cf); i++ {
			out = append(out, fmt.Sprintf("仅新版有：%s（第%d行）", cf[i].Text, cf[i].Line))
		}
	}
	sort.Strings(out[len(out)-countNew(out):])
	return out
}

func countNew(out []string) int {
	n := 0
	for _, s := range out {
		if strings.HasPrefix(s, "仅新版有") {
			n++
		}
	}
	return n
}

func describeFigure(f Figure) string {
	if f.Subject != "" {
		return f.Unit + " " + f.Subject
	}
	return f.Unit
}
