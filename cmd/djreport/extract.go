package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/width"

	"djreport/extract"
	"djreport/mapping"
	"djreport/report"
	"djreport/source"
)

// extractOptions are the inputs of `djreport extract`.
type extractOptions struct {
	paths  []string
	format string
}

func newExtractCmd(a *app) *cobra.Command {
	opts := &extractOptions{}
	cmd := &cobra.Command{
		Use:   "extract [选项] [文件|文件夹]...",
		Short: "提取报告中的全部数据并输出（不写入任何文件）",
		Long: "提取报告中的全部数据：数值、计量单位、限定词（余、多、超……）、所计对象、所属单位与板块，\n" +
			"以及所在原句和行号。未给出文件时读取配置中的 sources。",
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			switch opts.format {
			case "table", "json", "csv":
			default:
				return usagef("未知的输出格式「%s」（可选 table、json、csv）", opts.format)
			}
			c, err := a.config(cmd)
			if err != nil {
				return err
			}
			return runExtract(cmd.Context(), c, opts, a.stdout, a.stderr)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "table", "输出格式：table、json 或 csv")
	return cmd
}

// extractOutput is the JSON contract of PRODUCT.md (writeJSON writes it
// piece by piece; tests read it back into this type).
type extractOutput struct {
	Documents  []extract.Document `json:"documents"`
	Indicators []mapping.Binding  `json:"indicators"`
}

func runExtract(ctx context.Context, c *config, opts *extractOptions, stdout, stderr io.Writer) error {
	paths := opts.paths
	if len(paths) == 0 {
		paths = c.Sources
	}
	col, err := source.Scan(paths)
	if err != nil {
		return usageError{err}
	}
	files := col.Files
	if len(files) == 0 && len(col.Errors) == 0 {
		return usagef("在 %s 中没有找到报告文件（%s）", strings.Join(paths, "、"), source.Extensions())
	}
	x, err := extract.New(c.extractConfig())
	if err != nil {
		return usageError{err}
	}
	rs, all := extractSources(ctx, files, x, c.Workers, nil)
	if !all || ctx.Err() != nil {
		return interruptedf("已中断：没有输出任何数据")
	}
	// An unreadable folder is one failed source, like an unreadable file.
	for _, e := range col.Errors {
		rs = append(rs, extracted{err: e})
	}
	failed := reportFailures(rs, stderr)
	if n := len(col.Skipped); n > 0 {
		fmt.Fprintf(stderr, "跳过 %d 个文件（不支持的类型或未跟随的链接）：\n", n)
		for _, sk := range col.Skipped {
			fmt.Fprintf(stderr, "  %s：%s\n", sk.Path, sk.Reason)
		}
	}
	var docs []extract.Document
	for _, r := range rs {
		if r.err == nil {
			docs = append(docs, r.doc)
		}
	}
	switch opts.format {
	case "json":
		// Only the JSON carries the indicators, so only it needs the mapping.
		set, lerr := c.mappingSet()
		if lerr != nil {
			return usageError{lerr}
		}
		order, figs, _ := unitFigures(rs, nil)
		bindings, _, _ := bindAll(set, order, figs)
		err = writeJSON(stdout, docs, bindings)
	case "csv":
		err = writeCSV(stdout, docs)
	default:
		err = writeTable(stdout, docs)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return partialError{failed}
	}
	return nil
}

func writeJSON(w io.Writer, docs []extract.Document, bindings []mapping.Binding) error {
	o := newJSONObject(w)
	o.array("documents", len(docs), func(i int) any { return docs[i] })
	o.array("indicators", len(bindings), func(i int) any { return bindings[i] })
	return o.close()
}

var csvHeader = []string{"文件", "单位", "板块", "数值", "上限", "计量", "限定词", "原文", "所计对象", "原句", "行"}

// outsideUnit names, in the table and CSV, figures about no unit.
const outsideUnit = "（不属任何单位）"

// allFigures are a document's figures, then those about no unit.
func allFigures(d extract.Document) []extract.Figure {
	return append(slices.Clip(d.Figures), d.Outside...)
}

func figureRow(f extract.Figure) []string {
	if f.Unit == "" {
		f.Unit = outsideUnit
	}
	mx := ""
	if f.Max != nil {
		mx = formatValue(*f.Max)
	}
	return []string{f.Source, f.Unit, string(f.Section), formatValue(f.Value), mx, f.Measure, f.Qualifier, f.Text, f.Subject, f.Sentence, strconv.Itoa(f.Line)}
}

// writeCSV writes UTF-8 with a byte-order mark, so Excel opens it right.
func writeCSV(w io.Writer, docs []extract.Document) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, d := range docs {
		for _, f := range allFigures(d) {
			row := figureRow(f)
			for i := range row {
				row[i] = csvSafe(row[i])
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvSafe keeps a spreadsheet from running a cell as a formula: text that
// starts with = + - @, a tab or a carriage return gets a leading single
// quote (OWASP's advice on CSV injection); numbers such as -3 stay numbers.
// Report text is outside input, so =HYPERLINK(…) in a report must arrive
// in Excel as text.
func csvSafe(cell string) string {
	if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return cell
	}
	// Only plain decimals count as numbers: ParseFloat also takes -Inf, NaN
	// and hex, which a spreadsheet would not.
	if _, err := strconv.ParseFloat(cell, 64); err == nil && strings.Trim(cell, "0123456789.eE+-") == "" {
		return cell
	}
	return "'" + cell
}

// writeTable prints aligned columns for people (CJK characters count as two
// columns); the sentence is left out to keep lines readable.
func writeTable(w io.Writer, docs []extract.Document) error {
	header := []string{"单位", "板块", "数值", "计量", "限定词", "原文", "所计对象", "行"}
	var rows [][]string
	for _, d := range docs {
		for _, f := range allFigures(d) {
			r := figureRow(f)
			value := report.FormatValue(f.Value)
			if f.Max != nil {
				value += "—" + report.FormatValue(*f.Max)
			}
			rows = append(rows, []string{r[1], r[2], value, r[5], r[6], r[7], r[8], r[10]})
		}
	}
	widths := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	line := func(r []string) error {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteString("\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	if err := line(header); err != nil {
		return err
	}
	for _, r := range rows {
		if err := line(r); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintf(w, "共 %d 份报告，%d 项数据。\n", len(docs), len(rows))
	return err
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// formatValue prints a value without exponent or trailing zeros.
func formatValue(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
