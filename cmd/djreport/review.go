package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"djreport/extract"
	"djreport/mapping"
	"djreport/report"
	"djreport/source"
)

func newReviewCmd(a *app) *cobra.Command {
	var port int
	cmd := &cobra.Command{
		Use:   "review [--port N]",
		Short: "在本机浏览器中逐项审核本期数据（确认、更正、不采用、移动、补录），决定即时保存到审核文件",
		Long: "在本机浏览器中逐项审核本期数据：每个单位的指标和全部数据，旁边是报告原文，所在句子高亮。\n" +
			"每个决定即时保存到审核文件（默认为 config.yaml 旁的 review/<期间>.yaml），下次 djreport run 时应用。\n" +
			"页面只在本机（127.0.0.1）提供；第一行输出为页面地址，按 Ctrl-C 结束。",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			// Bound here, not when the command is made: viper keeps one
			// flag per key, and run's --period and --sources are bound too.
			for _, k := range []string{"period", "sources"} {
				_ = a.v.BindPFlag(k, cmd.Flags().Lookup(k))
			}
			c, err := a.config(cmd)
			if err != nil {
				return err
			}
			return runReview(cmd.Context(), c, port, a.stdout, a.stderr)
		},
	}
	cmd.Flags().IntVar(&port, "port", 0, "端口（默认自动选一个空闲端口）")
	cmd.Flags().String("period", "", "期间，如 2024Q4（默认取配置 period）")
	cmd.Flags().StringSlice("sources", nil, "报告文件或文件夹（默认取配置 sources）")
	return cmd
}

// reviewData extracts the period's sources as a run does and gathers what
// the review page shows.
func reviewData(ctx context.Context, c *config) (*report.ReviewData, error) {
	if !validPeriod(c.Period) {
		return nil, usagef("期间「%s」格式不对，应为 年份+Q+季度，如 2024Q4", c.Period)
	}
	set, err := c.mappingSet()
	if err != nil {
		return nil, usageError{err}
	}
	if _, _, err := loadRunReview(c, set); err != nil {
		return nil, err
	}
	col, err := source.Scan(c.Sources)
	if err != nil {
		return nil, usageError{err}
	}
	if len(col.Files) == 0 {
		return nil, usagef("在 %v 中没有找到报告文件（%s）", c.Sources, source.Extensions())
	}
	x, err := extract.New(c.extractConfig())
	if err != nil {
		return nil, usageError{err}
	}
	rs, all := extractSources(ctx, col.Files, x, c.Workers, nil)
	if !all || ctx.Err() != nil {
		return nil, interruptedf("已中断")
	}
	superseded := supersede(rs)
	skip := map[string]bool{}
	for _, s := range superseded {
		skip[s.Path] = true
	}
	order, figs, srcs := unitFigures(rs, skip)
	order, _ = dropEmpty(order, figs)
	d := &report.ReviewData{Period: c.Period, File: c.Review, Base: c.baseDir(), Set: set, Sources: srcs,
		Doubts: map[string]*extract.Doubt{}, Superseded: superseded}
	d.Input.Order, d.Input.Figures = order, figs
	live := map[string]bool{}
	for _, r := range rs {
		if r.err != nil || skip[r.path] {
			continue
		}
		// Decisions' sources are absolute (ResolveSources): compare so.
		if abs, err := filepath.Abs(r.path); err == nil {
			live[abs] = true
		}
		if r.doc.Doubt != nil {
			d.Doubts[r.path] = r.doc.Doubt
		}
		d.Input.Other = append(d.Input.Other, r.doc.Outside...)
	}
	d.Previous = func(out *mapping.ReviewOutcome) map[string][]mapping.Check {
		return reviewPrevious(c, set, srcs, out)
	}
	d.Input.SourceExists = func(p string) bool {
		abs, err := filepath.Abs(p)
		return err == nil && live[abs]
	}
	return d, nil
}

func runReview(ctx context.Context, c *config, port int, stdout, stderr io.Writer) error {
	if port < 0 || port > 65535 {
		return usagef("端口 %d 无效（应为 1–65535，或 0 自动选择）", port)
	}
	d, err := reviewData(ctx, c)
	if err != nil {
		return err
	}
	// Loopback only: the page holds the reports and writes the decisions.
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("无法在 127.0.0.1:%d 上提供审核页面：%v（端口可能已被占用，可用 --port 换一个）", port, err)
	}
	addr := ln.Addr().String()
	s, err := report.NewReviewServer(*d, addr)
	if err != nil {
		ln.Close()
		return err
	}
	// The address is the first line on stdout, for people and scripts.
	fmt.Fprintln(stdout, s.URL())
	fmt.Fprintf(stderr, "审核页面已启动：%d 个单位，决定保存到 %s。按 Ctrl-C 结束。\n", len(d.Input.Order), d.File)
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
		fmt.Fprintln(stderr, "审核页面已关闭；决定已保存。")
	}
	return nil
}

// reviewPrevious are the page's checks against last quarter: the units as
// a run makes them from the decisions' outcome, through attachPrevious, so
// the page lists what run.json will.
func reviewPrevious(c *config, set *mapping.Set, srcs map[string][]string, out *mapping.ReviewOutcome) map[string][]mapping.Check {
	var units []report.Unit
	for _, name := range out.Order {
		if len(out.Figures[name]) == 0 {
			continue // no outputs in a run either (unitsOrder)
		}
		units = append(units, report.Unit{Name: name, Period: c.Period, Sources: srcs[name], Figures: out.Figures[name], Bindings: out.Bound[name]})
	}
	attachPrevious(c, units, set.Indicators, &runReport{}, out.Rejected)
	checks := map[string][]mapping.Check{}
	for _, u := range units {
		checks[u.Name] = u.Checks
	}
	return checks
}
