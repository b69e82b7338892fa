package mapping

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with the mapping files, config.yaml or the
// template, located precisely enough for a staff member to fix it.
type Problem struct {
	File  string // mapping file or config.yaml, as given
	Line  int    // 0 when unknown
	Sheet string // template sheet, when the problem concerns a cell
	Cell  string // A1 reference, when the problem concerns a cell
	Msg   string // in Chinese, without the location prefix
}

func (p Problem) String() string {
	switch {
	case p.File == "":
		return p.Msg
	case p.Line <= 0:
		return p.File + ": " + p.Msg
	default:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
}

// Problems collects every problem found, so one run reports them all
// instead of one per attempt. It is the user-facing error of Load, Validate
// and Targets.
type Problems struct {
	List []Problem
}

func (p *Problems) Error() string {
	lines := make([]string, len(p.List))
	for i, q := range p.List {
		lines[i] = q.String()
	}
	return strings.Join(lines, "\n")
}

func (p *Problems) addf(file string, line int, format string, args ...any) {
	p.List = append(p.List, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (p *Problems) addCell(at pos, c Cell, format string, args ...any) {
	p.List = append(p.List, Problem{File: at.File, Line: at.Line, Sheet: c.Sheet, Cell: c.Ref, Msg: fmt.Sprintf(format, args...)})
}

// err returns p as an error, or nil when nothing was found (never a typed
// nil inside a non-nil interface).
func (p *Problems) err() error {
	if p == nil || len(p.List) == 0 {
		return nil
	}
	return p
}
