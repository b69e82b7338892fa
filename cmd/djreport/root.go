package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
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
		Use:   "djreport [命令]",
		Short: "基层党建季度工作报告汇总工具",
		Long: "djreport 读取一个季度的基层党建工作报告（.txt、.html、.docx、.pdf），\n" +
			"提取其中的各项数据，按 抓队伍、建机制、促发展、强治理 四个板块归类，\n" +
			"填入标准季度汇总表，并为每个单位生成 PDF 简报。",
		Version:       version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVar(&a.configPath, "config", "config.yaml", "配置文件路径")
	addConfigFlags(root.PersistentFlags(), a.v)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usagef("参数有误：%s", translateCobra(err)) })
	// Our own completion command, so its help is Chinese too; cobra's
	// hidden __complete, which the scripts call, stays.
	root.CompletionOptions.DisableDefaultCmd = true
	root.PersistentFlags().BoolP("help", "h", false, "显示帮助")
	// Defined here so cobra does not add its English "version for djreport".
	root.Flags().BoolP("version", "v", false, "显示版本")
	root.SetVersionTemplate("djreport {{.Version}}\n")
	root.SetHelpCommand(newHelpCmd(root))
	root.AddCommand(newExtractCmd(a), newRunCmd(a), newValidateCmd(a), newReviewCmd(a), newEvalCmd(a), newCompletionCmd(root))
	cobra.AddTemplateFunc("flagUsages", flagUsages)
	for _, c := range append(root.Commands(), root) {
		c.SetUsageTemplate(usageTemplate)
		c.SetHelpTemplate(helpTemplate)
		// The synopsis names its options in Use, in Chinese.
		c.DisableFlagsInUseLine = true
	}
	return root
}

// execute runs the command line and returns the exit status. The first
// Ctrl-C (or SIGTERM) ends the commands' context; a second exits at once.
func execute(args []string, stdout, stderr io.Writer) int {
	ctx, stop := interruptContext(context.Background(), stderr, os.Exit)
	defer stop()
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	_, err := root.ExecuteContextC(ctx)
	var ue usageError
	if err != nil && !errors.As(err, &ue) && isUsageProblem(err) {
		err = usageError{errors.New(translateCobra(err))}
	}
	if errors.As(err, &ue) && isUsageProblem(ue.err) {
		err = usagef("命令行有误：%v（用 djreport --help 查看用法）", ue.err)
	}
	return exitCode(err, stderr)
}

// isUsageProblem recognises cobra's own argument errors (unknown command,
// wrong number of arguments), which are bad usage, also once translated.
func isUsageProblem(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires ", "invalid argument",
		"flag needs", "bad flag syntax", "未知命令", "未知选项", "需要一个值", "的值「", "参数个数", "选项写法"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

// cobraErrors are the messages of cobra and pflag (v1.10) a user can
// provoke, with their Chinese; the first match wins.
var cobraErrors = []struct {
	re *regexp.Regexp
	zh func(m []string) string
}{
	{regexp.MustCompile(`^unknown command "(.*)" for "(.*)"`), func(m []string) string {
		if strings.Contains(m[2], " ") { // a subcommand that takes no arguments
			return fmt.Sprintf("%s 不接受参数「%s」", m[2], m[1])
		}
		return fmt.Sprintf("未知命令「%s」", m[1])
	}},
	{regexp.MustCompile(`^unknown flag: (\S+)`), func(m []string) string { return "未知选项 " + m[1] }},
	{regexp.MustCompile(`^unknown shorthand flag: '(.)'`), func(m []string) string { return "未知选项 -" + m[1] }},
	{regexp.MustCompile(`^flag needs an argument: '(.)'`), func(m []string) string { return "选项 -" + m[1] + " 需要一个值" }},
	{regexp.MustCompile(`^flag needs an argument: (\S+)`), func(m []string) string { return "选项 " + m[1] + " 需要一个值" }},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(?:-., )?(\S+)" flag: .*(ParseInt|ParseBool|ParseFloat)`), func(m []string) string {
		kind := map[string]string{"ParseInt": "整数", "ParseBool": "true 或 false", "ParseFloat": "数字"}[m[3]]
		return fmt.Sprintf("选项 %s 的值「%s」无效（应为%s）", m[2], m[1], kind)
	}},
	{regexp.MustCompile(`^invalid argument "(.*)" for "(?:-., )?(\S+)" flag`), func(m []string) string {
		return fmt.Sprintf("选项 %s 的值「%s」无效", m[2], m[1])
	}},
	{regexp.MustCompile(`^accepts (\d+) arg\(s\), received (\d+)`), func(m []string) string {
		return fmt.Sprintf("参数个数不对：应为 %s 个，实际 %s 个", m[1], m[2])
	}},
	{regexp.MustCompile(`^bad flag syntax: (\S+)`), func(m []string) string { return "选项写法有误：" + m[1] }},
}

