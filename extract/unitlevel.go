package extract

// Unit levels as the outputs name them (report.Unit.Level).
const (
	UnitCity   = "city"   // prefecture-level: 地级市, 自治州, 盟, a municipality
	UnitCounty = "county" // county-level: 县, 县级市, 区, 旗
)

// UnitLevel says from the gazetteer whether a reporting unit is a
// prefecture-level city or a county-level unit, and names a county's
// prefecture; "" when the name is not a division (a unit configured by
// staff, such as 市直机关工委). A name shared by several divisions (朝阳区)
// is settled by the other units of the run: the one whose prefecture is
// among them; still ambiguous, the level is kept only when all agree.
// Former names count as their successor.
func UnitLevel(name string, others []string) (level, parent string) {
	p := Gazetteer()
	var cands []*Division
	for _, d := range p.Lookup(name) {
		if d.Name == name {
			cands = append(cands, d)
		}
	}
	if len(cands) == 0 {
		for _, d := range p.Former {
			if d.Name == name {
				cands = append(cands, d.Successor)
			}
		}
	}
	if len(cands) == 0 {
		return "", ""
	}
	if len(cands) > 1 {
		in := map[string]bool{}
		for _, o := range others {
			in[o] = true
		}
		var near []*Division
		for _, d := range cands {
			if q := p.Prefecture(d); q != nil && q != d && in[q.Name] {
				near = append(near, d)
			}
		}
		if len(near) == 1 {
			cands = near
		}
	}
	lv := func(d *Division) string {
		switch {
		case d.Level == LevelPrefecture, d.Level == LevelProvince && gazMunicipalities[d.Name]:
			return UnitCity
		case d.Level == LevelCounty:
			return UnitCounty
		}
		return "" // a province: not a reporting unit of this tool
	}
	level = lv(cands[0])
	for _, d := range cands[1:] {
		if lv(d) != level {
			return "", ""
		}
	}
	if len(cands) > 1 || level != UnitCounty {
		return level, ""
	}
	// A county-level unit directly under a province (仙桃市) has no city.
	if q := p.Prefecture(cands[0]); q != nil && q != cands[0] {
		parent = q.Name
	}
	return level, parent
}
