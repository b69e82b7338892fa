package main

import "github.com/spf13/cobra"

func newRunCmd(a *app) *cobra.Command      { return &cobra.Command{Use: "run", Short: "生成汇总表与简报"} }
func newValidateCmd(a *app) *cobra.Command { return &cobra.Command{Use: "validate", Short: "检查配置"} }
