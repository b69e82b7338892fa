package report

import "fmt"

// ParseTemplate is LoadTemplate over bytes already read, such as the
// template built into the binary; name is how messages call it.
func ParseTemplate(name string, data []byte) (*Template, error) {
	t := &Template{Path: name, data: data}
	f, err := t.open()
	if err != nil {
		return nil, fmt.Errorf("模板 %s 不是有效的 .xlsx 文件：%s", name, XLSXReason(err))
	}
	f.Close()
	return t, nil
}
