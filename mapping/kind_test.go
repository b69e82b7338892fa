package mapping

import (
	"errors"
	"strings"
	"testing"
)

// TestStandardKinds: every standard indicator declares a known kind, rates
// are rates and the average is an average, so the summary never adds them.
func TestStandardKinds(t *testing.T) {
	s, err := Load([]string{"standard.yaml"}, "")
	if err != nil {
		t.Fatal(err)
	}
	keys := 0
	for _, ind := range s.Indicators {
		if !knownKind(ind.Kind) {
			t.Errorf("%s: kind %q", ind.ID, ind.Kind)
		}
		if (ind.Measure == "%") != (ind.Kind == KindRate) {
			t.Errorf("%s: measure %s, kind %s", ind.ID, ind.Measure, ind.Kind)
		}
		if ind.Key {
			keys++
		}
	}
	for id, kind := range map[string]string{"collective_income_avg": KindAverage, "investment_completed": KindCumulative, "members_recruited": KindCount} {
		if ind, _ := s.ByID(id); ind.Kind != kind {
			t.Errorf("%s kind %q, want %s", id, ind.Kind, kind)
		}
	}
	if keys == 0 {
		t.Error("no key indicator")
	}
}

func TestKindField(t *testing.T) {
	tests := []struct {
		name, extra string
		kind        string
		key         bool
		err         string
	}{
		{"count", "    kind: count\n", KindCount, false, ""},
		{"key", "    kind: average\n    key: true\n", KindAverage, true, ""},
		{"none", "", "", false, ""},
		{"unknown kind", "    kind: total\n", "", false, "m.yaml:9: 指标 a 的 kind「total」未知，应为 count、cumulative、average、rate、standard 之一"},
		{"bad key", "    key: maybe\n", "", false, "m.yaml:9: 指标 a 的 key「maybe」应为 true 或 false"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFile(t, dir, "m.yaml", "indicators:\n"+okEntry+tt.extra)
			t.Chdir(dir)
			s, err := Load([]string{"m.yaml"}, "")
			if tt.err != "" {
				var ps *Problems
				if !errors.As(err, &ps) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ind := s.Indicators[0]
			if ind.Kind != tt.kind || ind.Key != tt.key || ind.Summable() != (tt.kind == KindCount) {
				t.Errorf("kind %q key %v summable %v", ind.Kind, ind.Key, ind.Summable())
			}
		})
	}
}

// TestKindOverride: config.yaml's mappings may change an indicator's kind.
func TestKindOverride(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "m.yaml", "indicators:\n"+okEntry+"    kind: count\n")
	cfg := writeFile(t, dir, "config.yaml", "mappings:\n  - id: a\n    kind: standard\n    key: true\n")
	t.Chdir(dir)
	s, err := Load([]string{"m.yaml"}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if ind := s.Indicators[0]; ind.Kind != KindStandard || !ind.Key || ind.Summable() {
		t.Errorf("%+v", ind)
	}
}

func TestCumulativeWord(t *testing.T) {
	for _, tc := range []struct{ sentence, text, want string }{
		{"今年以来，全市发展党员1810名。", "1810名", "今年以来"},
		{"今年以來，全市發展黨員1810名。", "1810名", "今年以來"},
		{"累计完成投资12.5亿元。", "12.5亿元", "累计"},
		{"招聘社区工作者260名，累计达到1582名。", "1582名", "累计"},
		// 累计 belongs to another clause than the figure.
		{"招聘社区工作者260名，累计达到1582名。", "260名", ""},
		{"培育100余家共富工坊，村级经营性收入因此累计增加1.2亿元。", "100余家", ""},
		{"三季度发展党员320名。", "320名", ""},
		{"累计发展党员320名。", "", "累计"},
	} {
		if got := CumulativeWord(tc.sentence, tc.text); got != tc.want {
			t.Errorf("%s / %s: %q, want %q", tc.sentence, tc.text, got, tc.want)
		}
	}
}
