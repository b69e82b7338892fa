package main

import "github.com/spf13/cobra"

func newEvalCmd(a *app) *cobra.Command {
	return &cobra.Command{Use: "eval", Hidden: true}
}
