package source

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

func parseHTML(path string, data []byte) (*Document, error) {
	text, enc, reason := decodeHTML(data)
	if reason != "" {
		return nil, &Error{Path: path, Reason: reason}
	}
	// One newline convention keeps the line count simple; CR-only pages
	// count their lines like an editor does.
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	lines, kept, hidden := htmlLines(text, true)
	if len(lines) == 0 || hidden > kept {
		// A wrapper whose class looked like furniture ("has-sidebar") can
		// hide the article: when classes hid most of the text, trust tags only.
		lines, _, _ = htmlLines(text, false)
	}
	doc := &Document{Path: path, Format: "html", Encoding: enc, Lines: lines}
	return finish(doc, reasonNoArticle)
}

var (
	metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)
	xmlEncoding = regexp.MustCompile(`(?i)<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_.\-]+)`)
)

// declaredCharset finds the charset a page declares in its first 64 KB
// (x/net's prescan stops at 1 KB, too early for pages with long heads).
func declaredCharset(data []byte) string {
	head := data[:min(len(data), 64<<10)]
	if m := metaCharset.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	if m := xmlEncoding.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

// decodeHTML decodes a page by its BOM, then its declared charset, then the
// plain-text rules. A declaration that contradicts the bytes loses: pages
// re-saved as UTF-8 often keep their old gb2312 meta.
func decodeHTML(data []byte) (text, enc, reason string) {
	if len(data) == 0 {
		return "", "", reasonEmpty
	}
	if bytes.HasPrefix(data, bomUTF8) || bytes.HasPrefix(data, bomUTF16LE) || bytes.HasPrefix(data, bomUTF16BE) {
		return decodeText(data)
	}
	label := declaredCharset(data)
	if label == "" {
		return decodeText(data)
	}
	e, name := charset.Lookup(label)
	if e == nil || name == "utf-8" || utf8.Valid(data) || !isChineseCharset(name) {
		return decodeText(data)
	}
	if bytes.IndexByte(data, 0) >= 0 || controlHeavy(data) {
		return "", "", reasonBinary
	}
	if s, ok := decodeLegacy(data, e); ok {
		return s, charsetName(name), ""
	}
	// Declared wrongly (Big5 labelled gbk, say): the bytes decide.
	return decodeText(data)
}

func isChineseCharset(name string) bool {
	switch name {
	case "gbk", "gb18030", "big5":
		return true
	}
	return false
}

func charsetName(name string) string {
	switch name {
	case "gbk":
		return "GBK"
	case "gb18030":
		return "GB18030"
	case "big5":
		return "Big5"
	}
	return strings.ToUpper(name)
}

// dropTags never hold article text.
var dropTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "nav": true, "footer": true,
	"aside": true, "form": true, "iframe": true, "template": true, "svg": true,
	"select": true, "button": true, "object": true, "canvas": true, "textarea": true,
	"head": true, "title": true, "menu": true, "dialog": true,
}

// blockTags end the current line when they open or close.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"caption": true, "center": true, "dd": true, "details": true, "div": true, "dl": true,
	"dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "header": true,
	"hgroup": true, "hr": true, "html": true, "legend": true, "li": true, "main": true,
	"nav": true, "ol": true, "p": true, "pre": true, "section": true, "summary": true,
	"table": true, "tbody": true, "td": true, "tfoot": true, "th": true, "thead": true,
	"tr": true, "ul": true, "br": true, "option": true,
}

var voidTags = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true, "source": true,
	"track": true, "wbr": true,
}

// impliedEnd tags are closed by the next sibling of the same name.
var impliedEnd = map[string]bool{"p": true, "li": true, "td": true, "th": true, "tr": true, "dt": true, "dd": true, "option": true}

var furnitureWord = regexp.MustCompile(`nav|crumb|copyright|share|comment|footer|sidebar|pagination|(^|[^a-z])(menu|foot|pager|toolbar|related|login|search|ads?|advert)([^a-z]|$)`)

// furniture reports whether an element's class or id names page furniture.
func furniture(tag, class, id string) bool {
	switch tag {
	case "html", "body", "main", "article":
		return false
	}
	return furnitureWord.MatchString(strings.ToLower(class + " " + id))
}

type frame struct {
	tag   string
	skip  bool // a tag that never holds article text
	class bool // hidden for its class or id
}

// htmlWalker turns the token stream into lines, tracking the source line
// of each token from the byte length of its raw text.
type htmlWalker struct {
	useClass bool
	stack    []frame
	skips    int // open frames with skip
	hides    int // open frames with class
	kept     int // bytes of text kept
	hidden   int // bytes of text hidden by class alone
	buf      strings.Builder
	bufLine  int
	lines    []Line
	tables   []*table // open tables, innermost last (see table.go)
}

// htmlLines also returns how much text it kept and how much it hid for
// class or id names alone.
func htmlLines(text string, useClass bool) ([]Line, int, int) {
	w := &htmlWalker{useClass: useClass}
	z := html.NewTokenizer(strings.NewReader(text))
	line := 1 // source line at the start of the current token
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		nl := bytes.Count(raw, []byte{'\n'})
		switch tt {
		case html.TextToken:
			if w.skips > 0 {
				break
			}
			if w.hides > 0 {
				w.hidden += len(bytes.TrimSpace(raw))
				break
			}
			lead := len(raw) - len(bytes.TrimLeft(raw, " \t\n\f\r"))
			start := line + bytes.Count(raw[:lead], []byte{'\n'})
			w.text(string(z.Text()), start)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			var class, id string
			colspan, rowspan := 1, 1
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "class":
					class = string(v)
				case "id":
					id = string(v)
				case "colspan":
					colspan = spanAttr(v)
				case "rowspan":
					rowspan = spanAttr(v)
				}
			}
			w.start(tag, class, id, tt == html.SelfClosingTagToken)
			w.startTable(tag, colspan, rowspan)
		case html.EndTagToken:
			name, _ := z.TagName()
			w.end(string(name))
			w.endTable(string(name))
		}
		line += nl
	}
	w.flush()
	for len(w.tables) > 0 {
		w.endTable("table")
	}
	return w.lines, w.kept, w.hidden
}

