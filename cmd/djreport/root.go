package main

import (
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// app carries what every command shares: the writers and the config.
type app struct {
	stdout, stderr io.Writer
	v              *viper.Viper
	configPath     string
}

// config reads the configuration once the command's flags are parsed.
func (a *app) config(cmd *cobra.Command) (*config, error) {
	explicit := cmd.Flags().Changed("config")
	return loadConfig(a.v, a.configPath, explicit)
}

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	a := &app{stdout: stdout, stderr: stderr, v: newViper()}
	root := &cobra.Command{
		Use:   "djreport",
		Short: "基层党建季度工作报告汇总工具",
		Long: "djreport 读取一个季度的基层党建工作报告（.txt、.html、.docx、.pdf），\n" +
			"提取其中的各项数据，按 抓队伍、建机制、促发展、强治理 四个板块归类，\n" +
			"填入标准季度汇总表，并为每个单位生成 PDF 简报。",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&a.configPath, "config", "config.yaml", "配置文件路径")
	addConfigFlags(root.PersistentFlags(), a.v)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usagef("参数有误：%v", err) })
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetUsageTemplate(usageTemplate)
	root.PersistentFlags().BoolP("help", "h", false, "显示帮助")
	root.SetHelpCommand(&cobra.Command{Hidden: true})
	root.AddCommand(newExtractCmd(a), newRunCmd(a), newValidateCmd(a))
	return root
}

// execute runs the command line and returns the exit status.
func execute(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err != nil && cmd != nil && isUsageProblem(err) {
		err = usagef("命令行有误：%v（用 djreport --help 查看用法）", err)
	}
	return exitCode(err, stderr)
}

// isUsageProblem recognises cobra's own argument errors (unknown command,
// wrong number of arguments), which are bad usage.
func isUsageProblem(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires ", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// usageTemplate is cobra's usage text in Chinese.
const usageTemplate = `用法：{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [命令]{{end}}{{if .HasAvailableSubCommands}}

命令：{{range .Commands}}{{if .IsAvailableCommand}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

选项：
{{.LocalFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

全局选项：
{{.InheritedFlags.FlagUsages | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

用 "{{.CommandPath}} [命令] --help" 查看各命令的说明。{{end}}
`
