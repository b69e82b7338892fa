package report

import "fmt"

// ParseTemplate is LoadTemplate over bytes already read, such as the
// template built into the binary; name is how messages call it.
func ParseTemplate(name string, data []byte) (*Template, error) {
	t := &Template{Path: name, data: data}
	f, err := t.open()
	if err != nil {
		return nil, fmt.Errorf("模板 %s 不是有效的 .xlsx 文件：%w", name, err)
	}
	f.Close()
	return t, nil
}

// ParseFont is LoadFont over bytes already read, such as the font built
// into the binary; name is how messages call it.
func ParseFont(name string, data []byte) (*Font, error) {
	f := &Font{path: name, data: data}
	if err := f.checkTables(); err != nil {
		return nil, fmt.Errorf("字体文件 %s 不可用：%s", name, err)
	}
	if err := f.readWidths(); err != nil {
		return nil, fmt.Errorf("字体文件 %s 不可用：%s", name, err)
	}
	return f, nil
}
