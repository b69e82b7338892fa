package report

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// lineTestMeasure counts a Chinese character as 1 and an ASCII one as 0.5.
func lineTestMeasure(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < utf8.RuneSelf {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"fits", "基层党建抓实了", 10, []string{"基层党建抓实了"}},
		{"plain break", "基层党建抓实了就是生产力", 5, []string{"基层党建抓", "实了就是生", "产力"}},
		{"empty", "", 5, []string{""}},
		{"newline kept", "一二\n三四", 10, []string{"一二", "三四"}},
		{"blank line kept", "一二\n\n三四", 10, []string{"一二", "", "三四"}},
		{"crlf", "一二\r\n三四", 10, []string{"一二", "三四"}},
		// Closing punctuation never starts a line: the character before it
		// goes down with it.
		{"comma pushes char down", "基层党建抓，实了", 5, []string{"基层党建", "抓，实了"}},
		{"full stop pushes down", "基层党建抓。", 5, []string{"基层党建", "抓。"}},
		{"enumeration comma", "甲乙丙丁戊、己", 5, []string{"甲乙丙丁", "戊、己"}},
		{"semicolon", "甲乙丙丁戊；己", 5, []string{"甲乙丙丁", "戊；己"}},
		{"colon", "甲乙丙丁戊：己", 5, []string{"甲乙丙丁", "戊：己"}},
		{"question", "甲乙丙丁戊？己", 5, []string{"甲乙丙丁", "戊？己"}},
		{"exclamation", "甲乙丙丁戊！己", 5, []string{"甲乙丙丁", "戊！己"}},
		{"closing paren", "甲乙丙丁（戊）己", 5, []string{"甲乙丙丁", "（戊）己"}},
		{"closing book title", "甲乙丙丁《戊》己", 5, []string{"甲乙丙丁", "《戊》己"}},
		{"closing corner", "甲乙丙「丁戊」己", 5, []string{"甲乙丙「丁", "戊」己"}},
		{"closing white corner", "甲乙丙『丁戊』己", 5, []string{"甲乙丙『丁", "戊』己"}},
		{"closing double quote", "甲乙丙“丁戊”己", 5, []string{"甲乙丙“丁", "戊”己"}},
		{"closing single quote", "甲乙丙‘丁戊’己", 5, []string{"甲乙丙‘丁", "戊’己"}},
		{"two closers", "甲乙丙丁戊。”", 5, []string{"甲乙丙丁", "戊。”"}},
		{"fullwidth percent", "甲乙丙丁戊％", 5, []string{"甲乙丙丁", "戊％"}},
		{"ascii comma", "甲乙丙丁戊,己", 5, []string{"甲乙丙丁", "戊,己"}},
		{"ascii full stop", "甲乙丙丁戊.己", 5, []string{"甲乙丙丁", "戊.己"}},
		{"ascii closers", "甲乙丙丁戊;己戊:己戊?己戊!己戊)", 5, []string{"甲乙丙丁", "戊;己戊:己", "戊?己戊!己", "戊)"}},
		{"ellipsis", "甲乙丙丁戊……", 6, []string{"甲乙丙丁", "戊……"}},
		// Opening punctuation never ends a line.
		{"opening paren", "甲乙丙丁（戊己）", 5, []string{"甲乙丙丁", "（戊己）"}},
		{"opening book title", "甲乙丙丁《戊》", 5, []string{"甲乙丙丁", "《戊》"}},
		{"opening quote", "甲乙丙丁“戊”", 5, []string{"甲乙丙丁", "“戊”"}},
		{"opening single quote", "甲乙丙丁‘戊’", 5, []string{"甲乙丙丁", "‘戊’"}},
		{"opening corner", "甲乙丙丁「戊」", 5, []string{"甲乙丙丁", "「戊」"}},
		{"opening white corner", "甲乙丙丁『戊』", 5, []string{"甲乙丙丁", "『戊』"}},
		{"ascii opening", "甲乙丙丁(戊)", 5, []string{"甲乙丙丁", "(戊)"}},
		// Numbers stay with their units.
		{"yi yuan", "投入资金1.2亿元", 7, []string{"投入资金", "1.2亿元"}},
		{"percent", "调解率达98.6%，", 7, []string{"调解率达", "98.6%，"}},
		{"wan renci", "培训2.1万人次", 6, []string{"培训", "2.1万人次"}},
		{"range", "帮扶5—15户", 5, []string{"帮扶", "5—15户"}},
		{"range hyphen", "帮扶5-15户", 4.5, []string{"帮扶", "5-15户"}},
		{"approx", "投入30余万元", 5, []string{"投入", "30余万元"}},
		{"wan yu", "党员1万余名", 5, []string{"党员", "1万余名"}},
		{"thousands", "发展党员1,582名", 6, []string{"发展党员", "1,582名"}},
		{"list", "提高14、15个百分点", 8, []string{"提高", "14、15个百分点"}},
		{"year", "甲乙丙丁2024年度", 6, []string{"甲乙丙丁", "2024年度"}},
		{"chinese numeral", "甲乙丙丁三十余个", 5, []string{"甲乙丙丁", "三十余个"}},
		{"ordinal", "甲乙丙丁第4期", 5, []string{"甲乙丙丁", "第4期"}},
		{"bare chinese numeral breaks", "甲乙丙丁一体统筹", 5, []string{"甲乙丙丁一", "体统筹"}},
		{"number then comma", "甲乙丙丁3472名，", 6, []string{"甲乙丙丁", "3472名，"}},
		{"fullwidth digits", "甲乙丙丁１２名", 5, []string{"甲乙丙丁", "１２名"}},
		// Latin words are not split; spaces at a break are dropped.
		{"latin word", "采用GB/T 9704格式", 6, []string{"采用GB/T", "9704格式"}},
		{"latin words", "hello world again", 5, []string{"hello", "world", "again"}},
		{"number latin", "甲乙丙丁5G网络", 4.5, []string{"甲乙丙丁", "5G网络"}},
		// The groups follow the figure grammar of package extract.
		{"counting word from the list", "甲乙丙丁200头", 6, []string{"甲乙丙丁", "200头"}},
		{"estimate pair", "甲乙丙丁十五六万元", 6, []string{"甲乙丙丁", "十五六万元"}},
		{"chinese lower part", "甲乙丙丁3万两千元", 6, []string{"甲乙丙丁", "3万两千元"}},
		{"percentage points", "甲乙丙丁1.5个百分点", 7, []string{"甲乙丙丁", "1.5个百分点"}},
		// Last resort: a unit wider than the line is cut, still keeping
		// closing punctuation off the line start.
		{"too long", "123456789012", 3, []string{"123456", "789012"}},
		{"too long with closer", "30余万元）", 4, []string{"30余万", "元）"}},
		{"dash pair", "甲乙丙丁——戊", 5, []string{"甲乙丙丁", "——戊"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := breakLines(tt.text, tt.width, lineTestMeasure)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("breakLines(%q, %v) = %q, want %q", tt.text, tt.width, got, tt.want)
			}
			if strings.Join(got, "") != strings.NewReplacer("\r\n", "", "\n", "", " ", "").Replace(tt.text) &&
				!strings.Contains(tt.text, " ") {
				t.Errorf("characters lost or added: %q", got)
			}
			for _, l := range got {
				if lineTestMeasure(l) > tt.width+1e-9 {
					t.Errorf("line %q wider than %v", l, tt.width)
				}
			}
		})
	}
}