// spanAttr reads colspan/rowspan; browsers treat junk as 1.
func spanAttr(v []byte) int {
	n, err := strconv.Atoi(strings.TrimSpace(string(v)))
	if err != nil || n < 1 {
		return 1
	}
	return min(n, maxRowSpan)
}

// startTable follows the table structure; it runs after start, so the text
// before the tag is already flushed into the cell it belongs to.
func (w *htmlWalker) startTable(tag string, colspan, rowspan int) {
	if tag == "table" {
		t := &table{}
		if len(w.tables) == 0 && len(w.lines) > 0 {
			t.prev = w.lines[len(w.lines)-1].Text
		}
		w.tables = append(w.tables, t)
		return
	}
	if len(w.tables) == 0 {
		return
	}
	t := w.tables[len(w.tables)-1]
	switch tag {
	case "tr":
		t.startRow()
	case "td", "th":
		t.startCell(colspan, rowspan, vmergeNone)
	}
}

func (w *htmlWalker) endTable(tag string) {
	if len(w.tables) == 0 {
		return
	}
	t := w.tables[len(w.tables)-1]
	switch tag {
	case "td", "th":
		t.endCell()
	case "tr":
		t.endRow()
	case "table":
		w.tables = w.tables[:len(w.tables)-1]
		for _, l := range t.lines() {
			w.add(l)
		}
	}
}

func (w *htmlWalker) add(l Line) {
	if len(w.tables) > 0 {
		w.tables[len(w.tables)-1].add(l)
		return
	}
	w.lines = append(w.lines, l)
}

func (w *htmlWalker) start(tag, class, id string, selfClose bool) {
	if blockTags[tag] {
		w.flush()
	}
	if tag == "body" {
		// Pages often never close their head.
		w.pop("head")
	}
	if voidTags[tag] || (selfClose && !dropTags[tag]) {
		return
	}
	if impliedEnd[tag] && len(w.stack) > 0 && w.stack[len(w.stack)-1].tag == tag {
		w.popTop()
	}
	skip := dropTags[tag]
	if tag == "header" {
		// A page header is furniture; an article's header holds its title.
		skip = !w.inside("article", "main")
	}
	hide := !skip && w.useClass && (class != "" || id != "") && furniture(tag, class, id)
	w.stack = append(w.stack, frame{tag, skip, hide})
	if skip {
		w.skips++
	}
	if hide {
		w.hides++
	}
}

func (w *htmlWalker) end(tag string) {
	if blockTags[tag] {
		w.flush()
	}
	w.pop(tag)
}

func (w *htmlWalker) inside(tags ...string) bool {
	for _, f := range w.stack {
		for _, t := range tags {
			if f.tag == t {
				return true
			}
		}
	}
	return false
}

// pop closes the innermost open element named tag and everything inside it;
// an end tag with no open element is ignored, as browsers do.
func (w *htmlWalker) pop(tag string) {
	for i := len(w.stack) - 1; i >= 0; i-- {
		if w.stack[i].tag == tag {
			for len(w.stack) > i {
				w.popTop()
			}
			return
		}
	}
}

func (w *htmlWalker) popTop() {
	top := w.stack[len(w.stack)-1]
	if top.skip {
		w.skips--
	}
	if top.class {
		w.hides--
	}
	w.stack = w.stack[:len(w.stack)-1]
}

func (w *htmlWalker) text(s string, line int) {
	if w.buf.Len() == 0 {
		if strings.Trim(s, " \t\n\f\r") == "" {
			return
		}
		w.bufLine = line
	}
	w.kept += len(s)
	w.buf.WriteString(s)
}

func (w *htmlWalker) flush() {
	if w.buf.Len() == 0 {
		return
	}
	s := cleanLine(collapseSpace(w.buf.String()))
	w.buf.Reset()
	if s != "" {
		w.add(Line{No: w.bufLine, Text: s})
	}
}

// collapseSpace undoes source formatting: a whitespace run holding a line
// break or tab becomes one space, and a line break between two CJK
// characters becomes nothing (a space there would split a word). Runs of plain spaces are kept as
// written, like the spaces of a .txt.
func collapseSpace(s string) string {
	if !strings.ContainsAny(s, "\t\n\f\r") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isHTMLSpace(r) {
			b.WriteString(s[i : i+n])
			prev = r
			i += n
			continue
		}
		j, formatting, newline := i, false, false
		for j < len(s) && isHTMLSpace(rune(s[j])) {
			formatting = formatting || s[j] != ' '
			newline = newline || s[j] == '\n'
			j++
		}
		next, _ := utf8.DecodeRuneInString(s[j:])
		switch {
		case !formatting:
			b.WriteString(s[i:j])
		case !(newline && isWide(prev) && isWide(next)):
			b.WriteByte(' ')
		}
		i = j
	}
	return b.String()
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

func isWide(r rune) bool { return r >= 0x2E80 }
