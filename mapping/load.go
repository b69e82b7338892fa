package mapping

import (
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

// File is the parsed form of one mapping file.
type file struct {
	Indicators []yaml.Node `yaml:"indicators"`
}

// LoadFile reads one mapping file: its indicators in file order, each with
// the file and line it was defined at.
func LoadFile(path string) ([]Indicator, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%s: 无法读取映射文件：%w", path, err)
	}
	var f file
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%s: YAML 格式错误：%v", path, err)
	}
	out := make([]Indicator, 0, len(f.Indicators))
	for i := range f.Indicators {
		n := &f.Indicators[i]
		var ind Indicator
		if err := n.Decode(&ind); err != nil {
			return nil, fmt.Errorf("%s:%d: 指标定义有误：%v", path, n.Line, err)
		}
		ind.File, ind.Line = path, n.Line
		out = append(out, ind)
	}
	return out, nil
}