// TestBreakLinesRules checks the rules on a long real sentence at many widths.
func TestBreakLinesRules(t *testing.T) {
	text := "开展正反面典型案例集中警示教育，组织慈溪市共95批次、3472名党员集中观展；梳理年轻干部易发多发的腐败风险点，以漫画形式制作《新入职干部纪法提醒书》，投入资金1.2亿元，调解率达98.6%，培训2.1万人次（含“三支队伍”30余万元）。"
	for w := 4.0; w <= 30; w += 0.5 {
		lines := breakLines(text, w, lineTestMeasure)
		if got := strings.Join(lines, ""); got != text {
			t.Fatalf("width %v: text changed: %q", w, got)
		}
		for i, l := range lines {
			first, _ := utf8.DecodeRuneInString(l)
			last, _ := utf8.DecodeLastRuneInString(l)
			if i > 0 && strings.ContainsRune(lineNoStart, first) {
				t.Errorf("width %v: line %q starts with %q", w, l, first)
			}
			if i < len(lines)-1 && strings.ContainsRune(lineNoEnd, last) {
				t.Errorf("width %v: line %q ends with %q", w, l, last)
			}
			if lineTestMeasure(l) > w+1e-9 {
				t.Errorf("width %v: line %q too wide", w, l)
			}
		}
		joined := strings.Join(lines, "|")
		for _, n := range []string{"95批次", "3472名", "1.2亿元", "98.6%", "2.1万人次", "30余万元"} {
			if w >= 6 && !strings.Contains(joined, n) {
				t.Errorf("width %v: %s split: %q", w, n, joined)
			}
		}
	}
}

// FuzzBreakLines: on any text and width, breaking keeps every character
// but the ASCII spaces at breaks, keeps lines within the width unless one
// unit is wider than the line, and starts no line with closing punctuation
// unless a unit had to be cut.
func FuzzBreakLines(f *testing.F) {
	f.Add("开展正反面典型案例集中警示教育，组织慈溪市共95批次、3472名党员集中观展。", 7.0)
	f.Add("投入资金1.2亿元（含“三支队伍”30余万元）", 4.5)
	f.Add("hello world 5—15户，提高14、15个百分点\n下一段", 3.0)
	f.Fuzz(func(t *testing.T, text string, width float64) {
		if !utf8.ValidString(text) || width < 2 || width > 200 || width != width {
			return
		}
		lines := breakLines(text, width, lineTestMeasure)
		strip := strings.NewReplacer("\r\n", "", "\n", "", " ", "")
		if got, want := strip.Replace(strings.Join(lines, "")), strip.Replace(text); got != want {
			t.Fatalf("breakLines(%q, %v) = %q: characters lost or added", text, width, lines)
		}
		for _, l := range lines {
			if lineTestMeasure(l) <= width+1e-9 {
				continue
			}
			// Only a unit wider than the line may overflow it, and then
			// only by the closing punctuation it carries.
			if len(lineUnits(lineAtoms(l))) > 1 && !strings.ContainsAny(l, lineNoStart) {
				t.Fatalf("breakLines(%q, %v): line %q wider than the width", text, width, l)
			}
		}
	})
}
