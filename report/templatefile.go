package report

import (
	"bytes"
	"fmt"
	"os"
	"sync"

	"github.com/xuri/excelize/v2"
)

// Template is an .xlsx template read once per run. Every output opens its
// own copy from the bytes, so renderers running in parallel share nothing
// mutable and the template file itself is never written.
type Template struct {
	Path string
	data []byte
	// plans are the detailed workbook's plans by catalogue, made on first
	// use and then only read (workbookxml.go).
	mu    sync.Mutex
	plans map[string]*workbookPlan
}

// LoadTemplate reads the template and checks that it opens as a workbook.
func LoadTemplate(path string) (*Template, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取模板 %s：%w", path, err)
	}
	t := &Template{Path: path, data: data}
	f, err := t.open()
	if err != nil {
		return nil, fmt.Errorf("模板 %s 不是有效的 .xlsx 文件：%s", path, XLSXReason(err))
	}
	f.Close()
	return t, nil
}

func (t *Template) open() (*excelize.File, error) {
	return excelize.OpenReader(bytes.NewReader(t.data))
}
