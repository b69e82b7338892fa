package source

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// The library itself is the reference the table is checked against.
var (
	libOnce sync.Once
	libCC   map[string]*opencc.OpenCC
	libErr  error
)

func lib(t testing.TB, conv string) *opencc.OpenCC {
	t.Helper()
	libOnce.Do(func() {
		libCC = map[string]*opencc.OpenCC{}
		for _, c := range []string{"t2s", "s2t", "s2tw", "s2hk"} {
			if libCC[c], libErr = opencc.New(c); libErr != nil {
				return
			}
		}
	})
	if libErr != nil {
		t.Fatal(libErr)
	}
	return libCC[conv]
}

// libSameLength is sameLength as it was with opencc's Convert.
func libSameLength(cc *opencc.OpenCC, text string) (string, error) {
	s, err := cc.Convert(text)
	if err != nil {
		return "", err
	}
	if utf8.RuneCountInString(s) == utf8.RuneCountInString(text) && utf8.ValidString(s) {
		return s, nil
	}
	out := make([]byte, 0, len(text))
	for _, r := range text {
		if isTrad(r) {
			c, err := cc.Convert(string(r))
			if err == nil && utf8.RuneCountInString(c) == 1 && utf8.ValidString(c) {
				out = append(out, c...)
				continue
			}
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out), nil
}

// corpusTexts are the real reports beside the repository, as read (the text
// of each line), and each also turned traditional by opencc s2t, s2tw and
// s2hk, which use different variants of many characters.
func corpusTexts(t *testing.T) (names, texts []string) {
	t.Helper()
	dirs := []string{
		filepath.Join("..", "samples"),
		filepath.Join("..", "extract", "testdata", "corpus", "dev", "docs"),
		filepath.Join("..", "cmd", "djreport", "testdata", "mixed"),
		filepath.Join("..", "..", "shared", "seeds"),
		filepath.Join("..", "..", "shared", "dev", "docs"),
	}
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isSource(path) {
				return nil
			}
			doc, err := Read(path)
			if err != nil {
				return nil
			}
			var b strings.Builder
			for _, l := range doc.Lines {
				b.WriteString(l.Text)
				b.WriteByte('\n')
			}
			names = append(names, path)
			texts = append(texts, b.String())
			return nil
		})
	}
	if len(texts) < 100 {
		t.Skipf("only %d reports found", len(texts))
	}
	n := len(texts)
	for _, conv := range []string{"s2t", "s2tw", "s2hk"} {
		cc := lib(t, conv)
		for i := 0; i < n; i++ {
			s, err := cc.Convert(texts[i])
			if err != nil {
				t.Fatal(err)
			}
			names = append(names, names[i]+" ("+conv+")")
			texts = append(texts, s)
		}
	}
	return names, texts
}

func isSource(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".html", ".htm", ".docx":
		return true
	}
	return false
}

// TestT2SMatchesOpencc: the table converts every line of every report (and
// of their traditional copies) exactly as opencc's Convert does, and so
// does sameLength, the path lines take when read.
func TestT2SMatchesOpencc(t *testing.T) {
	cc, err := converter()
	if err != nil {
		t.Fatal(err)
	}
	ref := lib(t, "t2s")
	names, texts := corpusTexts(t)
	lines, changed := 0, 0
	for i, text := range texts {
		for _, l := range strings.Split(text, "\n") {
			want, err := ref.Convert(l)
			if err != nil {
				t.Fatal(err)
			}
			if got := cc.convert(l); got != want {
				t.Fatalf("%s: %q\n got %q\nwant %q", names[i], l, got, want)
			}
			wantSame, _ := libSameLength(ref, l)
			if got := sameLength(cc, l); got != wantSame {
				t.Fatalf("%s: sameLength(%q)\n got %q\nwant %q", names[i], l, got, wantSame)
			}
			lines++
			if want != l {
				changed++
			}
		}
	}
	t.Logf("%d texts, %d lines, %d changed by t2s: all as opencc", len(texts), lines, changed)
	if changed < 1000 {
		t.Fatalf("only %d lines changed: the traditional copies are missing", changed)
	}
}

