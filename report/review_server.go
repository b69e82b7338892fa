package report

import (
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"djreport/extract"
	"djreport/mapping"
	"djreport/source"
)

// The review page (`djreport review`): one unit at a time, its bound
// indicators and every figure beside the full source text, the checks
// first; each decision is written to the review file at once. Standard
// library only (net/http, html/template) with embedded assets: no CDN, no
// build step, works offline.

//go:embed review_assets
var reviewAssets embed.FS

var reviewPage = template.Must(template.ParseFS(reviewAssets, "review_assets/page.html"))

// ReviewData is what the page shows: a period's run before the decisions.
type ReviewData struct {
	Period string
	File   string // the review file
	Base   string // the folder decisions' source paths are relative to
	Set    *mapping.Set
	Input  mapping.ReviewInput // units and figures as the tool found them
	// Sources are each unit's source files; Doubts and Superseded feed
	// the checks.
	Sources    map[string][]string
	Doubts     map[string]*extract.Doubt
	Superseded []extract.Superseded
	// Read reads one source; nil: source.Read.
	Read func(path string) (*source.Document, error)
	// Now is the clock of decisions; nil: time.Now.
	Now func() time.Time
	// Previous gives each unit's checks against last quarter for the
	// outcome of the decisions (the run's own code, so the page and
	// run.json agree); nil: none.
	Previous func(out *mapping.ReviewOutcome) map[string][]mapping.Check
}

// ReviewServer serves the review page of one period.
type ReviewServer struct {
	d     ReviewData
	token string
	addr  string // host:port the page is served at, for Host and Origin
	mu    sync.Mutex
	docs  map[string]*source.Document
	paths map[string]bool // the period's sources: the only files shown
}

