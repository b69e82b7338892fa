package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"djreport/extract"
)

func newValidateCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "validate",
		Short: "检查 config.yaml、映射文件与模板是否相互一致",
		Long: "检查 config.yaml、映射文件与模板：未知的工作表、单元格或名称，两个指标指向同一单元格，\n" +
			"未知的板块或计量单位，重复的指标编号，YAML 格式错误。每个问题注明文件与行号（及工作表、单元格）。\n" +
			"模板是上级下发的表格时，还拒绝会破坏表格的填写位置：公式单元格、合并区域中非左上角的单元格、\n" +
			"已有文字的标签单元格、下拉列表不接受数值的单元格、超出工作表的单元格；并列出表中没有对应单元格的指标。",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := a.config(cmd)
			if err != nil {
				return err
			}
			return runValidate(c, a.stdout)
		},
	}
}

// runValidate checks everything a run needs before it starts, and reports
// every problem found, not just the first.
func runValidate(c *config, stdout io.Writer) error {
	var problems []error
	var notes []string
	if c.note != "" {
		notes = append(notes, c.note)
	}
	if x, err := extract.New(c.extractConfig()); err != nil {
		problems = append(problems, err)
	} else {
		notes = append(notes, x.ConfigWarnings()...)
	}
	a, err := c.loadAssets()
	if err != nil {
		problems = append(problems, err)
	}
	if !validPeriod(c.Period) {
		problems = append(problems, fmt.Errorf("%s期间 period「%s」格式不对，应为 年份+Q+季度，如 2024Q4", c.where("period", c.Period), c.Period))
	}
	if len(problems) > 0 {
		return usageError{errors.Join(problems...)}
	}
	notes = append(notes, kindNotes(a.set)...)
	notes = append(notes, expectedNotes(c)...)
	notes = append(notes, a.fontNotes...)
	for _, n := range notes {
		fmt.Fprintf(stdout, "注意：%s\n", n)
	}
	fmt.Fprintf(stdout, "检查通过：%d 个指标；%s。\n", len(a.set.Indicators), c.describe())
	if s := installedSummary(a.fontUses); s != "" {
		fmt.Fprintf(stdout, "%s。\n", s)
	}
	if d := a.describeForm(); d != "" {
		fmt.Fprintf(stdout, "%s。\n", d)
	}
	return nil
}