// TestT2SDictionary: every key of opencc's t2s dictionaries, alone, between
// other text and run into the next key (where phrases overlap), converts as
// opencc converts it; and so do random strings of keys.
func TestT2SDictionary(t *testing.T) {
	cc, err := converter()
	if err != nil {
		t.Fatal(err)
	}
	ref := lib(t, "t2s")
	var keys []string
	for _, g := range ref.DictChains {
		for _, d := range g.Dicts {
			for _, id := range d.Trie.PrefixPredict(nil, 0) {
				k, err := d.Trie.Key(id)
				if err != nil {
					t.Fatal(err)
				}
				keys = append(keys, string(k))
			}
		}
	}
	if len(keys) < 4000 {
		t.Fatalf("%d keys read from opencc's tries", len(keys))
	}
	check := func(s string) {
		t.Helper()
		want, err := ref.Convert(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := cc.convert(s); got != want {
			t.Fatalf("%q\n got %q\nwant %q", s, got, want)
		}
	}
	for i, k := range keys {
		check(k)
		check("党" + k + "的")
		check(k + keys[(i+1)%len(keys)])
		if r := []rune(k); len(r) > 1 {
			check(string(r[:len(r)-1])) // a phrase cut short
			check(string(r[1:]))
		}
	}
	rng := rand.New(rand.NewPCG(15, 15))
	for i := 0; i < 2000; i++ {
		var b strings.Builder
		for j := rng.IntN(12); j >= 0; j-- {
			b.WriteString(keys[rng.IntN(len(keys))])
			if rng.IntN(3) == 0 {
				b.WriteString("，12个")
			}
		}
		check(b.String())
	}
	// Bad UTF-8 turns into U+FFFD, one per byte, as in opencc.
	check("黨\xff\xfe員")
}

// TestT2SControl: a control character stays as it is; the opencc library
// reads \x01 as a separator of its own and repeats the next character.
func TestT2SControl(t *testing.T) {
	cc, err := converter()
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{"\x01層": "\x01层", "\x01黨員": "\x01党员", "\x02層": "\x02层"} {
		if got := cc.convert(in); got != want {
			t.Errorf("convert(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzT2S(f *testing.F) {
	for _, s := range []string{"平涼市基層黨組織", "一目瞭然的成績", "乾坤未定", "么麼", "𠮷野家的隻", "a\xffb"} {
		f.Add(s)
	}
	cc, err := converter()
	if err != nil {
		f.Fatal(err)
	}
	ref := lib(f, "t2s")
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsRune(s, '\x01') {
			// The library turns "\x01層" into "层层" (\x01 is a separator
			// of its own); ours keeps the control character: TestT2SControl.
			t.Skip()
		}
		want, err := ref.Convert(s)
		if err != nil {
			t.Skip()
		}
		if got := cc.convert(s); got != want {
			t.Fatalf("%q\n got %q\nwant %q", s, got, want)
		}
	})
}

// TestT2SLengthChanges: a line whose changes keep their length in bytes is
// patched in place, and one that does not is rebuilt from there on; every
// key whose value has another length is tried before, between and after
// same-length changes, against the library.
func TestT2SLengthChanges(t *testing.T) {
	cc, err := converter()
	if err != nil {
		t.Fatal(err)
	}
	ref := lib(t, "t2s")
	n := 0
	for _, g := range cc.chain {
		for _, p := range g.cands {
			if !p.change || len(p.value) == len(p.key) {
				continue
			}
			n++
			for _, in := range []string{p.key, "黨組織" + p.key, p.key + "黨組織", "黨" + p.key + "組織" + p.key + "a個"} {
				want, err := ref.Convert(in)
				if err != nil {
					t.Fatal(err)
				}
				if got := cc.convert(in); got != want {
					t.Fatalf("convert(%q) = %q, want %q", in, got, want)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no key changes its length")
	}
	t.Log(n, "keys change their length")
}

// TestT2SPhraseFilter: the runes that start longer keys are converted as
// opencc does where a key of theirs follows (the pair filter lets it
// through) and where none does, after a change (quickRun patches its copy)
// and before one, next to every rune that ends some key.
func TestT2SPhraseFilter(t *testing.T) {
	cc, err := converter()
	if err != nil {
		t.Fatal(err)
	}
	ref := lib(t, "t2s")
	check := func(s string) {
		t.Helper()
		want, err := ref.Convert(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := cc.convert(s); got != want {
			t.Fatalf("%q\n got %q\nwant %q", s, got, want)
		}
	}
	g := &cc.chain[0]
	var firsts, lasts []rune
	phrases := 0
	for _, p := range g.cands {
		r := []rune(p.key)
		lasts = append(lasts, r[len(r)-1])
		if p.single {
			continue
		}
		phrases++
		firsts = append(firsts, r[0])
		for _, s := range []string{p.key, "黨" + p.key + "的", "黨" + p.key, "黨組" + string(r[:len(r)-1]) + "。"} {
			check(s)
		}
	}
	if phrases < 100 {
		t.Fatalf("only %d keys of two runes or more", phrases)
	}
	for i, r := range firsts {
		for _, l := range lasts[i%7:][:50] {
			check("黨" + string(r) + string(l) + "組")
			check(string(r) + string(l))
		}
	}
}
