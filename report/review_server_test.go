package report

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"djreport/extract"
	"djreport/mapping"
	"djreport/source"
)

// reviewFixture serves the review page of one real sample report.
type reviewFixture struct {
	s    *ReviewServer
	ts   *httptest.Server
	file string
	src  string
	figs []extract.Figure
}

func newReviewFixture(t *testing.T) *reviewFixture {
	t.Helper()
	src := filepath.Join("..", "samples", "2024Q4", "pingliang.txt")
	doc, err := source.Read(src)
	if err != nil {
		t.Fatal(err)
	}
	x, err := extract.New(extract.Config{})
	if err != nil {
		t.Fatal(err)
	}
	figs := x.Document(doc).Figures
	set, err := mapping.LoadFiles([]mapping.File{{Name: mapping.StandardName, Data: mapping.Standard}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	d := ReviewData{Period: "2024Q4", File: filepath.Join(dir, "review", "2024Q4.yaml"), Base: dir, Set: set,
		Sources: map[string][]string{"平凉市": {src}}, Doubts: map[string]*extract.Doubt{},
		Now: func() time.Time { return time.Date(2025, 1, 6, 10, 20, 0, 0, time.FixedZone("", 8*3600)) }}
	d.Input.Order = []string{"平凉市"}
	d.Input.Figures = map[string][]extract.Figure{"平凉市": figs}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewReviewServer(d, ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(s.Handler())
	ts.Listener.Close()
	ts.Listener = ln
	ts.Start()
	t.Cleanup(ts.Close)
	return &reviewFixture{s: s, ts: ts, file: d.File, src: src, figs: figs}
}

// do sends one request; with auth it carries the token's cookie, and for
// a write the token header too.
func (f *reviewFixture) do(t *testing.T, method, path, body string, auth bool, edit func(*http.Request)) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, f.ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth {
		req.AddCookie(&http.Cookie{Name: reviewCookie, Value: f.s.Token()})
		if method == http.MethodPost {
			req.Header.Set("X-Review-Token", f.s.Token())
			req.Header.Set("Origin", f.ts.URL)
		}
	}
	if edit != nil {
		edit(req)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestReviewServerGuards(t *testing.T) {
	f := newReviewFixture(t)
	unitPath := "/unit/" + url.PathEscape("平凉市")
	accept := fmt.Sprintf(`{"unit":"平凉市","figure":%q,"action":"accept","by":"李明"}`, f.figs[0].ID)
	tests := []struct {
		name         string
		method, path string
		body         string
		auth         bool
		edit         func(*http.Request)
		want         int
	}{
		{"the page with the cookie", "GET", unitPath, "", true, nil, 200},
		{"no cookie", "GET", unitPath, "", false, nil, 403},
		{"a wrong cookie", "GET", unitPath, "", false, func(r *http.Request) { r.AddCookie(&http.Cookie{Name: reviewCookie, Value: "x"}) }, 403},
		{"the token in the address sets the cookie", "GET", "/?token=" + f.s.Token(), "", false, nil, 303},
		{"a wrong token in the address", "GET", "/?token=abc", "", false, nil, 403},
		{"DNS rebinding: another Host", "GET", unitPath, "", true, func(r *http.Request) { r.Host = "evil.example:" + f.ts.URL[strings.LastIndex(f.ts.URL, ":")+1:] }, 403},
		{"localhost is not the printed address", "GET", unitPath, "", true, func(r *http.Request) { r.Host = strings.Replace(r.Host, "127.0.0.1", "localhost", 1) }, 403},
		{"another page's Origin", "POST", "/api/decision", accept, true, func(r *http.Request) { r.Header.Set("Origin", "http://evil.example") }, 403},
		{"a cross-site fetch", "POST", "/api/decision", accept, true, func(r *http.Request) { r.Header.Set("Sec-Fetch-Site", "cross-site") }, 403},
		{"a write without the token header", "POST", "/api/decision", accept, true, func(r *http.Request) { r.Header.Del("X-Review-Token") }, 403},
		{"a write with a wrong token header", "POST", "/api/decision", accept, true, func(r *http.Request) { r.Header.Set("X-Review-Token", "0000") }, 403},
		{"a file outside the sources", "GET", "/api/doc?path=" + url.QueryEscape("/etc/passwd"), "", true, nil, 404},
		{"a path that climbs out", "GET", "/api/doc?path=" + url.QueryEscape(f.src+"/../../../../etc/passwd"), "", true, nil, 404},
		{"the review file itself", "GET", "/api/doc?path=" + url.QueryEscape(f.file), "", true, nil, 404},
		{"a source of the period", "GET", "/api/doc?path=" + url.QueryEscape(f.src), "", true, nil, 200},
		{"an unknown unit", "GET", "/unit/" + url.PathEscape("兰州市"), "", true, nil, 404},
		{"a write with everything", "POST", "/api/decision", accept, true, nil, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := f.do(t, tt.method, tt.path, tt.body, tt.auth, tt.edit)
			if code != tt.want {
				t.Errorf("%s %s: %d %s; want %d", tt.method, tt.path, code, body, tt.want)
			}
		})
	}
	// Only the last write landed.
	r, err := mapping.LoadReview(f.file, "2024Q4")
	if err != nil || len(r.Decisions) != 1 || r.Decisions[0].By != "李明" {
		t.Errorf("review file: %+v, %v", r, err)
	}
}

func TestReviewServerSaves(t *testing.T) {
	f := newReviewFixture(t)
	post := func(body string) (int, string) { return f.do(t, "POST", "/api/decision", body, true, nil) }
	// Bad input: a Chinese message, nothing written.
	for body, want := range map[string]string{
		`{"unit":"平凉市","indicator":"grids","action":"correct","by":"李明"}`:                                       "请填写数值",
		`{"unit":"平凉市","indicator":"grid","action":"accept","by":"李明"}`:                                         "没有这个指标",
		`{"unit":"兰州市","indicator":"grids","action":"accept","by":"李明"}`:                                        "没有这个单位",
		`{"unit":"平凉市","indicator":"grids","action":"accept"}`:                                                  "请先填写审核人姓名",
		`{"unit":"平凉市","action":"add","value":3,"src":4,"line":2,"by":"李明"}`:                                    "补录的数据须来自本单位的报告",
		`{"unit":"平凉市","indicator":"grids","action":"move","to_section":"强治里","by":"李明"}`:                       "没有这个板块",
		`{"unit":"平凉市","figure":"x","action":"accept","by":"李明"}`:                                               "报告中没有这项数据",
		`{"unit":"平凉市","indicator":"grids","action":"correct","value":"两千","by":"李明"}`:                          "请求格式不对",
		`{"unit":"平凉市","indicator":"grids","action":"add","value":3,"measure":"名","src":0,"line":37,"by":"李明"}`: "指标 grids（治理网格）的量词是「个」",
	} {
		code, got := post(body)
		if code != 400 || !strings.Contains(got, want) {
			t.Errorf("%s: %d %s; want 400 %q", body, code, got, want)
		}
	}
	if _, err := os.Stat(f.file); err == nil {
		t.Error("a refused decision was written")
	}

	// Two tabs save different decisions at once: both land.
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			code, body := post(fmt.Sprintf(`{"unit":"平凉市","figure":%q,"action":"reject","by":"李明"}`, f.figs[i].ID))
			if code != 200 {
				t.Errorf("save %d: %d %s", i, code, body)
			}
		}()
	}
	wg.Wait()
	r, err := mapping.LoadReview(f.file, "2024Q4")
	if err != nil || len(r.Decisions) != 10 {
		t.Fatalf("%d decisions landed (%v), want 10", len(r.Decisions), err)
	}

	// Two tabs change the same decision: the second, which saw the old
	// one, is told and does not overwrite.
	key := r.Decisions[0]
	prev := key.At.Format(time.RFC3339Nano)
	code, body := post(fmt.Sprintf(`{"unit":"平凉市","figure":%q,"action":"accept","by":"王芳","prev":%q}`, key.Figure, prev))
	if code != 200 {
		t.Fatalf("first change: %d %s", code, body)
	}
	f.s.d.Now = func() time.Time { return time.Date(2025, 1, 6, 10, 21, 0, 0, time.FixedZone("", 8*3600)) }
	code, body = post(fmt.Sprintf(`{"unit":"平凉市","figure":%q,"action":"correct","value":5,"by":"李明","prev":""}`, key.Figure))
	if code != 409 || !strings.Contains(body, "王芳") {
		t.Errorf("stale change: %d %s; want 409 naming 王芳", code, body)
	}
	r, _ = mapping.LoadReview(f.file, "2024Q4")
	if d := r.Find(key.Key()); d == nil || d.Action != "accept" || d.By != "王芳" {
		t.Errorf("after the conflict: %+v", d)
	}

	// An added figure is saved with its source relative to the base.
	code, body = post(`{"unit":"平凉市","action":"add","indicator":"volunteers","value":2800,"measure":"名","src":0,"line":37,"quote":"优化调整网格2797个","by":"李明"}`)
	if code != 200 {
		t.Fatalf("add: %d %s", code, body)
	}
	data, _ := os.ReadFile(f.file)
	if !strings.Contains(string(data), "source: ") || !strings.Contains(string(data), "quote: 优化调整网格2797个") {
		t.Errorf("review file:\n%s", data)
	}

	// The page's state shows the decisions and the progress.
	code, body = f.do(t, "GET", "/api/unit/"+url.PathEscape("平凉市"), "", true, nil)
	var st unitState
	if err := json.Unmarshal([]byte(body), &st); code != 200 || err != nil {
		t.Fatalf("%d %v %s", code, err, body)
	}
	if st.Done < 11 || st.Total != len(f.figs)+1 {
		t.Errorf("progress %d/%d, figures %d", st.Done, st.Total, len(f.figs))
	}
	rejected := 0
	for _, fg := range st.Figures {
		if fg.Rejected {
			rejected++
		}
	}
	if rejected != 9 {
		t.Errorf("%d figures shown rejected, want 9", rejected)
	}
}

func TestDocLines(t *testing.T) {
	doc := &source.Document{Lines: []source.Line{{No: 3, Text: "前言。优化调整网格2797个，建立工作法。"}}}
	figs := []extract.Figure{{ID: "f1", Line: 3, Span: [2]int{9, 14}, Sentence: "优化调整网格2797个，建立工作法。", InSentence: 6, Text: "2797个"}}
	lines := docLines(doc, figs)
	var got []string
	for _, s := range lines[0].Segs {
		got = append(got, fmt.Sprintf("%s|%v|%v", s.Text, s.Figs, s.Sent))
	}
	want := "前言。|[]|[] 优化调整网格|[]|[f1] 2797个|[f1]|[f1] ，建立工作法。|[]|[f1]"
	if strings.Join(got, " ") != want {
		t.Errorf("segments\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
}

// TestReviewServerAtLocal: a saved decision's at is local time to the
// second with its offset, as people write it, not UTC nanoseconds.
func TestReviewServerAtLocal(t *testing.T) {
	local := time.Local
	time.Local = time.FixedZone("CST", 8*3600)
	t.Cleanup(func() { time.Local = local })
	f := newReviewFixture(t)
	f.s.d.Now = func() time.Time { return time.Date(2026, 12, 1, 13, 5, 36, 809677669, time.UTC) }
	code, body := f.do(t, "POST", "/api/decision", `{"unit":"平凉市","indicator":"grids","action":"accept","by":"李明"}`, true, nil)
	if code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	data, err := os.ReadFile(f.file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "at: 2026-12-01T21:05:36+08:00\n") {
		t.Errorf("review file:\n%s", data)
	}
	// The page sees the at it saved, and a change over it is no conflict.
	code, body = f.do(t, "POST", "/api/decision", `{"unit":"平凉市","indicator":"grids","action":"reject","by":"李明","prev":"2026-12-01T21:05:36+08:00"}`, true, nil)
	if code != 200 {
		t.Errorf("change: %d %s", code, body)
	}
}

// TestReviewServerRejectAndMove: an indicator rejected and a figure moved
// into it: the page shows the moved figure in use (with its move) and the
// tool's value struck out with the reject, to undo.
func TestReviewServerRejectAndMove(t *testing.T) {
	f := newReviewFixture(t)
	bound, unbound := f.s.d.Set.Bind("平凉市", f.figs)
	var tool mapping.Binding
	for _, b := range bound {
		if b.ID == "grids" {
			tool = b
		}
	}
	loose := unbound[0]
	for _, body := range []string{
		`{"unit":"平凉市","indicator":"grids","action":"reject","by":"李明"}`,
		fmt.Sprintf(`{"unit":"平凉市","figure":%q,"action":"move","to_indicator":"grids","by":"李明"}`, loose.ID),
	} {
		if code, got := f.do(t, "POST", "/api/decision", body, true, nil); code != 200 {
			t.Fatalf("%s: %d %s", body, code, got)
		}
	}
	code, body := f.do(t, "GET", "/api/unit/"+url.PathEscape("平凉市"), "", true, nil)
	var st unitState
	if err := json.Unmarshal([]byte(body), &st); code != 200 || err != nil {
		t.Fatalf("%d %v %s", code, err, body)
	}
	var live, struck []unitBinding
	for _, b := range st.Bound {
		if b.ID == "grids" && b.Rejected {
			struck = append(struck, b)
		} else if b.ID == "grids" {
			live = append(live, b)
		}
	}
	if len(live) != 1 || live[0].Figures[0] != loose.ID || live[0].Decision != nil || live[0].Via == nil || live[0].Via.Action != "move" {
		t.Errorf("in use: %+v", live)
	}
	if len(struck) != 1 || struck[0].Figures[0] != tool.Figures[0] || struck[0].Decision == nil || struck[0].Decision.Action != "reject" {
		t.Errorf("struck out: %+v", struck)
	}
}

// TestReviewServerHandEditRefused: a hand-edited decision a run refuses
// (a measure the indicator does not take) is shown as the file's error.
func TestReviewServerHandEditRefused(t *testing.T) {
	f := newReviewFixture(t)
	if err := os.MkdirAll(filepath.Dir(f.file), 0o755); err != nil {
		t.Fatal(err)
	}
	text := "period: 2024Q4\ndecisions:\n  - unit: 平凉市\n    indicator: grids\n    action: correct\n    value: 3\n    measure: 名\n"
	if err := os.WriteFile(f.file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, body := f.do(t, "GET", "/api/unit/"+url.PathEscape("平凉市"), "", true, nil)
	var st unitState
	if err := json.Unmarshal([]byte(body), &st); err != nil || !strings.Contains(st.Error, f.file+":3: 指标 grids") {
		t.Errorf("error %q (%v)", st.Error, err)
	}
}
