package extract

import "testing"

func TestUnitLevel(t *testing.T) {
	tests := []struct {
		name          string
		others        []string
		level, parent string
	}{
		{"宁波市", nil, UnitCity, ""},
		{"慈溪市", nil, UnitCounty, "宁波市"},
		{"湄潭县", nil, UnitCounty, "遵义市"},
		{"岳西县", nil, UnitCounty, "安庆市"},
		{"北京市", nil, UnitCity, ""},
		{"海淀区", nil, UnitCounty, "北京市"},
		{"仙桃市", nil, UnitCounty, ""},
		{"甘孜藏族自治州", nil, UnitCity, ""},
		{"市直机关工委", nil, "", ""},
		{"浙江省", nil, "", ""},
		// 朝阳区 is in 北京市 and 长春市: the run's other units settle it.
		{"朝阳区", []string{"长春市"}, UnitCounty, "长春市"},
		{"朝阳区", nil, UnitCounty, ""},
	}
	for _, tt := range tests {
		level, parent := UnitLevel(tt.name, tt.others)
		if level != tt.level || parent != tt.parent {
			t.Errorf("%s %v: %q %q, want %q %q", tt.name, tt.others, level, parent, tt.level, tt.parent)
		}
	}
}
