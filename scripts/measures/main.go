// Command measures derives extract/data/measures.txt, the counting words
// (量词) a figure may end in, from jieba's dictionary (Debian python3-jieba,
// jieba/dict.txt: "word frequency tag" per line).
//
// Usage (from the repository root):
//
//	apt-get install -y python3-jieba
//	go run ./scripts/measures -dict /usr/lib/python3/dist-packages/jieba/dict.txt -out extract/data/measures.txt
//
// A word is taken when either
//   - jieba tags it q (量词) and it has one or two runes, or three or four
//     runes with a frequency of at least minLongFreq (平方公里, 立方米,
//     千瓦时; rarer long q entries are segmentation debris such as 在某些特), or
//   - it is one rune X and jieba lists numeral compounds nX tagged m (一只,
//     两只, 三只 …) for at least minNumerals of the numerals 一二两三四五六七
//     八九十几: jieba tags many counting words (只, 件, 项, 辆, 起) only
//     inside such compounds, and a word that combines with many numerals is
//     a counting word, while 一生, 一线, 一起 combine with 一 alone;
//
// and it is not reduplicated (阵阵, 种种) nor on the deny list below, which
// removes what jieba's tags let through but a report never counts with.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// minNumerals: a one-rune word needs m-tagged compounds with this many
// different numerals (see the package comment).
const minNumerals = 4

const numerals = "一二两三四五六七八九十几"

// minLongFreq: the jieba frequency a q-tagged word of three or four runes
// needs (see the package comment).
const minLongFreq = 10

// deny lists the candidates that are not counting words in report prose,
// by why they are out.
var deny = map[string]string{}

func denyAll(reason string, words ...string) {
	for _, w := range words {
		deny[w] = reason
	}
}

func init() {
	denyAll("numeral or multiplier, read by the number grammar",
		"一", "二", "两", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千", "万", "亿", "兆",
		"零", "几", "数", "多", "余", "半", "廿", "卅", "许")
	denyAll("calendar or clock word: it dates, it does not count (5月, 13日, 3号, 9点, 10分)",
		"月", "日", "号", "周", "季", "夜", "点", "分", "刻", "世", "代", "辈", "点钟", "刻钟", "分秒", "点秒", "公元", "天元")
	denyAll("after a numeral mostly an adverb, idiom or other word (一下, 三声, 一招, 二手, 一身, 一番话, 十分)",
		"下", "声", "招", "刀", "拳", "枪", "手", "身", "遭", "锤", "着", "打", "开", "出", "派", "等",
		"员", "品", "子", "儿", "文", "度", "局", "目", "帮", "路", "线", "重", "服", "驾", "端", "味",
		"样", "方", "里", "角", "任", "维", "胎", "响", "会", "行", "丝", "些", "生", "大", "少", "左",
		"右", "干", "整", "久", "量", "系", "程", "郎", "伊", "帐", "发", "叶", "峰", "腔", "抹", "记",
		"阵", "折", "档", "副", "截", "千里", "毫厘", "千千米")
	denyAll("page furniture (共5页), not a figure", "页")
	denyAll("idiom after a numeral (一点一滴)", "滴")
	denyAll("jieba tags it q, but it is a name or another word",
		"丛里", "个里", "会元", "公伏", "分列", "加米", "卡列", "圈里", "坎培", "居里", "平伏", "平儿",
		"平列", "平拉", "普米", "朵儿", "海米", "立元", "立克", "立顿", "系列", "系里", "组里", "美方",
		"英钱", "褔特", "赫里", "阵列", "马元", "马列", "马里")
}

func main() {
	dict := flag.String("dict", "/usr/lib/python3/dist-packages/jieba/dict.txt", "jieba dict.txt")
	out := flag.String("out", "extract/data/measures.txt", "output file")
	flag.Parse()
	f, err := os.Open(*dict)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	text, n, err := generate(f, *dict)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, []byte(text), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d counting words written to %s", n, *out)
}

// generate reads jieba's dict.txt and returns the measures file and how
// many words it lists.
func generate(r io.Reader, name string) (string, int, error) {
	q := map[string]bool{}
	withNumerals := map[string]map[rune]bool{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		fs := strings.Fields(sc.Text())
		if len(fs) != 3 {
			return "", 0, fmt.Errorf("%s:%d: want word, frequency and tag", name, line)
		}
		w, tag := fs[0], fs[2]
		freq, err := strconv.Atoi(fs[1])
		if err != nil {
			return "", 0, fmt.Errorf("%s:%d: frequency %q: %v", name, line, fs[1], err)
		}
		rs := []rune(w)
		switch {
		case tag == "q" && (len(rs) <= 2 || len(rs) <= 4 && freq >= minLongFreq):
			q[w] = true
		case tag == "m" && len(rs) == 2 && strings.ContainsRune(numerals, rs[0]):
			x := string(rs[1])
			if withNumerals[x] == nil {
				withNumerals[x] = map[rune]bool{}
			}
			withNumerals[x][rs[0]] = true
		}
	}
	if err := sc.Err(); err != nil {
		return "", 0, err
	}
	evidence := map[string]string{}
	for w := range q {
		evidence[w] = "q"
	}
	for x, ns := range withNumerals {
		if len(ns) < minNumerals {
			continue
		}
		e := fmt.Sprintf("m×%d", len(ns))
		if evidence[x] != "" {
			e = evidence[x] + " " + e
		}
		evidence[x] = e
	}
	var words []string
	for w := range evidence {
		rs := []rune(w)
		if len(rs) == 2 && rs[0] == rs[1] {
			continue // 阵阵, 种种: reduplications describe, they do not count
		}
		if _, ok := deny[w]; ok {
			continue
		}
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		ni, nj := utf8.RuneCountInString(words[i]), utf8.RuneCountInString(words[j])
		if ni != nj {
			return ni < nj
		}
		return words[i] < words[j]
	})
	var b strings.Builder
	b.WriteString("# Counting words (量词) derived from jieba 0.42.1 dict.txt by scripts/measures;\n")
	b.WriteString("# see extract/data/README.md. word<TAB>evidence (q: tagged 量词; m×N: N numerals form m-tagged compounds with it).\n")
	for _, w := range words {
		fmt.Fprintf(&b, "%s\t%s\n", w, evidence[w])
	}
	return b.String(), len(words), nil
}
