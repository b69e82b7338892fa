package report

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestFileName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"慈溪市", "慈溪市"},
		{"../etc/passwd", "_etc_passwd"},
		{"..", "_"},
		{"a/b\\c", "a_b_c"},
		{"x\x00y", "xy"},
		{"CON", "_CON"},
		{"nul.txt", "_nul.txt"},
		{"  ", "_"},
		{"株洲市:娄底市", "株洲市_娄底市"},
		{strings.Repeat("长", 300), strings.Repeat("长", 60) + "~" + nameHash(strings.Repeat("长", 300))},
		// Names of the run's other files (review of the staged writes).
		{"汇总", "汇总~" + nameHash("汇总")},
		{"甲-核对单", "甲-核对单~" + nameHash("甲-核对单")},
		{"甲-明细", "甲-明细~" + nameHash("甲-明细")},
		{"汇总组", "汇总组"},
		{"核对单", "核对单"},
	}
	for _, c := range cases {
		got := FileName(c.in)
		if got != c.want {
			t.Errorf("FileName(%q) = %q, want %q", c.in, got, c.want)
		}
		if filepath.Base(got) != got || strings.Contains(got, "..") && got != c.want {
			t.Errorf("FileName(%q) = %q escapes its folder", c.in, got)
		}
	}
}
