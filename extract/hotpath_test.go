package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hotpathLines are the lines of the real reports beside the repository.
func hotpathLines(t *testing.T) []string {
	t.Helper()
	var lines []string
	for _, dir := range []string{
		filepath.Join("testdata", "corpus", "dev", "docs"),
		filepath.Join("..", "samples"),
		filepath.Join("..", "..", "shared", "seeds"),
		filepath.Join("..", "..", "shared", "dev", "docs"),
	} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") || strings.Contains(path, "gbk") {
				return nil
			}
			data, err := os.ReadFile(path)
			if err == nil {
				lines = append(lines, strings.Split(string(data), "\n")...)
			}
			return nil
		})
	}
	if len(lines) < 1000 {
		t.Skipf("only %d lines of reports found", len(lines))
	}
	return lines
}

// countClauseOpenersRunes is countClauseOpeners as it was, on a []rune.
func countClauseOpenersRunes(text string, words []string) int {
	rs := []rune(text)
	n := 0
	for i := 0; i < len(rs); i++ {
		if i > 0 && !isClauseBreak(rs[i-1]) && rs[i-1] != '　' && rs[i-1] != ' ' {
			continue
		}
		rest := string(rs[i:min(len(rs), i+4)])
		for _, l := range leadIns {
			if strings.HasPrefix(string(rs[i:]), l) {
				i += len([]rune(l)) - 1
				rest = ""
				break
			}
		}
		if hasAnyPrefix(rest, words) {
			n++
		}
	}
	return n
}

// TestCountClauseOpenersUnchanged: walking bytes counts what walking runes
// counted, on every line of the reports and on lines made to hit the
// lead-ins and scope words.
func TestCountClauseOpenersUnchanged(t *testing.T) {
	lines := append(hotpathLines(t),
		"", "全省", "今年以来，全省共有", "各地注重，我省 全区", "近年来，近来，全自治区共", "获评全省示范乡镇。全省",
		"以来，", "截至目前，全省", "　全省", "年以来，各地\xff全省")
	words := [][]string{provinceScopeWords(nil), provinceScopeWords(&Division{Name: "西藏自治区"})}
	hits := 0
	for _, l := range lines {
		for _, ws := range words {
			got, want := countClauseOpeners(l, ws), countClauseOpenersRunes(l, ws)
			if got != want {
				t.Fatalf("%q %v: %d, want %d", l, ws, got, want)
			}
			hits += got
		}
	}
	if hits < 50 {
		t.Fatalf("only %d clause openers in %d lines", hits, len(lines))
	}
}