// translateCobra puts cobra's English error into Chinese, keeping its
// "did you mean" suggestions; unknown messages pass through.
func translateCobra(err error) string {
	msg := err.Error()
	var suggest []string
	if i := strings.Index(msg, "\n\nDid you mean this?"); i >= 0 {
		suggest = strings.Fields(msg[i+len("\n\nDid you mean this?"):])
		msg = msg[:i]
	}
	for _, e := range cobraErrors {
		if m := e.re.FindStringSubmatch(msg); m != nil {
			msg = e.zh(m)
			break
		}
	}
	if len(suggest) > 0 {
		msg += "；是否想输入：" + strings.Join(suggest, "、")
	}
	return msg
}

// version names the build: the module version (go install djreport@v1.2.0,
// or the VCS pseudo-version go build stamps since Go 1.24), else the VCS
// revision go build records, else that there is none (go run, tests).
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return versionFrom(bi)
}

func versionFrom(bi *debug.BuildInfo) string {
	if bi == nil {
		return "未知版本"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, at string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "开发版（无版本信息）"
	}
	v := rev[:min(len(rev), 12)]
	if modified {
		v += "+未提交的修改"
	}
	if at != "" {
		v += "（" + at + "）"
	}
	return v
}

// newHelpCmd is `djreport help [命令]`, in Chinese.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [命令]",
		Short: "显示某个命令的说明",
		RunE: func(_ *cobra.Command, args []string) error {
			c, rest, err := root.Find(args)
			if err != nil || c == nil || len(rest) > 0 {
				return usagef("未知命令「%s」", strings.Join(args, " "))
			}
			c.InitDefaultHelpFlag()
			return c.Help()
		},
	}
}

var shells = []string{"bash", "zsh", "fish", "powershell"}

func newCompletionCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish|powershell",
		Short: "生成命令行补全脚本（bash、zsh、fish、powershell）",
		Long: "向标准输出写出所给 shell 的补全脚本。启用方法：\n" +
			"  bash：       source <(djreport completion bash)，或写入 /etc/bash_completion.d/djreport\n" +
			"  zsh：        djreport completion zsh > \"${fpath[1]}/_djreport\"，然后重开终端\n" +
			"  fish：       djreport completion fish > ~/.config/fish/completions/djreport.fish\n" +
			"  powershell： djreport completion powershell | Out-String | Invoke-Expression",
		ValidArgs: shells,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("completion 需要一个参数：%s 之一", strings.Join(shells, "、"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			w := cmd.OutOrStdout()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(w, true)
			case "zsh":
				return root.GenZshCompletion(w)
			case "fish":
				return root.GenFishCompletion(w, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(w)
			}
			return usagef("不支持的 shell「%s」（可选 %s）", args[0], strings.Join(shells, "、"))
		},
	}
}

// flagTypes name a flag's value in the help; bool flags take none.
var flagTypes = map[string]string{"string": "文本", "stringSlice": "列表", "int": "整数", "bool": ""}

// flagUsages is pflag's FlagUsages in Chinese ("（默认 …）" for "(default
// …)", Chinese value names), aligned by display width, not bytes.
func flagUsages(fs *pflag.FlagSet) string {
	type row struct{ left, usage string }
	var rows []row
	w := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		left := "      --" + f.Name
		if f.Shorthand != "" {
			left = "  -" + f.Shorthand + ", --" + f.Name
		}
		t, ok := flagTypes[f.Value.Type()]
		if !ok {
			t = "值"
		}
		if t != "" {
			left += " " + t
		}
		u := f.Usage
		switch f.DefValue {
		case "", "false", "0", "[]":
		default:
			u += "（默认 " + f.DefValue + "）"
		}
		rows = append(rows, row{left, u})
		w = max(w, displayWidth(left))
	})
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(r.left + strings.Repeat(" ", w-displayWidth(r.left)+3) + r.usage + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// helpTemplate is cobra's help text in Chinese, with the exit statuses.
const helpTemplate = `{{with (or .Long .Short)}}{{. | trimTrailingWhitespaces}}

{{end}}{{if or .Runnable .HasSubCommands}}{{.UsageString}}{{end}}
` + exitHelp + "\n"

// usageTemplate is cobra's usage text in Chinese.
const usageTemplate = `用法：{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} [命令]{{end}}{{if .HasAvailableSubCommands}}

命令：{{range .Commands}}{{if .IsAvailableCommand}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

选项：
{{flagUsages .LocalFlags}}{{end}}{{if .HasAvailableInheritedFlags}}

全局选项：
{{flagUsages .InheritedFlags}}{{end}}{{if .HasAvailableSubCommands}}

用 "{{.CommandPath}} [命令] --help" 查看各命令的说明。{{end}}
`
