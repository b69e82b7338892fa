package main

import "github.com/spf13/cobra"

func newValidateCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "validate", Short: "检查配置"}
}
