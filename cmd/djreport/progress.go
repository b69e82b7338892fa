package main

import (
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows how a run advances: a bar on a terminal, otherwise one
// plain line per finished unit (sources are counted silently).
type progress struct {
	w     io.Writer
	bar   *progressbar.ProgressBar
	quiet bool
}

func newProgress(w io.Writer, what string, total int, quiet bool) *progress {
	p := &progress{w: w, quiet: quiet}
	if quiet {
		return p
	}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(w),
			progressbar.OptionShowCount(),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionSetDescription(what),
		)
	}
	return p
}

func (p *progress) source(extracted) {
	if p.bar != nil {
		_ = p.bar.Add(1)
	}
}

func (p *progress) unit(u unitReport) {
	switch {
	case p.quiet:
	case p.bar != nil:
		_ = p.bar.Add(1)
	case u.Error == "":
		fmt.Fprintf(p.w, "已生成 %s：%s、%s（%d 项数据，%d 项指标）\n", u.Name, u.Workbook, u.Brief, u.Figures, len(u.Indicators))
	}
}

func (p *progress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
