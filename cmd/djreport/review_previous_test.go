package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"djreport/mapping"
	"djreport/report"
)

// TestReviewPagePreviousChecks: the review page lists the checks against
// last quarter's run.json that the run lists, for the decisions as they
// stand: a 十倍 jump, and an indicator the reviewer rejected as 不采用.
func TestReviewPagePreviousChecks(t *testing.T) {
	dir, c := reviewProject(t)
	prev := filepath.Join(dir, "out", "2024Q3", "run.json")
	if err := os.MkdirAll(filepath.Dir(prev), 0o755); err != nil {
		t.Fatal(err)
	}
	text := `{"period": "2024Q3", "units": [{"name": "平凉市", "indicators": [
		{"id": "grids", "value": 279, "measure": "个", "text": "279個"},
		{"id": "members_recruited", "value": 1700, "measure": "名", "text": "1700名"}], "empty_indicators": []}]}`
	if err := os.WriteFile(prev, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "review"), 0o755); err != nil {
		t.Fatal(err)
	}
	decisions := "period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicator: members_recruited\n    action: reject\n    by: 李明\n"
	if err := os.WriteFile(filepath.Join(dir, "review", "2024Q4.yaml"), []byte(decisions), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := reviewData(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	const addr = "127.0.0.1:9"
	s, err := report.NewReviewServer(*d, addr)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest("GET", "/api/unit/"+url.PathEscape("平凉市"), nil)
	req.Host = addr
	req.AddCookie(&http.Cookie{Name: "djreport_review", Value: s.Token()})
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	var st struct {
		Checks []mapping.Check `json:"checks"`
		Error  string          `json:"error"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &st); err != nil || st.Error != "" {
		t.Fatalf("%v %s", err, rec.Body)
	}
	got := map[string]string{}
	for _, ch := range st.Checks {
		if strings.HasPrefix(ch.Kind, "vs_previous") {
			got[ch.Indicator] = ch.Kind + " " + ch.Message
		}
	}
	if g := got["grids"]; !strings.HasPrefix(g, "vs_previous_jump ") || !strings.Contains(g, "本期 2797个，上期 279个") {
		t.Errorf("grids check %q (all %+v)", g, st.Checks)
	}
	if g := got["members_recruited"]; !strings.HasPrefix(g, "vs_previous_gone ") || !strings.Contains(g, "不采用") {
		t.Errorf("members_recruited check %q", g)
	}
}