// NewReviewServer prepares the page; addr is the 127.0.0.1:port it is
// served at: requests naming any other host are refused.
func NewReviewServer(d ReviewData, addr string) (*ReviewServer, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	if d.Read == nil {
		d.Read = source.Read
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	s := &ReviewServer{d: d, token: hex.EncodeToString(b), addr: addr, docs: map[string]*source.Document{}, paths: map[string]bool{}}
	for _, list := range d.Sources {
		for _, p := range list {
			s.paths[p] = true
		}
	}
	if s.d.Input.Read == nil {
		// Every look applies the decisions afresh: an added figure's
		// source is read once, as the page's documents are.
		s.d.Input.Read = s.read
	}
	return s, nil
}

// read is d.Read with the page's cache of documents.
func (s *ReviewServer) read(path string) (*source.Document, error) {
	s.mu.Lock()
	doc, ok := s.docs[path]
	s.mu.Unlock()
	if ok {
		return doc, nil
	}
	doc, err := s.d.Read(path)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.docs[path] = doc
	s.mu.Unlock()
	return doc, nil
}

// URL is the address to open, with the token that lets a browser in.
func (s *ReviewServer) URL() string { return "http://" + s.addr + "/?token=" + s.token }

// Token is the per-run secret every write must carry.
func (s *ReviewServer) Token() string { return s.token }

const reviewCookie = "djreport_review"

// Handler is the page's HTTP handler with its guards: the Host must be
// the page's own address and an Origin, when sent, its own origin (a DNS
// rebinding page names another host); a read needs the token's cookie,
// a write the token in a header as well.
func (s *ReviewServer) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.index)
	mux.HandleFunc("GET /unit/{name}", s.page)
	mux.HandleFunc("GET /api/unit/{name}", s.unitJSON)
	mux.HandleFunc("GET /api/doc", s.doc)
	mux.HandleFunc("POST /api/decision", s.decide)
	assets, _ := fs.Sub(reviewAssets, "review_assets")
	mux.Handle("GET /assets/", http.StripPrefix("/assets/", http.FileServerFS(assets)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Host != s.addr {
			http.Error(w, "拒绝访问：地址不是 "+s.addr, http.StatusForbidden)
			return
		}
		if o := r.Header.Get("Origin"); o != "" && o != "http://"+s.addr {
			http.Error(w, "拒绝访问：请求来自其他网页", http.StatusForbidden)
			return
		}
		if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
			http.Error(w, "拒绝访问：请求来自其他网页", http.StatusForbidden)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
		w.Header().Set("Cache-Control", "no-store")
		if t := r.URL.Query().Get("token"); t != "" && r.Method == http.MethodGet && r.URL.Path == "/" {
			if !s.tokenOK(t) {
				http.Error(w, "令牌不对：请使用 djreport review 打印的地址", http.StatusForbidden)
				return
			}
			http.SetCookie(w, &http.Cookie{Name: reviewCookie, Value: s.token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
			http.Redirect(w, r, "/", http.StatusSeeOther)
			return
		}
		c, err := r.Cookie(reviewCookie)
		if err != nil || !s.tokenOK(c.Value) {
			http.Error(w, "请使用 djreport review 打印的地址（含 token）打开本页", http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !s.tokenOK(r.Header.Get("X-Review-Token")) {
			http.Error(w, "缺少或错误的令牌：保存被拒绝", http.StatusForbidden)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

func (s *ReviewServer) tokenOK(t string) bool {
	return subtle.ConstantTimeCompare([]byte(t), []byte(s.token)) == 1
}

func (s *ReviewServer) index(w http.ResponseWriter, r *http.Request) {
	if len(s.d.Input.Order) == 0 {
		http.Error(w, "本期没有可审核的单位", http.StatusNotFound)
		return
	}
	http.Redirect(w, r, "/unit/"+url.PathEscape(s.d.Input.Order[0]), http.StatusSeeOther)
}

// state is the review file applied to the tool's figures, read afresh: a
// hand edit or another tab's save shows on the next look.
func (s *ReviewServer) state() (*mapping.Review, *mapping.ReviewOutcome, error) {
	rv, err := mapping.LoadReview(s.d.File, s.d.Period)
	if err != nil {
		return nil, nil, err
	}
	// What a run would refuse (an unknown indicator, a measure it does
	// not take) the page says too, rather than showing it applied.
	if err := rv.Validate(s.d.File, s.d.Set, s.d.Period); err != nil {
		return nil, nil, err
	}
	rv.ResolveSources(s.d.Base)
	return rv, rv.Apply(s.d.File, s.d.Set, s.d.Input), nil
}

func (s *ReviewServer) page(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if !slices.Contains(s.d.Input.Order, name) {
		http.Error(w, "没有这个单位："+name, http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := reviewPage.Execute(w, map[string]any{"Unit": name, "Period": s.d.Period, "Units": s.d.Input.Order, "Token": s.token, "File": s.d.File}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// jsonDecision is a decision as the page sends and sees it.
type jsonDecision struct {
	mapping.Decision
	Key string `json:"key"`
	At  string `json:"at,omitempty"`
	// Src is the index of an added figure's source among the unit's.
	Src  int    `json:"src"`
	Prev string `json:"prev"` // the at of the decision the page saw, "" for none
	Undo bool   `json:"undo,omitempty"`
}

func toJSON(d *mapping.Decision) *jsonDecision {
	if d == nil {
		return nil
	}
	j := &jsonDecision{Decision: *d, Key: d.Key()}
	if !d.At.IsZero() {
		j.At = d.At.Format(time.RFC3339Nano)
	}
	return j
}

type unitFigure struct {
	extract.Figure
	Src       int           `json:"src"`
	Sent      [2]int        `json:"sent"` // the sentence's runes in its line
	Indicator string        `json:"indicator"`
	Decision  *jsonDecision `json:"decision"`
	Rejected  bool          `json:"rejected"`
	Added     bool          `json:"added"`
}

type unitBinding struct {
	mapping.Binding
	Label    string        `json:"label"`
	Section  string        `json:"section"`
	Decision *jsonDecision `json:"decision"`
	Rejected bool          `json:"rejected"`
	// Via is the decision on a figure (or the addition) that made the
	// value, when there is no decision on the indicator itself.
	Via *jsonDecision `json:"via"`
}

func indexOf(set *mapping.Set, id string) int {
	return slices.IndexFunc(set.Indicators, func(ind mapping.Indicator) bool { return ind.ID == id })
}

type unitState struct {
	Unit       string              `json:"unit"`
	Period     string              `json:"period"`
	File       string              `json:"file"`
	Units      []string            `json:"units"`
	Indicators []mapping.Indicator `json:"indicators"`
	Sections   []extract.Section   `json:"sections"`
	Sources    []string            `json:"sources"`
	Checks     []mapping.Check     `json:"checks"`
	Bound      []unitBinding       `json:"bound"`
	Figures    []unitFigure        `json:"figures"`
	Stale      []mapping.Stale     `json:"stale"`
	Done       int                 `json:"done"`
	Total      int                 `json:"total"`
	Error      string              `json:"error,omitempty"`
}

func (s *ReviewServer) unitJSON(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if !slices.Contains(s.d.Input.Order, name) {
		http.Error(w, "没有这个单位："+name, http.StatusNotFound)
		return
	}
	st, err := s.unitState(name)
	if err != nil {
		// A hand edit broke the file: say where, show nothing stale.
		st = &unitState{Unit: name, Period: s.d.Period, File: s.d.File, Units: s.d.Input.Order, Error: err.Error()}
	}
	writeJSON(w, http.StatusOK, st)
}

func (s *ReviewServer) unitState(name string) (*unitState, error) {
	rv, out, err := s.state()
	if err != nil {
		return nil, err
	}
	st := &unitState{Unit: name, Period: s.d.Period, File: s.d.File, Units: s.d.Input.Order, Indicators: s.d.Set.Indicators,
		Sections: extract.Sections, Sources: s.d.Sources[name], Stale: []mapping.Stale{}, Bound: []unitBinding{}, Figures: []unitFigure{}}
	for _, x := range out.Stale {
		if x.Unit == name {
			st.Stale = append(st.Stale, x)
		}
	}
	st.Checks = append(mapping.StaleChecks(name, out.Stale), mapping.Checks(s.d.Set, mapping.CheckInput{
		Unit: name, Bound: out.Bound[name], Sources: s.d.Sources[name], Doubts: s.d.Doubts, Superseded: s.d.Superseded})...)
	if s.d.Previous != nil {
		st.Checks = append(st.Checks, s.d.Previous(out)[name]...)
	}
	if st.Checks == nil {
		st.Checks = []mapping.Check{}
	}
	boundTo := map[string]string{}
	for _, b := range out.Bound[name] {
		ind, _ := s.d.Set.ByID(b.ID)
		ub := unitBinding{Binding: b, Label: ind.Label, Section: string(ind.Section),
			Decision: toJSON(rv.Find((&mapping.Decision{Unit: name, Indicator: b.ID}).Key()))}
		if ub.Decision != nil && ub.Decision.Action == mapping.ActionReject {
			// Rejected, and a figure moved here since: the reject is of
			// the tool's value, shown struck out below; this one is used.
			ub.Decision = nil
		}
		for _, id := range b.Figures {
			for i := range rv.Decisions {
				d := &rv.Decisions[i]
				if ub.Via == nil && (d.Figure == id || d.Action == mapping.ActionAdd && mapping.AddedID(d) == id) {
					ub.Via = toJSON(d)
				}
			}
		}
		st.Bound = append(st.Bound, ub)
		for _, id := range b.Figures {
			boundTo[id] = b.ID
		}
	}
	// A rejected indicator stays on the page, struck out, so the reviewer
	// can see and undo it: the tool's value with the decision.
	tool, _ := s.d.Set.Bind(name, s.d.Input.Figures[name])
	for _, b := range tool {
		d := rv.Find((&mapping.Decision{Unit: name, Indicator: b.ID}).Key())
		if d == nil || d.Action != mapping.ActionReject || slices.ContainsFunc(out.Bound[name], func(x mapping.Binding) bool {
			return x.ID == b.ID && slices.ContainsFunc(x.Figures, func(id string) bool { return slices.Contains(b.Figures, id) })
		}) {
			continue
		}
		ind, _ := s.d.Set.ByID(b.ID)
		st.Bound = append(st.Bound, unitBinding{Binding: b, Label: ind.Label, Section: string(ind.Section), Decision: toJSON(d), Rejected: true})
		for _, id := range b.Figures {
			if boundTo[id] == "" {
				boundTo[id] = b.ID
			}
		}
	}
	slices.SortStableFunc(st.Bound, func(a, b unitBinding) int { return indexOf(s.d.Set, a.ID) - indexOf(s.d.Set, b.ID) })
	srcIndex := func(p string) int { return slices.Index(st.Sources, p) }
	seen := map[string]bool{}
	add := func(f extract.Figure, added bool) {
		if seen[f.ID] {
			return
		}
		seen[f.ID] = true
		uf := unitFigure{Figure: f, Src: srcIndex(f.Source), Indicator: boundTo[f.ID], Added: added}
		start := f.Span[0] - f.InSentence
		uf.Sent = [2]int{start, start + utf8.RuneCountInString(f.Sentence)}
		key := (&mapping.Decision{Figure: f.ID}).Key()
		if added {
			for i := range rv.Decisions {
				if mapping.AddedID(&rv.Decisions[i]) == f.ID {
					key = rv.Decisions[i].Key()
				}
			}
		}
		uf.Decision = toJSON(rv.Find(key))
		// Struck out on the page: not bound, not printed.
		uf.Rejected = uf.Decision != nil && uf.Decision.Action == mapping.ActionReject
		st.Figures = append(st.Figures, uf)
	}
	for _, f := range s.d.Input.Figures[name] {
		add(f, false)
	}
	for _, f := range out.Figures[name] {
		add(f, strings.HasPrefix(f.ID, "add-"))
	}
	// Progress: a figure is checked when a decision names it or the
	// indicator it fills.
	for _, f := range st.Figures {
		st.Total++
		if f.Decision != nil || f.Indicator != "" && slices.ContainsFunc(st.Bound, func(b unitBinding) bool { return b.ID == f.Indicator && b.Decision != nil }) {
			st.Done++
		}
	}
	return st, nil
}

type docLine struct {
	No   int      `json:"no"`
	Segs []docSeg `json:"segs"`
}

// docSeg is a run of a line's text and the figures it belongs to.
type docSeg struct {
	Text string   `json:"t"`
	Figs []string `json:"f,omitempty"` // figures whose text this is
	Sent []string `json:"s,omitempty"` // figures whose sentence this is in
}

// doc serves one of the period's sources as lines cut where figures and
// their sentences start and end. Any other path is not found: the page
// never shows a file that is not one of the period's sources.
func (s *ReviewServer) doc(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Query().Get("path")
	if !s.paths[path] {
		http.Error(w, "不是本期的报告", http.StatusNotFound)
		return
	}
	doc, err := s.read(path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	var figs []extract.Figure
	for _, u := range s.d.Input.Order {
		for _, f := range s.d.Input.Figures[u] {
			if f.Source == path {
				figs = append(figs, f)
			}
		}
	}
	if _, out, err := s.state(); err == nil {
		for _, u := range out.Order {
			for _, f := range out.Figures[u] {
				if f.Source == path && strings.HasPrefix(f.ID, "add-") {
					figs = append(figs, f)
				}
			}
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"path": path, "name": filepath.Base(path), "lines": docLines(doc, figs)})
}

func docLines(doc *source.Document, figs []extract.Figure) []docLine {
	type mark struct {
		id         string
		start, end int
		sent       bool
	}
	byLine := map[int][]mark{}
	for _, f := range figs {
		span := f.Span
		if strings.HasPrefix(f.ID, "add-") && span[1] == 0 {
			span = [2]int{-1, -1} // found by its quote below
		}
		byLine[f.Line] = append(byLine[f.Line], mark{f.ID, span[0], span[1], false})
		if f.Sentence != "" && span[0] >= 0 {
			start := span[0] - f.InSentence
			byLine[f.Line] = append(byLine[f.Line], mark{f.ID, start, start + utf8.RuneCountInString(f.Sentence), true})
		} else if f.Sentence != "" {
			byLine[f.Line] = append(byLine[f.Line], mark{f.ID, -1, -1, true})
		}
	}
	out := make([]docLine, 0, len(doc.Lines))
	for _, l := range doc.Lines {
		rs := []rune(l.Text)
		ms := byLine[l.No]
		for i := range ms {
			if ms[i].start < 0 { // an added figure: where its quote is
				var q string
				for _, f := range figs {
					if f.ID == ms[i].id {
						q = f.Sentence
					}
				}
				if k := strings.Index(l.Text, q); q != "" && k >= 0 {
					ms[i].start = utf8.RuneCountInString(l.Text[:k])
					ms[i].end = ms[i].start + utf8.RuneCountInString(q)
				}
			}
		}
		cuts := []int{0, len(rs)}
		for _, m := range ms {
			if m.start >= 0 && m.end <= len(rs) && m.start < m.end {
				cuts = append(cuts, m.start, m.end)
			}
		}
		slices.Sort(cuts)
		cuts = slices.Compact(cuts)
		dl := docLine{No: l.No}
		for k := 0; k+1 < len(cuts); k++ {
			a, b := cuts[k], cuts[k+1]
			seg := docSeg{Text: string(rs[a:b])}
			for _, m := range ms {
				if m.start >= 0 && m.start <= a && b <= m.end && m.start < m.end {
					if m.sent {
						seg.Sent = append(seg.Sent, m.id)
					} else {
						seg.Figs = append(seg.Figs, m.id)
					}
				}
			}
			dl.Segs = append(dl.Segs, seg)
		}
		out = append(out, dl)
	}
	return out
}

// errConflict is a save over a decision another tab changed meanwhile.
var errConflict = errors.New("conflict")

// decide saves one decision (or removes it, undo) in the review file at
// once. The decision the page saw is compared with the file's: when another
// tab changed it meanwhile, nothing is written and the page is told.
func (s *ReviewServer) decide(w http.ResponseWriter, r *http.Request) {
	var in jsonDecision
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	if err := dec.Decode(&in); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "请求格式不对：" + err.Error()})
		return
	}
	d := in.Decision
	if in.Undo {
		if !slices.Contains(s.d.Input.Order, d.Unit) || in.Key == "" {
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "撤销的决定不存在"})
			return
		}
	} else if msg := s.check(&d, in.Src); msg != "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": msg})
		return
	}
	// People read and edit the file by hand: local time, to the second,
	// with its offset (2026-12-01T21:05:36+08:00).
	d.At = s.d.Now().In(time.Local).Truncate(time.Second)
	var conflict *mapping.Decision
	err := mapping.UpdateReview(s.d.File, s.d.Period, func(rv *mapping.Review) error {
		key := d.Key()
		if in.Undo && in.Key != "" {
			key = in.Key
		}
		if cur := rv.Find(key); cur == nil && in.Prev != "" || cur != nil && cur.At.Format(time.RFC3339Nano) != in.Prev {
			if cur != nil {
				c := *cur
				conflict = &c
			}
			return errConflict
		}
		if in.Undo {
			rv.Remove(key)
			return nil
		}
		// Another key of the same figure (a new indicator decision where a
		// figure decision was) is the reviewer changing their mind too.
		rv.Upsert(d)
		return nil
	})
	switch {
	case errors.Is(err, errConflict):
		msg := "此项已在另一个页面或文件中修改，请刷新后再改"
		if conflict != nil {
			msg = fmt.Sprintf("此项已由%s于 %s 改为「%s」，请刷新后再改", orSomeone(conflict.By), conflict.At.Format("01-02 15:04:05"), actionName(conflict.Action))
		}
		writeJSON(w, http.StatusConflict, map[string]string{"error": msg})
	case err != nil:
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "未能保存：" + err.Error()})
	default:
		writeJSON(w, http.StatusOK, map[string]any{"saved": toJSON(&d)})
	}
}

func orSomeone(by string) string {
	if by == "" {
		return "他人"
	}
	return " " + by + " "
}

func actionName(a string) string {
	return map[string]string{"accept": "确认", "correct": "更正", "reject": "不采用", "move": "移动", "add": "补录"}[a]
}

// check validates a decision from the page as the file's reader would,
// and writes an added figure's source as the file keeps it.
func (s *ReviewServer) check(d *mapping.Decision, src int) string {
	d.FileLine = 0
	if !slices.Contains(s.d.Input.Order, d.Unit) {
		return "没有这个单位：" + d.Unit
	}
	if strings.TrimSpace(d.By) == "" {
		return "请先填写审核人姓名"
	}
	if !slices.Contains(mapping.Actions, d.Action) {
		return "未知的操作：" + d.Action
	}
	for _, id := range []string{d.Indicator, d.ToIndicator} {
		if _, ok := s.d.Set.ByID(id); id != "" && !ok {
			return "没有这个指标：" + id
		}
	}
	if d.Figure != "" && !s.knownFigure(d.Figure) {
		return "报告中没有这项数据（" + d.Figure + "）：请刷新页面"
	}
	if d.ToUnit != "" && !slices.Contains(s.d.Input.Order, d.ToUnit) {
		return "没有这个单位：" + d.ToUnit
	}
	if d.ToSection != "" && !extract.Section(d.ToSection).Valid() {
		return "没有这个板块：" + d.ToSection
	}
	if (d.Action == mapping.ActionCorrect || d.Action == mapping.ActionAdd) && d.Value == nil {
		return "请填写数值（阿拉伯数字）"
	}
	if d.Action == mapping.ActionAdd {
		list := s.d.Sources[d.Unit]
		if src < 0 || src >= len(list) {
			return "补录的数据须来自本单位的报告"
		}
		d.Source = mapping.RelativeSource(s.d.Base, list[src])
		if d.Line < 1 {
			return "补录的数据须选自报告中的一行"
		}
	}
	if d.Action == mapping.ActionMove && d.ToUnit == "" && d.ToIndicator == "" && d.ToSection == "" {
		return "请选择移到的单位、指标或板块"
	}
	// The same checks as a file read from disk: a page can't save what a
	// run would refuse.
	data, err := mapping.MarshalReview(&mapping.Review{Period: s.d.Period, Decisions: []mapping.Decision{*d}})
	var rv *mapping.Review
	if err == nil {
		rv, err = mapping.ParseReview("（页面）", data)
	}
	if err == nil {
		err = rv.Validate("（页面）", s.d.Set, "")
	}
	if err != nil {
		return err.Error()
	}
	return ""
}

// knownFigure reports whether id is a figure of the period's sources.
func (s *ReviewServer) knownFigure(id string) bool {
	for _, u := range s.d.Input.Order {
		for _, f := range s.d.Input.Figures[u] {
			if f.ID == id {
				return true
			}
		}
	}
	return slices.ContainsFunc(s.d.Input.Other, func(f extract.Figure) bool { return f.ID == id })
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
