package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"djreport/extract"
	"djreport/mapping"
	"djreport/source"
)

func newEvalCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "eval [审核文件]...",
		Short: "用以往的审核决定给当前的提取打分：每个指标的精确率和召回率",
		Long: "用以往的审核决定给当前的提取打分：工作人员确认的算对，更正、不采用、移走的算错，补录的算漏，\n" +
			"得出每个指标的精确率（填的值中对的比例）和召回率（该填的值中填对的比例）。\n" +
			"未给出审核文件时，取审核文件夹（默认 config.yaml 旁的 review/）中的全部 .yaml。\n" +
			"每个审核文件按其期间重新提取报告：sources 中含本期期间（如 2024Q4）的路径换成该文件的期间。",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := a.config(cmd)
			if err != nil {
				return err
			}
			if format != "table" && format != "json" {
				return usagef("未知的输出格式「%s」（可选 table、json）", format)
			}
			return runEval(cmd.Context(), c, args, format, a.stdout, a.stderr)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "输出格式：table 或 json")
	return cmd
}

// evalSources are the sources of period p: config's, with the current
// period in their paths replaced by p (samples/2024Q4 → samples/2024Q3).
func evalSources(c *config, p string) []string {
	if p == "" || p == c.Period {
		return c.Sources
	}
	out := make([]string, len(c.Sources))
	for i, s := range c.Sources {
		out[i] = strings.ReplaceAll(s, c.Period, p)
	}
	return out
}

func runEval(ctx context.Context, c *config, files []string, format string, stdout, stderr io.Writer) error {
	set, err := c.mappingSet()
	if err != nil {
		return usageError{err}
	}
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join(filepath.Dir(c.Review), "*.yaml"))
		sort.Strings(files)
		if len(files) == 0 {
			return usagef("没有找到审核文件（%s 中没有 .yaml）：请给出审核文件，或先用 djreport review 审核", filepath.Dir(c.Review))
		}
	}
	x, err := extract.New(c.extractConfig())
	if err != nil {
		return usageError{err}
	}
	total := map[string]*mapping.Score{}
	unscored, decisions := 0, 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return usagef("无法读取审核文件 %s：%s", file, source.OSReason(err))
		}
		r, err := mapping.ParseReview(file, data)
		if err != nil {
			return usagef("审核文件有误：\n%v", err)
		}
		if err := r.Validate(file, set, ""); err != nil {
			return usagef("审核文件有误：\n%v", err)
		}
		srcs := evalSources(c, r.Period)
		col, err := source.Scan(srcs)
		if err != nil || len(col.Files) == 0 {
			fmt.Fprintf(stderr, "跳过 %s：找不到期间 %s 的报告（%s）\n", file, r.Period, strings.Join(srcs, "、"))
			continue
		}
		rs, all := extractSources(ctx, col.Files, x, c.Workers, nil)
		if !all || ctx.Err() != nil {
			return interruptedf("已中断")
		}
		reportFailures(rs, stderr)
		skip := map[string]bool{}
		for _, s := range supersede(rs) {
			skip[s.Path] = true
		}
		order, figs, _ := unitFigures(rs, skip)
		_, bound, _ := bindAll(set, order, figs)
		ev := r.Evaluate(set, bound)
		decisions += len(r.Decisions)
		unscored += ev.Unscored
		for _, s := range ev.Scores {
			t := total[s.Indicator]
			if t == nil {
				t = &mapping.Score{Indicator: s.Indicator}
				total[s.Indicator] = t
			}
			t.Right += s.Right
			t.Wrong += s.Wrong
			t.Missed += s.Missed
		}
		fmt.Fprintf(stderr, "%s（%s）：%d 项决定\n", file, r.Period, len(r.Decisions))
	}
	var scores []mapping.Score
	sum := mapping.Score{Indicator: "合计"}
	for _, ind := range set.Indicators {
		if s := total[ind.ID]; s != nil {
			scores = append(scores, *s)
			sum.Right += s.Right
			sum.Wrong += s.Wrong
			sum.Missed += s.Missed
		}
	}
	if format == "json" {
		type row struct {
			mapping.Score
			Precision *float64 `json:"precision"`
			Recall    *float64 `json:"recall"`
		}
		mk := func(s mapping.Score) row {
			r := row{Score: s}
			if p := s.Precision(); p >= 0 {
				r.Precision = &p
			}
			if v := s.Recall(); v >= 0 {
				r.Recall = &v
			}
			return r
		}
		out := struct {
			Indicators []row `json:"indicators"`
			Total      row   `json:"total"`
			Decisions  int   `json:"decisions"`
			Unscored   int   `json:"unscored"`
		}{[]row{}, mk(sum), decisions, unscored}
		for _, s := range scores {
			out.Indicators = append(out.Indicators, mk(s))
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}
	pct := func(v float64) string {
		if v < 0 {
			return "—"
		}
		return fmt.Sprintf("%.1f%%", 100*v)
	}
	w := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "指标\t名称\t对\t错\t漏\t精确率\t召回率")
	for _, s := range append(scores, sum) {
		ind, _ := set.ByID(s.Indicator)
		fmt.Fprintf(w, "%s\t%s\t%d\t%d\t%d\t%s\t%s\n", s.Indicator, ind.Label, s.Right, s.Wrong, s.Missed, pct(s.Precision()), pct(s.Recall()))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "共 %d 项决定，其中 %d 项与当前提取无关（数据已不在报告中，或确认/不采用的值已不再绑定），未计分。\n", decisions, unscored)
	return nil
}
